//! `notes`, `bookmark` and `note`: the user's bookmarks and notes on the dataset's document,
//! kept in the notes file (`c34::userdata::notes`).

use std::io::Write;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use c34::dataset::Dataset;
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::userdata::{Annotation, NotesStore};

use super::data::{
    Place, markdown_line, markdown_text, write_header, write_markdown_heading, write_row,
};
use super::output::{output_width, wrapped, write_json};
use super::{Failure, Outcome, warn};

#[derive(Debug, Subcommand)]
pub(super) enum NotesCommand {
    /// Print your bookmarks and notes on this report, each with its citation and the response
    Notes {
        /// text: each citation, the note and the response; json: `symbol`, `para`, `bookmark`,
        /// `note`, `citation`, `text`, `section`, `section_title`; markdown: a briefing; csv:
        /// the JSON's fields
        #[arg(long, value_enum, default_value_t = NotesFormat::Text)]
        format: NotesFormat,
        #[command(subcommand)]
        action: Option<super::library::NotesAction>,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Bookmark responses by paragraph number (saved at once; `c34 notes` lists them)
    Bookmark {
        /// Remove the bookmarks instead
        #[arg(long)]
        remove: bool,
        /// Paragraph numbers of the recommendations, as the report numbers them
        #[arg(required = true, num_args = 1.., value_name = "PARA")]
        paras: Vec<u32>,
    },
    /// Attach a note to the response to a paragraph; no text prints the note
    Note {
        /// Delete the note (and any other versions kept beside it) instead
        #[arg(long, conflicts_with = "text")]
        delete: bool,
        /// The paragraph number of the recommendation, as the report numbers it
        para: u32,
        /// The note, one paragraph (words are joined by spaces)
        #[arg(num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
        text: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum NotesFormat {
    Text,
    Json,
    /// A briefing note: a heading and the citation, the note as a quote, the response
    Markdown,
    /// `symbol,para,bookmark,note,other_notes,citation,text,section,section_title`
    Csv,
}

pub(super) fn run(
    dataset: &Dataset,
    command: NotesCommand,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let mut store = NotesStore::open_default();
    match command {
        NotesCommand::Notes { json, format, .. } => {
            let format = if json { NotesFormat::Json } else { format };
            list(dataset, &store, format, out)
        }
        NotesCommand::Bookmark { remove, paras } => {
            bookmark(dataset, &mut store, &paras, !remove, out)
        }
        NotesCommand::Note {
            delete: true, para, ..
        } => note(dataset, &mut store, para, None, out),
        NotesCommand::Note { para, text, .. } if text.is_empty() => {
            print_note(dataset, &store, para, out)
        }
        NotesCommand::Note { para, text, .. } => {
            note(dataset, &mut store, para, Some(&text.join(" ")), out)
        }
    }
}

/// One bookmarked or annotated paragraph in `c34 notes --json`.
#[derive(Serialize)]
struct ListedNote<'a> {
    symbol: &'a str,
    para: u32,
    bookmark: bool,
    note: Option<&'a str>,
    /// Versions of the note kept beside it (see `c34::userdata::notes`); absent when none.
    #[serde(skip_serializing_if = "<[SafeText]>::is_empty")]
    other_notes: &'a [SafeText],
    /// The response's paragraphs, separated by a blank line.
    text: String,
    /// `citation`, `section` and `section_title`, as every record of a response has them.
    #[serde(flatten)]
    place: Place<'a>,
}

fn list(
    dataset: &Dataset,
    store: &NotesStore,
    format: NotesFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    if let Some(reason) = store.read_only_reason() {
        return Err(Failure::NotesUnreadable(reason.to_string()));
    }
    let document = &dataset.document;
    let annotated = store.annotated(&document.symbol);
    // Notes on paragraphs this report does not have (a hand-edited file) are kept, not shown.
    let entries: Vec<(&Annotation, &[SafeText], u32)> = annotated
        .iter()
        .filter_map(|&(para, annotation)| {
            let recommendation = dataset.find(para).and_then(|at| dataset.get(at))?;
            Some((annotation, recommendation.paragraphs.as_slice(), para))
        })
        .collect();
    match format {
        NotesFormat::Json => {
            let json: Vec<ListedNote> = entries
                .iter()
                .map(|&(annotation, paragraphs, para)| ListedNote {
                    symbol: &document.symbol,
                    para,
                    bookmark: annotation.bookmark,
                    // As stored: the JSON printer escapes what a terminal must not see.
                    note: annotation.stored_note(),
                    other_notes: &annotation.other_notes,
                    text: paragraphs.join("\n\n"),
                    place: Place::of(dataset, para),
                })
                .collect();
            write_json(out, &json)?;
        }
        NotesFormat::Csv => write_csv(dataset, &entries, out)?,
        NotesFormat::Markdown => {
            out.line(&markdown_line(
                "# Bookmarks and notes on ",
                &document.symbol,
            ))?;
            for &(annotation, paragraphs, para) in &entries {
                out.blank()?;
                write_markdown_heading(dataset, para, out)?;
                if let Some(note) = &annotation.note {
                    out.blank()?;
                    out.line(&markdown_line("> ", note))?;
                }
                for other in &annotation.other_notes {
                    out.blank()?;
                    out.line(&markdown_line("> Other version: ", other))?;
                }
                for paragraph in paragraphs {
                    out.blank()?;
                    out.line(&markdown_text(paragraph))?;
                }
            }
        }
        NotesFormat::Text => {
            let width = output_width(None);
            let wrap = |text: &SafeText, indent: &'static str| -> Vec<SafeText> {
                let room = width.saturating_sub(indent.len()).max(1);
                wrapped(text, room)
                    .iter()
                    .map(|line| {
                        let mut indented = SafeText::new(indent);
                        indented.push(line);
                        indented
                    })
                    .collect()
            };
            for (i, &(annotation, paragraphs, para)) in entries.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                let mut citation = SafeText::line(document.citation(para));
                if annotation.bookmark {
                    citation.push_literal("  [bookmarked]");
                }
                out.line(&citation)?;
                if let Some(note) = &annotation.note {
                    write_lines(&wrap(&safe_format!("Note: {note}"), ""), out)?;
                }
                for other in &annotation.other_notes {
                    write_lines(&wrap(&safe_format!("Other version: {other}"), ""), out)?;
                }
                for paragraph in paragraphs {
                    out.blank()?;
                    write_lines(&wrap(paragraph, "    "), out)?;
                }
            }
            if entries.is_empty() {
                // Through the checked writer: a standard error that fails must not panic.
                warn(&safe_format!(
                    "no bookmarks or notes on {} yet (c34 bookmark PARA, c34 note PARA TEXT)",
                    document.symbol
                ));
            }
        }
    }
    Ok(Outcome::Done)
}

/// Wrapped lines, or an empty line when there are none (an empty text still takes its line).
fn write_lines(lines: &[SafeText], out: &mut Printer<impl Write>) -> std::io::Result<()> {
    if lines.is_empty() {
        return out.blank();
    }
    lines.iter().try_for_each(|line| out.line(line))
}

/// `symbol,para,bookmark,note,other_notes,citation,text,section,section_title`, a row per
/// bookmarked or annotated response; other versions of a note one a line in their cell.
fn write_csv(
    dataset: &Dataset,
    entries: &[(&Annotation, &[SafeText], u32)],
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let document = &dataset.document;
    let mut writer = out.csv();
    write_header(
        &mut writer,
        [
            "symbol",
            "para",
            "bookmark",
            "note",
            "other_notes",
            "citation",
            "text",
            "section",
            "section_title",
        ],
    )?;
    for &(annotation, paragraphs, para) in entries {
        let section = dataset.section_of(para);
        let section_field =
            |text: Option<&SafeText>| text.map(SafeText::to_line).unwrap_or_default();
        write_row(
            &mut writer,
            [
                &document.symbol.to_line(),
                &safe_format!("{para}"),
                &SafeText::new(if annotation.bookmark { "true" } else { "false" }),
                &annotation
                    .note
                    .as_ref()
                    .map(SafeText::to_line)
                    .unwrap_or_default(),
                &SafeText::join(&annotation.other_notes, "\n"),
                &SafeText::line(document.citation(para)),
                &SafeText::join(paragraphs, "\n\n"),
                &section_field(section.map(|s| &s.number)),
                &section_field(section.map(|s| &s.title)),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// Checks every paragraph before changing anything, so a typo changes nothing.
fn unknown_para(dataset: &Dataset, paras: &[u32]) -> Option<Outcome> {
    paras
        .iter()
        .find(|&&para| dataset.find(para).is_none())
        .map(|&para| Outcome::NotFound(dataset.no_response_diagnostic(para)))
}

fn bookmark(
    dataset: &Dataset,
    store: &mut NotesStore,
    paras: &[u32],
    on: bool,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    if let Some(outcome) = unknown_para(dataset, paras) {
        return Ok(outcome);
    }
    let symbol = &dataset.document.symbol;
    for &para in paras {
        store.set_bookmark(symbol, para, on)?;
        // One line per saved change, flushed: a script (or a test) knows what is on disk.
        let done = if on { "bookmarked" } else { "unbookmarked" };
        out.line(&safe_format!("{done} {para}"))?;
        out.flush()?;
    }
    Ok(Outcome::Done)
}

/// `c34 note N TEXT` and `c34 note --delete N`.
fn note(
    dataset: &Dataset,
    store: &mut NotesStore,
    para: u32,
    text: Option<&str>,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    if let Some(outcome) = unknown_para(dataset, &[para]) {
        return Ok(outcome);
    }
    store.set_note(&dataset.document.symbol, para, text.unwrap_or_default())?;
    let done = if text.is_some_and(|text| !text.trim().is_empty()) {
        "saved the note on"
    } else {
        "deleted the note on"
    };
    out.line(&safe_format!("{done} {para}"))?;
    Ok(Outcome::Done)
}

/// `c34 note N`: the note, then any other versions kept beside it, one a line; exit 1 when
/// there is none. A file that cannot be read is an error (exit 2), not "no note".
fn print_note(
    dataset: &Dataset,
    store: &NotesStore,
    para: u32,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    if let Some(outcome) = unknown_para(dataset, &[para]) {
        return Ok(outcome);
    }
    if let Some(reason) = store.read_only_reason() {
        return Err(Failure::NotesUnreadable(reason.to_string()));
    }
    let annotation = store.annotation(&dataset.document.symbol, para);
    let note = annotation.and_then(|a| a.note.as_ref());
    let others = annotation.map_or(&[][..], |a| a.other_notes.as_slice());
    if note.is_none() && others.is_empty() {
        return Ok(Outcome::NotFound(format!(
            "no note on ¶ {para} (c34 note {para} TEXT writes one)"
        )));
    }
    if let Some(note) = note {
        out.line(&note.to_line())?;
    }
    for other in others {
        out.line(&safe_format!("Other version: {other}"))?;
    }
    Ok(Outcome::Done)
}
