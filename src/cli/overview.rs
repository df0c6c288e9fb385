//! `refs` and `missions --matrix`: the report at a glance.
//!
//! `refs` lists the documents the responses cite (symbol, paragraphs, link), aligned; `--json`
//! prints `[{"symbol", "paras", "link"}]`, `--format csv` the same columns. `missions --matrix`
//! prints missions × sections: an acronym column, one column per section numeral, a total
//! column and a total row, zero cells as `·`, headers in bold on a terminal unless `NO_COLOR`
//! is set; `--format json` (or `--json`) and `--format csv` print the same counts for scripts.

use std::io::{IsTerminal, Write};

use anstyle::Style;
use serde::Serialize;

use c34::dataset::Dataset;
use c34::overview::Matrix;
use c34::refs::{Reference, references};
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::text::width;

use super::data::{write_header, write_row};
use super::output::write_json;
use super::{Failure, Outcome};

/// Arguments of `c34 refs`.
#[derive(Debug, clap::Args)]
pub(super) struct RefsArgs {
    /// text: aligned columns; json: [{"symbol", "paras", "link"}]; csv: symbol,paras,link
    #[arg(long, value_enum, default_value_t = RefsFormat::Text)]
    format: RefsFormat,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum RefsFormat {
    Text,
    Json,
    Csv,
}

/// How `c34 missions` prints the missions, or with `--matrix` the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum MissionsFormat {
    Text,
    Json,
    Csv,
}

/// The headers and the total row's label, on a terminal.
const HEADER: Style = Style::new().bold();

/// What a zero cell shows in the text table.
const EMPTY_CELL: &str = "·";
/// Between columns of the text tables.
const GAP: &str = "  ";

pub(super) fn refs(
    dataset: &Dataset,
    args: &RefsArgs,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let references = references(dataset);
    let format = if args.json {
        RefsFormat::Json
    } else {
        args.format
    };
    match format {
        RefsFormat::Text => write_references(&references, out)?,
        RefsFormat::Json => write_json(out, &references)?,
        RefsFormat::Csv => {
            let mut writer = out.csv();
            write_header(&mut writer, ["symbol", "paras", "link"])?;
            for reference in &references {
                let paras: Vec<String> = reference.paras.iter().map(u32::to_string).collect();
                write_row(
                    &mut writer,
                    [
                        &reference.symbol.to_line(),
                        &SafeText::line(paras.join(" ")),
                        &SafeText::line(reference.link.as_str()),
                    ],
                )?;
            }
            writer.flush()?;
        }
    }
    if references.is_empty() {
        return Ok(Outcome::NotFound("the responses cite no documents".into()));
    }
    Ok(Outcome::Done)
}

fn write_references(
    references: &[Reference],
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    let rows: Vec<(String, String, String)> = references
        .iter()
        .map(|r| {
            let paras: Vec<String> = r.paras.iter().map(u32::to_string).collect();
            (
                r.symbol.one_line().into_owned(),
                paras.join(" "),
                r.link.clone(),
            )
        })
        .collect();
    let symbol_width = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let paras_width = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
    for (symbol, paras, link) in &rows {
        out.line(&safe_format!(
            "{}{GAP}{}{GAP}{link}",
            pad_right(symbol, symbol_width),
            pad_right(paras, paras_width)
        ))?;
    }
    Ok(())
}

pub(super) fn matrix(
    dataset: &Dataset,
    format: MissionsFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let matrix = Matrix::new(dataset);
    match format {
        MissionsFormat::Text => {
            let bold = std::io::stdout().is_terminal()
                && c34::tui::color_wanted(std::env::var_os("NO_COLOR").as_deref());
            write_table(&matrix, bold, out)?;
        }
        MissionsFormat::Json => write_json(out, &JsonMatrix::from(&matrix))?,
        MissionsFormat::Csv => write_csv(&matrix, out)?,
    }
    if matrix.rows.is_empty() {
        return Ok(Outcome::NotFound("the dataset names no missions".into()));
    }
    Ok(Outcome::Done)
}

/// The text table, columns right-aligned under their numerals.
fn write_table(matrix: &Matrix, bold: bool, out: &mut Printer<impl Write>) -> std::io::Result<()> {
    let count_text = |n: usize| {
        if n == 0 {
            EMPTY_CELL.to_string()
        } else {
            n.to_string()
        }
    };
    let mut header = vec!["mission".to_string()];
    header.extend(matrix.sections.iter().map(|s| s.one_line().into_owned()));
    header.push("total".into());
    let mut body: Vec<Vec<String>> = matrix
        .rows
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let mut line = vec![r.acronym.one_line().into_owned()];
            line.extend((0..matrix.sections.len()).map(|col| count_text(matrix.count(row, col))));
            line.push(matrix.row_total(row).to_string());
            line
        })
        .collect();
    let mut totals = vec!["total".to_string()];
    totals.extend((0..matrix.sections.len()).map(|col| count_text(matrix.column_total(col))));
    totals.push(matrix.total().to_string());
    body.push(totals);
    let widths: Vec<usize> = (0..header.len())
        .map(|col| {
            std::iter::once(&header)
                .chain(&body)
                .filter_map(|line| line.get(col))
                .map(|cell| width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let layout = |line: &[String]| -> String {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(col, (cell, &w))| {
                if col == 0 {
                    pad_right(cell, w)
                } else {
                    pad_left(cell, w)
                }
            })
            .collect();
        cells.join(GAP).trim_end().to_string()
    };
    // Cells of safe text and numbers, laid out: still safe, checked without a copy.
    let layout = |line: &[String]| SafeText::line(layout(line));
    let emphasise = |out: &mut Printer<_>, text: &SafeText| {
        if bold {
            out.styled(HEADER, text)
        } else {
            out.text(text)
        }
    };
    emphasise(out, &layout(&header))?;
    out.blank()?;
    let last = body.len() - 1;
    for (i, line) in body.iter().enumerate() {
        if i == last {
            // The total row: its label in bold, like the headers.
            let text = layout(line);
            let split = "total".len();
            if let (Some(label), Some(rest)) = (text.slice(0..split), text.slice(split..text.len()))
            {
                emphasise(out, &label)?;
                out.line(&rest)?;
            }
        } else {
            out.line(&layout(line))?;
        }
    }
    // The total adds cells: say what it counts, so it never reads as a count of recommendations.
    out.blank()?;
    out.line(&SafeText::line(matrix.totals_label()))?;
    Ok(())
}

/// `mission,I,…,IX,total`, then one line per mission; no total line, so every line is a
/// mission. Lines end with LF (RFC 4180 says CRLF, but every CSV reader takes LF and so do
/// shells).
fn write_csv(matrix: &Matrix, out: &mut Printer<impl Write>) -> Result<(), Failure> {
    let mut writer = out.csv();
    let mut header = vec![SafeText::new("mission")];
    header.extend(matrix.sections.iter().map(SafeText::to_line));
    header.push(SafeText::new("total"));
    writer.record(&header).map_err(Failure::Csv)?;
    for (row, r) in matrix.rows.iter().enumerate() {
        let mut line = vec![r.acronym.to_line()];
        line.extend(
            (0..matrix.sections.len()).map(|col| safe_format!("{}", matrix.count(row, col))),
        );
        line.push(safe_format!("{}", matrix.row_total(row)));
        writer.record(&line).map_err(Failure::Csv)?;
    }
    writer.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct JsonMatrix {
    sections: Vec<SafeText>,
    missions: Vec<JsonMission>,
    /// Column sums, as in the text table's total row.
    totals: Vec<usize>,
    total: usize,
}

#[derive(Serialize)]
struct JsonMission {
    acronym: SafeText,
    name: SafeText,
    counts: Vec<usize>,
    total: usize,
    /// Per section, the paragraphs behind each count.
    paras: Vec<Vec<u32>>,
}

impl From<&Matrix> for JsonMatrix {
    fn from(matrix: &Matrix) -> JsonMatrix {
        let columns = 0..matrix.sections.len();
        JsonMatrix {
            sections: matrix.sections.clone(),
            missions: matrix
                .rows
                .iter()
                .enumerate()
                .map(|(row, r)| JsonMission {
                    acronym: r.acronym.clone(),
                    name: r.name.clone(),
                    counts: columns.clone().map(|col| matrix.count(row, col)).collect(),
                    total: matrix.row_total(row),
                    paras: r.paras.clone(),
                })
                .collect(),
            totals: columns.map(|col| matrix.column_total(col)).collect(),
            total: matrix.total(),
        }
    }
}

fn pad_right(text: &str, cells: usize) -> String {
    format!("{text}{}", " ".repeat(cells.saturating_sub(width(text))))
}

fn pad_left(text: &str, cells: usize) -> String {
    format!("{}{text}", " ".repeat(cells.saturating_sub(width(text))))
}
