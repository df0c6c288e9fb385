//! The mission × section matrix: `c34 missions --matrix --json` against an independent reading
//! of the dataset (the acronym as a case-sensitive word, or the full name with whitespace
//! normalised), and the library's totals and cursor start.

use crate::common::cli::{c34, stdout_of};
use c34::dataset::Dataset;
use c34::missions::entries;
use c34::overview::Matrix;
use serde_json::Value;

/// Whether `needle` occurs in `text` with no letter or digit right before or after it.
fn has_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rule: a response names a mission when it holds the acronym as a word (case-sensitive)
/// or one of its full names, whitespace normalised. Per gazetteer entry, per section, the
/// paragraph numbers.
fn expected(dataset: &Dataset) -> Vec<(&'static str, Vec<Vec<u32>>)> {
    entries()
        .iter()
        .map(|entry| {
            let cells = dataset
                .sections
                .iter()
                .map(|section| {
                    section
                        .recommendations
                        .iter()
                        .filter(|rec| {
                            rec.paragraphs.iter().any(|paragraph| {
                                let text = normalise_space(paragraph);
                                has_word(&text, entry.acronym)
                                    || std::iter::once(entry.name)
                                        .chain(entry.other_names.iter().copied())
                                        .any(|name| has_word(&text, &normalise_space(name)))
                            })
                        })
                        .map(|rec| rec.para)
                        .collect()
                })
                .collect();
            (entry.acronym, cells)
        })
        .filter(|(_, cells): &(&str, Vec<Vec<u32>>)| cells.iter().any(|c| !c.is_empty()))
        .collect()
}

fn numbers(value: &Value) -> Vec<u64> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_u64().expect("a number"))
        .collect()
}

#[test]
fn the_json_matrix_agrees_with_an_independent_reading_for_every_mission() {
    let dataset = Dataset::embedded();
    let expected = expected(&dataset);
    let json: Value =
        serde_json::from_str(&stdout_of(c34().args(["missions", "--matrix", "--json"])))
            .expect("JSON");
    let sections: Vec<&str> = json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s.as_str().expect("a numeral"))
        .collect();
    assert_eq!(
        sections,
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    );
    let missions = json["missions"].as_array().expect("missions");
    let acronyms: Vec<&str> = missions
        .iter()
        .map(|m| m["acronym"].as_str().expect("an acronym"))
        .collect();
    let expected_acronyms: Vec<&str> = expected.iter().map(|(a, _)| *a).collect();
    assert_eq!(acronyms, expected_acronyms, "the rows, in gazetteer order");
    for ((acronym, cells), mission) in expected.iter().zip(missions) {
        let counts: Vec<u64> = cells.iter().map(|c| c.len() as u64).collect();
        assert_eq!(numbers(&mission["counts"]), counts, "{acronym}");
        assert_eq!(
            mission["total"].as_u64(),
            Some(counts.iter().sum()),
            "{acronym}"
        );
        let paras: Vec<Vec<u64>> = mission["paras"]
            .as_array()
            .expect("paras")
            .iter()
            .map(numbers)
            .collect();
        let expected_paras: Vec<Vec<u64>> = cells
            .iter()
            .map(|c| c.iter().map(|&p| u64::from(p)).collect())
            .collect();
        assert_eq!(paras, expected_paras, "{acronym}");
    }
}

#[test]
fn known_rows_of_the_report() {
    // Read off the report: UNMOGIP and UNTSO are named once, by full name, in section V (¶ 100).
    let matrix = Matrix::new(&Dataset::embedded());
    let v = matrix.sections.iter().position(|s| s == "V").unwrap();
    for acronym in ["UNMOGIP", "UNTSO"] {
        let row = matrix.row_of(acronym).unwrap();
        assert_eq!(matrix.paras(row, v), [100], "{acronym}");
        assert_eq!(matrix.row_total(row), 1, "{acronym}");
    }
    // Places alone do not count: ¶ 68 names Somalia (in "the African Union Mission in
    // Somalia"), not the United Nations missions there.
    assert!(matrix.row_of("UNSOM").is_none());
    assert!(matrix.row_of("UNSOS").is_none());
}

#[test]
fn totals_add_up_and_the_cursor_starts_on_the_first_largest_cell() {
    let matrix = Matrix::new(&Dataset::embedded());
    let rows = matrix.rows.len();
    let cols = matrix.sections.len();
    assert!(rows > 0 && cols > 0);
    let mut best = (0, None);
    for row in 0..rows {
        let mut sum = 0;
        for col in 0..cols {
            let count = matrix.count(row, col);
            assert_eq!(count, matrix.rows[row].paras[col].len());
            let paras = matrix.paras(row, col);
            assert!(paras.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
            sum += count;
            if count > best.0 {
                best = (count, Some((row, col)));
            }
        }
        assert_eq!(matrix.row_total(row), sum);
        assert!(sum > 0, "every row names its mission at least once");
    }
    for col in 0..cols {
        let sum: usize = (0..rows).map(|row| matrix.count(row, col)).sum();
        assert_eq!(matrix.column_total(col), sum);
    }
    assert_eq!(matrix.max_cell(), best.1);
    // Outside the matrix: nothing, no panic.
    assert_eq!(matrix.count(rows, 0), 0);
    assert_eq!(matrix.count(0, cols), 0);
    assert!(matrix.paras(rows + 5, cols + 5).is_empty());
    assert_eq!(matrix.row_total(rows), 0);
    assert_eq!(matrix.column_total(cols), 0);
}

#[test]
fn the_matrix_agrees_with_the_mission_index() {
    // c34 missions (the mission index) and the matrix read the same mentions.
    let dataset = Dataset::embedded();
    let matrix = Matrix::new(&dataset);
    let index = c34::missions::index(&dataset);
    assert_eq!(matrix.rows.len(), index.len());
    for (row, mission) in matrix.rows.iter().zip(&index) {
        assert_eq!(row.acronym, mission.acronym);
        let mut paras: Vec<u32> = row.paras.iter().flatten().copied().collect();
        paras.sort_unstable();
        assert_eq!(paras, mission.paras);
        assert_eq!(entries()[row.mission].acronym, row.acronym);
    }
}
