//! One query word against the vocabulary: which words it matches, and how well.
//!
//! Tiers, best first: **exact** (the same word, ignoring case and accents unless the term has a
//! capital), **prefix** (a longer word that starts with it; terms of 2+ characters), **stem**
//! (another form of the word: the same Snowball stem, for plain terms of 3+ characters without
//! a capital), **fuzzy**
//! (`SkimMatcherV2`, smart case, on single words: the term's characters in order, scoring at
//! least [`FUZZY_THRESHOLD_PERCENT`] of the term's score against itself, in a word at most
//! twice as long, skipping at most one character between the first and last matched ones,
//! two for terms of 9+ characters), **typo** (optimal string alignment distance 1 for terms of 4–8
//! characters, 2 for longer ones). Fuzzy and typo matching need a term of 4+ characters and
//! are tried only when no word of the text equals, starts with or shares a stem with the term: a
//! word the text contains is taken to mean itself, which keeps `mali` from also matching `male`
//! and `main`. A suffix term (`tion$`) matches the word itself or words that end with it.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{SearchIndex, char_mask};
use crate::text;

/// Quality of an exact match; the other tiers score below it, in disjoint bands.
pub(super) const EXACT: u32 = 100;
/// Prefix matches score in `PREFIX..PREFIX + 20`, more for a longer share of the word.
const PREFIX: u32 = 70;
/// Another form of the word (same stem), between prefix and fuzzy matches.
const STEM: u32 = 60;
/// Terms shorter than this match no other forms of the word.
const MIN_STEM_CHARS: usize = 3;
/// Fuzzy matches score in `FUZZY..FUZZY + 20`, more for a better skim score.
const FUZZY: u32 = 40;
const TYPO_ONE: u32 = 30;
const TYPO_TWO: u32 = 20;

/// Skim's score for a word, in per cent of the term's score against itself, below which a
/// fuzzy match is scattered letters rather than the word.
pub const FUZZY_THRESHOLD_PERCENT: i64 = 85;
/// Terms shorter than this (in characters) match only exactly or as a prefix.
pub const MIN_FORGIVING_CHARS: usize = 4;
/// Terms shorter than this match only exactly.
const MIN_PREFIX_CHARS: usize = 2;

/// Which tiers a word may match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tiers {
    Exact,
    ExactOrPrefix,
    ExactOrSuffix,
    All,
}

/// How a vocabulary word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Typo,
    Fuzzy,
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

/// The vocabulary entries `word` matches, in vocabulary order.
pub(super) fn candidates(
    index: &SearchIndex,
    skim: &SkimMatcherV2,
    word: &str,
    tiers: Tiers,
    case_sensitive: bool,
) -> Vec<Candidate> {
    let folded = text::fold(word);
    let term_chars = folded.chars().count();
    let mut out = Vec::new();
    let surface_ok =
        |entry: usize, f: &dyn Fn(&str) -> bool| !case_sensitive || f(index.surface(entry));
    for entry in index.folded_range(&folded) {
        if surface_ok(entry, &|s| s == word) {
            out.push(candidate(entry, EXACT, Tier::Exact));
        }
    }
    if tiers == Tiers::ExactOrSuffix {
        suffixes(index, word, &folded, case_sensitive, &mut out);
        return out;
    }
    if tiers != Tiers::Exact && term_chars >= MIN_PREFIX_CHARS {
        for entry in index.prefix_range(&folded) {
            let chars = index.entries[entry].folded_chars as usize;
            if chars > term_chars && surface_ok(entry, &|s| s.starts_with(word)) {
                out.push(candidate(
                    entry,
                    prefix_quality(term_chars, chars),
                    Tier::Prefix,
                ));
            }
        }
    }
    if tiers == Tiers::All
        && !case_sensitive
        && term_chars >= MIN_STEM_CHARS
        && !text::is_stopword(&folded)
    {
        let stem = text::stem(&folded);
        let mut found: Vec<u32> = out.iter().map(|c| c.entry).collect();
        found.sort_unstable();
        for &entry in index.stem_entries(&stem) {
            if found.binary_search(&entry).is_err() {
                out.push(candidate(entry as usize, STEM, Tier::Stem));
            }
        }
    }
    if tiers == Tiers::All && out.is_empty() && term_chars >= MIN_FORGIVING_CHARS {
        forgiving(index, skim, word, &folded, case_sensitive, &mut out);
    }
    out
}

/// Words that end with the term (the term itself is matched exactly before): a scan of the
/// vocabulary, as no index is kept by word ending.
fn suffixes(
    index: &SearchIndex,
    word: &str,
    folded: &str,
    case_sensitive: bool,
    out: &mut Vec<Candidate>,
) {
    let term_chars = folded.chars().count();
    if term_chars < MIN_PREFIX_CHARS {
        return;
    }
    for entry in 0..index.entries.len() {
        let chars = index.entries[entry].folded_chars as usize;
        if chars > term_chars
            && index.folded(entry).ends_with(folded)
            && (!case_sensitive || index.surface(entry).ends_with(word))
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

/// Fuzzy and typo matches: a scan of the vocabulary, cut short by length and character-set
/// filters before skim or the edit distance run.
fn forgiving(
    index: &SearchIndex,
    skim: &SkimMatcherV2,
    word: &str,
    folded: &str,
    case_sensitive: bool,
    out: &mut Vec<Candidate>,
) {
    let term_chars = folded.chars().count();
    let pattern = if case_sensitive { word } else { folded };
    let Some(self_score) = skim.fuzzy_match(pattern, pattern).filter(|&s| s > 0) else {
        return;
    };
    let max_edits = if term_chars >= 9 { 2 } else { 1 };
    let term_mask = char_mask(folded);
    let mut previous: Option<(usize, Option<(u32, Tier)>)> = None;
    for (entry, info) in index.entries.iter().enumerate() {
        let chars = info.folded_chars as usize;
        let fuzzy_possible = chars >= term_chars && chars <= 2 * term_chars;
        let typo_possible = chars.abs_diff(term_chars) <= max_edits;
        if !fuzzy_possible && !typo_possible {
            continue;
        }
        let mask = index.masks[entry];
        let fuzzy_possible = fuzzy_possible && mask & term_mask == term_mask;
        let typo_possible =
            typo_possible && (mask ^ term_mask).count_ones() as usize <= 2 * max_edits;
        if !fuzzy_possible && !typo_possible {
            continue;
        }
        let result = match previous {
            // Case variants share a folded form and sit next to each other: score it once.
            Some((before, result))
                if !case_sensitive && index.folded(before) == index.folded(entry) =>
            {
                result
            }
            _ => {
                let target = if case_sensitive {
                    index.surface(entry)
                } else {
                    index.folded(entry)
                };
                let result = forgiving_quality(
                    skim,
                    target,
                    pattern,
                    self_score,
                    fuzzy_possible,
                    typo_possible.then_some(max_edits),
                );
                previous = Some((entry, result));
                result
            }
        };
        if let Some((quality, tier)) = result {
            out.push(candidate(entry, quality, tier));
        }
    }
}

/// Characters of the word skipped between the first and the last matched one: a dropped letter
/// or two is a slip, more is scattered letters (`covd` is `covid`, not `covered`).
fn internal_gaps(skim: &SkimMatcherV2, target: &str, pattern: &str) -> usize {
    skim.fuzzy_indices(target, pattern)
        .and_then(|(_, positions)| {
            let first = positions.first()?;
            let last = positions.last()?;
            Some(last - first + 1 - positions.len())
        })
        .unwrap_or(usize::MAX)
}

/// The most characters a fuzzy match may skip inside the word, as many as the typo budget.
fn max_gap(term_chars: usize) -> usize {
    if term_chars >= 9 { 2 } else { 1 }
}

fn forgiving_quality(
    skim: &SkimMatcherV2,
    target: &str,
    pattern: &str,
    self_score: i64,
    fuzzy_possible: bool,
    max_edits: Option<usize>,
) -> Option<(u32, Tier)> {
    if fuzzy_possible
        && let Some(score) = skim.fuzzy_match(target, pattern)
        && score * 100 >= self_score * FUZZY_THRESHOLD_PERCENT
        && internal_gaps(skim, target, pattern) <= max_gap(pattern.chars().count())
    {
        let above = score * 100 - self_score * FUZZY_THRESHOLD_PERCENT;
        let band = (self_score * (100 - FUZZY_THRESHOLD_PERCENT)).max(1);
        let share = u32::try_from((above * 19 / band).clamp(0, 19)).unwrap_or(0);
        return Some((FUZZY + share, Tier::Fuzzy));
    }
    let max_edits = max_edits?;
    match strsim::osa_distance(target, pattern) {
        0 => None,
        1 => Some((TYPO_ONE, Tier::Typo)),
        d if d <= max_edits => Some((TYPO_TWO, Tier::Typo)),
        _ => None,
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
        let skim = SkimMatcherV2::default().smart_case();
        let mut found: Vec<(String, Tier)> =
            candidates(index, &skim, word, tiers, text::is_case_sensitive(word))
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
        assert_eq!(
            matches(&index, "Vacc", Tiers::ExactOrPrefix),
            pairs(&[("Vaccines", Tier::Prefix)])
        );
        // One character is too little for a prefix.
        assert!(matches(&index, "v", Tiers::ExactOrPrefix).is_empty());
    }

    #[test]
    fn fuzzy_tier_forgives_a_dropped_letter_but_not_scattered_letters() {
        let index = index();
        assert_eq!(
            matches(&index, "peacekeping", Tiers::All),
            pairs(&[("Peacekeeping", Tier::Fuzzy)])
        );
        assert_eq!(
            matches(&index, "vacination", Tiers::All),
            pairs(&[("vaccination", Tier::Fuzzy)])
        );
        // "covd" is covid with a letter dropped, not "covered" or "covenant".
        assert_eq!(
            matches(&index, "covd", Tiers::All),
            pairs(&[("COVID", Tier::Fuzzy), ("covid", Tier::Fuzzy)])
        );
        // Letters in order with gaps are not a match: "vcin" is not "vaccine".
        assert!(matches(&index, "vcin", Tiers::All).is_empty());
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
        // A typo that stems like the word is taken as the word's other form.
        assert_eq!(
            matches(&index, "intelligance", Tiers::All),
            pairs(&[("intelligence", Tier::Stem)])
        );
        // Not for literal terms or terms with a capital.
        assert!(matches(&index, "vaccinations", Tiers::ExactOrPrefix).is_empty());
        assert!(
            matches(&index, "Vaccinations", Tiers::All)
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
        let skim = SkimMatcherV2::default().smart_case();
        let quality = |word: &str| {
            candidates(&index, &skim, word, Tiers::All, false)
                .iter()
                .map(|c| c.quality)
                .max()
                .unwrap()
        };
        let exact = quality("vaccine");
        let prefix = quality("vacc");
        let fuzzy = quality("peacekeping");
        let typo = quality("inetlligence");
        assert!(
            exact > prefix && prefix > fuzzy && fuzzy > typo,
            "{exact} {prefix} {fuzzy} {typo}"
        );
        assert_eq!(exact, EXACT);
        assert!((PREFIX..PREFIX + 20).contains(&prefix));
        assert!((FUZZY..FUZZY + 20).contains(&fuzzy));
        assert!((TYPO_TWO..=TYPO_ONE).contains(&typo));
    }
}
