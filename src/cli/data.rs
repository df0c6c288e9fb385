//! `list`, `show`, `cite`, `export` and `import`: the dataset as text, markdown, JSON or CSV.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use c34::dataset::{Dataset, Recommendation, Section, read_text_file};
use c34::import::{ImportOptions, import as import_text};
use c34::sanitize::SafeText;
use c34::text;

use c34::series::committee::{CommitteeRecommendation, CommitteeReport};

use super::output::{HEADING, hanging, output_width, styled, wrap_words, write_json};
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
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let paras_of = |section: &Section| {
        let paras: Vec<String> = section
            .recommendations
            .iter()
            .map(|rec| rec.para.to_string())
            .collect();
        paras.join(" ")
    };
    match format {
        ListFormat::Json => write_json(out, &dataset.sections)?,
        ListFormat::Csv => {
            let mut writer = csv_writer(out);
            write_row(
                &mut writer,
                ["section", "section_title", "responses", "paras"],
            )?;
            for section in &dataset.sections {
                write_row(
                    &mut writer,
                    [
                        section.number.one_line().as_ref(),
                        section.title.one_line().as_ref(),
                        &section.recommendations.len().to_string(),
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
                let heading = format!("{} ({})", section.heading(), section.recommendations.len());
                for line in hanging(&heading, width, "", indent) {
                    writeln!(out, "{}", styled(HEADING, &line))?;
                }
                for line in hanging(&paras_of(section), width, indent, indent) {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(Outcome::Done)
}

/// A CSV writer as every command uses it: a header row, then records ending with `\n`.
pub(super) fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

pub(super) fn write_row<W: Write, const N: usize>(
    writer: &mut csv::Writer<W>,
    row: [&str; N],
) -> Result<(), Failure> {
    writer.write_record(row).map_err(Failure::Csv)
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
    out: &mut impl Write,
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
                        styled(HEADING, &text::clip(&header(dataset, rec.para), width))
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
fn header(dataset: &Dataset, para: u32) -> String {
    let section = dataset
        .section_of(para)
        .map(|section| format!(" · {}", section.heading()));
    format!("¶ {para}{}", section.unwrap_or_default())
}

/// The one heading every markdown response has (`show`, `search`, `notes`): `## ¶ 37 · II.
/// Conduct of peacekeepers and peacekeeping operations`, a blank line, the citation.
pub(super) fn write_markdown_heading(
    dataset: &Dataset,
    para: u32,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "## {}", markdown_text(&header(dataset, para)))?;
    writeln!(out)?;
    writeln!(out, "{}", markdown_text(&dataset.document.citation(para)))
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

/// Safe text wrapped to `width` (see [`wrap_words`]), tabs expanded first so that every cell
/// is counted.
pub(super) fn write_wrapped(
    paragraph: &SafeText,
    width: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let paragraph = text::expand_tabs(paragraph);
    for line in wrap_words(&paragraph, width) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The heading (see [`write_markdown_heading`]), then the paragraphs unwrapped.
fn write_markdown_response(
    dataset: &Dataset,
    committee: Option<&CommitteeReport>,
    rec: &Recommendation,
    out: &mut impl Write,
) -> Result<(), Failure> {
    write_markdown_heading(dataset, rec.para, out)?;
    recommendation::write_markdown(committee, rec.para, out)?;
    for paragraph in &rec.paragraphs {
        writeln!(out)?;
        writeln!(out, "{}", markdown_text(paragraph))?;
    }
    Ok(())
}

/// One citation per line (see `Document::citation`), or records with the section.
pub(super) fn cite(
    dataset: &Dataset,
    specs: &[ParaSpec],
    format: CiteFormat,
    out: &mut impl Write,
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
                writeln!(out, "{}", record.place.citation)?;
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
            let mut writer = csv_writer(out);
            write_row(
                &mut writer,
                ["section", "para", "section_title", "citation"],
            )?;
            for record in &records {
                let (section, title) = safe_section(dataset, record.para);
                write_row(
                    &mut writer,
                    [
                        &section,
                        &record.para.to_string(),
                        &title,
                        &record.place.citation,
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
fn safe_section(dataset: &Dataset, para: u32) -> (String, String) {
    dataset.section_of(para).map_or_else(Default::default, |s| {
        (
            s.number.one_line().into_owned(),
            s.title.one_line().into_owned(),
        )
    })
}

pub(super) fn export(
    dataset: &Dataset,
    format: ExportFormat,
    out: &mut impl Write,
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

/// `section,para,text,section_title,citation`: one row per recommendation, its paragraphs
/// joined by a blank line. The first three columns are those of the first CSV c34 wrote, in
/// their order, so its readers still work. Text is sanitised for the terminal like every other
/// text output.
fn write_csv<'a>(
    dataset: &Dataset,
    recommendations: impl Iterator<Item = &'a Recommendation>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut writer = csv_writer(out);
    write_row(
        &mut writer,
        ["section", "para", "text", "section_title", "citation"],
    )?;
    for rec in recommendations {
        let (section, title) = safe_section(dataset, rec.para);
        let text = rec.paragraphs.join("\n\n");
        write_row(
            &mut writer,
            [
                &section,
                &rec.para.to_string(),
                &text,
                &title,
                &dataset.document.citation(rec.para),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}
