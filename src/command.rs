//! What the user can ask of the browser, as plain data: the commands, the keymaps that decide
//! which keys mean what, prompt edits and motions. Below both the state ([`crate::app`], which
//! applies commands) and the key table ([`crate::bindings`], which names them), so neither
//! imports the other.

/// Which part of the key table applies (see [`crate::bindings`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keymap {
    Normal,
    Help,
    Jump,
    Search,
    Missions,
    Note,
    Matrix,
    /// The `?` help once something is typed: every printable key filters it.
    HelpFilter,
    /// The `R` report picker.
    Reports,
    /// The `c` comparison with other reports.
    Compare,
}

impl Keymap {
    /// Every keymap, for what is bound everywhere and for tests that try every one.
    pub const ALL: [Keymap; 10] = [
        Keymap::Normal,
        Keymap::Help,
        Keymap::Jump,
        Keymap::Search,
        Keymap::Missions,
        Keymap::Note,
        Keymap::Matrix,
        Keymap::HelpFilter,
        Keymap::Reports,
        Keymap::Compare,
    ];

    /// Whether a printable key the table does not bind is typed text here, and `c` is one
    /// this keymap's prompt takes (the `:` prompt takes digits only; in the help a key it
    /// does not bind starts its filter, as in a command palette).
    pub fn types(self, c: char) -> bool {
        match self {
            Keymap::Jump => c.is_ascii_digit(),
            Keymap::Search
            | Keymap::Missions
            | Keymap::Note
            | Keymap::Help
            | Keymap::HelpFilter => true,
            Keymap::Normal | Keymap::Matrix | Keymap::Reports | Keymap::Compare => false,
        }
    }

    /// Whether a key the table does not bind is reported as unknown (outside the prompts,
    /// where it would be text, and the matrix, where it does nothing).
    pub fn reports_unknown_keys(self) -> bool {
        matches!(self, Keymap::Normal | Keymap::Help | Keymap::HelpFilter)
    }

    /// Whether the mouse does anything: not in the one-line prompts, which have no list.
    pub fn takes_mouse(self) -> bool {
        !matches!(self, Keymap::Jump | Keymap::Note)
    }
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
    /// `]` `[`: the next or previous recommendation; in a section, across into the next one.
    NextRecommendation,
    PreviousRecommendation,
    /// `}` `{`: the first recommendation of the next or previous section of the report.
    NextSection,
    PreviousSection,
    /// Back and forward through the places jumps left.
    Back,
    Forward,
    /// `Ctrl-e` `Ctrl-y`: one line, the selection staying where it is.
    LineDown,
    LineUp,
    /// A digit of a count typed before a motion (`5j`, `10G`).
    Count(u8),
    /// A key the table does not bind: the status bar says so.
    UnknownKey,
    OpenJump,
    ToggleHelp,
    /// Close the overlay (Esc); without one, clear the search highlights.
    Close,
    /// Open the `/` search (with the last query, if there was one).
    OpenSearch,
    /// Open the `m` mission picker.
    OpenMissions,
    /// An edit of the open prompt's line.
    Edit(Edit),
    /// Enter in the `/` search: open the chosen result at its first hit.
    OpenResult,
    /// Enter in the mission picker: list the chosen mission's recommendations.
    ListMission,
    /// Enter in the `:` prompt: open the response to the typed paragraph.
    JumpToParagraph,
    /// Enter in the note editor: save the note (an empty one deletes it).
    SaveNote,
    /// Enter in the matrix: list the recommendations of the cell under the cursor.
    ListCell,
    /// The previous or next query of the search history (`Alt-↑`, `Alt-↓` in the search).
    RecallOlder,
    RecallNewer,
    /// Scroll the reader to the next or previous search hit (`n`, `N`).
    NextHit,
    PreviousHit,
    /// Copy the open response with its citation (`y`), or the citation alone (`Y`).
    CopyResponse,
    CopyCitation,
    /// Bookmark the open recommendation, or remove its bookmark (`b`).
    ToggleBookmark,
    /// Open the note editor on the open recommendation (`a`).
    EditNote,
    /// Give the mouse to the terminal, so its selection works, or take it back (`M`).
    ToggleMouse,
    /// Open the missions × sections matrix (`o`).
    OpenMatrix,
    /// A cell to the left or right in the matrix.
    CellLeft,
    CellRight,
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
    /// Fold or unfold the Special Committee's recommendation above the response (`r`).
    ToggleRecommendation,
    /// Open the report picker (`R`).
    OpenReports,
    /// Enter in the report picker: open the chosen report.
    OpenReport,
    /// Open the comparison of the response with the most similar in other reports (`c`).
    OpenComparison,
    /// Ctrl-t in the `/` search: search this report only, or every report of the library.
    ToggleAllReports,
    /// Ctrl-r in the `/` search: search the Special Committee's recommendations the responses
    /// answer too, or the responses only.
    ToggleRecommendations,
    /// Sent by the event loop once the library has been read after the first frame, and again
    /// when the worker building the other reports' indexes is done: what was put off to draw
    /// the first frame sooner (comparing the response with the other reports) is done now. No
    /// key sends it, so it keeps the status message and a typed count.
    Idle,
    /// `Ctrl-Z`: stop c34 until the shell continues it (`fg`); the event loop does it, as it
    /// owns the terminal.
    Suspend,
}

impl Command {
    /// The motion a movement command stands for.
    pub fn motion(self) -> Option<Motion> {
        Some(match self {
            Command::Up => Motion::Up,
            Command::Down => Motion::Down,
            Command::PageUp => Motion::PageUp,
            Command::PageDown => Motion::PageDown,
            Command::HalfPageUp => Motion::HalfPageUp,
            Command::HalfPageDown => Motion::HalfPageDown,
            Command::Top => Motion::Top,
            Command::Bottom => Motion::Bottom,
            Command::LineUp => Motion::LineUp,
            Command::LineDown => Motion::LineDown,
            _ => return None,
        })
    }
}

/// An edit of a prompt's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    /// Ctrl-u: everything before the cursor, as readline.
    DeleteToStart,
    /// Ctrl-k: everything from the cursor on.
    DeleteToEnd,
}

/// A movement in a list or a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// One line, the view moving rather than the selection (`Ctrl-e`, `Ctrl-y`).
    LineUp,
    LineDown,
    /// Row or line `n` (from 0), as `10G` asks.
    To(usize),
}
