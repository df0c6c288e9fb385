//! The command line: parse arguments, load the dataset, run the browser or a subcommand.
//!
//! Exit status: 0 success, 1 nothing found (unknown paragraph, search without hits),
//! 2 bad input (unreadable or invalid file, bad arguments).

mod compare;
mod data;
mod library;
mod manual;
mod notes;
mod output;
mod overview;
mod recommendation;
mod search;
mod selection;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use c34::dataset::FileError;
use c34::import::ImportError;
use c34::reports;
use c34::sanitize::{Printer, SafeText};
use c34::userdata::StoreError;

use selection::ParaSpec;

/// The exit status table, in `--help` and the man page.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  nothing found: an unknown paragraph number (the message names the nearest), a search
     without hits
  2  bad input: a missing, unreadable or invalid file, or bad arguments";

#[derive(Debug, Parser)]
#[command(
    name = "c34",
    version,
    about = "Read the Secretary-General's responses to the C-34 recommendations, offline"
)]
pub(crate) struct Cli {
    /// Use this dataset (JSON, as written by `c34 import`) instead of the embedded report
    #[arg(long, global = true, value_name = "FILE.json")]
    data: Option<PathBuf>,

    /// Open this report of your library (`c34 reports` lists them) instead of the most recent
    #[arg(
        long = "report",
        global = true,
        value_name = "SYMBOL",
        conflicts_with = "data"
    )]
    report_symbol: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

impl Cli {
    /// What clap makes of `c34` with no arguments: the browser on the newest report.
    fn bare() -> Cli {
        Cli {
            data: None,
            report_symbol: None,
            command: None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the sections and the paragraph numbers of the Special Committee's report they answer
    List {
        /// text: each section with its paragraph numbers; json: the section objects of the
        /// dataset; csv: `section,section_title,responses,paras`
        #[arg(long, value_enum, default_value_t = data::ListFormat::Text)]
        format: data::ListFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print the responses to paragraphs of the Special Committee's report: numbers and ranges
    /// (37 41-42)
    Show {
        /// Paragraph numbers of the Special Committee's report, or ranges of them (41-42 takes
        /// every paragraph the report answers between 41 and 42); also comma-separated
        #[arg(required = true, num_args = 1.., value_delimiter = ',', value_name = "PARA")]
        paras: Vec<ParaSpec>,
        /// Wrap text to this many columns (default: $COLUMNS, else the terminal's width, at
        /// most 100; 80 when piped)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// text: wrapped, a `¶ N` header when several are shown; markdown: a heading and the
        /// citation; json: the recommendation object with `section`, `section_title` and
        /// `citation` (an array for several); csv: the columns of `export --format csv`
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print how to cite the responses to paragraphs of the Special Committee's report, one per
    /// line
    Cite {
        /// Paragraph numbers or ranges, as for `show`
        #[arg(required = true, num_args = 1.., value_delimiter = ',', value_name = "PARA")]
        paras: Vec<ParaSpec>,
        /// text: one citation a line; json: `para`, `section`, `section_title` and `citation`
        /// (an array for several); csv: `section,para,section_title,citation`
        #[arg(long, value_enum, default_value_t = data::CiteFormat::Text)]
        format: data::CiteFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print the whole dataset
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Convert a report's text (as converted from PDF) into a dataset
    Import {
        /// The report text
        report: PathBuf,
        /// Write the dataset here instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The document symbol, if the text does not print it
        #[arg(long, value_name = "SYMBOL")]
        symbol: Option<String>,
    },
    /// Search the responses (fzf-style query: words AND, 'exact, ^prefix, !exclude, "phrase")
    Search(search::SearchArgs),
    /// List the missions the responses mention, with their paragraphs (--matrix: per section)
    Missions {
        /// Print missions × sections: how many recommendations of each section name each
        /// mission
        #[arg(long)]
        matrix: bool,
        /// text: each mission with its count and paragraphs (--matrix: a table); json: the
        /// dataset's records (--matrix: the counts); csv:
        /// `acronym,name,location,partner,responses,paras` (--matrix: `mission,I,…,total`)
        #[arg(long, value_enum, default_value_t = overview::MissionsFormat::Text)]
        format: overview::MissionsFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print a shell completion script for bash, zsh, fish, elvish or powershell
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff: `c34 man | man -l -`)
    Man,
    /// List the documents the responses cite, with their paragraphs and links
    Refs(overview::RefsArgs),
    /// Compare a response with the most similar response of each other report: similarity
    /// and a word diff
    Compare(compare::CompareArgs),
    #[command(flatten)]
    Notes(notes::NotesCommand),
    #[command(flatten)]
    Library(library::LibraryCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Json,
    Markdown,
    /// `section,para,text,section_title,citation`: one row per recommendation, paragraphs
    /// joined by a blank line
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ShowFormat {
    Text,
    Markdown,
    Json,
    Csv,
}

/// How a subcommand ended, mapped to the exit status.
pub(crate) enum Outcome {
    Done,
    NotFound(String),
}

/// The long description, naming the default report from its dataset.
fn long_about() -> String {
    let document = &reports::default().dataset().document;
    format!(
        "c34 browses the matrix of the Secretariat's responses to the recommendations of the \
        Special Committee on Peacekeeping Operations: the report embedded in c34 ({}, responding \
        to {}), or a dataset made with `c34 import` (--data). With no subcommand it opens the \
        full-screen browser; the subcommands print the same data as text, markdown, JSON or CSV \
        for scripts (`c34 help COMMAND` shows a command's options). The report is embedded: c34 \
        never uses the network.",
        document.symbol.one_line(),
        document.responds_to.one_line()
    )
}

/// The command line's definition: the derive's, with the text that comes from the dataset and
/// the browser's keys from its bindings table.
pub(crate) fn command() -> clap::Command {
    Cli::command()
        .long_about(long_about())
        .after_help(format!("{}\n\n{EXIT_STATUS}", manual::essential_keys()))
}

pub(crate) fn main() -> ExitCode {
    // A bare `c34` (the browser) has nothing to parse: clap's definition of every subcommand,
    // and the help text (which parses the embedded report), would be made for nothing.
    let parsed = if std::env::args_os().len() == 1 {
        Ok(Cli::bare())
    } else {
        command()
            .try_get_matches()
            .and_then(|matches| Cli::from_arg_matches(&matches))
            .and_then(library::checked)
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return parse_error(&error),
    };
    // What c34 derives from a dataset is kept in the user's cache (`c34::cache`).
    c34::cache::enable();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound(message)) => {
            for line in message.lines() {
                warn(&SafeText::new(line));
            }
            ExitCode::from(1)
        }
        Err(failure) => failed(&failure),
    }
}

/// `--help`, `--version` and bad arguments. Help and version go to standard output through
/// the same writer as every subcommand, so a closed pipe or a full disk ends them as it ends
/// the others (clap's own printing would ignore the error or panic).
fn parse_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut out = output::stdout();
            match write!(out, "{}", error.render().ansi()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => failed(&Failure::Output(error)),
            }
        }
        _ => {
            // Usage errors go to standard error; if that is gone too there is no one to tell.
            // They quote what was typed: when that holds a character a terminal would obey
            // (a script passing on untrusted text), the message goes out as safe text,
            // without clap's colours.
            let hostile = std::env::args_os()
                .any(|arg| arg.to_string_lossy().chars().any(c34::sanitize::is_unsafe));
            if hostile {
                let message = SafeText::new(error.render().to_string());
                let _ = Printer::new(io::stderr().lock()).text(&message);
            } else {
                let _ = error.print();
            }
            ExitCode::from(2)
        }
    }
}

/// The exit status for a failure, after saying why on standard error.
fn failed(failure: &Failure) -> ExitCode {
    // A closed pipe (`c34 export | head`) is not an error worth a message.
    if failure.is_closed_pipe() {
        return ExitCode::SUCCESS;
    }
    // Messages quote file names and data: both may carry escape sequences.
    warn(&SafeText::new(failure.to_string()));
    ExitCode::from(2)
}

/// `c34: message` on standard error (safe text: a message quotes file names and data, both
/// may carry escape sequences); nothing if stderr is gone.
pub(crate) fn warn(message: &SafeText) {
    let mut line = SafeText::new("c34: ");
    line.push(message);
    let _ = Printer::new(io::stderr().lock()).line(&line);
}

/// An error that ends c34 with status 2.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Failure {
    /// A dataset (`--data`) or a report's text (`import`) could not be read or is not valid.
    #[error(transparent)]
    Data(#[from] FileError),
    /// The report's text does not import.
    #[error("{}:{source}", path.display())]
    Import {
        path: PathBuf,
        #[source]
        source: ImportError,
    },
    /// `import -o FILE` could not write the file (the old one, if any, is left as it was).
    #[error("{}: cannot write: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Standard output failed (a closed pipe ends quietly, see [`Failure::is_closed_pipe`]).
    #[error("cannot write to standard output: {0}")]
    Output(#[from] io::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[source] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[source] csv::Error),
    /// The browser could not start or its terminal failed.
    #[error("{0}")]
    Browser(#[source] io::Error),
    /// The library of reports: a report not found, not added or not removed.
    #[error(transparent)]
    Library(#[from] c34::library::LibraryError),
    /// A bookmark or note was not saved.
    #[error(transparent)]
    Notes(#[from] StoreError),
    /// The notes file cannot be read: the reason, which names it (the file is left as it is).
    #[error("{0}")]
    NotesUnreadable(String),
}

impl Failure {
    /// True when standard output is a pipe whose reader has gone (`c34 export | head`).
    fn is_closed_pipe(&self) -> bool {
        let kind = match self {
            Failure::Output(error) => Some(error.kind()),
            Failure::Csv(error) => match error.kind() {
                csv::ErrorKind::Io(error) => Some(error.kind()),
                _ => None,
            },
            _ => None,
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    }
}

/// `--json`, which every listing command takes, is `--format json` (clap refuses both).
fn json_or<F>(json: bool, format: F, as_json: F) -> F {
    if json { as_json } else { format }
}

fn run(mut cli: Cli) -> Result<Outcome, Failure> {
    if let Some(Command::Import {
        report,
        output,
        symbol,
    }) = &cli.command
    {
        // Import reads report text, not a dataset, so it needs none loaded.
        return data::import(report, output.as_deref(), symbol.clone());
    }
    // The library, notes import and a search of every report need no report open.
    if let Some(outcome) = library::run_without_report(&mut cli.command)? {
        return Ok(outcome);
    }
    // Neither needs a dataset: they describe the command line itself.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            // Generated into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command(), "c34", &mut script);
            let mut out = output::stdout();
            out.write_all(&script)?;
            out.flush()?;
            return Ok(Outcome::Done);
        }
        Some(Command::Man) => {
            let mut out = output::stdout();
            out.write_all(&manual::page()?)?;
            out.flush()?;
            return Ok(Outcome::Done);
        }
        _ => {}
    }
    // A search checks a `--data` file's missions with the keys its index finds: one pass.
    let check_later = cli.data.is_some() && matches!(cli.command, Some(Command::Search(_)));
    let mut dataset = library::open(
        cli.data.as_deref(),
        cli.report_symbol.as_deref(),
        check_later,
    )?;
    let mut out = Printer::new(io::BufWriter::new(output::stdout()));
    let outcome = match cli.command {
        None => {
            drop(out);
            c34::tui::run_in_library(dataset, c34::library::Library::open_default())
                .map_err(Failure::Browser)?;
            return Ok(Outcome::Done);
        }
        Some(Command::List { format, json }) => data::list(
            &dataset,
            json_or(json, format, data::ListFormat::Json),
            &mut out,
        )?,
        Some(Command::Show {
            paras,
            width,
            format,
            json,
        }) => {
            let format = json_or(json, format, ShowFormat::Json);
            data::show(&dataset, &paras, width, format, &mut out)?
        }
        Some(Command::Cite {
            paras,
            format,
            json,
        }) => {
            let format = json_or(json, format, data::CiteFormat::Json);
            data::cite(&dataset, &paras, format, &mut out)?
        }
        Some(Command::Export { format, json }) => data::export(
            &dataset,
            json_or(json, format, ExportFormat::Json),
            &mut out,
        )?,
        Some(Command::Search(args)) => {
            let check = cli.data.as_deref().filter(|_| check_later);
            search::run(&mut dataset, check, &args, &mut out)?
        }
        Some(Command::Notes(command)) => notes::run(&dataset, command, &mut out)?,
        Some(Command::Missions {
            matrix,
            format,
            json,
        }) => {
            let format = json_or(json, format, overview::MissionsFormat::Json);
            if matrix {
                overview::matrix(&dataset, format, &mut out)?
            } else {
                search::missions(&dataset, format, &mut out)?
            }
        }
        Some(Command::Refs(args)) => overview::refs(&dataset, &args, &mut out)?,
        Some(Command::Compare(args)) => compare::compare(&dataset, &args, &mut out)?,
        Some(
            Command::Import { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::Library(_),
        ) => {
            unreachable!("handled above")
        }
    };
    out.flush()?;
    // The process ends next: freeing the dataset piece by piece would only cost time.
    std::mem::forget(dataset);
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short way for a bare `c34` must give what clap would have parsed.
    #[test]
    fn a_bare_c34_is_what_clap_parses_from_no_arguments() {
        let matches = command()
            .try_get_matches_from(["c34"])
            .expect("no arguments parse");
        let parsed = Cli::from_arg_matches(&matches)
            .and_then(library::checked)
            .expect("no arguments make a command line");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::bare()));
    }
}
