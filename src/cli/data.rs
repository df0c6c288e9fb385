//! `list`, `show`, `cite`, `export` and `import`: the dataset as text, markdown, JSON or CSV.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use c34::dataset::{Dataset, Recommendation, Section, read_text_file};
use c34::import::{ImportOptions, import as import_text};
use c34::safe_format;
use c34::sanitize::{CsvPrinter, Printer, SafeText};
use c34::text;

use c34::series::committee::{CommitteeRecommendation, CommitteeReport};

use super::output::{HEADING, hanging, output_width, wrapped, write_json};
use super::selection::{ParaSpec, select};
use super::{ExportFormat, Failure, Outcome, ShowFormat, recommendation};

/// How `c34 list` prints the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ListFormat {
    Text,
    Json,
    Csv,
}

/// How `c34 cite` prints the citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum CiteFormat {
    Text,
    Json,
    Csv,
}

pub(super) fn list(
    dataset: &Dataset,
    format: ListFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let paras_of = |section: &Section| {
        let paras: Vec<String> = section
            .recommendations
            .iter()
            .map(|rec| rec.para.to_string())
            .collect();
        SafeText::line(paras.join(" "))
    };
    match format {
        ListFormat::Json => write_json(out, &dataset.sections)?,
        ListFormat::Csv => {
            let mut writer = out.csv();
            write_header(
                &mut writer,
                ["section", "section_title", "responses", "paras"],
            )?;
            for section in &dataset.sections {
                write_row(
                    &mut writer,
                    [
                        &section.number.to_line(),
                        &section.title.to_line(),
                        &safe_format!("{}", section.recommendations.len()),
                        &paras_of(section),
                    ],
                )?;
            }
            writer.flush()?;
        }
        ListFormat::Text => {
            let width = output_width(None);
            let indent = "    ";
            for section in &dataset.sections {
                let heading =
                    safe_format!("{} ({})", section.heading(), section.recommendations.len());
                for line in hanging(&heading, width, "", indent) {
                    out.styled_line(HEADING, &line)?;
                }
                for line in hanging(&paras_of(section), width, indent, indent) {
                    out.line(&line)?;
                }
            }
        }
    }
    Ok(Outcome::Done)
}

/// A CSV header row, as every command writes it first.
pub(super) fn write_header<W: Write, const N: usize>(
    writer: &mut CsvPrinter<W>,
    names: [&'static str; N],
) -> Result<(), Failure> {
    writer.header(names).map_err(Failure::Csv)
}

/// A CSV record of safe text.
pub(super) fn write_row<W: Write, const N: usize>(
    writer: &mut CsvPrinter<W>,
    row: [&SafeText; N],
) -> Result<(), Failure> {
    writer.row(row).map_err(Failure::Csv)
}

/// A response as `show --json` prints it: the dataset's recommendation object (`para`,
/// `paragraphs`), then the section it sits in and how to cite it.
#[derive(Serialize)]
struct ResponseRecord<'a> {
    #[serde(flatten)]
    recommendation: &'a Recommendation,
    #[serde(flatten)]
    place: Place<'a>,
    /// The Special Committee's paragraph it answers, when the library has the Committee's
    /// report (`null` otherwise).
    #[serde(rename = "recommendation")]
    committee: Option<CommitteeRecommendation>,
}

/// Where a response sits and how to cite it, in every JSON record that prints one.
#[derive(Serialize)]
pub(super) struct Place<'a> {
    /// The section's numeral (`VIII`).
    section: &'a str,
    section_title: &'a str,
    citation: String,
}

impl<'a> Place<'a> {
    pub(super) fn of(dataset: &'a Dataset, para: u32) -> Place<'a> {
        let section = dataset.section_of(para);
        Place {
            section: section.map_or("", |s| s.number.original()),
            section_title: section.map_or("", |s| s.title.original()),
            citation: dataset.document.citation(para),
        }
    }
}

/// A citation as `cite --json` prints it.
#[derive(Serialize)]
struct CitationRecord<'a> {
    para: u32,
    #[serde(flatten)]
    place: Place<'a>,
}

pub(super) fn show<'a>(
    dataset: &'a Dataset,
    specs: &[ParaSpec],
    width: Option<u16>,
    format: ShowFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(unanswered) => return Ok(Outcome::NotFound(unanswered.to_string())),
    };
    let recommendations = &selection.recommendations;
    // The Committee's report the dataset responds to, when the library keeps it.
    let committee = recommendation::committee_of(dataset);
    let committee = committee.as_ref();
    let record = |rec: &&'a Recommendation| ResponseRecord {
        recommendation: rec,
        place: Place::of(dataset, rec.para),
        committee: committee.and_then(|c| c.recommendation(rec.para)),
    };
    match format {
        ShowFormat::Json if selection.several => {
            let records: Vec<ResponseRecord> = recommendations.iter().map(record).collect();
            write_json(out, &records)?;
        }
        ShowFormat::Json => {
            if let Some(rec) = recommendations.first() {
                write_json(out, &record(rec))?;
            }
        }
        ShowFormat::Csv => write_csv(dataset, recommendations.iter().copied(), out)?,
        ShowFormat::Markdown => {
            for (i, rec) in recommendations.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                write_markdown_response(dataset, committee, rec, out)?;
            }
        }
        ShowFormat::Text => {
            let width = output_width(width);
            for (i, rec) in recommendations.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                if selection.several {
                    let heading = header(dataset, rec.para);
                    let clipped = text::clip(&heading, width);
                    out.styled_line(HEADING, &SafeText::line(clipped))?;
                }
                recommendation::write_text(committee, rec.para, width, out)?;
                write_wrapped_response(rec, width, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// `¶ 37 · II. Conduct of peacekeepers and peacekeeping operations`.
fn header(dataset: &Dataset, para: u32) -> SafeText {
    let section = dataset
        .section_of(para)
        .map(|section| format!(" · {}", section.heading()));
    safe_format!("¶ {para}{}", section.unwrap_or_default())
}

/// The one heading every markdown response has (`show`, `search`, `notes`): `## ¶ 37 · II.
/// Conduct of peacekeepers and peacekeeping operations`, a blank line, the citation.
pub(super) fn write_markdown_heading(
    dataset: &Dataset,
    para: u32,
    out: &mut Printer<impl Write>,
) -> io::Result<()> {
    out.line(&markdown_line("## ", &header(dataset, para)))?;
    out.blank()?;
    out.line(&markdown_text(&SafeText::line(
        dataset.document.citation(para),
    )))
}

/// The response's paragraphs wrapped to `width` as the reader wraps them, a blank line
/// between paragraphs.
fn write_wrapped_response(
    rec: &Recommendation,
    width: usize,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    for (i, paragraph) in rec.paragraphs.iter().enumerate() {
        if i > 0 {
            out.blank()?;
        }
        write_wrapped(paragraph, width, out)?;
    }
    Ok(())
}

/// Safe text wrapped to `width` (see [`wrap_words`]), tabs expanded first so that every cell
/// is counted.
pub(super) fn write_wrapped(
    paragraph: &SafeText,
    width: usize,
    out: &mut Printer<impl Write>,
) -> io::Result<()> {
    let paragraph = SafeText::new(text::expand_tabs(paragraph).into_owned());
    for line in wrapped(&paragraph, width) {
        out.line(&line)?;
    }
    Ok(())
}

/// The heading (see [`write_markdown_heading`]), then the paragraphs unwrapped.
fn write_markdown_response(
    dataset: &Dataset,
    committee: Option<&CommitteeReport>,
    rec: &Recommendation,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    write_markdown_heading(dataset, rec.para, out)?;
    recommendation::write_markdown(committee, rec.para, out)?;
    for paragraph in &rec.paragraphs {
        out.blank()?;
        out.line(&markdown_text(paragraph))?;
    }
    Ok(())
}

/// One citation per line (see `Document::citation`), or records with the section.
pub(super) fn cite(
    dataset: &Dataset,
    specs: &[ParaSpec],
    format: CiteFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let selection = match select(dataset, specs) {
        Ok(selection) => selection,
        Err(unanswered) => return Ok(Outcome::NotFound(unanswered.to_string())),
    };
    let records: Vec<CitationRecord> = selection
        .recommendations
        .iter()
        .map(|rec| CitationRecord {
            para: rec.para,
            place: Place::of(dataset, rec.para),
        })
        .collect();
    match format {
        CiteFormat::Text => {
            for record in &records {
                out.line(&SafeText::line(record.place.citation.as_str()))?;
            }
        }
        // One number, one object, as `show --json` does; an array otherwise.
        CiteFormat::Json if selection.several => write_json(out, &records)?,
        CiteFormat::Json => {
            if let Some(record) = records.first() {
                write_json(out, record)?;
            }
        }
        CiteFormat::Csv => {
            let mut writer = out.csv();
            write_header(
                &mut writer,
                ["section", "para", "section_title", "citation"],
            )?;
            for record in &records {
                let (section, title) = safe_section(dataset, record.para);
                write_row(
                    &mut writer,
                    [
                        &section,
                        &safe_format!("{}", record.para),
                        &title,
                        &SafeText::line(record.place.citation.as_str()),
                    ],
                )?;
            }
            writer.flush()?;
        }
    }
    Ok(Outcome::Done)
}

/// The numeral and title of the section holding `para`, made safe on one line (for text and
/// CSV, which print what a terminal shows).
fn safe_section(dataset: &Dataset, para: u32) -> (SafeText, SafeText) {
    dataset.section_of(para).map_or_else(Default::default, |s| {
        (s.number.to_line(), s.title.to_line())
    })
}

pub(super) fn export(
    dataset: &Dataset,
    format: ExportFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let committee = match format {
        ExportFormat::Json | ExportFormat::Markdown => recommendation::committee_of(dataset),
        ExportFormat::Csv => None,
    };
    let committee = committee.as_ref();
    match format {
        ExportFormat::Json => match committee {
            Some(committee) => write_json(out, &recommendation::exported(dataset, committee)?)?,
            None => write_json(out, dataset)?,
        },
        ExportFormat::Markdown => write_markdown(dataset, committee, out)?,
        ExportFormat::Csv => {
            write_csv(dataset, dataset.recommendations().map(|(_, rec)| rec), out)?;
        }
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
        let mut out = Printer::new(super::output::stdout());
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
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let doc = &dataset.document;
    let item = |label: &'static str, value: &SafeText| {
        let mut line = SafeText::new(label);
        line.push(&markdown_text(value));
        line
    };
    out.line(&markdown_line("# ", &doc.title))?;
    out.blank()?;
    out.line(&item("- Symbol: ", &doc.symbol))?;
    out.line(&item("- Date: ", &doc.date))?;
    out.line(&safe_format!("- Session: {}", doc.session))?;
    let mut agenda = item("- Agenda item: ", &doc.agenda_item);
    if !doc.agenda_item_title.is_empty() {
        agenda.push_literal(" (");
        agenda.push(&markdown_text(&doc.agenda_item_title));
        agenda.push_literal(")");
    }
    out.line(&agenda)?;
    out.line(&item("- Responds to: ", &doc.responds_to))?;
    out.blank()?;
    out.line(&SafeText::new("## Summary"))?;
    for paragraph in doc.summary.split("\n\n") {
        out.blank()?;
        out.line(&markdown_text(&SafeText::new(paragraph)))?;
    }
    for section in &dataset.sections {
        out.blank()?;
        out.line(&markdown_line("## ", &SafeText::line(section.heading())))?;
        for rec in &section.recommendations {
            out.blank()?;
            let mut heading = safe_format!("### Paragraph {} of ", rec.para);
            heading.push(&markdown_text(&doc.responds_to));
            out.line(&heading)?;
            recommendation::write_markdown(committee, rec.para, out)?;
            for paragraph in &rec.paragraphs {
                out.blank()?;
                out.line(&markdown_text(paragraph))?;
            }
        }
    }
    Ok(())
}

/// `prefix` (markdown written by c34: `## `), then `text` escaped (see [`markdown_text`]).
pub(super) fn markdown_line(prefix: &'static str, text: &SafeText) -> SafeText {
    let mut line = SafeText::new(prefix);
    line.push(&markdown_text(text));
    line
}

/// Escapes the characters markdown would read as markup, on one line.
pub(super) fn markdown_text(text: &SafeText) -> SafeText {
    let mut out = String::with_capacity(text.len());
    for c in text.one_line().chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // Safe text with backslashes added: still safe, checked without a copy.
    SafeText::new(out)
}

/// `section,para,text,section_title,citation`: one row per recommendation, its paragraphs
/// joined by a blank line. The first three columns are those of the first CSV c34 wrote, in
/// their order, so its readers still work. Text is sanitised for the terminal like every other
/// text output.
fn write_csv<'a>(
    dataset: &Dataset,
    recommendations: impl Iterator<Item = &'a Recommendation>,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let mut writer = out.csv();
    write_header(
        &mut writer,
        ["section", "para", "text", "section_title", "citation"],
    )?;
    for rec in recommendations {
        let (section, title) = safe_section(dataset, rec.para);
        let text = SafeText::join(&rec.paragraphs, "\n\n");
        write_row(
            &mut writer,
            [
                &section,
                &safe_format!("{}", rec.para),
                &text,
                &title,
                &SafeText::line(dataset.document.citation(rec.para)),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}
