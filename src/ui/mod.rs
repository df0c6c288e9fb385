//! Rendering, one file per pane or overlay. Everything here reads `&App` and writes a frame;
//! the screen layout is a pure function of the terminal size, shared with `App::update` so that
//! scrolling and mouse hit-testing agree with what is drawn.

pub mod help;
pub mod list;
pub mod missions;
pub mod overlay;
pub mod reader;
pub mod search;
pub mod status;
pub mod theme;
pub mod title;
pub mod tree;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{App, Overlay, Pane};
pub use crate::text::{clip, fit, width};
pub use theme::Theme;

/// Below this width the section tree is hidden.
pub const TREE_MIN_WIDTH: u16 = 80;
/// Below this width only the focused pane (list or reader) is shown, full width.
pub const SPLIT_MIN_WIDTH: u16 = 60;
/// Below this size only a one-line "terminal too small" message is drawn.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// The title line is shown only when there is room to spare for it.
pub const TITLE_MIN_HEIGHT: u16 = 15;

/// Where each part of the screen goes; panes that do not fit are `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Option<Rect>,
    pub tree: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Option<Rect>,
}

impl Screen {
    /// True when the terminal is below the minimum size and nothing but a message is drawn.
    pub fn too_small(&self) -> bool {
        self.status.is_none()
    }

    /// The outer rectangle (borders included) of a pane, if it is on screen.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Tree => self.tree,
            Pane::List => self.list,
            Pane::Reader => self.reader,
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, position: Position) -> Option<Pane> {
        [Pane::Tree, Pane::List, Pane::Reader]
            .into_iter()
            .find(|&pane| self.pane(pane).is_some_and(|rect| rect.contains(position)))
    }

    /// The rows of a pane inside its borders.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        self.pane(pane).map(inner)
    }
}

/// The panes focus can move between at this width, left to right.
pub fn panes_for(width: u16) -> &'static [Pane] {
    if width >= TREE_MIN_WIDTH {
        &[Pane::Tree, Pane::List, Pane::Reader]
    } else {
        &[Pane::List, Pane::Reader]
    }
}

/// The layout of a screen of `area` with `focus` on a pane (narrow screens show only that pane).
pub fn layout(area: Rect, focus: Pane) -> Screen {
    let mut screen = Screen {
        area,
        ..Screen::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return screen;
    }
    let mut body = area;
    if area.height >= TITLE_MIN_HEIGHT {
        screen.title = Some(Rect { height: 1, ..area });
        body.y += 1;
        body.height -= 1;
    }
    body.height -= 1;
    screen.status = Some(Rect {
        y: body.bottom(),
        height: 1,
        ..body
    });
    let width = u32::from(body.width);
    let fraction = |numerator: u32, denominator: u32, min: u16, max: u16| {
        u16::try_from(width * numerator / denominator)
            .unwrap_or(max)
            .clamp(min, max)
    };
    if body.width >= TREE_MIN_WIDTH {
        screen.tree = Some(take_left(&mut body, fraction(1, 4, 22, 40)));
        screen.list = Some(take_left(&mut body, fraction(1, 5, 16, 40)));
        screen.reader = Some(body);
    } else if body.width >= SPLIT_MIN_WIDTH {
        screen.list = Some(take_left(&mut body, fraction(3, 10, 18, 24)));
        screen.reader = Some(body);
    } else if focus == Pane::Reader {
        screen.reader = Some(body);
    } else {
        screen.list = Some(body);
    }
    screen
}

/// Cuts a column of `width` cells off the left of `area`.
fn take_left(area: &mut Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    let left = Rect { width, ..*area };
    area.x += width;
    area.width -= width;
    left
}

/// A bordered pane's inside.
pub fn inner(rect: Rect) -> Rect {
    rect.inner(Margin::new(1, 1))
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let screen = layout(area, app.focus);
    let theme = Theme::new(app.color);
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
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(frame, area, *scroll, &theme),
        Some(Overlay::Search(search)) => search::render(frame, area, app, search, &theme),
        Some(Overlay::Missions(picker)) => missions::render(frame, area, app, picker, &theme),
        Some(Overlay::Jump { .. }) | None => {}
    }
}

/// Byte ranges of `original` moved onto `safe`, the same text after `sanitize` replaced some
/// characters one for one (a replacement can be longer in bytes). Ranges that do not fall on
/// character boundaries of `original` are dropped.
pub fn map_ranges<'a>(
    original: &str,
    safe: &str,
    ranges: impl IntoIterator<Item = &'a Range<usize>>,
) -> Vec<Range<usize>> {
    let valid = |range: &Range<usize>| {
        range.start < range.end
            && original.is_char_boundary(range.start)
            && original.is_char_boundary(range.end)
    };
    if original.len() == safe.len() {
        // A replacement is never shorter, so equal lengths mean equal offsets.
        return ranges.into_iter().filter(|r| valid(r)).cloned().collect();
    }
    let starts: Vec<(usize, usize)> = original
        .char_indices()
        .map(|(i, _)| i)
        .zip(safe.char_indices().map(|(i, _)| i))
        .chain(std::iter::once((original.len(), safe.len())))
        .collect();
    let at = |byte: usize| {
        let i = starts.partition_point(|&(o, _)| o < byte);
        starts.get(i).map_or(safe.len(), |&(_, s)| s)
    };
    ranges
        .into_iter()
        .filter(|r| valid(r))
        .map(|range| at(range.start)..at(range.end))
        .collect()
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

/// The first words of a response, on one line.
pub fn first_words(text: &str) -> String {
    crate::sanitize::for_line(text)
        .split_whitespace()
        .take(40)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_degrades_with_width() {
        let wide = layout(Rect::new(0, 0, 120, 40), Pane::Tree);
        assert!(wide.tree.is_some() && wide.list.is_some() && wide.reader.is_some());
        assert!(wide.title.is_some());
        let total: u16 = [wide.tree, wide.list, wide.reader]
            .iter()
            .flatten()
            .map(|r| r.width)
            .sum();
        assert_eq!(total, 120);

        let medium = layout(Rect::new(0, 0, 70, 20), Pane::List);
        assert!(medium.tree.is_none() && medium.list.is_some() && medium.reader.is_some());

        let narrow = layout(Rect::new(0, 0, 40, 12), Pane::Reader);
        assert!(narrow.list.is_none() && narrow.reader.is_some() && narrow.title.is_none());

        assert!(layout(Rect::new(0, 0, 20, 5), Pane::List).too_small());
        assert!(layout(Rect::new(0, 0, 200, 3), Pane::List).too_small());
        assert!(layout(Rect::new(0, 0, 1, 1), Pane::List).too_small());
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_pointer() {
        let screen = layout(Rect::new(0, 0, 120, 40), Pane::Tree);
        let list = screen.list.unwrap();
        assert_eq!(
            screen.pane_at(Position::new(list.x + 1, list.y + 1)),
            Some(Pane::List)
        );
        assert_eq!(screen.pane_at(Position::new(0, 0)), None);
    }
}
