//! The reports built into c34: today one, the report whose dataset is embedded in the binary.
//! Each is found by its document symbol; everything else asks this registry rather than naming
//! a report. The reports the user adds live in [`crate::library`], which lists both.

use std::sync::OnceLock;

use crate::dataset::Dataset;

/// A report c34 can open without being given a file.
pub struct Report {
    /// The dataset as `c34 import` writes it.
    json: &'static str,
    /// Parsed on first use.
    dataset: OnceLock<Dataset>,
}

/// The registry, the default first.
static REPORTS: [Report; 1] = [Report::embedded(include_str!("../assets/report.json"))];

impl Report {
    const fn embedded(json: &'static str) -> Report {
        Report {
            json,
            dataset: OnceLock::new(),
        }
    }

    /// The report's dataset, parsed once.
    pub fn dataset(&self) -> &Dataset {
        self.dataset.get_or_init(|| {
            // Embedded datasets are generated and checked by the test suite (`import_fidelity`):
            // failing here is a build bug, not a user's mistake.
            Dataset::from_json(self.json).expect("an embedded dataset is valid")
        })
    }

    /// The report's dataset to own: a copy of the parsed one, or parsed afresh (and not kept)
    /// when nothing has asked for it yet. The browser and the commands take theirs this way,
    /// so a start-up parses the embedded JSON once instead of parsing and copying it.
    pub fn to_dataset(&self) -> Dataset {
        match self.dataset.get() {
            Some(dataset) => dataset.clone(),
            None => Dataset::from_json(self.json).expect("an embedded dataset is valid"),
        }
    }

    /// The document symbol, as the dataset gives it.
    pub fn symbol(&self) -> &str {
        &self.dataset().document.symbol
    }

    /// The dataset's JSON exactly as embedded.
    pub fn json(&self) -> &'static str {
        self.json
    }
}

/// Every report, the default first.
pub fn all() -> &'static [Report] {
    &REPORTS
}

/// The report c34 opens when no other is asked for.
pub fn default() -> &'static Report {
    &REPORTS[0]
}

/// The report with this document symbol (letter case and spaces aside: `a/76/505/add.1`).
pub fn get(symbol: &str) -> Option<&'static Report> {
    let wanted = symbol_key(symbol);
    REPORTS
        .iter()
        .find(|report| symbol_key(report.symbol()) == wanted)
}

/// What makes two spellings of a symbol the same report: letter case and spaces aside
/// (`a / 76 / 505 / add.1` is `A/76/505/Add.1`).
pub fn symbol_key(symbol: &str) -> String {
    symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Dataset {
    /// The default report's dataset (see [`default`]).
    pub fn embedded() -> Dataset {
        default().to_dataset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_listed_and_found_by_its_symbol() {
        let report = default();
        let first: &Report = &all()[0];
        assert!(std::ptr::eq(first, report));
        // The symbol as the embedded JSON spells it, read here without the dataset parser.
        let json: serde_json::Value = serde_json::from_str(report.json()).unwrap();
        let symbol = json["document"]["symbol"].as_str().unwrap();
        assert!(std::ptr::eq(get(symbol).unwrap(), report));
        assert!(std::ptr::eq(
            get(&symbol.to_lowercase().replace('/', " / ")).unwrap(),
            report
        ));
        assert!(get("A/1/1").is_none());
        assert_eq!(Dataset::embedded().document.symbol, symbol);
    }
}
