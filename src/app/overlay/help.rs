//! The `?` overlay: every binding, from the one table in [`crate::bindings`], scrolled; typing
//! filters it, as a command palette does (`cop` leaves the copy keys).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::scroll;
use crate::bindings::{HelpLine, filtered_help_lines, help_line_count};
use crate::command::{Command, Edit, Keymap};
use crate::layout;
use crate::paint::{Theme, safe_line};
use crate::safe_format;
use crate::sanitize::SafeText;

/// The most characters the help's filter holds.
const FILTER_LIMIT: usize = 40;

/// The key help, scrolled by some lines, filtered by what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    scroll: usize,
    filter: String,
}

impl Help {
    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// What was typed to filter the help (empty: the whole help).
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The keys that apply: the help's own (`j` `k` `q`) until something is typed, then the
    /// filter's, where every printable key is text.
    pub fn keymap(&self) -> Keymap {
        if self.filter.is_empty() {
            Keymap::Help
        } else {
            Keymap::HelpFilter
        }
    }

    /// How many lines the help has with its filter, at `width`.
    fn line_count(&self, width: usize) -> usize {
        if self.filter.is_empty() {
            help_line_count(width)
        } else {
            filtered_help_lines(width, &self.filter).len()
        }
    }

    /// The largest scroll position on a terminal of `area`.
    pub fn max_scroll(&self, area: Rect) -> usize {
        let view = layout::help_viewport(frame(area));
        self.line_count(usize::from(view.width))
            .saturating_sub(usize::from(view.height))
    }

    fn edit(&mut self, edit: Edit) {
        match edit {
            Edit::Insert(c) if self.filter.chars().count() < FILTER_LIMIT && !c.is_control() => {
                self.filter.push(c);
            }
            Edit::DeleteBack => {
                self.filter.pop();
            }
            Edit::DeleteToStart => self.filter.clear(),
            Edit::DeleteWordBack => {
                let kept = self.filter.trim_end().len();
                // After the last space, whatever its width in bytes (a no-break space is two
                // or three).
                let start = self.filter[..kept]
                    .char_indices()
                    .rfind(|&(_, c)| c.is_whitespace())
                    .map_or(0, |(at, space)| at + space.len_utf8());
                self.filter.truncate(start);
            }
            _ => {}
        }
        self.scroll = 0;
    }
}

/// The help box on a terminal of `area`: as large as the whole help needs, so that it stays
/// put while a filter narrows it.
pub fn frame(area: Rect) -> Rect {
    let lines = help_line_count(layout::help_text_width(area));
    layout::help_frame(area, lines)
}

impl Component for Help {
    const KEYMAP: Keymap = Keymap::Help;

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        match command {
            Command::ToggleHelp | Command::Close | Command::Click { .. } => return Action::Close,
            Command::Edit(edit) => self.edit(edit),
            Command::WheelUp { .. } => self.scroll = self.scroll.saturating_sub(WHEEL_LINES),
            Command::WheelDown { .. } => {
                let max = self.max_scroll(context.area);
                self.scroll = self.scroll.saturating_add(WHEEL_LINES).min(max);
            }
            _ => {
                if let Some(motion) = command.motion() {
                    let max = self.max_scroll(context.area);
                    let page = usize::from(layout::help_viewport(frame(context.area)).height);
                    self.scroll = scroll::moved_by(self.scroll, motion, 1, page, max);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        self.scroll = self.scroll.min(self.max_scroll(context.area));
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let rect = super::help::frame(context.area);
        if rect.is_empty() {
            return;
        }
        let inner = layout::help_viewport(rect);
        let mut lines = lines(*theme, usize::from(inner.width), self.filter());
        if lines.is_empty() {
            lines.push(safe_line(
                &safe_format!(" No key matches “{}” · Backspace edits", self.filter()),
                Style::default(),
            ));
        }
        let total = lines.len();
        let height = usize::from(inner.height);
        let scroll = self.scroll().min(total.saturating_sub(height));
        let mut block = theme
            .block(true)
            .title(safe_line(&title(self.filter()), Style::default()))
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
}

/// The box's title: what was typed (made safe here, as it is typed), or how to filter.
fn title(filter: &str) -> SafeText {
    if filter.is_empty() {
        SafeText::new(" Keys · type to filter ")
    } else {
        safe_format!(" Keys matching: {filter}▏")
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
