//! The `?` overlay: every key, from the table in `keys`.

use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, fit};
use crate::keys::HELP;

/// The help box on a screen of `area`: centred, at most 70 cells wide, as tall as it needs.
pub fn frame_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(70);
    let needed = lines(Theme::new(false), usize::from(width.saturating_sub(2))).len();
    let needed = u16::try_from(needed).unwrap_or(u16::MAX);
    let size = Size::new(
        width,
        area.height.saturating_sub(2).min(needed.saturating_add(2)),
    );
    Rect {
        x: area.x + (area.width - size.width) / 2,
        y: area.y + (area.height - size.height) / 2,
        width: size.width,
        height: size.height,
    }
}

/// The rows of help text shown at once.
pub fn viewport(area: Rect) -> Rect {
    super::inner(frame_area(area))
}

/// The largest scroll position of the help on a screen of `area`.
pub fn max_scroll(area: Rect) -> usize {
    let view = viewport(area);
    lines(Theme::new(false), usize::from(view.width))
        .len()
        .saturating_sub(usize::from(view.height))
}

/// The help text for a box `width` cells wide: a heading per group, then each binding on one
/// line, or on two (keys, then the wrapped description) when the box is narrow.
pub fn lines(theme: Theme, width: usize) -> Vec<Line<'static>> {
    let keys_width = HELP
        .iter()
        .flat_map(|(_, bindings)| bindings.iter())
        .map(|(keys, _)| super::width(keys))
        .max()
        .unwrap_or(0);
    let action_width = HELP
        .iter()
        .flat_map(|(_, bindings)| bindings.iter())
        .map(|(_, action)| super::width(action))
        .max()
        .unwrap_or(0);
    let one_line = 3 + keys_width + 2 + action_width <= width;
    let mut lines = Vec::new();
    for (index, (group, bindings)) in HELP.iter().enumerate() {
        if index > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::styled(format!(" {group}"), theme.heading()));
        for (keys, action) in *bindings {
            if one_line {
                lines.push(Line::from(vec![
                    Span::raw("   "),
                    Span::styled(fit(keys, keys_width), theme.key()),
                    Span::raw(format!("  {action}")),
                ]));
                continue;
            }
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::styled((*keys).to_string(), theme.key()),
            ]));
            let indent = "     ";
            for range in crate::text::wrap(action, width.saturating_sub(indent.len())) {
                lines.push(Line::raw(format!("{indent}{}", &action[range])));
            }
        }
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let rect = frame_area(area);
    if rect.is_empty() {
        return;
    }
    let inner = super::inner(rect);
    let lines = lines(*theme, usize::from(inner.width));
    let total = lines.len();
    let height = usize::from(inner.height);
    let scroll = scroll.min(total.saturating_sub(height));
    let mut block = theme
        .block(true)
        .title(" Keys ")
        .title_bottom(Line::from(" Esc closes ").right_aligned());
    if total > height {
        block = block.title_bottom(
            Line::from(format!(" {}–{}/{total} ", scroll + 1, scroll + height)).left_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block), rect);
}
