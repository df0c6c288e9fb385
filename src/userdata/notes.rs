//! Bookmarks and notes on recommendations, in one JSON file keyed by document symbol and
//! paragraph number, so the notes on another report of the series never collide:
//!
//! ```json
//! {
//!   "version": 1,
//!   "documents": {
//!     "A/76/505/Add.1": {
//!       "165": { "bookmark": true, "note": "Raise with the Secretariat" }
//!     }
//!   }
//! }
//! ```
//!
//! Fields this c34 does not know are kept when it rewrites the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{StoreError, Unreadable, data_dir, lock, one_line, read_text, write_atomically};

/// The format version this c34 writes; it reads no other.
pub const FORMAT_VERSION: u64 = 1;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// What the user attached to one recommendation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    #[serde(default)]
    pub bookmark: bool,
    /// One paragraph of text, never empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields a later c34 may add within the same version, kept as they are.
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Annotation {
    pub fn new(bookmark: bool, note: Option<String>) -> Annotation {
        Annotation {
            bookmark,
            note,
            extra: Map::new(),
        }
    }

    /// Neither bookmarked nor annotated: such an entry is removed from the file.
    pub fn is_empty(&self) -> bool {
        !self.bookmark && self.note.is_none()
    }
}

/// Paragraph number → annotation, for one document.
type Paragraphs = BTreeMap<u32, Annotation>;

/// The whole file in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Notes {
    documents: BTreeMap<String, Paragraphs>,
    extra: Map<String, Value>,
}

impl Default for Notes {
    fn default() -> Notes {
        Notes {
            documents: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

/// The file as written: paragraphs in numeric order.
#[derive(Serialize)]
struct NotesOut<'a> {
    version: u64,
    documents: &'a BTreeMap<String, Paragraphs>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// The file as read. Paragraph keys are read as strings and checked by hand: serde cannot
/// read integer map keys through a flattened struct.
#[derive(Deserialize)]
struct NotesIn {
    #[allow(dead_code)] // checked before, on the JSON value
    version: u64,
    #[serde(default)]
    documents: BTreeMap<String, BTreeMap<String, Annotation>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// One change, applied to what is on disk under the lock.
#[derive(Debug, Clone, Copy)]
enum Change<'a> {
    Bookmark(bool),
    ToggleBookmark,
    Note(Option<&'a str>),
    Remove,
}

/// Bookmarks and notes, backed by a file; every change is saved at once (see [`super`]).
#[derive(Debug, Clone)]
pub struct NotesStore {
    path: PathBuf,
    notes: Notes,
    read_only: Option<String>,
}

impl NotesStore {
    /// `$XDG_DATA_HOME/c34/notes.json` (see [`data_dir`]).
    pub fn default_path() -> Option<PathBuf> {
        data_dir().map(|dir| dir.join("notes.json"))
    }

    /// The store at [`NotesStore::default_path`]; read-only, with the reason, when there is no
    /// data directory (neither `XDG_DATA_HOME` nor `HOME` set).
    pub fn open_default() -> NotesStore {
        match NotesStore::default_path() {
            Some(path) => NotesStore::open(path),
            None => NotesStore {
                path: PathBuf::new(),
                notes: Notes::default(),
                read_only: Some(
                    "no data directory for notes: set XDG_DATA_HOME or HOME".to_string(),
                ),
            },
        }
    }

    /// Opens the store at `path`; never fails. A missing file is an empty store; a file that
    /// cannot be read yields a read-only store carrying the reason, and the file is left alone.
    pub fn open(path: PathBuf) -> NotesStore {
        let (notes, read_only) = match read_notes(&path) {
            Ok(notes) => (notes, None),
            Err(unreadable) => (Notes::default(), Some(unreadable.to_string())),
        };
        NotesStore {
            path,
            notes,
            read_only,
        }
    }

    /// Reads the file again, to show what another c34 saved since.
    pub fn reload(&mut self) {
        *self = NotesStore::open(std::mem::take(&mut self.path));
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why changes are refused (`FILE:LINE:COLUMN: problem`), when they are.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn annotation(&self, symbol: &str, para: u32) -> Option<&Annotation> {
        self.notes
            .documents
            .get(symbol)?
            .get(&para)
            .filter(|annotation| !annotation.is_empty())
    }

    pub fn is_bookmarked(&self, symbol: &str, para: u32) -> bool {
        self.annotation(symbol, para).is_some_and(|a| a.bookmark)
    }

    /// Every bookmarked or annotated paragraph of `symbol`, in paragraph order.
    pub fn annotated(&self, symbol: &str) -> Vec<(u32, &Annotation)> {
        self.notes
            .documents
            .get(symbol)
            .into_iter()
            .flatten()
            .filter(|(_, annotation)| !annotation.is_empty())
            .map(|(&para, annotation)| (para, annotation))
            .collect()
    }

    /// Flips the bookmark as it is on disk now; returns whether it is set afterwards.
    pub fn toggle_bookmark(&mut self, symbol: &str, para: u32) -> Result<bool, StoreError> {
        self.change(symbol, para, Change::ToggleBookmark)
            .map(|annotation| annotation.bookmark)
    }

    pub fn set_bookmark(&mut self, symbol: &str, para: u32, on: bool) -> Result<(), StoreError> {
        self.change(symbol, para, Change::Bookmark(on)).map(drop)
    }

    /// Sets the note, folded to one line and trimmed; an empty or blank note deletes it.
    /// A note over [`MAX_NOTE_CHARS`] is refused and nothing changes.
    pub fn set_note(&mut self, symbol: &str, para: u32, note: &str) -> Result<(), StoreError> {
        let note = one_line(note);
        let chars = note.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(StoreError::NoteTooLong {
                chars,
                max: MAX_NOTE_CHARS,
            });
        }
        let note = (!note.is_empty()).then_some(note.as_str());
        self.change(symbol, para, Change::Note(note)).map(drop)
    }

    /// Removes the bookmark and the note of one paragraph.
    pub fn remove(&mut self, symbol: &str, para: u32) -> Result<(), StoreError> {
        self.change(symbol, para, Change::Remove).map(drop)
    }

    /// Lock, re-read, apply `change` to what is on disk, write atomically. Afterwards the
    /// store holds what is on disk, other processes' changes included.
    fn change(
        &mut self,
        symbol: &str,
        para: u32,
        change: Change<'_>,
    ) -> Result<Annotation, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly(reason.clone()));
        }
        let _lock = lock(&self.path)?;
        let on_disk = match read_notes(&self.path) {
            Ok(notes) => notes,
            Err(unreadable) => {
                // Someone wrote a file we cannot read since we opened it: leave it alone.
                let reason = unreadable.to_string();
                self.read_only = Some(reason.clone());
                return Err(StoreError::ReadOnly(reason));
            }
        };
        let mut merged = on_disk.clone();
        let paragraphs = merged.documents.entry(symbol.to_string()).or_default();
        let annotation = paragraphs.entry(para).or_default();
        match change {
            Change::Bookmark(on) => annotation.bookmark = on,
            Change::ToggleBookmark => annotation.bookmark = !annotation.bookmark,
            Change::Note(note) => annotation.note = note.map(str::to_string),
            Change::Remove => *annotation = Annotation::default(),
        }
        let result = annotation.clone();
        if annotation.is_empty() {
            paragraphs.remove(&para);
        }
        if paragraphs.is_empty() {
            merged.documents.remove(symbol);
        }
        if merged != on_disk
            && let Err(error) = write_atomically(&self.path, to_json(&merged).as_bytes())
        {
            self.notes = on_disk;
            return Err(error);
        }
        self.notes = merged;
        Ok(result)
    }
}

fn to_json(notes: &Notes) -> String {
    let out = NotesOut {
        version: FORMAT_VERSION,
        documents: &notes.documents,
        extra: &notes.extra,
    };
    // Maps with string keys, strings, booleans: serialising cannot fail.
    let mut json = serde_json::to_string_pretty(&out).unwrap_or_default();
    json.push('\n');
    json
}

/// Reads and checks the notes file; a missing or blank file is empty.
fn read_notes(path: &Path) -> Result<Notes, Unreadable> {
    match read_text(path)? {
        None => Ok(Notes::default()),
        Some(text) if text.trim().is_empty() => Ok(Notes::default()),
        Some(text) => parse(&text).map_err(|(position, problem)| Unreadable {
            path: path.to_path_buf(),
            position,
            problem,
        }),
    }
}

type ParseError = (Option<(usize, usize)>, String);

fn parse(text: &str) -> Result<Notes, ParseError> {
    let json_error = |error: &serde_json::Error| {
        (
            // serde_json counts columns from 0 at the start of a line; editors count from 1.
            Some((error.line(), error.column().max(1))),
            format!("not a c34 notes file: {}", json_message(error)),
        )
    };
    // The version first, so a newer file is named as such rather than as a shape error.
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let Some(object) = value.as_object() else {
        return Err((
            Some((1, 1)),
            "not a c34 notes file: not a JSON object".into(),
        ));
    };
    match object.get("version") {
        None => return Err((None, "not a c34 notes file: no \"version\" field".into())),
        Some(version) => match version.as_u64() {
            Some(FORMAT_VERSION) => {}
            Some(newer) if newer > FORMAT_VERSION => {
                return Err((
                    None,
                    format!(
                        "written by a newer c34 (format version {newer}; this c34 reads version {FORMAT_VERSION})"
                    ),
                ));
            }
            _ => {
                return Err((
                    None,
                    format!("not a c34 notes file: unknown format version {version}"),
                ));
            }
        },
    }
    let file: NotesIn = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut documents = BTreeMap::new();
    for (symbol, paragraphs) in file.documents {
        let mut checked = Paragraphs::new();
        for (key, annotation) in paragraphs {
            // Only the canonical spelling: "0165" and "165" must not become one entry.
            let para = key
                .parse::<u32>()
                .ok()
                .filter(|para| para.to_string() == key)
                .ok_or_else(|| {
                    (
                        None,
                        format!(
                            "not a c34 notes file: documents.{symbol}: {key:?} is not a paragraph number"
                        ),
                    )
                })?;
            checked.insert(para, annotation);
        }
        documents.insert(symbol, checked);
    }
    Ok(Notes {
        documents,
        extra: file.extra,
    })
}

/// `serde_json`'s message without its " at line L column C" (the position is printed first).
pub(crate) fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) => text[..index].to_string(),
        None => text,
    }
}
