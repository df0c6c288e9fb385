//! Abbreviations a peacekeeping reader types, and what they stand for. A plain query word that
//! is an alias matches the word itself or any of its expansions; an expansion that is a
//! mission's name or place in the gazetteer searches that mission (`CAR` finds MINUSCA).
//! Aliases whose lower-case form is a common word (`CAR`/car, `SEA`/sea) apply only when typed
//! in capitals. The table is data: the `[[alias]]` entries of `assets/gazetteer.toml`.

use crate::missions::{self, Alias};
use crate::text;

/// Every alias, in the file's order.
pub fn aliases() -> &'static [Alias] {
    &missions::data().aliases
}

/// The alias `word` (a query word as typed) stands for, if any. A plural `s` after an
/// acronym typed in capitals is the acronym (`TCCs`, `IEDs`).
pub(super) fn lookup(word: &str) -> Option<&'static Alias> {
    let find = |word: &str| {
        aliases().iter().find(|alias| {
            if alias.case_sensitive {
                alias.short == word
            } else {
                alias.short.eq_ignore_ascii_case(word)
            }
        })
    };
    find(word).or_else(|| find(acronym_singular(word)?))
}

/// `TCCs` without its plural `s`: a word of two or more capitals then a lower-case `s`.
pub(super) fn acronym_singular(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    (stem.chars().count() >= 2 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
        .then_some(stem)
}

/// The folded words of an expansion.
pub(super) fn words(expansion: &str) -> Vec<String> {
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
    fn acronym_plurals_are_the_acronym() {
        assert_eq!(lookup("TCCs").map(|a| a.short), Some("TCC"));
        assert_eq!(lookup("IEDs").map(|a| a.short), Some("IED"));
        assert_eq!(acronym_singular("PCCs"), Some("PCC"));
        assert_eq!(acronym_singular("tccs"), None);
        assert_eq!(acronym_singular("Ss"), None);
    }

    #[test]
    fn every_alias_expands_to_more_than_one_word() {
        for alias in aliases() {
            assert!(!alias.expansions.is_empty(), "{}", alias.short);
            assert!(alias.expansions.iter().all(|e| words(e).len() > 1));
        }
    }
}
