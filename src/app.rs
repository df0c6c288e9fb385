//! Browser state and its one update function. Plain data in, plain data out: no terminal, no
//! I/O. Layout-dependent facts (how many rows a pane shows, where a click lands) come from
//! [`ui::layout`], the same pure function the renderer uses, applied to the recorded terminal size.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::layout::{Position, Rect, Size};

use crate::dataset::{Dataset, Location, Mission, Recommendation};
use crate::sanitize::for_line;
use crate::search::{Hit, SearchIndex};
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
    /// The `/` search: a query and its ranked results.
    Search(SearchState),
    /// The `m` mission picker.
    Missions(PickerState),
}

/// Which key table applies (see `keys::command`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    Jump,
    Search,
    Missions,
}

/// The search overlay: what was typed and what it finds, re-run on every edit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    /// The query is the last search's, shown selected: the next edit replaces it.
    pub replace: bool,
    /// Every hit, best first.
    pub hits: Vec<Hit>,
    /// Index into `hits` (0 when there are none).
    pub selected: usize,
    /// First result shown.
    pub offset: usize,
}

/// A mission the picker's query matches, with the characters that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionMatch {
    /// Index into `dataset.missions`.
    pub mission: usize,
    /// Matched character indices in the acronym, the name and the location (sorted).
    pub acronym: Vec<usize>,
    pub name: Vec<usize>,
    pub location: Vec<usize>,
}

/// The mission picker: fuzzy over each mission's acronym, name and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerState {
    pub query: String,
    /// The missions that match, best first (all of them, in dataset order, for no query).
    pub matches: Vec<MissionMatch>,
    /// Index into `matches` (0 when there are none).
    pub selected: usize,
    pub offset: usize,
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
}

impl Found {
    /// The hit for the recommendation at `location`, if the search found it.
    pub fn hit_at(&self, location: Location) -> Option<&Hit> {
        self.hits.iter().find(|hit| hit.location == location)
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
    /// Close the overlay (Esc); without one, clear the search highlights.
    Close,
    /// Open the `/` search (with the last query, selected, if there was one).
    OpenSearch,
    /// Open the `m` mission picker.
    OpenMissions,
    /// A character typed into the search or the mission picker.
    Input(char),
    /// Delete the last character of the query.
    Backspace,
    /// Delete the whole query (Ctrl-u).
    ClearInput,
    /// Delete the query's last word (Ctrl-w).
    DeleteWord,
    /// Open the chosen search result or show the chosen mission's recommendations (Enter).
    Choose,
    /// Scroll the reader to the next or previous search hit (`n`, `N`).
    NextHit,
    PreviousHit,
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
/// Characters accepted in a search or picker query: more than any real query, and a bound on
/// the work one keystroke can cause.
pub const QUERY_CHARS: usize = 200;
/// Results asked of the search engine: more than the report has recommendations, so the count
/// shown is the real one.
const SEARCH_LIMIT: usize = 1000;

#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    /// Built once from `dataset` when the app starts.
    pub index: Arc<SearchIndex>,
    /// The search whose hits the reader highlights.
    pub found: Option<Found>,
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
        let index = Arc::new(SearchIndex::new(&dataset));
        let mut app = App {
            dataset,
            index,
            found: None,
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
            Some(Overlay::Search(_)) => Mode::Search,
            Some(Overlay::Missions(_)) => Mode::Missions,
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
        let had_message = self.message.is_some();
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
            Command::Close => {
                // Esc closes an overlay, or dismisses a message, or else clears the hits.
                if self.overlay.take().is_none() && !had_message {
                    self.found = None;
                }
            }
            Command::OpenSearch => self.open_search(),
            Command::OpenMissions => self.open_missions(),
            Command::Input(_) | Command::Backspace | Command::ClearInput | Command::DeleteWord => {
                self.edit_query(command);
            }
            Command::Choose => self.choose(),
            Command::NextHit => self.step_hit(true),
            Command::PreviousHit => self.step_hit(false),
            Command::OpenJump => {
                self.overlay = Some(Overlay::Jump {
                    input: String::new(),
                });
            }
            Command::JumpInput(_) | Command::JumpBackspace => self.edit_jump(command),
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
            | Command::Bottom => self.move_by(command),
        }
        self.settle();
    }

    /// The `:` prompt's digits and Backspace (which closes an empty prompt).
    fn edit_jump(&mut self, command: Command) {
        let Some(Overlay::Jump { input }) = &mut self.overlay else {
            return;
        };
        match command {
            Command::JumpInput(c) if c.is_ascii_digit() && input.len() < JUMP_DIGITS => {
                input.push(c);
            }
            Command::JumpBackspace if input.pop().is_none() => self.overlay = None,
            _ => {}
        }
    }

    /// A movement command: scrolls the help, moves the choice in the search or the picker,
    /// or else moves in the focused pane.
    fn move_by(&mut self, command: Command) {
        let page = ui::help::viewport(self.area()).height;
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) => {
                *scroll = moved(*scroll, command, usize::from(page), usize::MAX);
            }
            Some(Overlay::Search(_) | Overlay::Missions(_)) => {
                self.move_choice(|position, page, last| moved(position, command, page, last));
            }
            Some(Overlay::Jump { .. }) => {}
            None => self.move_in_pane(command),
        }
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
        if matches!(
            self.overlay,
            Some(Overlay::Search(_) | Overlay::Missions(_))
        ) {
            self.click_choice(position);
            return;
        }
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
        if matches!(
            self.overlay,
            Some(Overlay::Search(_) | Overlay::Missions(_))
        ) {
            self.move_choice(|position, _, last| step(position, last));
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
        // Keep the chosen result or mission in view (`move_choice` with no movement).
        self.move_choice(|position, _, _| position);
    }

    /// The search or picker state's list: its length, selection and offset.
    fn choice_mut(&mut self) -> Option<(usize, &mut usize, &mut usize, usize)> {
        let area = self.area();
        match &mut self.overlay {
            Some(Overlay::Search(search)) => Some((
                search.hits.len(),
                &mut search.selected,
                &mut search.offset,
                ui::search::page(area),
            )),
            Some(Overlay::Missions(picker)) => Some((
                picker.matches.len(),
                &mut picker.selected,
                &mut picker.offset,
                ui::missions::page(area, self.dataset.missions.len()),
            )),
            _ => None,
        }
    }

    /// Moves the selection of the search results or the picker to `to(selected, page, last)`
    /// and keeps it in view.
    fn move_choice(&mut self, to: impl FnOnce(usize, usize, usize) -> usize) {
        let Some((len, selected, offset, page)) = self.choice_mut() else {
            return;
        };
        let last = len.saturating_sub(1);
        *selected = to(*selected, page.max(1), last).min(last);
        *offset = (*offset).min(len.saturating_sub(page.max(1)));
        reveal(offset, *selected, u16::try_from(page).ok());
    }

    /// A click on the search or the picker: a result row selects it (or opens it, when it is
    /// already selected); a click outside the box closes it.
    fn click_choice(&mut self, position: Position) {
        let area = self.area();
        let (parts, rows_per_item) = match &self.overlay {
            Some(Overlay::Search(_)) => {
                let parts = ui::search::parts(area);
                (parts, ui::search::item_height(parts.list))
            }
            Some(Overlay::Missions(_)) => {
                (ui::missions::parts(area, self.dataset.missions.len()), 1)
            }
            _ => return,
        };
        if !parts.frame.contains(position) {
            self.overlay = None;
            return;
        }
        if !parts.list.contains(position) {
            return;
        }
        let row = usize::from((position.y - parts.list.y) / rows_per_item.max(1));
        let Some((len, selected, offset, _)) = self.choice_mut() else {
            return;
        };
        let index = *offset + row;
        if index >= len {
            return;
        }
        if index == *selected {
            self.choose();
        } else {
            *selected = index;
        }
    }

    /// Opens the search overlay, with the last search (its query selected) if there was one.
    fn open_search(&mut self) {
        let search = match &self.found {
            Some(found) => SearchState {
                query: found.query.clone(),
                replace: true,
                hits: found.hits.clone(),
                selected: found.chosen,
                offset: 0,
            },
            None => SearchState::default(),
        };
        self.overlay = Some(Overlay::Search(search));
    }

    /// Opens the mission picker on every mission, the one the list shows selected.
    fn open_missions(&mut self) {
        if self.dataset.missions.is_empty() {
            self.message = Some("This report names no missions".into());
            return;
        }
        let matches = match_missions(&self.dataset.missions, "");
        let selected = match self.list.source {
            Source::Mission(m) => matches.iter().position(|x| x.mission == m).unwrap_or(0),
            Source::Section(_) => 0,
        };
        self.overlay = Some(Overlay::Missions(PickerState {
            query: String::new(),
            matches,
            selected,
            offset: 0,
        }));
    }

    /// Applies an edit to the search or picker query, then runs it again if it changed.
    fn edit_query(&mut self, command: Command) {
        let query = match &mut self.overlay {
            Some(Overlay::Search(search)) => {
                if search.replace {
                    // The last search's query is selected: an edit replaces it.
                    search.replace = false;
                    search.query.clear();
                    if let Command::Input(c) = command {
                        push_query_char(&mut search.query, c);
                    }
                    self.refresh_query();
                    return;
                }
                &mut search.query
            }
            Some(Overlay::Missions(picker)) => &mut picker.query,
            _ => return,
        };
        let before = query.len();
        match command {
            Command::Input(c) => push_query_char(query, c),
            Command::Backspace => {
                query.pop();
            }
            Command::ClearInput => query.clear(),
            Command::DeleteWord => {
                let kept = query
                    .trim_end()
                    .trim_end_matches(|c: char| !c.is_whitespace());
                query.truncate(kept.len());
            }
            _ => {}
        }
        if query.len() != before {
            self.refresh_query();
        }
    }

    /// Runs the search or filters the missions for the query as it is now; the best match is
    /// selected.
    fn refresh_query(&mut self) {
        match &mut self.overlay {
            Some(Overlay::Search(search)) => {
                search.hits = self.index.search(&search.query, SEARCH_LIMIT);
                search.selected = 0;
                search.offset = 0;
            }
            Some(Overlay::Missions(picker)) => {
                picker.matches = match_missions(&self.dataset.missions, &picker.query);
                picker.selected = 0;
                picker.offset = 0;
            }
            _ => {}
        }
    }

    /// Enter in the search (open the result at its first hit) or the picker (list the
    /// mission's recommendations).
    fn choose(&mut self) {
        match self.overlay.take() {
            Some(Overlay::Search(search)) => {
                let Some(location) = search.hits.get(search.selected).map(|hit| hit.location)
                else {
                    self.overlay = Some(Overlay::Search(search));
                    return;
                };
                self.found = Some(Found {
                    query: search.query,
                    hits: search.hits,
                    chosen: search.selected,
                    current: None,
                });
                self.open(location);
                self.focus = Pane::Reader;
                self.settle();
                self.go_to_hit(0);
            }
            Some(Overlay::Missions(picker)) => {
                let Some(mission) = picker.matches.get(picker.selected).map(|x| x.mission) else {
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
            other => self.overlay = other,
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
    fn step_hit(&mut self, forward: bool) {
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
    fn go_to_hit(&mut self, index: usize) {
        let Some((location, _)) = self.current() else {
            return;
        };
        let Some(found) = &mut self.found else {
            return;
        };
        found.current = Some((location, index));
        let Some(view) = ui::reader::viewport(&self.screen()) else {
            return;
        };
        let Some(&line) = ui::reader::hit_lines(self, usize::from(view.width)).get(index) else {
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

/// Appends a typed character to a query, within [`QUERY_CHARS`]; control characters are
/// dropped.
fn push_query_char(query: &mut String, c: char) {
    if !c.is_control() && query.chars().count() < QUERY_CHARS {
        query.push(c);
    }
}

/// A picker word of 3+ characters must score at least this share of its score against itself:
/// on the report's missions, runs and initials (`south`, `drc`, `mnsc`) score 60–100 %, letters
/// scattered over a long name (`sudan` in "…Mission in Mali") under 58 %.
pub const PICKER_THRESHOLD_PERCENT: i64 = 60;

/// The missions matching a picker query, best first, ties in dataset order: every word of the
/// query must fuzzy-match (`SkimMatcherV2`, smart case) the acronym, the name or the place.
/// An empty query matches every mission.
pub fn match_missions(missions: &[Mission], query: &str) -> Vec<MissionMatch> {
    let skim = SkimMatcherV2::default().smart_case();
    let words: Vec<&str> = query.split_whitespace().collect();
    // What each word must score; one or two characters may match anywhere.
    let thresholds: Vec<i64> = words
        .iter()
        .map(|word| {
            if word.chars().count() < 3 {
                i64::MIN
            } else {
                let own = skim.fuzzy_match(word, word).unwrap_or(0);
                own * PICKER_THRESHOLD_PERCENT / 100
            }
        })
        .collect();
    let mut matches: Vec<(i64, MissionMatch)> = Vec::new();
    'missions: for (index, mission) in missions.iter().enumerate() {
        let fields = [&mission.acronym, &mission.name, &mission.location];
        let mut marks: [Vec<usize>; 3] = Default::default();
        let mut score = 0;
        for (word, &threshold) in words.iter().zip(&thresholds) {
            // The field where the word matches best (the first of equals).
            let mut best: Option<(i64, usize, Vec<usize>)> = None;
            for (field, text) in fields.iter().enumerate() {
                if let Some((s, indices)) = skim.fuzzy_indices(text, word)
                    && s >= threshold
                    && best.as_ref().is_none_or(|(b, _, _)| s > *b)
                {
                    best = Some((s, field, indices));
                }
            }
            let Some((s, field, indices)) = best else {
                continue 'missions;
            };
            score += s;
            marks[field].extend(indices);
        }
        for field in &mut marks {
            field.sort_unstable();
            field.dedup();
        }
        let [acronym, name, location] = marks;
        matches.push((
            score,
            MissionMatch {
                mission: index,
                acronym,
                name,
                location,
            },
        ));
    }
    // A stable sort keeps equal scores in dataset order.
    matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    matches.into_iter().map(|(_, m)| m).collect()
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
