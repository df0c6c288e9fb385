//! The overlays: what is drawn over the panes and takes the keys first. Each is a type of its
//! own in `overlay/`, owning its state and handling the commands of its key map; this file is
//! the list of them and the one place that dispatches to each.
//!
//! An overlay answers a command with an [`Action`]: stay open, stay open with a message,
//! close, or close and hand the app a callback (open the chosen result, list the cell), as
//! helix's compositor layers do. It reads the rest of the browser only through a [`Context`],
//! a few read-only borrows, and draws itself from its own state and the same context
//! ([`Component::draw`], with the primitives of [`crate::paint`]), so one file holds all of an
//! overlay: a new one adds that file and touches this one, `command.rs` and `bindings.rs`.

pub mod compare;
pub mod help;
pub mod jump;
pub mod matrix;
pub mod missions;
pub mod note;
pub mod reports;
pub mod search;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use self::compare::CompareView;
pub use self::help::Help;
pub use self::jump::JumpPrompt;
pub use self::matrix::MatrixCursor;
pub use self::missions::MissionPicker;
pub use self::note::NoteEditor;
pub use self::reports::ReportPicker;
pub use self::search::SearchPicker;
use super::{App, Source};
use crate::command::{Command, Keymap};
use crate::dataset::Dataset;
use crate::overview::Matrix;
use crate::paint::Theme;
use crate::search::SearchIndex;
use crate::series::recommendations::RecommendationIndex;

/// What an overlay may read of the browser: the screen and the data built once at start.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The whole terminal.
    pub area: Rect,
    pub dataset: &'a Dataset,
    pub index: &'a SearchIndex,
    pub matrix: &'a Matrix,
    /// The search history, oldest first.
    pub queries: &'a [crate::sanitize::SafeText],
    /// Every report of the library, newest first.
    pub reports: &'a [crate::app::ReportEntry],
    /// True while the library's reports are still being read (`reports` is not yet all).
    pub library_pending: bool,
    /// The search index of each report of `reports`, once the search has been asked to
    /// search them all (none for the open report: it is `index`).
    pub report_indexes: &'a [Option<std::sync::Arc<SearchIndex>>],
    /// The Special Committee's report the open report answers, if the library has it.
    pub committee: Option<&'a crate::series::committee::CommitteeReport>,
    /// The search index of its recommendations, once the search has been asked to include
    /// them (Ctrl-r).
    pub recommendations: Option<&'a RecommendationIndex>,
    /// The same for each report of `reports` (none for the open report: it is
    /// `recommendations`).
    pub report_recommendations: &'a [Option<std::sync::Arc<RecommendationIndex>>],
    /// The most similar response of each other report to the open one, most similar first.
    pub comparisons: &'a [crate::series::compare::Comparison],
    /// The bookmarks and notes, by paragraph (for the marks the results show).
    pub annotations: &'a std::collections::BTreeMap<u32, crate::userdata::Annotation>,
}

/// What the app does after an overlay handled a command.
pub enum Action {
    /// The overlay stays open.
    Stay,
    /// The overlay stays open and the status bar says this.
    Say(crate::sanitize::SafeText),
    /// The overlay closes.
    Close,
    /// The overlay closes, then the app runs this (opens the chosen result, lists the cell).
    Then(Box<dyn FnOnce(&mut App)>),
}

impl Action {
    /// Closes the overlay, then runs `then` on the app.
    pub fn then(then: impl FnOnce(&mut App) + 'static) -> Action {
        Action::Then(Box::new(then))
    }
}

/// What every overlay does: answer commands, keep its state inside the screen, draw itself.
pub trait Component {
    /// The part of the key table that applies while it is open.
    const KEYMAP: Keymap;

    /// Handles one command; commands that are not its own leave it as it is.
    fn handle(&mut self, command: Command, context: &Context) -> Action;

    /// Keeps its selection inside its items and in view after any change (a resize).
    fn settle(&mut self, _context: &Context) {}

    /// Draws it over the panes, from its own state and the context only (`context.area` is
    /// the whole frame). Drawing never changes state.
    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme);

    /// Its text prompt, for a paste; `None` for an overlay that takes no text.
    fn text_input(&mut self) -> Option<TextInput<'_>> {
        None
    }
}

/// A prompt a paste can go into: the text, how many characters it holds, which it accepts.
pub struct TextInput<'a> {
    pub prompt: &'a mut crate::app::Prompt,
    /// The most characters the prompt holds.
    pub limit: usize,
    pub accepts: fn(char) -> bool,
}

/// The open overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The `?` key help.
    Help(Help),
    /// The `:` prompt.
    Jump(JumpPrompt),
    /// The `/` search and its ranked results.
    Search(SearchPicker),
    /// The `m` mission picker.
    Missions(MissionPicker),
    /// The `a` note editor.
    Note(NoteEditor),
    /// The `o` missions × sections matrix, full screen.
    Matrix(MatrixCursor),
    /// The `R` report picker.
    Reports(ReportPicker),
    /// The `c` comparison with other reports.
    Compare(CompareView),
}

impl Overlay {
    /// The part of the key table that applies while it is open.
    pub fn keymap(&self) -> Keymap {
        match self {
            Overlay::Help(help) => help.keymap(),
            Overlay::Jump(_) => JumpPrompt::KEYMAP,
            Overlay::Search(_) => SearchPicker::KEYMAP,
            Overlay::Missions(_) => MissionPicker::KEYMAP,
            Overlay::Note(_) => NoteEditor::KEYMAP,
            Overlay::Matrix(_) => MatrixCursor::KEYMAP,
            Overlay::Reports(_) => ReportPicker::KEYMAP,
            Overlay::Compare(_) => CompareView::KEYMAP,
        }
    }

    pub fn handle(&mut self, command: Command, context: &Context) -> Action {
        match self {
            Overlay::Help(help) => help.handle(command, context),
            Overlay::Jump(jump) => jump.handle(command, context),
            Overlay::Search(search) => search.handle(command, context),
            Overlay::Missions(picker) => picker.handle(command, context),
            Overlay::Note(note) => note.handle(command, context),
            Overlay::Matrix(matrix) => matrix.handle(command, context),
            Overlay::Reports(picker) => picker.handle(command, context),
            Overlay::Compare(view) => view.handle(command, context),
        }
    }

    /// The open overlay's prompt, if it takes text.
    pub fn text_input(&mut self) -> Option<TextInput<'_>> {
        match self {
            Overlay::Help(help) => help.text_input(),
            Overlay::Jump(jump) => jump.text_input(),
            Overlay::Search(search) => search.text_input(),
            Overlay::Missions(picker) => picker.text_input(),
            Overlay::Note(note) => note.text_input(),
            Overlay::Matrix(matrix) => matrix.text_input(),
            Overlay::Reports(picker) => picker.text_input(),
            Overlay::Compare(view) => view.text_input(),
        }
    }

    /// Draws the open overlay over the panes.
    pub fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        match self {
            Overlay::Help(help) => help.draw(frame, context, theme),
            Overlay::Jump(jump) => jump.draw(frame, context, theme),
            Overlay::Search(search) => search.draw(frame, context, theme),
            Overlay::Missions(picker) => picker.draw(frame, context, theme),
            Overlay::Note(note) => note.draw(frame, context, theme),
            Overlay::Matrix(matrix) => matrix.draw(frame, context, theme),
            Overlay::Reports(picker) => picker.draw(frame, context, theme),
            Overlay::Compare(view) => view.draw(frame, context, theme),
        }
    }

    pub fn settle(&mut self, context: &Context) {
        match self {
            Overlay::Help(help) => help.settle(context),
            Overlay::Jump(jump) => jump.settle(context),
            Overlay::Search(search) => search.settle(context),
            Overlay::Missions(picker) => picker.settle(context),
            Overlay::Note(note) => note.settle(context),
            Overlay::Matrix(matrix) => matrix.settle(context),
            Overlay::Reports(picker) => picker.settle(context),
            Overlay::Compare(view) => view.settle(context),
        }
    }
}

macro_rules! into_overlay {
    ($($variant:ident($component:ty)),* $(,)?) => {
        $(impl From<$component> for Overlay {
            fn from(component: $component) -> Overlay {
                Overlay::$variant(component)
            }
        })*
    };
}

into_overlay!(
    Help(Help),
    Jump(JumpPrompt),
    Search(SearchPicker),
    Missions(MissionPicker),
    Note(NoteEditor),
    Matrix(MatrixCursor),
    Reports(ReportPicker),
    Compare(CompareView),
);

impl App {
    /// Opens the overlay `command` asks for, or says why it cannot open; false when `command`
    /// opens none.
    pub(super) fn open_overlay(&mut self, command: Command) -> bool {
        let overlay: Overlay = match command {
            Command::ToggleHelp => Help::default().into(),
            Command::OpenJump => JumpPrompt::default().into(),
            Command::OpenSearch => SearchPicker::open(self.found.as_ref(), self.index()).into(),
            Command::OpenMissions => {
                let selected = match self.list.source {
                    Source::Mission(m) => Some(m),
                    _ => None,
                };
                let Some(picker) = MissionPicker::open(&self.context(), selected) else {
                    self.message = Some("This report names no missions".into());
                    return true;
                };
                picker.into()
            }
            Command::EditNote => match self.note_editor() {
                Some(editor) => editor.into(),
                None => return true,
            },
            Command::OpenMatrix => {
                let Some(cursor) = MatrixCursor::open(self.matrix()) else {
                    self.message = Some("No response names a mission".into());
                    return true;
                };
                cursor.into()
            }
            Command::OpenReports => ReportPicker::open(&self.context()).into(),
            Command::OpenComparison => {
                let context = self.context();
                let opened = self.current().and_then(|(_, recommendation)| {
                    CompareView::open(
                        recommendation.para,
                        &self.dataset.document.symbol,
                        context.comparisons,
                        &context,
                    )
                });
                let Some(view) = opened else {
                    self.message = Some(if self.reports().len() > 1 {
                        "No similar response in the other reports".into()
                    } else {
                        "No other report in the library to compare with (c34 add adds one)".into()
                    });
                    return true;
                };
                view.into()
            }
            _ => return false,
        };
        self.overlay = Some(overlay);
        true
    }
}
