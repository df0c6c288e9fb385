//! The search engine: a query language in the style of fzf, a vocabulary index built once,
//! word-level matching (forms and whole-word typos), mission awareness, ranking with partial
//! hits, snippets.
//! Nothing here knows about terminals.
//!
//! ```
//! use c34::dataset::Dataset;
//! use c34::search::SearchIndex;
//!
//! let index = SearchIndex::new(&Dataset::embedded());
//! let hits = index.search("peacekeping inteligence", 5);
//! assert!(matches!(hits[0].para, 149 | 159));
//! ```
//!
//! The full rules, with examples, are in `docs/search.md`; in short:
//!
//! **Query** ([`query`]): space-separated terms must all match; `'exact`, `^prefix`,
//! `suffix$`, `!exclude`, `"a phrase"`, `a | b` (OR, tighter than AND). A first capital is
//! prose (case ignored); an acronym or an inner capital matches exactly (`CAR` is not care);
//! words are cut at 100 characters.
//!
//! **Plan** (`plan`): consecutive terms that spell a gazetteer key become one mission term;
//! aliases (and acronym plurals: `TCCs`) their word or full forms; compounds their parts with a
//! hyphen, a space or nothing between them (`peace-building`, `covid19`).
//!
//! **Matching** (`matching`): each query word is compared with the words of the text (the
//! vocabulary), never with whole paragraphs: exact, then prefix, then other forms of the word
//! (the same Snowball stem and inflection class, so `organs` is not organization), then a typo
//! of the whole word (one edit up to seven letters, two from eight). Nothing matches inside a
//! longer word but as its start.
//!
//! **Stopwords**: unquoted function words ([`crate::text::STOPWORDS`]) are optional and score
//! nothing, unless the query has nothing else; query words in order with only stopwords
//! between them count as adjacent, and the run is one highlight.
//!
//! **Missions**: a mission term matches the recommendations that mention the mission by
//! acronym or name (these rank first), and those that name its place (in English, French or
//! Spanish) where the place is not part of another mission's name: `sudan` does not match
//! "South Sudan". Each hit says how its response names each of the query's missions
//! ([`Hit::missions`]).
//!
//! **Ranking** (`rank`): full hits first, by the sum over terms of the best match quality
//! (exact 100, prefix 70–89, other form 60, typo 20–30), plus 1000 per mission term matched by
//! a mention, plus up to 40 for more of the query in one sentence and up to 20 for terms next
//! to each other in the order typed, plus up to 5 for repetition. Then, for a query without
//! operators, partial hits (more than half of the terms, or any when none has all) by BM25
//! plus the same bonuses, each with the terms it lacks ([`Hit::missing`]). Hits found only by
//! forgiving a typo are [`Hit::approximate`]. Ties in document order.

mod alias;
mod index;
mod matching;
mod plan;
pub mod query;
mod rank;
pub mod snippet;

use std::ops::Range;

use serde::Serialize;

use crate::dataset::Location;

pub use crate::missions::Alias;
pub use crate::missions::By;
pub use alias::aliases;
pub(crate) use index::LAYOUT as INDEX_LAYOUT;
pub use index::SearchIndex;
pub use matching::{MIN_FORGIVING_CHARS, TWO_TYPOS_FROM_CHARS, Tier};
pub use query::{Case, Mode, Query, Term};
pub use snippet::Snippet;

/// One recommendation that matches a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    #[serde(skip)]
    pub location: Location,
    pub para: u32,
    /// Higher is better; comparable only between hits of the same query.
    pub score: u32,
    /// The sentence with the best match.
    pub snippet: Snippet,
    /// Every matched range in the recommendation, in reading order.
    pub highlights: Vec<Highlight>,
    /// Each mission the query names (by acronym, name, place or alias) that this response
    /// names, with the strongest way it names it, in gazetteer order.
    pub missions: Vec<MissionMatch>,
    /// The query's terms this response matches, as typed (every term for a full hit).
    pub matched: Vec<String>,
    /// The query's terms it lacks: empty for a full hit, the rest for a partial one.
    pub missing: Vec<String>,
    /// A term matched only by forgiving a typo.
    pub approximate: bool,
}

impl Hit {
    /// A response with every term of the query (not a partial hit).
    pub fn is_full(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Why a hit matched a mission of the query: which mission, and how the response names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissionMatch {
    /// The gazetteer's acronym (or a partner's short name).
    pub acronym: String,
    pub by: By,
}

impl MissionMatch {
    /// How the CLI and the browser say why: `MINUSMA`, `MINUSMA (name)`, `Mali (place)`.
    pub fn label(&self) -> String {
        match self.by {
            By::Acronym => self.acronym.clone(),
            By::Name => format!("{} (name)", self.acronym),
            By::Place => {
                let place = crate::missions::entry(&self.acronym)
                    .map_or(self.acronym.as_str(), |entry| entry.location);
                format!("{place} (place)")
            }
        }
    }
}

/// The labels of a hit's missions, once each: two missions named by one place ("Mali":
/// MINUSMA and EUTM) read as one label.
pub fn mission_labels(missions: &[MissionMatch]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for label in missions.iter().map(MissionMatch::label) {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels
}

/// A matched range of one paragraph of a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// The paragraph's index in [`crate::dataset::Recommendation::paragraphs`].
    pub paragraph: usize,
    /// Byte range in that paragraph, on char boundaries.
    pub range: Range<usize>,
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::dataset::{Dataset, Document, Recommendation, Section};

    /// A one-section dataset of `(para, paragraphs)` responses.
    pub(crate) fn dataset(responses: &[(u32, &[&str])]) -> Dataset {
        Dataset {
            document: Document {
                symbol: "A/1".into(),
                date: "2021-01-01".into(),
                session: 1,
                agenda_item: "1".into(),
                agenda_item_title: "".into(),
                title: "t".into(),
                responds_to: "A/0".into(),
                summary: "".into(),
            },
            sections: vec![Section {
                number: "I".into(),
                title: "One".into(),
                recommendations: responses
                    .iter()
                    .map(|(para, paragraphs)| Recommendation {
                        para: *para,
                        paragraphs: paragraphs.iter().map(|&p| p.into()).collect(),
                    })
                    .collect(),
            }],
            missions: Vec::new(),
        }
    }
}
