//! The `/` overlay: a query, its ranked results as you type, and the search history
//! (`Alt-↑` an older query, `Alt-↓` a newer one and, past the newest, what was being typed).

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::finding::Found;
use crate::app::{Chooser, Prompt};
use crate::command::{Command, Edit, Keymap};
use crate::layout;
use crate::sanitize::SafeText;
use crate::search::{Hit, SearchIndex};
use crate::series::recommendations::{FoundIn, RecommendationIndex, merged_order};

/// Results asked of the search engine: more than the report has recommendations, so the count
/// shown is the real one.
pub const SEARCH_LIMIT: usize = 1000;

/// Characters accepted in a search or picker query: more than any real query, and a bound on
/// the work one keystroke can cause.
pub const QUERY_CHARS: usize = 200;

/// The search: a query and its results, and where it is in the search history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPicker {
    results: Chooser<Hit>,
    recall: Recall,
    /// Whether every report of the library is searched (Ctrl-t), not only the open one.
    all_reports: bool,
    /// The report of each result: an index into [`Context::reports`], `None` for the open
    /// report.
    origins: Vec<Option<usize>>,
    /// Whether the Special Committee's recommendations are searched too (Ctrl-r).
    recommendations: bool,
    /// Where each result was found: in a response, or in the Committee's recommendation
    /// it answers (its location is then in [`RecommendationIndex::dataset`]).
    found_in: Vec<FoundIn>,
    /// When nothing matches: each quoted phrase the report does not hold, and how many
    /// responses have all its words.
    phrase_counts: Vec<(String, usize)>,
}

impl SearchPicker {
    /// The search as it opens: the last search, its cursor at the end, if there was one. A
    /// mission pick opens the search for the mission's acronym, typed as a user could type it
    /// (a dataset's acronym may hold anything).
    pub fn open(last: Option<&Found>, index: &SearchIndex) -> SearchPicker {
        let results = match last {
            Some(found) if found.mission.is_some() => {
                let query: String = found
                    .query
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(QUERY_CHARS)
                    .collect();
                let hits = index.search(&query, SEARCH_LIMIT);
                Chooser::new(Prompt::from(query.as_str()), hits)
            }
            Some(found) => {
                let mut results =
                    Chooser::new(Prompt::from(found.query.as_str()), found.hits.clone());
                results.scroll.selected = found.chosen;
                results
            }
            None => Chooser::default(),
        };
        let origins = vec![None; results.items.len()];
        let found_in = vec![FoundIn::Response; results.items.len()];
        SearchPicker {
            results,
            recall: Recall::default(),
            all_reports: false,
            origins,
            recommendations: false,
            found_in,
            phrase_counts: Vec::new(),
        }
    }

    /// Whether every report of the library is searched.
    pub fn all_reports(&self) -> bool {
        self.all_reports
    }

    /// The report of result `index`: an index into [`Context::reports`], `None` for the open
    /// report.
    pub fn origin(&self, index: usize) -> Option<usize> {
        self.origins.get(index).copied().flatten()
    }

    /// Whether the Committee's recommendations are searched too.
    pub fn recommendations(&self) -> bool {
        self.recommendations
    }

    /// The Committee's recommendations result `index` was found in, when it was found in one
    /// rather than in a response: what its location and highlights refer to.
    pub fn recommendation_of<'a>(
        &self,
        index: usize,
        context: &Context<'a>,
    ) -> Option<&'a RecommendationIndex> {
        if self.found_in.get(index) != Some(&FoundIn::Recommendation) {
            return None;
        }
        match self.origin(index) {
            None => context.recommendations,
            Some(report) => context
                .report_recommendations
                .get(report)
                .and_then(Option::as_deref),
        }
    }

    /// Runs the query again (on the open report, or on every report; on their responses, or
    /// on those and the Committee's recommendations they answer) and shows its results.
    fn search(&mut self, context: &Context) {
        let query = self.results.query();
        let mut hits: Vec<(Option<usize>, FoundIn, Hit)> = context
            .index
            .search(query, SEARCH_LIMIT)
            .into_iter()
            .map(|hit| (None, FoundIn::Response, hit))
            .collect();
        if self.recommendations
            && let Some(index) = context.recommendations
        {
            hits.extend(
                index
                    .search(query, SEARCH_LIMIT)
                    .into_iter()
                    .map(|hit| (None, FoundIn::Recommendation, hit)),
            );
        }
        if self.all_reports {
            for (report, index) in context.report_indexes.iter().enumerate() {
                if let Some(index) = index {
                    hits.extend(
                        index
                            .search(query, SEARCH_LIMIT)
                            .into_iter()
                            .map(|hit| (Some(report), FoundIn::Response, hit)),
                    );
                }
            }
            if self.recommendations {
                for (report, index) in context.report_recommendations.iter().enumerate() {
                    if let Some(index) = index {
                        hits.extend(
                            index
                                .search(query, SEARCH_LIMIT)
                                .into_iter()
                                .map(|hit| (Some(report), FoundIn::Recommendation, hit)),
                        );
                    }
                }
            }
        }
        let report_order = |report: &Option<usize>| report.map_or(0, |r| r + 1);
        if self.recommendations {
            // Full hits first, best first; on a tie a response, then the open report, then
            // the reports newest first.
            hits.sort_by_key(|(report, found_in, hit)| {
                (merged_order(hit, *found_in), report_order(report))
            });
        } else if self.all_reports {
            // Best first; between equal scores the open report, then the reports newest first.
            hits.sort_by_key(|(report, _, hit)| {
                (std::cmp::Reverse(hit.score), report_order(report))
            });
        }
        hits.truncate(SEARCH_LIMIT);
        let mut origins = Vec::with_capacity(hits.len());
        let mut found_in = Vec::with_capacity(hits.len());
        let hits: Vec<Hit> = hits
            .into_iter()
            .map(|(report, kind, hit)| {
                origins.push(report);
                found_in.push(kind);
                hit
            })
            .collect();
        self.phrase_counts = if hits.is_empty() {
            context.index.phrase_words_counts(query)
        } else {
            Vec::new()
        };
        self.origins = origins;
        self.found_in = found_in;
        self.results.replace_items(hits);
    }

    /// For a query with no results: each quoted phrase the report does not hold, and how many
    /// responses have all its words (in any order).
    pub fn phrase_counts(&self) -> &[(String, usize)] {
        &self.phrase_counts
    }

    /// The query and its results.
    pub fn results(&self) -> &Chooser<Hit> {
        &self.results
    }

    /// Enter (or a click on the chosen result): the result opens at its first hit, the query
    /// goes into the search history. A hit in a Committee's recommendation opens the response
    /// to its paragraph with the recommendation unfolded.
    fn open_result(&self) -> Action {
        let Some(chosen_hit) = self.results.selected() else {
            return Action::Stay;
        };
        let (location, para) = (chosen_hit.location, chosen_hit.para);
        let selected = self.results.scroll.selected;
        let origin = self.origin(selected);
        let in_recommendation = self.found_in.get(selected) == Some(&FoundIn::Recommendation);
        // The response hits of the chosen result's report: `n` and `N` go through those.
        let mine: Vec<usize> = (0..self.results.items.len())
            .filter(|&i| {
                self.origin(i) == origin && self.found_in.get(i) != Some(&FoundIn::Recommendation)
            })
            .collect();
        let chosen = mine
            .iter()
            .position(|&i| i == selected)
            .or_else(|| {
                // A recommendation: the response to its paragraph, if the search found it.
                mine.iter()
                    .position(|&i| self.results.items.get(i).is_some_and(|h| h.para == para))
            })
            .unwrap_or(0);
        let hits = mine
            .into_iter()
            .filter_map(|i| self.results.items.get(i).cloned())
            .collect();
        let found = Found {
            query: self.results.query().to_string(),
            hits,
            chosen,
            current: None,
            mission: None,
        };
        match origin {
            _ if in_recommendation => Action::then(move |app| {
                app.open_found_recommendation(origin, found, para);
            }),
            Some(report) => {
                Action::then(move |app| app.open_found_in_report(report, found, location))
            }
            None => Action::then(move |app| app.open_found(found, location)),
        }
    }

    /// A click: on a result, select it (open it, when it is already selected); outside the
    /// box, close it.
    fn click(&mut self, column: u16, row: u16, area: ratatui::layout::Rect) -> Action {
        let parts = layout::search_box(area);
        let position = ratatui::layout::Position::new(column, row);
        if !parts.frame.contains(position) {
            return Action::Close;
        }
        if !parts.list.contains(position) {
            return Action::Stay;
        }
        let rows_per_item = layout::result_height(parts.list).max(1);
        let row = usize::from((row - parts.list.y) / rows_per_item);
        let Some(index) = self.results.scroll.row_at(row, self.results.items.len()) else {
            return Action::Stay;
        };
        if index == self.results.scroll.selected {
            return self.open_result();
        }
        self.results.select(index, layout::search_page(area));
        Action::Stay
    }
}

impl Component for SearchPicker {
    const KEYMAP: Keymap = Keymap::Search;

    fn text_input(&mut self) -> Option<super::TextInput<'_>> {
        Some(super::TextInput {
            prompt: &mut self.results.prompt,
            limit: QUERY_CHARS,
            accepts: |_| true,
        })
    }

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let page = layout::search_page(context.area).max(1);
        match command {
            // Backspace on an empty prompt closes it.
            Command::Edit(Edit::DeleteBack) if self.results.prompt.is_empty() => {
                return Action::Close;
            }
            Command::Edit(edit) => {
                if self.results.prompt.edit(edit, QUERY_CHARS, |_| true) {
                    self.recall.reset();
                    self.search(context);
                }
            }
            Command::RecallOlder | Command::RecallNewer => {
                let older = command == Command::RecallOlder;
                if let Some(text) = self
                    .recall
                    .step(context.queries, older, self.results.query())
                {
                    self.results.prompt = Prompt::from(text.as_str());
                    self.search(context);
                }
            }
            Command::OpenResult => return self.open_result(),
            Command::ToggleAllReports => {
                if context.reports.len() < 2 {
                    return Action::Say(
                        "Only this report in the library: c34 add adds another".into(),
                    );
                }
                self.all_reports = !self.all_reports;
                self.search(context);
            }
            Command::ToggleRecommendations => {
                if context.committee.is_none() {
                    return Action::Say(
                        "No report of the Special Committee for this report in the library: \
                         c34 add adds it"
                            .into(),
                    );
                }
                self.recommendations = !self.recommendations;
                self.search(context);
            }
            Command::Close => return Action::Close,
            Command::Click { column, row } => return self.click(column, row, context.area),
            Command::WheelUp { .. } => self.results.wheel(false, WHEEL_LINES, page),
            Command::WheelDown { .. } => self.results.wheel(true, WHEEL_LINES, page),
            _ => {
                if let Some(motion) = command.motion() {
                    self.results.apply(motion, 1, page);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        self.results
            .settle(layout::search_page(context.area).max(1));
    }
}

/// Where the prompt is in the search history while recalling: the entry shown, and the text
/// typed before recalling began.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Recall {
    browsing: Option<(usize, String)>,
}

impl Recall {
    /// Forgets where the prompt was (an edit).
    fn reset(&mut self) {
        self.browsing = None;
    }

    /// The text one step older (`older`) or newer in `queries` (oldest first), given the
    /// prompt's text now; `None` when there is nowhere to go.
    fn step(&mut self, queries: &[SafeText], older: bool, typed: &str) -> Option<String> {
        let last = queries.len().checked_sub(1)?;
        let next = match (&self.browsing, older) {
            (None, true) => Some(last),
            // Nothing newer than the draft, nothing older than the oldest.
            (None, false) | (Some((0, _)), true) => return None,
            (Some((index, _)), true) => Some(index - 1),
            (Some((index, _)), false) if *index < last => Some(index + 1),
            (Some(_), false) => None,
        };
        match next {
            Some(index) => {
                let draft = match self.browsing.take() {
                    Some((_, draft)) => draft,
                    None => typed.to_string(),
                };
                self.browsing = Some((index, draft));
                // The query as shown: history is made safe as it is read.
                queries.get(index).map(|query| query.as_str().to_string())
            }
            // Past the newest: back to what was typed.
            None => self.browsing.take().map(|(_, draft)| draft),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recalling_walks_back_and_returns_to_the_draft() {
        let queries = vec![SafeText::new("mali"), SafeText::new("unmiss")];
        let mut recall = Recall::default();
        assert_eq!(
            recall.step(&queries, false, "pea"),
            None,
            "nothing newer than the draft"
        );
        assert_eq!(
            recall.step(&queries, true, "pea").as_deref(),
            Some("unmiss")
        );
        assert_eq!(
            recall.step(&queries, true, "unmiss").as_deref(),
            Some("mali")
        );
        assert_eq!(
            recall.step(&queries, true, "mali"),
            None,
            "the oldest stays"
        );
        assert_eq!(recall.browsing.as_ref().map(|(index, _)| *index), Some(0));
        assert_eq!(
            recall.step(&queries, false, "mali").as_deref(),
            Some("unmiss")
        );
        assert_eq!(
            recall.step(&queries, false, "unmiss").as_deref(),
            Some("pea"),
            "the draft"
        );
        assert_eq!(recall.browsing.as_ref().map(|(index, _)| *index), None);
        let mut empty = Recall::default();
        assert_eq!(empty.step(&[], true, "x"), None);
    }
}
