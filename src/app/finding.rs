//! Finding things in the reader: what the `/` search, a mission pick and the `:` jump open,
//! and `n`/`N` from hit to hit. The overlays themselves are in [`super::overlay`].

use super::{App, Effect, Pane, Source, TreeRow};
use crate::dataset::Location;
use crate::missions::{mention_ranges, place_ranges};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::{Highlight, Hit, Snippet};

/// The result nearest after `here` (before it, going back) in the report's order, and whether
/// the search wrapped around the report to find it.
fn nearest_result(hits: &[Hit], here: Option<Location>, forward: bool) -> (usize, bool) {
    let key = |location: Location| (location.section, location.recommendation);
    let ahead = hits
        .iter()
        .enumerate()
        .filter(|(_, hit)| here.is_none_or(|here| key(hit.location) > key(here)))
        .min_by_key(|(_, hit)| key(hit.location));
    let behind = hits
        .iter()
        .enumerate()
        .filter(|(_, hit)| here.is_none_or(|here| key(hit.location) < key(here)))
        .max_by_key(|(_, hit)| key(hit.location));
    let first = hits
        .iter()
        .enumerate()
        .min_by_key(|(_, hit)| key(hit.location));
    let last = hits
        .iter()
        .enumerate()
        .max_by_key(|(_, hit)| key(hit.location));
    let (near, wrap) = if forward {
        (ahead, first)
    } else {
        (behind, last)
    };
    match (near, wrap) {
        (Some((index, _)), _) => (index, false),
        (None, Some((index, _))) => (index, true),
        (None, None) => (0, false),
    }
}

/// The query of `found`, for a message.
fn found_query(found: Option<&Found>) -> String {
    found.map_or(String::new(), |found| found.query.clone())
}

/// The search last opened in the reader. Its hits stay highlighted in every recommendation
/// it found until a new search or Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub query: String,
    pub hits: Vec<Hit>,
    /// The result that was opened (to reselect it when the search is reopened).
    pub chosen: usize,
    /// The hit `n`/`N` moved to last: a recommendation and an index into its highlights.
    pub current: Option<(Location, usize)>,
    /// The mission (an index into `dataset.missions`) when this is a mission pick's mentions
    /// rather than a typed search.
    pub mission: Option<usize>,
}

impl Found {
    /// The hit for the recommendation at `location`, if the search found it.
    pub fn hit_at(&self, location: Location) -> Option<&Hit> {
        self.hits.iter().find(|hit| hit.location == location)
    }
}

impl App {
    /// Opens a search result chosen in the `/` overlay at its first hit, the query recorded in
    /// the search history, its hits highlighted.
    pub(super) fn open_found(&mut self, found: Found, location: Location) {
        if !found.query.trim().is_empty() {
            self.push_effect(Effect::RecordQuery(found.query.clone()));
        }
        self.set_found(Some(found));
        self.jump_and_record(|app| app.open(location));
        self.focus = Pane::Reader;
        self.settle();
        self.go_to_hit(0);
    }

    /// The `:` jump to the response to paragraph `para`; an unknown number names the nearest.
    pub(super) fn jump_to(&mut self, para: u32) {
        if let Some(location) = self.dataset.find(para) {
            self.jump_and_record(|app| app.open(location));
            self.focus = Pane::Reader;
            return;
        }
        self.message = Some(SafeText::line(self.dataset.no_response_message(para)));
    }

    /// Which of the reader's hits `n`/`N` moved to last, and how many there are.
    pub fn hit_position(&self) -> Option<(Option<usize>, usize)> {
        let (location, _) = self.current()?;
        let found = self.found.as_ref()?;
        let count = found.hit_at(location)?.highlights.len();
        let current = found
            .current
            .filter(|&(at, index)| at == location && index < count)
            .map(|(_, index)| index);
        Some((current, count))
    }

    /// `n` and `N`, `times` times.
    pub(super) fn step_hits(&mut self, forward: bool, times: usize) {
        // Bounded: a count never makes one key do unbounded work.
        for _ in 0..times.min(1000) {
            self.step_hit(forward);
        }
    }

    /// Where the reader's recommendation is among the results: (index, how many).
    pub fn result_position(&self) -> Option<(usize, usize)> {
        let (location, _) = self.current()?;
        let found = self.found.as_ref()?;
        let index = found.hits.iter().position(|hit| hit.location == location)?;
        Some((index, found.hits.len()))
    }

    /// `n` and `N`: the next or previous hit in the reader; past the last (first) one, the next
    /// (previous) result at its first (last) hit, in result order, wrapping around with a
    /// message. Away from the results, the next (previous) one in the report.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(found) = &self.found else {
            self.message = Some("No search yet · / searches".into());
            return;
        };
        let results = found.hits.len();
        if results == 0 {
            return;
        }
        let Some((result, _)) = self.result_position() else {
            // Away from the results: the nearest one ahead (behind) in the report's order.
            let here = self.current().map(|(location, _)| location);
            let (target, wrapped) = nearest_result(&found.hits, here, forward);
            self.open_result(target, forward, wrapped);
            return;
        };
        if let Some(found) = &mut self.found {
            found.chosen = result;
        }
        let (current, count) = self.hit_position().unwrap_or((None, 0));
        let next = match current {
            Some(i) if forward => Some(i + 1),
            Some(i) => i.checked_sub(1),
            None if forward => Some(0),
            None => count.checked_sub(1),
        }
        .filter(|&i| i < count);
        if let Some(index) = next {
            self.reveal_reader();
            self.go_to_hit(index);
            return;
        }
        let (target, wrapped) = if forward {
            ((result + 1) % results, result + 1 == results)
        } else {
            ((result + results - 1) % results, result == 0)
        };
        self.open_result(target, forward, wrapped);
    }

    /// Opens result `index` at its first hit (`forward`) or its last, in the list shown when it
    /// holds the result (a mission's), else in its section.
    fn open_result(&mut self, index: usize, forward: bool, wrapped: bool) {
        let Some(found) = &mut self.found else {
            return;
        };
        let Some(location) = found.hits.get(index).map(|hit| hit.location) else {
            return;
        };
        let count = found.hits[index].highlights.len();
        found.chosen = index;
        found.current = None;
        let in_list = self.list.items.iter().position(|&item| item == location);
        self.jump_and_record(|app| match in_list {
            Some(item) => app.select_item(item),
            None => app.open(location),
        });
        self.reveal_reader();
        self.settle();
        if count > 0 {
            self.go_to_hit(if forward { 0 } else { count - 1 });
        }
        if wrapped {
            let query = found_query(self.found.as_ref());
            let end = if forward { "first" } else { "last" };
            self.message = Some(safe_format!("“{query}”: back to the {end} result"));
        }
    }

    /// On a narrow screen the reader takes the place of the list to show a hit.
    fn reveal_reader(&mut self) {
        if self.screen().reader.is_none() {
            self.focus = Pane::Reader;
            self.settle();
        }
    }

    /// Shows mission `m`'s recommendations in the list, its branch open in the tree, and
    /// highlights its mentions as a search would, for `n`/`N` to walk.
    pub(super) fn pick_mission(&mut self, m: usize) {
        // The tree's Missions branch opens on the mission, as if chosen there.
        self.tree.missions_expanded = true;
        let rows = self.tree_rows();
        if let Some(row) = rows.iter().position(|&r| r == TreeRow::Mission(m)) {
            self.select_tree_row(row);
        }
        if self.list.source != Source::Mission(m) {
            self.set_source(Source::Mission(m));
        }
        self.find_mission(m);
    }

    /// Highlights mission `m`'s mentions (acronym and official name) in its recommendations,
    /// and its place in those that name only the place, unless they already are.
    pub(super) fn find_mission(&mut self, m: usize) {
        if self.found.as_ref().and_then(|found| found.mission) == Some(m) {
            return;
        }
        let found = self.mission_found(m);
        if found.is_some() {
            self.set_found(found);
        }
    }

    /// Mission `m`'s mentions as search results, in the order its list shows them.
    fn mission_found(&self, m: usize) -> Option<Found> {
        self.mentions_found(m, self.items_of(Source::Mission(m)))
    }

    /// Mission `m`'s mentions in the recommendations at `locations` (its place, in those that
    /// name only the place), as search results in that order.
    pub(super) fn mentions_found(&self, m: usize, locations: Vec<Location>) -> Option<Found> {
        let mission = self.dataset.missions.get(m)?;
        let hits: Vec<Hit> = locations
            .into_iter()
            .filter_map(|location| {
                let recommendation = self.dataset.get(location)?;
                // A response listed for naming only the mission's place: its place is the hit.
                let ranges = if mission.paras.contains(&recommendation.para) {
                    mention_ranges
                } else {
                    place_ranges
                };
                let highlights = recommendation
                    .paragraphs
                    .iter()
                    .enumerate()
                    .flat_map(|(paragraph, text)| {
                        ranges(text, &mission.acronym)
                            .into_iter()
                            .map(move |range| Highlight { paragraph, range })
                    })
                    .collect();
                Some(Hit {
                    location,
                    para: recommendation.para,
                    score: 0,
                    snippet: Snippet {
                        text: String::new(),
                        highlights: Vec::new(),
                    },
                    highlights,
                    // What the search overlay says about missions: a pick is never shown there.
                    missions: Vec::new(),
                    matched: Vec::new(),
                    missing: Vec::new(),
                    approximate: false,
                })
            })
            .collect();
        (!hits.is_empty()).then(|| Found {
            query: mission.acronym.to_string(),
            hits,
            chosen: 0,
            current: None,
            mission: Some(m),
        })
    }

    /// Makes hit `index` of the reader's recommendation the current one and scrolls to it.
    pub(super) fn go_to_hit(&mut self, index: usize) {
        let Some((location, _)) = self.current() else {
            return;
        };
        let Some(found) = &mut self.found else {
            return;
        };
        // A search of exclusions alone (`!word`) finds responses with nothing to highlight.
        let count = found.hit_at(location).map_or(0, |hit| hit.highlights.len());
        if index >= count {
            return;
        }
        found.current = Some((location, index));
        let Some(view) = self.screen().reader_text() else {
            return;
        };
        let Some(&line) = self.reader_layout.hit_lines.get(index) else {
            return;
        };
        let height = usize::from(view.height);
        // A hit already in view, clear of the edges, stays put; otherwise it goes a third of
        // the way down, with the text before it as context.
        let margin = (height / 6).min(2);
        let top = self.reader.scroll + margin;
        let bottom = (self.reader.scroll + height).saturating_sub(margin);
        if line < top || line >= bottom {
            self.reader.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
        }
    }
}
