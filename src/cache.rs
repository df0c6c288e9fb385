//! A cache on disk of what c34 derives from a dataset and would otherwise derive again at every
//! start: its search index, and the missions its responses name (what checking its `missions`
//! compares against). It lives in `$XDG_CACHE_HOME/c34/` (the platform's cache directory
//! otherwise), one file per entry, named by a key: a hash (xxh3, 128 bits) of everything the
//! derivation reads — the text and numbers of every response, c34's version and executable, the
//! gazetteer file's text and the layout's number. A dataset edited on disk, a new c34 or a new
//! gazetteer therefore never reads an old entry; they just miss.
//!
//! The cache only ever saves time. An entry that is missing, cut short, altered (every entry
//! carries a hash of its contents), from another layout, unreadable, a named pipe or anything
//! but a regular file (opened without waiting) is ignored and the thing is derived as before;
//! a cache that cannot be written (read-only, full, no home) changes nothing; no problem with
//! the cache is ever shown. Entries are written atomically (a temporary file in the same
//! directory, then renamed), in a directory private to the user (0700), and the cache keeps at
//! most [`MAX_ENTRIES`] files of at most [`MAX_BYTES`] together, the least recently written
//! removed first.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3;

use crate::dataset::{DataError, Dataset, Mission};
use crate::missions;
use crate::search::SearchIndex;

/// The number of the cache's layout (the header and both kinds of entry); a change to either
/// changes it, so old entries are never read.
const FORMAT: u32 = 1;

/// The most entry files the cache keeps.
pub const MAX_ENTRIES: usize = 32;

/// The most bytes the cache's entries take together (the newest entry is kept whatever its
/// size): an index is about 2.5 times its dataset's text.
pub const MAX_BYTES: u64 = 512 << 20;

/// The largest entry read (an index of a 64 MiB dataset is well below it).
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"c34cache";

/// What a dataset's entries are named by (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u128);

impl Key {
    /// The key of `dataset`'s derived data: what the index and the missions are derived from
    /// (every response's place, number and text), with what derives them.
    pub fn of(dataset: &Dataset) -> Key {
        let mut hasher = Xxh3::new();
        hasher.update(&build_stamp().to_le_bytes());
        hasher.update(&(dataset.sections.len() as u64).to_le_bytes());
        for section in &dataset.sections {
            hasher.update(&(section.recommendations.len() as u64).to_le_bytes());
            for recommendation in &section.recommendations {
                hasher.update(&recommendation.para.to_le_bytes());
                hasher.update(&(recommendation.paragraphs.len() as u64).to_le_bytes());
                for paragraph in &recommendation.paragraphs {
                    hasher.update(&(paragraph.len() as u64).to_le_bytes());
                    hasher.update(paragraph.as_bytes());
                }
            }
        }
        Key(hasher.digest128())
    }

    fn file_name(self, kind: Kind) -> String {
        format!("{:032x}.{}", self.0, kind.extension())
    }
}

/// What derives an entry: c34's version and layouts, the gazetteer, and the executable itself
/// (its size and time of change), so that a rebuilt c34 of the same version misses too.
fn build_stamp() -> u128 {
    static STAMP: OnceLock<u128> = OnceLock::new();
    *STAMP.get_or_init(|| {
        let mut hasher = Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&FORMAT.to_le_bytes());
        hasher.update(&crate::search::INDEX_LAYOUT.to_le_bytes());
        hasher.update(missions::GAZETTEER_TOML.as_bytes());
        if let Some(metadata) = std::env::current_exe()
            .ok()
            .and_then(|exe| fs::metadata(exe).ok())
        {
            hasher.update(&metadata.len().to_le_bytes());
            let modified = metadata
                .modified()
                .ok()
                .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |since| since.as_nanos());
            hasher.update(&modified.to_le_bytes());
        }
        hasher.digest128()
    })
}

/// The two kinds of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    Missions,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Index => "index",
            Kind::Missions => "missions",
        }
    }
}

/// Whether [`Cache::open_default`] is the user's cache.
static ENABLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns the user's cache on for this process (c34's command line and browser do).
pub fn enable() {
    ENABLED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The cache directory: `$XDG_CACHE_HOME/c34` when that is an absolute path, else the
/// platform's cache directory (`~/.cache/c34` on Linux); `None` when no home is known.
pub fn cache_dir() -> Option<PathBuf> {
    use etcetera::base_strategy::{BaseStrategy, Xdg, choose_native_strategy};
    let xdg = std::env::var_os("XDG_CACHE_HOME").is_some_and(|dir| Path::new(&dir).is_absolute());
    let base = if xdg {
        Xdg::new().ok()?.cache_dir()
    } else {
        choose_native_strategy().ok()?.cache_dir()
    };
    Some(base.join("c34"))
}

/// The cache in a directory (none: nothing is read or written).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// The user's cache ([`cache_dir`]) once the program has turned it on ([`enable`]), else
    /// [`Cache::none`]: a program (or a test) using the library touches no cache unless it
    /// asks to.
    pub fn open_default() -> Cache {
        if ENABLED.load(std::sync::atomic::Ordering::Relaxed) {
            Cache { dir: cache_dir() }
        } else {
            Cache::none()
        }
    }

    /// A cache in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: Some(dir.into()),
        }
    }

    /// A cache that holds nothing and keeps nothing.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    /// The search index of `dataset` stored for `key` (its [`Key::of`]), if a whole one is.
    pub fn index(&self, key: Key, dataset: &Dataset) -> Option<SearchIndex> {
        self.read(key, Kind::Index, |input, size| {
            SearchIndex::read_from(input, size, dataset)
        })
    }

    /// Stores `index` as `key`'s (best effort: a failure is ignored).
    pub fn store_index(&self, key: Key, index: &SearchIndex) {
        self.write(key, Kind::Index, |out| index.write_to(out));
    }

    /// The missions stored for `key`: those its responses name, as [`missions::index`]
    /// finds them.
    pub fn missions(&self, key: Key) -> Option<Vec<Mission>> {
        self.read(key, Kind::Missions, |input, _| {
            serde_json::from_reader(input).ok()
        })
    }

    /// Stores the missions `key`'s responses name (best effort).
    pub fn store_missions(&self, key: Key, missions: &[Mission]) {
        self.write(key, Kind::Missions, |out| {
            serde_json::to_writer(out, missions).map_err(std::io::Error::other)
        });
    }

    /// What `parse` reads from the payload of `key`'s entry of `kind` (given the payload's
    /// size), when the header is this key's, `parse` reads the payload to its end, and the
    /// payload's hash is the one the header gives.
    fn read<T>(
        &self,
        key: Key,
        kind: Kind,
        parse: impl FnOnce(&mut std::io::BufReader<Hashing<fs::File>>, u64) -> Option<T>,
    ) -> Option<T> {
        let path = self.dir.as_ref()?.join(key.file_name(kind));
        let mut file = open_regular(&path)?;
        let size = file.metadata().ok()?.len().checked_sub(HEADER as u64)?;
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let (magic, rest) = header.split_at(MAGIC.len());
        let (stored_key, stored_hash) = rest.split_at(16);
        if magic != MAGIC || u128::from_le_bytes(stored_key.try_into().ok()?) != key.0 {
            return None;
        }
        let mut input = std::io::BufReader::with_capacity(1 << 16, Hashing::new(file));
        let value = parse(&mut input, size)?;
        // Nothing may follow what was parsed, and the payload must be the one written.
        let mut more = [0u8; 1];
        if input.read(&mut more).ok()? != 0 {
            return None;
        }
        let hash = input.into_inner().hasher.digest128();
        (hash == u128::from_le_bytes(stored_hash.try_into().ok()?)).then_some(value)
    }

    /// Writes an entry atomically (header, then what `write_payload` writes), then trims the cache;
    /// every failure is ignored.
    fn write(
        &self,
        key: Key,
        kind: Kind,
        write_payload: impl FnOnce(
            &mut std::io::BufWriter<Hashing<&mut fs::File>>,
        ) -> std::io::Result<()>,
    ) {
        let Some(dir) = &self.dir else {
            return;
        };
        if crate::userdata::create_private_dir(dir).is_err() {
            return;
        }
        let written = (|| -> std::io::Result<()> {
            use std::io::{Seek, SeekFrom, Write};
            let mut temp = tempfile::Builder::new()
                .prefix(".c34-cache-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            let file = temp.as_file_mut();
            file.write_all(MAGIC)?;
            file.write_all(&key.0.to_le_bytes())?;
            file.write_all(&[0u8; 16])?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, Hashing::new(file));
            write_payload(&mut out)?;
            let hash = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .hasher
                .digest128();
            let file = temp.as_file_mut();
            file.seek(SeekFrom::Start((MAGIC.len() + 16) as u64))?;
            file.write_all(&hash.to_le_bytes())?;
            temp.persist(dir.join(key.file_name(kind)))
                .map_err(|error| error.error)?;
            Ok(())
        })();
        if written.is_ok() {
            trim(dir, MAX_ENTRIES, MAX_BYTES);
        }
    }
}

/// The size of an entry's header: [`MAGIC`], the key, the payload's hash.
const HEADER: usize = 8 + 16 + 16;

/// A reader or writer that hashes every byte that passes through it.
struct Hashing<T> {
    inner: T,
    hasher: Xxh3,
}

impl<T> Hashing<T> {
    fn new(inner: T) -> Hashing<T> {
        Hashing {
            inner,
            hasher: Xxh3::new(),
        }
    }
}

impl<T: Read> Read for Hashing<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

impl<T: std::io::Write> std::io::Write for Hashing<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Opens `path` for reading if it is a regular file, without waiting (a named pipe, or a link
/// to one, is not waited on).
fn open_regular(path: &Path) -> Option<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).ok()?;
    let metadata = file.metadata().ok()?;
    (metadata.is_file() && metadata.len() <= MAX_ENTRY_BYTES).then_some(file)
}

/// Removes the oldest entries (by time of change) until at most `keep` remain and they take at
/// most `bytes` together (the newest always stays), and temporary files left by a writer that
/// died more than an hour ago.
fn trim(dir: &Path, keep: usize, bytes: u64) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = Vec::new();
    for item in listing.flatten() {
        let name = item.file_name();
        let name = name.to_string_lossy();
        let Ok(metadata) = item.metadata() else {
            continue;
        };
        let modified = metadata.modified().unwrap_or(std::time::UNIX_EPOCH);
        if name.starts_with(".c34-cache-") {
            let stale = modified
                .elapsed()
                .is_ok_and(|age| age > std::time::Duration::from_secs(3600));
            if stale {
                let _ = fs::remove_file(item.path());
            }
            continue;
        }
        let ours = [Kind::Index, Kind::Missions].iter().any(|kind| {
            name.strip_suffix(kind.extension())
                .is_some_and(|n| n.ends_with('.'))
        });
        if ours && metadata.is_file() {
            entries.push((modified, metadata.len(), item.path()));
        }
    }
    // Newest first: keep while within both bounds.
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let mut total = 0u64;
    for (i, (_, size, path)) in entries.iter().enumerate() {
        total = total.saturating_add(*size);
        if i > 0 && (i >= keep || total > bytes) {
            let _ = fs::remove_file(path);
        }
    }
}

/// The search index of `dataset`, from `cache` when it holds it, else built; `true` beside it
/// when it was built (then [`Cache::store_index`] it once the answer is out).
pub fn index_in(cache: &Cache, dataset: &Dataset) -> (SearchIndex, Key, bool) {
    let key = Key::of(dataset);
    match cache.index(key, dataset) {
        Some(index) => (index, key, false),
        None => (SearchIndex::new(dataset), key, true),
    }
}

/// The search index of `dataset`, from the user's cache, built and stored there on a miss.
pub fn index_of(dataset: &Dataset) -> SearchIndex {
    let cache = Cache::open_default();
    let (index, key, built) = index_in(&cache, dataset);
    if built {
        cache.store_index(key, &index);
        cache.store_missions(key, &index.mentioned_missions());
    }
    index
}

/// The missions `dataset`'s responses name, from `cache`, else found ([`missions::index`])
/// and stored.
pub fn named_missions_in(cache: &Cache, dataset: &Dataset) -> Vec<Mission> {
    let key = Key::of(dataset);
    if let Some(named) = cache.missions(key) {
        return named;
    }
    let named = missions::index(dataset);
    cache.store_missions(key, &named);
    named
}

/// [`missions::reconcile`] with the missions the responses name taken from the user's cache
/// when it has them: the same answers and the same errors, without reading the text again.
pub fn reconcile(dataset: &mut Dataset) -> Result<(), DataError> {
    let named = named_missions_in(&Cache::open_default(), dataset);
    missions::reconcile_with(dataset, named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c34"));
        let dataset = Dataset::embedded();
        let key = Key::of(&dataset);
        assert!(cache.missions(key).is_none());
        let named = missions::index(&dataset);
        cache.store_missions(key, &named);
        assert_eq!(cache.missions(key), Some(named.clone()));
        let path = dir.path().join("c34").join(key.file_name(Kind::Missions));
        let bytes = fs::read(&path).unwrap();
        // Cut short, one byte changed, another key's: each is ignored.
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(cache.missions(key).is_none());
        let mut changed = bytes.clone();
        let last = changed.len() - 2;
        changed[last] ^= 1;
        fs::write(&path, &changed).unwrap();
        assert!(cache.missions(key).is_none());
        fs::write(&path, &bytes).unwrap();
        assert!(cache.missions(Key(key.0 ^ 1)).is_none());
        assert_eq!(cache.missions(key), Some(named));
    }

    #[test]
    fn the_key_follows_the_text() {
        let dataset = Dataset::embedded();
        let mut edited = dataset.clone();
        edited.sections[0].recommendations[0].paragraphs[0].push_literal(".");
        assert_ne!(Key::of(&dataset), Key::of(&edited));
        let mut renumbered = dataset.clone();
        renumbered.sections[0].recommendations[0].para += 1000;
        assert_ne!(Key::of(&dataset), Key::of(&renumbered));
        assert_eq!(Key::of(&dataset), Key::of(&dataset.clone()));
    }

    #[test]
    fn the_cache_keeps_at_most_so_many_entries() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            fs::write(dir.path().join(format!("{i:032x}.missions")), b"x").unwrap();
        }
        fs::write(dir.path().join("other.txt"), b"x").unwrap();
        trim(dir.path(), 3, u64::MAX);
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 4, "three entries and the file that is not one");
        // Two bytes at most: the newest entry (whichever it is) and the other file stay.
        trim(dir.path(), 3, 2);
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 3, "two entries of a byte and the other file");
        trim(dir.path(), 3, 0);
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 2, "the newest entry stays whatever its size");
    }
}
