//! Every key binding, once: which key, in which keymap, does what, and how the help and the
//! status bar describe it. Dispatch ([`crate::keys`]), the `?` help and the status-bar hints
//! are all derived from [`BINDINGS`], so a key the help names is always bound and a bound key
//! is always in the help (a test checks both).

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::command::{Command, Edit, Keymap};
use crate::layout::{HELP_MAX_WIDTH, Pane};
use crate::text::{fit, width, wrap};

/// A key with its modifiers, as the table matches it. Letters are matched without Shift (a
/// terminal reports `G` as Shift-g or as plain `G`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

const fn alt_code(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

impl Key {
    /// The key as the help writes it: `j`, `Ctrl-u`, `Alt-b`, `Shift-Tab`, `↓`, `PgDn`.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

/// A short status-bar hint for a binding: shown in `keymaps` (and, in the browser proper, only
/// while one of `panes` has the focus; empty means any), ordered by `rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The keys as the status bar writes them (`j/k`, `^U`); every one is bound.
    pub keys: &'static str,
    pub text: &'static str,
    pub rank: u8,
    pub keymaps: &'static [Keymap],
    pub panes: &'static [Pane],
}

/// One line of the help: keys (each with its command) bound in `keymaps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub group: &'static str,
    pub keymaps: &'static [Keymap],
    pub keys: &'static [(Key, Command)],
    /// What the help shows instead of the keys, for what is not a key (typing, the mouse).
    pub label: Option<&'static str>,
    pub help: &'static str,
    pub hints: &'static [Hint],
}

const NORMAL: &[Keymap] = &[Keymap::Normal];
const HELP: &[Keymap] = &[Keymap::Help];
const HELP_FILTER: &[Keymap] = &[Keymap::HelpFilter];
const HELPS: &[Keymap] = &[Keymap::Help, Keymap::HelpFilter];
const JUMP: &[Keymap] = &[Keymap::Jump];
const SEARCH: &[Keymap] = &[Keymap::Search];
const MISSIONS: &[Keymap] = &[Keymap::Missions];
const NOTE: &[Keymap] = &[Keymap::Note];
const MATRIX: &[Keymap] = &[Keymap::Matrix];
const REPORTS: &[Keymap] = &[Keymap::Reports];
const COMPARE: &[Keymap] = &[Keymap::Compare];
const SERIES: &[Keymap] = &[Keymap::Reports, Keymap::Compare];
const NORMAL_HELP: &[Keymap] = &[Keymap::Normal, Keymap::Help];
const CHOOSERS: &[Keymap] = &[Keymap::Search, Keymap::Missions];
const PAGED: &[Keymap] = &[
    Keymap::Normal,
    Keymap::Help,
    Keymap::Search,
    Keymap::Missions,
    Keymap::Matrix,
    Keymap::HelpFilter,
];
const PROMPTS: &[Keymap] = &[Keymap::Jump, Keymap::Search, Keymap::Missions, Keymap::Note];
const EVERYWHERE: &[Keymap] = &Keymap::ALL;
const ANY_PANE: &[Pane] = &[];

const fn hint(
    keys: &'static str,
    text: &'static str,
    rank: u8,
    keymaps: &'static [Keymap],
) -> Hint {
    Hint {
        keys,
        text,
        rank,
        keymaps,
        panes: ANY_PANE,
    }
}

const fn pane_hint(
    keys: &'static str,
    text: &'static str,
    rank: u8,
    panes: &'static [Pane],
) -> Hint {
    Hint {
        keys,
        text,
        rank,
        keymaps: NORMAL,
        panes,
    }
}

/// What Enter does in each prompt and in the matrix: one line of the help for five bindings
/// (the help writes consecutive bindings with the same keys and text once).
const ENTER_HELP: &str = "open the result; list the mission or cell; jump; save";

/// The group the help opens on and `c34 --help` lists: the keys of the first minute.
pub const START_HERE: &str = "Start here";

/// The whole key table, in the order the help lists it; the [`START_HERE`] group first.
pub const BINDINGS: &[Binding] = &[
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('/'), Command::OpenSearch)],
        label: None,
        help: "search the responses, results as you type",
        hints: &[hint("/", "search", 40, NORMAL)],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('m'), Command::OpenMissions)],
        label: None,
        help: "pick a mission by acronym, name or place",
        hints: &[pane_hint("m", "missions", 50, &[Pane::Tree, Pane::List])],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain(':'), Command::OpenJump)],
        label: None,
        help: "jump to a response: type its ¶ number, Enter",
        hints: &[hint(":", "jump", 70, NORMAL)],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('y'), Command::CopyResponse)],
        label: None,
        help: "copy the response and its citation (or a link)",
        hints: &[pane_hint("y", "copy", 24, &[Pane::Reader])],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('b'), Command::ToggleBookmark)],
        label: None,
        help: "bookmark the recommendation (again: remove it)",
        hints: &[pane_hint("b", "bookmark", 26, &[Pane::Reader])],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('a'), Command::EditNote)],
        label: None,
        help: "write a note on it (Enter saves, empty deletes)",
        hints: &[pane_hint("a", "note", 76, &[Pane::Reader])],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[
            (code(KeyCode::Backspace), Command::Back),
            (ctrl('o'), Command::Back),
            (alt_code(KeyCode::Left), Command::Back),
        ],
        label: None,
        help: "back to where the last jump left (: / m click ] })",
        hints: &[],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('o'), Command::OpenMatrix)],
        label: None,
        help: "missions × sections matrix; Enter lists a cell",
        hints: &[pane_hint("o", "matrix", 55, &[Pane::Tree, Pane::List])],
    },
    Binding {
        group: START_HERE,
        keymaps: NORMAL,
        keys: &[(plain('q'), Command::Quit)],
        label: None,
        help: "quit",
        hints: &[hint("q", "quit", 95, NORMAL)],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (code(KeyCode::Tab), Command::FocusNext),
            (code(KeyCode::BackTab), Command::FocusPrevious),
        ],
        label: None,
        help: "next / previous pane",
        hints: &[hint("Tab", "pane", 60, NORMAL)],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (plain('h'), Command::FocusLeft),
            (plain('l'), Command::FocusRight),
            (code(KeyCode::Left), Command::FocusLeft),
            (code(KeyCode::Right), Command::FocusRight),
        ],
        label: None,
        help: "pane to the left / right",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL_HELP,
        keys: &[
            (plain('j'), Command::Down),
            (plain('k'), Command::Up),
            (code(KeyCode::Down), Command::Down),
            (code(KeyCode::Up), Command::Up),
        ],
        label: None,
        help: "move the selection; scroll the reader",
        hints: &[
            pane_hint("j/k", "move", 10, &[Pane::Tree, Pane::List]),
            pane_hint("j/k", "scroll", 10, &[Pane::Reader]),
            hint("j/k", "scroll", 10, HELP),
        ],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL_HELP,
        keys: &[
            (plain('g'), Command::Top),
            (plain('G'), Command::Bottom),
            (code(KeyCode::Home), Command::Top),
            (code(KeyCode::End), Command::Bottom),
        ],
        label: None,
        help: "first / last; top / bottom of the text",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: PAGED,
        keys: &[
            (code(KeyCode::PageUp), Command::PageUp),
            (code(KeyCode::PageDown), Command::PageDown),
        ],
        label: None,
        help: "a page up / down",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL_HELP,
        keys: &[(ctrl('b'), Command::PageUp), (ctrl('f'), Command::PageDown)],
        label: None,
        help: "a page up / down, as in less and vim",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL_HELP,
        keys: &[
            (ctrl('u'), Command::HalfPageUp),
            (ctrl('d'), Command::HalfPageDown),
        ],
        label: None,
        help: "half a page up / down",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL_HELP,
        keys: &[(ctrl('y'), Command::LineUp), (ctrl('e'), Command::LineDown)],
        label: None,
        help: "one line up / down; a list's selection stays",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (plain('0'), Command::Count(0)),
            (plain('1'), Command::Count(1)),
            (plain('2'), Command::Count(2)),
            (plain('3'), Command::Count(3)),
            (plain('4'), Command::Count(4)),
            (plain('5'), Command::Count(5)),
            (plain('6'), Command::Count(6)),
            (plain('7'), Command::Count(7)),
            (plain('8'), Command::Count(8)),
            (plain('9'), Command::Count(9)),
        ],
        label: None,
        help: "a count before a move: 5j; 10G the 10th entry or line",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (plain('['), Command::PreviousRecommendation),
            (plain(']'), Command::NextRecommendation),
        ],
        label: None,
        help: "previous / next recommendation, across sections",
        hints: &[pane_hint("[/]", "prev/next", 35, &[Pane::Reader])],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (plain('{'), Command::PreviousSection),
            (plain('}'), Command::NextSection),
        ],
        label: None,
        help: "first recommendation of the previous / next section",
        hints: &[],
    },
    Binding {
        group: "Move",
        keymaps: NORMAL,
        keys: &[
            (alt_code(KeyCode::Right), Command::Forward),
            (ctrl('i'), Command::Forward),
        ],
        label: None,
        help: "forward again (Ctrl-i where the terminal tells it from Tab)",
        hints: &[],
    },
    Binding {
        group: "Open",
        keymaps: NORMAL,
        keys: &[(code(KeyCode::Enter), Command::Enter)],
        label: None,
        help: "go right: section → list → reader",
        hints: &[
            pane_hint("Enter", "open", 30, &[Pane::Tree]),
            pane_hint("Enter", "read", 30, &[Pane::List]),
        ],
    },
    Binding {
        group: "Open",
        keymaps: NORMAL,
        keys: &[(plain(' '), Command::Toggle)],
        label: None,
        help: "expand/collapse (tree); page, then next (reader)",
        hints: &[
            pane_hint("Space", "expand", 20, &[Pane::Tree]),
            pane_hint("Space", "page", 20, &[Pane::Reader]),
        ],
    },
    Binding {
        group: "Open",
        keymaps: HELP,
        keys: &[(plain(' '), Command::PageDown)],
        label: None,
        help: "page down (help)",
        hints: &[],
    },
    Binding {
        group: "Search",
        keymaps: CHOOSERS,
        keys: &[
            (code(KeyCode::Down), Command::Down),
            (code(KeyCode::Up), Command::Up),
            (ctrl('n'), Command::Down),
            (ctrl('p'), Command::Up),
        ],
        label: None,
        help: "choose a result or a mission",
        hints: &[hint("↓/↑", "choose", 10, CHOOSERS)],
    },
    Binding {
        group: "Search",
        keymaps: SEARCH,
        keys: &[(code(KeyCode::Enter), Command::OpenResult)],
        label: None,
        help: ENTER_HELP,
        hints: &[hint("Enter", "open", 20, SEARCH)],
    },
    Binding {
        group: "Search",
        keymaps: MISSIONS,
        keys: &[(code(KeyCode::Enter), Command::ListMission)],
        label: None,
        help: ENTER_HELP,
        hints: &[hint("Enter", "list", 20, MISSIONS)],
    },
    Binding {
        group: "Search",
        keymaps: JUMP,
        keys: &[(code(KeyCode::Enter), Command::JumpToParagraph)],
        label: None,
        help: ENTER_HELP,
        hints: &[hint("Enter", "go", 20, JUMP)],
    },
    Binding {
        group: "Search",
        keymaps: NOTE,
        keys: &[(code(KeyCode::Enter), Command::SaveNote)],
        label: None,
        help: ENTER_HELP,
        hints: &[hint("Enter", "save", 20, NOTE)],
    },
    Binding {
        group: "Search",
        keymaps: MATRIX,
        keys: &[(code(KeyCode::Enter), Command::ListCell)],
        label: None,
        help: ENTER_HELP,
        hints: &[hint("Enter", "list", 20, MATRIX)],
    },
    Binding {
        group: "Search",
        keymaps: SEARCH,
        keys: &[
            (alt_code(KeyCode::Up), Command::RecallOlder),
            (alt_code(KeyCode::Down), Command::RecallNewer),
        ],
        label: None,
        help: "an older / newer query from the search history",
        hints: &[],
    },
    Binding {
        group: "Search",
        keymaps: NORMAL,
        keys: &[
            (plain('n'), Command::NextHit),
            (plain('N'), Command::PreviousHit),
        ],
        label: None,
        help: "next / previous hit; past the last one, the next result",
        hints: &[],
    },
    Binding {
        group: "Search",
        keymaps: PROMPTS,
        keys: &[],
        label: Some("text"),
        help: "type the query, mission, ¶ number or note",
        hints: &[hint("0-9", "paragraph", 10, JUMP)],
    },
    Binding {
        group: "Search",
        keymaps: SEARCH,
        keys: &[],
        label: Some("'w ^w !w \"…\""),
        help: "exact word, prefix, without, phrase",
        hints: &[],
    },
    Binding {
        group: "Take away",
        keymaps: NORMAL,
        keys: &[(plain('Y'), Command::CopyCitation)],
        label: None,
        help: "copy the citation alone",
        hints: &[],
    },
    Binding {
        group: "At a glance",
        keymaps: MATRIX,
        keys: &[
            (plain('h'), Command::CellLeft),
            (plain('j'), Command::Down),
            (plain('k'), Command::Up),
            (plain('l'), Command::CellRight),
            (code(KeyCode::Left), Command::CellLeft),
            (code(KeyCode::Down), Command::Down),
            (code(KeyCode::Up), Command::Up),
            (code(KeyCode::Right), Command::CellRight),
        ],
        label: None,
        help: "in the matrix: the next cell",
        hints: &[hint("hjkl", "move", 10, MATRIX)],
    },
    Binding {
        group: "At a glance",
        keymaps: MATRIX,
        keys: &[
            (plain('g'), Command::Top),
            (plain('G'), Command::Bottom),
            (code(KeyCode::Home), Command::Top),
            (code(KeyCode::End), Command::Bottom),
        ],
        label: None,
        help: "in the matrix: the first / last mission",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: NORMAL,
        keys: &[(plain('r'), Command::ToggleRecommendation)],
        label: None,
        help: "fold / unfold the Committee's recommendation",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: NORMAL,
        keys: &[(plain('R'), Command::OpenReports)],
        label: None,
        help: "the reports of your library; Enter opens one",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: NORMAL,
        keys: &[(plain('c'), Command::OpenComparison)],
        label: None,
        help: "compare with the most similar in other reports",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: SERIES,
        keys: &[
            (plain('j'), Command::Down),
            (plain('k'), Command::Up),
            (code(KeyCode::Down), Command::Down),
            (code(KeyCode::Up), Command::Up),
            (code(KeyCode::PageDown), Command::PageDown),
            (code(KeyCode::PageUp), Command::PageUp),
            (plain('g'), Command::Top),
            (plain('G'), Command::Bottom),
            (code(KeyCode::Home), Command::Top),
            (code(KeyCode::End), Command::Bottom),
        ],
        label: None,
        help: "report picker, comparison: move, scroll",
        hints: &[
            hint("j/k", "move", 10, REPORTS),
            hint("j/k", "scroll", 10, COMPARE),
        ],
    },
    Binding {
        group: "Series",
        keymaps: REPORTS,
        keys: &[(code(KeyCode::Enter), Command::OpenReport)],
        label: None,
        help: "report picker: open the report",
        hints: &[hint("Enter", "open", 20, REPORTS)],
    },
    Binding {
        group: "Series",
        keymaps: SEARCH,
        keys: &[(ctrl('t'), Command::ToggleAllReports)],
        label: None,
        help: "in the search: this report / every report",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: SEARCH,
        keys: &[(ctrl('r'), Command::ToggleRecommendations)],
        label: None,
        help: "in the search: responses / + recommendations",
        hints: &[],
    },
    Binding {
        group: "Series",
        keymaps: SERIES,
        keys: &[(plain('q'), Command::Close)],
        label: None,
        help: "close the report picker or comparison",
        hints: &[hint("q", "close", 30, SERIES)],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[
            (code(KeyCode::Left), Command::Edit(Edit::Left)),
            (code(KeyCode::Right), Command::Edit(Edit::Right)),
        ],
        label: None,
        help: "move the cursor",
        hints: &[],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[
            (code(KeyCode::Home), Command::Edit(Edit::Home)),
            (code(KeyCode::End), Command::Edit(Edit::End)),
            (ctrl('a'), Command::Edit(Edit::Home)),
            (ctrl('e'), Command::Edit(Edit::End)),
        ],
        label: None,
        help: "to the start / end",
        hints: &[],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[
            (alt('b'), Command::Edit(Edit::WordLeft)),
            (alt('f'), Command::Edit(Edit::WordRight)),
        ],
        label: None,
        help: "a word left / right",
        hints: &[],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[
            (code(KeyCode::Backspace), Command::Edit(Edit::DeleteBack)),
            (code(KeyCode::Delete), Command::Edit(Edit::DeleteForward)),
        ],
        label: None,
        help: "delete before / under the cursor",
        hints: &[],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[(ctrl('w'), Command::Edit(Edit::DeleteWordBack))],
        label: None,
        help: "delete the word before the cursor",
        hints: &[hint("^W", "word", 40, SEARCH)],
    },
    Binding {
        group: "Edit a prompt",
        keymaps: PROMPTS,
        keys: &[
            (ctrl('u'), Command::Edit(Edit::DeleteToStart)),
            (ctrl('k'), Command::Edit(Edit::DeleteToEnd)),
        ],
        label: None,
        help: "delete to the start / to the end",
        hints: &[hint("^U", "clear", 30, CHOOSERS)],
    },
    Binding {
        group: "Mouse",
        keymaps: NORMAL,
        keys: &[(plain('M'), Command::ToggleMouse)],
        label: None,
        help: "mouse off / on: off, dragging selects text",
        hints: &[hint("M", "mouse", 85, NORMAL)],
    },
    Binding {
        group: "Mouse",
        keymaps: NORMAL,
        keys: &[],
        label: Some("Shift-drag"),
        help: "select text while the mouse is on (most terminals)",
        hints: &[],
    },
    Binding {
        group: "Mouse",
        keymaps: NORMAL,
        keys: &[],
        label: Some("click"),
        help: "focus a pane and select a row",
        hints: &[],
    },
    Binding {
        group: "Mouse",
        keymaps: NORMAL,
        keys: &[],
        label: Some("click ▸"),
        help: "expand or collapse a section",
        hints: &[],
    },
    Binding {
        group: "Mouse",
        keymaps: CHOOSERS,
        keys: &[],
        label: Some("click result"),
        help: "select it; click again to open it",
        hints: &[],
    },
    Binding {
        group: "Mouse",
        keymaps: PAGED,
        keys: &[],
        label: Some("wheel"),
        help: "scroll the pane under the pointer",
        hints: &[],
    },
    Binding {
        group: "Other",
        keymaps: NORMAL_HELP,
        keys: &[(plain('?'), Command::ToggleHelp)],
        label: None,
        help: "this help (j k scroll it)",
        hints: &[hint("?", "help", 90, NORMAL)],
    },
    Binding {
        group: "Other",
        keymaps: EVERYWHERE,
        keys: &[(code(KeyCode::Esc), Command::Close)],
        label: None,
        help: "close an overlay; then clear the hits",
        hints: &[
            hint("Esc", "close", 20, HELP),
            hint("Esc", "cancel", 30, JUMP),
            hint("Esc", "close", 90, CHOOSERS),
            hint("Esc", "cancel", 30, NOTE),
            hint("Esc", "close", 30, MATRIX),
            hint("Esc", "close", 20, HELP_FILTER),
        ],
    },
    Binding {
        group: "Other",
        keymaps: HELPS,
        keys: &[],
        label: Some("text"),
        help: "in this help: filter it (cop leaves the copy keys)",
        hints: &[hint("a-z", "filter", 15, HELP)],
    },
    Binding {
        group: "Other",
        keymaps: HELP_FILTER,
        keys: &[
            (code(KeyCode::Backspace), Command::Edit(Edit::DeleteBack)),
            (ctrl('u'), Command::Edit(Edit::DeleteToStart)),
            (ctrl('w'), Command::Edit(Edit::DeleteWordBack)),
        ],
        label: None,
        help: "in a filtered help: delete a letter, all of it, a word",
        hints: &[],
    },
    Binding {
        group: "Other",
        keymaps: HELP_FILTER,
        keys: &[
            (code(KeyCode::Down), Command::Down),
            (code(KeyCode::Up), Command::Up),
        ],
        label: None,
        help: "in a filtered help: scroll",
        hints: &[hint("↓/↑", "scroll", 10, HELP_FILTER)],
    },
    Binding {
        group: "Other",
        keymaps: HELP,
        keys: &[(plain('q'), Command::Close)],
        label: None,
        help: "close the help (so do ? and Esc)",
        hints: &[hint("q", "close", 30, HELP)],
    },
    Binding {
        group: "Other",
        keymaps: EVERYWHERE,
        keys: &[(ctrl('c'), Command::Quit)],
        label: None,
        help: "quit, from anywhere",
        hints: &[],
    },
    Binding {
        group: "Other",
        keymaps: EVERYWHERE,
        keys: &[(ctrl('z'), Command::Suspend)],
        label: None,
        help: "suspend to the shell; fg brings c34 back",
        hints: &[],
    },
];

/// The hint the status bar shows while the mouse is left to the terminal (`M` takes it back).
pub const MOUSE_OFF_HINT: (&str, &str) = ("M", "mouse off");

/// The hint the status bar adds while the reader highlights search hits.
pub const CLEAR_HITS_HINT: (&str, &str) = ("Esc", "clear hits");

/// The command bound to `key` in `keymap`, if any.
pub fn lookup(key: Key, keymap: Keymap) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|binding| binding.keymaps.contains(&keymap))
        .flat_map(|binding| binding.keys.iter())
        .find(|(bound, _)| *bound == key)
        .map(|&(_, command)| command)
}

/// The status-bar hints for `keymap` with `focus`, most useful first.
pub fn hints(keymap: Keymap, focus: Pane) -> Vec<(&'static str, &'static str)> {
    let mut found: Vec<&Hint> = BINDINGS
        .iter()
        .flat_map(|binding| binding.hints.iter())
        .filter(|hint| hint.keymaps.contains(&keymap))
        .filter(|hint| {
            keymap != Keymap::Normal || hint.panes.is_empty() || hint.panes.contains(&focus)
        })
        .collect();
    found.sort_by_key(|hint| hint.rank);
    found.iter().map(|hint| (hint.keys, hint.text)).collect()
}

/// The keys of a binding as the help shows them.
pub fn keys_label(binding: &Binding) -> String {
    if let Some(label) = binding.label {
        return label.to_string();
    }
    let mut labels: Vec<String> = Vec::new();
    for (key, _) in binding.keys {
        let label = key.label();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(" ")
}

/// One line of the help text, before styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Group(&'static str),
    /// Keys padded to a common width, then what they do, on one line.
    Binding {
        keys: String,
        help: &'static str,
    },
    /// The keys alone, on narrow screens; their description follows as [`HelpLine::Text`].
    Keys(String),
    Text(String),
}

/// The help text for a box `width` cells wide: a heading per group ([`START_HERE`] first),
/// then each binding on one line, or on two (keys, then the wrapped description) when the keys
/// are long or the box is narrow.
pub fn help_lines(width: usize) -> Vec<HelpLine> {
    filtered_help_lines(width, "")
}

/// Whether a help entry (its keys and what they do) matches what was typed in the help: every
/// word of `filter` is in it, ignoring case.
fn help_matches(keys: &str, help: &str, filter: &str) -> bool {
    let text = format!("{keys} {help}").to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|word| text.contains(word))
}

/// [`help_lines`] with only the entries that match `filter` (all of them when it is blank),
/// each under its group's heading, as a command palette narrows as one types.
pub fn filtered_help_lines(width: usize, filter: &str) -> Vec<HelpLine> {
    let mut entries: Vec<(&'static str, String, &'static str)> = BINDINGS
        .iter()
        .map(|binding| (binding.group, keys_label(binding), binding.help))
        .filter(|(_, keys, help)| help_matches(keys, help, filter))
        .collect();
    // Bindings that differ only in their keymaps (Enter in each prompt) are one line.
    entries.dedup();
    // Keys wider than the column get a line of their own, and so do long descriptions.
    let keys_width = entries
        .iter()
        .map(|(_, keys, _)| self::width(keys))
        .filter(|&cells| cells <= HELP_KEYS_COLUMN)
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    let mut group = "";
    for (entry_group, keys, help) in entries {
        if entry_group != group {
            if !group.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Group(entry_group));
            group = entry_group;
        }
        let one_line =
            self::width(&keys) <= keys_width && 3 + keys_width + 2 + self::width(help) <= width;
        if one_line {
            lines.push(HelpLine::Binding {
                keys: fit(&keys, keys_width),
                help,
            });
            continue;
        }
        lines.push(HelpLine::Keys(keys));
        let indent = HELP_INDENT;
        for range in wrap(help, width.saturating_sub(indent.len())) {
            lines.push(HelpLine::Text(format!("{indent}{}", &help[range])));
        }
    }
    lines
}

/// The widest keys that share the help's key column.
const HELP_KEYS_COLUMN: usize = 16;

/// The indent of a wrapped description under its keys.
pub const HELP_INDENT: &str = "     ";

/// How many lines [`help_lines`] makes at `width`: computed once per width, since the layout
/// asks on every key while the help is open.
pub fn help_line_count(width: usize) -> usize {
    static COUNTS: OnceLock<Vec<usize>> = OnceLock::new();
    let counts = COUNTS.get_or_init(|| {
        (0..=usize::from(HELP_MAX_WIDTH))
            .map(|w| help_lines(w).len())
            .collect()
    });
    counts
        .get(width)
        .copied()
        .unwrap_or_else(|| help_lines(width).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once_per_mode() {
        for keymap in Keymap::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.keymaps.contains(&keymap)) {
                for (key, _) in binding.keys {
                    assert!(
                        !seen.contains(key),
                        "{} bound twice in {keymap:?}",
                        key.label()
                    );
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn the_help_count_is_the_help_length() {
        for width in [0, 10, 40, 68, 69, 70, 200] {
            assert_eq!(help_line_count(width), help_lines(width).len(), "{width}");
        }
    }
}
