//! The right pane: the selected response, wrapped to the pane, with acronyms and document symbols
//! standing out, a scrollbar and a position indicator when it overflows. The text is laid out
//! by the state ([`crate::app::ReaderLayout`]); this only styles the lines in view.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, safe_span};
use crate::app::reader::{Mark, ReaderLayout, ReaderLine};
use crate::app::{App, Pane};
use crate::layout::reader_text_area;
use crate::sanitize::SafeText;

/// The reader's line `line` of `layout`, styled: the current hit (`current`, an index among the
/// response's hits) stands out from the others.
pub fn styled(
    layout: &ReaderLayout,
    line: &ReaderLine,
    current: Option<usize>,
    theme: Theme,
) -> Line<'static> {
    match line {
        ReaderLine::Heading(text) => Line::from(safe_span(text, theme.heading())),
        ReaderLine::Section(text) => Line::from(safe_span(text, theme.section())),
        ReaderLine::Blank => Line::default(),
        ReaderLine::Empty(text)
        | ReaderLine::Cites(text)
        | ReaderLine::Fold(text)
        | ReaderLine::Similar(text) => Line::from(safe_span(text, theme.muted())),
        ReaderLine::Annotation(text) => Line::from(safe_span(text, theme.note())),
        ReaderLine::Recommendation(text) => Line::from(safe_span(text, theme.recommendation())),
        ReaderLine::Remark(text) => {
            // The missions' acronyms stand out as they do in the text.
            let marks = crate::app::reader::highlights(text, &[]);
            styled_line(text, 0..text.len(), &marks, &[], theme.muted(), theme)
        }
        ReaderLine::Text { paragraph, range } => {
            let Some(paragraph) = layout.paragraphs.get(*paragraph) else {
                return Line::default();
            };
            let base = if layout.not_addressed {
                theme.not_addressed()
            } else {
                theme.plain()
            };
            let hits: Vec<(Range<usize>, Style)> = paragraph
                .hits
                .iter()
                .filter(|(hit, _)| hit.start < range.end && hit.end > range.start)
                .map(|(hit, index)| (hit.clone(), theme.hit(current == Some(*index))))
                .collect();
            styled_line(
                &paragraph.text,
                range.clone(),
                &paragraph.marks,
                &hits,
                base,
                theme,
            )
        }
    }
}

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Reader;
    let mut block = theme.block(focused);
    if let Some((_, recommendation)) = app.current() {
        let marks = super::marks::marks(app, recommendation.para);
        let marks = if marks.is_empty() {
            marks
        } else {
            format!("{marks} ")
        };
        block = block.title(format!(" ¶ {} {marks}", recommendation.para));
    }
    let Some(view) = reader_text_area(rect) else {
        frame.render_widget(block, rect);
        return;
    };
    let layout = &app.reader_layout();
    let total = layout.lines.len();
    let height = usize::from(view.height);
    let scroll = app.reader().scroll.min(total.saturating_sub(height));
    if total > height {
        let last = (scroll + height).min(total);
        block = block
            .title_bottom(Line::from(format!(" {}–{last}/{total} ", scroll + 1)).right_aligned());
    }
    frame.render_widget(block, rect);
    let current = app.hit_position().and_then(|(current, _)| current);
    let visible: Vec<Line> = layout.lines[scroll..(scroll + height).min(total)]
        .iter()
        .map(|line| styled(layout, line, current, *theme))
        .collect();
    // Lines are laid out to the view's width already: set them straight into the buffer,
    // without a paragraph's reflow, on every frame of a scroll.
    let buffer = frame.buffer_mut();
    for (line, y) in visible.iter().zip(view.y..view.bottom()) {
        buffer.set_line(view.x, y, line, view.width);
    }
    if total > height {
        let track = rect.inner(Margin::new(0, 1));
        let track = Rect {
            x: track.right().saturating_sub(1),
            width: 1,
            ..track
        };
        let mut state = ScrollbarState::new(total - height + 1)
            .position(scroll)
            .viewport_content_length(height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some(if focused { "┃" } else { "│" }))
                .track_style(theme.block_border(focused))
                .thumb_symbol("█")
                .thumb_style(theme.scrollbar_thumb()),
            track,
            &mut state,
        );
    }
}

/// One wrapped line of `text` as spans: acronyms and symbols over `base`, search hits over
/// those. It takes only safe text, as [`safe_span`] does.
fn styled_line(
    text: &SafeText,
    range: Range<usize>,
    marks: &[(Range<usize>, Mark)],
    hits: &[(Range<usize>, Style)],
    base: Style,
    theme: Theme,
) -> Line<'static> {
    let mark_style = |kind: &Mark| match kind {
        Mark::Acronym => theme.acronym(),
        Mark::Symbol => theme.symbol(),
        Mark::Cited => theme.symbol().patch(theme.hit(false)),
    };
    let layers = marks
        .iter()
        .map(|(r, kind)| (r, mark_style(kind)))
        .chain(hits.iter().map(|(r, style)| (r, *style)));
    // Cut the line wherever a highlight starts or ends; each piece gets every style over it.
    let mut cuts = vec![range.start, range.end];
    for (r, _) in layers.clone() {
        for at in [r.start, r.end] {
            if at > range.start && at < range.end && text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .filter_map(|pair| {
            let (start, end) = (pair[0], pair[1]);
            let style = layers
                .clone()
                .filter(|(r, _)| r.start <= start && r.end >= end)
                .fold(base, |style, (_, layer)| style.patch(layer));
            Some(Span::styled(text.get(start..end)?.to_string(), style))
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_survive_line_breaks() {
        let text = SafeText::new("under resolution 2589 (2021) on crimes");
        let marks = crate::app::reader::highlights(&text, &[]);
        let theme = Theme::new(true);
        let lines: Vec<Line> = crate::text::wrap(&text, 12)
            .into_iter()
            .map(|range| styled_line(&text, range, &marks, &[], Style::new(), theme))
            .collect();
        let styled: String = lines
            .iter()
            .flat_map(|line| line.spans.iter())
            .filter(|span| span.style == theme.symbol())
            .map(|span| span.content.as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(styled, "resolution 2589 (2021)");
    }
}
