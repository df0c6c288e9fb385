//! The left pane: the report's sections (numeral, title, number of recommendations), each
//! expandable to its paragraph numbers, and the missions the responses name.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, row, safe_span, width};
use crate::app::{App, Pane, TreeRow};
use crate::safe_format;

/// Narrower trees leave out the counts.
const COUNT_MIN_WIDTH: usize = 26;

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Tree;
    let block = theme.block(focused).title(" Sections ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cells = usize::from(inner.width);
    let rows = app.tree_rows();
    let numeral_width = app
        .dataset()
        .sections
        .iter()
        .map(|section| width(&section.number.one_line()))
        .max()
        .unwrap_or(0);
    for (index, y) in (app.tree().scroll.offset..rows.len()).zip(inner.y..inner.bottom()) {
        let mut line = row_line(app, rows[index], cells, numeral_width, *theme);
        if index == app.tree().scroll.selected {
            line = line.style(theme.selected(focused));
        }
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}

fn row_line(
    app: &App,
    row_kind: TreeRow,
    cells: usize,
    numeral_width: usize,
    theme: Theme,
) -> Line<'static> {
    let dataset = &app.dataset();
    let marker = |open: bool| if open { "▾ " } else { "▸ " };
    match row_kind {
        TreeRow::Section(s) => {
            let Some(section) = dataset.sections.get(s) else {
                return Line::default();
            };
            let open = app.tree().expanded.get(s).copied().unwrap_or(false);
            let numeral = section.number.one_line();
            let pad = numeral_width.saturating_sub(width(&numeral));
            row(
                vec![
                    Span::raw(marker(open)),
                    safe_span(
                        &safe_format!("{numeral}{} ", " ".repeat(pad)),
                        theme.heading(),
                    ),
                    safe_span(&section.title, Style::default()),
                ],
                // Narrow trees keep the room for the title.
                Some(Span::styled(
                    section.recommendations.len().to_string(),
                    theme.muted(),
                ))
                .filter(|_| cells >= COUNT_MIN_WIDTH),
                cells,
            )
        }
        TreeRow::Para(location) => {
            let Some(recommendation) = dataset.get(location) else {
                return Line::default();
            };
            let style = if recommendation.is_not_addressed() {
                theme.not_addressed()
            } else {
                theme.muted()
            };
            row(
                vec![
                    Span::raw(format!("  ¶ {:<4}", recommendation.para)),
                    safe_span(app.opening(location), style),
                ],
                None,
                cells,
            )
        }
        TreeRow::Missions => row(
            vec![
                Span::raw(marker(app.tree().missions_expanded)),
                Span::styled("Missions", theme.heading()),
            ],
            Some(Span::styled(
                dataset.missions.len().to_string(),
                theme.muted(),
            ))
            .filter(|_| cells >= COUNT_MIN_WIDTH),
            cells,
        ),
        TreeRow::Bookmarks | TreeRow::Documents | TreeRow::Document(_) => {
            branch_row(app, row_kind, cells, theme)
        }
        TreeRow::Mission(m) => {
            let Some(mission) = dataset.missions.get(m) else {
                return Line::default();
            };
            let count = app.items_of(crate::app::Source::Mission(m)).len();
            row(
                vec![
                    Span::raw("  "),
                    safe_span(&safe_format!("{} ", mission.acronym), theme.acronym()),
                    safe_span(&mission.location, theme.muted()),
                ],
                Some(Span::styled(count.to_string(), theme.muted()))
                    .filter(|_| cells >= COUNT_MIN_WIDTH),
                cells,
            )
        }
    }
}

/// The rows of the Bookmarks and Documents cited branches.
fn branch_row(app: &App, row_kind: TreeRow, cells: usize, theme: Theme) -> Line<'static> {
    let marker = |open: bool| if open { "▾ " } else { "▸ " };
    match row_kind {
        TreeRow::Bookmarks => row(
            vec![
                Span::raw(format!("{} ", super::marks::BOOKMARK)),
                Span::styled("Bookmarks", theme.heading()),
            ],
            Some(Span::styled(
                app.annotated_paras().len().to_string(),
                theme.muted(),
            ))
            .filter(|_| cells >= COUNT_MIN_WIDTH),
            cells,
        ),
        TreeRow::Documents => row(
            vec![
                Span::raw(marker(app.tree().documents_expanded)),
                Span::styled("Documents cited", theme.heading()),
            ],
            Some(Span::styled(
                app.references().len().to_string(),
                theme.muted(),
            ))
            .filter(|_| cells >= COUNT_MIN_WIDTH),
            cells,
        ),
        TreeRow::Document(d) => {
            let Some(reference) = app.references().get(d) else {
                return Line::default();
            };
            row(
                vec![
                    Span::raw("  "),
                    safe_span(&reference.symbol, theme.symbol()),
                ],
                Some(Span::styled(
                    reference.paras.len().to_string(),
                    theme.muted(),
                ))
                .filter(|_| cells >= COUNT_MIN_WIDTH),
                cells,
            )
        }
        _ => Line::default(),
    }
}
