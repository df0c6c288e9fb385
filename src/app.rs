//! Browser state and its one update function. Plain data in, plain data out: no terminal, no
//! I/O. Layout-dependent facts (how many rows a pane shows, where a click lands) come from
//! [`ui::layout`], the same pure function the renderer uses, applied to the recorded terminal size.

use ratatui::layout::{Position, Rect, Size};

use crate::dataset::{Dataset, Location, Recommendation};
use crate::ui::{self, Screen};

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    List,
    Reader,
}

/// Something drawn over the panes that takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled by `scroll` lines.
    Help { scroll: usize },
    /// The `:` prompt: digits typed so far.
    Jump { input: String },
}

/// Which key table applies (see `keys::command`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Jump,
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
}

/// What the middle list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Section(usize),
    Mission(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    /// One flag per section.
    pub expanded: Vec<bool>,
    pub missions_expanded: bool,
    /// Index into [`App::tree_rows`].
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    pub source: Source,
    /// The recommendations listed, in document order.
    pub items: Vec<Location>,
    /// Index into `items` (0 when `items` is empty).
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderState {
    /// First wrapped line shown.
    pub scroll: usize,
}

/// Everything the user can ask of the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    FocusNext,
    FocusPrevious,
    FocusLeft,
    FocusRight,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Go one pane right (section → list, recommendation → reader); open a tree branch.
    Enter,
    /// Expand or collapse a tree node; page down in the reader.
    Toggle,
    NextRecommendation,
    PreviousRecommendation,
    OpenJump,
    JumpInput(char),
    JumpBackspace,
    SubmitJump,
    ToggleHelp,
    /// Close the overlay (Esc).
    Close,
    Click {
        column: u16,
        row: u16,
    },
    WheelUp {
        column: u16,
        row: u16,
    },
    WheelDown {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Quit,
}

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: usize = 3;
/// Digits accepted after `:` (paragraph numbers are small; this keeps parsing infallible).
const JUMP_DIGITS: usize = 6;

#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    pub focus: Pane,
    pub tree: TreeState,
    pub list: ListState,
    pub reader: ReaderState,
    pub overlay: Option<Overlay>,
    /// A one-off message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// The terminal size the layout is computed for.
    pub size: Size,
    /// False under `NO_COLOR`.
    pub color: bool,
    pub quit: bool,
}

impl App {
    /// The browser at start: the first section and its first recommendation selected.
    pub fn new(dataset: Dataset, size: Size, color: bool) -> App {
        let expanded = vec![false; dataset.sections.len()];
        let mut app = App {
            dataset,
            focus: Pane::Tree,
            tree: TreeState {
                expanded,
                missions_expanded: false,
                selected: 0,
                offset: 0,
            },
            list: ListState {
                source: Source::Section(0),
                items: Vec::new(),
                selected: 0,
                offset: 0,
            },
            reader: ReaderState::default(),
            overlay: None,
            message: None,
            size,
            color,
            quit: false,
        };
        app.set_source(Source::Section(0));
        app.settle();
        app
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            None => Mode::Normal,
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Jump { .. }) => Mode::Jump,
        }
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.width, self.size.height)
    }

    /// The screen layout for the current size and focus (the renderer computes the same).
    pub fn screen(&self) -> Screen {
        ui::layout(self.area(), self.focus)
    }

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
        if !self.dataset.missions.is_empty() {
            rows.push(TreeRow::Missions);
            if self.tree.missions_expanded {
                rows.extend((0..self.dataset.missions.len()).map(TreeRow::Mission));
            }
        }
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
            Source::Mission(m) => self.dataset.missions.get(m).map_or(Vec::new(), |mission| {
                mission
                    .paras
                    .iter()
                    .filter_map(|&para| self.dataset.find(para))
                    .collect()
            }),
        }
    }

    /// The recommendation in the reader.
    pub fn current(&self) -> Option<(Location, &Recommendation)> {
        let location = *self.list.items.get(self.list.selected)?;
        Some((location, self.dataset.get(location)?))
    }

    /// Shows `source` in the list with its first recommendation selected.
    pub fn show_source(&mut self, source: Source) {
        self.set_source(source);
        self.settle();
    }

    /// Shows the recommendation at `location` in the reader, its section in the list and the
    /// tree, from anywhere (the `:` jump, and later search results).
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
            self.tree.selected = row;
            self.reveal_tree();
        }
        self.settle();
    }

    /// Applies one command. The only place state changes.
    pub fn update(&mut self, command: Command) {
        if !matches!(command, Command::Resize { .. }) {
            self.message = None;
        }
        match command {
            Command::Quit => self.quit = true,
            Command::Resize { width, height } => {
                self.size = Size::new(width, height);
                self.settle();
                self.reveal_tree();
                self.reveal_item();
            }
            Command::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                };
            }
            Command::Close => self.overlay = None,
            Command::OpenJump => {
                self.overlay = Some(Overlay::Jump {
                    input: String::new(),
                });
            }
            Command::JumpInput(c) => {
                if let Some(Overlay::Jump { input }) = &mut self.overlay
                    && c.is_ascii_digit()
                    && input.len() < JUMP_DIGITS
                {
                    input.push(c);
                }
            }
            Command::JumpBackspace => {
                if let Some(Overlay::Jump { input }) = &mut self.overlay
                    && input.pop().is_none()
                {
                    self.overlay = None;
                }
            }
            Command::SubmitJump => self.submit_jump(),
            Command::Click { column, row } => self.click(Position::new(column, row)),
            Command::WheelUp { column, row } => {
                self.wheel(Position::new(column, row), false);
            }
            Command::WheelDown { column, row } => {
                self.wheel(Position::new(column, row), true);
            }
            Command::FocusNext | Command::FocusPrevious => {
                let panes = ui::panes_for(self.size.width);
                let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
                let next = if command == Command::FocusNext {
                    (at + 1) % panes.len()
                } else {
                    (at + panes.len() - 1) % panes.len()
                };
                self.focus = panes[next];
            }
            Command::FocusLeft | Command::FocusRight => {
                let panes = ui::panes_for(self.size.width);
                let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
                let next = if command == Command::FocusRight {
                    (at + 1).min(panes.len() - 1)
                } else {
                    at.saturating_sub(1)
                };
                self.focus = panes[next];
            }
            Command::NextRecommendation => self.select_item(self.list.selected.saturating_add(1)),
            Command::PreviousRecommendation => {
                self.select_item(self.list.selected.saturating_sub(1));
            }
            Command::Enter => self.enter(),
            Command::Toggle => match self.focus {
                Pane::Tree if self.overlay.is_none() => self.toggle_tree(),
                Pane::Reader if self.overlay.is_none() => self.move_in_pane(Command::PageDown),
                _ => {}
            },
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::HalfPageUp
            | Command::HalfPageDown
            | Command::Top
            | Command::Bottom => {
                let page = ui::help::viewport(self.area()).height;
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = moved(*scroll, command, usize::from(page), usize::MAX);
                } else {
                    self.move_in_pane(command);
                }
            }
        }
        self.settle();
    }

    /// Moves the selection (tree, list) or the scroll position (reader) of the focused pane.
    fn move_in_pane(&mut self, command: Command) {
        let screen = self.screen();
        let page = screen
            .inner(self.focus)
            .map_or(1, |rect| usize::from(rect.height).max(1));
        match self.focus {
            Pane::Tree => {
                let last = self.tree_rows().len().saturating_sub(1);
                let row = moved(self.tree.selected, command, page, last);
                self.select_tree_row(row);
            }
            Pane::List => {
                let last = self.list.items.len().saturating_sub(1);
                self.select_item(moved(self.list.selected, command, page, last));
            }
            Pane::Reader => {
                // Keep one line of the previous page in view when paging.
                let page = page.saturating_sub(1).max(1);
                self.reader.scroll = moved(self.reader.scroll, command, page, self.max_scroll());
            }
        }
    }

    fn enter(&mut self) {
        if self.overlay.is_some() {
            return;
        }
        match self.focus {
            Pane::Tree => match self.tree_rows().get(self.tree.selected) {
                Some(TreeRow::Section(_) | TreeRow::Mission(_)) => self.focus = Pane::List,
                Some(TreeRow::Para(_)) => self.focus = Pane::Reader,
                Some(TreeRow::Missions) => self.toggle_tree(),
                None => {}
            },
            Pane::List => self.focus = Pane::Reader,
            Pane::Reader => {}
        }
    }

    /// Expands or collapses the tree node under the selection (a child collapses its parent).
    fn toggle_tree(&mut self) {
        let Some(&row) = self.tree_rows().get(self.tree.selected) else {
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
        };
        if let Some(index) = self.tree_rows().iter().position(|&r| r == parent) {
            self.tree.selected = index;
        }
        self.reveal_tree();
    }

    /// Selects a tree row and shows what it stands for in the list and the reader.
    fn select_tree_row(&mut self, index: usize) {
        let rows = self.tree_rows();
        let Some(&row) = rows.get(index) else {
            return;
        };
        self.tree.selected = index;
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
            }
            TreeRow::Missions => {}
        }
    }

    /// Selects a list item; the reader starts at its top and the tree follows.
    fn select_item(&mut self, index: usize) {
        let index = index.min(self.list.items.len().saturating_sub(1));
        if index != self.list.selected {
            self.reader.scroll = 0;
        }
        self.list.selected = index;
        self.reveal_item();
        // A paragraph row selected in the tree moves along with the list.
        let rows = self.tree_rows();
        if let (Some(TreeRow::Para(_)), Some(&location)) = (
            rows.get(self.tree.selected),
            self.list.items.get(self.list.selected),
        ) && let Some(row) = rows.iter().position(|&r| r == TreeRow::Para(location))
        {
            self.tree.selected = row;
            self.reveal_tree();
        }
    }

    fn set_source(&mut self, source: Source) {
        self.list.items = self.items_of(source);
        self.list.source = source;
        self.list.selected = 0;
        self.list.offset = 0;
        self.reader.scroll = 0;
    }

    fn submit_jump(&mut self) {
        let Some(Overlay::Jump { input }) = self.overlay.take() else {
            return;
        };
        let Ok(para) = input.parse::<u32>() else {
            return;
        };
        if let Some(location) = self.dataset.find(para) {
            self.open(location);
            self.focus = Pane::Reader;
            return;
        }
        let nearest = self.dataset.nearest_paras(para);
        let suggestion = match nearest.as_slice() {
            [] => String::new(),
            [one] => format!(" · nearest: ¶ {one}"),
            [below, above, ..] => format!(" · nearest: ¶ {below}, ¶ {above}"),
        };
        // Short enough for a 40-column status bar.
        self.message = Some(format!("No response to ¶ {para}{suggestion}"));
    }

    fn click(&mut self, position: Position) {
        if self.overlay.is_some() {
            // A click outside the prompt or help closes it, like Esc.
            self.overlay = None;
            return;
        }
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
                let index = self.tree.offset + row;
                let Some(&target) = self.tree_rows().get(index) else {
                    return;
                };
                self.select_tree_row(index);
                // The expand marker (first two cells) toggles the branch.
                let on_marker = position.x < inner.x + 2;
                if on_marker && matches!(target, TreeRow::Section(_) | TreeRow::Missions) {
                    self.toggle_tree();
                }
            }
            Pane::List => {
                let index = self.list.offset + row;
                if index < self.list.items.len() {
                    self.select_item(index);
                }
            }
            Pane::Reader => {}
        }
    }

    fn wheel(&mut self, position: Position, down: bool) {
        let step = |value: usize, max: usize| {
            if down {
                value.saturating_add(WHEEL_LINES).min(max)
            } else {
                value.saturating_sub(WHEEL_LINES)
            }
        };
        if let Some(Overlay::Help { scroll }) = &mut self.overlay {
            *scroll = step(*scroll, usize::MAX);
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let screen = self.screen();
        match screen.pane_at(position) {
            Some(Pane::Tree) => {
                let max = max_offset(self.tree_rows().len(), screen.inner(Pane::Tree));
                self.tree.offset = step(self.tree.offset, max);
            }
            Some(Pane::List) => {
                let max = max_offset(self.list.items.len(), screen.inner(Pane::List));
                self.list.offset = step(self.list.offset, max);
            }
            Some(Pane::Reader) => self.reader.scroll = step(self.reader.scroll, self.max_scroll()),
            None => {}
        }
    }

    /// The largest reader scroll position: the wrapped text's lines less the rows shown.
    pub fn max_scroll(&self) -> usize {
        let Some(view) = ui::reader::viewport(&self.screen()) else {
            return 0;
        };
        ui::reader::line_count(self, usize::from(view.width))
            .saturating_sub(usize::from(view.height))
    }

    /// Scrolls the tree so its selection is in view.
    fn reveal_tree(&mut self) {
        let height = self.screen().inner(Pane::Tree).map(|r| r.height);
        reveal(&mut self.tree.offset, self.tree.selected, height);
    }

    /// Scrolls the list so its selection is in view.
    fn reveal_item(&mut self) {
        let height = self.screen().inner(Pane::List).map(|r| r.height);
        reveal(&mut self.list.offset, self.list.selected, height);
    }

    /// Restores the invariants after any change: focus on a pane that can be shown, selections
    /// inside their lists, offsets and scroll positions inside their content.
    fn settle(&mut self) {
        if !ui::panes_for(self.size.width).contains(&self.focus) {
            self.focus = Pane::List;
        }
        let screen = self.screen();
        let rows = self.tree_rows().len();
        self.tree.selected = self.tree.selected.min(rows.saturating_sub(1));
        self.tree.offset = self
            .tree
            .offset
            .min(max_offset(rows, screen.inner(Pane::Tree)));
        let items = self.list.items.len();
        self.list.selected = self.list.selected.min(items.saturating_sub(1));
        self.list.offset = self
            .list
            .offset
            .min(max_offset(items, screen.inner(Pane::List)));
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
        let help_max = ui::help::max_scroll(self.area());
        if let Some(Overlay::Help { scroll }) = &mut self.overlay {
            *scroll = (*scroll).min(help_max);
        }
    }
}

/// A position after a movement command, within `0..=last`.
fn moved(position: usize, command: Command, page: usize, last: usize) -> usize {
    let half = (page / 2).max(1);
    let target = match command {
        Command::Up => position.saturating_sub(1),
        Command::Down => position.saturating_add(1),
        Command::PageUp => position.saturating_sub(page),
        Command::PageDown => position.saturating_add(page),
        Command::HalfPageUp => position.saturating_sub(half),
        Command::HalfPageDown => position.saturating_add(half),
        Command::Top => 0,
        Command::Bottom => last,
        _ => position,
    };
    target.min(last)
}

/// The largest first-row offset for `rows` rows in a pane (0 when the pane is hidden).
fn max_offset(rows: usize, inner: Option<Rect>) -> usize {
    inner.map_or(0, |rect| rows.saturating_sub(usize::from(rect.height)))
}

/// Moves `offset` the least needed to show row `selected` in a viewport of `height` rows.
fn reveal(offset: &mut usize, selected: usize, height: Option<u16>) {
    let Some(height) = height.map(usize::from).filter(|&h| h > 0) else {
        return;
    };
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_stays_inside_the_range() {
        assert_eq!(moved(0, Command::Up, 10, 5), 0);
        assert_eq!(moved(5, Command::Down, 10, 5), 5);
        assert_eq!(moved(2, Command::PageDown, 10, 5), 5);
        assert_eq!(moved(4, Command::HalfPageUp, 10, 5), 0);
        assert_eq!(moved(3, Command::Bottom, 10, 5), 5);
        assert_eq!(moved(3, Command::HalfPageDown, 1, 9), 4);
    }

    #[test]
    fn reveal_moves_the_offset_the_least() {
        let mut offset = 0;
        reveal(&mut offset, 12, Some(10));
        assert_eq!(offset, 3);
        reveal(&mut offset, 5, Some(10));
        assert_eq!(offset, 3);
        reveal(&mut offset, 1, Some(10));
        assert_eq!(offset, 1);
        reveal(&mut offset, 50, None);
        assert_eq!(offset, 1);
    }

    #[test]
    fn tree_rows_follow_expansion() {
        let mut dataset = Dataset::embedded();
        dataset.missions.clear();
        let mut app = App::new(dataset, Size::new(120, 40), true);
        assert_eq!(app.tree_rows().len(), app.dataset.sections.len());
        app.update(Command::Toggle);
        let first = app.dataset.sections[0].recommendations.len();
        assert_eq!(app.tree_rows().len(), app.dataset.sections.len() + first);
        assert_eq!(
            app.tree_rows()[1],
            TreeRow::Para(Location {
                section: 0,
                recommendation: 0
            })
        );
    }

    #[test]
    fn the_missions_branch_appears_only_with_missions() {
        let mut dataset = Dataset::embedded();
        dataset.missions.clear();
        let app = App::new(dataset.clone(), Size::new(120, 40), true);
        assert!(!app.tree_rows().contains(&TreeRow::Missions));

        dataset.missions.push(crate::dataset::Mission {
            acronym: "MINUSMA".into(),
            name: "United Nations Multidimensional Integrated Stabilization Mission in Mali".into(),
            location: "Mali".into(),
            paras: vec![165, 9999],
        });
        let mut app = App::new(dataset, Size::new(120, 40), true);
        let rows = app.tree_rows();
        let missions = rows.iter().position(|&r| r == TreeRow::Missions).unwrap();
        app.update(Command::Bottom);
        assert_eq!(app.tree.selected, missions);
        app.update(Command::Enter);
        assert!(app.tree.missions_expanded, "Enter opens the branch");
        app.update(Command::Down);
        assert_eq!(app.list.source, Source::Mission(0));
        // Paragraphs the report does not have are left out.
        assert_eq!(app.list.items.len(), 1);
        assert_eq!(app.current().map(|(_, r)| r.para), Some(165));
    }
}
