//! The Special Committee's recommendations as the search engine reads them: the paragraphs of
//! a Committee report that a matrix answers, each a document of a [`SearchIndex`], so a query
//! matches, ranks and highlights the Committee's text exactly as it does the responses.
//!
//! Built only when asked (`c34 search --recommendations`, the search overlay's toggle): never
//! at start-up.

use std::cmp::Reverse;

use crate::dataset::{Dataset, Document, Location, Recommendation, Section};
use crate::sanitize::SafeText;
use crate::search::{Hit, SearchIndex};

use super::committee::CommitteeReport;

/// The search index of the Committee's recommendations one matrix answers.
#[derive(Debug)]
pub struct RecommendationIndex {
    /// The recommendations as a dataset: one section per lettered section of the Committee's
    /// chapter, one "recommendation" per paragraph, its `paragraphs` the paragraph's text.
    /// A hit's `location` and `highlights` refer to it.
    recommendations: Dataset,
    index: SearchIndex,
}

impl RecommendationIndex {
    /// Indexes the paragraphs of `committee` that `matrix` has a response to (a paragraph no
    /// response answers could not be opened beside its response).
    pub fn new(committee: &CommitteeReport, matrix: &Dataset) -> RecommendationIndex {
        let mut sections: Vec<Section> = Vec::new();
        for paragraph in &committee.paragraphs {
            if matrix.find(paragraph.para).is_none() {
                continue;
            }
            let same_section = sections
                .last()
                .is_some_and(|s| s.number.as_str() == paragraph.section);
            if !same_section {
                sections.push(Section {
                    number: SafeText::new(paragraph.section.as_str()),
                    title: SafeText::new(paragraph.section_title.as_str()),
                    recommendations: Vec::new(),
                });
            }
            if let Some(section) = sections.last_mut() {
                section.recommendations.push(Recommendation {
                    para: paragraph.para,
                    paragraphs: paragraph
                        .text
                        .iter()
                        .map(|text| SafeText::new(text.as_str()))
                        .collect(),
                });
            }
        }
        let recommendations = Dataset {
            document: Document {
                symbol: SafeText::new(committee.symbol.as_str()),
                date: SafeText::new(""),
                session: 0,
                agenda_item: SafeText::new(""),
                agenda_item_title: SafeText::new(""),
                title: SafeText::new(""),
                responds_to: SafeText::new(""),
                summary: SafeText::new(""),
            },
            sections,
            missions: Vec::new(),
        };
        let index = SearchIndex::new(&recommendations);
        RecommendationIndex {
            recommendations,
            index,
        }
    }

    /// The Committee report's symbol (`A/75/19`).
    pub fn symbol(&self) -> &str {
        self.recommendations.document.symbol.as_str()
    }

    /// The recommendations as a dataset: what a hit's `location` and `highlights` refer to.
    /// Its sections are the Committee's lettered sections (`number` the letter).
    pub fn dataset(&self) -> &Dataset {
        &self.recommendations
    }

    /// How many recommendations are indexed.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The recommendations matching `query`, best first (as [`SearchIndex::search`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.index.search(query, limit)
    }

    /// [`RecommendationIndex::search`], and how many match in all.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        self.index.search_counted(query, limit)
    }

    /// The text of the recommendation a hit found.
    pub fn text(&self, location: Location) -> Option<&Recommendation> {
        self.recommendations.get(location)
    }
}

/// Where a hit was found: in a response of the matrix or in the Committee's recommendation it
/// answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FoundIn {
    Response,
    Recommendation,
}

/// How hits of responses and of recommendations are ordered in one list (sort by it, stably):
/// full hits before partial ones, then by score; on a tie a response before a recommendation.
/// Both texts are scored by the same rules, so a query's best matches come first whichever
/// text they are in.
pub fn merged_order(hit: &Hit, found_in: FoundIn) -> (Reverse<bool>, Reverse<u32>, FoundIn) {
    (Reverse(hit.is_full()), Reverse(hit.score), found_in)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::committee::CommitteeParagraph;

    fn committee() -> CommitteeReport {
        let paragraph = |para, section: &str, text: &str| CommitteeParagraph {
            para,
            section: section.into(),
            section_title: format!("Section {section}"),
            text: vec![text.into()],
        };
        CommitteeReport {
            symbol: "A/0".into(),
            paragraphs: vec![
                paragraph(1, "A", "The Committee asks for a memorial."),
                paragraph(2, "A", "The Committee asks for a garden."),
                paragraph(3, "B", "The Committee asks for a memorial garden."),
            ],
        }
    }

    #[test]
    fn full_hits_first_then_score_then_a_response() {
        let hit = |score, missing: &[&str]| Hit {
            location: Location {
                section: 0,
                recommendation: 0,
            },
            para: 1,
            score,
            snippet: crate::search::Snippet {
                text: String::new(),
                highlights: Vec::new(),
            },
            highlights: Vec::new(),
            missions: Vec::new(),
            matched: Vec::new(),
            missing: missing.iter().map(|m| (*m).to_string()).collect(),
            approximate: false,
        };
        let mut hits = [
            ("partial, high", hit(900, &["x"]), FoundIn::Response),
            (
                "full, tie, recommendation",
                hit(200, &[]),
                FoundIn::Recommendation,
            ),
            ("full, tie, response", hit(200, &[]), FoundIn::Response),
            ("full, best", hit(300, &[]), FoundIn::Recommendation),
        ];
        hits.sort_by_key(|(_, hit, found_in)| merged_order(hit, *found_in));
        let order: Vec<&str> = hits.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(
            order,
            [
                "full, best",
                "full, tie, response",
                "full, tie, recommendation",
                "partial, high"
            ]
        );
    }

    #[test]
    fn only_the_paragraphs_the_matrix_answers_are_searched() {
        let matrix = crate::search::test_support::dataset(&[(1, &["x"]), (3, &["y"])]);
        let index = RecommendationIndex::new(&committee(), &matrix);
        assert_eq!(index.len(), 2);
        let paras: Vec<u32> = index
            .search("memorial", 10)
            .iter()
            .map(|h| h.para)
            .collect();
        assert_eq!(paras, [1, 3]);
        assert!(index.search("garden", 10).iter().all(|h| h.para == 3));
        // Sections keep their letters.
        let hit = &index.search("garden", 10)[0];
        assert_eq!(
            index.dataset().sections[hit.location.section]
                .number
                .as_str(),
            "B"
        );
    }
}
