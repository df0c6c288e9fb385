//! Bookmarks and notes on recommendations, in one JSON file keyed by document symbol and
//! paragraph number, so the notes on another report of the series never collide:
//!
//! ```json
//! {
//!   "version": 1,
//!   "documents": {
//!     "A/76/505/Add.1": {
//!       "165": { "bookmark": true, "note": "Raise with the Secretariat" },
//!       "18": { "bookmark": false, "note": "Mine", "other_notes": ["Saved meanwhile by another c34"] }
//!     }
//!   }
//! }
//! ```
//!
//! `other_notes` holds versions of the note that would otherwise have been lost: when a note
//! edited in the browser is saved after another c34 changed it, the saved one becomes `note`
//! and the other is kept there, oldest first. Fields this c34 does not know are kept when it
//! rewrites the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{FileStamp, StoreError, data_dir, lock, one_line, read_text, write_atomically};
use crate::sanitize::SafeText;

/// The format version this c34 writes; it reads no other.
pub const FORMAT_VERSION: u64 = 1;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// What the user attached to one recommendation.
///
/// The notes are [`SafeText`]: made safe as the file is read, so nothing that shows them can
/// forget to; they are written back (and compared) as they came.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Annotation {
    #[serde(default)]
    pub bookmark: bool,
    /// One paragraph of text, never empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<SafeText>,
    /// Earlier versions of the note that another c34 saved while this one was being edited,
    /// kept beside it so that neither is lost; oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_notes: Vec<SafeText>,
    /// Fields a later c34 may add within the same version, kept as they are.
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Annotation {
    pub fn new(bookmark: bool, note: Option<String>) -> Annotation {
        Annotation {
            bookmark,
            note: note.map(SafeText::new),
            other_notes: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The note exactly as it is stored (for comparing and writing back, never for a terminal).
    pub fn stored_note(&self) -> Option<&str> {
        self.note.as_ref().map(SafeText::original)
    }

    /// True when `note` (as stored) is the note or one of the other versions.
    fn holds(&self, note: &str) -> bool {
        self.stored_note() == Some(note) || self.other_notes.iter().any(|o| o.original() == note)
    }

    /// Neither bookmarked nor annotated: such an entry is removed from the file.
    pub fn is_empty(&self) -> bool {
        !self.bookmark && self.note.is_none() && self.other_notes.is_empty()
    }
}

/// Equal when stored alike: the notes are compared as they came, not as they are shown (two
/// notes that differ only in a control character are different notes).
impl PartialEq for Annotation {
    fn eq(&self, other: &Annotation) -> bool {
        self.bookmark == other.bookmark
            && self.stored_note() == other.stored_note()
            && self.other_notes.len() == other.other_notes.len()
            && self
                .other_notes
                .iter()
                .zip(&other.other_notes)
                .all(|(a, b)| a.original() == b.original())
            && self.extra == other.extra
    }
}

impl Eq for Annotation {}

/// Paragraph number → annotation, for one document.
type Paragraphs = BTreeMap<u32, Annotation>;

/// The whole file in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Notes {
    documents: BTreeMap<String, Paragraphs>,
    extra: Map<String, Value>,
}

impl Notes {
    fn annotation(&self, symbol: &str, para: u32) -> Option<&Annotation> {
        self.documents
            .get(symbol)?
            .get(&para)
            .filter(|annotation| !annotation.is_empty())
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

/// The file as read (the version is checked before, on the JSON value). Paragraph keys are
/// read as strings and checked by hand: serde cannot read integer map keys through a
/// flattened struct.
#[derive(Deserialize)]
struct NotesIn {
    #[serde(default)]
    documents: BTreeMap<String, BTreeMap<String, Annotation>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// One change to one paragraph, applied to what is on disk under the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteChange<'a> {
    /// Bookmarked or not, whatever it was.
    Bookmark(bool),
    /// The note (already folded to one line); `None` deletes it and any other versions.
    Note(Option<&'a str>),
    /// The note as edited from `base`, the stored note the editor opened with. When the
    /// stored note is no longer `base` (another c34 saved one meanwhile), neither is lost:
    /// the edited note is saved and the other kept in `other_notes`; a deletion then deletes
    /// nothing.
    EditedNote {
        note: Option<&'a str>,
        base: Option<&'a str>,
    },
}

/// What a change found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The paragraph's annotation afterwards (empty when it has none).
    pub annotation: Annotation,
    /// What was on disk for the paragraph differed from what this store had last read:
    /// another c34 changed it meanwhile.
    pub changed_elsewhere: bool,
    /// The stored note had changed since the editor opened: it was kept in `other_notes`
    /// (or, for a deletion, left as it was).
    pub kept_other_version: bool,
}

/// Bookmarks and notes, backed by a file; every change is saved at once (see [`super`]).
#[derive(Debug, Clone)]
pub struct NotesStore {
    path: PathBuf,
    notes: Notes,
    read_only: Option<Arc<StoreError>>,
    /// What the file was when last read or written here.
    stamp: Option<FileStamp>,
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
                read_only: Some(Arc::new(StoreError::NoDataDir { what: "notes" })),
                stamp: None,
            },
        }
    }

    /// Opens the store at `path`; never fails and never waits. A missing file is an empty
    /// store; a file that cannot be read (or is not a regular file) yields a read-only store
    /// carrying the reason, and the file is left alone.
    pub fn open(path: PathBuf) -> NotesStore {
        let mut store = NotesStore {
            path,
            notes: Notes::default(),
            read_only: None,
            stamp: None,
        };
        store.reload();
        store
    }

    /// Whether the file differs from what this store last read or wrote (another c34 saved
    /// a change). Cheap: one `stat`, nothing opened, so it can run on every key.
    pub fn changed_on_disk(&self) -> bool {
        FileStamp::now(&self.path) != self.stamp
    }

    /// Reads the file again, to show what another c34 saved since. A file that can no longer
    /// be read makes the store read-only (the reason is kept) and what it held stays.
    pub fn reload(&mut self) {
        match read_notes(&self.path) {
            Ok((notes, stamp)) => {
                self.notes = notes;
                self.stamp = stamp;
            }
            Err(error) => {
                self.stamp = FileStamp::now(&self.path);
                self.read_only = Some(Arc::new(error));
            }
        }
    }

    /// Makes `merged` the store's notes, writing the file atomically unless it equals what was
    /// read from disk (`on_disk`, at `stamp`); when the write fails the store keeps what is on
    /// disk, so it never claims a change the file does not have.
    fn commit(
        &mut self,
        merged: Notes,
        on_disk: Notes,
        stamp: Option<FileStamp>,
    ) -> Result<(), StoreError> {
        let stamp = if merged == on_disk {
            stamp
        } else {
            match write_atomically(&self.path, to_json(&merged).as_bytes()) {
                Ok(stamp) => Some(stamp),
                Err(error) => {
                    self.notes = on_disk;
                    self.stamp = stamp;
                    return Err(error);
                }
            }
        };
        self.notes = merged;
        self.stamp = stamp;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why changes are refused (`FILE:LINE:COLUMN: problem`), when they are.
    pub fn read_only_reason(&self) -> Option<&StoreError> {
        self.read_only.as_deref()
    }

    pub fn annotation(&self, symbol: &str, para: u32) -> Option<&Annotation> {
        self.notes.annotation(symbol, para)
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

    pub fn set_bookmark(
        &mut self,
        symbol: &str,
        para: u32,
        on: bool,
    ) -> Result<Applied, StoreError> {
        self.apply(symbol, para, NoteChange::Bookmark(on), &mut || {})
    }

    /// Sets the note, folded to one line and trimmed; an empty or blank note deletes it (and
    /// any other versions kept beside it). A note over [`MAX_NOTE_CHARS`] is refused and
    /// nothing changes.
    pub fn set_note(&mut self, symbol: &str, para: u32, note: &str) -> Result<Applied, StoreError> {
        let note = checked_note(note)?;
        self.apply(symbol, para, NoteChange::Note(note.as_deref()), &mut || {})
    }

    /// Lock, re-read, apply `change` to what is on disk, write atomically. `on_wait` is called
    /// once if another c34 holds the lock (see [`super::lock`]). Afterwards the store holds
    /// what is on disk, other processes' changes included. A note in `change` must already be
    /// one line (see [`checked_note`]).
    pub fn apply(
        &mut self,
        symbol: &str,
        para: u32,
        change: NoteChange<'_>,
        on_wait: &mut dyn FnMut(),
    ) -> Result<Applied, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly(Arc::clone(reason)));
        }
        let _lock = lock(&self.path, on_wait)?;
        let (on_disk, stamp) = match read_notes(&self.path) {
            Ok(read) => read,
            Err(error) => {
                // Someone wrote a file we cannot read since we opened it: leave it alone.
                let reason = Arc::new(error);
                self.read_only = Some(Arc::clone(&reason));
                return Err(StoreError::ReadOnly(reason));
            }
        };
        let known = self.notes.annotation(symbol, para).cloned();
        let found = on_disk.annotation(symbol, para).cloned();
        let mut merged = on_disk.clone();
        let paragraphs = merged.documents.entry(symbol.to_string()).or_default();
        let annotation = paragraphs.entry(para).or_default();
        let mut kept_other_version = false;
        match change {
            NoteChange::Bookmark(on) => annotation.bookmark = on,
            NoteChange::Note(note) => {
                annotation.note = note.map(SafeText::new);
                if note.is_none() {
                    annotation.other_notes.clear();
                }
            }
            NoteChange::EditedNote { note, base } if annotation.stored_note() == base => {
                annotation.note = note.map(SafeText::new);
            }
            NoteChange::EditedNote { note, .. } => {
                kept_other_version = annotation.stored_note() != note;
                // A deletion of what is no longer there deletes nothing.
                if let Some(note) = note
                    && let Some(other) = annotation.note.replace(SafeText::new(note))
                    && other.original() != note
                    && !annotation.holds(other.original())
                {
                    annotation.other_notes.push(other);
                }
            }
        }
        let result = annotation.clone();
        if annotation.is_empty() {
            paragraphs.remove(&para);
        }
        if paragraphs.is_empty() {
            merged.documents.remove(symbol);
        }
        self.commit(merged, on_disk, stamp)?;
        Ok(Applied {
            annotation: result,
            changed_elsewhere: known != found,
            kept_other_version,
        })
    }
}

/// What [`NotesStore::merge`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    /// Notes saved where the paragraph had none.
    pub notes: usize,
    /// Notes that differ from the one already there, kept beside it in `other_notes`.
    pub kept_beside: usize,
    /// Bookmarks set that were not.
    pub bookmarks: usize,
}

impl NotesStore {
    /// Merges another person's notes into the file, under the lock and in one atomic write:
    /// bookmarks are united; a note lands where the paragraph has none, and a note that
    /// differs from the one there is kept beside it in `other_notes` (never overwriting it);
    /// a note already there, as the note or beside it, is not added twice. Notes must already
    /// be checked ([`checked_note`]). Nothing changes when the file cannot be read.
    pub fn merge(&mut self, imported: &[(String, u32, Annotation)]) -> Result<Merged, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly(Arc::clone(reason)));
        }
        let _lock = lock(&self.path, &mut || {})?;
        let (on_disk, stamp) = match read_notes(&self.path) {
            Ok(read) => read,
            Err(error) => {
                let reason = Arc::new(error);
                self.read_only = Some(Arc::clone(&reason));
                return Err(StoreError::ReadOnly(reason));
            }
        };
        let mut merged = on_disk.clone();
        let mut counts = Merged::default();
        for (symbol, para, theirs) in imported {
            let paragraphs = merged.documents.entry(symbol.clone()).or_default();
            let ours = paragraphs.entry(*para).or_default();
            if theirs.bookmark && !ours.bookmark {
                ours.bookmark = true;
                counts.bookmarks += 1;
            }
            for note in theirs.note.iter().chain(&theirs.other_notes) {
                if ours.note.is_none() {
                    ours.note = Some(note.clone());
                    counts.notes += 1;
                } else if !ours.holds(note.original()) {
                    ours.other_notes.push(note.clone());
                    counts.kept_beside += 1;
                }
            }
            if ours.is_empty() {
                paragraphs.remove(para);
            }
            if paragraphs.is_empty() {
                merged.documents.remove(symbol);
            }
        }
        self.commit(merged, on_disk, stamp)?;
        Ok(counts)
    }
}

/// One entry of `c34 notes --json`, as [`read_export`] reads it (the citation and the text are
/// the report's, not the note's, and are ignored).
#[derive(Deserialize)]
struct ExportedNote {
    symbol: String,
    para: u32,
    #[serde(default)]
    bookmark: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    other_notes: Vec<String>,
}

/// Reads notes to merge ([`NotesStore::merge`]): a list as `c34 notes --json` prints it, or a
/// whole notes file. Every note is checked as a saved one is ([`checked_note`]); a problem
/// names the file (and the line and column, or the entry) and nothing is returned.
pub fn read_export(path: &Path) -> Result<Vec<(String, u32, Annotation)>, StoreError> {
    let Some((text, _)) = read_text(path)? else {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            action: "read",
            source: std::io::ErrorKind::NotFound.into(),
        });
    };
    if text.trim_start().starts_with('{') {
        let notes = parse(path, &text)?;
        return Ok(notes
            .documents
            .into_iter()
            .flat_map(|(symbol, paragraphs)| {
                paragraphs
                    .into_iter()
                    .map(move |(para, annotation)| (symbol.clone(), para, annotation))
            })
            .collect());
    }
    let entries: Vec<ExportedNote> =
        serde_json::from_str(&text).map_err(|source| StoreError::Json {
            path: path.to_path_buf(),
            line: source.line(),
            column: source.column().max(1),
            source,
        })?;
    let mut notes = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let problem = |problem: String| StoreError::NotNotes {
            path: path.to_path_buf(),
            problem: format!("entry {}: {problem}", i + 1),
        };
        if entry.symbol.trim().is_empty() {
            return Err(problem("no document symbol".into()));
        }
        let checked = |note: &str| checked_note(note).map_err(|error| problem(error.to_string()));
        let note = match &entry.note {
            Some(note) => checked(note)?,
            None => None,
        };
        let mut other_notes = Vec::new();
        for other in &entry.other_notes {
            other_notes.extend(checked(other)?);
        }
        let mut annotation = Annotation::new(entry.bookmark, note);
        annotation.other_notes = other_notes.into_iter().map(SafeText::new).collect();
        notes.push((entry.symbol, entry.para, annotation));
    }
    Ok(notes)
}

/// A note as it is stored: folded to one line and trimmed, `None` when blank; refused over
/// [`MAX_NOTE_CHARS`].
pub fn checked_note(note: &str) -> Result<Option<String>, StoreError> {
    let note = one_line(note);
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(StoreError::NoteTooLong {
            chars,
            max: MAX_NOTE_CHARS,
        });
    }
    Ok((!note.is_empty()).then_some(note))
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

/// Reads and checks the notes file, with the stamp of what was read; a missing or blank file
/// is empty.
fn read_notes(path: &Path) -> Result<(Notes, Option<FileStamp>), StoreError> {
    match read_text(path)? {
        None => Ok((Notes::default(), None)),
        Some((text, stamp)) if text.trim().is_empty() => Ok((Notes::default(), Some(stamp))),
        Some((text, stamp)) => parse(path, &text).map(|notes| (notes, Some(stamp))),
    }
}

fn parse(path: &Path, text: &str) -> Result<Notes, StoreError> {
    let json_error = |source: serde_json::Error| StoreError::Json {
        path: path.to_path_buf(),
        line: source.line(),
        // serde_json counts columns from 0 at the start of a line; editors count from 1.
        column: source.column().max(1),
        source,
    };
    let not_notes = |problem: String| StoreError::NotNotes {
        path: path.to_path_buf(),
        problem,
    };
    // The version first, so a newer file is named as such rather than as a shape error.
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let Some(object) = value.as_object() else {
        return Err(StoreError::NotAnObject {
            path: path.to_path_buf(),
        });
    };
    match object.get("version") {
        None => return Err(not_notes("no \"version\" field".into())),
        Some(version) => match version.as_u64() {
            Some(FORMAT_VERSION) => {}
            Some(found) if found > FORMAT_VERSION => {
                return Err(StoreError::NewerFormat {
                    path: path.to_path_buf(),
                    found,
                });
            }
            _ => return Err(not_notes(format!("unknown format version {version}"))),
        },
    }
    let mut file: NotesIn = serde_json::from_str(text).map_err(json_error)?;
    // Written again by `NotesOut`, not kept as an unknown field.
    file.extra.remove("version");
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
                    not_notes(format!(
                        "documents.{symbol}: {key:?} is not a paragraph number"
                    ))
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
