//! `add`, `reports`, `remove`, `notes import`, `search --all-reports`, and the report every
//! other subcommand opens (`--report SYMBOL`, else the most recent): the library of reports
//! (`c34::library`) on the command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;

use c34::dataset::{DataError, Dataset, FileError, MAX_FILE_BYTES};
use c34::import::ImportOptions;
use c34::library::{Library, LibraryError, Unreadable};
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::search::SearchIndex;
use c34::series::{self, Report};
use c34::userdata::NotesStore;
use c34::userdata::notes::read_export;

use super::data::{write_header, write_row};
use super::output::{screen_width, write_json};
use super::search::{
    Found, JsonHit, SearchArgs, SearchFormat, json_hit, write_found, write_hit, write_markdown,
};
use super::{Cli, Command, Failure, Outcome, output, warn};

#[derive(Debug, Subcommand)]
pub(super) enum LibraryCommand {
    /// Add a report to your library: its PDF, its text (as converted from PDF) or a dataset
    /// (JSON); or a Special Committee report (A/NN/19, PDF or text), whose recommendations
    /// `show` then prints beside the responses
    Add {
        /// The report's PDF or text, or a dataset as `c34 import` writes it
        file: PathBuf,
        /// Replace the report with the same symbol if the library has it
        #[arg(long)]
        replace: bool,
        /// The document symbol, if the text does not print it
        #[arg(long, value_name = "SYMBOL")]
        symbol: Option<String>,
    },
    /// List the reports c34 has, newest first (the first is the one c34 opens without
    /// --report)
    Reports {
        /// text: one line each, then the Special Committee's reports kept; json: `symbol`,
        /// `date`, `responds_to`, `recommendations`, `source`; csv: the JSON's fields
        #[arg(long, value_enum, default_value_t = ReportsFormat::Text)]
        format: ReportsFormat,
        /// The same as --format json
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Remove a report you added from your library (its notes stay)
    Remove {
        /// The report's document symbol
        symbol: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum ReportsFormat {
    Text,
    Json,
    Csv,
}

/// Checks the missions of the dataset read from `path` against `named`, the missions its
/// responses name as its search index found them, as [`open`] would have.
pub(super) fn check_missions(
    dataset: &mut Dataset,
    named: Vec<c34::dataset::Mission>,
    path: &Path,
) -> Result<(), Failure> {
    c34::missions::reconcile_with(dataset, named).map_err(|error| {
        FileError {
            path: path.to_path_buf(),
            error,
        }
        .into()
    })
}

/// `c34 notes import FILE`.
#[derive(Debug, Subcommand)]
pub(super) enum NotesAction {
    /// Merge notes exported with `c34 notes --json` (or a notes file) into yours: bookmarks
    /// are united, a note that differs from yours is kept beside it
    Import {
        /// The exported notes
        file: PathBuf,
    },
}

/// Refuses what clap cannot see across levels: `search --all-reports` with a global
/// `--report` or `--data` (one report or all of them).
pub(super) fn checked(cli: Cli) -> Result<Cli, clap::Error> {
    let all = matches!(&cli.command, Some(Command::Search(args)) if args.all_reports);
    if all && (cli.report_symbol.is_some() || cli.data.is_some()) {
        let which = if cli.report_symbol.is_some() {
            "--report"
        } else {
            "--data"
        };
        return Err(super::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            format!("the argument '--all-reports' cannot be used with '{which}'"),
        ));
    }
    Ok(cli)
}

/// Runs the subcommands that open no report (the library's, `notes import`, `search
/// --all-reports`) and returns their outcome; leaves any other command in place.
pub(super) fn run_without_report(
    command: &mut Option<Command>,
) -> Result<Option<Outcome>, Failure> {
    let mut out = Printer::new(std::io::BufWriter::new(output::stdout()));
    let outcome = match command.take() {
        Some(Command::Library(library)) => run(library, &mut out)?,
        Some(Command::Notes(super::notes::NotesCommand::Notes {
            action: Some(action),
            ..
        })) => notes_action(action, &mut out)?,
        Some(Command::Search(args)) if args.all_reports => search_all(&args, &mut out)?,
        other => {
            *command = other;
            return Ok(None);
        }
    };
    out.flush()?;
    Ok(Some(outcome))
}

fn run(command: LibraryCommand, out: &mut Printer<impl Write>) -> Result<Outcome, Failure> {
    let library = Library::open_default();
    match command {
        LibraryCommand::Add {
            file,
            replace,
            symbol,
        } => add(&library, &file, replace, symbol, out),
        LibraryCommand::Reports { format, json } => {
            let format = if json { ReportsFormat::Json } else { format };
            list(&library, format, out)
        }
        LibraryCommand::Remove { symbol } => match library.remove(&symbol) {
            Ok(path) => {
                out.line(&safe_format!("removed {symbol} ({})", path.display()))?;
                Ok(Outcome::Done)
            }
            Err(error @ LibraryError::Unknown { .. }) => Ok(Outcome::NotFound(error.to_string())),
            Err(error) => Err(error.into()),
        },
    }
}

/// The bytes of a file `c34 add` was given, at most [`MAX_FILE_BYTES`], without a UTF-8
/// byte-order mark; errors name the file.
fn read_bytes(file: &Path) -> Result<Vec<u8>, FileError> {
    let at = |error| FileError {
        path: file.to_path_buf(),
        error,
    };
    let opened = std::fs::File::open(file).map_err(|e| at(DataError::Read(e)))?;
    let metadata = opened.metadata().map_err(|e| at(DataError::Read(e)))?;
    if metadata.is_dir() {
        return Err(at(DataError::NotAFile));
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| at(DataError::Read(e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(at(DataError::TooLarge {
            bytes: Some(metadata.len()),
            limit: MAX_FILE_BYTES,
        }));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(at(DataError::Empty));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(bytes)
}

fn add(
    library: &Library,
    file: &Path,
    replace: bool,
    symbol: Option<String>,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let bytes = read_bytes(file)?;
    let report =
        series::read_report(&bytes, file, &ImportOptions { symbol }).map_err(LibraryError::from)?;
    let mut dataset = match report {
        Report::Matrix(dataset) => dataset,
        Report::Committee(report) => {
            let (path, replaced) = library.add_committee(&report, replace)?;
            out.line(&safe_format!(
                "{} {} (the Special Committee's report, {} recommendations): {}",
                if replaced { "replaced" } else { "added" },
                report.symbol,
                report.paragraphs.len(),
                path.display()
            ))?;
            return Ok(Outcome::Done);
        }
    };
    // Checked as `--data` checks a dataset: its missions agree with its responses.
    c34::cache::reconcile(&mut dataset).map_err(|error| FileError {
        path: file.to_path_buf(),
        error,
    })?;
    let (path, replaced) = library.add(&dataset, replace)?;
    let document = &dataset.document;
    out.line(&safe_format!(
        "{} {} ({}, {} recommendations): {}",
        if replaced.is_some() {
            "replaced"
        } else {
            "added"
        },
        document.symbol,
        document.date_long(),
        dataset.recommendations().count(),
        path.display()
    ))?;
    Ok(Outcome::Done)
}

/// One report in `c34 reports --json`.
#[derive(Serialize)]
struct ListedReport<'a> {
    symbol: &'a str,
    date: &'a str,
    responds_to: &'a str,
    recommendations: usize,
    source: &'static str,
}

fn list(
    library: &Library,
    format: ReportsFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let listing = library.list()?;
    name_skipped(&listing.unreadable);
    let reports: Vec<ListedReport> = listing
        .reports
        .iter()
        .map(|entry| {
            let document = &entry.dataset.document;
            ListedReport {
                symbol: &document.symbol,
                date: &document.date,
                responds_to: &document.responds_to,
                recommendations: entry.dataset.recommendations().count(),
                source: entry.source.name(),
            }
        })
        .collect();
    match format {
        ReportsFormat::Json => {
            write_json(out, &reports)?;
            return Ok(Outcome::Done);
        }
        ReportsFormat::Csv => {
            let mut writer = out.csv();
            write_header(
                &mut writer,
                ["symbol", "date", "responds_to", "recommendations", "source"],
            )?;
            for report in &reports {
                let row = [
                    SafeText::line(report.symbol),
                    SafeText::line(report.date),
                    SafeText::line(report.responds_to),
                    safe_format!("{}", report.recommendations),
                    SafeText::line(report.source),
                ];
                write_row(&mut writer, row.each_ref())?;
            }
            writer.flush()?;
            return Ok(Outcome::Done);
        }
        ReportsFormat::Text => {}
    }
    let (committees, unreadable) = library.committees();
    name_skipped(&unreadable);
    let symbols: Vec<SafeText> = reports
        .iter()
        .map(|r| SafeText::line(r.symbol))
        .chain(committees.iter().map(|c| SafeText::line(c.symbol.as_str())))
        .collect();
    let width = symbols
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(s.as_str()))
        .max()
        .unwrap_or(0);
    for (report, symbol) in reports.iter().zip(&symbols) {
        let pad = width - unicode_width::UnicodeWidthStr::width(symbol.as_str());
        out.line(&safe_format!(
            "{symbol}{:pad$}  {}  responds to {}  {} recommendations  {}",
            "",
            report.date,
            report.responds_to,
            report.recommendations,
            report.source
        ))?;
    }
    // The Special Committee's reports, whose recommendations `show` prints beside responses.
    for (committee, symbol) in committees.iter().zip(&symbols[reports.len()..]) {
        let pad = width - unicode_width::UnicodeWidthStr::width(symbol.as_str());
        out.line(&safe_format!(
            "{symbol}{:pad$}  the Special Committee's report, {} recommendations",
            "",
            committee.paragraphs.len()
        ))?;
    }
    Ok(Outcome::Done)
}

/// Names, on standard error, the added reports that were skipped because they cannot be read.
fn name_skipped(unreadable: &[Unreadable]) {
    for skipped in unreadable {
        warn(&safe_format!(
            "{} (skipped; fix the file, or c34 remove the report)",
            skipped.error
        ));
    }
}

/// The report the subcommands and the browser open: the dataset file `--data FILE`, else
/// `--report SYMBOL`, else the most recent. A `--data` file's missions are checked against its
/// responses unless `check_later` (a search checks them with the keys its index finds: see
/// [`check_missions`]).
pub(super) fn open(
    data: Option<&Path>,
    report: Option<&str>,
    check_later: bool,
) -> Result<Dataset, Failure> {
    if let Some(path) = data {
        let mut dataset = Dataset::load(path)?;
        if !check_later {
            // The missions its responses name come from the cache when it has them.
            c34::cache::reconcile(&mut dataset).map_err(|error| FileError {
                path: path.to_path_buf(),
                error,
            })?;
        }
        return Ok(dataset);
    }
    let (dataset, skipped) = Library::open_default().open(report)?;
    name_skipped(&skipped);
    Ok(dataset)
}

/// `c34 notes import FILE`.
fn notes_action(action: NotesAction, out: &mut Printer<impl Write>) -> Result<Outcome, Failure> {
    let NotesAction::Import { file } = action;
    let notes = read_export(&file)?;
    let mut store = NotesStore::open_default();
    let merged = store.merge(&notes)?;
    out.line(&safe_format!(
        "merged {} entries from {}: {} new notes, {} kept beside yours, {} new bookmarks",
        notes.len(),
        file.display(),
        merged.notes,
        merged.kept_beside,
        merged.bookmarks
    ))?;
    Ok(Outcome::Done)
}

/// A hit of `search --all-reports --json`: the report's symbol, then the hit as `search`
/// prints it.
#[derive(Serialize)]
struct ReportHit<'a> {
    symbol: &'a str,
    #[serde(flatten)]
    hit: JsonHit,
}

/// `c34 search --all-reports`: one index per report, the hits merged best first.
fn search_all(args: &SearchArgs, out: &mut Printer<impl Write>) -> Result<Outcome, Failure> {
    let query = &args.query();
    // As `search` counts: the first few on a screen, every hit for a script.
    let limit = args.limit();
    let listing = Library::open_default().list()?;
    name_skipped(&listing.unreadable);
    let datasets: Vec<&Dataset> = listing.reports.iter().map(|e| &e.dataset).collect();
    let mut hits = Vec::new();
    let mut total = 0;
    let mut indexes = Vec::with_capacity(datasets.len());
    let cache = c34::cache::Cache::open_default();
    let mut built = Vec::new();
    for (report, dataset) in datasets.iter().enumerate() {
        // Each report's index from the cache when it holds it; those built are stored below.
        let (index, key, fresh) = c34::cache::index_in(&cache, dataset);
        if fresh {
            built.push((report, key));
        }
        let (found, count) = index.search_counted(query, limit);
        total += count;
        hits.extend(found.into_iter().map(|hit| (report, hit)));
        indexes.push(index);
    }
    let outcome = write_all(args, &datasets, &indexes, hits, total, out)?;
    if !built.is_empty() {
        // The answer first, then the cache (best effort).
        out.flush()?;
        for (report, key) in built {
            cache.store_index(key, &indexes[report]);
            cache.store_missions(key, &indexes[report].mentioned_missions());
        }
    }
    Ok(outcome)
}

/// Prints the hits of `search --all-reports` (`hits` of `total`, by report number).
fn write_all(
    args: &SearchArgs,
    datasets: &[&Dataset],
    indexes: &[SearchIndex],
    mut hits: Vec<(usize, c34::search::Hit)>,
    total: usize,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let query = &args.query();
    let format = args.format();
    let limit = args.limit();
    let mut total = total;
    if args.recommendations {
        // Each report's Committee recommendations too, merged with the responses.
        let committees: Vec<_> = datasets
            .iter()
            .map(|dataset| super::search::committee_index(dataset))
            .collect();
        let mut found: Vec<Found> = hits
            .into_iter()
            .map(|(report, hit)| Found::response(datasets[report], hit).ranked(report))
            .collect();
        for (report, committee) in committees.iter().enumerate() {
            if let Some(committee) = committee {
                let (hits, count) = committee.search_counted(query, limit);
                total += count;
                found.extend(hits.into_iter().map(|hit| {
                    Found::recommendation(datasets[report], committee, hit).ranked(report)
                }));
            }
        }
        found.sort_by_key(Found::order);
        found.truncate(limit);
        write_found(&found, format, true, out)?;
        let phrases = if total == 0 {
            phrase_counts(indexes, query)
        } else {
            Vec::new()
        };
        return super::search::finish(query, &phrases, found.len(), total, out);
    }
    // Best first; between reports of equal score, the newer report (listed first) first.
    hits.sort_by(|(ra, a), (rb, b)| b.score.cmp(&a.score).then(ra.cmp(rb)));
    hits.truncate(limit);
    match format {
        SearchFormat::Json => {
            let records: Vec<ReportHit> = hits
                .iter()
                .map(|(report, hit)| ReportHit {
                    symbol: &datasets[*report].document.symbol,
                    hit: json_hit(datasets[*report], hit),
                })
                .collect();
            write_json(out, &records)?;
        }
        SearchFormat::Markdown => {
            for (i, (report, hit)) in hits.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                // The heading's citation names the report.
                write_markdown(datasets[*report], hit, out)?;
            }
        }
        SearchFormat::Text => {
            let symbols: Vec<SafeText> = datasets
                .iter()
                .map(|d| d.document.symbol.to_line())
                .collect();
            let column = hits
                .iter()
                .map(|(report, _)| unicode_width::UnicodeWidthStr::width(symbols[*report].as_str()))
                .max()
                .unwrap_or(0);
            let width = screen_width().saturating_sub(column + 2);
            for (report, hit) in &hits {
                let symbol = &symbols[*report];
                let pad = column - unicode_width::UnicodeWidthStr::width(symbol.as_str());
                out.text(&safe_format!("{symbol}{:pad$}  ", ""))?;
                write_hit(datasets[*report], hit, &SafeText::default(), width, out)?;
            }
        }
    }
    let phrases = if total == 0 {
        phrase_counts(indexes, query)
    } else {
        Vec::new()
    };
    super::search::finish(query, &phrases, hits.len(), total, out)
}

/// Each quoted phrase of `query` with how many responses, in all reports, have its words.
fn phrase_counts(indexes: &[SearchIndex], query: &str) -> Vec<(String, usize)> {
    let mut phrases: Vec<(String, usize)> = Vec::new();
    for index in indexes {
        for (phrase, count) in index.phrase_words_counts(query) {
            match phrases.iter_mut().find(|(known, _)| *known == phrase) {
                Some((_, sum)) => *sum += count,
                None => phrases.push((phrase, count)),
            }
        }
    }
    phrases
}

#[cfg(test)]
mod tests {
    use clap::FromArgMatches;

    use super::super::{Cli, command};

    /// `--report` is global, so its id must clash with no argument of a subcommand: `import
    /// REPORT` once did, and every `c34 import` panicked in clap.
    #[test]
    fn report_parses_beside_every_subcommand_argument() {
        for args in [
            &["c34", "import", "r.txt"][..],
            &["c34", "--report", "A/1/1", "import", "r.txt"],
            &["c34", "add", "r.txt", "--report", "A/1/1"],
            &["c34", "remove", "A/1/1"],
        ] {
            let matches = command().try_get_matches_from(args).unwrap();
            let cli = Cli::from_arg_matches(&matches).unwrap();
            let given = args.contains(&"--report");
            assert_eq!(cli.report_symbol.is_some(), given, "{args:?}");
        }
    }
}
