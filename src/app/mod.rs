//! Browser state and its one update function. Plain data in, plain data out: no terminal, no
//! I/O, no drawing. Geometry (how many rows a pane shows, where a click lands) comes from
//! [`crate::layout`], the same plain functions the renderer draws with; the reader's wrapped
//! text is laid out once per (recommendation, width, search) and cached here.
//!
//! The state is split by component: [`navigation`] (tree, list, reader panes; `]` `[` across
//! sections, `}` `{`), [`finding`] (the `/` search, the mission picker, `n`/`N` across results),
//! [`history`] (back and forward through the places jumps left), [`chooser`] and [`prompt`]
//! (the widgets they share), [`scroll`] (one scroll type for every list, counts included),
//! [`reader`] (the cached reader layout and its mission header), [`keep`] (copy, bookmarks,
//! notes), [`matrix`] (the `o` overlay), [`cited`] (the Documents cited branch and the reader's
//! header of cited documents).
//!
//! What needs the world (the clipboard, the notes file) is not done here: `update` queues an
//! [`Effect`] in [`App::effects`], the event loop performs it ([`crate::effects`]) and hands
//! back an [`Outcome`] through [`App::receive`].

pub mod chooser;
pub mod cited;
pub mod finding;
pub mod history;
pub mod keep;
pub mod matrix;
pub mod navigation;
mod paste;
pub mod prompt;
pub mod reader;
pub mod recall;
pub mod scroll;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use ratatui::layout::{Position, Rect, Size};

use crate::dataset::{Dataset, Location};
use crate::layout::{self, Screen};
use crate::missions::MissionMatch;
use crate::overview::Matrix;
use crate::refs::Reference;
use crate::search::{Hit, SearchIndex};
use crate::text::opening_words;
use crate::userdata::Annotation;

pub use self::chooser::Chooser;
pub use self::finding::Found;
pub use self::history::{History, Place};
pub use self::keep::{Effect, Outcome};
pub use self::matrix::MatrixState;
pub use self::navigation::{ListState, ReaderState, Source, TreeRow, TreeState};
pub use self::prompt::Prompt;
pub use self::reader::{ReaderKey, ReaderLayout, ReaderLine};
pub use self::recall::Recall;
pub use self::scroll::Scroll;
pub use crate::command::{Command, Edit, Mode, Motion};
pub use crate::layout::Pane;

/// Something drawn over the panes that takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled by `scroll` lines.
    Help { scroll: usize },
    /// The `:` prompt: the digits typed so far.
    Jump(Prompt),
    /// The `/` search: a query and its ranked results.
    Search(Chooser<Hit>),
    /// The `m` mission picker.
    Missions(Chooser<MissionMatch>),
    /// The `a` note editor for the response to paragraph `para`.
    Note { para: u32, prompt: Prompt },
    /// The `o` missions × sections matrix, full screen.
    Matrix(MatrixState),
}

/// The cells each section row of the tree needs: marker, numeral (padded), title, count.
fn section_row_widths(dataset: &Dataset) -> Vec<usize> {
    use crate::sanitize::for_line;
    use crate::text::width;
    let numeral = dataset
        .sections
        .iter()
        .map(|section| width(&for_line(&section.number)))
        .max()
        .unwrap_or(0);
    dataset
        .sections
        .iter()
        .map(|section| {
            let count = section.recommendations.len().to_string().len();
            2 + numeral + 1 + width(&for_line(&section.title)) + 1 + count
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
/// Digits accepted after `:` (paragraph numbers are small; this keeps parsing infallible).
pub const JUMP_DIGITS: usize = 6;
/// Characters accepted in a search or picker query: more than any real query, and a bound on
/// the work one keystroke can cause.
pub const QUERY_CHARS: usize = 200;
/// The largest count a motion takes: more than any list or text has lines.
pub const MAX_COUNT: usize = 99_999;

#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    /// The opening words of each response, by section and recommendation, made once: the
    /// list and the tree show them on every frame.
    openings: Vec<Vec<String>>,
    /// Built once from `dataset` when the app starts.
    pub index: Arc<SearchIndex>,
    /// The search whose hits the reader highlights.
    pub found: Option<Found>,
    /// Counts changes of `found`, so the reader layout knows when its highlights are stale.
    found_version: u64,
    pub focus: Pane,
    pub tree: TreeState,
    pub list: ListState,
    pub reader: ReaderState,
    /// The reader's text laid out for the current recommendation and width.
    pub reader_layout: ReaderLayout,
    /// The places jumps left, to go back and forward.
    pub history: History,
    /// A count being typed before a motion (`5` of `5j`).
    pub pending_count: Option<usize>,
    pub overlay: Option<Overlay>,
    /// A one-off message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// The terminal size the layout is computed for.
    pub size: Size,
    /// How wide the tree and the list would like to be for this dataset.
    pub wants: layout::Wants,
    /// False under `NO_COLOR`.
    pub color: bool,
    pub quit: bool,
    /// Built once from `dataset` when the app starts (the `o` matrix).
    pub matrix: Arc<Matrix>,
    /// The documents the responses cite, built once when the app starts.
    pub references: Arc<Vec<Reference>>,
    /// This document's bookmarks and notes by paragraph, a copy of the store's for drawing.
    pub annotations: BTreeMap<u32, Annotation>,
    /// Why bookmarks and notes cannot be changed this session, when they cannot.
    pub notes_read_only: Option<String>,
    /// Counts changes of `annotations`, so the reader layout knows when its header is stale.
    notes_version: u64,
    /// What the event loop must do outside the state after this update (see [`Effect`]).
    pub effects: Vec<Effect>,
    /// The search history, for `Alt-↑` and `Alt-↓` in the `/` prompt.
    pub recall: Recall,
}

impl App {
    /// The browser at start: the first section and its first recommendation selected.
    pub fn new(dataset: Dataset, size: Size, color: bool) -> App {
        let expanded = vec![false; dataset.sections.len()];
        let dataset_sections_width = section_row_widths(&dataset);
        let index = Arc::new(SearchIndex::new(&dataset));
        let matrix = Arc::new(Matrix::new(&dataset));
        let references = Arc::new(crate::refs::references(&dataset));
        let key = ReaderKey::default();
        let reader_layout = ReaderLayout::new(&dataset, key, None);
        let openings = dataset
            .sections
            .iter()
            .map(|section| {
                section
                    .recommendations
                    .iter()
                    .map(|r| {
                        r.paragraphs
                            .first()
                            .map_or(String::new(), |p| opening_words(p))
                    })
                    .collect()
            })
            .collect();
        let mut app = App {
            dataset,
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
            history: History::default(),
            pending_count: None,
            overlay: None,
            message: None,
            wants: layout::Wants {
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
            notes_version: 0,
            effects: Vec::new(),
            recall: Recall::default(),
        };
        app.set_source(Source::Section(0));
        app.settle();
        app
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            None => Mode::Normal,
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Jump(_)) => Mode::Jump,
            Some(Overlay::Search(_)) => Mode::Search,
            Some(Overlay::Missions(_)) => Mode::Missions,
            Some(Overlay::Note { .. }) => Mode::Note,
            Some(Overlay::Matrix(_)) => Mode::Matrix,
        }
    }

    /// The opening words of the response at `location` (empty for a place not in the report).
    pub fn opening(&self, location: Location) -> &str {
        self.openings
            .get(location.section)
            .and_then(|section| section.get(location.recommendation))
            .map_or("", String::as_str)
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.width, self.size.height)
    }

    /// The screen layout for the current size and focus (the renderer draws the same).
    pub fn screen(&self) -> Screen {
        layout::screen_for(self.area(), self.focus, self.wants)
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

    /// The help box on the current screen.
    pub fn help_frame(&self) -> Rect {
        let area = self.area();
        let lines = crate::bindings::help_line_count(layout::help_text_width(area));
        layout::help_frame(area, lines)
    }

    /// The largest scroll position of the help.
    pub fn help_max_scroll(&self) -> usize {
        let view = layout::help_viewport(self.help_frame());
        crate::bindings::help_line_count(usize::from(view.width))
            .saturating_sub(usize::from(view.height))
    }

    /// Applies one command. The only place state changes.
    pub fn update(&mut self, command: Command) {
        let had_message = self.message.is_some();
        if !matches!(command, Command::Resize { .. }) {
            self.message = None;
        }
        let ControlFlow::Continue(count) = self.take_count(command) else {
            return;
        };
        let times = count.unwrap_or(1);
        match command {
            Command::Quit => self.quit = true,
            // The event loop suspends (it owns the terminal).
            Command::Count(_) | Command::Suspend => {}
            Command::UnknownKey => self.message = Some("unknown key — ? for help".into()),
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
                    self.set_found(None);
                }
            }
            Command::OpenSearch => self.open_search(),
            Command::RecallOlder => self.recall(true),
            Command::RecallNewer => self.recall(false),
            Command::OpenMissions => self.open_missions(),
            Command::OpenJump => self.overlay = Some(Overlay::Jump(Prompt::default())),
            Command::Edit(edit) if matches!(self.overlay, Some(Overlay::Note { .. })) => {
                self.edit_note_text(edit);
            }
            Command::Edit(edit) => self.edit_prompt(edit),
            Command::Submit if matches!(self.overlay, Some(Overlay::Note { .. })) => {
                self.save_note();
            }
            Command::Submit if matches!(self.overlay, Some(Overlay::Matrix(_))) => {
                self.leap(App::list_matrix_cell);
            }
            Command::Submit => self.submit(),
            Command::Click { column, row } if matches!(self.overlay, Some(Overlay::Matrix(_))) => {
                self.click_matrix(Position::new(column, row));
            }
            Command::NextHit => self.step_hits(true, times),
            Command::PreviousHit => self.step_hits(false, times),
            Command::Back => self.go_back(),
            Command::Forward => self.go_forward(),
            Command::CopyResponse => self.copy(true),
            Command::CopyCitation => self.copy(false),
            Command::ToggleBookmark => self.toggle_bookmark(),
            Command::EditNote => self.edit_note(),
            Command::OpenMatrix => self.open_matrix(),
            Command::Left => self.move_in_matrix(0, -1),
            Command::Right => self.move_in_matrix(0, 1),
            Command::Click { column, row } => self.click(Position::new(column, row)),
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
            Command::Toggle => match self.focus {
                Pane::Tree if self.overlay.is_none() => self.toggle_tree(),
                Pane::Reader if self.overlay.is_none() => {
                    self.move_in_pane(Motion::PageDown, times);
                }
                _ => {}
            },
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::HalfPageUp
            | Command::HalfPageDown
            | Command::Top
            | Command::Bottom
            | Command::LineUp
            | Command::LineDown => {
                // `10G` and `10g` go to the 10th entry or line; other motions repeat.
                let motion = match (command, count) {
                    (Command::Top | Command::Bottom, Some(n)) => Some(Motion::To(n - 1)),
                    _ => command.motion(),
                };
                if let Some(motion) = motion {
                    self.move_by(motion, times);
                }
            }
        }
        self.settle();
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
            Command::Resize { .. } => self.pending_count,
            _ => self.pending_count.take(),
        };
        // A count of 0 (a lone `0`) is no count.
        ControlFlow::Continue(count.filter(|&n| n > 0))
    }

    /// A movement: scrolls the help, moves the choice in the search or the picker, or else
    /// moves in the focused pane.
    fn move_by(&mut self, motion: Motion, times: usize) {
        let help_page = usize::from(layout::help_viewport(self.help_frame()).height);
        let (search_page, picker_page) = self.chooser_pages();
        let max = self.help_max_scroll();
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) => {
                *scroll = scroll::moved_by(*scroll, motion, times, help_page, max);
            }
            Some(Overlay::Search(search)) => search.apply(motion, times, search_page),
            Some(Overlay::Missions(picker)) => picker.apply(motion, times, picker_page),
            Some(Overlay::Matrix(_)) => self.move_matrix_by(motion),
            Some(Overlay::Jump(_) | Overlay::Note { .. }) => {}
            None => self.move_in_pane(motion, times),
        }
    }

    /// Results shown at once by the search and by the mission picker.
    fn chooser_pages(&self) -> (usize, usize) {
        let area = self.area();
        (
            layout::search_page(area).max(1),
            layout::picker_page(area, self.dataset.missions.len()).max(1),
        )
    }

    fn wheel(&mut self, position: Position, down: bool) {
        let step = |value: usize, max: usize| {
            if down {
                value.saturating_add(WHEEL_LINES).min(max)
            } else {
                value.saturating_sub(WHEEL_LINES)
            }
        };
        let (search_page, picker_page) = self.chooser_pages();
        let motion = |chooser_len: usize, selected: usize| {
            let last = chooser_len.saturating_sub(1);
            step(selected, last)
        };
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) => *scroll = step(*scroll, usize::MAX),
            Some(Overlay::Search(search)) => {
                let index = motion(search.items.len(), search.scroll.selected);
                search.select(index, search_page);
            }
            Some(Overlay::Missions(picker)) => {
                let index = motion(picker.items.len(), picker.scroll.selected);
                picker.select(index, picker_page);
            }
            Some(Overlay::Matrix(_)) => {
                self.move_matrix_by(if down { Motion::Down } else { Motion::Up });
            }
            Some(Overlay::Jump(_) | Overlay::Note { .. }) => {}
            None => self.wheel_pane(position, step),
        }
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
        let key = ReaderKey {
            location: self.current().map(|(location, _)| location),
            width,
            found_version: self.found_version,
            notes_version: self.notes_version,
            cited: self.cited_document(),
        };
        if self.reader_layout.key != key {
            let hit = key
                .location
                .and_then(|location| self.found.as_ref()?.hit_at(location));
            let mut layout = ReaderLayout::new(&self.dataset, key, hit);
            self.add_reader_header(&mut layout);
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
    /// out for what it shows.
    fn settle(&mut self) {
        if !layout::panes_for(self.size.width).contains(&self.focus) {
            self.focus = Pane::List;
        }
        let rows = self.tree_rows().len();
        let tree_height = self.pane_height(Pane::Tree);
        self.tree.scroll.clamp(rows, tree_height);
        let items = self.list.items.len();
        let list_height = self.pane_height(Pane::List);
        self.list.scroll.clamp(items, list_height);
        self.refresh_reader();
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
        let (search_page, picker_page) = self.chooser_pages();
        match &mut self.overlay {
            Some(Overlay::Help { .. }) => {
                let max = self.help_max_scroll();
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = (*scroll).min(max);
                }
            }
            Some(Overlay::Search(search)) => search.settle(search_page),
            Some(Overlay::Missions(picker)) => picker.settle(picker_page),
            Some(Overlay::Matrix(_)) => self.settle_matrix(),
            Some(Overlay::Jump(_) | Overlay::Note { .. }) | None => {}
        }
    }
}
