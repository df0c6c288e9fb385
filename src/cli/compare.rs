//! `compare PARA [--with SYMBOL] [--json]`: the open report's response to a paragraph beside
//! the most similar response of each other report of the library (`c34::series::compare`),
//! with a word diff. On a terminal deletions are red and struck through, insertions green and
//! underlined; without colour (`NO_COLOR`, a pipe) they are marked `[-…-]` and `{+…+}`.

use std::io::{self, IsTerminal, Write};

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};

use c34::dataset::Dataset;
use c34::library::Library;
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::series::compare::{Comparison, Op, ResponseIndex, THRESHOLD, compare_all};

use super::output::{HEADING, color_choice, output_width, write_json};
use super::{Failure, Outcome, warn};

#[derive(Debug, clap::Args)]
pub(super) struct CompareArgs {
    /// The paragraph number of the recommendation, as the open report numbers it
    para: u32,
    /// Compare with this report only (default: every other report c34 has)
    #[arg(long, value_name = "SYMBOL")]
    with: Option<String>,
    /// Print `[{"symbol", "para", "similarity", "diff": [{"op", "text"}]}]`
    #[arg(long)]
    json: bool,
    /// Wrap text to this many columns (as for `show`)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    width: Option<u16>,
}

const DELETED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .strikethrough();
const INSERTED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)))
    .underline();

pub(super) fn compare(
    dataset: &Dataset,
    args: &CompareArgs,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let para = args.para;
    if dataset.find(para).is_none() {
        return Ok(Outcome::NotFound(dataset.no_response_message(para)));
    }
    let library = Library::open_default();
    let others: Vec<Dataset> = if let Some(symbol) = &args.with {
        vec![library.open(Some(symbol))?.0]
    } else {
        let listing = library.list()?;
        for skipped in &listing.unreadable {
            warn(&safe_format!("{} (skipped)", skipped.error));
        }
        listing
            .reports
            .into_iter()
            .map(|entry| entry.dataset)
            .collect()
    };
    let indexes: Vec<ResponseIndex> = others.iter().map(ResponseIndex::new).collect();
    let found = compare_all(dataset, para, others.iter().zip(&indexes));
    if args.json {
        write_json(out, &found)?;
    } else {
        let width = output_width(args.width);
        let marks = !colour_on();
        for (i, comparison) in found.iter().enumerate() {
            if i > 0 {
                out.blank()?;
            }
            write_comparison(comparison, width, marks, out)?;
        }
    }
    if found.is_empty() {
        let compared: Vec<String> = others
            .iter()
            .map(|other| other.document.symbol.one_line().into_owned())
            .filter(|symbol| **symbol != *dataset.document.symbol)
            .collect();
        let compared = if compared.is_empty() {
            "c34 has no other report (c34 add FILE adds one)".to_string()
        } else {
            format!(
                "no response of {} is {}% similar to ¶ {para} or more",
                compared.join(", "),
                (THRESHOLD * 100.0).round()
            )
        };
        return Ok(Outcome::NotFound(compared));
    }
    Ok(Outcome::Done)
}

/// Whether standard output shows colour (as `output::stdout` decides).
fn colour_on() -> bool {
    let stdout = io::stdout();
    match color_choice(
        std::env::var_os("NO_COLOR").as_deref(),
        stdout.is_terminal(),
    ) {
        ColorChoice::Never => false,
        _ => AutoStream::choice(&stdout) != ColorChoice::Never,
    }
}

/// `A/77/…/Add.1 ¶ 40 · 83% similar`, then the diff, wrapped, paragraph by paragraph.
fn write_comparison(
    comparison: &Comparison,
    width: usize,
    marks: bool,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let header = safe_format!(
        "{} ¶ {} · {:.0}% similar",
        comparison.symbol,
        comparison.para,
        comparison.similarity * 100.0
    );
    out.styled_line(HEADING, &header)?;
    let plain = Style::new();
    let bracketed = |open: &'static str, text: &SafeText, close: &'static str| {
        let mut marked = SafeText::new(open);
        marked.push(text);
        marked.push_literal(close);
        (plain, marked)
    };
    let mut pieces: Vec<(Style, SafeText)> = Vec::new();
    for op in &comparison.diff {
        // Untrusted text, made safe before any marking is added; paragraph breaks kept.
        let text = SafeText::new(op.text.as_str());
        pieces.push(match (op.op, marks) {
            (Op::Equal, _) => (plain, text),
            (Op::Delete, true) => bracketed("[-", &text, "-]"),
            (Op::Insert, true) => bracketed("{+", &text, "+}"),
            (Op::Delete, false) => (DELETED, text),
            (Op::Insert, false) => (INSERTED, text),
        });
    }
    out.filled(&pieces, width)?;
    Ok(())
}
