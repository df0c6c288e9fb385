//! The report at a glance: which missions each section's responses name.
//!
//! [`Matrix`] has a row for every gazetteer entry (mission, office or partner operation) that
//! at least one response names by acronym or full name — a place alone does not count, as in
//! [`crate::missions`] — in gazetteer order, and a column for every section of the dataset.
//! A cell holds the paragraph numbers of the section's recommendations whose response names
//! the row's mission. Built from the dataset's missions list, which the gazetteer derives from
//! the responses (and which is checked against them when a dataset is read), nothing kept by
//! hand: an entry added to the gazetteer appears here as soon as the report names it.

use crate::dataset::Dataset;
use crate::missions::entries;
use crate::sanitize::SafeText;

/// Missions × sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// The sections' roman numerals, in document order: the columns.
    pub sections: Vec<SafeText>,
    pub rows: Vec<MatrixRow>,
}

/// One mission's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// The gazetteer's number ([`crate::missions::entries`]) (`usize::MAX` for a mission the
    /// gazetteer does not know).
    pub mission: usize,
    pub acronym: SafeText,
    /// The dataset's name and place of the mission.
    pub name: SafeText,
    pub location: SafeText,
    /// Per section (column), the sorted paragraph numbers of the recommendations whose response
    /// names the mission.
    pub paras: Vec<Vec<u32>>,
}

impl Matrix {
    pub fn new(dataset: &Dataset) -> Matrix {
        // The dataset's missions list is the mentions by acronym or name, checked against (or
        // derived from) the responses when a dataset is read: grouping its paragraphs by
        // section gives the matrix without reading the text again.
        let columns = dataset.sections.len();
        let rows = dataset
            .missions
            .iter()
            .filter_map(|mission| {
                let mut paras: Vec<Vec<u32>> = vec![Vec::new(); columns];
                for &para in &mission.paras {
                    if let Some(cell) = dataset
                        .find(para)
                        .and_then(|location| paras.get_mut(location.section))
                    {
                        cell.push(para);
                    }
                }
                let index = entries()
                    .iter()
                    .position(|entry| entry.acronym == mission.acronym)
                    .unwrap_or(usize::MAX);
                paras
                    .iter()
                    .any(|cell| !cell.is_empty())
                    .then(|| MatrixRow {
                        mission: index,
                        acronym: mission.acronym.clone(),
                        name: mission.name.clone(),
                        location: mission.location.clone(),
                        paras,
                    })
            })
            .collect();
        Matrix {
            sections: dataset.sections.iter().map(|s| s.number.clone()).collect(),
            rows,
        }
    }

    /// The paragraphs behind a cell; empty outside the matrix.
    pub fn paras(&self, row: usize, col: usize) -> &[u32] {
        self.rows
            .get(row)
            .and_then(|r| r.paras.get(col))
            .map_or(&[], Vec::as_slice)
    }

    /// Recommendations of section `col` naming mission `row`; 0 outside the matrix.
    pub fn count(&self, row: usize, col: usize) -> usize {
        self.paras(row, col).len()
    }

    /// Recommendations naming mission `row`, all sections (each recommendation counted once:
    /// a recommendation belongs to one section).
    pub fn row_total(&self, row: usize) -> usize {
        self.rows
            .get(row)
            .map_or(0, |r| r.paras.iter().map(Vec::len).sum())
    }

    /// The sum of column `col`: mission mentions in section `col`, a recommendation naming two
    /// missions counted twice (so the totals add up, as in any cross table).
    pub fn column_total(&self, col: usize) -> usize {
        (0..self.rows.len()).map(|row| self.count(row, col)).sum()
    }

    /// The sum of all cells: mentions, a recommendation naming two missions counted twice.
    pub fn total(&self) -> usize {
        (0..self.rows.len()).map(|row| self.row_total(row)).sum()
    }

    /// The recommendations behind the cells, each counted once however many missions its
    /// response names.
    pub fn recommendations(&self) -> usize {
        let mut paras: Vec<u32> = self
            .rows
            .iter()
            .flat_map(|row| row.paras.iter().flatten().copied())
            .collect();
        paras.sort_unstable();
        paras.dedup();
        paras.len()
    }

    /// `97 mentions in 71 recommendations`: what [`Matrix::total`] counts, and how many
    /// recommendations those mentions are in.
    pub fn totals_label(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} in {}",
            plural(self.total(), "mention", "mentions"),
            plural(self.recommendations(), "recommendation", "recommendations")
        )
    }

    /// The first largest cell, row by row (where the browser's cursor starts); `None` when
    /// every cell is empty.
    pub fn max_cell(&self) -> Option<(usize, usize)> {
        let mut best: Option<((usize, usize), usize)> = None;
        for row in 0..self.rows.len() {
            for col in 0..self.sections.len() {
                let count = self.count(row, col);
                if count > 0 && best.is_none_or(|(_, most)| count > most) {
                    best = Some(((row, col), count));
                }
            }
        }
        best.map(|(cell, _)| cell)
    }

    /// The row of a mission, by acronym (case-insensitive).
    pub fn row_of(&self, acronym: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| r.acronym.eq_ignore_ascii_case(acronym))
    }
}
