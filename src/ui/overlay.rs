//! The box the search and the mission picker share: a query line with a cursor and a count, a
//! rule, and a list to choose from. Centred over the panes; on screens narrower than
//! [`FULL_SCREEN_BELOW`] it takes everything above the status bar, which keeps showing the keys.

use ratatui::Frame;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, row, width};
use crate::sanitize::for_line;
use crate::text::tail;

/// Below this width the box covers the whole screen above the status bar.
pub const FULL_SCREEN_BELOW: u16 = 60;

/// Where the parts of the box go; all empty when the screen has no room for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts {
    /// The box, borders included.
    pub frame: Rect,
    pub query: Rect,
    pub rule: Rect,
    /// The rows of results.
    pub list: Rect,
}

/// The parts of a box at most `max_width` cells wide and `wanted_height` rows tall on a screen
/// of `area` (the last row is the status bar's).
pub fn parts(area: Rect, max_width: u16, wanted_height: u16) -> Parts {
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        return Parts::default();
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let frame = if body.width < FULL_SCREEN_BELOW {
        body
    } else {
        let width = (body.width - 4).min(max_width);
        let height = body.height.saturating_sub(2).min(wanted_height);
        Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        }
    };
    let inner = frame.inner(Margin::new(1, 1));
    if inner.is_empty() {
        return Parts {
            frame,
            ..Parts::default()
        };
    }
    let query = Rect { height: 1, ..inner };
    let mut list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let mut rule = Rect::default();
    if list.height >= 3 {
        rule = Rect { height: 1, ..list };
        list.y += 1;
        list.height -= 1;
    }
    Parts {
        frame,
        query,
        rule,
        list,
    }
}

/// Clears the box and draws its frame, titled, with `position` (e.g. `3/19`) at the bottom.
pub fn render_frame(
    frame: &mut Frame,
    parts: &Parts,
    title: &str,
    position: Option<String>,
    theme: &Theme,
) {
    frame.render_widget(Clear, parts.frame);
    let mut block = theme.block(true).title(format!(" {title} "));
    if let Some(position) = position {
        block = block.title_bottom(Line::from(format!(" {position} ")).right_aligned());
    }
    frame.render_widget(block, parts.frame);
    if !parts.rule.is_empty() {
        let rule = "─".repeat(usize::from(parts.rule.width));
        frame.render_widget(Line::styled(rule, theme.muted()), parts.rule);
    }
}

/// The query line: `prompt`, the query (its end in view when it is long) and the cursor after
/// it; `count` at the right when there is room. A `replaceable` query is shown selected.
pub fn render_query(
    frame: &mut Frame,
    rect: Rect,
    prompt: &str,
    query: &str,
    replaceable: bool,
    count: &str,
    theme: &Theme,
) {
    if rect.is_empty() {
        return;
    }
    let cells = usize::from(rect.width);
    let count = Some(Span::styled(count.to_string(), theme.muted())).filter(|s| s.width() > 0);
    // Room for the prompt, the query and the cursor cell, beside the count.
    let count_width = count.as_ref().map_or(0, |s| s.width() + 1);
    let room = cells
        .saturating_sub(count_width)
        .saturating_sub(width(prompt) + 1);
    let query = for_line(query);
    let shown = tail(&query, room);
    let style = if replaceable {
        theme.replaceable()
    } else {
        theme.plain()
    };
    let cursor = width(prompt) + width(&shown);
    let line = row(
        vec![
            Span::styled(prompt.to_string(), theme.key()),
            Span::styled(shown, style),
        ],
        count,
        cells,
    );
    frame.render_widget(line, rect);
    if let Ok(x) = u16::try_from(cursor)
        && x < rect.width
    {
        frame.set_cursor_position(Position::new(rect.x + x, rect.y));
    }
}

/// Lines of muted text, each clipped to `rect`, drawn from its top.
pub fn render_note(frame: &mut Frame, rect: Rect, lines: &[Line<'static>]) {
    for (line, y) in lines.iter().zip(rect.y..rect.bottom()) {
        let cells = usize::from(rect.width);
        let clipped = row(line.spans.clone(), None, cells).style(line.style);
        frame.render_widget(
            clipped,
            Rect {
                y,
                height: 1,
                ..rect
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_is_centred_or_full_screen() {
        let wide = parts(Rect::new(0, 0, 120, 40), 100, u16::MAX);
        assert_eq!(wide.frame, Rect::new(10, 1, 100, 37));
        assert_eq!(wide.query.y, 2);
        assert_eq!(wide.list.y, 4);
        let narrow = parts(Rect::new(0, 0, 50, 16), 100, u16::MAX);
        assert_eq!(
            narrow.frame,
            Rect::new(0, 0, 50, 15),
            "all but the status bar"
        );
        let short = parts(Rect::new(0, 0, 120, 40), 100, 10);
        assert_eq!(short.frame.height, 10);
        assert_eq!(parts(Rect::new(0, 0, 1, 1), 100, 10), Parts::default());
        assert_eq!(parts(Rect::new(0, 0, 30, 6), 100, 10).list.height, 2);
    }
}
