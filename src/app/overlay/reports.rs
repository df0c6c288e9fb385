//! The `R` overlay: the reports of the library, newest first, with their dates and how many
//! recommendations each answers; Enter opens one (the app is made again on its dataset).

use ratatui::layout::Rect;

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::scroll::Scroll;
use crate::app::series::same_symbol;
use crate::command::{Command, Keymap};
use crate::layout::{self, PromptBox};

/// The report picker: which report is selected, and the first shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportPicker {
    scroll: Scroll,
}

/// The picker's box on a screen of `area` for `reports` reports: tall enough for all of them.
pub fn picker_box(area: Rect, reports: usize) -> PromptBox {
    // Borders, the caption and the rule.
    let wanted = u16::try_from(reports).unwrap_or(u16::MAX).saturating_add(4);
    layout::prompt_box(area, 80, wanted)
}

impl ReportPicker {
    /// The picker with the open report selected.
    pub fn open(context: &Context) -> ReportPicker {
        let open = &context.dataset.document.symbol;
        let selected = context
            .reports
            .iter()
            .position(|report| same_symbol(report.symbol(), open))
            .unwrap_or(0);
        let mut picker = ReportPicker::default();
        picker
            .scroll
            .select(selected, context.reports.len(), page(context));
        picker
    }

    pub fn scroll(&self) -> Scroll {
        self.scroll
    }
}

/// Rows of reports shown at once.
fn page(context: &Context) -> usize {
    usize::from(picker_box(context.area, context.reports.len()).list.height)
}

impl Component for ReportPicker {
    const KEYMAP: Keymap = Keymap::Reports;

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let (len, page) = (context.reports.len(), page(context));
        match command {
            Command::Close | Command::OpenReports => return Action::Close,
            Command::OpenReport => {
                let index = self.scroll.selected;
                return Action::then(move |app| app.open_report(index));
            }
            Command::WheelUp { .. } => {
                self.scroll
                    .apply(crate::command::Motion::Up, WHEEL_LINES, len, page);
            }
            Command::WheelDown { .. } => {
                self.scroll
                    .apply(crate::command::Motion::Down, WHEEL_LINES, len, page);
            }
            _ => {
                if let Some(motion) = command.motion() {
                    self.scroll.apply(motion, 1, len, page);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        let page = page(context);
        self.scroll.clamp(context.reports.len(), Some(page));
        self.scroll.reveal(page);
    }
}
