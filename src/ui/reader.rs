//! The right pane: the selected response, wrapped to the pane, with acronyms and document symbols
//! standing out, a scrollbar and a position indicator when it overflows.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Screen, Theme, clip};
use crate::app::{App, Pane};
use crate::dataset::{Mission, roman_value};
use crate::sanitize::{for_line, for_terminal};
use crate::text::wrap;

/// Where the text goes in the reader on `screen`.
pub fn viewport(screen: &Screen) -> Option<Rect> {
    screen.reader.and_then(text_area)
}

/// The longest line the reader wraps to: on wide screens longer lines are hard to follow.
pub const MAX_MEASURE: u16 = 90;

/// The text area of a reader pane: inside the borders, one cell of padding either side, at
/// most [`MAX_MEASURE`] cells wide.
pub fn text_area(pane: Rect) -> Option<Rect> {
    let area = super::inner(pane).inner(Margin::new(1, 0));
    Some(Rect {
        width: area.width.min(MAX_MEASURE),
        ..area
    })
    .filter(|r| !r.is_empty())
}

/// How many lines the current response takes at `width` cells.
pub fn line_count(app: &App, width: usize) -> usize {
    content(app, width, Theme::new(false)).len()
}

/// The reader's lines at `width` cells: a header (paragraph of the Special Committee's report
/// and section), a blank line, then the response's paragraphs separated by blank lines.
/// Search hits are highlighted.
pub fn content(app: &App, width: usize, theme: Theme) -> Vec<Line<'static>> {
    layout_text(app, width, theme).0
}

/// The line (as in [`content`]) each search hit of the reader's recommendation starts on.
pub fn hit_lines(app: &App, width: usize) -> Vec<usize> {
    layout_text(app, width, Theme::new(false)).1
}

/// The reader's lines, and the line of each search hit.
fn layout_text(app: &App, width: usize, theme: Theme) -> (Vec<Line<'static>>, Vec<usize>) {
    let width = width.max(1);
    let mut hit_lines = Vec::new();
    let Some((location, recommendation)) = app.current() else {
        let empty = Line::styled(clip("No recommendations to show.", width), theme.muted());
        return (vec![empty], hit_lines);
    };
    let hit = app.hit_here();
    let current = app.hit_position().and_then(|(current, _)| current);
    let dataset = &app.dataset;
    let mut lines = Vec::new();
    let header = format!(
        "¶ {} of {}",
        recommendation.para,
        for_line(&dataset.document.responds_to)
    );
    for range in wrap(&header, width) {
        lines.push(Line::styled(header[range].to_string(), theme.heading()));
    }
    if let Some(section) = dataset.sections.get(location.section) {
        let heading = for_line(&section.heading()).into_owned();
        for range in wrap(&heading, width) {
            lines.push(Line::styled(heading[range].to_string(), theme.section()));
        }
    }
    let base = if recommendation.is_not_addressed() {
        theme.not_addressed()
    } else {
        theme.plain()
    };
    let mut hit_index = 0;
    for (index, paragraph) in recommendation.paragraphs.iter().enumerate() {
        lines.push(Line::default());
        let text = readable(paragraph);
        let marks = highlights(&text, &dataset.missions);
        // This paragraph's hits on the safe text, each styled as current or not.
        let raw: Vec<_> = hit
            .iter()
            .flat_map(|hit| hit.highlights.iter())
            .filter(|highlight| highlight.paragraph == index)
            .map(|highlight| highlight.range.clone())
            .collect();
        let found: Vec<(Range<usize>, Style)> = super::map_ranges(paragraph, &text, &raw)
            .into_iter()
            .enumerate()
            .map(|(i, range)| (range, theme.hit(current == Some(hit_index + i))))
            .collect();
        hit_index += raw.len();
        let ranges = wrap(&text, width);
        for (range, _) in &found {
            let line = ranges
                .iter()
                .position(|line| range.start < line.end)
                .unwrap_or(ranges.len().saturating_sub(1));
            hit_lines.push(lines.len() + line);
        }
        for range in ranges {
            lines.push(styled_line(&text, range, &marks, &found, base, theme));
        }
    }
    (lines, hit_lines)
}

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Reader;
    let mut block = theme.block(focused);
    if let Some((_, recommendation)) = app.current() {
        block = block.title(format!(" ¶ {} ", recommendation.para));
    }
    let Some(view) = text_area(rect) else {
        frame.render_widget(block, rect);
        return;
    };
    let lines = content(app, usize::from(view.width), *theme);
    let total = lines.len();
    let height = usize::from(view.height);
    let scroll = app.reader.scroll.min(total.saturating_sub(height));
    if total > height {
        let last = (scroll + height).min(total);
        block = block
            .title_bottom(Line::from(format!(" {}–{last}/{total} ", scroll + 1)).right_aligned());
    }
    frame.render_widget(block, rect);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), view);
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

/// A paragraph as it may be drawn: unsafe characters made visible, tabs as spaces.
fn readable(paragraph: &str) -> Cow<'_, str> {
    match for_terminal(paragraph) {
        Cow::Borrowed(text) if !text.contains('\t') => Cow::Borrowed(text),
        text => Cow::Owned(text.replace('\t', " ")),
    }
}

/// What a highlighted stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A mission or other acronym (MINUSMA, UNMISS, ECOWAS).
    Acronym,
    /// A document symbol (A/75/19, S/PRST/2021/11) or a numbered resolution.
    Symbol,
}

/// The stretches of `text` to make stand out, in order and not overlapping.
pub fn highlights(text: &str, missions: &[Mission]) -> Vec<(Range<usize>, Mark)> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1]));
        if !at_word_start {
            i += 1;
            continue;
        }
        if let Some(end) = symbol_at(text, i).or_else(|| resolution_at(text, i)) {
            marks.push((i..end, Mark::Symbol));
            i = end;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| is_word(b)).count();
        let word = &text[i..end];
        if is_acronym(word, missions) {
            marks.push((i..end, Mark::Acronym));
        }
        i = end;
    }
    marks
}

/// All capitals, four letters or more (not a roman numeral), or a mission's acronym.
fn is_acronym(word: &str, missions: &[Mission]) -> bool {
    let all_caps = word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && roman_value(word).is_none();
    all_caps || missions.iter().any(|mission| mission.acronym == word)
}

/// The end of a document symbol starting at `start`: `A/`, `S/`, `E/` or `ST/`, then letters,
/// digits, dots, slashes and hyphens, with at least one digit.
fn symbol_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let prefix = ["ST/", "A/", "S/", "E/"]
        .into_iter()
        .find(|prefix| rest.starts_with(prefix))?;
    let body = rest[prefix.len()..]
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-'))
        .count();
    let mut symbol = &rest[..prefix.len() + body];
    // A sentence's full stop or a trailing separator is not part of the symbol.
    symbol = symbol.trim_end_matches(['.', '/', '-']);
    let has_digit = symbol[prefix.len()..].bytes().any(|b| b.is_ascii_digit());
    has_digit.then_some(start + symbol.len())
}

/// The end of `resolution 2589 (2021)` or `resolution 72/262 C` starting at `start`.
fn resolution_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let word = ["resolutions ", "Resolutions ", "resolution ", "Resolution "]
        .into_iter()
        .find(|word| rest.starts_with(word))?;
    let mut end = word.len();
    let number = rest[end..]
        .bytes()
        .take_while(|&b| b.is_ascii_digit() || b == b'/')
        .count();
    let number_text = &rest[end..end + number];
    if !number_text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    end += number_text.trim_end_matches('/').len();
    let after = &rest[end..];
    let year = after
        .strip_prefix(" (")
        .filter(|tail| tail.len() >= 5 && tail.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .filter(|tail| tail.as_bytes()[4] == b')');
    if year.is_some() {
        end += " (2021)".len();
    } else if let Some(tail) = after.strip_prefix(' ') {
        // A part letter, as in "resolution 72/262 C".
        let bytes = tail.as_bytes();
        if bytes.first().is_some_and(u8::is_ascii_uppercase)
            && bytes.get(1).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            end += 2;
        }
    }
    Some(start + end)
}

/// One wrapped line of `text` as spans: acronyms and symbols over `base`, search hits over
/// those.
fn styled_line(
    text: &str,
    range: Range<usize>,
    marks: &[(Range<usize>, Mark)],
    hits: &[(Range<usize>, Style)],
    base: Style,
    theme: Theme,
) -> Line<'static> {
    let mark_style = |kind: &Mark| match kind {
        Mark::Acronym => theme.acronym(),
        Mark::Symbol => theme.symbol(),
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

    fn marked(text: &str) -> Vec<(&str, Mark)> {
        highlights(text, &[])
            .into_iter()
            .map(|(range, mark)| (&text[range], mark))
            .collect()
    }

    #[test]
    fn acronyms_symbols_and_resolutions_are_found() {
        let text = "MINUSCA, MINUSMA and MONUSCO's support (S/2020/1179, S/PRST/2021/11.) under \
                    resolution 2589 (2021) and resolution 72/262 C, in chapter VIII of A/75/19.";
        assert_eq!(
            marked(text),
            vec![
                ("MINUSCA", Mark::Acronym),
                ("MINUSMA", Mark::Acronym),
                ("MONUSCO", Mark::Acronym),
                ("S/2020/1179", Mark::Symbol),
                ("S/PRST/2021/11", Mark::Symbol),
                ("resolution 2589 (2021)", Mark::Symbol),
                ("resolution 72/262 C", Mark::Symbol),
                ("A/75/19", Mark::Symbol),
            ]
        );
    }

    #[test]
    fn ordinary_words_are_not_marked() {
        assert!(marked("conflict resolution and the UN in A/B testing, and US/UK").is_empty());
        assert!(marked("resolution of 39 conflicts").is_empty());
    }

    #[test]
    fn known_short_acronyms_are_marked() {
        let missions = [Mission {
            acronym: "UNV".into(),
            name: String::new(),
            location: String::new(),
            paras: vec![],
        }];
        let text = "with UNV volunteers";
        let marks = highlights(text, &missions);
        assert_eq!(marks, vec![(5..8, Mark::Acronym)]);
    }

    #[test]
    fn highlights_survive_line_breaks() {
        let text = "under resolution 2589 (2021) on crimes";
        let marks = highlights(text, &[]);
        let theme = Theme::new(true);
        let lines: Vec<Line> = wrap(text, 12)
            .into_iter()
            .map(|range| styled_line(text, range, &marks, &[], Style::new(), theme))
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

    #[test]
    fn control_characters_in_data_are_shown_not_sent() {
        assert_eq!(readable("a\u{1b}]0;x\u{7}\tb"), "a\u{241b}]0;x\u{2407} b");
        assert!(matches!(readable("plain"), Cow::Borrowed("plain")));
    }
}
