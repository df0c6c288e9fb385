#![allow(dead_code)] // each test file uses its own part of the helpers

//! Keys pressed through the key table and applied to the app state, with no terminal.

use c34::app::App;
use c34::dataset::Dataset;
use c34::keys;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

pub fn app_at(width: u16, height: u16) -> App {
    App::new(Dataset::embedded(), Size::new(width, height), true)
}

pub fn app() -> App {
    app_at(120, 40)
}

/// Presses a key through the key table; returns whether it was bound.
pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> bool {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    match keys::command(&event, app.mode()) {
        Some(command) => {
            app.update(command);
            true
        }
        None => false,
    }
}

pub fn press(app: &mut App, code: KeyCode) -> bool {
    press_with(app, code, KeyModifiers::NONE)
}

pub fn ch(app: &mut App, c: char) -> bool {
    press(app, KeyCode::Char(c))
}

pub fn ctrl(app: &mut App, c: char) -> bool {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            press(app, KeyCode::Enter);
        } else {
            ch(app, c);
        }
    }
}
