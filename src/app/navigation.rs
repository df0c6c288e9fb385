//! The three panes: the section tree, the list of recommendations, the reader; moving between
//! and within them by key and by mouse.

use ratatui::layout::Position;

use super::scroll::{self, Motion, Scroll};
use super::{App, Command, Pane};
use crate::dataset::{Dataset, Location, Recommendation};
use crate::layout::{self, TREE_MARKER_WIDTH};
use crate::safe_format;
use crate::sanitize::SafeText;

/// The recommendation after (or before) `at` in the report's order, across sections.
pub fn neighbour(dataset: &Dataset, at: Location, forward: bool) -> Option<Location> {
    let sections = &dataset.sections;
    if forward {
        if at.recommendation + 1 < sections.get(at.section)?.recommendations.len() {
            return Some(Location {
                recommendation: at.recommendation + 1,
                ..at
            });
        }
        let section =
            (at.section + 1..sections.len()).find(|&s| !sections[s].recommendations.is_empty())?;
        Some(Location {
            section,
            recommendation: 0,
        })
    } else {
        if at.recommendation > 0 {
            return Some(Location {
                recommendation: at.recommendation - 1,
                ..at
            });
        }
        let section = (0..at.section)
            .rev()
            .find(|&s| !sections[s].recommendations.is_empty())?;
        Some(Location {
            section,
            recommendation: sections[section].recommendations.len() - 1,
        })
    }
}

/// What `]` or `[` says at the end of what it walks.
fn edge_message(forward: bool, of: &str) -> SafeText {
    if forward {
        safe_format!("Last recommendation {of}")
    } else {
        safe_format!("First recommendation {of}")
    }
}

/// A row of the section tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    Section(usize),
    /// A paragraph under an expanded section.
    Para(Location),
    /// The head of the missions branch.
    Missions,
    Mission(usize),
    /// The bookmarked or annotated recommendations.
    Bookmarks,
    /// The head of the documents-cited branch.
    Documents,
    /// A cited document (an index into `App::references`).
    Document(usize),
}

/// What the middle list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Section(usize),
    Mission(usize),
    /// The bookmarked or annotated recommendations.
    Bookmarks,
    /// A cell of the missions × sections matrix (row, column).
    Cell {
        row: usize,
        col: usize,
    },
    /// The recommendations citing a document (an index into `App::references`).
    Document(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    /// One flag per section.
    pub expanded: Vec<bool>,
    pub missions_expanded: bool,
    pub documents_expanded: bool,
    /// The selected row of [`App::tree_rows`] and the first row shown.
    pub scroll: Scroll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    pub source: Source,
    /// The recommendations listed, in document order.
    pub items: Vec<Location>,
    pub scroll: Scroll,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderState {
    /// First wrapped line shown.
    pub scroll: usize,
}

impl App {
    /// The rows of the section tree as shown.
    pub fn tree_rows(&self) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        for (s, section) in self.dataset.sections.iter().enumerate() {
            rows.push(TreeRow::Section(s));
            if self.tree.expanded.get(s).copied().unwrap_or(false) {
                rows.extend((0..section.recommendations.len()).map(|r| {
                    TreeRow::Para(Location {
                        section: s,
                        recommendation: r,
                    })
                }));
            }
        }
        rows.push(TreeRow::Bookmarks);
        if !self.dataset.missions.is_empty() {
            rows.push(TreeRow::Missions);
            if self.tree.missions_expanded {
                rows.extend((0..self.dataset.missions.len()).map(TreeRow::Mission));
            }
        }
        self.push_document_rows(&mut rows);
        rows
    }

    /// The recommendations a source lists.
    pub fn items_of(&self, source: Source) -> Vec<Location> {
        match source {
            Source::Section(s) => self.dataset.sections.get(s).map_or(Vec::new(), |section| {
                (0..section.recommendations.len())
                    .map(|r| Location {
                        section: s,
                        recommendation: r,
                    })
                    .collect()
            }),
            // Its mentions, then the responses that name only its place: what `/` finds.
            Source::Mission(m) => self.dataset.missions.get(m).map_or(Vec::new(), |mission| {
                self.index()
                    .mission_list(mission)
                    .into_iter()
                    .map(|(location, _)| location)
                    .collect()
            }),
            Source::Bookmarks => self
                .annotated_paras()
                .into_iter()
                .filter_map(|para| self.dataset.find(para))
                .collect(),
            Source::Cell { row, col } => self
                .matrix()
                .paras(row, col)
                .iter()
                .filter_map(|&para| self.dataset.find(para))
                .collect(),
            Source::Document(d) => self.references.get(d).map_or(Vec::new(), |reference| {
                reference
                    .paras
                    .iter()
                    .filter_map(|&para| self.dataset.find(para))
                    .collect()
            }),
        }
    }

    /// Whether the list is a mission's and `location` is in it only for naming the mission's
    /// place (a response that never mentions the mission: marked "place only").
    pub fn is_place_only(&self, location: Location) -> bool {
        let Source::Mission(m) = self.list.source else {
            return false;
        };
        let (Some(mission), Some(recommendation)) =
            (self.dataset.missions.get(m), self.dataset.get(location))
        else {
            return false;
        };
        !mission.paras.contains(&recommendation.para)
    }

    /// The recommendation in the reader.
    pub fn current(&self) -> Option<(Location, &Recommendation)> {
        let location = *self.list.items.get(self.list.scroll.selected)?;
        Some((location, self.dataset.get(location)?))
    }

    /// Shows the recommendation at `location` in the reader, its section in the list and the
    /// tree, from anywhere (the `:` jump, search results).
    pub fn open(&mut self, location: Location) {
        self.set_source(Source::Section(location.section));
        self.select_item(location.recommendation);
        let rows = self.tree_rows();
        let row = rows
            .iter()
            .position(|&row| row == TreeRow::Para(location))
            .or_else(|| {
                rows.iter()
                    .position(|&row| row == TreeRow::Section(location.section))
            });
        if let Some(row) = row {
            self.tree.scroll.selected = row;
            self.reveal_tree();
        }
        self.settle();
    }

    /// Tab, Shift-Tab, h and l: the next pane, at every width (on a narrow screen the tree
    /// takes the list's place, or the whole screen, while it has the focus); the selection of
    /// a pane coming back into view is shown.
    pub(super) fn move_focus(&mut self, command: Command) {
        let panes = layout::PANES;
        let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
        let next = match command {
            Command::FocusNext => (at + 1) % panes.len(),
            Command::FocusPrevious => (at + panes.len() - 1) % panes.len(),
            Command::FocusRight => (at + 1).min(panes.len() - 1),
            _ => at.saturating_sub(1),
        };
        self.focus = panes[next];
        self.reveal_tree();
        self.reveal_item();
    }

    /// Moves the selection (tree, list) or the scroll position (reader) of the focused pane.
    pub(super) fn move_in_pane(&mut self, motion: Motion, times: usize) {
        let page = self.pane_height(self.focus).unwrap_or(1).max(1);
        if matches!(motion, Motion::LineUp | Motion::LineDown) && self.focus != Pane::Reader {
            // Ctrl-e and Ctrl-y scroll a list's rows and leave its selection alone, as in vim.
            let tree_rows = self.tree_rows().len();
            let (offset, len) = match self.focus {
                Pane::Tree => (&mut self.tree.scroll.offset, tree_rows),
                _ => (&mut self.list.scroll.offset, self.list.items.len()),
            };
            let max = layout::max_offset(len, page);
            *offset = scroll::moved_by(*offset, motion, times, page, max);
            return;
        }
        match self.focus {
            Pane::Tree => {
                let last = self.tree_rows().len().saturating_sub(1);
                let row = scroll::moved_by(self.tree.scroll.selected, motion, times, page, last);
                self.select_tree_row(row);
            }
            Pane::List => {
                let last = self.list.items.len().saturating_sub(1);
                let index = scroll::moved_by(self.list.scroll.selected, motion, times, page, last);
                self.select_item(index);
            }
            Pane::Reader => {
                // Keep one line of the previous page in view when paging.
                let page = page.saturating_sub(1).max(1);
                self.reader.scroll =
                    scroll::moved_by(self.reader.scroll, motion, times, page, self.max_scroll());
            }
        }
    }

    /// `]` and `[`, `times` times: the next or previous recommendation. In a section this
    /// crosses into the next or previous section (a jump, recorded in the trail); in any
    /// other list it stays in the list.
    pub(super) fn step_recommendation(&mut self, forward: bool, times: usize) {
        let Source::Section(_) = self.list.source else {
            let last = self.list.items.len().saturating_sub(1);
            let at = self.list.scroll.selected;
            if (forward && at >= last) || (!forward && at == 0) {
                self.message = Some(edge_message(forward, "in this list"));
                return;
            }
            let target = if forward {
                at.saturating_add(times)
            } else {
                at.saturating_sub(times)
            };
            self.select_item(target.min(last));
            return;
        };
        let Some((mut at, _)) = self.current() else {
            return;
        };
        let start = at;
        // Never more steps than the report has recommendations.
        for _ in 0..times.min(self.dataset.recommendations().count()) {
            match neighbour(&self.dataset, at, forward) {
                Some(next) => at = next,
                None => break,
            }
        }
        if at == start {
            self.message = Some(edge_message(forward, "of the report"));
        } else if at.section == start.section {
            self.select_item(at.recommendation);
        } else {
            self.jump_and_record(|app| app.open(at));
        }
    }

    /// `}` and `{`, `times` times: the first recommendation of the next or previous section of
    /// the report, from any list.
    pub(super) fn step_section(&mut self, forward: bool, times: usize) {
        let here = match (self.current(), self.list.source) {
            (Some((location, _)), _) => location.section,
            (None, Source::Section(s)) => s,
            (None, _) => 0,
        };
        let sections = &self.dataset.sections;
        let mut target = here;
        for _ in 0..times.min(sections.len()) {
            let next = if forward {
                (target + 1..sections.len()).find(|&s| !sections[s].recommendations.is_empty())
            } else {
                (0..target)
                    .rev()
                    .find(|&s| !sections[s].recommendations.is_empty())
            };
            match next {
                Some(next) => target = next,
                None => break,
            }
        }
        if target == here {
            let which = if forward { "Last" } else { "First" };
            self.message = Some(safe_format!("{which} section of the report"));
            return;
        }
        let location = Location {
            section: target,
            recommendation: 0,
        };
        self.jump_and_record(|app| app.open(location));
    }

    pub(super) fn enter(&mut self) {
        match self.focus {
            Pane::Tree => match self.tree_rows().get(self.tree.scroll.selected) {
                Some(
                    TreeRow::Section(_)
                    | TreeRow::Mission(_)
                    | TreeRow::Bookmarks
                    | TreeRow::Document(_),
                ) => self.focus = Pane::List,
                Some(TreeRow::Para(_)) => self.focus = Pane::Reader,
                Some(TreeRow::Missions | TreeRow::Documents) => self.toggle_tree(),
                None => {}
            },
            Pane::List => self.focus = Pane::Reader,
            // Enter on the Committee's recommendation folds or unfolds it.
            Pane::Reader => {
                if self.committee_recommendation().is_some() {
                    self.toggle_recommendation();
                }
            }
        }
    }

    /// Expands or collapses the tree node under the selection (a child collapses its parent).
    pub(super) fn toggle_tree(&mut self) {
        let Some(&row) = self.tree_rows().get(self.tree.scroll.selected) else {
            return;
        };
        let parent = match row {
            TreeRow::Section(s) => {
                if let Some(flag) = self.tree.expanded.get_mut(s) {
                    *flag = !*flag;
                }
                TreeRow::Section(s)
            }
            TreeRow::Para(location) => {
                if let Some(flag) = self.tree.expanded.get_mut(location.section) {
                    *flag = false;
                }
                TreeRow::Section(location.section)
            }
            TreeRow::Missions => {
                self.tree.missions_expanded = !self.tree.missions_expanded;
                TreeRow::Missions
            }
            TreeRow::Mission(_) => {
                self.tree.missions_expanded = false;
                TreeRow::Missions
            }
            TreeRow::Bookmarks => TreeRow::Bookmarks,
            TreeRow::Documents | TreeRow::Document(_) => self.toggle_documents(row),
        };
        if let Some(index) = self.tree_rows().iter().position(|&r| r == parent) {
            self.tree.scroll.selected = index;
        }
        self.reveal_tree();
    }

    /// Selects a tree row and shows what it stands for in the list and the reader.
    pub(super) fn select_tree_row(&mut self, index: usize) {
        let rows = self.tree_rows();
        let Some(&row) = rows.get(index) else {
            return;
        };
        self.tree.scroll.selected = index;
        self.reveal_tree();
        match row {
            TreeRow::Section(s) => {
                if self.list.source != Source::Section(s) {
                    self.set_source(Source::Section(s));
                }
            }
            TreeRow::Para(location) => {
                if self.list.source != Source::Section(location.section) {
                    self.set_source(Source::Section(location.section));
                }
                self.select_item(location.recommendation);
            }
            TreeRow::Mission(m) => {
                if self.list.source != Source::Mission(m) {
                    self.set_source(Source::Mission(m));
                }
                self.find_mission(m);
            }
            TreeRow::Bookmarks => {
                if self.list.source != Source::Bookmarks {
                    self.set_source(Source::Bookmarks);
                }
            }
            TreeRow::Document(d) => {
                if self.list.source != Source::Document(d) {
                    self.set_source(Source::Document(d));
                }
            }
            TreeRow::Missions | TreeRow::Documents => {}
        }
    }

    /// Selects a list item; the reader starts at its top and the tree follows.
    pub(super) fn select_item(&mut self, index: usize) {
        let index = index.min(self.list.items.len().saturating_sub(1));
        if index != self.list.scroll.selected {
            self.reader.scroll = 0;
        }
        self.list.scroll.selected = index;
        self.reveal_item();
        // A paragraph row selected in the tree moves along with the list.
        let rows = self.tree_rows();
        if let (Some(TreeRow::Para(_)), Some(&location)) = (
            rows.get(self.tree.scroll.selected),
            self.list.items.get(self.list.scroll.selected),
        ) && let Some(row) = rows.iter().position(|&r| r == TreeRow::Para(location))
        {
            self.tree.scroll.selected = row;
            self.reveal_tree();
        }
    }

    pub(super) fn set_source(&mut self, source: Source) {
        self.list.items = self.items_of(source);
        self.list.source = source;
        self.list.scroll = Scroll::default();
        self.reader.scroll = 0;
    }

    /// A click in the panes: focus the pane, select the row; the tree's marker toggles.
    pub(super) fn click_pane(&mut self, position: Position) {
        let screen = self.screen();
        let Some(pane) = screen.pane_at(position) else {
            return;
        };
        self.focus = pane;
        let Some(inner) = screen.inner(pane) else {
            return;
        };
        if !inner.contains(position) {
            return;
        }
        let row = usize::from(position.y - inner.y);
        match pane {
            Pane::Tree => {
                let rows = self.tree_rows();
                let Some(index) = self.tree.scroll.row_at(row, rows.len()) else {
                    return;
                };
                self.jump_and_record(|app| app.select_tree_row(index));
                let on_marker = position.x < inner.x + TREE_MARKER_WIDTH;
                if on_marker
                    && matches!(
                        rows[index],
                        TreeRow::Section(_) | TreeRow::Missions | TreeRow::Documents
                    )
                {
                    self.toggle_tree();
                }
            }
            Pane::List => {
                let item = row / self.list_item_height();
                if let Some(index) = self.list.scroll.row_at(item, self.list.items.len()) {
                    self.jump_and_record(|app| app.select_item(index));
                }
            }
            Pane::Reader => {}
        }
    }

    /// The wheel over a pane: its rows or text scroll, the selection stays.
    pub(super) fn wheel_pane(&mut self, position: Position, step: impl Fn(usize, usize) -> usize) {
        let screen = self.screen();
        let height = |pane| {
            screen
                .inner(pane)
                .map_or(usize::MAX, |r| usize::from(r.height))
        };
        match screen.pane_at(position) {
            Some(Pane::Tree) => {
                let max = layout::max_offset(self.tree_rows().len(), height(Pane::Tree));
                self.tree.scroll.offset = step(self.tree.scroll.offset, max);
            }
            Some(Pane::List) => {
                let max = layout::max_offset(self.list.items.len(), self.list_page());
                self.list.scroll.offset = step(self.list.scroll.offset, max);
            }
            Some(Pane::Reader) => self.reader.scroll = step(self.reader.scroll, self.max_scroll()),
            None => {}
        }
    }

    /// Scrolls the tree so its selection is in view.
    pub(super) fn reveal_tree(&mut self) {
        let height = self.pane_height(Pane::Tree).unwrap_or(0);
        self.tree.scroll.reveal(height);
    }

    /// Scrolls the list so its selection is in view.
    pub(super) fn reveal_item(&mut self) {
        let height = self.list_page();
        self.list.scroll.reveal(height);
    }

    /// Rows each list entry takes on the current screen.
    pub fn list_item_height(&self) -> usize {
        self.screen()
            .inner(Pane::List)
            .map_or(1, |inner| usize::from(layout::list_item_height(inner)))
    }

    /// Entries the list shows at once (0 when it is hidden).
    pub fn list_page(&self) -> usize {
        self.pane_height(Pane::List).unwrap_or(0)
    }
}
