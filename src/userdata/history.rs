//! Search history: the last [`MAX_ENTRIES`] queries, one a line, newest last, each once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::sanitize::SafeText;

use super::{StoreError, data_dir, lock, one_line, read_text, write_atomically};

/// How many queries are kept.
pub const MAX_ENTRIES: usize = 100;

/// The longest query recorded or read back, in characters: the search prompt's limit, so
/// everything recalled fits the prompt. Longer lines in the file (pasted or written by hand)
/// are skipped when it is read.
pub const MAX_QUERY_CHARS: usize = 200;

/// The search queries the user submitted, backed by a file; every query is saved at once (see
/// [`super`]).
#[derive(Debug, Clone)]
pub struct QueryHistory {
    path: PathBuf,
    /// Made safe as the file is read; written back as they came.
    entries: Vec<SafeText>,
    off: Option<Arc<StoreError>>,
}

impl QueryHistory {
    /// `$XDG_DATA_HOME/c34/history` (see [`data_dir`]).
    pub fn default_path() -> Option<PathBuf> {
        data_dir().map(|dir| dir.join("history"))
    }

    /// The history at [`QueryHistory::default_path`]; off, with the reason, when there is no
    /// data directory.
    pub fn open_default() -> QueryHistory {
        match QueryHistory::default_path() {
            Some(path) => QueryHistory::open(path),
            None => QueryHistory {
                path: PathBuf::new(),
                entries: Vec::new(),
                off: Some(Arc::new(StoreError::NoDataDir { what: "history" })),
            },
        }
    }

    /// Opens the history at `path`; never fails and never waits. A missing file is an empty
    /// history; a file that cannot be read (or is not a regular file) turns history off for
    /// the session and is left alone.
    pub fn open(path: PathBuf) -> QueryHistory {
        let (entries, off) = match read_history(&path) {
            Ok(entries) => (entries, None),
            Err(error) => (Vec::new(), Some(Arc::new(error))),
        };
        QueryHistory { path, entries, off }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Oldest first, newest last.
    pub fn entries(&self) -> &[SafeText] {
        &self.entries
    }

    /// Why history is off for this session, when it is.
    pub fn is_off(&self) -> Option<&StoreError> {
        self.off.as_deref()
    }

    /// Records a query (folded to one line): it becomes the newest entry, an earlier copy of it
    /// is dropped, and only the last [`MAX_ENTRIES`] are kept. Blank and overlong queries are
    /// not recorded. Merged with what other processes saved.
    pub fn push(&mut self, query: &str) -> Result<(), StoreError> {
        if let Some(reason) = &self.off {
            return Err(StoreError::ReadOnly(Arc::clone(reason)));
        }
        let query = one_line(query);
        if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
            return Ok(());
        }
        let _lock = lock(&self.path, &mut || {})?;
        let on_disk = match read_history(&self.path) {
            Ok(entries) => entries,
            Err(error) => {
                let reason = Arc::new(error);
                self.off = Some(Arc::clone(&reason));
                return Err(StoreError::ReadOnly(reason));
            }
        };
        if on_disk.last().map(SafeText::original) == Some(query.as_str()) {
            self.entries = on_disk;
            return Ok(());
        }
        let mut merged: Vec<SafeText> = on_disk
            .iter()
            .filter(|q| q.original() != query)
            .cloned()
            .collect();
        merged.push(SafeText::new(query));
        let excess = merged.len().saturating_sub(MAX_ENTRIES);
        merged.drain(..excess);
        let mut text = merged
            .iter()
            .map(SafeText::original)
            .collect::<Vec<_>>()
            .join("\n");
        text.push('\n');
        if let Err(error) = write_atomically(&self.path, text.as_bytes()) {
            self.entries = on_disk;
            return Err(error);
        }
        self.entries = merged;
        Ok(())
    }
}

/// The last [`MAX_ENTRIES`] non-blank lines of the file, without those longer than
/// [`MAX_QUERY_CHARS`]; none when there is no file.
fn read_history(path: &Path) -> Result<Vec<SafeText>, StoreError> {
    let Some((text, _)) = read_text(path)? else {
        return Ok(Vec::new());
    };
    let mut entries: Vec<SafeText> = text
        .lines()
        .map(str::trim)
        // Counting stops past the limit, so a line of a million characters costs no more.
        .filter(|line| !line.is_empty() && line.chars().nth(MAX_QUERY_CHARS).is_none())
        .map(SafeText::new)
        .collect();
    let excess = entries.len().saturating_sub(MAX_ENTRIES);
    entries.drain(..excess);
    Ok(entries)
}
