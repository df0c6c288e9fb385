//! The top line: the report's symbol and title, so the first screen reads as the report.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::{Theme, row, safe_span};
use crate::app::App;
use crate::safe_format;

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let document = &app.dataset().document;
    let line = row(
        vec![
            safe_span(&safe_format!(" {}", document.symbol), theme.title()),
            safe_span(&safe_format!("  {}", document.title), Style::default()),
        ],
        Some(Span::styled("? help ", theme.muted())),
        usize::from(rect.width),
    );
    frame.render_widget(line, rect);
}
