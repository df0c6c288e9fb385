//! The `R` overlay: the reports of the library, newest first, with their dates and how many
//! recommendations each answers; Enter opens one (the app is made again on its dataset).
//!
//! Drawn one report per row: symbol, date, how many recommendations, where it comes from; the
//! open one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::scroll::Scroll;
use crate::app::series::same_symbol;
use crate::command::{Command, Keymap};
use crate::layout::{self, PromptBox};
use crate::paint::{Theme, list_rows, prompt_box, row, safe_span, width};
use crate::sanitize::SafeText;

/// The report picker: which report is selected, and the first shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportPicker {
    scroll: Scroll,
    /// How many reports were listed when the selection was made: when the library's
    /// reports come in while the picker is open, the open report is selected again.
    listed: usize,
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
        let mut picker = ReportPicker {
            listed: context.reports.len(),
            ..ReportPicker::default()
        };
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
            Command::OpenReport if len == 0 && context.library_pending => {
                return Action::Say("Still reading the library's reports".into());
            }
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
        if context.reports.len() != self.listed {
            *self = ReportPicker::open(context);
        }
        let page = page(context);
        self.scroll.clamp(context.reports.len(), Some(page));
        self.scroll.reveal(page);
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let reports = context.reports;
        let parts = picker_box(context.area, reports.len());
        if parts.frame.is_empty() {
            return;
        }
        let scroll = self.scroll();
        let position =
            (!reports.is_empty()).then(|| format!("{}/{}", scroll.selected + 1, reports.len()));
        prompt_box::render_frame(frame, &parts, &SafeText::new("Reports"), position, theme);
        let caption = match reports.len() {
            _ if context.library_pending => " Reading the library…".to_string(),
            0 | 1 => " Only this report: c34 add FILE adds another".to_string(),
            n => format!(" {n} reports, newest first · Enter opens"),
        };
        frame.render_widget(Line::styled(caption, theme.muted()), parts.query);
        let symbol_width = reports
            .iter()
            .map(|report| width(&report.dataset.document.symbol.one_line()))
            .max()
            .unwrap_or(0);
        let cells = usize::from(parts.list.width);
        let open = &context.dataset.document.symbol;
        let report_row = |report: &crate::app::ReportEntry| {
            let document = &report.dataset.document;
            let is_open = same_symbol(report.symbol(), open);
            let spans = vec![
                Span::raw(if is_open { "● " } else { "  " }),
                safe_span(&document.symbol, theme.title()),
                Span::raw(
                    " ".repeat(symbol_width.saturating_sub(width(&document.symbol.one_line())) + 2),
                ),
                safe_span(&document.date, ratatui::style::Style::default()),
                Span::styled(
                    format!("  {} recommendations", report.recommendations()),
                    theme.muted(),
                ),
            ];
            let source = if is_open {
                "open ".to_string()
            } else {
                format!("{} ", report.source)
            };
            row(
                spans,
                Some(Span::styled(source, theme.muted())).filter(|_| cells >= 50),
                cells,
            )
        };
        list_rows(
            frame,
            parts.list,
            (scroll.offset, scroll.selected),
            |index| reports.get(index).map(report_row),
            theme,
        );
    }
}
