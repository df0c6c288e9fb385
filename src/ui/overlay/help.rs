//! The `?` overlay: every binding, from the one table in [`crate::bindings`].

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::Context;
use crate::app::overlay::{Help, help};
use crate::bindings::{HelpLine, help_lines};
use crate::layout;
use crate::ui::Theme;

/// The help text for a box `width` cells wide, styled.
pub fn lines(theme: Theme, width: usize) -> Vec<Line<'static>> {
    help_lines(width)
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
    let lines = lines(*theme, usize::from(inner.width));
    let total = lines.len();
    let height = usize::from(inner.height);
    let scroll = help.scroll().min(total.saturating_sub(height));
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
