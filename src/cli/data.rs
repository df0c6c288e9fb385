//! `list`, `show`, `export` and `import`: the dataset as text, JSON or markdown.

use std::io::{IsTerminal, Write};
use std::path::Path;

use c34::dataset::{Dataset, read_text_file};
use c34::import::{ImportOptions, import as import_text};
use c34::sanitize::{for_line, for_terminal, json_for_terminal};

use super::{ExportFormat, Failure, Outcome};

/// Widest text `show` wraps to by default: long lines are hard to read, even on wide terminals.
const DEFAULT_MAX_WIDTH: usize = 100;

pub fn list(dataset: &Dataset, json: bool, out: &mut impl Write) -> Result<Outcome, Failure> {
    if json {
        write_json(out, &dataset.sections)?;
        return Ok(Outcome::Done);
    }
    let width = output_width(None);
    for section in &dataset.sections {
        writeln!(
            out,
            "{} ({})",
            for_line(&section.heading()),
            section.recommendations.len()
        )?;
        let paras: Vec<String> = section
            .recommendations
            .iter()
            .map(|rec| rec.para.to_string())
            .collect();
        let options = textwrap::Options::new(width.max(8))
            .initial_indent("    ")
            .subsequent_indent("    ");
        writeln!(out, "{}", textwrap::fill(&paras.join(" "), options))?;
    }
    Ok(Outcome::Done)
}

pub fn show(
    dataset: &Dataset,
    para: u32,
    width: Option<u16>,
    json: bool,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let Some(recommendation) = dataset.find(para).and_then(|at| dataset.get(at)) else {
        return Ok(Outcome::NotFound(unknown_para_message(dataset, para)));
    };
    if json {
        write_json(out, recommendation)?;
        return Ok(Outcome::Done);
    }
    let width = output_width(width.map(usize::from));
    for (i, paragraph) in recommendation.paragraphs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let options =
            textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        writeln!(out, "{}", textwrap::fill(&for_terminal(paragraph), options))?;
    }
    Ok(Outcome::Done)
}

/// "no response to paragraph 65 of A/75/19; the nearest are 64 and 66".
pub fn unknown_para_message(dataset: &Dataset, para: u32) -> String {
    let nearest: Vec<String> = dataset
        .nearest_paras(para)
        .iter()
        .map(u32::to_string)
        .collect();
    let responds_to = for_line(&dataset.document.responds_to);
    match nearest.as_slice() {
        [] => format!("no response to paragraph {para} of {responds_to}"),
        [one] => format!("no response to paragraph {para} of {responds_to}; the nearest is {one}"),
        [below, above] => format!(
            "no response to paragraph {para} of {responds_to}; the nearest are {below} and {above}"
        ),
        _ => unreachable!("nearest_paras returns at most two"),
    }
}

pub fn export(
    dataset: &Dataset,
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    match format {
        ExportFormat::Json => write_json(out, dataset)?,
        ExportFormat::Markdown => write_markdown(dataset, out)?,
    }
    Ok(Outcome::Done)
}

pub fn import(
    report: &Path,
    output: Option<&Path>,
    symbol: Option<String>,
) -> Result<Outcome, Failure> {
    let name = report.display();
    let text = read_text_file(report).map_err(|e| Failure::Message(e.to_string()))?;
    let dataset = import_text(&text, &ImportOptions { symbol })
        .map_err(|e| Failure::Message(format!("{name}:{e}")))?;
    let json = Dataset::to_json(&dataset);
    if let Some(path) = output {
        std::fs::write(path, json)
            .map_err(|e| Failure::Message(format!("{}: cannot write: {e}", path.display())))?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(json_for_terminal(&json).as_bytes())?;
        out.flush()?;
    }
    Ok(Outcome::Done)
}

fn write_json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> Result<(), Failure> {
    let json = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
    writeln!(out, "{}", json_for_terminal(&json))?;
    Ok(())
}

fn write_markdown(dataset: &Dataset, out: &mut impl Write) -> Result<(), Failure> {
    let doc = &dataset.document;
    writeln!(out, "# {}", markdown_text(&doc.title))?;
    writeln!(out)?;
    writeln!(out, "- Symbol: {}", markdown_text(&doc.symbol))?;
    writeln!(out, "- Date: {}", markdown_text(&doc.date))?;
    writeln!(out, "- Session: {}", doc.session)?;
    if doc.agenda_item_title.is_empty() {
        writeln!(out, "- Agenda item: {}", markdown_text(&doc.agenda_item))?;
    } else {
        writeln!(
            out,
            "- Agenda item: {} ({})",
            markdown_text(&doc.agenda_item),
            markdown_text(&doc.agenda_item_title)
        )?;
    }
    writeln!(out, "- Responds to: {}", markdown_text(&doc.responds_to))?;
    writeln!(out)?;
    writeln!(out, "## Summary")?;
    for paragraph in doc.summary.split("\n\n") {
        writeln!(out)?;
        writeln!(out, "{}", markdown_text(paragraph))?;
    }
    for section in &dataset.sections {
        writeln!(out)?;
        writeln!(out, "## {}", markdown_text(&section.heading()))?;
        for rec in &section.recommendations {
            writeln!(out)?;
            writeln!(
                out,
                "### Paragraph {} of {}",
                rec.para,
                markdown_text(&doc.responds_to)
            )?;
            for paragraph in &rec.paragraphs {
                writeln!(out)?;
                writeln!(out, "{}", markdown_text(paragraph))?;
            }
        }
    }
    Ok(())
}

/// Escapes the characters markdown would read as markup, and sanitises for the terminal.
pub(super) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in for_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `--width`, else the terminal's width (capped for comfortable reading), else 80.
pub(super) fn output_width(requested: Option<usize>) -> usize {
    if let Some(width) = requested {
        return width;
    }
    let terminal = std::io::stdout()
        .is_terminal()
        .then(ratatui::crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(columns, _)| usize::from(columns));
    terminal.map_or(80, |columns| columns.clamp(20, DEFAULT_MAX_WIDTH))
}
