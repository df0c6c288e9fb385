//! The `?` overlay: every binding, from the one table in [`crate::bindings`].

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::Context;
use crate::app::overlay::{Help, help};
use crate::bindings::{HelpLine, filtered_help_lines};
use crate::layout;
use crate::sanitize::for_line;
use crate::ui::Theme;

/// The box's title: what was typed, or how to filter.
fn title(filter: &str) -> String {
    if filter.is_empty() {
        " Keys · type to filter ".to_string()
    } else {
        format!(" Keys matching: {}▏", for_line(filter))
    }
}

/// The help text for a box `width` cells wide, narrowed to what matches `filter`, styled.
pub fn lines(theme: Theme, width: usize, filter: &str) -> Vec<Line<'static>> {
    filtered_help_lines(width, filter)
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::default(),
            HelpLine::Group(group) => Line::styled(format!(" {group}"), theme.heading()),
            HelpLine::Binding { keys, help } => Line::from(vec![
                Span::raw("   "),
                Span::styled(keys, theme.key()),
                Span::raw(format!("  {help}")),
            ]),
            HelpLine::Keys(keys) => {
                Line::from(vec![Span::raw("   "), Span::styled(keys, theme.key())])
            }
            HelpLine::Text(text) => Line::raw(text),
        })
        .collect()
}

pub fn render(frame: &mut Frame, help: &Help, context: &Context, theme: &Theme) {
    let rect = help::frame(context.area);
    if rect.is_empty() {
        return;
    }
    let inner = layout::help_viewport(rect);
    let mut lines = lines(*theme, usize::from(inner.width), help.filter());
    if lines.is_empty() {
        lines.push(Line::raw(format!(
            " No key matches “{}” · Backspace edits",
            for_line(help.filter())
        )));
    }
    let total = lines.len();
    let height = usize::from(inner.height);
    let scroll = help.scroll().min(total.saturating_sub(height));
    let mut block = theme
        .block(true)
        .title(title(help.filter()))
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
