//! The mission picker's matching: which of the dataset's missions a few typed words name.
//!
//! Every word typed must match a whole word of the mission's acronym, official name or
//! place — exactly, as the word's start (`unmis` is UNMISS), or, from five letters, with one
//! typo (two from eight) — so `mali` offers MINUSMA and EUTM but not AMISOM (in *Somalia*).
//! The places count in French and Spanish too (`soudan du sud` is UNMISS, `chypre` UNFICYP).
//! Words are compared folded (case and accents ignored).

use crate::dataset::Mission;
use crate::text;

use super::{Entry, entries, entry};

/// A mission the picker's query matches (see [`match_missions`]), with the characters that
/// matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionMatch {
    /// Index into `dataset.missions`.
    pub mission: usize,
    /// Matched character indices in the acronym, the name and the location (sorted).
    pub acronym: Vec<usize>,
    pub name: Vec<usize>,
    pub location: Vec<usize>,
}

/// How well a typed word matches a word of a field, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    Typo,
    Prefix,
    Exact,
}

/// The fields a mission is matched on: its three columns, then its other places (no marks).
struct Fields<'a> {
    columns: [&'a str; 3],
    places: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn new(acronym: &'a str, name: &'a str, location: &'a str, gazetteer: Option<&Entry>) -> Self {
        Fields {
            columns: [acronym, name, location],
            places: gazetteer.map_or_else(Vec::new, |e| e.all_places().collect()),
        }
    }
}

/// The best match of `word` (folded) among the words of `field`: quality and the character
/// indices it covers.
fn best_in(field: &str, word: &str, typos: bool) -> Option<(Quality, Vec<usize>)> {
    let chars = word.chars().count();
    let max_typos = match chars {
        _ if !typos => 0,
        0..5 => 0,
        5..8 => 1,
        _ => 2,
    };
    let mut best: Option<(Quality, Vec<usize>)> = None;
    for range in text::words(field) {
        let folded = text::fold(&field[range.clone()]);
        let quality = if folded == word {
            Quality::Exact
        } else if folded.starts_with(word) {
            Quality::Prefix
        } else if max_typos > 0 && strsim::osa_distance(&folded, word) <= max_typos {
            Quality::Typo
        } else {
            continue;
        };
        if best.as_ref().is_some_and(|(b, _)| *b >= quality) {
            continue;
        }
        let first = field[..range.start].chars().count();
        let len = field[range].chars().count();
        let marked = if quality == Quality::Prefix {
            chars.min(len)
        } else {
            len
        };
        best = Some((quality, (first..first + marked).collect()));
    }
    best
}

/// A column and the character indices marked in it.
type Marks = (usize, Vec<usize>);

/// The score of a mission for the query's folded words, and its marks; `None` when a word
/// matches nothing.
fn score(fields: &Fields, words: &[String], typos: bool) -> Option<(u32, [Vec<usize>; 3])> {
    let mut marks: [Vec<usize>; 3] = Default::default();
    let mut total = 0;
    for word in words {
        let mut best: Option<(u32, Option<Marks>)> = None;
        for (column, field) in fields.columns.iter().enumerate() {
            if let Some((quality, indices)) = best_in(field, word, typos) {
                // The acronym first, then exact words, then word starts, then typos.
                let points = 10 * (quality as u32 + 1) + if column == 0 { 5 } else { 0 };
                if best.as_ref().is_none_or(|(b, _)| points > *b) {
                    best = Some((points, Some((column, indices))));
                }
            }
        }
        for place in &fields.places {
            if let Some((quality, _)) = best_in(place, word, typos) {
                let points = 10 * (quality as u32 + 1) - 1;
                if best.as_ref().is_none_or(|(b, _)| points > *b) {
                    best = Some((points, None));
                }
            }
        }
        let (points, mark) = best?;
        total += points;
        if let Some((column, indices)) = mark {
            marks[column].extend(indices);
        }
    }
    for field in &mut marks {
        field.sort_unstable();
        field.dedup();
    }
    // The query is the whole of a column (`sudan` is UNITAMS's location, part of UNAMID's).
    if fields.columns.iter().any(|f| query_words(f) == words) {
        total += 5;
    }
    Some((total, marks))
}

/// The query's words, folded.
fn query_words(query: &str) -> Vec<String> {
    text::words(query)
        .map(|range| text::fold(&query[range]))
        .collect()
}

/// The missions matching a picker query, best first, ties in dataset order: every word of the
/// query must match a word of the acronym, the name or the place (in any of its languages);
/// typos are forgiven only when nothing matches without. An empty query matches every mission.
pub fn match_missions(missions: &[Mission], query: &str) -> Vec<MissionMatch> {
    let words = query_words(query);
    let exact = matching(missions, &words, false);
    if exact.is_empty() {
        matching(missions, &words, true)
    } else {
        exact
    }
}

/// [`match_missions`] with or without typos.
fn matching(missions: &[Mission], words: &[String], typos: bool) -> Vec<MissionMatch> {
    let mut matches: Vec<(u32, MissionMatch)> = missions
        .iter()
        .enumerate()
        .filter_map(|(index, mission)| {
            let fields = Fields::new(
                &mission.acronym,
                &mission.name,
                &mission.location,
                entry(&mission.acronym),
            );
            let (points, [acronym, name, location]) = score(&fields, words, typos)?;
            Some((
                points,
                MissionMatch {
                    mission: index,
                    acronym,
                    name,
                    location,
                },
            ))
        })
        .collect();
    // A stable sort keeps equal scores in dataset order.
    matches.sort_by_key(|(points, _)| std::cmp::Reverse(*points));
    matches.into_iter().map(|(_, m)| m).collect()
}

/// The gazetteer's missions the query names that `missions` (a dataset's) does not list, in
/// gazetteer order: for "UNIFIL is not named in this report" when the picker finds nothing.
pub fn not_named(missions: &[Mission], query: &str) -> Vec<&'static str> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    entries()
        .iter()
        .filter(|e| !missions.iter().any(|m| m.acronym == e.acronym))
        .filter(|e| {
            let fields = Fields::new(e.acronym, e.name, e.location, Some(e));
            score(&fields, &words, false).is_some()
        })
        .map(|e| e.acronym)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    fn picked(query: &str) -> Vec<String> {
        let dataset = Dataset::embedded();
        match_missions(&dataset.missions, query)
            .into_iter()
            .map(|m| dataset.missions[m.mission].acronym.to_string())
            .collect()
    }

    #[test]
    fn whole_words_only() {
        // Mali is in "Somalia", which is not Mali.
        assert_eq!(picked("mali"), ["MINUSMA", "EUTM"]);
        assert!(!picked("unifil").contains(&"UNOCA".to_string()));
        assert_eq!(picked("unmis"), ["UNMISS"]);
        assert_eq!(picked("minsuma"), ["MINUSMA"]);
    }

    #[test]
    fn french_and_spanish_places() {
        assert_eq!(picked("soudan du sud"), ["UNMISS"]);
        assert_eq!(picked("chypre"), ["UNFICYP"]);
        assert_eq!(picked("rca"), ["MINUSCA"]);
        assert_eq!(picked("República Democrática del Congo"), ["MONUSCO"]);
    }

    #[test]
    fn a_known_mission_the_report_does_not_name() {
        let dataset = Dataset::embedded();
        assert!(picked("lebanon").is_empty());
        assert_eq!(
            not_named(&dataset.missions, "lebanon"),
            ["UNIFIL", "UNSCOL"]
        );
        assert_eq!(not_named(&dataset.missions, "unifil"), ["UNIFIL"]);
        assert_eq!(
            not_named(&dataset.missions, "interim force in lebanon"),
            ["UNIFIL"]
        );
        assert!(not_named(&dataset.missions, "minusma").is_empty());
        assert!(not_named(&dataset.missions, "xqzw").is_empty());
    }
}
