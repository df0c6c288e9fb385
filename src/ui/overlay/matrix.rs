//! The `o` overlay: missions × sections as a heat map, full screen. Each cell shows its count
//! and a shading (` ░▒▓█`, by count relative to the largest cell), so it reads without colour;
//! with colour the shading is also tinted. The total row and column stay in view while the
//! cells scroll; a legend and the cell under the cursor are described below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use crate::app::Context;
use crate::app::overlay::matrix::{
    Label, MISSION_HEADING, MatrixCursor, TOTAL_HEADING, key_lines, label_widths, plan,
};
use crate::layout::MATRIX_TOTAL_WIDTH;
use crate::overview::Matrix;
use crate::sanitize::for_line;
use crate::ui::{Theme, clip, fit, row};

/// The shading of a cell, by level (1 to 4; 0 is an empty cell).
const SHADES: [&str; 5] = [" ", "░", "▒", "▓", "█"];
/// The tint of each level, with colour.
const TINTS: [Color; 5] = [
    Color::Reset,
    Color::Yellow,
    Color::LightRed,
    Color::Red,
    Color::Magenta,
];

/// The level of a count: 0 for none, else 1 to 4 in quarters of the largest count.
pub fn level(count: usize, max: usize) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    (count * 4).div_ceil(max).clamp(1, 4)
}

/// A cell's text, `cells` wide: a space, shading characters (as many as leave three cells
/// for the count) and the count right-aligned; `·` for none.
pub fn cell_text(count: usize, max: usize, cells: u16) -> String {
    let cells = usize::from(cells);
    if count == 0 {
        return format!("{:>cells$}", "·");
    }
    let shade = SHADES[level(count, max)].repeat(cells.saturating_sub(4));
    format!(" {shade}{count:>3}")
}

fn right(text: &str, cells: u16) -> String {
    let cells = usize::from(cells);
    format!("{:>cells$}", clip(text, cells))
}

pub fn render(frame: &mut Frame, state: &MatrixCursor, context: &Context, theme: &Theme) {
    let (view, label) = plan(context);
    if view.frame.is_empty() {
        return;
    }
    let matrix = context.matrix;
    frame.render_widget(Clear, view.frame);
    let long_title = " Missions × sections: recommendations whose response names the mission ";
    let title = if crate::text::width(long_title) + 2 <= usize::from(view.frame.width) {
        long_title
    } else {
        " Missions × sections "
    };
    let mut block = theme
        .block(true)
        .title(title)
        .title_bottom(Line::from(format!(" {} ", matrix.totals_label())).left_aligned());
    let rows = matrix.rows.len();
    if view.rows < rows {
        let last = (state.row_offset + view.rows).min(rows);
        block = block.title_bottom(
            Line::from(format!(
                " missions {}–{last} of {rows} ",
                state.row_offset + 1
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(block, view.frame);
    let grid = Grid {
        context,
        state,
        theme: *theme,
        max: matrix
            .max_cell()
            .map_or(0, |(row, col)| matrix.count(row, col)),
        cols: (state.col_offset..matrix.sections.len())
            .take(view.cols)
            .collect(),
        label_cells: usize::from(view.label_width),
        cell_width: view.cell_width,
        label,
        acronym_cells: label_widths(matrix).0.min(usize::from(view.label_width)),
        more_right: state.col_offset + view.cols < matrix.sections.len(),
    };
    let cells = usize::from(view.header.width);
    let line_at = |y: u16| Rect {
        y,
        height: 1,
        ..view.header
    };
    frame.render_widget(row(grid.heading(), None, cells), view.header);
    for (y, r) in (view.body.y..view.body.bottom()).zip(state.row_offset..rows) {
        frame.render_widget(row(grid.mission(r), None, cells), line_at(y));
    }
    if !view.totals.is_empty() {
        frame.render_widget(row(grid.totals(), None, cells), view.totals);
    }
    // The key to the sections, the legend, the cell: the last ones first when room is short.
    let mut footer: Vec<Line> = key_lines(context, cells)
        .into_iter()
        .map(|line| Line::from(line).style(theme.muted()))
        .collect();
    footer.push(legend(grid.max, *theme));
    footer.push(Line::from(describe(context, state, cells)).style(theme.muted()));
    let skip = footer.len().saturating_sub(usize::from(view.footer.height));
    for (line, y) in footer
        .into_iter()
        .skip(skip)
        .zip(view.footer.y..view.footer.bottom())
    {
        frame.render_widget(row(line.spans, None, cells).style(line.style), line_at(y));
    }
}

/// What every line of the matrix needs to know.
struct Grid<'a> {
    context: &'a Context<'a>,
    state: &'a MatrixCursor,
    theme: Theme,
    /// The largest count, for the shading.
    max: usize,
    /// The columns shown.
    cols: Vec<usize>,
    label_cells: usize,
    cell_width: u16,
    /// What the mission column names after the acronyms.
    label: Label,
    /// The acronyms' part of the mission column (the rest, if any, names the places).
    acronym_cells: usize,
    /// Whether columns are out of view on the right.
    more_right: bool,
}

impl Grid<'_> {
    /// The cursor's row and column headings stand out.
    fn axis(&self, on: bool) -> Style {
        if on {
            self.theme.selected(false)
        } else {
            self.theme.heading()
        }
    }

    /// The headings, with arrows where columns are out of view.
    fn heading(&self) -> Vec<Span<'static>> {
        let matrix = self.context.matrix;
        // An arrow in the heading's last cell when columns are out of view on the left.
        let label = if self.state.col_offset > 0 {
            format!(
                "{}◂",
                fit(MISSION_HEADING, self.label_cells.saturating_sub(1))
            )
        } else {
            fit(MISSION_HEADING, self.label_cells)
        };
        let mut spans = vec![Span::styled(label, self.theme.heading())];
        for &col in &self.cols {
            spans.push(Span::styled(
                right(&matrix.sections[col].one_line(), self.cell_width),
                self.axis(col == self.state.col),
            ));
        }
        let total = if self.more_right {
            format!("▸ {TOTAL_HEADING}")
        } else {
            TOTAL_HEADING.to_string()
        };
        spans.push(Span::styled(
            right(&total, MATRIX_TOTAL_WIDTH),
            self.theme.heading(),
        ));
        spans
    }

    /// A mission's row: its acronym, its shaded cells, its total.
    fn mission(&self, r: usize) -> Vec<Span<'static>> {
        let matrix = self.context.matrix;
        let theme = self.theme;
        let acronym = fit(&matrix.rows[r].acronym.one_line(), self.acronym_cells);
        let place = match self.label {
            Label::Acronym => String::new(),
            Label::Place => matrix.rows[r].location.one_line().into_owned(),
            Label::Name => matrix.rows[r].name.one_line().into_owned(),
        };
        let mut spans = vec![
            Span::styled(
                acronym,
                self.axis(r == self.state.row).patch(theme.acronym()),
            ),
            Span::styled(
                fit(&place, self.label_cells.saturating_sub(self.acronym_cells)),
                theme.muted(),
            ),
        ];
        for &col in &self.cols {
            let count = matrix.count(r, col);
            let mut style = if theme.color {
                Style::new().fg(TINTS[level(count, self.max)])
            } else {
                Style::new()
            };
            if (r, col) == (self.state.row, self.state.col) {
                style = style.patch(theme.selected(true));
            }
            spans.push(Span::styled(
                cell_text(count, self.max, self.cell_width),
                style,
            ));
        }
        spans.push(Span::styled(
            right(&matrix.row_total(r).to_string(), MATRIX_TOTAL_WIDTH),
            theme.heading(),
        ));
        spans
    }

    /// The total row.
    fn totals(&self) -> Vec<Span<'static>> {
        let matrix = self.context.matrix;
        let heading = self.theme.heading();
        let mut spans = vec![Span::styled(fit(TOTAL_HEADING, self.label_cells), heading)];
        for &col in &self.cols {
            spans.push(Span::styled(
                right(&total_text(matrix.column_total(col)), self.cell_width),
                heading,
            ));
        }
        spans.push(Span::styled(
            right(&matrix.total().to_string(), MATRIX_TOTAL_WIDTH),
            heading,
        ));
        spans
    }
}

/// The status bar in the matrix: `MINUSMA × VII: 8 · all sections: 19`.
pub fn status(matrix: &Matrix, state: &MatrixCursor) -> String {
    let (Some(mission), Some(section)) =
        (matrix.rows.get(state.row), matrix.sections.get(state.col))
    else {
        return String::new();
    };
    format!(
        "{} × {}: {} · all sections: {}",
        mission.acronym.one_line(),
        for_line(section),
        matrix.count(state.row, state.col),
        matrix.row_total(state.row)
    )
}

fn total_text(total: usize) -> String {
    if total == 0 {
        "·".into()
    } else {
        total.to_string()
    }
}

/// `░ 1–2  ▒ 3–4  ▓ 5–6  █ 7–8  · none`: the counts each shading stands for.
fn legend(max: usize, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for shade in 1..=4 {
        let counts: Vec<usize> = (1..=max).filter(|&n| level(n, max) == shade).collect();
        let (Some(first), Some(last)) = (counts.first(), counts.last()) else {
            continue;
        };
        let style = if theme.color {
            Style::new().fg(TINTS[shade])
        } else {
            Style::new()
        };
        spans.push(Span::styled(SHADES[shade].repeat(2), style));
        let range = if first == last {
            format!(" {first}   ")
        } else {
            format!(" {first}–{last}   ")
        };
        spans.push(Span::raw(range));
    }
    spans.push(Span::raw("· none"));
    Line::from(spans)
}

/// `MINUSMA (United Nations … in Mali) × VII. Peacekeeping intelligence: 8 recommendations`.
/// The mission's name is left out when the line would not fit `cells`.
fn describe(context: &Context, state: &MatrixCursor, cells: usize) -> String {
    let matrix = context.matrix;
    let Some(mission) = matrix.rows.get(state.row) else {
        return String::new();
    };
    let name = format!(" ({})", mission.name.one_line());
    let section = context
        .dataset
        .sections
        .get(state.col)
        .map_or(String::new(), |s| for_line(&s.heading()).into_owned());
    let count = matrix.count(state.row, state.col);
    let what = match count {
        0 => "no recommendation".to_string(),
        1 => "1 recommendation · Enter lists it".to_string(),
        n => format!("{n} recommendations · Enter lists them"),
    };
    let acronym = mission.acronym.one_line();
    let long = format!("{acronym}{name} × {section}: {what}");
    if crate::text::width(&long) <= cells {
        long
    } else {
        format!("{acronym} × {section}: {what}")
    }
}
