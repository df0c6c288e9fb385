//! The user's own data: bookmarks and notes ([`notes`]) and search history ([`history`]).
//!
//! Nothing here knows a terminal exists. Every change is made the same way: take an advisory
//! lock on a separate lock file, re-read the file, apply the one change to what is on disk,
//! write a temporary file in the same directory, fsync it, rename it over the file, fsync the
//! directory. So a crash leaves the old file or the new one, never half of one, and two c34
//! processes at once both keep their changes. A file c34 cannot read is never overwritten.
//!
//! Only regular files are read or written: a named pipe, a socket, a device or a directory at
//! a user-data path is refused at once (never opened in a way that waits), with the reason. A
//! symlinked file is written through to its target, in the target's directory, so the link
//! stays. Directories c34 creates are private (0700, as the XDG spec asks). `docs/user-data.md`
//! describes the files for users.

pub mod history;
pub mod notes;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

pub use history::QueryHistory;
pub use notes::{Annotation, Applied, Merged, NotesStore};

/// The directory c34 keeps user data in: `$XDG_DATA_HOME/c34` when that is an absolute path
/// (on every platform), else the platform's data directory (`~/.local/share/c34` on Linux and
/// other Unixes, `~/Library/Application Support/c34` on macOS, `%APPDATA%\c34` on Windows).
/// `None` when not even a home directory is known.
pub fn data_dir() -> Option<PathBuf> {
    use etcetera::base_strategy::{BaseStrategy, Xdg, choose_native_strategy};
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    let xdg = std::env::var_os("XDG_DATA_HOME").is_some_and(|dir| Path::new(&dir).is_absolute());
    let base = if xdg {
        Xdg::new().ok()?.data_dir()
    } else {
        choose_native_strategy().ok()?.data_dir()
    };
    Some(base.join("c34"))
}

/// What stands at a user-data path instead of a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    Directory,
    NamedPipe,
    Socket,
    Device,
    /// Anything else a file system may hold.
    Other,
}

impl NotAFile {
    /// `None` for a regular file.
    fn of(file_type: fs::FileType) -> Option<NotAFile> {
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(NotAFile::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(NotAFile::NamedPipe);
            }
            if file_type.is_socket() {
                return Some(NotAFile::Socket);
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Some(NotAFile::Device);
            }
        }
        Some(NotAFile::Other)
    }

    fn reason(self) -> &'static str {
        match self {
            NotAFile::Directory => "is a directory, not a file",
            NotAFile::NamedPipe => "is a named pipe (FIFO), not a regular file",
            NotAFile::Socket => "is a socket, not a regular file",
            NotAFile::Device => "is a device, not a regular file",
            NotAFile::Other => "is not a regular file",
        }
    }
}

/// Why user data cannot be read or a change was not saved. Nothing on disk changed when one of
/// these is returned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory for {what}: set XDG_DATA_HOME or HOME")]
    NoDataDir { what: &'static str },
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: {}", path.display(), kind.reason())]
    NotAFile { path: PathBuf, kind: NotAFile },
    #[error("{}: the file is larger than {} MiB", path.display(), MAX_FILE_BYTES >> 20)]
    TooLarge { path: PathBuf },
    #[error(
        "{}: UTF-16 text; c34 reads UTF-8 (convert it: iconv -f UTF-16 -t UTF-8)",
        path.display()
    )]
    Utf16 { path: PathBuf },
    #[error("{}:{line}:{column}: not valid UTF-8 text", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: std::str::Utf8Error,
    },
    #[error("{}:{line}:{column}: not a c34 notes file: {}", path.display(), crate::dataset::json_message(source))]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}:1:1: not a c34 notes file: not a JSON object", path.display())]
    NotAnObject { path: PathBuf },
    #[error("{}: not a c34 notes file: {problem}", path.display())]
    NotNotes { path: PathBuf, problem: String },
    #[error(
        "{}: written by a newer c34 (format version {found}; this c34 reads version {})",
        path.display(),
        notes::FORMAT_VERSION
    )]
    NewerFormat { path: PathBuf, found: u64 },
    /// The file could not be read when the store was opened (or when a change re-read it):
    /// changes are refused so that it is never overwritten.
    #[error("{0}; c34 leaves it as it is and saves no changes")]
    ReadOnly(#[source] Arc<StoreError>),
    #[error("a note holds at most {max} characters; this one has {chars}")]
    NoteTooLong { chars: usize, max: usize },
    #[error("{}: another c34 has held the lock for {} s; try again", path.display(), LOCK_TIMEOUT.as_secs())]
    Locked { path: PathBuf },
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

/// What a file was when it was read or written, to tell cheaply whether it changed since:
/// every save replaces the file by rename, so a new file (inode) or another size or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl FileStamp {
    fn of(metadata: &fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        FileStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            #[cfg(unix)]
            inode,
        }
    }

    /// The stamp of what is at `path` now (following a symlink), from its metadata alone:
    /// nothing is opened, so this never waits. `None` when there is no file.
    pub fn now(path: &Path) -> Option<FileStamp> {
        fs::metadata(path)
            .ok()
            .map(|metadata| FileStamp::of(&metadata))
    }
}

/// Creates `dir` and its missing parents, private to the user (0700, as the XDG base
/// directory spec asks). Existing directories keep their mode.
pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(StoreError::io(dir, "create the directory"))
}

/// Opens `path` without waiting for anything (a named pipe with no writer would block a plain
/// open for ever), then checks on the open handle that it is a regular file: what stood at the
/// path when it was checked may have been swapped before the open.
fn open_regular(
    path: &Path,
    options: &mut OpenOptions,
    action: &'static str,
) -> Result<File, StoreError> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(StoreError::io(path, action))?;
    let metadata = file.metadata().map_err(StoreError::io(path, action))?;
    match NotAFile::of(metadata.file_type()) {
        None => Ok(file),
        Some(kind) => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

/// Refuses what is not a regular file at `path` from its metadata, before opening it; `Ok`
/// when there is nothing there.
fn refuse_special(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(metadata) => match NotAFile::of(metadata.file_type()) {
            None => Ok(()),
            Some(kind) => Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                kind,
            }),
        },
        Err(_) => Ok(()),
    }
}

/// An exclusive advisory lock on `<file>.lock`, released when dropped (closing the file).
pub(crate) struct Lock {
    _file: File,
}

/// Locks `<path>.lock`, creating the directory and the lock file as needed. The lock file is
/// separate so the data file can be replaced by rename while the lock is held. When another
/// process holds it, `on_wait` is called once, before waiting (so a browser can say so at
/// once), then the wait lasts at most [`LOCK_TIMEOUT`].
pub(crate) fn lock(path: &Path, on_wait: &mut dyn FnMut()) -> Result<Lock, StoreError> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let lock_path = lock_path(path);
    refuse_special(&lock_path)?;
    let file = open_regular(
        &lock_path,
        OpenOptions::new().create(true).truncate(false).write(true),
        "open the lock file",
    )?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => {
                remove_stale_temporaries(&resolve_links(path)?);
                return Ok(Lock { _file: file });
            }
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                if !told {
                    told = true;
                    on_wait();
                }
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

/// The name prefix and suffix of the temporary files written beside `path`.
fn temporary_affixes(path: &Path) -> (String, &'static str) {
    let name = path
        .file_name()
        .map_or_else(|| "c34".into(), |name| name.to_string_lossy().into_owned());
    (format!(".{name}."), ".tmp")
}

/// Temporary files are only written under the lock, so once we hold it any left beside `path`
/// belong to a process killed mid-write: remove them. One that cannot be removed is harmless
/// (the next change tries again), so failures are not reported.
fn remove_stale_temporaries(path: &Path) {
    let Some(dir) = path.parent() else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let (prefix, suffix) = temporary_affixes(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let is_stray = |entry: &fs::DirEntry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        name.starts_with(&prefix) && name.ends_with(suffix)
    };
    for stray in entries.filter_map(Result::ok).filter(is_stray) {
        fs::remove_file(stray.path()).ok();
    }
}

/// `notes.json` → `notes.json.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Where writing to `path` must go: `path` itself, or, when it is a symlink (a dotfiles
/// folder), the file the chain of links ends at, which need not exist yet.
pub(crate) fn resolve_links(path: &Path) -> Result<PathBuf, StoreError> {
    // As many links as Linux follows before it says ELOOP.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target =
                    fs::read_link(&current).map_err(StoreError::io(&current, "read the link"))?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(StoreError::Io {
        path: path.to_path_buf(),
        action: "follow the links",
        source: io::Error::other(format!("more than {MAX_LINKS} symbolic links")),
    })
}

/// Reads a user-data file as text, with the stamp of what was read. `Ok(None)` when there is
/// no file; an error (never a panic, never a wait) when it is not a regular file, unreadable,
/// too large or not UTF-8. A UTF-8 byte-order mark is dropped.
pub(crate) fn read_text(path: &Path) -> Result<Option<(String, FileStamp)>, StoreError> {
    match fs::metadata(path) {
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
        Err(error) => return Err(StoreError::io(path, "read")(error)),
        Ok(_) => refuse_special(path)?,
    }
    let file = match open_regular(path, OpenOptions::new().read(true), "read") {
        // Removed between the look and the open.
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Ok(None);
        }
        other => other?,
    };
    let stamp = FileStamp::of(&file.metadata().map_err(StoreError::io(path, "read"))?);
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io(path, "read"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    decode(path, bytes).map(|text| Some((text, stamp)))
}

/// The first `limit` bytes of a regular file, or fewer if it is shorter; `None` when there is
/// no such file or it cannot be read (never a wait: a named pipe is refused). For a quick look
/// at the start of a file; [`read_text`] reads it whole and says what is wrong.
pub(crate) fn read_start(path: &Path, limit: u64) -> Option<Vec<u8>> {
    refuse_special(path).ok()?;
    let file = open_regular(path, OpenOptions::new().read(true), "read").ok()?;
    // Room for all of it: one read, where a growing buffer reads in small steps first.
    let mut bytes = Vec::with_capacity(usize::try_from(limit).ok()?);
    file.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// UTF-8 text, without a byte-order mark; UTF-16 is named as such.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    // A byte-order mark, or text whose first character has a zero byte beside it: UTF-16
    // (notes and queries start with a character that is never NUL).
    let utf16 = match bytes.as_slice() {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => true,
        [first, second, ..] => (*first == 0) != (*second == 0),
        _ => false,
    };
    if utf16 {
        return Err(StoreError::Utf16 {
            path: path.to_path_buf(),
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) =
            crate::dataset::line_column(e.as_bytes(), e.utf8_error().valid_up_to());
        StoreError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
            source: e.utf8_error(),
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Replaces the file at `path` with `contents` so that a crash at any moment leaves either the
/// old file or the new one: a temporary file in the same directory, fsynced, renamed over the
/// file (`tempfile`'s `persist`), then the directory fsynced. A symlink at `path` stays: the
/// file it points to is replaced, in its own directory. On failure (disk full, permissions)
/// the temporary file is removed and the file is untouched. Returns the stamp of the new file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<FileStamp, StoreError> {
    let target = resolve_links(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (prefix, suffix) = temporary_affixes(&target);
    // Notes and queries are private: a new file is the user's alone (tempfile creates 0600).
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(&dir)
        .map_err(StoreError::io(&dir, "create a temporary file in"))?;
    let temp_path = temp.path().to_path_buf();
    // A file the user shared (or locked down) keeps its permissions.
    if let Some(existing) = fs::metadata(&target).ok().filter(fs::Metadata::is_file) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(StoreError::io(&temp_path, "set permissions on"))?;
    }
    temp.write_all(contents)
        .map_err(StoreError::io(&temp_path, "write"))?;
    temp.as_file()
        .sync_all()
        .map_err(StoreError::io(&temp_path, "sync"))?;
    let stamp = FileStamp::of(
        &temp
            .as_file()
            .metadata()
            .map_err(StoreError::io(&temp_path, "sync"))?,
    );
    // On failure the temporary file comes back in the error and is removed as it drops.
    temp.persist(&target)
        .map_err(|error| StoreError::io(&target, "replace")(error.error))?;
    sync_dir(&dir).map_err(StoreError::io(&dir, "sync the directory"))?;
    Ok(stamp)
}

/// Makes a rename in `dir` durable. Windows cannot open a directory as a file, and some file
/// systems (network ones) refuse to sync a directory: there the rename itself is what the
/// file system keeps, and the saved change is not reported as a failure.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if !cfg!(unix) {
        return Ok(());
    }
    match File::open(dir)?.sync_all() {
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Folds a text to one line: every line break (CR, LF, VT, FF, NEL, U+2028, U+2029) with the
/// spaces around it becomes one space, tabs become spaces, the ends are trimmed.
fn one_line(text: &str) -> String {
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
