//! The `o` overlay: the missions × sections matrix ([`crate::overview::Matrix`]) full screen,
//! a cursor on one cell; Enter lists the cell's recommendations.

use ratatui::layout::Position;

use super::{Action, Component, Context};
use crate::app::scroll::{self, Motion};
use crate::app::{App, Pane, Source};
use crate::command::{Command, Keymap};
use crate::layout::{self, MatrixView};
use crate::overview::Matrix;
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
        .map(|row| width(&crate::sanitize::for_line(&row.name)))
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
pub fn key_lines(context: &Context, cells: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for section in &context.dataset.sections {
        let entry = crate::text::clip(
            &format!(
                "{} {}",
                crate::sanitize::for_line(&section.number),
                crate::sanitize::for_line(&section.title)
            ),
            cells,
        );
        if line.is_empty() {
            line = entry;
        } else if width(&line) + KEY_GAP.len() + width(&entry) <= cells {
            line.push_str(KEY_GAP);
            line.push_str(&entry);
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
        .map(|row| width(&crate::sanitize::for_line(&row.acronym)))
        .chain([MISSION_HEADING.len(), TOTAL_HEADING.len()])
        .max()
        .unwrap_or(0)
        + 1;
    let places = matrix
        .rows
        .iter()
        .map(|row| width(&crate::sanitize::for_line(&row.location)))
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
        let acronym = self.matrix.rows.get(row).map(|row| row.acronym.clone());
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
