//! What drawing is made of, below both the panes ([`crate::ui`]) and the overlays, which draw
//! themselves ([`crate::app::overlay`]): the [`Theme`], rows of exactly so many cells, spans
//! with marked characters, the `★` `✎` marks, and the box the search, the mission picker and
//! the note editor share ([`prompt_box`]). It knows neither the app nor the panes, so the state
//! can draw its overlays and still never import [`crate::ui`].

pub mod marks;
pub mod prompt_box;
pub mod theme;

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::sanitize::SafeText;
pub use crate::text::{clip, fit, map_ranges, width};
pub use theme::Theme;

/// `text` as spans, on one line: the byte `ranges` (sorted, disjoint) in `base` patched with
/// `mark`, the rest in `base`. It takes only [`SafeText`], as [`safe_span`] does (putting the
/// text on one line keeps every byte offset: a newline or a tab becomes one space).
///
/// ```
/// use c34::sanitize::SafeText;
/// use ratatui::style::{Style, Stylize};
/// let text = SafeText::new("find\u{1b} Mali");
/// let spans = c34::paint::marked_spans(&text, &[8..12], Style::new(), Style::new().bold());
/// assert_eq!(spans[0].content, "find\u{241b} ");
/// assert_eq!(spans[1].content, "Mali");
/// ```
///
/// A plain string is refused at compile time, borrowed or owned:
///
/// ```compile_fail,E0308
/// use ratatui::style::Style;
/// c34::paint::marked_spans("find\u{1b}]0;x\u{7}", &[0..4], Style::new(), Style::new());
/// ```
///
/// ```compile_fail,E0308
/// use ratatui::style::Style;
/// let raw = String::from("find\u{1b}]0;x\u{7}");
/// c34::paint::marked_spans(&raw, &[0..4], Style::new(), Style::new());
/// ```
pub fn marked_spans(
    text: &SafeText,
    ranges: &[Range<usize>],
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let text = text.one_line();
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            spans.push(Span::styled(before.to_string(), base));
        }
        spans.push(Span::styled(marked.to_string(), base.patch(mark)));
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
        spans.push(Span::styled(rest.to_string(), base));
    }
    spans
}

/// A span of text from data (the dataset, a note, the history, a query): it takes only
/// [`SafeText`], so text that was not made safe cannot be drawn through it, and it is put on
/// one line (newlines and tabs become spaces).
///
/// ```
/// use c34::sanitize::SafeText;
/// use ratatui::style::Style;
/// let title = SafeText::new("retitled\u{1b}]0;x\u{7}");
/// assert_eq!(c34::paint::safe_span(&title, Style::default()).content, "retitled\u{241b}]0;x\u{2407}");
/// ```
///
/// A plain string is refused at compile time:
///
/// ```compile_fail,E0308
/// use ratatui::style::Style;
/// let raw = String::from("retitled\u{1b}]0;x\u{7}");
/// c34::paint::safe_span(&raw, Style::default());
/// ```
pub fn safe_span(text: &SafeText, style: Style) -> Span<'static> {
    Span::styled(text.one_line().into_owned(), style)
}

/// `text` as spans, on one line, with the characters at `chars` (sorted character indices) in
/// `mark`: [`marked_spans`] by characters, and like it, for [`SafeText`] only.
///
/// ```
/// use c34::sanitize::SafeText;
/// use ratatui::style::{Style, Stylize};
/// let acronym = SafeText::new("UN\u{7}MISS");
/// let spans = c34::paint::char_spans(&acronym, &[2, 3], Style::new(), Style::new().bold());
/// assert_eq!(spans[1].content, "\u{2407}M");
/// ```
///
/// ```compile_fail,E0308
/// use ratatui::style::Style;
/// c34::paint::char_spans("UN\u{1b}[2J", &[0, 1], Style::new(), Style::new());
/// ```
pub fn char_spans(
    text: &SafeText,
    chars: &[usize],
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut wanted = chars.iter().peekable();
    for (index, (byte, c)) in text.char_indices().enumerate() {
        while wanted.next_if(|&&i| i < index).is_some() {}
        if wanted.next_if(|&&i| i == index).is_none() {
            continue;
        }
        let end = byte + c.len_utf8();
        match ranges.last_mut() {
            Some(last) if last.end == byte => last.end = end,
            _ => ranges.push(byte..end),
        }
    }
    marked_spans(text, &ranges, base, mark)
}

/// A line of text from data in `style` (a hint that quotes a query, a heading that names a
/// report): [`safe_span`] as a whole line, on one line.
pub fn safe_line(text: &SafeText, style: Style) -> Line<'static> {
    Line::styled(text.one_line().into_owned(), style)
}

/// Draws a scrolled list down `area`, a row each: `rows` gives the line of item `index` for
/// every index from `offset` on (only as many as fit are asked for), and item `selected` is
/// highlighted. The pickers (missions, reports) draw their lists with it.
pub fn list_rows(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    (offset, selected): (usize, usize),
    mut rows: impl FnMut(usize) -> Option<Line<'static>>,
    theme: &theme::Theme,
) {
    for (index, y) in (offset..).zip(area.y..area.bottom()) {
        let Some(mut line) = rows(index) else {
            break;
        };
        if index == selected {
            line = line.style(theme.selected(true));
        }
        frame.render_widget(
            line,
            ratatui::layout::Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

/// One row of exactly `cells` cells: `left` (clipped as needed), spaces, then `right` at the
/// right edge when there is room for it.
pub fn row(left: Vec<Span<'static>>, right: Option<Span<'static>>, cells: usize) -> Line<'static> {
    let right = right.filter(|span| span.width() + 1 < cells / 2 + 1);
    let right_width = right.as_ref().map_or(0, |span| span.width() + 1);
    let room = cells.saturating_sub(right_width);
    let mut spans = Vec::new();
    let mut used = 0;
    for span in left {
        if used >= room {
            break;
        }
        let content = clip(&span.content, room - used);
        used += width(&content);
        spans.push(Span::styled(content, span.style));
    }
    if let Some(right) = right {
        spans.push(Span::raw(" ".repeat(cells - used - right.width())));
        spans.push(right);
    }
    Line::from(spans)
}
