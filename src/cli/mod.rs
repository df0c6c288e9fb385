//! The command line: parse arguments, load the dataset, run the browser or a subcommand.
//!
//! Exit status: 0 success, 1 nothing found (unknown paragraph, search without hits),
//! 2 bad input (unreadable or invalid file, bad arguments).

mod data;
mod search;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use c34::dataset::Dataset;
use c34::sanitize::for_terminal;

#[derive(Debug, Parser)]
#[command(
    name = "c34",
    version,
    about = "Read the Secretary-General's responses to the C-34 recommendations (A/76/505/Add.1), offline",
    long_about = "c34 browses the matrix of the Secretariat's responses to the recommendations of the \
        Special Committee on Peacekeeping Operations (A/76/505/Add.1, responding to A/75/19). \
        With no subcommand it opens the full-screen browser; the subcommands print the same data \
        as text or JSON for scripts. The report is embedded: c34 never uses the network."
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
    /// Print the response to one paragraph of A/75/19
    Show {
        /// The paragraph number of the Special Committee's report
        para: u32,
        /// Wrap to this many columns (default: the terminal's width, or 80 when piped)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Print the recommendation as a JSON object, as in the dataset
        #[arg(long)]
        json: bool,
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
    /// List the missions the responses mention, with their paragraphs
    Missions {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
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
            if !message.is_empty() {
                eprintln!("c34: {}", for_terminal(&message));
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
    let dataset = match &cli.data {
        Some(path) => Dataset::load(path).map_err(|e| Failure::Message(e.to_string()))?,
        None => Dataset::embedded(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let outcome = match cli.command {
        None => {
            drop(out);
            c34::tui::run(dataset)?;
            return Ok(Outcome::Done);
        }
        Some(Command::List { json }) => data::list(&dataset, json, &mut out)?,
        Some(Command::Show { para, width, json }) => {
            data::show(&dataset, para, width, json, &mut out)?
        }
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
        Some(Command::Missions { json }) => search::missions(&dataset, json, &mut out)?,
        Some(Command::Import { .. }) => unreachable!("handled above"),
    };
    out.flush()?;
    Ok(outcome)
}
