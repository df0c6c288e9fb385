//! The `R` overlay: the reports of the library, one per row: symbol, date, how many
//! recommendations, where it comes from; the open one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Context;
use crate::app::overlay::ReportPicker;
use crate::app::overlay::reports::picker_box;
use crate::app::series::same_symbol;
use crate::sanitize::for_line;
use crate::ui::overlay;
use crate::ui::{Theme, row, width};

pub fn render(frame: &mut Frame, picker: &ReportPicker, context: &Context, theme: &Theme) {
    let reports = context.reports;
    let parts = picker_box(context.area, reports.len());
    if parts.frame.is_empty() {
        return;
    }
    let scroll = picker.scroll();
    let position =
        (!reports.is_empty()).then(|| format!("{}/{}", scroll.selected + 1, reports.len()));
    overlay::render_frame(frame, &parts, "Reports", position, theme);
    let caption = match reports.len() {
        0 | 1 => " Only this report: c34 add FILE adds another".to_string(),
        n => format!(" {n} reports, newest first · Enter opens"),
    };
    frame.render_widget(Line::styled(caption, theme.muted()), parts.query);
    let symbol_width = reports
        .iter()
        .map(|report| width(&for_line(report.symbol())))
        .max()
        .unwrap_or(0);
    let cells = usize::from(parts.list.width);
    let open = &context.dataset.document.symbol;
    let items = reports.iter().enumerate().skip(scroll.offset);
    for ((index, report), y) in items.zip(parts.list.y..parts.list.bottom()) {
        let symbol = for_line(report.symbol());
        let is_open = same_symbol(report.symbol(), open);
        let spans = vec![
            Span::raw(if is_open { "● " } else { "  " }),
            Span::styled(symbol.to_string(), theme.title()),
            Span::raw(" ".repeat(symbol_width.saturating_sub(width(&symbol)) + 2)),
            Span::raw(for_line(report.date()).into_owned()),
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
        let mut line = row(
            spans,
            Some(Span::styled(source, theme.muted())).filter(|_| cells >= 50),
            cells,
        );
        if index == scroll.selected {
            line = line.style(theme.selected(true));
        }
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..parts.list
            },
        );
    }
}
