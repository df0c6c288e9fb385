#![allow(dead_code)] // each test file uses its own part of the helpers

//! Keys pressed through the key table and applied to the app state, with no terminal.

use c34::app::App;
use c34::dataset::Dataset;
use c34::keys;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

pub(crate) fn app_at(width: u16, height: u16) -> App {
    App::new(Dataset::embedded(), Size::new(width, height), true)
}

pub(crate) fn app() -> App {
    app_at(120, 40)
}

/// Presses a key through the key table; returns whether it was bound.
pub(crate) fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> bool {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    match keys::command(&event, app.keymap()) {
        Some(command) => {
            app.update(command);
            true
        }
        None => false,
    }
}

pub(crate) fn press(app: &mut App, code: KeyCode) -> bool {
    press_with(app, code, KeyModifiers::NONE)
}

pub(crate) fn ch(app: &mut App, c: char) -> bool {
    press(app, KeyCode::Char(c))
}

pub(crate) fn ctrl(app: &mut App, c: char) -> bool {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub(crate) fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            press(app, KeyCode::Enter);
        } else {
            ch(app, c);
        }
    }
}
