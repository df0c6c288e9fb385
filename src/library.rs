//! The library of reports: the ones built into c34 ([`crate::reports`]) and those the user
//! added with `c34 add`, kept as one dataset JSON per report in `$XDG_DATA_HOME/c34/reports/`.
//!
//! A report is found by its document symbol (letter case and spaces aside). The file name of an
//! added report is derived from its symbol ([`file_name`]), but any `*.json` in the folder is
//! read, whatever its name. Changes are made under one lock (`reports.lock` beside the folder)
//! and written atomically with the user-data layer's helpers. An added report that cannot be
//! read is named with its file and skipped, never deleted or overwritten unless the user asks
//! for exactly that file (`--replace`, `remove`). Nothing here knows a terminal exists.

use std::cmp::Ordering;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dataset::{DataError, Dataset, FileError};
use crate::reports::{self, symbol_key};
use crate::series::committee::CommitteeReport;
use crate::userdata::{
    StoreError, create_private_dir, data_dir, lock, read_start, read_text, write_atomically,
};

/// Where a report comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into c34: it cannot be removed or replaced.
    Embedded,
    /// Added with `c34 add`, kept in this file.
    Added(PathBuf),
}

impl Source {
    /// `embedded` or `added`, as `c34 reports --json` prints it.
    pub fn name(&self) -> &'static str {
        match self {
            Source::Embedded => "embedded",
            Source::Added(_) => "added",
        }
    }
}

/// A report of the library with its dataset.
#[derive(Debug, Clone)]
pub struct Entry {
    pub dataset: Dataset,
    pub source: Source,
}

/// An added report that cannot be read: the file, and why. It is left as it is.
#[derive(Debug)]
pub struct Unreadable {
    pub path: PathBuf,
    pub error: LibraryError,
}

/// Every report, newest first, and the added files that could not be read.
#[derive(Debug)]
pub struct Listing {
    pub reports: Vec<Entry>,
    pub unreadable: Vec<Unreadable>,
}

/// What went wrong with the library.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// Reading, locking or writing a file of the library.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file that is not a valid dataset (its name, line and column in the message).
    #[error(transparent)]
    Invalid(#[from] FileError),
    #[error("{}: cannot read the folder: {source}", path.display())]
    ReadDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: cannot remove: {source}", path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{symbol} is the report built into c34: it cannot be {action}")]
    Embedded {
        symbol: String,
        action: &'static str,
    },
    #[error(
        "{symbol} is already in the library ({}); add it with --replace to replace it",
        path.display()
    )]
    Exists { symbol: String, path: PathBuf },
    #[error("no report {symbol} in the library (c34 has {}; c34 add FILE adds one)", known.join(", "))]
    Unknown { symbol: String, known: Vec<String> },
    #[error("{}:{line}:{column}: not a committee report c34 keeps: {message}", path.display())]
    Committee {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A file `c34 add` was given that is not a report it reads.
    #[error(transparent)]
    Read(#[from] crate::series::SeriesError),
    #[error("the document symbol {symbol:?} cannot name a file: {problem}")]
    BadSymbol {
        symbol: String,
        problem: &'static str,
    },
}

/// The longest document symbol the library stores (UN symbols are a few dozen characters).
pub const MAX_SYMBOL_CHARS: usize = 100;

/// The file name an added report is kept under: the symbol as [`symbol_key`] spells it,
/// `/` as `_`, every other byte outside `a-z 0-9 . -` (and a leading dot) percent-encoded, so
/// that two symbols never share a file and no name is hidden, a path or special:
/// `A/77/505/Add.1` → `a_77_505_add.1.json`.
pub fn file_name(symbol: &str) -> Result<String, LibraryError> {
    let key = symbol_key(symbol);
    let bad = |problem| LibraryError::BadSymbol {
        symbol: symbol.to_string(),
        problem,
    };
    if key.is_empty() {
        return Err(bad("it is empty"));
    }
    if key.chars().count() > MAX_SYMBOL_CHARS {
        return Err(bad("it is longer than 100 characters"));
    }
    let mut name = String::with_capacity(key.len() + 5);
    for (i, byte) in key.bytes().enumerate() {
        match byte {
            b'/' => name.push('_'),
            b'.' if i == 0 => name.push_str("%2E"),
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' => name.push(char::from(byte)),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                name.push('%');
                name.push(char::from(HEX[usize::from(byte >> 4)]));
                name.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
    }
    name.push_str(".json");
    Ok(name)
}

/// The front matter of a dataset, read without building the rest: enough to order the reports
/// and find one by symbol.
#[derive(Deserialize)]
struct Head {
    document: HeadDocument,
}

#[derive(Deserialize)]
struct HeadDocument {
    symbol: String,
    date: String,
}

/// The front matter of each added file that has one, and the files that do not.
type Heads = (Vec<(PathBuf, Head)>, Vec<Unreadable>);

/// The library in one folder.
#[derive(Debug, Clone)]
pub struct Library {
    /// `None` when there is no data directory: only the built-in reports.
    dir: Option<PathBuf>,
}

impl Library {
    /// `$XDG_DATA_HOME/c34/reports` (see [`data_dir`]).
    pub fn default_dir() -> Option<PathBuf> {
        data_dir().map(|dir| dir.join("reports"))
    }

    /// The library in the user's data directory; only the built-in reports when there is none.
    pub fn open_default() -> Library {
        Library {
            dir: Library::default_dir(),
        }
    }

    /// The library kept in `dir`.
    pub fn at(dir: PathBuf) -> Library {
        Library { dir: Some(dir) }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The folder, or the reason there is none (for changes).
    fn writable_dir(&self) -> Result<&Path, LibraryError> {
        self.dir
            .as_deref()
            .ok_or(LibraryError::Store(StoreError::NoDataDir {
                what: "reports",
            }))
    }

    /// The `*.json` files of the folder, by name; none when the folder does not exist.
    /// Hidden files (temporary files of a write) and folders are not reports.
    fn files(&self) -> Result<Vec<PathBuf>, LibraryError> {
        let Some(dir) = &self.dir else {
            return Ok(Vec::new());
        };
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Vec::new());
            }
            Err(source) => {
                return Err(LibraryError::ReadDir {
                    path: dir.clone(),
                    source,
                });
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.')
                    && Path::new(name.as_ref())
                        .extension()
                        .is_some_and(|e| e == "json")
                    && !entry.file_type().is_ok_and(|t| t.is_dir())
            })
            .map(|entry| entry.path())
            .collect();
        files.sort();
        Ok(files)
    }

    /// Every report, newest first (by document date, then symbol), the built-in ones included;
    /// added files that cannot be read are returned apart, with the reason.
    pub fn list(&self) -> Result<Listing, LibraryError> {
        let mut reports: Vec<Entry> = reports::all()
            .iter()
            .map(|report| Entry {
                dataset: report.dataset().clone(),
                source: Source::Embedded,
            })
            .collect();
        let mut unreadable = Vec::new();
        for path in self.files()? {
            match load(&path) {
                Ok(dataset) => reports.push(Entry {
                    dataset,
                    source: Source::Added(path),
                }),
                Err(error) => unreadable.push(Unreadable { path, error }),
            }
        }
        reports.sort_by(|a, b| {
            newest_first(
                (&a.dataset.document.date, &a.dataset.document.symbol),
                (&b.dataset.document.date, &b.dataset.document.symbol),
            )
        });
        Ok(Listing {
            reports,
            unreadable,
        })
    }

    /// The report to open: the one with `symbol`, or without one the most recent (by document
    /// date) that can be read. Added files that were skipped because they cannot be read come
    /// back beside it, for the caller to name.
    pub fn open(&self, symbol: Option<&str>) -> Result<(Dataset, Vec<Unreadable>), LibraryError> {
        match symbol {
            Some(symbol) => self
                .open_symbol(symbol)
                .map(|dataset| (dataset, Vec::new())),
            None => self.open_newest(),
        }
    }

    fn open_symbol(&self, symbol: &str) -> Result<Dataset, LibraryError> {
        if let Some(report) = reports::get(symbol) {
            return Ok(report.to_dataset());
        }
        let wanted = symbol_key(symbol);
        // The file named after the symbol first: one read in the usual case.
        if let (Some(dir), Ok(name)) = (&self.dir, file_name(symbol)) {
            let path = dir.join(name);
            if path.exists() {
                let dataset = load(&path)?;
                if symbol_key(&dataset.document.symbol) == wanted {
                    return Ok(dataset);
                }
            }
        }
        for (path, head) in self.heads()?.0 {
            if symbol_key(&head.document.symbol) == wanted {
                return load(&path);
            }
        }
        Err(self.unknown(symbol))
    }

    fn open_newest(&self) -> Result<(Dataset, Vec<Unreadable>), LibraryError> {
        let (heads, mut skipped) = self.heads()?;
        let embedded = reports::default();
        if heads.is_empty() {
            // The usual case: nothing added, nothing to compare.
            return Ok((embedded.to_dataset(), skipped));
        }
        let embedded_head: Option<HeadDocument> = head_in(embedded.json().as_bytes());
        let mut candidates: Vec<(Option<&Path>, &HeadDocument)> = heads
            .iter()
            .map(|(path, head)| (Some(path.as_path()), &head.document))
            .collect();
        if let Some(document) = &embedded_head {
            candidates.push((None, document));
        }
        candidates.sort_by(|a, b| {
            newest_first((&a.1.date, &a.1.symbol), (&b.1.date, &b.1.symbol))
                // The built-in report before an added one of the same date and symbol.
                .then_with(|| a.0.is_some().cmp(&b.0.is_some()))
        });
        for (path, _) in candidates {
            let Some(path) = path else {
                return Ok((embedded.to_dataset(), skipped));
            };
            match load(path) {
                Ok(dataset) => return Ok((dataset, skipped)),
                Err(error) => skipped.push(Unreadable {
                    path: path.to_path_buf(),
                    error,
                }),
            }
        }
        Ok((embedded.to_dataset(), skipped))
    }

    /// The front matter of every added file that has one, and the files that do not.
    fn heads(&self) -> Result<Heads, LibraryError> {
        let mut heads = Vec::new();
        let mut unreadable = Vec::new();
        for path in self.files()? {
            match read_head(&path) {
                Ok(head) => heads.push((path, head)),
                Err(error) => unreadable.push(Unreadable { path, error }),
            }
        }
        Ok((heads, unreadable))
    }

    fn unknown(&self, symbol: &str) -> LibraryError {
        let mut known: Vec<String> = reports::all()
            .iter()
            .map(|report| report.symbol().to_string())
            .collect();
        if let Ok((heads, _)) = self.heads() {
            known.extend(heads.into_iter().map(|(_, head)| head.document.symbol));
        }
        LibraryError::Unknown {
            symbol: symbol.to_string(),
            known,
        }
    }

    /// Keeps `dataset` in the library, under the lock and atomically. A report with the same
    /// symbol already there (under any file name, readable or not) is replaced only when
    /// `replace` is true; a built-in report is never replaced. Returns the file written and
    /// the file replaced, if any.
    pub fn add(
        &self,
        dataset: &Dataset,
        replace: bool,
    ) -> Result<(PathBuf, Option<PathBuf>), LibraryError> {
        let symbol = dataset.document.symbol.as_str();
        if let Some(report) = reports::get(symbol) {
            return Err(LibraryError::Embedded {
                symbol: report.symbol().to_string(),
                action: "replaced (open another version with --data FILE)",
            });
        }
        let name = file_name(symbol)?;
        let dir = self.writable_dir()?;
        let _lock = lock(dir, &mut || {})?;
        create_private_dir(dir)?;
        let path = dir.join(name);
        let existing = self.find_added(symbol, &path)?;
        if let Some(existing) = &existing
            && !replace
        {
            return Err(LibraryError::Exists {
                symbol: symbol.to_string(),
                path: existing.clone(),
            });
        }
        write_atomically(&path, dataset.to_json().as_bytes())?;
        // The same report kept under another name (copied there by hand) goes: one file per report.
        if let Some(old) = existing.as_ref().filter(|old| **old != path) {
            fs::remove_file(old).map_err(|source| LibraryError::Remove {
                path: old.clone(),
                source,
            })?;
        }
        Ok((path, existing))
    }

    /// Removes the added report with `symbol`, under the lock; returns its file. The built-in
    /// report cannot be removed.
    pub fn remove(&self, symbol: &str) -> Result<PathBuf, LibraryError> {
        if let Some(report) = reports::get(symbol) {
            return Err(LibraryError::Embedded {
                symbol: report.symbol().to_string(),
                action: "removed",
            });
        }
        let name = file_name(symbol)?;
        let dir = self.writable_dir()?;
        let _lock = lock(dir, &mut || {})?;
        let committee = self.committee_dir().map(|dir| dir.join(&name));
        let path = match self.find_added(symbol, &dir.join(&name))? {
            Some(path) => path,
            None => match committee.filter(|path| fs::symlink_metadata(path).is_ok()) {
                Some(path) => path,
                None => return Err(self.unknown(symbol)),
            },
        };
        fs::remove_file(&path).map_err(|source| LibraryError::Remove {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// `reports/committee/`: the Special Committee's reports, one JSON each, named as matrices
    /// are ([`file_name`]).
    fn committee_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join("committee"))
    }

    /// Keeps a Special Committee report in the library (beside the matrices, in
    /// `committee/`), under the lock and atomically; one already there is replaced only when
    /// `replace` is true. Returns the file written and whether one was replaced.
    pub fn add_committee(
        &self,
        report: &CommitteeReport,
        replace: bool,
    ) -> Result<(PathBuf, bool), LibraryError> {
        let name = file_name(&report.symbol)?;
        let dir = self.writable_dir()?;
        let committee_dir = self.committee_dir().unwrap_or_default();
        let _lock = lock(dir, &mut || {})?;
        create_private_dir(&committee_dir)?;
        let path = committee_dir.join(name);
        let exists = fs::symlink_metadata(&path).is_ok();
        if exists && !replace {
            return Err(LibraryError::Exists {
                symbol: report.symbol.clone(),
                path,
            });
        }
        // A list of strings and numbers: serialising cannot fail.
        let mut json = serde_json::to_string_pretty(report).unwrap_or_default();
        json.push('\n');
        write_atomically(&path, json.as_bytes())?;
        Ok((path, exists))
    }

    /// The Special Committee report `symbol` (a matrix's `responds_to`), if the library has it.
    pub fn committee(&self, symbol: &str) -> Result<Option<CommitteeReport>, LibraryError> {
        let (Some(dir), Ok(name)) = (self.committee_dir(), file_name(symbol)) else {
            return Ok(None);
        };
        let path = dir.join(name);
        let Some((text, _)) = read_text(&path)? else {
            return Ok(None);
        };
        let report: CommitteeReport =
            serde_json::from_str(&text).map_err(|source| LibraryError::Committee {
                path: path.clone(),
                line: source.line(),
                column: source.column().max(1),
                message: crate::dataset::json_message(&source),
            })?;
        if symbol_key(&report.symbol) != symbol_key(symbol) {
            return Err(LibraryError::Committee {
                path,
                line: 1,
                column: 1,
                message: format!("it holds {}, not {symbol}", report.symbol),
            });
        }
        Ok(Some(report))
    }

    /// The Special Committee reports kept, by file name, and the files that cannot be read.
    pub fn committees(&self) -> (Vec<CommitteeReport>, Vec<Unreadable>) {
        let mut reports = Vec::new();
        let mut unreadable = Vec::new();
        let Some(dir) = self.committee_dir() else {
            return (reports, unreadable);
        };
        let files = Library::at(dir).files().unwrap_or_default();
        for path in files {
            let report = read_file(&path).and_then(|text| {
                serde_json::from_str::<CommitteeReport>(&text).map_err(|source| {
                    LibraryError::Committee {
                        path: path.clone(),
                        line: source.line(),
                        column: source.column().max(1),
                        message: crate::dataset::json_message(&source),
                    }
                })
            });
            match report {
                Ok(report) => reports.push(report),
                Err(error) => unreadable.push(Unreadable { path, error }),
            }
        }
        (reports, unreadable)
    }

    /// The file holding the added report with `symbol`: `named` (the file named after it) if
    /// it exists, whatever it holds, else any file whose front matter has the symbol.
    fn find_added(&self, symbol: &str, named: &Path) -> Result<Option<PathBuf>, LibraryError> {
        if fs::symlink_metadata(named).is_ok() {
            return Ok(Some(named.to_path_buf()));
        }
        let wanted = symbol_key(symbol);
        Ok(self
            .heads()?
            .0
            .into_iter()
            .find(|(_, head)| symbol_key(&head.document.symbol) == wanted)
            .map(|(path, _)| path))
    }
}

/// Dates descending (ISO dates sort as text), then symbols ascending.
fn newest_first(a: (&str, &str), b: (&str, &str)) -> Ordering {
    b.0.cmp(a.0).then_with(|| a.1.cmp(b.1))
}

/// Reads an added report's file as text: only a regular file, never waiting (a named pipe is
/// refused), at most the user-data size limit.
fn read_file(path: &Path) -> Result<String, LibraryError> {
    match read_text(path)? {
        Some((text, _)) => Ok(text),
        None => Err(LibraryError::Store(StoreError::Io {
            path: path.to_path_buf(),
            action: "read",
            source: io::ErrorKind::NotFound.into(),
        })),
    }
}

/// How much of an added file is read for its front matter: `document` comes first in the
/// datasets c34 writes, and is well under a kilobyte.
const HEAD_BYTES: u64 = 8 * 1024;

/// The front matter of an added report. Choosing the report to open looks at every added
/// file, so only the start of each is read when `document` is there, complete (with ten
/// reports, 1.2 MB read and scanned became 80 kB at most); otherwise the whole file is read,
/// and an error names what is wrong with it as before.
fn read_head(path: &Path) -> Result<Head, LibraryError> {
    if let Some(document) = read_start(path, HEAD_BYTES).and_then(|bytes| head_in(&bytes)) {
        return Ok(Head { document });
    }
    let text = read_file(path)?;
    serde_json::from_str(&text).map_err(|source| {
        LibraryError::Invalid(FileError {
            path: path.to_path_buf(),
            error: DataError::json(source),
        })
    })
}

/// The `document` object of a dataset's JSON, if `start` (the start of the file, maybe cut
/// anywhere) holds it whole: the members before it are skipped, those after it not read.
fn head_in(start: &[u8]) -> Option<HeadDocument> {
    use serde::de::{Deserializer as _, Error as _, IgnoredAny, MapAccess, Visitor};

    struct UntilDocument<'a>(&'a mut Option<HeadDocument>);

    impl<'de> Visitor<'de> for UntilDocument<'_> {
        type Value = ();

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a dataset")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "document" {
                    *self.0 = Some(map.next_value()?);
                    // Stops the parser here: what follows is not needed.
                    return Err(A::Error::custom("read as far as the document"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }

    let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    let mut document = None;
    let mut parser = serde_json::Deserializer::from_slice(start);
    // The error is expected (the parser is stopped, or the start cut mid-way); `document` says
    // whether it was read.
    let _ = parser.deserialize_map(UntilDocument(&mut document));
    document
}

/// Reads and checks an added report as `--data` does: a valid dataset whose missions agree
/// with its responses.
pub fn load(path: &Path) -> Result<Dataset, LibraryError> {
    let text = read_file(path)?;
    let at = |error| FileError {
        path: path.to_path_buf(),
        error,
    };
    let mut dataset = Dataset::from_json(&text).map_err(at)?;
    // What its responses name, from the cache when it holds it: ten reports are not read
    // again at every start.
    crate::cache::reconcile(&mut dataset).map_err(at)?;
    Ok(dataset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        assert_eq!(file_name("A/77/505/Add.1").unwrap(), "a_77_505_add.1.json");
        assert_eq!(
            file_name(" a / 77/505/ADD.1").unwrap(),
            "a_77_505_add.1.json"
        );
        assert_eq!(file_name("A_77").unwrap(), "a%5F77.json");
        assert_ne!(file_name("A_77").unwrap(), file_name("A/77").unwrap());
        assert_eq!(file_name("../x").unwrap(), "%2E._x.json");
        assert_eq!(file_name("é").unwrap(), "%C3%A9.json");
        assert!(file_name("  ").is_err());
        assert!(file_name(&"A".repeat(101)).is_err());
        for symbol in ["..", "/", "\\a", "a\0b", ".hidden"] {
            let name = file_name(symbol).unwrap();
            assert!(!name.starts_with('.'), "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-%".contains(&b)),
                "{name}"
            );
        }
    }

    #[test]
    fn the_front_matter_is_read_from_the_start_of_a_file_when_it_is_there_whole() {
        let whole = r#"{"document": {"symbol": "A/1", "date": "2020-01-02", "title": "T"}, "sections": []}"#;
        let head = head_in(whole.as_bytes()).expect("the document is read");
        assert_eq!(
            (head.symbol.as_str(), head.date.as_str()),
            ("A/1", "2020-01-02")
        );
        // Cut after the document: the rest is not needed.
        let cut = &whole[..whole.find("\"sections").unwrap() + 4];
        assert_eq!(head_in(cut.as_bytes()).unwrap().symbol, "A/1");
        // Members before it are skipped; a byte-order mark is dropped.
        let later = format!(
            "\u{feff}{{\"sections\": [{{\"a\": [1, \"}}\"]}}], {}",
            &whole[1..]
        );
        assert_eq!(head_in(later.as_bytes()).unwrap().date, "2020-01-02");
        // Not there whole, or not there: the caller reads the whole file.
        assert!(head_in(&whole.as_bytes()[..30]).is_none());
        assert!(head_in(br#"{"sections": []}"#).is_none());
        assert!(head_in(br#"[{"document": {"symbol": "A/1", "date": "2020"}}]"#).is_none());
        assert!(head_in(br#"{"document": {"symbol": "A/1"}}"#).is_none());
    }

    #[test]
    fn newest_comes_first_then_symbols_in_order() {
        let mut dates = vec![
            ("2021-11-02", "B"),
            ("2022-11-01", "A"),
            ("2021-11-02", "A"),
        ];
        dates.sort_by(|a, b| newest_first(*a, *b));
        assert_eq!(
            dates,
            [
                ("2022-11-01", "A"),
                ("2021-11-02", "A"),
                ("2021-11-02", "B")
            ]
        );
    }
}
