//! A [`SearchIndex`] as bytes and back, for the cache of derived data (`crate::cache`).
//!
//! The text is not stored: it is the dataset's responses, which the entry's key is a hash
//! of, so loading takes the dataset and joins its paragraphs again (a quarter of the bytes
//! of an entry, 11.5 MB at 100×, neither written nor read and hashed).
//!
//! Every buffer is written as its length (a `u64`) then its elements as little-endian bytes,
//! and read back straight into its vector (`bytemuck` views a `Vec<u32>` as bytes): loading is
//! one copy of each buffer from the file, not a parse of millions of numbers one by one (nor a
//! read of the whole file followed by a copy of every part, which faulted in every page
//! twice). Reading checks what the index's methods rely on (UTF-8 text, every number that
//! indexes a buffer within it, boundaries ascending), so bytes that are not an index written
//! by [`SearchIndex::to_bytes`] give `None`, never an index that panics when searched.

use std::io::{self, Read, Write};

use crate::dataset::{Dataset, Location};
use crate::missions::KeyHit;

use super::{Entry, Rec, SearchIndex};

/// The layout's number: change it whenever what is written changes.
pub(crate) const LAYOUT: u32 = 2;

/// Writes an index's buffers.
struct Writer<W: Write>(W);

impl<W: Write> Writer<W> {
    fn len(&mut self, len: usize) -> io::Result<()> {
        self.0.write_all(&(len as u64).to_le_bytes())
    }

    fn str(&mut self, text: &str) -> io::Result<()> {
        self.len(text.len())?;
        self.0.write_all(text.as_bytes())
    }

    /// `values` as `len` records of `width` numbers (`values.len() == len * width`).
    fn words(&mut self, len: usize, values: &[u32]) -> io::Result<()> {
        self.len(len)?;
        if cfg!(target_endian = "little") {
            self.0.write_all(bytemuck::cast_slice(values))
        } else {
            values
                .iter()
                .try_for_each(|value| self.0.write_all(&value.to_le_bytes()))
        }
    }

    fn u32s(&mut self, values: &[u32]) -> io::Result<()> {
        self.words(values.len(), values)
    }
}

/// Reads what [`Writer`] wrote; `None` at the first thing out of place. Each buffer is read
/// straight into its place: one copy from the file, no parse.
struct Reader<R: Read> {
    input: R,
    /// The bytes a well-formed index can still hold: no length read is believed beyond it.
    left: u64,
}

impl<R: Read> Reader<R> {
    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        self.left = self.left.checked_sub(n as u64)?;
        let mut bytes = vec![0u8; n];
        self.input.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }

    fn len(&mut self) -> Option<usize> {
        self.left = self.left.checked_sub(8)?;
        let mut word = [0u8; 8];
        self.input.read_exact(&mut word).ok()?;
        usize::try_from(u64::from_le_bytes(word)).ok()
    }

    fn string(&mut self) -> Option<String> {
        let len = self.len()?;
        String::from_utf8(self.bytes(len)?).ok()
    }

    /// `count` little-endian numbers read straight into their vector (`from_le` puts each
    /// in this machine's order).
    fn numbers<T: bytemuck::Pod>(&mut self, count: usize, from_le: fn(T) -> T) -> Option<Vec<T>> {
        let bytes = u64::try_from(count)
            .ok()?
            .checked_mul(std::mem::size_of::<T>() as u64)?;
        self.left = self.left.checked_sub(bytes)?;
        let mut values = vec![T::zeroed(); count];
        self.input
            .read_exact(bytemuck::cast_slice_mut(&mut values))
            .ok()?;
        if cfg!(target_endian = "big") {
            for value in &mut values {
                *value = from_le(*value);
            }
        }
        Some(values)
    }

    /// `len` records of `width` `u32`s each, as one flat run.
    fn words(&mut self, width: usize) -> Option<Vec<u32>> {
        let count = self.len()?.checked_mul(width)?;
        self.numbers(count, u32::from_le)
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        self.words(1)
    }

    fn u64s(&mut self) -> Option<Vec<u64>> {
        let count = self.len()?;
        self.numbers(count, u64::from_le)
    }
}

/// `usize` to `u32`: every number of an index fits (offsets are stored in 32 bits).
fn small(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The responses of `dataset` joined as the index holds them, when each paragraph starts at
/// its place in `starts` (which ends with the text's length).
fn text_of(dataset: &Dataset, starts: &[u32]) -> Option<String> {
    let mut text = String::with_capacity(*starts.last()? as usize);
    let mut starts = starts.iter();
    for (_, recommendation) in dataset.recommendations() {
        for paragraph in &recommendation.paragraphs {
            if *starts.next()? as usize != text.len() {
                return None;
            }
            text.push_str(paragraph);
        }
    }
    (starts.as_slice() == [small(text.len())]).then_some(text)
}

/// True when every value is below `bound`.
fn all_below(values: &[u32], bound: usize) -> bool {
    values
        .iter()
        .copied()
        .max()
        .is_none_or(|max| (max as usize) < bound)
}

/// True when `values` never decrease.
fn ascending(values: &[u32]) -> bool {
    values.windows(2).all(|w| w[0] <= w[1])
}

impl SearchIndex {
    /// The index as bytes, for [`SearchIndex::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.heap_size());
        // Writing to memory cannot fail.
        let _ = self.write_to(&mut bytes);
        bytes
    }

    /// Writes the index as [`SearchIndex::read_from`] reads it.
    pub fn write_to(&self, out: impl Write) -> io::Result<()> {
        let mut out = Writer(out);
        out.str(&self.arena)?;
        for run in [
            &self.paragraph_starts,
            &self.rec_starts,
            &self.sentence_starts,
            &self.tokens,
            &self.token_starts,
            &self.by_stem,
            &self.postings,
        ] {
            out.u32s(run)?;
        }
        let spans: Vec<u32> = self
            .sentence_spans
            .iter()
            .flat_map(|&(start, end)| [start, end])
            .collect();
        out.words(self.sentence_spans.len(), &spans)?;
        let recs: Vec<u32> = self
            .recs
            .iter()
            .flat_map(|rec| {
                [
                    small(rec.location.section),
                    small(rec.location.recommendation),
                    rec.para,
                    rec.first_paragraph,
                ]
            })
            .collect();
        out.words(self.recs.len(), &recs)?;
        let entries: Vec<u32> = self
            .entries
            .iter()
            .flat_map(|e| {
                [
                    e.surface,
                    e.surface_len,
                    e.folded,
                    e.folded_len,
                    e.folded_chars,
                    e.postings,
                    e.stem,
                    u32::from(e.stem_len),
                    u32::from(e.stop),
                ]
            })
            .collect();
        out.words(self.entries.len(), &entries)?;
        out.len(self.masks.len())?;
        for mask in &self.masks {
            out.0.write_all(&mask.to_le_bytes())?;
        }
        let hits: Vec<u32> = self
            .key_hits
            .iter()
            .flat_map(|hit| [small(hit.key), small(hit.start), small(hit.end)])
            .collect();
        out.words(self.key_hits.len(), &hits)?;
        out.0.flush()
    }

    /// The index of `dataset` [`SearchIndex::to_bytes`] wrote, or `None` when `bytes` are
    /// not one (cut short, altered, from another layout, or of a dataset whose paragraphs
    /// differ): it is then built again.
    pub fn from_bytes(bytes: &[u8], dataset: &Dataset) -> Option<SearchIndex> {
        let mut input = bytes;
        let index = SearchIndex::read_from(&mut input, bytes.len() as u64, dataset)?;
        input.is_empty().then_some(index)
    }

    /// Reads the index of `dataset` [`SearchIndex::write_to`] wrote, of at most `size` bytes,
    /// from `input` (which may hold more after it); `None` when what is there is not one, or
    /// when `dataset`'s paragraphs do not start where the index has them.
    pub fn read_from(input: impl Read, size: u64, dataset: &Dataset) -> Option<SearchIndex> {
        let mut input = Reader { input, left: size };
        let arena = input.string()?;
        let paragraph_starts = input.u32s()?;
        let text = text_of(dataset, &paragraph_starts)?;
        let rec_starts = input.u32s()?;
        let sentence_starts = input.u32s()?;
        let tokens = input.u32s()?;
        let token_starts = input.u32s()?;
        let by_stem = input.u32s()?;
        let postings = input.u32s()?;
        let spans = input.words(2)?;
        let sentence_spans: Vec<(u32, u32)> = spans.chunks_exact(2).map(|s| (s[0], s[1])).collect();
        let recs: Vec<Rec> = input
            .words(4)?
            .chunks_exact(4)
            .map(|r| Rec {
                location: Location {
                    section: r[0] as usize,
                    recommendation: r[1] as usize,
                },
                para: r[2],
                first_paragraph: r[3],
            })
            .collect();
        let entries: Vec<Entry> = input
            .words(9)?
            .chunks_exact(9)
            .map(|e| {
                Some(Entry {
                    surface: e[0],
                    surface_len: e[1],
                    folded: e[2],
                    folded_len: e[3],
                    folded_chars: e[4],
                    postings: e[5],
                    stem: e[6],
                    stem_len: u16::try_from(e[7]).ok()?,
                    stop: match e[8] {
                        0 => false,
                        1 => true,
                        _ => return None,
                    },
                })
            })
            .collect::<Option<_>>()?;
        let masks = input.u64s()?;
        let key_hits: Vec<KeyHit> = input
            .words(3)?
            .chunks_exact(3)
            .map(|h| KeyHit {
                key: h[0] as usize,
                start: h[1] as usize,
                end: h[2] as usize,
            })
            .collect();
        let index = SearchIndex {
            text,
            paragraph_starts,
            recs,
            rec_starts,
            sentence_starts,
            sentence_spans,
            tokens,
            token_starts,
            entries,
            masks,
            by_stem,
            arena,
            postings,
            key_hits,
        };
        index.is_whole().then_some(index)
    }

    /// True when every number that indexes a buffer is within it and every run of boundaries
    /// ascends: what searching the index relies on to never go out of bounds.
    fn is_whole(&self) -> bool {
        let (text, tokens, entries) = (self.text.len(), self.tokens.len(), self.entries.len());
        let in_text = |start: u32, end: u32| {
            start <= end
                && self.text.is_char_boundary(start as usize)
                && self.text.is_char_boundary(end as usize)
                && (end as usize) <= text
        };
        let in_arena = |start: u32, len: u32| {
            let end = start as usize + len as usize;
            end <= self.arena.len()
                && self.arena.is_char_boundary(start as usize)
                && self.arena.is_char_boundary(end)
        };
        let boundaries = |run: &[u32], last: usize| {
            !run.is_empty() && ascending(run) && run.last().is_some_and(|&end| end as usize == last)
        };
        boundaries(&self.paragraph_starts, text)
            && self
                .paragraph_starts
                .iter()
                .all(|&at| self.text.is_char_boundary(at as usize))
            && boundaries(&self.rec_starts, tokens)
            && boundaries(&self.sentence_starts, tokens)
            && self.rec_starts.len() == self.recs.len() + 1
            && self.sentence_starts.len() == self.sentence_spans.len() + 1
            && self.token_starts.len() == tokens
            && self.postings.len() == tokens
            && self.masks.len() == entries
            && self.by_stem.len() == entries
            && all_below(&self.tokens, entries)
            && all_below(&self.postings, tokens.max(1))
            && all_below(&self.by_stem, entries.max(1))
            && self
                .sentence_spans
                .iter()
                .all(|&(start, end)| in_text(start, end))
            && self
                .recs
                .iter()
                .all(|rec| (rec.first_paragraph as usize) < self.paragraph_starts.len())
            && ascending(&self.entries.iter().map(|e| e.postings).collect::<Vec<_>>())
            && self.entries.iter().all(|e| {
                in_arena(e.surface, e.surface_len)
                    && in_arena(e.folded, e.folded_len)
                    && in_arena(e.stem, u32::from(e.stem_len))
                    && (e.postings as usize) <= tokens
            })
            && self
                .token_starts
                .iter()
                .zip(&self.tokens)
                .all(|(&start, &entry)| {
                    let len = self.entries[entry as usize].surface_len;
                    in_text(start, start.saturating_add(len))
                })
            // A hit's key is looked up with `Gazetteer::key` wherever it is used (an unknown
            // one is skipped), and the cache's key holds the gazetteer's hash: the gazetteer,
            // 0.17 ms to make on a cold start, is not needed to load an index.
            && self
                .key_hits
                .iter()
                .all(|hit| hit.start < hit.end && hit.end <= tokens)
    }
}
