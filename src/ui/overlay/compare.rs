//! The `c` overlay: the word diff of the open response and its counterparts in the other
//! reports, scrolled. Text only the open response has is struck out, text only the other has
//! underlined (and red and green with colour); both keep their `[- -]` and `{+ +}` marks, so
//! the difference reads without colour and without those attributes.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use crate::app::Context;
use crate::app::overlay::CompareView;
use crate::app::overlay::compare::{CompareLine, compare_box};
use crate::series::compare::Op;
use crate::ui::{Theme, overlay};

pub fn render(frame: &mut Frame, view: &CompareView, context: &Context, theme: &Theme) {
    let parts = compare_box(context.area);
    if parts.frame.is_empty() {
        return;
    }
    let lines = view.lines();
    let rows = usize::from(parts.list.height);
    let position = (lines.len() > rows).then(|| {
        let last = (view.scroll() + rows).min(lines.len());
        format!("{}–{last}/{}", view.scroll() + 1, lines.len())
    });
    overlay::render_frame(frame, &parts, &view.title(), position, theme);
    frame.render_widget(
        Line::styled(" j/k scroll · Esc closes", theme.muted()),
        parts.query,
    );
    let buffer = frame.buffer_mut();
    let shown = lines.iter().skip(view.scroll()).take(rows);
    for (line, y) in shown.zip(parts.list.y..parts.list.bottom()) {
        let line = match line {
            CompareLine::Heading(text) => Line::styled(text.clone(), theme.heading()),
            CompareLine::Legend(text) => Line::styled(text.clone(), theme.muted()),
            CompareLine::Blank => Line::default(),
            CompareLine::Text(pieces) => Line::from(
                pieces
                    .iter()
                    .map(|(text, op)| {
                        let style = match op {
                            Op::Equal => theme.plain(),
                            Op::Insert => theme.diff_insert(),
                            Op::Delete => theme.diff_delete(),
                        };
                        Span::styled(text.clone(), style)
                    })
                    .collect::<Vec<_>>(),
            ),
        };
        buffer.set_line(parts.list.x, y, &line, parts.list.width);
    }
}
