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
//! most [`MAX_ENTRIES`] files, the least recently written removed first.

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

    /// The search index stored for `key`, if a whole one is.
    pub fn index(&self, key: Key) -> Option<SearchIndex> {
        let payload = self.read(key, Kind::Index)?;
        SearchIndex::from_bytes(&payload)
    }

    /// Stores `index` as `key`'s (best effort: a failure is ignored).
    pub fn store_index(&self, key: Key, index: &SearchIndex) {
        self.write(key, Kind::Index, &index.to_bytes());
    }

    /// The missions stored for `key`: those its responses name, as [`missions::index`]
    /// finds them.
    pub fn missions(&self, key: Key) -> Option<Vec<Mission>> {
        let payload = self.read(key, Kind::Missions)?;
        serde_json::from_slice(&payload).ok()
    }

    /// Stores the missions `key`'s responses name (best effort).
    pub fn store_missions(&self, key: Key, missions: &[Mission]) {
        if let Ok(payload) = serde_json::to_vec(missions) {
            self.write(key, Kind::Missions, &payload);
        }
    }

    /// The payload of an entry whose header, key and hash check out.
    fn read(&self, key: Key, kind: Kind) -> Option<Vec<u8>> {
        let path = self.dir.as_ref()?.join(key.file_name(kind));
        let bytes = read_regular(&path)?;
        let header = MAGIC.len() + 16 + 16;
        if bytes.len() < header || bytes[..MAGIC.len()] != MAGIC[..] {
            return None;
        }
        let stored_key = u128::from_le_bytes(bytes[8..24].try_into().ok()?);
        let stored_hash = u128::from_le_bytes(bytes[24..40].try_into().ok()?);
        let payload = &bytes[header..];
        (stored_key == key.0 && stored_hash == xxhash_rust::xxh3::xxh3_128(payload))
            .then(|| payload.to_vec())
    }

    /// Writes an entry atomically, then trims the cache; every failure is ignored.
    fn write(&self, key: Key, kind: Kind, payload: &[u8]) {
        let Some(dir) = &self.dir else {
            return;
        };
        if crate::userdata::create_private_dir(dir).is_err() {
            return;
        }
        let mut bytes = Vec::with_capacity(40 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&key.0.to_le_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes());
        bytes.extend_from_slice(payload);
        let written = (|| -> std::io::Result<()> {
            use std::io::Write;
            let mut temp = tempfile::Builder::new()
                .prefix(".c34-cache-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            temp.write_all(&bytes)?;
            temp.persist(dir.join(key.file_name(kind)))
                .map_err(|error| error.error)?;
            Ok(())
        })();
        if written.is_ok() {
            trim(dir, MAX_ENTRIES);
        }
    }
}

/// Reads `path` whole if it is a regular file of at most [`MAX_ENTRY_BYTES`], opened without
/// waiting (a named pipe, or a link to one, is not waited on).
fn read_regular(path: &Path) -> Option<Vec<u8>> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > MAX_ENTRY_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).ok()?);
    file.take(MAX_ENTRY_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Removes the oldest entries (by time of change) until at most `keep` remain, and temporary
/// files left by a writer that died more than an hour ago.
fn trim(dir: &Path, keep: usize) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
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
        let ours = name.ends_with(".index") || name.ends_with(".missions");
        if ours && metadata.is_file() {
            entries.push((modified, item.path()));
        }
    }
    if entries.len() <= keep {
        return;
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - keep] {
        let _ = fs::remove_file(path);
    }
}

/// The search index of `dataset`, from `cache` when it holds it, else built; `true` beside it
/// when it was built (then [`Cache::store_index`] it once the answer is out).
pub fn index_in(cache: &Cache, dataset: &Dataset) -> (SearchIndex, Key, bool) {
    let key = Key::of(dataset);
    match cache.index(key) {
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
        trim(dir.path(), 3);
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 4, "three entries and the file that is not one");
    }
}
