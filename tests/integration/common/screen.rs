#![allow(dead_code)] // each test file uses its own part of the helpers

//! Frames drawn on a `TestBackend`, and their text.

use c34::app::App;
use c34::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// One frame of `app` at its own size.
pub(crate) fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height))
        .expect("a test backend always opens");
    terminal
        .draw(|frame| ui::render(frame, app))
        .expect("a test backend always draws");
    terminal
}

pub(crate) fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
