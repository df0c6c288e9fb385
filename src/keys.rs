//! Terminal events become commands: keys through the one table in [`crate::bindings`], the
//! mouse and resizes here. Pure, so the bindings are tested without a terminal.
//!
//! In a prompt every printable key is text: only the keys the table binds there (arrows,
//! Ctrl and Alt chords, Enter, Backspace, Esc) do something else.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::bindings::{self, Key};
use crate::command::{Command, Edit, Mode};

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
pub fn key_command(event: KeyEvent, mode: Mode) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character (`G`, `?`, `:`); only Ctrl and Alt make a chord.
    let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let key = Key {
        code: event.code,
        modifiers,
    };
    if let Some(command) = bindings::lookup(key, mode) {
        return Some(command);
    }
    match (event.code, mode) {
        (KeyCode::Char(c), Mode::Jump) if modifiers.is_empty() && c.is_ascii_digit() => {
            Some(Command::Edit(Edit::Insert(c)))
        }
        (KeyCode::Char(c), Mode::Search | Mode::Missions | Mode::Note) if modifiers.is_empty() => {
            Some(Command::Edit(Edit::Insert(c)))
        }
        _ => None,
    }
}

/// The command for a mouse event in `mode`.
pub fn mouse_command(mouse: MouseEvent, mode: Mode) -> Option<Command> {
    let (column, row) = (mouse.column, mouse.row);
    if matches!(mode, Mode::Jump | Mode::Note) {
        return None;
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Command::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Command::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Command::WheelUp { column, row }),
        _ => None,
    }
}
