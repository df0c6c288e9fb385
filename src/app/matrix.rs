//! The `o` overlay: the missions × sections matrix ([`crate::overview::Matrix`]) full screen,
//! a cursor on one cell; `Enter` lists the cell's recommendations.

use ratatui::layout::Position;

use super::scroll::{self, Motion};
use super::{App, Overlay, Pane, Source};
use crate::layout::{self, MatrixView};
use crate::text::width;

/// Where the cursor is and which part of the matrix is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixState {
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
/// The widest a mission's place gets in the mission column (longer ones are cut).
pub const PLACE_MAX_WIDTH: usize = 18;

impl App {
    /// The matrix's layout on the current screen: the mission column names each mission's
    /// place too when every section still fits beside it.
    pub fn matrix_view(&self) -> MatrixView {
        let (acronyms, places) = self.matrix_label_widths();
        let sections = self.matrix.sections.len();
        let view = |label: usize| {
            layout::matrix_view(
                self.area(),
                u16::try_from(label).unwrap_or(u16::MAX),
                self.matrix.rows.len(),
                sections,
            )
        };
        let wide = view(acronyms + places + 1);
        if places > 0 && wide.cols == sections {
            wide
        } else {
            view(acronyms)
        }
    }

    /// The widths of the mission column with acronyms only (headings included, and a space),
    /// and of the places, at most [`PLACE_MAX_WIDTH`].
    pub fn matrix_label_widths(&self) -> (usize, usize) {
        let acronyms = self
            .matrix
            .rows
            .iter()
            .map(|row| width(&crate::sanitize::for_line(&row.acronym)))
            .chain([MISSION_HEADING.len(), TOTAL_HEADING.len()])
            .max()
            .unwrap_or(0)
            + 1;
        let places = self
            .matrix
            .rows
            .iter()
            .map(|row| width(&crate::sanitize::for_line(&row.location)))
            .max()
            .unwrap_or(0)
            .min(PLACE_MAX_WIDTH);
        (acronyms, places)
    }

    /// `o`: the matrix, the cursor on its largest cell.
    pub(super) fn open_matrix(&mut self) {
        if self.matrix.rows.is_empty() {
            self.message = Some("No response names a mission".into());
            return;
        }
        let (row, col) = self.matrix.max_cell().unwrap_or((0, 0));
        self.overlay = Some(Overlay::Matrix(MatrixState {
            row,
            col,
            ..MatrixState::default()
        }));
        self.settle_matrix();
    }

    /// Moves the cursor up and down the missions.
    pub(super) fn move_matrix_by(&mut self, motion: Motion) {
        let page = self.matrix_view().rows.max(1);
        let last = self.matrix.rows.len().saturating_sub(1);
        if let Some(Overlay::Matrix(state)) = &mut self.overlay {
            state.row = scroll::moved(state.row, motion, page, last);
        }
    }

    /// Moves the cursor by `rows` and `cols` cells, stopping at the edges.
    pub(super) fn move_in_matrix(&mut self, rows: isize, cols: isize) {
        let (height, width) = (self.matrix.rows.len(), self.matrix.sections.len());
        if let Some(Overlay::Matrix(state)) = &mut self.overlay {
            let step = |at: usize, by: isize, len: usize| {
                at.saturating_add_signed(by).min(len.saturating_sub(1))
            };
            state.row = step(state.row, rows, height);
            state.col = step(state.col, cols, width);
        }
    }

    /// Keeps the cursor inside the matrix and in view.
    pub(super) fn settle_matrix(&mut self) {
        let view = self.matrix_view();
        let (height, width) = (self.matrix.rows.len(), self.matrix.sections.len());
        if let Some(Overlay::Matrix(state)) = &mut self.overlay {
            state.row = state.row.min(height.saturating_sub(1));
            state.col = state.col.min(width.saturating_sub(1));
            state.row_offset = reveal(state.row_offset, state.row, view.rows, height);
            state.col_offset = reveal(state.col_offset, state.col, view.cols, width);
        }
    }

    /// Enter: the cell's recommendations in the list, the matrix closed.
    pub(super) fn list_matrix_cell(&mut self) {
        let Some(Overlay::Matrix(state)) = self.overlay.take() else {
            return;
        };
        let source = Source::Cell {
            row: state.row,
            col: state.col,
        };
        if self.matrix.count(state.row, state.col) == 0 {
            self.overlay = Some(Overlay::Matrix(state));
            self.message = Some("No recommendation here".into());
            return;
        }
        self.set_source(source);
        self.focus = Pane::List;
        // Like a mission pick: the mission's mentions are highlighted and n/N walk them.
        let acronym = self
            .matrix
            .rows
            .get(state.row)
            .map(|row| row.acronym.clone());
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

    /// A click on a cell moves the cursor there; on the cursor's cell, lists it.
    pub(super) fn click_matrix(&mut self, position: Position) {
        let view = self.matrix_view();
        let Some((row, col)) = view.cell_at(position) else {
            return;
        };
        let Some(Overlay::Matrix(state)) = &mut self.overlay else {
            return;
        };
        let (row, col) = (state.row_offset + row, state.col_offset + col);
        if (row, col) == (state.row, state.col) {
            self.list_matrix_cell();
        } else {
            state.row = row;
            state.col = col;
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
