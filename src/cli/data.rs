//! `list`, `show`, `cite`, `export` and `import`: the dataset as text, markdown, JSON or CSV.

use std::io::Write;
use std::path::Path;

use c34::dataset::{Dataset, Recommendation, read_text_file};
use c34::import::{ImportOptions, import as import_text};
use c34::sanitize::{for_line, for_terminal};
use c34::text;

use super::output::{HEADING, output_width, styled, write_json};
use super::selection::{ParaSpec, select};
use super::{ExportFormat, Failure, Outcome, ShowFormat};

pub(super) fn list(
    dataset: &Dataset,
    json: bool,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    if json {
        write_json(out, &dataset.sections)?;
        return Ok(Outcome::Done);
    }
    let indent = "    ";
    let width = output_width(None).saturating_sub(indent.len()).max(8);
    for section in &dataset.sections {
        let heading = format!(
            "{} ({})",
            for_line(&section.heading()),
            section.recommendations.len()
        );
        writeln!(out, "{}", styled(HEADING, &heading))?;
        let paras: Vec<String> = section
            .recommendations
            .iter()
            .map(|rec| rec.para.to_string())
            .collect();
        let paras = paras.join(" ");
        for line in text::wrap(&paras, width) {
            writeln!(out, "{indent}{}", &paras[line])?;
        }
    }
    Ok(Outcome::Done)
}

pub(super) fn show(
    dataset: &Dataset,
    specs: &[ParaSpec],
    width: Option<u16>,
    format: ShowFormat,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(message) => return Ok(Outcome::NotFound(message)),
    };
    let recommendations = &selection.recommendations;
    match format {
        ShowFormat::Json if selection.several => write_json(out, recommendations)?,
        ShowFormat::Json => {
            if let Some(rec) = recommendations.first() {
                write_json(out, rec)?;
            }
        }
        ShowFormat::Markdown => {
            for (i, rec) in recommendations.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_markdown_response(dataset, rec, out)?;
            }
        }
        ShowFormat::Text => {
            let width = output_width(width);
            for (i, rec) in recommendations.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                if selection.several {
                    writeln!(
                        out,
                        "{}",
                        styled(HEADING, &text::clip(&header(dataset, rec), width))
                    )?;
                }
                write_wrapped_response(rec, width, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `¶ 37 · II. Conduct of peacekeepers and peacekeeping operations`.
fn header(dataset: &Dataset, rec: &Recommendation) -> String {
    let section = dataset
        .find(rec.para)
        .and_then(|at| dataset.sections.get(at.section))
        .map(|section| format!(" · {}", for_line(&section.heading())));
    format!("¶ {}{}", rec.para, section.unwrap_or_default())
}

/// The response's paragraphs wrapped to `width` as the reader wraps them, a blank line
/// between paragraphs.
fn write_wrapped_response(
    rec: &Recommendation,
    width: usize,
    out: &mut impl Write,
) -> Result<(), Failure> {
    for (i, paragraph) in rec.paragraphs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let paragraph = for_terminal(paragraph);
        let paragraph = text::expand_tabs(&paragraph);
        for line in text::wrap(&paragraph, width) {
            writeln!(out, "{}", &paragraph[line])?;
        }
    }
    Ok(())
}

/// `## ¶ 165 — A/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19`, then the
/// paragraphs unwrapped.
fn write_markdown_response(
    dataset: &Dataset,
    rec: &Recommendation,
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(
        out,
        "## ¶ {} — {}",
        rec.para,
        markdown_text(&dataset.document.citation(rec.para))
    )?;
    for paragraph in &rec.paragraphs {
        writeln!(out)?;
        writeln!(out, "{}", markdown_text(paragraph))?;
    }
    Ok(())
}

/// One citation per line: `A/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19`.
pub(super) fn cite(
    dataset: &Dataset,
    specs: &[ParaSpec],
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(message) => return Ok(Outcome::NotFound(message)),
    };
    for rec in &selection.recommendations {
        writeln!(out, "{}", for_line(&dataset.document.citation(rec.para)))?;
    }
    Ok(Outcome::Done)
}

pub(super) fn export(
    dataset: &Dataset,
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    match format {
        ExportFormat::Json => write_json(out, dataset)?,
        ExportFormat::Markdown => write_markdown(dataset, out)?,
        ExportFormat::Csv => write_csv(dataset, out)?,
    }
    Ok(Outcome::Done)
}

pub(super) fn import(
    report: &Path,
    output: Option<&Path>,
    symbol: Option<String>,
) -> Result<Outcome, Failure> {
    let name = report.display();
    let text = read_text_file(report).map_err(|e| Failure::Message(e.to_string()))?;
    let dataset = import_text(&text, &ImportOptions { symbol })
        .map_err(|e| Failure::Message(format!("{name}:{e}")))?;
    if let Some(path) = output {
        std::fs::write(path, Dataset::to_json(&dataset))
            .map_err(|e| Failure::Message(format!("{}: cannot write: {e}", path.display())))?;
    } else {
        let mut out = super::output::stdout();
        write_json(&mut out, &dataset)?;
        out.flush()?;
    }
    Ok(Outcome::Done)
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

/// `section,para,text`: one row per recommendation, its paragraphs joined by a blank line.
/// Text is sanitised for the terminal like every other text output.
fn write_csv(dataset: &Dataset, out: &mut impl Write) -> Result<(), Failure> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(["section", "para", "text"])
        .map_err(csv_failure)?;
    for section in &dataset.sections {
        let numeral = for_line(&section.number);
        for rec in &section.recommendations {
            let text = for_terminal(&rec.paragraphs.join("\n\n")).into_owned();
            writer
                .write_record([numeral.as_ref(), &rec.para.to_string(), &text])
                .map_err(csv_failure)?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// I/O errors stay I/O errors, so a closed pipe still ends quietly.
fn csv_failure(error: csv::Error) -> Failure {
    let message = error.to_string();
    match error.into_kind() {
        csv::ErrorKind::Io(error) => Failure::Io(error),
        _ => Failure::Message(format!("cannot write CSV: {message}")),
    }
}
