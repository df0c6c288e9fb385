//! Every key and mouse binding, in one table: an event and the current mode become a command.
//! Pure, so the bindings are tested without a terminal. The help overlay and the status bar
//! hints are written next to the table so they stay true.
//!
//! In the search and the mission picker every printable key is text: only arrows, Ctrl chords,
//! Enter, Backspace and Esc do something else.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Command, Mode, Pane};

/// The command for a terminal event in `mode`, if it has one.
pub fn command(event: &Event, mode: Mode) -> Option<Command> {
    match event {
        Event::Key(key) => key_command(*key, mode),
        Event::Mouse(mouse) => mouse_command(*mouse, mode),
        &Event::Resize(width, height) => Some(Command::Resize { width, height }),
        _ => None,
    }
}

/// The command for a key in `mode`.
pub fn key_command(key: KeyEvent, mode: Mode) -> Option<Command> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    if control {
        return match (key.code, mode) {
            (KeyCode::Char('c'), _) => Some(Command::Quit),
            (KeyCode::Char('d'), Mode::Normal | Mode::Help) => Some(Command::HalfPageDown),
            (KeyCode::Char('u'), Mode::Normal | Mode::Help) => Some(Command::HalfPageUp),
            (KeyCode::Char('n'), Mode::Search | Mode::Missions) => Some(Command::Down),
            (KeyCode::Char('p'), Mode::Search | Mode::Missions) => Some(Command::Up),
            (KeyCode::Char('u'), Mode::Search | Mode::Missions) => Some(Command::ClearInput),
            (KeyCode::Char('w'), Mode::Search | Mode::Missions) => Some(Command::DeleteWord),
            _ => None,
        };
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    match mode {
        Mode::Normal => normal_key(key.code),
        Mode::Help => help_key(key.code),
        Mode::Jump => jump_key(key.code),
        Mode::Search | Mode::Missions => query_key(key.code),
    }
}

fn normal_key(code: KeyCode) -> Option<Command> {
    Some(match code {
        KeyCode::Tab => Command::FocusNext,
        KeyCode::BackTab => Command::FocusPrevious,
        KeyCode::Char('h') | KeyCode::Left => Command::FocusLeft,
        KeyCode::Char('l') | KeyCode::Right => Command::FocusRight,
        KeyCode::Char('j') | KeyCode::Down => Command::Down,
        KeyCode::Char('k') | KeyCode::Up => Command::Up,
        KeyCode::Char('g') | KeyCode::Home => Command::Top,
        KeyCode::Char('G') | KeyCode::End => Command::Bottom,
        KeyCode::PageUp => Command::PageUp,
        KeyCode::PageDown => Command::PageDown,
        KeyCode::Enter => Command::Enter,
        KeyCode::Char(' ') => Command::Toggle,
        KeyCode::Char(']') => Command::NextRecommendation,
        KeyCode::Char('[') => Command::PreviousRecommendation,
        KeyCode::Char(':') => Command::OpenJump,
        KeyCode::Char('/') => Command::OpenSearch,
        KeyCode::Char('n') => Command::NextHit,
        KeyCode::Char('N') => Command::PreviousHit,
        KeyCode::Char('m') => Command::OpenMissions,
        KeyCode::Char('?') => Command::ToggleHelp,
        KeyCode::Esc => Command::Close,
        KeyCode::Char('q') => Command::Quit,
        _ => return None,
    })
}

fn help_key(code: KeyCode) -> Option<Command> {
    Some(match code {
        KeyCode::Esc | KeyCode::Char('?') => Command::Close,
        KeyCode::Char('q') => Command::Quit,
        KeyCode::Char('j') | KeyCode::Down => Command::Down,
        KeyCode::Char('k') | KeyCode::Up => Command::Up,
        KeyCode::Char('g') | KeyCode::Home => Command::Top,
        KeyCode::Char('G') | KeyCode::End => Command::Bottom,
        KeyCode::PageUp => Command::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Command::PageDown,
        _ => return None,
    })
}

fn jump_key(code: KeyCode) -> Option<Command> {
    Some(match code {
        KeyCode::Char(c) if c.is_ascii_digit() => Command::JumpInput(c),
        KeyCode::Backspace => Command::JumpBackspace,
        KeyCode::Enter => Command::SubmitJump,
        KeyCode::Esc => Command::Close,
        _ => return None,
    })
}

/// The search and the mission picker: a one-line editor over a list to choose from.
fn query_key(code: KeyCode) -> Option<Command> {
    Some(match code {
        KeyCode::Char(c) => Command::Input(c),
        KeyCode::Backspace => Command::Backspace,
        KeyCode::Down => Command::Down,
        KeyCode::Up => Command::Up,
        KeyCode::PageDown => Command::PageDown,
        KeyCode::PageUp => Command::PageUp,
        KeyCode::Enter => Command::Choose,
        KeyCode::Esc => Command::Close,
        _ => return None,
    })
}

/// The command for a mouse event in `mode`.
pub fn mouse_command(mouse: MouseEvent, mode: Mode) -> Option<Command> {
    let (column, row) = (mouse.column, mouse.row);
    if mode == Mode::Jump {
        return None;
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Command::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Command::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Command::WheelUp { column, row }),
        _ => None,
    }
}

/// The key table as the help overlay (and the README) shows it: groups of (keys, what they do).
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Move",
        &[
            ("Tab  Shift-Tab", "next / previous pane"),
            ("h l  ← →", "pane to the left / right"),
            ("j k  ↓ ↑", "move the selection; scroll the reader"),
            ("g G  Home End", "first / last; top / bottom of the text"),
            ("PgUp PgDn", "a page up / down"),
            ("Ctrl-u Ctrl-d", "half a page up / down"),
            ("[ ]", "previous / next recommendation, from any pane"),
        ],
    ),
    (
        "Open",
        &[
            ("Enter", "go right: section → list → reader"),
            ("Space", "expand or collapse (tree); page down (reader)"),
            (": 165 Enter", "jump to the response to ¶ 165"),
        ],
    ),
    (
        "Search",
        &[
            ("/", "search the responses, results as you type"),
            ("Ctrl-n Ctrl-p", "choose a result or a mission (also ↓ ↑)"),
            ("Enter", "open it; the reader shows every hit"),
            ("n N", "next / previous hit in the reader"),
            ("m", "pick a mission by acronym, name or place"),
            ("Ctrl-u Ctrl-w", "clear the query / delete a word"),
            ("'w ^w !w \"…\"", "exact word, prefix, without, phrase"),
        ],
    ),
    (
        "Mouse",
        &[
            ("click", "focus a pane and select a row"),
            ("click ▸", "expand or collapse a section"),
            ("click result", "select it; click again to open it"),
            ("wheel", "scroll the pane under the pointer"),
        ],
    ),
    (
        "Other",
        &[
            ("?", "this help (j k scroll it)"),
            ("Esc", "close an overlay; then clear the hits"),
            ("q  Ctrl-c", "quit"),
        ],
    ),
];

/// The hint the status bar adds while the reader highlights search hits.
pub const CLEAR_HITS_HINT: (&str, &str) = ("Esc", "clear hits");

/// The keys worth showing in the status bar for `mode` with `focus`, most useful first.
pub fn hints(mode: Mode, focus: Pane) -> &'static [(&'static str, &'static str)] {
    match (mode, focus) {
        (Mode::Help, _) => &[("j/k", "scroll"), ("Esc", "close"), ("q", "quit")],
        (Mode::Jump, _) => &[("0-9", "paragraph"), ("Enter", "go"), ("Esc", "cancel")],
        (Mode::Search, _) => &[
            ("↓/↑", "choose"),
            ("Enter", "open"),
            ("^U", "clear"),
            ("^W", "word"),
            ("Esc", "close"),
        ],
        (Mode::Missions, _) => &[
            ("↓/↑", "choose"),
            ("Enter", "list"),
            ("^U", "clear"),
            ("Esc", "close"),
        ],
        (Mode::Normal, Pane::Tree) => &[
            ("j/k", "move"),
            ("Space", "expand"),
            ("Enter", "open"),
            ("/", "search"),
            ("m", "missions"),
            ("Tab", "pane"),
            (":", "jump"),
            ("?", "help"),
            ("q", "quit"),
        ],
        (Mode::Normal, Pane::List) => &[
            ("j/k", "move"),
            ("Enter", "read"),
            ("/", "search"),
            ("m", "missions"),
            ("Tab", "pane"),
            (":", "jump"),
            ("?", "help"),
            ("q", "quit"),
        ],
        (Mode::Normal, Pane::Reader) => &[
            ("j/k", "scroll"),
            ("Space", "page"),
            ("[/]", "prev/next"),
            ("/", "search"),
            ("Tab", "pane"),
            (":", "jump"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}
