//! What changed between two reports: for a response, the most similar response of another
//! report, and a word-level diff between the two.
//!
//! Similarity is the cosine of TF-IDF vectors over word forms: the words of
//! [`crate::text::words`], folded and stemmed ([`crate::text::fold`], [`crate::text::stem`]),
//! without the stopwords; a term's weight is its count times its smoothed inverse document
//! frequency `ln((1 + n) / (1 + df)) + 1` over the responses of the report searched. A match
//! counts from [`THRESHOLD`] up. Equal similarities go to the response at the nearer relative
//! place in its report (a formula such as "not addressed to the Secretariat" recurs), then to the
//! lower paragraph number.
//!
//! The diff ([`diff`]) runs over words and the spaces between them (`similar`'s word diff),
//! the response's paragraphs joined by a blank line; runs of one kind are merged, so the `equal`
//! and `delete` texts concatenated give the first response back and the `equal` and `insert`
//! texts the second.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::text;

/// The lowest cosine similarity that counts as the same response in another report.
///
/// Measured on the embedded report (123 responses): the nearest *other* response, leaving out
/// the 9 that repeat a formula word for word, has a median similarity of 0.34 and a maximum of
/// 0.67; 15 of 114 reach 0.5. A response edited in a word or a sentence stays above 0.9
/// (`docs/series.md`).
pub const THRESHOLD: f64 = 0.5;

/// A response compared with its counterpart in another report, as `c34 compare --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The other report's symbol.
    pub symbol: String,
    /// The counterpart's paragraph number in the other report.
    pub para: u32,
    /// Cosine similarity, 0 to 1, to four decimals.
    pub similarity: f64,
    /// From the response compared to its counterpart.
    pub diff: Vec<DiffOp>,
}

/// A run of words the two texts share, or that only one of them has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOp {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both.
    Equal,
    /// Only in the counterpart.
    Insert,
    /// Only in the response compared.
    Delete,
}

/// A response of an index that resembles a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub para: u32,
    pub similarity: f64,
}

/// The TF-IDF vectors of one report's responses, built once and asked many times.
#[derive(Debug, Clone)]
pub struct ResponseIndex {
    symbol: String,
    idf: HashMap<String, f64>,
    /// The idf of a term no response has.
    unseen_idf: f64,
    responses: Vec<Indexed>,
}

#[derive(Debug, Clone)]
struct Indexed {
    para: u32,
    /// Where the response sits in its report, 0 (first) to 1 (last).
    place: f64,
    /// Unit-length weights by term, in term order so that sums come out the same every run.
    weights: BTreeMap<String, f64>,
}

impl ResponseIndex {
    pub fn new(dataset: &Dataset) -> ResponseIndex {
        let counts: Vec<(u32, BTreeMap<String, f64>)> = dataset
            .recommendations()
            .map(|(_, rec)| (rec.para, term_counts(&rec.paragraphs)))
            .collect();
        let mut document_frequency: HashMap<&str, usize> = HashMap::new();
        for (_, terms) in &counts {
            for term in terms.keys() {
                *document_frequency.entry(term).or_default() += 1;
            }
        }
        let n = as_f64(counts.len());
        let idf_of = |df: usize| ((1.0 + n) / (1.0 + as_f64(df))).ln() + 1.0;
        let idf: HashMap<String, f64> = document_frequency
            .into_iter()
            .map(|(term, df)| (term.to_string(), idf_of(df)))
            .collect();
        let last = as_f64(counts.len().saturating_sub(1)).max(1.0);
        let responses = counts
            .iter()
            .enumerate()
            .map(|(i, (para, terms))| Indexed {
                para: *para,
                place: as_f64(i) / last,
                weights: unit(weigh(terms, &idf, idf_of(0))),
            })
            .collect();
        ResponseIndex {
            symbol: dataset.document.symbol.to_string(),
            idf,
            unseen_idf: idf_of(0),
            responses,
        }
    }

    /// The symbol of the report indexed.
    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    /// Every response with some likeness to `paragraphs`, most similar first; `place` (0 to 1,
    /// where the text sits in its own report) breaks ties.
    pub fn ranked<S: AsRef<str>>(&self, paragraphs: &[S], place: Option<f64>) -> Vec<Match> {
        let query = unit(weigh(&term_counts(paragraphs), &self.idf, self.unseen_idf));
        let mut found: Vec<(Match, f64)> = self
            .responses
            .iter()
            .filter_map(|response| {
                let similarity = cosine(&query, &response.weights);
                let distance = place.map_or(0.0, |place| (place - response.place).abs());
                (similarity > 0.0).then_some((
                    Match {
                        para: response.para,
                        similarity,
                    },
                    distance,
                ))
            })
            .collect();
        found.sort_by(|(a, a_distance), (b, b_distance)| {
            rounded(b.similarity)
                .cmp(&rounded(a.similarity))
                .then(a_distance.total_cmp(b_distance))
                .then(a.para.cmp(&b.para))
        });
        found.into_iter().map(|(found, _)| found).collect()
    }

    /// The most similar response, if it reaches `threshold`.
    pub fn best<S: AsRef<str>>(
        &self,
        paragraphs: &[S],
        place: Option<f64>,
        threshold: f64,
    ) -> Option<Match> {
        self.ranked(paragraphs, place)
            .into_iter()
            .next()
            .filter(|found| found.similarity >= threshold)
    }
}

/// The response to `para` in `dataset` compared with its most similar response in `other`
/// (from [`THRESHOLD`] up); `None` when `dataset` has no such paragraph or nothing is similar.
pub fn compare(dataset: &Dataset, para: u32, other: &Dataset) -> Option<Comparison> {
    compare_with(dataset, para, other, &ResponseIndex::new(other), THRESHOLD)
}

/// [`compare`] with an index of `other` built beforehand and a threshold of one's own.
pub fn compare_with(
    dataset: &Dataset,
    para: u32,
    other: &Dataset,
    index: &ResponseIndex,
    threshold: f64,
) -> Option<Comparison> {
    let count = dataset.recommendations().count();
    let (position, rec) = dataset
        .recommendations()
        .enumerate()
        .find(|(_, (_, rec))| rec.para == para)
        .map(|(i, (_, rec))| (i, rec))?;
    let place = as_f64(position) / as_f64(count.saturating_sub(1)).max(1.0);
    let found = index.best(&rec.paragraphs, Some(place), threshold)?;
    let counterpart = other.get(other.find(found.para)?)?;
    Some(Comparison {
        symbol: other.document.symbol.to_string(),
        para: found.para,
        similarity: (found.similarity.clamp(0.0, 1.0) * 1e4).round() / 1e4,
        diff: diff(&rec.paragraphs, &counterpart.paragraphs),
    })
}

/// The response to `para` compared with each other report that has a counterpart (from
/// [`THRESHOLD`] up), most similar first (then by symbol): what `c34 compare PARA --json`
/// prints and the reader's header lists. A report with `dataset`'s own symbol is skipped.
pub fn compare_all<'a>(
    dataset: &Dataset,
    para: u32,
    others: impl IntoIterator<Item = (&'a Dataset, &'a ResponseIndex)>,
) -> Vec<Comparison> {
    let mut found: Vec<Comparison> = others
        .into_iter()
        .filter(|(other, _)| other.document.symbol != dataset.document.symbol)
        .filter_map(|(other, index)| compare_with(dataset, para, other, index, THRESHOLD))
        .collect();
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.symbol.cmp(&b.symbol))
    });
    found
}

/// A word-level diff from one response's paragraphs to another's.
pub fn diff<S: AsRef<str>, T: AsRef<str>>(from: &[S], to: &[T]) -> Vec<DiffOp> {
    let joined = |paragraphs: Vec<&str>| paragraphs.join("\n\n");
    let old = joined(from.iter().map(AsRef::as_ref).collect());
    let new = joined(to.iter().map(AsRef::as_ref).collect());
    let text_diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(&old, &new);
    let mut ops: Vec<DiffOp> = Vec::new();
    for change in text_diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => Op::Equal,
            similar::ChangeTag::Insert => Op::Insert,
            similar::ChangeTag::Delete => Op::Delete,
        };
        match ops.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => ops.push(DiffOp {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    ops
}

/// How often each word form occurs, stopwords left out.
fn term_counts<S: AsRef<str>>(paragraphs: &[S]) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    for paragraph in paragraphs.iter().map(AsRef::as_ref) {
        for range in text::words(paragraph) {
            let folded = text::fold(&paragraph[range]);
            if text::is_stopword(&folded) {
                continue;
            }
            *counts
                .entry(text::stem(&folded).into_owned())
                .or_insert(0.0) += 1.0;
        }
    }
    counts
}

fn weigh(
    counts: &BTreeMap<String, f64>,
    idf: &HashMap<String, f64>,
    unseen: f64,
) -> BTreeMap<String, f64> {
    counts
        .iter()
        .map(|(term, count)| {
            (
                term.clone(),
                count * idf.get(term).copied().unwrap_or(unseen),
            )
        })
        .collect()
}

fn unit(mut weights: BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    let norm = weights.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for weight in weights.values_mut() {
            *weight /= norm;
        }
    }
    weights
}

fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(term, weight)| large.get(term).map(|other| weight * other))
        .sum::<f64>()
        .clamp(0.0, 1.0)
}

/// Similarities equal to the ninth decimal are a tie (sums of floats differ in the last bits).
fn rounded(similarity: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let rounded = (similarity * 1e9).round() as i64;
    rounded
}

#[allow(clippy::cast_precision_loss)]
fn as_f64(n: usize) -> f64 {
    n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ops: &[DiffOp], keep: Op) -> String {
        ops.iter()
            .filter(|op| op.op == Op::Equal || op.op == keep)
            .map(|op| op.text.as_str())
            .collect()
    }

    #[test]
    fn a_diff_gives_both_texts_back() {
        let from = vec![
            "The mission trained 40 officers.".to_string(),
            "Second.".into(),
        ];
        let to = vec!["The mission trained 65 police officers.".to_string()];
        let ops = diff(&from, &to);
        assert_eq!(
            texts(&ops, Op::Delete),
            "The mission trained 40 officers.\n\nSecond."
        );
        assert_eq!(
            texts(&ops, Op::Insert),
            "The mission trained 65 police officers."
        );
        assert!(ops.windows(2).all(|pair| pair[0].op != pair[1].op));
    }

    #[test]
    fn ops_serialise_in_lower_case() {
        let op = DiffOp {
            op: Op::Insert,
            text: "new".into(),
        };
        assert_eq!(
            serde_json::to_string(&op).unwrap(),
            r#"{"op":"insert","text":"new"}"#
        );
    }
}
