//! Terminal events become commands: keys through the one table in [`crate::bindings`], the
//! mouse and resizes here. Pure, so the bindings are tested without a terminal.
//!
//! In a prompt every printable key is text: only the keys the table binds there (arrows,
//! Ctrl and Alt chords, Enter, Backspace, Esc) do something else. Outside a prompt a key the
//! table does not bind becomes [`Command::UnknownKey`], so the status bar can say so.
//!
//! Most terminals send the same byte for `Ctrl-i` and `Tab`, and crossterm reports it as `Tab`
//! unless the kitty keyboard protocol is on (c34 does not ask for it): the table binds `Ctrl-i`
//! for the terminals that tell them apart, and `Alt-→` everywhere.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::bindings::{self, Key};
use crate::command::{Command, Edit, Keymap};

/// The command for a terminal event in `keymap`, if it has one.
pub fn command(event: &Event, keymap: Keymap) -> Option<Command> {
    match event {
        Event::Key(key) => key_command(*key, keymap).or_else(|| unknown_key(*key, keymap)),
        Event::Mouse(mouse) => mouse_command(*mouse, keymap),
        &Event::Resize(width, height) => Some(Command::Resize { width, height }),
        _ => None,
    }
}

/// The command for a key in `keymap`.
pub fn key_command(event: KeyEvent, keymap: Keymap) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character (`G`, `?`, `:`); only Ctrl and Alt make a chord.
    let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let key = Key {
        code: event.code,
        modifiers,
    };
    if let Some(command) = bindings::lookup(key, keymap) {
        return Some(command);
    }
    match event.code {
        KeyCode::Char(c) if modifiers.is_empty() && keymap.types(c) => {
            Some(Command::Edit(Edit::Insert(c)))
        }
        _ => None,
    }
}

/// A key press the table does not bind, outside a prompt (where it would be text): the status
/// bar says so. Modifier keys alone (reported with the kitty protocol) are not keys.
fn unknown_key(event: KeyEvent, keymap: Keymap) -> Option<Command> {
    let pressed = event.kind != KeyEventKind::Release;
    let outside_prompts = keymap.reports_unknown_keys();
    let a_key = !matches!(
        event.code,
        KeyCode::Modifier(_)
            | KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::NumLock
            | KeyCode::ScrollLock
    );
    (pressed && outside_prompts && a_key).then_some(Command::UnknownKey)
}

/// The command for a mouse event in `keymap`.
pub fn mouse_command(mouse: MouseEvent, keymap: Keymap) -> Option<Command> {
    let (column, row) = (mouse.column, mouse.row);
    if !keymap.takes_mouse() {
        return None;
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Command::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Command::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Command::WheelUp { column, row }),
        _ => None,
    }
}
