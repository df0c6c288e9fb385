//! The top line: the report's symbol and title, so the first screen reads as the report.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, row};
use crate::app::App;

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let document = &app.dataset().document;
    let line = row(
        vec![
            Span::styled(format!(" {}", document.symbol.one_line()), theme.title()),
            Span::raw(format!("  {}", document.title.one_line())),
        ],
        Some(Span::styled("? help ", theme.muted())),
        usize::from(rect.width),
    );
    frame.render_widget(line, rect);
}
