//! One query word against the vocabulary: which words it matches, and how well.
//!
//! Tiers, best first: **exact** (the same word; see [`Case`] for capitals and accents),
//! **prefix** (a longer word that starts with it; terms of 2+ characters), **stem** (another
//! form of the word, for plain terms of 3+ characters without an acronym's capitals: the same
//! Snowball stem and the same inflection class, so plurals and verb endings count and
//! derivations that change the meaning do not — `organs` is not `organization`, see
//! [`crate::text::inflection_class`]), **typo** (the whole word within optimal string
//! alignment distance 1 for terms of up to 7 characters, 2 from 8). Typos need a term of 4+
//! characters and are tried only when no word of the text equals, starts with or is another
//! form of the term. There is no fuzzy matching inside words: a term matches inside a longer
//! word only as its start (a prefix) or, with `word$`, as its end.

use super::index::{SearchIndex, char_mask};
use super::query::Case;
use crate::text;

/// Quality of an exact match; the other tiers score below it, in disjoint bands.
pub(super) const EXACT: u32 = 100;
/// Prefix matches score in `PREFIX..PREFIX + 20`, more for a longer share of the word.
const PREFIX: u32 = 70;
/// Another form of the word (same stem), between prefix and typo matches.
const STEM: u32 = 60;
/// Terms shorter than this match no other forms of the word.
const MIN_STEM_CHARS: usize = 3;
const TYPO_ONE: u32 = 30;
const TYPO_TWO: u32 = 20;
/// A match of this quality or less was found only by forgiving a typo: the hit is approximate.
pub(super) const APPROXIMATE: u32 = TYPO_ONE;

/// Terms shorter than this (in characters) match only exactly or as a prefix.
pub const MIN_FORGIVING_CHARS: usize = 4;
/// Terms of this many characters or more may have two typos; shorter ones one.
pub const TWO_TYPOS_FROM_CHARS: usize = 8;
/// Terms shorter than this match only exactly.
const MIN_PREFIX_CHARS: usize = 2;

/// Which tiers a word may match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tiers {
    Exact,
    ExactOrPrefix,
    ExactOrSuffix,
    /// Exact or another form of the word (no prefix, no typo).
    Forms,
    All,
}

/// How a vocabulary word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Typo,
    /// Another form of the word (`deploying` for `deployment`).
    Stem,
    /// A longer word starting (or, for `word$`, ending) with the term.
    Prefix,
    Exact,
}

/// A vocabulary entry that matches a query word, with its match quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) entry: u32,
    pub(super) quality: u32,
    pub(super) tier: Tier,
}

/// The spelling of a vocabulary entry compared with a term under `case`, or `None` to compare
/// folded forms.
fn compared(index: &SearchIndex, entry: usize, case: Case) -> Option<std::borrow::Cow<'_, str>> {
    match case {
        Case::Fold => None,
        Case::Lower => Some(std::borrow::Cow::Owned(index.surface(entry).to_lowercase())),
        Case::Exact => Some(std::borrow::Cow::Borrowed(index.surface(entry))),
    }
}

/// The term as compared under `case` (see [`compared`]).
fn term_form(word: &str, case: Case) -> String {
    match case {
        Case::Fold => text::fold(word),
        Case::Lower => word.to_lowercase(),
        Case::Exact => word.to_string(),
    }
}

/// The vocabulary entries `word` matches, in vocabulary order.
pub(super) fn candidates(
    index: &SearchIndex,
    word: &str,
    tiers: Tiers,
    case: Case,
) -> Vec<Candidate> {
    let folded = text::fold(word);
    let form = term_form(word, case);
    let term_chars = folded.chars().count();
    let mut out = Vec::new();
    let surface_ok = |entry: usize, f: &dyn Fn(&str) -> bool| {
        compared(index, entry, case).is_none_or(|surface| f(&surface))
    };
    for entry in index.folded_range(&folded) {
        if surface_ok(entry, &|s| s == form) {
            out.push(candidate(entry, EXACT, Tier::Exact));
        }
    }
    if tiers == Tiers::ExactOrSuffix {
        suffixes(index, &form, &folded, case, &mut out);
        return out;
    }
    if matches!(tiers, Tiers::ExactOrPrefix | Tiers::All) && term_chars >= MIN_PREFIX_CHARS {
        for entry in index.prefix_range(&folded) {
            let chars = index.entries[entry].folded_chars as usize;
            if chars > term_chars && surface_ok(entry, &|s| s.starts_with(form.as_str())) {
                out.push(candidate(
                    entry,
                    prefix_quality(term_chars, chars),
                    Tier::Prefix,
                ));
            }
        }
    }
    if matches!(tiers, Tiers::Forms | Tiers::All)
        && case != Case::Exact
        && term_chars >= MIN_STEM_CHARS
        && !text::is_stopword(&folded)
    {
        let stem = text::stem(&folded);
        let class = text::inflection_class(&folded, &stem);
        let mut found: Vec<u32> = out.iter().map(|c| c.entry).collect();
        found.sort_unstable();
        // Accents as typed: a capitalised term without accents is not an accented word.
        let accent_ok = |entry: usize| {
            case == Case::Fold || text::has_accent(word) || !text::has_accent(index.surface(entry))
        };
        for &entry in index.stem_entries(&stem) {
            let e = entry as usize;
            if found.binary_search(&entry).is_err()
                && accent_ok(e)
                && text::inflection_class(index.folded(e), &stem) == class
            {
                out.push(candidate(e, STEM, Tier::Stem));
            }
        }
    }
    if tiers == Tiers::All && out.is_empty() && term_chars >= MIN_FORGIVING_CHARS {
        typos(index, &form, &folded, case, &mut out);
    }
    out
}

/// Words that end with the term (the term itself is matched exactly before): a scan of the
/// vocabulary, as no index is kept by word ending.
fn suffixes(index: &SearchIndex, form: &str, folded: &str, case: Case, out: &mut Vec<Candidate>) {
    let term_chars = folded.chars().count();
    if term_chars < MIN_PREFIX_CHARS {
        return;
    }
    for entry in 0..index.entries.len() {
        let chars = index.entries[entry].folded_chars as usize;
        if chars > term_chars
            && index.folded(entry).ends_with(folded)
            && compared(index, entry, case).is_none_or(|s| s.ends_with(form))
        {
            out.push(candidate(
                entry,
                prefix_quality(term_chars, chars),
                Tier::Prefix,
            ));
        }
    }
}

fn candidate(entry: usize, quality: u32, tier: Tier) -> Candidate {
    Candidate {
        entry: u32::try_from(entry).unwrap_or(u32::MAX),
        quality,
        tier,
    }
}

fn prefix_quality(term_chars: usize, word_chars: usize) -> u32 {
    let share = (19 * term_chars / word_chars.max(1)).min(19);
    PREFIX + u32::try_from(share).unwrap_or(0)
}

/// The most typos forgiven in a term of `chars` characters.
pub(super) fn max_typos(chars: usize) -> usize {
    if chars >= TWO_TYPOS_FROM_CHARS { 2 } else { 1 }
}

/// Whole words within the term's typo budget, or other forms of such a word (the stems within
/// the budget, the inflection classes equal: `vacine` is `vaccines`): a scan of the
/// vocabulary, cut short by length and character-set filters before the edit distance runs.
fn typos(index: &SearchIndex, form: &str, folded: &str, case: Case, out: &mut Vec<Candidate>) {
    let term_chars = folded.chars().count();
    let max_edits = max_typos(term_chars);
    let term_mask = char_mask(folded);
    let term_stem = text::stem(folded);
    let class = text::inflection_class(folded, &term_stem);
    let first = folded.chars().next();
    // Another form of a word one typo away: its stem is, it starts the same, and it ends as
    // the term's forms do.
    let other_form = |entry: usize| {
        case != Case::Exact
            && index.folded(entry).chars().next() == first
            && index.stem(entry).len().abs_diff(term_stem.len()) <= max_edits
            && (1..=max_edits).contains(&strsim::osa_distance(index.stem(entry), &term_stem))
            && text::inflection_class(index.folded(entry), index.stem(entry)) == class
    };
    let mut previous: Option<(usize, Option<u32>)> = None;
    for (entry, info) in index.entries.iter().enumerate() {
        let chars = info.folded_chars as usize;
        let whole = chars.abs_diff(term_chars) <= max_edits
            && (index.masks[entry] ^ term_mask).count_ones() as usize <= 2 * max_edits;
        let quality = match previous {
            // Case variants share a folded form and sit next to each other: score it once.
            Some((before, quality))
                if case == Case::Fold && index.folded(before) == index.folded(entry) =>
            {
                quality
            }
            _ => {
                let distance = if !whole {
                    usize::MAX
                } else if let Some(surface) = compared(index, entry, case) {
                    strsim::osa_distance(&surface, form)
                } else {
                    strsim::osa_distance(index.folded(entry), folded)
                };
                let quality = match distance {
                    1 => Some(TYPO_ONE),
                    d if d > 1 && d <= max_edits => Some(TYPO_TWO),
                    0 => None,
                    _ if other_form(entry) => Some(TYPO_TWO),
                    _ => None,
                };
                previous = Some((entry, quality));
                quality
            }
        };
        if let Some(quality) = quality {
            out.push(candidate(entry, quality, Tier::Typo));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_support::dataset;

    fn index() -> SearchIndex {
        SearchIndex::new(&dataset(&[
            (
                1,
                &["The vaccine arrived. Vaccines and vaccination programmes followed."],
            ),
            (
                2,
                &["Peacekeeping intelligence policy; the Mali mission; a male officer."],
            ),
            (3, &["COVID-19 was covered; covid cases; the covenant."]),
        ]))
    }

    /// `(spelling, tier)` of every match of `word`, sorted by spelling.
    fn matches(index: &SearchIndex, word: &str, tiers: Tiers) -> Vec<(String, Tier)> {
        let mut found: Vec<(String, Tier)> = candidates(index, word, tiers, Case::of(&[word]))
            .into_iter()
            .map(|c| (index.surface(c.entry as usize).to_string(), c.tier))
            .collect();
        found.sort();
        found
    }

    fn pairs(expected: &[(&str, Tier)]) -> Vec<(String, Tier)> {
        expected
            .iter()
            .map(|(s, t)| ((*s).to_string(), *t))
            .collect()
    }

    #[test]
    fn a_first_capital_ignores_case_and_an_acronym_does_not() {
        let index = index();
        assert_eq!(
            matches(&index, "Covid", Tiers::Exact),
            pairs(&[("COVID", Tier::Exact), ("covid", Tier::Exact)])
        );
        assert_eq!(
            matches(&index, "Vaccines", Tiers::All),
            pairs(&[
                ("Vaccines", Tier::Exact),
                ("vaccination", Tier::Stem),
                ("vaccine", Tier::Stem)
            ])
        );
    }

    #[test]
    fn exact_tier_ignores_case_unless_the_term_has_a_capital() {
        let index = index();
        assert_eq!(
            matches(&index, "covid", Tiers::Exact),
            pairs(&[("COVID", Tier::Exact), ("covid", Tier::Exact)])
        );
        assert_eq!(
            matches(&index, "COVID", Tiers::Exact),
            pairs(&[("COVID", Tier::Exact)])
        );
        assert!(matches(&index, "vaccin", Tiers::Exact).is_empty());
    }

    #[test]
    fn prefix_tier_finds_longer_words_and_keeps_exact_ones_exact() {
        let index = index();
        assert_eq!(
            matches(&index, "vaccine", Tiers::ExactOrPrefix),
            pairs(&[("Vaccines", Tier::Prefix), ("vaccine", Tier::Exact),])
        );
        // A first capital is prose (search v3): it no longer narrows to "Vaccines".
        assert_eq!(
            matches(&index, "Vacc", Tiers::ExactOrPrefix),
            pairs(&[
                ("Vaccines", Tier::Prefix),
                ("vaccination", Tier::Prefix),
                ("vaccine", Tier::Prefix)
            ])
        );
        assert!(matches(&index, "VACC", Tiers::ExactOrPrefix).is_empty());
        // One character is too little for a prefix.
        assert!(matches(&index, "v", Tiers::ExactOrPrefix).is_empty());
    }

    #[test]
    fn typos_are_whole_words_and_never_inside_longer_words() {
        let index = index();
        assert_eq!(
            matches(&index, "peacekeping", Tiers::All),
            pairs(&[("Peacekeeping", Tier::Typo)])
        );
        // A typo of a form of "vaccine" finds its other forms too.
        assert_eq!(
            matches(&index, "vacination", Tiers::All),
            pairs(&[
                ("Vaccines", Tier::Typo),
                ("vaccination", Tier::Typo),
                ("vaccine", Tier::Typo)
            ])
        );
        assert_eq!(
            matches(&index, "covd", Tiers::All),
            pairs(&[("COVID", Tier::Typo), ("covid", Tier::Typo)])
        );
        // Letters in order inside a longer word are not a match: "vcin" is not "vaccine",
        // "policy" is not inside "policymakers".
        assert!(matches(&index, "vcin", Tiers::All).is_empty());
        assert!(
            matches(&index, "officers", Tiers::All)
                .iter()
                .all(|(s, _)| s == "officer")
        );
    }

    #[test]
    fn typo_tier_forgives_transpositions_and_substitutions() {
        let index = index();
        assert_eq!(
            matches(&index, "inetlligence", Tiers::All),
            pairs(&[("intelligence", Tier::Typo)])
        );
        assert_eq!(
            matches(&index, "polciy", Tiers::All),
            pairs(&[("policy", Tier::Typo)])
        );
        // Too short to forgive.
        assert!(matches(&index, "mle", Tiers::All).is_empty());
    }

    #[test]
    fn stem_tier_finds_other_forms_below_prefixes() {
        let index = index();
        // Snowball cuts all three to "vaccin".
        assert_eq!(
            matches(&index, "vaccinations", Tiers::All),
            pairs(&[
                ("Vaccines", Tier::Stem),
                ("vaccination", Tier::Stem),
                ("vaccine", Tier::Stem)
            ])
        );
        // A typo that stems like the word but ends otherwise is a typo, not another form
        // (it was a stem match before inflection classes).
        assert_eq!(
            matches(&index, "intelligance", Tiers::All),
            pairs(&[("intelligence", Tier::Typo)])
        );
        // Not for literal terms or acronyms.
        assert!(matches(&index, "vaccinations", Tiers::ExactOrPrefix).is_empty());
        assert!(
            matches(&index, "VACCINATIONS", Tiers::All)
                .iter()
                .all(|(_, tier)| *tier != Tier::Stem)
        );
    }

    #[test]
    fn suffix_tier_finds_word_endings() {
        let index = index();
        assert_eq!(
            matches(&index, "ines", Tiers::ExactOrSuffix),
            pairs(&[("Vaccines", Tier::Prefix)])
        );
        assert_eq!(
            matches(&index, "mali", Tiers::ExactOrSuffix),
            pairs(&[("Mali", Tier::Exact)])
        );
    }

    #[test]
    fn forgiving_tiers_apply_only_when_nothing_matches_exactly_or_as_a_prefix() {
        let index = index();
        // "mali" is a word of the text: it does not also match "male".
        assert_eq!(
            matches(&index, "mali", Tiers::All),
            pairs(&[("Mali", Tier::Exact)])
        );
        // Neither do exact or prefix terms.
        assert!(matches(&index, "peacekeping", Tiers::ExactOrPrefix).is_empty());
    }

    #[test]
    fn qualities_sit_in_disjoint_bands_in_tier_order() {
        let index = index();
        let quality = |word: &str| {
            candidates(&index, word, Tiers::All, Case::Fold)
                .iter()
                .map(|c| c.quality)
                .max()
                .unwrap()
        };
        let exact = quality("vaccine");
        let prefix = quality("vacc");
        let stem = quality("vaccinations");
        let typo = quality("inetlligence");
        assert!(
            exact > prefix && prefix > stem && stem > typo,
            "{exact} {prefix} {stem} {typo}"
        );
        assert_eq!(exact, EXACT);
        assert!((PREFIX..PREFIX + 20).contains(&prefix));
        assert!((TYPO_TWO..=TYPO_ONE).contains(&typo));
    }
}
