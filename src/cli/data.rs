//! `list`, `show`, `cite`, `export` and `import`: the dataset as text, markdown, JSON or CSV.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use c34::dataset::{Dataset, Recommendation, read_text_file};
use c34::import::{ImportOptions, import as import_text};
use c34::sanitize::SafeText;
use c34::text;

use c34::series::committee::CommitteeReport;

use super::output::{HEADING, output_width, styled, write_json};
use super::selection::{ParaSpec, select};
use super::{ExportFormat, Failure, Outcome, ShowFormat, recommendation};

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
        let heading = format!("{} ({})", section.heading(), section.recommendations.len());
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
    committee: Option<&CommitteeReport>,
    specs: &[ParaSpec],
    width: Option<u16>,
    format: ShowFormat,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(unanswered) => return Ok(Outcome::NotFound(unanswered.to_string())),
    };
    let recommendations = &selection.recommendations;
    match format {
        ShowFormat::Json if selection.several => {
            write_json(out, &recommendation::shown(recommendations, committee))?;
        }
        ShowFormat::Json => {
            if let Some(rec) = recommendation::shown(recommendations, committee).first() {
                write_json(out, rec)?;
            }
        }
        ShowFormat::Markdown => {
            for (i, rec) in recommendations.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write_markdown_response(dataset, committee, rec, out)?;
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
                recommendation::write_text(committee, rec.para, width, out)?;
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
        .map(|section| format!(" · {}", section.heading()));
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
        write_wrapped(paragraph, width, out)?;
    }
    Ok(())
}

/// Safe text wrapped to `width`, tabs expanded first so that every cell is counted.
pub(super) fn write_wrapped(
    paragraph: &SafeText,
    width: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let paragraph = text::expand_tabs(paragraph);
    for line in text::wrap(&paragraph, width) {
        writeln!(out, "{}", &paragraph[line])?;
    }
    Ok(())
}

/// `## ¶ 165 — ` and the citation (see `Document::citation`), then the
/// paragraphs unwrapped.
fn write_markdown_response(
    dataset: &Dataset,
    committee: Option<&CommitteeReport>,
    rec: &Recommendation,
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(
        out,
        "## ¶ {} — {}",
        rec.para,
        markdown_text(&dataset.document.citation(rec.para))
    )?;
    recommendation::write_markdown(committee, rec.para, out)?;
    for paragraph in &rec.paragraphs {
        writeln!(out)?;
        writeln!(out, "{}", markdown_text(paragraph))?;
    }
    Ok(())
}

/// One citation per line (see `Document::citation`).
pub(super) fn cite(
    dataset: &Dataset,
    specs: &[ParaSpec],
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(unanswered) => return Ok(Outcome::NotFound(unanswered.to_string())),
    };
    for rec in &selection.recommendations {
        writeln!(out, "{}", dataset.document.citation(rec.para))?;
    }
    Ok(Outcome::Done)
}

pub(super) fn export(
    dataset: &Dataset,
    committee: Option<&CommitteeReport>,
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    match format {
        ExportFormat::Json => match committee {
            Some(committee) => write_json(out, &recommendation::exported(dataset, committee)?)?,
            None => write_json(out, dataset)?,
        },
        ExportFormat::Markdown => write_markdown(dataset, committee, out)?,
        ExportFormat::Csv => write_csv(dataset, out)?,
    }
    Ok(Outcome::Done)
}

pub(super) fn import(
    report: &Path,
    output: Option<&Path>,
    symbol: Option<String>,
) -> Result<Outcome, Failure> {
    let text = read_text_file(report)?;
    let dataset =
        import_text(&text, &ImportOptions { symbol }).map_err(|source| Failure::Import {
            path: report.to_path_buf(),
            source,
        })?;
    if let Some(path) = output {
        write_atomically(path, dataset.to_json().as_bytes()).map_err(|source| {
            Failure::WriteFile {
                path: path.to_path_buf(),
                source,
            }
        })?;
    } else {
        let mut out = super::output::stdout();
        write_json(&mut out, &dataset)?;
        out.flush()?;
    }
    Ok(Outcome::Done)
}

/// Replaces `path` with `contents` so that a crash, a kill or a full disk at any moment leaves
/// the old file or the new one, never part of one: a temporary file in the same directory,
/// fsynced, renamed over `path`, then the directory fsynced so the rename is on disk too. The
/// file keeps the mode of the one it replaces (a new one gets the usual 0666 less the umask);
/// a symlink is followed and its target replaced.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    // A symlink (a dataset kept in another folder) stays one: its target is replaced.
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let path = resolved.as_path();
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".c34-import-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(())
}

fn write_markdown(
    dataset: &Dataset,
    committee: Option<&CommitteeReport>,
    out: &mut impl Write,
) -> Result<(), Failure> {
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
            recommendation::write_markdown(committee, rec.para, out)?;
            for paragraph in &rec.paragraphs {
                writeln!(out)?;
                writeln!(out, "{}", markdown_text(paragraph))?;
            }
        }
    }
    Ok(())
}

/// Escapes the characters markdown would read as markup, on one line, safe for the terminal.
pub(super) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in c34::sanitize::for_line(text).chars() {
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
        .map_err(Failure::Csv)?;
    for section in &dataset.sections {
        let numeral = section.number.one_line();
        for rec in &section.recommendations {
            let text = rec.paragraphs.join("\n\n");
            writer
                .write_record([numeral.as_ref(), &rec.para.to_string(), &text])
                .map_err(Failure::Csv)?;
        }
    }
    writer.flush()?;
    Ok(())
}
