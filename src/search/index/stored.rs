//! A [`SearchIndex`] as bytes and back, for the cache of derived data (`crate::cache`).
//!
//! Every buffer is written as its length (a `u64`) then its elements as little-endian bytes,
//! and read back with `chunks_exact`: loading is a copy of each buffer, not a parse of
//! millions of numbers one by one (measured on the report at 100 times: see the commit that
//! added this). Reading checks what the index's methods rely on (UTF-8 text, every number that
//! indexes a buffer within it, boundaries ascending), so bytes that are not an index written
//! by [`SearchIndex::to_bytes`] give `None`, never an index that panics when searched.

use crate::dataset::Location;
use crate::missions::KeyHit;

use super::{Entry, Rec, SearchIndex};

/// The layout's number: change it whenever what is written changes.
pub(crate) const LAYOUT: u32 = 1;

/// Appends to a byte buffer.
struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, len: usize) {
        self.0.extend_from_slice(&(len as u64).to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        self.len(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn u32s(&mut self, values: impl ExactSizeIterator<Item = u32>) {
        self.len(values.len());
        for value in values {
            self.0.extend_from_slice(&value.to_le_bytes());
        }
    }
}

/// Reads a byte buffer written by [`Writer`]; `None` at the first thing out of place.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        let bytes = self.take(8)?;
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        usize::try_from(u64::from_le_bytes(word)).ok()
    }

    fn string(&mut self) -> Option<String> {
        let len = self.len()?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }

    /// `len` records of `width` `u32`s each, as one flat run.
    fn words(&mut self, width: usize) -> Option<Vec<u32>> {
        let len = self.len()?;
        let bytes = self.take(len.checked_mul(width)?.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        self.words(1)
    }

    fn u64s(&mut self) -> Option<Vec<u64>> {
        let len = self.len()?;
        let bytes = self.take(len.checked_mul(8)?)?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        )
    }
}

/// `usize` to `u32`: every number of an index fits (offsets are stored in 32 bits).
fn small(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
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
        let mut out = Writer(Vec::with_capacity(self.heap_size()));
        out.str(&self.text);
        out.str(&self.arena);
        for run in [
            &self.paragraph_starts,
            &self.rec_starts,
            &self.sentence_starts,
            &self.tokens,
            &self.token_starts,
            &self.by_stem,
            &self.postings,
        ] {
            out.u32s(run.iter().copied());
        }
        out.len(self.sentence_spans.len());
        for &(start, end) in &self.sentence_spans {
            out.0.extend_from_slice(&start.to_le_bytes());
            out.0.extend_from_slice(&end.to_le_bytes());
        }
        out.len(self.recs.len());
        for rec in &self.recs {
            for value in [
                small(rec.location.section),
                small(rec.location.recommendation),
                rec.para,
                rec.first_paragraph,
            ] {
                out.0.extend_from_slice(&value.to_le_bytes());
            }
        }
        out.len(self.entries.len());
        for e in &self.entries {
            for value in [
                e.surface,
                e.surface_len,
                e.folded,
                e.folded_len,
                e.folded_chars,
                e.postings,
                e.stem,
                u32::from(e.stem_len),
                u32::from(e.stop),
            ] {
                out.0.extend_from_slice(&value.to_le_bytes());
            }
        }
        out.len(self.masks.len());
        for mask in &self.masks {
            out.0.extend_from_slice(&mask.to_le_bytes());
        }
        out.len(self.key_hits.len());
        for hit in &self.key_hits {
            for value in [small(hit.key), small(hit.start), small(hit.end)] {
                out.0.extend_from_slice(&value.to_le_bytes());
            }
        }
        out.0
    }

    /// The index [`SearchIndex::to_bytes`] wrote, or `None` when `bytes` are not one (cut
    /// short, altered, or from another layout): it is then built again.
    pub fn from_bytes(bytes: &[u8]) -> Option<SearchIndex> {
        let mut input = Reader(bytes);
        let text = input.string()?;
        let arena = input.string()?;
        let paragraph_starts = input.u32s()?;
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
        if !input.0.is_empty() {
            return None;
        }
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
            && (self.key_hits.is_empty() || {
                let gazetteer = crate::missions::gazetteer();
                self.key_hits.iter().all(|hit| {
                    hit.start < hit.end && hit.end <= tokens && gazetteer.key(hit.key).is_some()
                })
            })
    }
}
