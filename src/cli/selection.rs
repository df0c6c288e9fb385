//! Paragraph selections on the command line: `c34 show 37 41-42`, `c34 cite 37,41`.

use std::collections::HashSet;
use std::str::FromStr;

use c34::dataset::{Dataset, Recommendation};

/// One argument: a paragraph number of the Special Committee's report, or an inclusive range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParaSpec {
    One(u32),
    Range(u32, u32),
}

/// Why an argument is not a paragraph number or a range of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum SpecError {
    #[error("expected a paragraph number or a range of them, e.g. 37 or 41-42")]
    NotANumber,
    #[error("{0} is too large for a paragraph number")]
    TooLarge(String),
    #[error("the range {start}-{end} goes down; write {end}-{start}")]
    Descending { start: u32, end: u32 },
}

impl FromStr for ParaSpec {
    type Err = SpecError;

    fn from_str(spec: &str) -> Result<ParaSpec, SpecError> {
        let number = |part: &str| -> Result<u32, SpecError> {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(SpecError::NotANumber);
            }
            part.parse()
                .map_err(|_| SpecError::TooLarge(part.to_string()))
        };
        // An en dash too, as in text copied from a document.
        match spec.split_once(['-', '–']) {
            None => Ok(ParaSpec::One(number(spec)?)),
            Some((start, end)) => {
                let (start, end) = (number(start)?, number(end)?);
                if start > end {
                    return Err(SpecError::Descending { start, end });
                }
                Ok(ParaSpec::Range(start, end))
            }
        }
    }
}

/// The recommendations a list of specs names, in the order given, each once.
pub(super) struct Selection<'a> {
    pub recommendations: Vec<&'a Recommendation>,
    /// True unless the command line named exactly one paragraph number: then output is one
    /// response (one JSON object, no header); otherwise a list (an array, headers).
    pub several: bool,
}

/// The specs that name nothing, each with what to say (one line each, the browser's words as a
/// diagnostic: `no response to ¶ 65 · nearest: ¶ 64, ¶ 66`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", messages.join("\n"))]
pub(super) struct Unanswered {
    pub messages: Vec<String>,
}

/// Resolves `specs` against the dataset, or says which of them name nothing.
pub(super) fn select<'a>(
    dataset: &'a Dataset,
    specs: &[ParaSpec],
) -> Result<Selection<'a>, Unanswered> {
    let mut seen = HashSet::new();
    let mut recommendations = Vec::new();
    let mut missing = Vec::new();
    for spec in specs {
        match *spec {
            ParaSpec::One(para) => match dataset.find(para).and_then(|at| dataset.get(at)) {
                Some(rec) if seen.insert(rec.para) => recommendations.push(rec),
                Some(_) => {}
                None => missing.push(dataset.no_response_diagnostic(para)),
            },
            ParaSpec::Range(start, end) => {
                let mut any = false;
                for (_, rec) in dataset.recommendations() {
                    if (start..=end).contains(&rec.para) {
                        any = true;
                        if seen.insert(rec.para) {
                            recommendations.push(rec);
                        }
                    }
                }
                if !any {
                    missing.push(empty_range_message(dataset, start, end));
                }
            }
        }
    }
    if !missing.is_empty() {
        return Err(Unanswered { messages: missing });
    }
    let several = !matches!(specs, [ParaSpec::One(_)]);
    Ok(Selection {
        recommendations,
        several,
    })
}

/// `no response to ¶ 1-17 · nearest: ¶ 18`, like [`Dataset::no_response_diagnostic`].
fn empty_range_message(dataset: &Dataset, start: u32, end: u32) -> String {
    let below = dataset
        .nearest_paras(start)
        .into_iter()
        .find(|&p| p < start);
    let above = dataset.nearest_paras(end).into_iter().find(|&p| p > end);
    let nearest: Vec<String> = below
        .into_iter()
        .chain(above)
        .map(|p| format!("¶ {p}"))
        .collect();
    if nearest.is_empty() {
        format!("no response to ¶ {start}-{end}")
    } else {
        format!(
            "no response to ¶ {start}-{end} · nearest: {}",
            nearest.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_numbers_and_ranges() {
        assert_eq!("37".parse(), Ok(ParaSpec::One(37)));
        assert_eq!("41-42".parse(), Ok(ParaSpec::Range(41, 42)));
        assert_eq!("41–42".parse(), Ok(ParaSpec::Range(41, 42)));
        assert_eq!("7-7".parse(), Ok(ParaSpec::Range(7, 7)));
        for bad in [
            "",
            "x",
            "4-",
            "-4",
            "4-x",
            "1-2-3",
            "+3",
            "42-41",
            "99999999999",
        ] {
            assert!(bad.parse::<ParaSpec>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_range_without_responses_names_the_nearest() {
        let dataset = Dataset::embedded();
        let Err(unanswered) = select(&dataset, &[ParaSpec::Range(1, 17)]) else {
            panic!("1-17 has no responses");
        };
        assert_eq!(
            unanswered.to_string(),
            "no response to ¶ 1-17 · nearest: ¶ 18"
        );
        let Err(unanswered) = select(&dataset, &[ParaSpec::Range(19, 21)]) else {
            panic!("19-21 has no responses");
        };
        assert_eq!(
            unanswered.to_string(),
            "no response to ¶ 19-21 · nearest: ¶ 18, ¶ 22"
        );
    }
}
