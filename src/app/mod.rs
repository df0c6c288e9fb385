//! Browser state and its one update function. Plain data in, plain data out: no terminal, no
//! I/O, no drawing. Geometry (how many rows a pane shows, where a click lands) comes from
//! [`crate::layout`], the same plain functions the renderer draws with; the reader's wrapped
//! text is laid out once per (recommendation, width, search) and cached here.
//!
//! [`App`] is a coordinator: it holds the three panes, the focus, the open overlay and the
//! trail of places jumps left, and routes each command either to the open overlay or to the
//! panes. The panes' behaviour is in [`navigation`] (tree, list, reader; `]` `[`, `}` `{`),
//! [`finding`] (what a search or a mission pick opens, `n`/`N` across results), [`trail`]
//! (back and forward), [`reader`] (the cached reader layout), [`take_away`] (copy, bookmarks,
//! notes) and [`cited_documents`] (the Documents cited branch and the reader's header). Each
//! overlay is a component of its own in [`overlay`] (help, `:` jump, `/` search, mission
//! picker, note editor, matrix), built from the shared widgets [`chooser`], [`prompt`] and
//! [`scroll`].
//!
//! What needs the world (the clipboard, the notes file) is not done here: `update` queues an
//! [`Effect`], the event loop performs it ([`crate::effects`]) and hands back an [`Outcome`]
//! through [`App::receive`].

pub mod chooser;
pub mod cited_documents;
pub mod finding;
pub mod navigation;
pub mod overlay;
mod paste;
pub mod prompt;
pub mod reader;
pub mod scroll;
pub mod series;
pub mod take_away;
pub mod trail;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Arc, OnceLock};

use ratatui::layout::{Position, Rect, Size};

use crate::dataset::{Dataset, Location};
use crate::layout::{self, Screen};
use crate::overview::Matrix;
use crate::refs::Reference;
use crate::sanitize::SafeText;
use crate::search::SearchIndex;
use crate::text::opening_words;
use crate::userdata::Annotation;

pub use self::chooser::Chooser;
pub use self::finding::Found;
pub use self::navigation::{ListState, ReaderState, Source, TreeRow, TreeState};
pub use self::overlay::{Action, Context, Overlay};
pub use self::prompt::Prompt;
pub use self::reader::{ReaderInputs, ReaderLayout, ReaderLine};
pub use self::scroll::Scroll;
pub use self::series::{ReportEntry, Series};
pub use self::take_away::{Effect, Outcome};
pub use self::trail::{Place, Trail};
pub use crate::command::{Command, Edit, Keymap, Motion};
pub use crate::layout::Pane;

/// The cells each section row of the tree needs: marker, numeral (padded), title, count.
fn section_row_widths(dataset: &Dataset) -> Vec<usize> {
    use crate::text::width;
    let numeral = dataset
        .sections
        .iter()
        .map(|section| width(&section.number.one_line()))
        .max()
        .unwrap_or(0);
    dataset
        .sections
        .iter()
        .map(|section| {
            let count = section.recommendations.len().to_string().len();
            2 + numeral + 1 + width(&section.title.one_line()) + 1 + count
        })
        .collect()
}

/// The tree's wanted width, borders included: its widest section row.
fn tree_want(rows: &[usize]) -> u16 {
    let widest = rows.iter().copied().max().unwrap_or(0) + 2;
    u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .clamp(layout::TREE_MIN, 80)
}

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: usize = 3;
/// The largest count a motion takes: more than any list or text has lines.
pub const MAX_COUNT: usize = 99_999;
pub use self::overlay::search::QUERY_CHARS;

/// What c34 asks of the terminal beyond drawing.
#[derive(Debug, Clone, Copy)]
struct TerminalModes {
    /// Whether c34 takes the mouse (clicks, the wheel) or leaves it to the terminal, whose
    /// own selection then works (`M`).
    mouse_captured: bool,
    /// Whether the terminal shows OSC 8 links (the documents cited are drawn as links).
    hyperlinks: bool,
}

#[derive(Debug, Clone)]
pub struct App {
    /// Shared with the thread that builds the search index.
    dataset: Arc<Dataset>,
    /// The opening words of each response, by section and recommendation, made once for a
    /// section when it is first shown (the list and the tree show them on every frame).
    openings: Vec<OnceLock<Vec<SafeText>>>,
    /// Built once from `dataset`: by a worker after the first frame ([`App::index_builder`]),
    /// or by the first use if that comes sooner (which then waits for the worker).
    index: Arc<OnceLock<SearchIndex>>,
    /// The search whose hits the reader highlights.
    found: Option<Found>,
    /// Counts changes of `found`, so the reader layout knows when its highlights are stale.
    found_version: u64,
    focus: Pane,
    tree: TreeState,
    list: ListState,
    reader: ReaderState,
    /// The reader's text laid out for the current recommendation and width.
    reader_layout: ReaderLayout,
    /// The places jumps left, to go back and forward.
    trail: Trail,
    /// A count being typed before a motion (`5` of `5j`).
    pending_count: Option<usize>,
    /// What is drawn over the panes and takes the commands first.
    overlay: Option<Overlay>,
    /// A one-off message for the status bar, cleared by the next key.
    message: Option<SafeText>,
    /// A wait for another c34's lock, while the status bar says so.
    lock_wait: Option<take_away::LockWait>,
    /// The terminal size the layout is computed for.
    size: Size,
    /// How wide the tree and the list would like to be for this dataset.
    preferred: layout::PreferredWidths,
    /// False under `NO_COLOR`.
    color: bool,
    quit: bool,
    /// Built from `dataset` when first asked for (the `o` matrix), not for the first frame.
    matrix: Arc<OnceLock<Matrix>>,
    /// The documents the responses cite, built once when the app starts.
    references: Arc<Vec<Reference>>,
    /// This document's bookmarks and notes by paragraph, a copy of the store's for drawing.
    annotations: BTreeMap<u32, Annotation>,
    /// Why bookmarks and notes cannot be changed this session, when they cannot.
    notes_read_only: Option<SafeText>,
    /// Counts changes of `annotations`, so the reader layout knows when its header is stale.
    annotations_version: u64,
    /// What the event loop must do outside the state after this update (see [`Effect`]).
    effects: Vec<Effect>,
    /// The search history, oldest first, for `Alt-↑` and `Alt-↓` in the `/` prompt.
    queries: Vec<crate::sanitize::SafeText>,
    /// The other reports of the library and the Committee's recommendations.
    series: series::SeriesState,
    /// What c34 asks of the terminal: the mouse, links.
    modes: TerminalModes,
}

impl App {
    /// The browser at start: the first section and its first recommendation selected.
    pub fn new(dataset: Dataset, size: Size, color: bool) -> App {
        App::with_series(dataset, Series::default(), size, color)
    }

    /// The browser at start on `dataset`, knowing the other reports of the library and the
    /// Special Committee's reports (`series`).
    pub fn with_series(dataset: Dataset, series: Series, size: Size, color: bool) -> App {
        let series = series::SeriesState::new(&dataset, series);
        let expanded = vec![false; dataset.sections.len()];
        let dataset_sections_width = section_row_widths(&dataset);
        let index = Arc::new(OnceLock::new());
        let matrix = Arc::new(OnceLock::new());
        let references = Arc::new(crate::refs::references(&dataset));
        let reader_layout = ReaderLayout::new(&dataset, ReaderInputs::default(), None);
        let openings = dataset.sections.iter().map(|_| OnceLock::new()).collect();
        let mut app = App {
            dataset: Arc::new(dataset),
            openings,
            index,
            found: None,
            found_version: 0,
            focus: Pane::Tree,
            tree: TreeState {
                expanded,
                missions_expanded: false,
                documents_expanded: false,
                scroll: Scroll::default(),
            },
            list: ListState {
                source: Source::Section(0),
                items: Vec::new(),
                scroll: Scroll::default(),
            },
            reader: ReaderState::default(),
            reader_layout,
            trail: Trail::default(),
            pending_count: None,
            overlay: None,
            message: None,
            lock_wait: None,
            preferred: layout::PreferredWidths {
                tree: tree_want(&dataset_sections_width),
                list: layout::LIST_WANT,
            },
            size,
            color,
            quit: false,
            matrix,
            references,
            annotations: BTreeMap::new(),
            notes_read_only: None,
            annotations_version: 0,
            effects: Vec::new(),
            queries: Vec::new(),
            series,
            modes: TerminalModes {
                mouse_captured: true,
                hyperlinks: false,
            },
        };
        app.set_source(Source::Section(0));
        if !layout::tree_beside_list(size.width) {
            app.unfocus_tree();
        }
        app.settle();
        app
    }

    /// The list has the focus instead of the tree.
    fn unfocus_tree(&mut self) {
        if self.focus == Pane::Tree {
            self.focus = Pane::List;
        }
    }

    /// Which part of the key table applies now.
    pub fn keymap(&self) -> Keymap {
        self.overlay
            .as_ref()
            .map_or(Keymap::Normal, Overlay::keymap)
    }

    /// What an overlay may read of the browser, and what draws it.
    pub fn context(&self) -> Context<'_> {
        Context {
            area: self.area(),
            dataset: &self.dataset,
            index: self.index(),
            matrix: self.matrix(),
            queries: &self.queries,
            reports: &self.series.series.reports,
            library_pending: self.library_pending(),
            report_indexes: &self.series.search_indexes,
            committee: self.committee(),
            recommendations: self.recommendation_index(),
            report_recommendations: self.report_recommendation_indexes(),
            comparisons: self.comparisons(),
            annotations: &self.annotations,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The search engine's index of the report: built here if no worker has built it yet,
    /// waiting for the worker if one is building it.
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::new(&self.dataset))
    }

    /// True once the search index is built (no use of it will wait).
    pub fn index_ready(&self) -> bool {
        self.index.get().is_some()
    }

    /// The work of building the search index, to run on another thread so that the first
    /// frame does not wait for it. Running it after the index is built does nothing.
    pub fn index_builder(&self) -> impl FnOnce() + Send + 'static {
        let (index, dataset) = (Arc::clone(&self.index), Arc::clone(&self.dataset));
        move || {
            // From the cache of derived data when it holds this dataset's (stored on a miss).
            index.get_or_init(|| crate::cache::index_of(&dataset));
        }
    }

    /// The search whose hits the reader highlights.
    pub fn found(&self) -> Option<&Found> {
        self.found.as_ref()
    }

    /// The pane with the focus.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn tree(&self) -> &TreeState {
        &self.tree
    }

    pub fn list(&self) -> &ListState {
        &self.list
    }

    pub fn reader(&self) -> &ReaderState {
        &self.reader
    }

    /// The reader's text laid out for the current recommendation and width.
    pub fn reader_layout(&self) -> &ReaderLayout {
        &self.reader_layout
    }

    /// The places jumps left, to go back and forward.
    pub fn trail(&self) -> &Trail {
        &self.trail
    }

    /// A count being typed before a motion (`5` of `5j`).
    pub fn pending_count(&self) -> Option<usize> {
        self.pending_count
    }

    /// What is drawn over the panes, if anything.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The status bar's one-off message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The status bar's one-off message, as it is drawn.
    pub fn message_text(&self) -> Option<&SafeText> {
        self.message.as_ref()
    }

    /// The terminal size the layout is computed for.
    pub fn size(&self) -> Size {
        self.size
    }

    /// False under `NO_COLOR`.
    /// Whether documents are drawn as OSC 8 links ([`App::set_hyperlinks`]).
    pub fn hyperlinks(&self) -> bool {
        self.modes.hyperlinks
    }

    /// Draw the documents cited as OSC 8 links: for a terminal known to show them.
    pub fn set_hyperlinks(&mut self, on: bool) {
        self.modes.hyperlinks = on;
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Whether the user asked to quit.
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// The missions × sections matrix.
    pub fn matrix(&self) -> &Matrix {
        self.matrix.get_or_init(|| Matrix::new(&self.dataset))
    }

    /// The documents the responses cite.
    pub fn references(&self) -> &[Reference] {
        &self.references
    }

    /// This document's bookmarks and notes by paragraph.
    pub fn annotations(&self) -> &BTreeMap<u32, Annotation> {
        &self.annotations
    }

    /// Why bookmarks and notes cannot be changed this session, when they cannot.
    pub fn notes_read_only(&self) -> Option<&str> {
        self.notes_read_only.as_deref()
    }

    /// The effects queued for the event loop, oldest first.
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// The opening words of the response at `location` (empty for a place not in the report).
    pub fn opening(&self, location: Location) -> &SafeText {
        static NO_WORDS: SafeText = SafeText::empty();
        let Some((cell, section)) = self
            .openings
            .get(location.section)
            .zip(self.dataset.sections.get(location.section))
        else {
            return &NO_WORDS;
        };
        cell.get_or_init(|| {
            section
                .recommendations
                .iter()
                .map(|r| {
                    r.paragraphs
                        .first()
                        .map_or(SafeText::default(), opening_words)
                })
                .collect()
        })
        .get(location.recommendation)
        .unwrap_or(&NO_WORDS)
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.width, self.size.height)
    }

    /// The screen layout for the current size and focus (the renderer draws the same).
    pub fn screen(&self) -> Screen {
        self.screen_in(self.area())
    }

    /// The screen layout in `area` for the current focus.
    pub fn screen_in(&self, area: Rect) -> Screen {
        layout::screen_for(area, self.focus, self.preferred)
    }

    /// Rows shown by a pane's inside, if it is on screen.
    /// For the list: entries, which may take two rows each.
    fn pane_height(&self, pane: Pane) -> Option<usize> {
        let inner = self.screen().inner(pane)?;
        let rows = usize::from(inner.height);
        Some(if pane == Pane::List {
            rows / usize::from(layout::list_item_height(inner))
        } else {
            rows
        })
    }

    /// The largest scroll position of the help.
    pub fn help_max_scroll(&self) -> usize {
        match &self.overlay {
            Some(Overlay::Help(help)) => help.max_scroll(self.area()),
            _ => overlay::Help::default().max_scroll(self.area()),
        }
    }

    /// The matrix's layout on the current screen.
    pub fn matrix_view(&self) -> layout::MatrixView {
        overlay::matrix::view(&self.context())
    }

    /// Applies one command. The only place state changes: the open overlay gets it first.
    pub fn update(&mut self, command: Command) {
        let had_message = self.message.is_some();
        // A resize or the event loop's Idle is not the user's: the message stays for them.
        if !matches!(command, Command::Resize { .. } | Command::Idle) {
            self.message = None;
        }
        let ControlFlow::Continue(count) = self.take_count(command) else {
            return;
        };
        match command {
            Command::Quit => self.quit = true,
            // The event loop suspends (it owns the terminal).
            Command::Suspend => {}
            Command::UnknownKey => self.message = Some("unknown key — ? for help".into()),
            Command::Resize { width, height } => self.resize(Size::new(width, height)),
            Command::Idle => self.series.started = true,
            _ => match self.overlay.take() {
                Some(overlay) => self.update_overlay(overlay, command),
                None => self.update_panes(command, count, had_message),
            },
        }
        self.settle();
    }

    /// The terminal's new size: everything settles into it, the selections in view.
    fn resize(&mut self, size: Size) {
        // The tree gives the list its place back when a resize leaves no room for both; a
        // tree reached on a narrow screen keeps the focus.
        if layout::tree_beside_list(self.size.width) && !layout::tree_beside_list(size.width) {
            self.unfocus_tree();
        }
        self.size = size;
        self.settle();
        self.reveal_tree();
        self.reveal_item();
    }

    /// A command for the open overlay, taken out of the app while it answers.
    fn update_overlay(&mut self, mut overlay: Overlay, command: Command) {
        if command == Command::ToggleAllReports {
            // The other reports' indexes are built the first time they are searched.
            self.build_search_indexes();
        }
        if command == Command::ToggleRecommendations {
            // The Committee's recommendations are indexed the first time they are searched.
            self.build_recommendation_indexes();
        }
        match overlay.handle(command, &self.context()) {
            Action::Stay => self.overlay = Some(overlay),
            Action::Say(message) => {
                self.message = Some(message);
                self.overlay = Some(overlay);
            }
            Action::Close => {}
            Action::Then(then) => then(self),
        }
    }

    /// A command with no overlay open: it moves in the panes or opens an overlay.
    fn update_panes(&mut self, command: Command, count: Option<usize>, had_message: bool) {
        if self.open_overlay(command) {
            return;
        }
        let times = count.unwrap_or(1);
        match command {
            // Esc dismisses a message, or else clears the hits.
            Command::Close if !had_message => self.set_found(None),
            Command::NextHit => self.step_hits(true, times),
            Command::PreviousHit => self.step_hits(false, times),
            Command::Back => self.go_back(),
            Command::Forward => self.go_forward(),
            Command::ToggleMouse => self.toggle_mouse(),
            Command::CopyResponse => self.copy(true),
            Command::CopyCitation => self.copy(false),
            Command::ToggleBookmark => self.toggle_bookmark(),
            Command::Click { column, row } => self.click_pane(Position::new(column, row)),
            Command::WheelUp { column, row } => self.wheel(Position::new(column, row), false),
            Command::WheelDown { column, row } => self.wheel(Position::new(column, row), true),
            Command::FocusNext
            | Command::FocusPrevious
            | Command::FocusLeft
            | Command::FocusRight => self.move_focus(command),
            Command::NextRecommendation => self.step_recommendation(true, times),
            Command::PreviousRecommendation => self.step_recommendation(false, times),
            Command::NextSection => self.step_section(true, times),
            Command::PreviousSection => self.step_section(false, times),
            Command::Enter => self.enter(),
            Command::ToggleRecommendation => self.toggle_recommendation(),
            Command::Toggle => match self.focus {
                Pane::Tree => self.toggle_tree(),
                // At the end of a response Space reads on into the next one, as `]` and a
                // mail pager do.
                Pane::Reader if self.reader.scroll >= self.max_scroll() => {
                    self.step_recommendation(true, 1);
                }
                Pane::Reader => self.move_in_pane(Motion::PageDown, times),
                Pane::List => {}
            },
            _ => {
                // `10G` and `10g` go to the 10th entry or line; other motions repeat.
                let motion = match (command, count) {
                    (Command::Top | Command::Bottom, Some(n)) => Some(Motion::To(n - 1)),
                    _ => command.motion(),
                };
                if let Some(motion) = motion {
                    self.move_in_pane(motion, times);
                }
            }
        }
    }

    /// The count typed before `command`, taken for it (`None`: no count); `Break` when
    /// `command` is itself a digit of the count, added to it.
    fn take_count(&mut self, command: Command) -> ControlFlow<(), Option<usize>> {
        let count = match command {
            Command::Count(digit) => {
                let typed = self.pending_count.unwrap_or(0) * 10 + usize::from(digit);
                self.pending_count = Some(typed.min(MAX_COUNT));
                return ControlFlow::Break(());
            }
            Command::Resize { .. } | Command::Idle => self.pending_count,
            _ => self.pending_count.take(),
        };
        // A count of 0 (a lone `0`) is no count.
        ControlFlow::Continue(count.filter(|&n| n > 0))
    }

    /// The wheel over the panes: the pane under the pointer scrolls.
    fn wheel(&mut self, position: Position, down: bool) {
        let step = |value: usize, max: usize| {
            if down {
                value.saturating_add(WHEEL_LINES).min(max)
            } else {
                value.saturating_sub(WHEEL_LINES)
            }
        };
        self.wheel_pane(position, step);
    }

    /// The largest reader scroll position: the wrapped text's lines less the rows shown.
    pub fn max_scroll(&self) -> usize {
        let Some(view) = self.screen().reader_text() else {
            return 0;
        };
        self.reader_layout
            .lines
            .len()
            .saturating_sub(usize::from(view.height))
    }

    /// Lays the reader out again if what it depends on changed since the last time.
    fn refresh_reader(&mut self) {
        let width = self
            .screen()
            .reader_text()
            .map_or(0, |view| usize::from(view.width));
        let inputs = ReaderInputs {
            location: self.current().map(|(location, _)| location),
            width,
            found_version: self.found_version,
            annotations_version: self.annotations_version,
            cited_document: self.cited_document(),
            recommendation_unfolded: self.series.unfolded,
            compared: self.series.started && !self.series_pending(),
        };
        self.refresh_comparisons();
        if self.reader_layout.inputs != inputs {
            let hit = inputs
                .location
                .and_then(|location| self.found.as_ref()?.hit_at(location));
            let mut layout = ReaderLayout::new(&self.dataset, inputs, hit);
            self.add_reader_header(&mut layout);
            self.add_series_header(&mut layout);
            self.reader_layout = layout;
        }
    }

    /// Replaces the highlighted search (the reader lays its text out again).
    fn set_found(&mut self, found: Option<Found>) {
        if found.is_some() || self.found.is_some() {
            self.found_version += 1;
        }
        self.found = found;
    }

    /// Restores the invariants after any change: focus on a pane that can be shown, selections
    /// inside their lists, offsets and scroll positions inside their content, the reader laid
    /// out for what it shows, the overlay inside the screen.
    fn settle(&mut self) {
        let rows = self.tree_rows().len();
        let tree_height = self.pane_height(Pane::Tree);
        self.tree.scroll.clamp(rows, tree_height);
        let items = self.list.items.len();
        let list_height = self.pane_height(Pane::List);
        self.list.scroll.clamp(items, list_height);
        self.refresh_reader();
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
        if let Some(mut overlay) = self.overlay.take() {
            overlay.settle(&self.context());
            self.overlay = Some(overlay);
        }
    }
}
