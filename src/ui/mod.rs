//! Rendering, one file per pane or overlay. The panes read `&App`; each overlay is drawn from
//! itself and the read-only [`Context`] the state gives it. Everything is drawn inside the
//! rectangles [`crate::layout`] gives (the state uses the same ones, so scrolling and mouse
//! hit-testing agree with what is drawn). Nothing here changes state.

pub mod links;
pub mod list;
pub mod marks;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod theme;
pub mod title;
pub mod tree;

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{App, Context};
use crate::sanitize::SafeText;
pub use crate::text::{clip, fit, map_ranges, width};
pub use theme::Theme;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let screen = app.screen_in(area);
    let theme = Theme::new(app.color());
    if screen.too_small() {
        status::render_too_small(frame, area, &theme);
        return;
    }
    if let Some(rect) = screen.title {
        title::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.tree {
        tree::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.list {
        list::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.reader {
        reader::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.status {
        status::render(frame, rect, app, &theme);
    }
    if app.hyperlinks() && app.overlay().is_none() {
        let references = app.references();
        if let Some(rect) = screen.reader {
            let urls: Vec<(String, String)> = references
                .iter()
                .map(|reference| (reference.link.clone(), reference.link.clone()))
                .collect();
            links::link_texts(frame.buffer_mut(), rect, &urls);
        }
        if let Some(rect) = screen.tree {
            let symbols: Vec<(String, String)> = references
                .iter()
                .map(|reference| {
                    let symbol = reference.symbol.one_line().into_owned();
                    (symbol, reference.link.clone())
                })
                .collect();
            links::link_texts(frame.buffer_mut(), rect, &symbols);
        }
    }
    if let Some(overlay) = app.overlay() {
        let context = Context {
            area,
            ..app.context()
        };
        overlay::render(frame, overlay, &context, theme);
    }
}

/// `text` as spans: the byte `ranges` (sorted, disjoint) in `base` patched with `mark`, the
/// rest in `base`.
pub fn marked_spans(
    text: &str,
    ranges: &[Range<usize>],
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
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

/// `text` as spans with the characters at `chars` (sorted character indices) in `mark`.
/// A span of text from data (the dataset, a note, the history, a query): it takes only
/// [`SafeText`], so text that was not made safe cannot be drawn through it, and it is put on
/// one line (newlines and tabs become spaces).
///
/// ```
/// use c34::sanitize::SafeText;
/// use ratatui::style::Style;
/// let title = SafeText::new("retitled\u{1b}]0;x\u{7}");
/// assert_eq!(c34::ui::safe_span(&title, Style::default()).content, "retitled\u{241b}]0;x\u{2407}");
/// ```
///
/// A plain string is refused at compile time:
///
/// ```compile_fail,E0308
/// use ratatui::style::Style;
/// let raw = String::from("retitled\u{1b}]0;x\u{7}");
/// c34::ui::safe_span(&raw, Style::default());
/// ```
pub fn safe_span(text: &SafeText, style: Style) -> Span<'static> {
    Span::styled(text.one_line().into_owned(), style)
}

pub fn char_spans(text: &str, chars: &[usize], base: Style, mark: Style) -> Vec<Span<'static>> {
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
