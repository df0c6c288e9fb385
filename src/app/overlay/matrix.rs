//! The `o` overlay: the missions × sections matrix ([`crate::overview::Matrix`]) full screen,
//! a cursor on one cell; Enter lists the cell's recommendations.
//!
//! Drawn as a heat map, full screen. Each cell shows its count and a shading (` ░▒▓█`, by count
//! relative to the largest cell), so it reads without colour; with colour the shading is also
//! tinted. The total row and column stay in view while the cells scroll; a legend and the cell
//! under the cursor are described below.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::{Action, Component, Context};
use crate::app::scroll::{self, Motion};
use crate::app::{App, Pane, Source};
use crate::command::{Command, Keymap};
use crate::layout::{self, MATRIX_TOTAL_WIDTH, MatrixView};
use crate::overview::Matrix;
use crate::paint::{Theme, clip, fit, row, safe_line};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::text::width;

/// The cursor's cell and which part of the matrix is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixCursor {
    /// The cell under the cursor: a row of the matrix (mission) and a column (section).
    pub row: usize,
    pub col: usize,
    /// The first row and column shown.
    pub row_offset: usize,
    pub col_offset: usize,
}

/// The heading of the mission column.
pub const MISSION_HEADING: &str = "mission";
/// The heading of the total row and column.
pub const TOTAL_HEADING: &str = "total";
/// The widest a mission's place gets in the mission column when it does not fit in full.
pub const PLACE_MAX_WIDTH: usize = 18;
/// Between the entries of the key to the sections.
pub const KEY_GAP: &str = "   ";

/// What the mission column names after each acronym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The acronym alone.
    Acronym,
    /// The place, cut to the column.
    Place,
    /// The mission's name in full.
    Name,
}

/// The matrix's layout on a terminal of `area`.
pub fn view(context: &Context) -> MatrixView {
    plan(context).0
}

/// The matrix's layout and what its mission column names: every section in view if it can,
/// the room left given to the missions' names (in full where they fit, else their places),
/// cells narrowed (down to [`layout::MATRIX_MIN_CELL_WIDTH`]) before a section is left out.
pub fn plan(context: &Context) -> (MatrixView, Label) {
    let matrix = context.matrix;
    let area = context.area;
    let (acronyms, places) = label_widths(matrix);
    let names = matrix
        .rows
        .iter()
        .map(|row| width(&row.name.one_line()))
        .max()
        .unwrap_or(0);
    let sections = matrix.sections.len();
    let key = key_lines(context, usize::from(layout::matrix_inner_width(area.width)));
    let view = |label: usize, cell_width: u16| {
        layout::matrix_view(
            area,
            layout::MatrixShape {
                label_width: u16::try_from(label).unwrap_or(u16::MAX),
                cell_width,
                rows: matrix.rows.len(),
                cols: sections,
                footer_lines: u16::try_from(key.len())
                    .unwrap_or(u16::MAX)
                    .saturating_add(layout::MATRIX_FOOTER_LINES),
            },
        )
    };
    let widest = layout::MATRIX_CELL_WIDTH;
    let mut tries = vec![
        (acronyms + names + 1, widest, Label::Name),
        (acronyms + places + 1, widest, Label::Place),
        (
            acronyms + places.min(PLACE_MAX_WIDTH) + 1,
            widest,
            Label::Place,
        ),
    ];
    tries.retain(|&(_, _, label)| match label {
        Label::Name => names > 0,
        _ => places > 0,
    });
    for cell_width in (layout::MATRIX_MIN_CELL_WIDTH..=widest).rev() {
        tries.push((acronyms, cell_width, Label::Acronym));
    }
    for &(label_width, cell_width, label) in &tries {
        let shown = view(label_width, cell_width);
        if shown.cols == sections {
            return (shown, label);
        }
    }
    (
        view(acronyms, layout::MATRIX_MIN_CELL_WIDTH),
        Label::Acronym,
    )
}

/// The key to the section numerals (`I Introduction   II Conduct of …`), entries never split
/// across lines, wrapped to `cells`.
pub fn key_lines(context: &Context, cells: usize) -> Vec<SafeText> {
    let mut lines: Vec<SafeText> = Vec::new();
    let mut line = SafeText::empty();
    for section in &context.dataset.sections {
        let entry = safe_format!("{} {}", section.number, section.title);
        let entry = SafeText::line(crate::text::clip(&entry, cells));
        if line.is_empty() {
            line = entry;
        } else if width(&line) + KEY_GAP.len() + width(&entry) <= cells {
            line.push_literal(KEY_GAP);
            line.push(&entry);
        } else {
            lines.push(std::mem::replace(&mut line, entry));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The widths of the mission column with acronyms only (headings included, and a space),
/// and of the longest place.
pub fn label_widths(matrix: &Matrix) -> (usize, usize) {
    let acronyms = matrix
        .rows
        .iter()
        .map(|row| width(&row.acronym.one_line()))
        .chain([MISSION_HEADING.len(), TOTAL_HEADING.len()])
        .max()
        .unwrap_or(0)
        + 1;
    let places = matrix
        .rows
        .iter()
        .map(|row| width(&row.location.one_line()))
        .max()
        .unwrap_or(0);
    (acronyms, places)
}

impl MatrixCursor {
    /// The matrix, the cursor on its largest cell; `None` when no response names a mission.
    pub fn open(matrix: &Matrix) -> Option<MatrixCursor> {
        if matrix.rows.is_empty() {
            return None;
        }
        let (row, col) = matrix.max_cell().unwrap_or((0, 0));
        Some(MatrixCursor {
            row,
            col,
            ..MatrixCursor::default()
        })
    }

    /// Enter: the cell's recommendations in the list, the matrix closed.
    fn list_cell(&self, matrix: &Matrix) -> Action {
        let (row, col) = (self.row, self.col);
        if matrix.count(row, col) == 0 {
            return Action::Say("No recommendation here".into());
        }
        Action::then(move |app| app.jump_and_record(|app| app.list_cell(row, col)))
    }

    /// A click on a cell moves the cursor there; on the cursor's cell, lists it.
    fn click(&mut self, position: Position, context: &Context) -> Action {
        let Some((row, col)) = view(context).cell_at(position) else {
            return Action::Stay;
        };
        let (row, col) = (self.row_offset + row, self.col_offset + col);
        if (row, col) == (self.row, self.col) {
            return self.list_cell(context.matrix);
        }
        self.row = row;
        self.col = col;
        Action::Stay
    }

    /// Moves the cursor up and down the missions.
    fn move_by(&mut self, motion: Motion, context: &Context) {
        let page = view(context).rows.max(1);
        let last = context.matrix.rows.len().saturating_sub(1);
        self.row = scroll::moved(self.row, motion, page, last);
    }
}

impl Component for MatrixCursor {
    const KEYMAP: Keymap = Keymap::Matrix;

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        match command {
            Command::ListCell => return self.list_cell(context.matrix),
            Command::Close => return Action::Close,
            Command::Click { column, row } => {
                return self.click(Position::new(column, row), context);
            }
            Command::CellLeft => self.col = self.col.saturating_sub(1),
            Command::CellRight => {
                let last = context.matrix.sections.len().saturating_sub(1);
                self.col = self.col.saturating_add(1).min(last);
            }
            Command::WheelUp { .. } => self.move_by(Motion::Up, context),
            Command::WheelDown { .. } => self.move_by(Motion::Down, context),
            _ => {
                if let Some(motion) = command.motion() {
                    self.move_by(motion, context);
                }
            }
        }
        Action::Stay
    }

    /// Keeps the cursor inside the matrix and in view.
    fn settle(&mut self, context: &Context) {
        let view = view(context);
        let matrix = context.matrix;
        let (height, width) = (matrix.rows.len(), matrix.sections.len());
        self.row = self.row.min(height.saturating_sub(1));
        self.col = self.col.min(width.saturating_sub(1));
        self.row_offset = reveal(self.row_offset, self.row, view.rows, height);
        self.col_offset = reveal(self.col_offset, self.col, view.cols, width);
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
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
            let last = (self.row_offset + view.rows).min(rows);
            block = block.title_bottom(
                Line::from(format!(
                    " missions {}–{last} of {rows} ",
                    self.row_offset + 1
                ))
                .right_aligned(),
            );
        }
        frame.render_widget(block, view.frame);
        let grid = Grid {
            context,
            state: self,
            theme: *theme,
            max: matrix
                .max_cell()
                .map_or(0, |(row, col)| matrix.count(row, col)),
            cols: (self.col_offset..matrix.sections.len())
                .take(view.cols)
                .collect(),
            label_cells: usize::from(view.label_width),
            cell_width: view.cell_width,
            label,
            acronym_cells: label_widths(matrix).0.min(usize::from(view.label_width)),
            more_right: self.col_offset + view.cols < matrix.sections.len(),
        };
        let cells = usize::from(view.header.width);
        let line_at = |y: u16| Rect {
            y,
            height: 1,
            ..view.header
        };
        frame.render_widget(row(grid.heading(), None, cells), view.header);
        for (y, r) in (view.body.y..view.body.bottom()).zip(self.row_offset..rows) {
            frame.render_widget(row(grid.mission(r), None, cells), line_at(y));
        }
        if !view.totals.is_empty() {
            frame.render_widget(row(grid.totals(), None, cells), view.totals);
        }
        // The key to the sections, the legend, the cell: the last ones first when room is short.
        let mut footer: Vec<Line> = key_lines(context, cells)
            .into_iter()
            .map(|line| safe_line(&line, theme.muted()))
            .collect();
        footer.push(legend(grid.max, *theme));
        footer.push(safe_line(&describe(context, self, cells), theme.muted()));
        let skip = footer.len().saturating_sub(usize::from(view.footer.height));
        for (line, y) in footer
            .into_iter()
            .skip(skip)
            .zip(view.footer.y..view.footer.bottom())
        {
            frame.render_widget(row(line.spans, None, cells).style(line.style), line_at(y));
        }
    }
}

/// The first index shown of `len` in a window of `shown` so that `at` is in view.
fn reveal(offset: usize, at: usize, shown: usize, len: usize) -> usize {
    if shown == 0 {
        return at.min(len.saturating_sub(1));
    }
    let offset = offset.min(len.saturating_sub(shown));
    if at < offset {
        at
    } else if at >= offset + shown {
        at + 1 - shown
    } else {
        offset
    }
}

impl App {
    /// The cell's recommendations in the list, the mission's mentions highlighted for `n`/`N`
    /// to walk, as a mission pick does.
    fn list_cell(&mut self, row: usize, col: usize) {
        self.set_source(Source::Cell { row, col });
        self.focus = Pane::List;
        let acronym = self.matrix().rows.get(row).map(|row| row.acronym.clone());
        let mission = acronym.and_then(|acronym| {
            self.dataset
                .missions
                .iter()
                .position(|mission| mission.acronym == acronym)
        });
        if let Some(m) = mission {
            let found = self.mentions_found(m, self.list.items.clone());
            if found.is_some() {
                self.set_found(found);
            }
        }
    }
}

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
pub fn status(matrix: &Matrix, state: &MatrixCursor) -> SafeText {
    let (Some(mission), Some(section)) =
        (matrix.rows.get(state.row), matrix.sections.get(state.col))
    else {
        return SafeText::empty();
    };
    safe_format!(
        "{} × {}: {} · all sections: {}",
        mission.acronym,
        section,
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
fn describe(context: &Context, state: &MatrixCursor, cells: usize) -> SafeText {
    let matrix = context.matrix;
    let Some(mission) = matrix.rows.get(state.row) else {
        return SafeText::empty();
    };
    let name = format!(" ({})", mission.name.one_line());
    let section = context
        .dataset
        .sections
        .get(state.col)
        .map_or(String::new(), crate::dataset::Section::heading);
    let count = matrix.count(state.row, state.col);
    let what = match count {
        0 => "no recommendation".to_string(),
        1 => "1 recommendation · Enter lists it".to_string(),
        n => format!("{n} recommendations · Enter lists them"),
    };
    let acronym = mission.acronym.one_line();
    let long = safe_format!("{acronym}{name} × {section}: {what}");
    if crate::text::width(&long) <= cells {
        long
    } else {
        safe_format!("{acronym} × {section}: {what}")
    }
}
