//! The user's own data: bookmarks and notes ([`notes`]) and search history ([`history`]).
//!
//! Nothing here knows a terminal exists. Every change is made the same way: take an advisory
//! lock on a separate lock file, re-read the file, apply the one change to what is on disk,
//! write a temporary file in the same directory, fsync it, rename it over the file, fsync the
//! directory. So a crash leaves the old file or the new one, never half of one, and two c34
//! processes at once both keep their changes. A file c34 cannot read is never overwritten.

pub mod history;
pub mod notes;

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub use history::History;
pub use notes::{Annotation, NotesStore};

/// The directory c34 keeps user data in: `$XDG_DATA_HOME/c34` when that is an absolute path,
/// else the platform's data directory (`~/.local/share/c34` on Linux and other Unixes,
/// `~/Library/Application Support/c34` on macOS, `%APPDATA%\c34` on Windows).
/// `None` when not even a home directory is known.
pub fn data_dir() -> Option<PathBuf> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if let Some(xdg) = from_env("XDG_DATA_HOME") {
        return Some(xdg.join("c34"));
    }
    let base = if cfg!(windows) {
        from_env("APPDATA")?
    } else if cfg!(target_os = "macos") {
        from_env("HOME")?
            .join("Library")
            .join("Application Support")
    } else {
        from_env("HOME")?.join(".local").join("share")
    };
    Some(base.join("c34"))
}

/// Why a user-data file cannot be used; it is then left exactly as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    /// 1-based line and column, where the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub problem: String,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.problem
            ),
            None => write!(f, "{}: {}", self.path.display(), self.problem),
        }
    }
}

/// Why a change was not saved. Nothing on disk changed when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read when the store was opened (or when the change re-read it):
    /// changes are refused so that it is never overwritten.
    #[error("{0}; c34 leaves it as it is and saves no changes")]
    ReadOnly(String),
    #[error("a note holds at most {max} characters; this one has {chars}")]
    NoteTooLong { chars: usize, max: usize },
    #[error("{}: another c34 has held the lock for {} s; try again", path.display(), LOCK_TIMEOUT.as_secs())]
    Locked { path: PathBuf },
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    fn io<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError + 'a {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

/// How long a change waits for another process's lock before giving up (a change holds it
/// for a few milliseconds; a hung process must not freeze the browser).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest user-data file c34 reads; a bigger one is left alone.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// An exclusive advisory lock on `<file>.lock`, released when dropped (closing the file).
pub(crate) struct Lock {
    _file: File,
}

/// Locks `<path>.lock`, creating the directory and the lock file as needed. The lock file is
/// separate so the data file can be replaced by rename while the lock is held.
pub(crate) fn lock(path: &Path) -> Result<Lock, StoreError> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(StoreError::io(dir, "create the directory"))?;
    }
    let lock_path = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(StoreError::io(&lock_path, "open the lock file"))?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                remove_stale_temporaries(path);
                return Ok(Lock { _file: file });
            }
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked { path: lock_path });
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(StoreError::io(&lock_path, "lock")(error));
            }
        }
    }
}

/// Temporary files are only written under the lock, so once we hold it any left beside `path`
/// belong to a process killed mid-write: remove them. Failing to is harmless.
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let entry_name = entry.file_name();
        let entry_name = entry_name.to_string_lossy();
        if entry_name.starts_with(&prefix) && entry_name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `notes.json` → `notes.json.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Reads a user-data file as text. `Ok(None)` when there is no file; an error (never a panic)
/// when it is a directory, unreadable, too large or not UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<Option<String>, Unreadable> {
    let unreadable = |position, problem: String| Unreadable {
        path: path.to_path_buf(),
        position,
        problem,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        // A file where a directory of the path should be: there is no data file to protect,
        // and a change will say the directory cannot be created.
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(error) => return Err(unreadable(None, format!("cannot read: {error}"))),
    };
    let metadata = file
        .metadata()
        .map_err(|e| unreadable(None, format!("cannot read: {e}")))?;
    if metadata.is_dir() {
        return Err(unreadable(None, "is a directory, not a file".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(None, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(
            None,
            format!("the file is larger than {} MiB", MAX_FILE_BYTES >> 20),
        ));
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let position = crate::dataset::line_column(e.as_bytes(), e.utf8_error().valid_up_to());
        unreadable(Some(position), "not valid UTF-8 text".into())
    })
}

/// Distinguishes the temporary files of threads in one process (the pid tells processes apart).
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `contents` so that a crash at any moment leaves either the old file or
/// the new one: write a temporary file in the same directory, fsync it, rename it over `path`,
/// fsync the directory. On failure (disk full, permissions) the temporary file is removed and
/// `path` is untouched.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "c34".into(), |name| name.to_string_lossy().into_owned());
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        // Notes and queries are private: a new file is the user's alone.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&temp)
            .map_err(StoreError::io(&temp, "create a temporary file"))?;
        // A file the user shared (or locked down) keeps its permissions.
        if let Some(existing) = fs::metadata(path).ok().filter(fs::Metadata::is_file) {
            file.set_permissions(existing.permissions())
                .map_err(StoreError::io(&temp, "set permissions on"))?;
        }
        file.write_all(contents)
            .map_err(StoreError::io(&temp, "write"))?;
        file.sync_all().map_err(StoreError::io(&temp, "sync"))?;
        drop(file);
        fs::rename(&temp, path).map_err(StoreError::io(path, "replace"))
    })();
    if let Err(error) = written {
        // The temporary file may not exist (creating it failed); nothing else to undo.
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    // The new file is in place; a file system that cannot sync a directory (some network
    // file systems refuse) must not turn a saved change into a reported failure.
    let _ = sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable. Windows cannot open a directory as a file; there the
/// rename itself is what the file system journals.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

/// Folds a text to one line: every line break (CR, LF, VT, FF, NEL, U+2028, U+2029) with the
/// spaces around it becomes one space, tabs become spaces, the ends are trimmed.
pub fn one_line(text: &str) -> String {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    text.split(is_break)
        .map(|line| line.replace('\t', " ").trim().to_string())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
