//! Search history: the last [`MAX_ENTRIES`] queries, one a line, newest last, each once.

use std::path::{Path, PathBuf};

use super::{StoreError, Unreadable, data_dir, lock, one_line, read_text, write_atomically};

/// How many queries are kept.
pub const MAX_ENTRIES: usize = 100;

/// Longer queries are not recorded (they are pasted text, not something to recall).
pub const MAX_QUERY_CHARS: usize = 1000;

/// The search history, backed by a file; every query is saved at once (see [`super`]).
#[derive(Debug, Clone)]
pub struct History {
    path: PathBuf,
    entries: Vec<String>,
    off: Option<String>,
}

impl History {
    /// `$XDG_DATA_HOME/c34/history` (see [`data_dir`]).
    pub fn default_path() -> Option<PathBuf> {
        data_dir().map(|dir| dir.join("history"))
    }

    /// The history at [`History::default_path`]; off, with the reason, when there is no data
    /// directory.
    pub fn open_default() -> History {
        match History::default_path() {
            Some(path) => History::open(path),
            None => History {
                path: PathBuf::new(),
                entries: Vec::new(),
                off: Some("no data directory for history: set XDG_DATA_HOME or HOME".into()),
            },
        }
    }

    /// Opens the history at `path`; never fails. A missing file is an empty history; a file
    /// that cannot be read turns history off for the session and is left alone.
    pub fn open(path: PathBuf) -> History {
        let (entries, off) = match read_history(&path) {
            Ok(entries) => (entries, None),
            Err(unreadable) => (Vec::new(), Some(unreadable.to_string())),
        };
        History { path, entries, off }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Oldest first, newest last.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Why history is off for this session, when it is.
    pub fn is_off(&self) -> Option<&str> {
        self.off.as_deref()
    }

    /// Records a query (folded to one line): it becomes the newest entry, an earlier copy of it
    /// is dropped, and only the last [`MAX_ENTRIES`] are kept. Blank and overlong queries are
    /// not recorded. Merged with what other processes saved.
    pub fn push(&mut self, query: &str) -> Result<(), StoreError> {
        if let Some(reason) = &self.off {
            return Err(StoreError::ReadOnly(reason.clone()));
        }
        let query = one_line(query);
        if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
            return Ok(());
        }
        let _lock = lock(&self.path)?;
        let on_disk = match read_history(&self.path) {
            Ok(entries) => entries,
            Err(unreadable) => {
                let reason = unreadable.to_string();
                self.off = Some(reason.clone());
                return Err(StoreError::ReadOnly(reason));
            }
        };
        if on_disk.last() == Some(&query) {
            self.entries = on_disk;
            return Ok(());
        }
        let mut merged: Vec<String> = on_disk.iter().filter(|q| **q != query).cloned().collect();
        merged.push(query);
        let excess = merged.len().saturating_sub(MAX_ENTRIES);
        merged.drain(..excess);
        let mut text = merged.join("\n");
        text.push('\n');
        if let Err(error) = write_atomically(&self.path, text.as_bytes()) {
            self.entries = on_disk;
            return Err(error);
        }
        self.entries = merged;
        Ok(())
    }
}

/// The last [`MAX_ENTRIES`] non-blank lines of the file; none when there is no file.
fn read_history(path: &Path) -> Result<Vec<String>, Unreadable> {
    let Some(text) = read_text(path)? else {
        return Ok(Vec::new());
    };
    let mut entries: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    let excess = entries.len().saturating_sub(MAX_ENTRIES);
    entries.drain(..excess);
    Ok(entries)
}
