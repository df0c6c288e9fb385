//! The command line: parse arguments, load the dataset, run the browser or a subcommand.
//!
//! Exit status: 0 success, 1 nothing found (unknown paragraph, search without hits),
//! 2 bad input (unreadable or invalid file, bad arguments).

mod data;
mod manual;
mod notes;
mod output;
mod overview;
mod search;
mod selection;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use c34::dataset::Dataset;
use c34::sanitize::for_terminal;

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
    about = "Read the Secretary-General's responses to the C-34 recommendations (A/76/505/Add.1), offline",
    long_about = "c34 browses the matrix of the Secretariat's responses to the recommendations of the \
        Special Committee on Peacekeeping Operations (A/76/505/Add.1, responding to A/75/19). \
        With no subcommand it opens the full-screen browser; the subcommands print the same data \
        as text, markdown, JSON or CSV for scripts (`c34 help COMMAND` shows a command's \
        options). The report is embedded: c34 never uses the network.",
    after_help = EXIT_STATUS
)]
pub struct Cli {
    /// Use this dataset (JSON, as written by `c34 import`) instead of the embedded report
    #[arg(long, global = true, value_name = "FILE.json")]
    data: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the sections and the paragraph numbers of A/75/19 they answer
    List {
        /// Print the sections as JSON objects, as in the dataset
        #[arg(long)]
        json: bool,
    },
    /// Print the responses to paragraphs of A/75/19: numbers and ranges (37 41-42)
    Show {
        /// Paragraph numbers of the Special Committee's report, or ranges of them (41-42 takes
        /// every paragraph the report answers between 41 and 42); also comma-separated
        #[arg(required = true, num_args = 1.., value_delimiter = ',', value_name = "PARA")]
        paras: Vec<ParaSpec>,
        /// Wrap text to this many columns (default: $COLUMNS, else the terminal's width, at
        /// most 100; 80 when piped)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// text: wrapped, a `¶ N` header when several are shown; markdown: a heading with the
        /// citation; json: the recommendation object, an array for several
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print how to cite the responses to paragraphs of A/75/19, one per line
    Cite {
        /// Paragraph numbers or ranges, as for `show`
        #[arg(required = true, num_args = 1.., value_delimiter = ',', value_name = "PARA")]
        paras: Vec<ParaSpec>,
    },
    /// Print the whole dataset
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
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
    Search {
        /// The query; missions match by acronym, name or place
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Print at most this many hits
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Print the hits as JSON, with highlight ranges (same as --format json)
        #[arg(long)]
        json: bool,
        /// Print one line per hit, JSON, or each response whole as Markdown
        #[arg(long, value_enum, default_value_t = search::SearchFormat::Text)]
        format: search::SearchFormat,
    },
    /// List the missions the responses mention, with their paragraphs (--matrix: per section)
    Missions {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        overview: overview::MatrixArgs,
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
    #[command(flatten)]
    Notes(notes::NotesCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
    /// `section,para,text`: one row per recommendation, paragraphs joined by a blank line
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
}

/// How a subcommand ended, mapped to the exit status.
pub enum Outcome {
    Done,
    NotFound(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound(message)) => {
            for line in message.lines() {
                eprintln!("c34: {}", for_terminal(line));
            }
            ExitCode::from(1)
        }
        // A closed pipe (`c34 export | head`) is not an error worth a message.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            // Messages quote file names and data: both may carry escape sequences.
            eprintln!("c34: {}", for_terminal(&failure.to_string()));
            ExitCode::from(2)
        }
    }
}

/// An error that ends c34 with status 2.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Message(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    if let Some(Command::Import {
        report,
        output,
        symbol,
    }) = &cli.command
    {
        // Import reads report text, not a dataset, so it needs none loaded.
        return data::import(report, output.as_deref(), symbol.clone());
    }
    // Neither needs a dataset: they describe the command line itself.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = output::stdout();
            clap_complete::generate(*shell, &mut Cli::command(), "c34", &mut out);
            out.flush()?;
            return Ok(Outcome::Done);
        }
        Some(Command::Man) => {
            let mut out = output::stdout();
            out.write_all(manual::page()?.as_bytes())?;
            out.flush()?;
            return Ok(Outcome::Done);
        }
        _ => {}
    }
    let dataset = match &cli.data {
        Some(path) => Dataset::load(path).map_err(|e| Failure::Message(e.to_string()))?,
        None => Dataset::embedded(),
    };
    let mut out = io::BufWriter::new(output::stdout());
    let outcome = match cli.command {
        None => {
            drop(out);
            c34::tui::run(dataset)?;
            return Ok(Outcome::Done);
        }
        Some(Command::List { json }) => data::list(&dataset, json, &mut out)?,
        Some(Command::Show {
            paras,
            width,
            format,
            json,
        }) => {
            let format = if json { ShowFormat::Json } else { format };
            data::show(&dataset, &paras, width, format, &mut out)?
        }
        Some(Command::Cite { paras }) => data::cite(&dataset, &paras, &mut out)?,
        Some(Command::Export { format }) => data::export(&dataset, format, &mut out)?,
        Some(Command::Search {
            query,
            limit,
            json,
            format,
        }) => {
            let format = if json {
                search::SearchFormat::Json
            } else {
                format
            };
            search::search(&dataset, &query.join(" "), limit, format, &mut out)?
        }
        Some(Command::Notes(command)) => notes::run(&dataset, command, &mut out)?,
        Some(Command::Missions { json, overview }) if overview.matrix => {
            overview::matrix(&dataset, json, overview.format, &mut out)?
        }
        Some(Command::Missions { json, .. }) => search::missions(&dataset, json, &mut out)?,
        Some(Command::Refs(args)) => overview::refs(&dataset, &args, &mut out)?,
        Some(Command::Import { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled above")
        }
    };
    out.flush()?;
    Ok(outcome)
}
