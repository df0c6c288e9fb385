//! Abbreviations a peacekeeping reader types, and what they stand for. A plain query word that
//! is an alias matches the word itself or any of its expansions; an expansion that is a
//! mission's name or place in the gazetteer searches that mission (`CAR` finds MINUSCA).
//! Aliases whose lower-case form is a common word (`CAR`/car, `SEA`/sea) apply only when typed
//! in capitals.

use crate::text;

/// One abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    pub short: &'static str,
    /// Only the capitalised form (`CAR`, not `car`) is the alias.
    pub case_sensitive: bool,
    /// Full forms; each matches as a phrase whose last word may be a prefix (`device` is also
    /// `devices`).
    pub expansions: &'static [&'static str],
}

const fn alias(short: &'static str, expansions: &'static [&'static str]) -> Alias {
    Alias {
        short,
        case_sensitive: false,
        expansions,
    }
}

const fn capitals(short: &'static str, expansions: &'static [&'static str]) -> Alias {
    Alias {
        short,
        case_sensitive: true,
        expansions,
    }
}

/// The table, alphabetical.
pub const ALIASES: &[Alias] = &[
    alias("A4P", &["Action for Peacekeeping"]),
    capitals("AU", &["African Union"]),
    capitals("CAR", &["Central African Republic"]),
    alias(
        "CPAS",
        &["Comprehensive Planning and Performance Assessment System"],
    ),
    alias("CRSV", &["conflict-related sexual violence"]),
    alias("DDR", &["disarmament, demobilization and reintegration"]),
    alias(
        "DMSPC",
        &["Department of Management Strategy, Policy and Compliance"],
    ),
    capitals("DOS", &["Department of Operational Support"]),
    alias("DPO", &["Department of Peace Operations"]),
    alias(
        "DPPA",
        &["Department of Political and Peacebuilding Affairs"],
    ),
    alias("DRC", &["Democratic Republic of the Congo"]),
    capitals("EU", &["European Union"]),
    alias("HRDDP", &["human rights due diligence policy"]),
    alias("IED", &["improvised explosive device"]),
    alias("OIOS", &["Office of Internal Oversight Services"]),
    alias("PCC", &["police-contributing countr"]),
    alias("PoC", &["protection of civilians"]),
    alias("QIP", &["quick-impact project"]),
    capitals("SEA", &["sexual exploitation and abuse"]),
    alias("SOFA", &["status-of-forces agreement"]),
    alias("SSR", &["security sector reform"]),
    alias(
        "TCC",
        &[
            "troop-contributing countr",
            "troop- and police-contributing countr",
        ],
    ),
    alias("UNMAS", &["Mine Action Service"]),
    alias("UNPOL", &["United Nations Police"]),
    alias("WPS", &["women and peace and security"]),
];

/// The alias `word` (a query word as typed) stands for, if any.
pub fn lookup(word: &str) -> Option<&'static Alias> {
    ALIASES.iter().find(|alias| {
        if alias.case_sensitive {
            alias.short == word
        } else {
            alias.short.eq_ignore_ascii_case(word)
        }
    })
}

/// The folded words of an expansion.
pub fn words(expansion: &str) -> Vec<String> {
    text::words(expansion)
        .map(|range| text::fold(&expansion[range]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_only_where_the_word_is_common() {
        assert!(lookup("CAR").is_some());
        assert!(lookup("car").is_none());
        assert!(lookup("SEA").is_some());
        assert!(lookup("sea").is_none());
        assert!(lookup("poc").is_some());
        assert!(lookup("PoC").is_some());
        assert!(lookup("drc").is_some());
        assert!(lookup("peace").is_none());
    }

    #[test]
    fn the_table_is_sorted_and_every_alias_expands() {
        assert!(
            ALIASES
                .windows(2)
                .all(|w| w[0].short.to_lowercase() < w[1].short.to_lowercase())
        );
        for alias in ALIASES {
            assert!(!alias.expansions.is_empty(), "{}", alias.short);
            assert!(alias.expansions.iter().all(|e| words(e).len() > 1));
        }
    }
}
