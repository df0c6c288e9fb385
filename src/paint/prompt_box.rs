//! The box the search, the mission picker and the note editor share: a frame with a title and
//! a position, a query line with a cursor and a count, a rule, and a list to choose from (or
//! lines of hint). Where each part goes is [`crate::layout::PromptBox`]: centred over the
//! panes; on screens narrower than [`crate::layout::OVERLAY_FULL_SCREEN_BELOW`] everything above
//! the status bar, which keeps showing the keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Theme, clip, row, width};
use crate::layout::PromptBox;
use crate::sanitize::SafeText;
use crate::text::tail;

/// Clears the box and draws its frame, titled, with `position` (e.g. `3/19`) at the bottom.
/// The title may name data (a report's symbol), so it is [`SafeText`].
pub fn render_frame(
    frame: &mut Frame,
    parts: &PromptBox,
    title: &SafeText,
    position: Option<String>,
    theme: &Theme,
) {
    frame.render_widget(Clear, parts.frame);
    let mut block = theme.block(true).title(format!(" {} ", title.one_line()));
    if let Some(position) = position {
        block = block.title_bottom(Line::from(format!(" {position} ")).right_aligned());
    }
    frame.render_widget(block, parts.frame);
    if !parts.rule.is_empty() {
        let rule = "─".repeat(usize::from(parts.rule.width));
        frame.render_widget(Line::styled(rule, theme.muted()), parts.rule);
    }
}

/// The query line: `label` (a constant), the prompt's text (`text`, made safe from what was
/// typed, the cursor `cursor` characters into it) with the cursor where it is (the text scrolls sideways to keep the cursor in view), and
/// `count` at the right when there is room.
pub fn render_query(
    frame: &mut Frame,
    rect: Rect,
    label: &str,
    (text, cursor): (&SafeText, usize),
    count: &str,
    theme: &Theme,
) {
    if rect.is_empty() {
        return;
    }
    let cells = usize::from(rect.width);
    let count = Some(Span::styled(count.to_string(), theme.muted())).filter(|s| s.width() > 0);
    // Room for the label, the text and the cursor cell, beside the count.
    let count_width = count.as_ref().map_or(0, |s| s.width() + 1);
    let room = cells
        .saturating_sub(count_width)
        .saturating_sub(width(label) + 1);
    let (shown, cursor) = visible_text(text, cursor, room);
    let line = row(
        vec![
            Span::styled(label.to_string(), theme.key()),
            Span::styled(shown, theme.plain()),
        ],
        count,
        cells,
    );
    frame.render_widget(line, rect);
    if let Ok(x) = u16::try_from(width(label) + cursor)
        && x < rect.width
    {
        frame.set_cursor_position(Position::new(rect.x + x, rect.y));
    }
}

/// The part of a prompt's text (`value`, the cursor `cursor` characters into it) shown in
/// `room` cells, on one line, and the cursor's cell in it: all of it when it fits; else from
/// the start while the cursor is in view; else the text up to the cursor, its start cut.
///
/// ```
/// use c34::sanitize::SafeText;
/// let typed = SafeText::line("mali\u{1b}[2J");
/// let (shown, cursor) = c34::paint::prompt_box::visible_text(&typed, 4, 20);
/// assert_eq!((shown.as_str(), cursor), ("mali\u{241b}[2J", 4));
/// ```
///
/// What was typed is drawn only once it is [`SafeText`]: a `&str` is refused.
///
/// ```compile_fail,E0308
/// c34::paint::prompt_box::visible_text("mali\u{1b}[2J", 4, 20);
/// ```
pub fn visible_text(value: &SafeText, cursor: usize, room: usize) -> (String, usize) {
    // On one line every character keeps its bytes (a newline or a tab becomes one space).
    let value = value.one_line();
    let split = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(byte, _)| byte);
    let (before, after) = value.split_at(split);
    let (before_width, after_width) = (width(before), width(after));
    if before_width + after_width <= room {
        return (value.into_owned(), before_width);
    }
    if before_width < room {
        return (clip(&value, room), before_width);
    }
    let shown = tail(before, room);
    let cursor = width(&shown);
    (shown, cursor)
}

/// Lines of muted text (a hint, the query syntax, "no match"), each clipped to `rect`, drawn
/// from its top.
pub fn render_hint(frame: &mut Frame, rect: Rect, lines: &[Line<'static>]) {
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
    use crate::app::{Edit, Prompt};

    /// What the query line shows of `prompt` in `room` cells.
    fn visible(prompt: &Prompt, room: usize) -> (String, usize) {
        visible_text(&SafeText::line(prompt.value()), prompt.cursor(), room)
    }

    #[test]
    fn the_cursor_stays_in_view() {
        let mut prompt = Prompt::from("peacekeeping intelligence");
        assert_eq!(
            visible(&prompt, 40),
            ("peacekeeping intelligence".into(), 25)
        );
        assert_eq!(visible(&prompt, 10), ("…elligence".into(), 10));
        prompt.edit(Edit::Home, 200, |_| true);
        assert_eq!(visible(&prompt, 10), ("peacekeep…".into(), 0));
        for _ in 0..4 {
            prompt.edit(Edit::Right, 200, |_| true);
        }
        assert_eq!(visible(&prompt, 10).1, 4);
    }
}
