//! Finding things: the `/` search, the `m` mission picker, the `:` jump, and `n`/`N` from hit
//! to hit in the reader.

use ratatui::layout::Position;

use super::chooser::Chooser;
use super::prompt::{Edit, Prompt};
use super::{App, Effect, JUMP_DIGITS, Overlay, Pane, QUERY_CHARS, Source, TreeRow};
use crate::dataset::Location;
use crate::layout;
use crate::missions::match_missions;
use crate::sanitize::for_line;
use crate::search::Hit;

/// Results asked of the search engine: more than the report has recommendations, so the count
/// shown is the real one.
pub(super) const SEARCH_LIMIT: usize = 1000;

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
}

impl Found {
    /// The hit for the recommendation at `location`, if the search found it.
    pub fn hit_at(&self, location: Location) -> Option<&Hit> {
        self.hits.iter().find(|hit| hit.location == location)
    }
}

impl App {
    /// Opens the search overlay with the last search, its cursor at the end, if there was one.
    pub(super) fn open_search(&mut self) {
        self.recall.reset();
        let search = match &self.found {
            Some(found) => {
                let mut search =
                    Chooser::new(Prompt::from(found.query.as_str()), found.hits.clone());
                search.scroll.selected = found.chosen;
                search
            }
            None => Chooser::default(),
        };
        self.overlay = Some(Overlay::Search(search));
    }

    /// Opens the mission picker on every mission, the one the list shows selected.
    pub(super) fn open_missions(&mut self) {
        if self.dataset.missions.is_empty() {
            self.message = Some("This report names no missions".into());
            return;
        }
        let mut picker = Chooser::new(
            Prompt::default(),
            match_missions(&self.dataset.missions, ""),
        );
        if let Source::Mission(m) = self.list.source {
            picker.scroll.selected = picker
                .items
                .iter()
                .position(|x| x.mission == m)
                .unwrap_or(0);
        }
        self.overlay = Some(Overlay::Missions(picker));
    }

    /// Applies an edit to the open prompt, then runs the search or filters the missions again
    /// if the text changed. Backspace on an empty `:` prompt closes it.
    pub(super) fn edit_prompt(&mut self, edit: Edit) {
        match &mut self.overlay {
            Some(Overlay::Jump(prompt)) => {
                if edit == Edit::DeleteBack && prompt.is_empty() {
                    self.overlay = None;
                    return;
                }
                prompt.edit(edit, JUMP_DIGITS, |c| c.is_ascii_digit());
            }
            Some(Overlay::Search(search)) => {
                if search.prompt.edit(edit, QUERY_CHARS, |_| true) {
                    self.recall.reset();
                    let hits = self.index.search(search.query(), SEARCH_LIMIT);
                    search.replace_items(hits);
                }
            }
            Some(Overlay::Missions(picker)) => {
                if picker.prompt.edit(edit, QUERY_CHARS, |_| true) {
                    let matches = match_missions(&self.dataset.missions, picker.query());
                    picker.replace_items(matches);
                }
            }
            Some(Overlay::Help { .. } | Overlay::Note { .. } | Overlay::Matrix(_)) | None => {}
        }
    }

    /// Enter in a prompt: open the chosen search result at its first hit, list the chosen
    /// mission's recommendations, or jump to the typed paragraph.
    pub(super) fn submit(&mut self) {
        match self.overlay.take() {
            Some(Overlay::Search(search)) => {
                let Some(location) = search.selected().map(|hit| hit.location) else {
                    self.overlay = Some(Overlay::Search(search));
                    return;
                };
                let chosen = search.scroll.selected;
                if !search.query().trim().is_empty() {
                    self.push_effect(Effect::RecordQuery(search.query().to_string()));
                }
                self.set_found(Some(Found {
                    query: search.query().to_string(),
                    hits: search.items,
                    chosen,
                    current: None,
                }));
                self.open(location);
                self.focus = Pane::Reader;
                self.settle();
                self.go_to_hit(0);
            }
            Some(Overlay::Missions(picker)) => {
                let Some(mission) = picker.selected().map(|x| x.mission) else {
                    self.overlay = Some(Overlay::Missions(picker));
                    return;
                };
                // The tree's Missions branch opens on the mission, as if chosen there.
                self.tree.missions_expanded = true;
                let rows = self.tree_rows();
                if let Some(row) = rows.iter().position(|&r| r == TreeRow::Mission(mission)) {
                    self.select_tree_row(row);
                }
                if self.list.source != Source::Mission(mission) {
                    self.set_source(Source::Mission(mission));
                }
                self.focus = Pane::List;
            }
            Some(Overlay::Jump(prompt)) => self.jump(prompt.value()),
            other => self.overlay = other,
        }
    }

    /// The `:` jump to the paragraph numbered `digits`; an unknown number names the nearest.
    fn jump(&mut self, digits: &str) {
        let Ok(para) = digits.parse::<u32>() else {
            return;
        };
        if let Some(location) = self.dataset.find(para) {
            self.open(location);
            self.focus = Pane::Reader;
            return;
        }
        self.message = Some(self.dataset.no_response_message(para));
    }

    /// A click with an overlay open: in the search or the picker a result row selects it (or
    /// opens it, when it is already selected) and a click outside the box closes it; a click
    /// closes the help or the `:` prompt, like Esc.
    pub(super) fn click(&mut self, position: Position) {
        let area = self.area();
        let (parts, rows_per_item, page) = match &self.overlay {
            None => {
                self.click_pane(position);
                return;
            }
            Some(Overlay::Search(_)) => {
                let parts = layout::search_parts(area);
                (
                    parts,
                    layout::result_height(parts.list),
                    layout::search_page(area),
                )
            }
            Some(Overlay::Missions(_)) => {
                let missions = self.dataset.missions.len();
                (
                    layout::picker_parts(area, missions),
                    1,
                    layout::picker_page(area, missions),
                )
            }
            Some(
                Overlay::Help { .. } | Overlay::Jump(_) | Overlay::Note { .. } | Overlay::Matrix(_),
            ) => {
                self.overlay = None;
                return;
            }
        };
        if !parts.frame.contains(position) {
            self.overlay = None;
            return;
        }
        if !parts.list.contains(position) {
            return;
        }
        let row = usize::from((position.y - parts.list.y) / rows_per_item.max(1));
        let (scroll, len) = match &self.overlay {
            Some(Overlay::Search(search)) => (search.scroll, search.items.len()),
            Some(Overlay::Missions(picker)) => (picker.scroll, picker.items.len()),
            _ => return,
        };
        let Some(index) = scroll.row_at(row, len) else {
            return;
        };
        if index == scroll.selected {
            self.submit();
            return;
        }
        match &mut self.overlay {
            Some(Overlay::Search(search)) => search.select(index, page),
            Some(Overlay::Missions(picker)) => picker.select(index, page),
            _ => {}
        }
    }

    /// The hit for the recommendation in the reader, if the last search found it.
    pub fn hit_here(&self) -> Option<&Hit> {
        let (location, _) = self.current()?;
        self.found.as_ref()?.hit_at(location)
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

    /// `n` and `N`: the next or previous hit in the reader, wrapping around.
    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(found) = &self.found else {
            self.message = Some("No search yet · / searches".into());
            return;
        };
        let Some((current, count)) = self.hit_position().filter(|&(_, count)| count > 0) else {
            let query = for_line(&found.query).into_owned();
            self.message = Some(format!("No hits for “{query}” here · / lists them"));
            return;
        };
        let index = match current {
            Some(i) if forward => (i + 1) % count,
            Some(i) => (i + count - 1) % count,
            None if forward => 0,
            None => count - 1,
        };
        if self.screen().reader.is_none() {
            // On a narrow screen the reader takes the place of the list.
            self.focus = Pane::Reader;
            self.settle();
        }
        self.go_to_hit(index);
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
