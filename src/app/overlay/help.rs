//! The `?` overlay: every binding, from the one table in [`crate::bindings`], scrolled.

use ratatui::layout::Rect;

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::scroll;
use crate::bindings::help_line_count;
use crate::command::{Command, Keymap};
use crate::layout;

/// The key help, scrolled by some lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    scroll: usize,
}

impl Help {
    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }
}

/// The help box on a terminal of `area`.
pub fn frame(area: Rect) -> Rect {
    let lines = help_line_count(layout::help_text_width(area));
    layout::help_frame(area, lines)
}

/// The largest scroll position of the help on a terminal of `area`.
pub fn max_scroll(area: Rect) -> usize {
    let view = layout::help_viewport(frame(area));
    help_line_count(usize::from(view.width)).saturating_sub(usize::from(view.height))
}

impl Component for Help {
    const KEYMAP: Keymap = Keymap::Help;

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let max = max_scroll(context.area);
        match command {
            Command::ToggleHelp | Command::Close | Command::Click { .. } => return Action::Close,
            Command::WheelUp { .. } => self.scroll = self.scroll.saturating_sub(WHEEL_LINES),
            Command::WheelDown { .. } => {
                self.scroll = self.scroll.saturating_add(WHEEL_LINES).min(max);
            }
            _ => {
                if let Some(motion) = command.motion() {
                    let page = usize::from(layout::help_viewport(frame(context.area)).height);
                    self.scroll = scroll::moved_by(self.scroll, motion, 1, page, max);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        self.scroll = self.scroll.min(max_scroll(context.area));
    }
}
