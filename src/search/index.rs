//! The index built once from a dataset: the text, every word occurrence (token) in document
//! order, the vocabulary with its postings, sentence and recommendation boundaries, and the
//! gazetteer keys found in the text.
//!
//! It is kept small on purpose (see [`SearchIndex::heap_size`]): a token is its word number
//! and its byte offset (4 bytes each; its end follows from the word's length), a posting only
//! its token number (4 bytes). Storing the offsets (rather than cutting the text again for the
//! hits a search returns) makes a hit cost a few lookups instead of a pass over its text.

use std::ops::Range;

use crate::dataset::{Dataset, Location, Recommendation};
use rustc_hash::FxHashMap;

use crate::missions::{self, KeyHit};

use crate::parts;
use crate::text;

mod stored;

pub(crate) use stored::LAYOUT;

/// One distinct spelling of a word (case variants are separate entries, next to each other).
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    surface: u32,
    surface_len: u32,
    folded: u32,
    folded_len: u32,
    /// The folded form's length in characters.
    pub(super) folded_chars: u32,
    /// The first of this entry's postings; they end where the next entry's begin.
    postings: u32,
    /// The stem of the folded form (often its prefix, then it shares its bytes).
    stem: u32,
    stem_len: u16,
    /// The folded form is a stopword.
    pub(super) stop: bool,
}

/// One recommendation's place in the index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rec {
    pub(super) location: Location,
    pub(super) para: u32,
    /// Its first paragraph in `paragraph_starts`.
    pub(super) first_paragraph: u32,
}

/// The search index of one dataset.
#[derive(Debug)]
pub struct SearchIndex {
    /// Every paragraph of every response, concatenated.
    pub(super) text: String,
    /// Byte offset of each paragraph in `text`, and the end of the text.
    pub(super) paragraph_starts: Vec<u32>,
    pub(super) recs: Vec<Rec>,
    /// The first token of each recommendation, and the number of tokens.
    pub(super) rec_starts: Vec<u32>,
    /// The first token of each sentence, and the number of tokens.
    pub(super) sentence_starts: Vec<u32>,
    /// Byte range of each sentence in `text`.
    pub(super) sentence_spans: Vec<(u32, u32)>,
    /// The entry (word) of each token, in document order.
    pub(super) tokens: Vec<u32>,
    /// Byte offset of each token in `text`.
    pub(super) token_starts: Vec<u32>,
    /// Distinct words sorted by folded form, then spelling.
    pub(super) entries: Vec<Entry>,
    /// A 64-bit character set of each entry's folded form (see [`char_mask`]).
    pub(super) masks: Vec<u64>,
    /// Entry numbers sorted by stem, to find a word's other forms.
    by_stem: Vec<u32>,
    arena: String,
    /// Token numbers, grouped by entry, ascending within each.
    postings: Vec<u32>,
    /// Gazetteer keys found in the text, in token numbers, by start then longest first.
    pub(super) key_hits: Vec<KeyHit>,
}

impl SearchIndex {
    /// Builds the index of every response in `dataset`.
    pub fn new(dataset: &Dataset) -> SearchIndex {
        Builder::build(dataset)
    }

    /// The missions the responses mention by acronym or name, as [`missions::index`] finds
    /// them, read from the gazetteer keys found while the index was built: checking a
    /// dataset's missions and indexing it take one pass over its text.
    pub fn mentioned_missions(&self) -> Vec<crate::dataset::Mission> {
        let gazetteer = missions::gazetteer();
        let mut paras: Vec<Vec<u32>> = vec![Vec::new(); missions::entries().len()];
        for hit in &self.key_hits {
            let Some(key) = gazetteer.key(hit.key) else {
                continue;
            };
            if key.names.is_empty() {
                continue;
            }
            let para = self.recs[self.rec_of(to_u32(hit.start))].para;
            for &mission in &key.names {
                paras[mission].push(para);
            }
        }
        missions::missions_of(paras)
    }

    /// The number of recommendations indexed.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// The size in bytes of the text indexed (every paragraph of every response).
    pub fn text_size(&self) -> usize {
        self.text.len()
    }

    /// An estimate of the heap memory the index holds, in bytes: every buffer's capacity (the
    /// text copy included) and the struct itself.
    pub fn heap_size(&self) -> usize {
        use std::mem::size_of;
        size_of::<SearchIndex>()
            + self.text.capacity()
            + self.arena.capacity()
            + self.paragraph_starts.capacity() * size_of::<u32>()
            + self.recs.capacity() * size_of::<Rec>()
            + self.rec_starts.capacity() * size_of::<u32>()
            + self.sentence_starts.capacity() * size_of::<u32>()
            + self.sentence_spans.capacity() * size_of::<(u32, u32)>()
            + self.tokens.capacity() * size_of::<u32>()
            + self.token_starts.capacity() * size_of::<u32>()
            + self.entries.capacity() * size_of::<Entry>()
            + self.masks.capacity() * size_of::<u64>()
            + self.by_stem.capacity() * size_of::<u32>()
            + self.postings.capacity() * size_of::<u32>()
            + self.key_hits.capacity() * size_of::<KeyHit>()
    }

    /// The number of distinct spellings of words.
    pub fn vocabulary_size(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn surface(&self, entry: usize) -> &str {
        let e = &self.entries[entry];
        &self.arena[e.surface as usize..(e.surface + e.surface_len) as usize]
    }

    pub(super) fn folded(&self, entry: usize) -> &str {
        let e = &self.entries[entry];
        &self.arena[e.folded as usize..(e.folded + e.folded_len) as usize]
    }

    pub(super) fn postings(&self, entry: usize) -> &[u32] {
        let start = self.entries[entry].postings as usize;
        let end = self
            .entries
            .get(entry + 1)
            .map_or(self.postings.len(), |next| next.postings as usize);
        &self.postings[start..end]
    }

    /// The entries whose folded form is `folded`.
    pub(super) fn folded_range(&self, folded: &str) -> Range<usize> {
        let start = self.entries.partition_point(|e| self.folded_of(e) < folded);
        let end = start
            + self.entries[start..]
                .iter()
                .take_while(|e| self.folded_of(e) == folded)
                .count();
        start..end
    }

    /// True when some word of the text folds to `folded`.
    pub(super) fn has_word(&self, folded: &str) -> bool {
        !self.folded_range(folded).is_empty()
    }

    /// The entries whose folded form starts with `prefix` (the exact ones included).
    pub(super) fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let start = self.entries.partition_point(|e| self.folded_of(e) < prefix);
        let end = start
            + self.entries[start..].partition_point(|e| self.folded_of(e).starts_with(prefix));
        start..end
    }

    /// The entries whose stem is `stem`, in vocabulary order.
    pub(super) fn stem_entries(&self, stem: &str) -> &[u32] {
        let start = self
            .by_stem
            .partition_point(|&e| self.stem_of(&self.entries[e as usize]) < stem);
        let len = self.by_stem[start..]
            .partition_point(|&e| self.stem_of(&self.entries[e as usize]) == stem);
        &self.by_stem[start..start + len]
    }

    /// The stem of entry `entry`'s folded form.
    pub(super) fn stem(&self, entry: usize) -> &str {
        self.stem_of(&self.entries[entry])
    }

    fn stem_of(&self, e: &Entry) -> &str {
        &self.arena[e.stem as usize..e.stem as usize + usize::from(e.stem_len)]
    }

    /// True when token `token` is a stopword.
    pub(super) fn is_stop_token(&self, token: usize) -> bool {
        self.tokens
            .get(token)
            .is_some_and(|&entry| self.entries[entry as usize].stop)
    }

    fn folded_of(&self, e: &Entry) -> &str {
        &self.arena[e.folded as usize..(e.folded + e.folded_len) as usize]
    }

    /// The recommendation a token belongs to.
    pub(super) fn rec_of(&self, token: u32) -> usize {
        self.rec_starts.partition_point(|&start| start <= token) - 1
    }

    /// The sentence a token belongs to.
    pub(super) fn sentence_of(&self, token: u32) -> usize {
        self.sentence_starts
            .partition_point(|&start| start <= token)
            - 1
    }

    /// The tokens of recommendation `rec`.
    pub(super) fn rec_tokens(&self, rec: usize) -> Range<u32> {
        self.rec_starts[rec]..self.rec_starts[rec + 1]
    }

    /// The byte range of a token in `text`.
    pub(super) fn token_span(&self, token: usize) -> Range<usize> {
        let start = self.token_starts[token] as usize;
        let entry = &self.entries[self.tokens[token] as usize];
        start..start + entry.surface_len as usize
    }

    /// The paragraph (global number) holding byte `offset` of `text`.
    pub(super) fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraph_starts
            .partition_point(|&start| start as usize <= offset)
            .saturating_sub(1)
    }

    /// The byte offset in `text` where paragraph `paragraph` starts.
    pub(super) fn paragraph_start(&self, paragraph: usize) -> usize {
        self.paragraph_starts[paragraph] as usize
    }

    /// The text of paragraph `paragraph` (a global paragraph number).
    pub(super) fn paragraph_text(&self, paragraph: usize) -> &str {
        let start = self.paragraph_starts[paragraph] as usize;
        let end = self.paragraph_starts[paragraph + 1] as usize;
        &self.text[start..end]
    }
}

/// A character set of a word in 64 bits: a bit for each of a–z and 0–9, the rest of the
/// characters hashed into the other 28. An edit changes at most two bits, so two words whose
/// masks differ in more than `2k` bits are more than `k` edits apart, and a word can only
/// contain another as a subsequence if its mask contains the other's.
pub(super) fn char_mask(word: &str) -> u64 {
    word.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => u32::from(c) - u32::from('a'),
            '0'..='9' => 26 + u32::from(c) - u32::from('0'),
            _ => 36 + u32::from(c) % 28,
        };
        mask | (1 << bit)
    })
}

/// A distinct spelling met while building: where it first is, folded, and whether a stopword.
struct Spelling {
    range: Range<usize>,
    folded: String,
    stop: bool,
}

#[derive(Default)]
struct Builder {
    text: String,
    paragraph_starts: Vec<u32>,
    recs: Vec<Rec>,
    rec_starts: Vec<u32>,
    sentence_starts: Vec<u32>,
    sentence_spans: Vec<(u32, u32)>,
    tokens: Vec<u32>,
    token_starts: Vec<u32>,
    /// Spellings by first-seen number.
    spellings: Vec<Spelling>,
    ids: FxHashMap<String, u32>,
    key_hits: Vec<KeyHit>,
}

/// The size of text (bytes) from which the index reads only the sentences that may hold a
/// gazetteer key: building that prefilter costs about what reading a few hundred kilobytes
/// whole does (the embedded report is about 120 KB).
const PREFILTER_FROM: usize = 1 << 20;

/// `values`, each plus `by`.
fn moved(values: &[u32], by: u32) -> impl Iterator<Item = u32> + '_ {
    values.iter().map(move |v| v + by)
}

/// Offsets are stored in 32 bits; a dataset of 4 GiB of text is far beyond any report.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).expect("the dataset is smaller than 4 GiB")
}

impl Builder {
    /// The index of `dataset`. A large one (from [`PREFILTER_FROM`]) is read in parts, one a
    /// thread, then the parts are joined: the same index, as spellings are numbered after
    /// they are sorted.
    fn build(dataset: &Dataset) -> SearchIndex {
        let recommendations: Vec<(Location, &Recommendation)> = dataset.recommendations().collect();
        let size = parts::text_size(&recommendations);
        let prefilter = size >= PREFILTER_FROM;
        let threads = parts::threads_for(size);
        Builder::build_in(&recommendations, prefilter, threads)
    }

    /// The index of `recommendations` read in `threads` parts, one a thread.
    fn build_in(
        recommendations: &[(Location, &Recommendation)],
        prefilter: bool,
        threads: usize,
    ) -> SearchIndex {
        let mut parts = parts::read_in_parts(recommendations, threads, |part| {
            Builder::default().read(part, prefilter)
        })
        .into_iter();
        let mut builder = parts.next().unwrap_or_default();
        for part in parts {
            builder.append(part);
        }
        builder.paragraph_starts.push(to_u32(builder.text.len()));
        builder.rec_starts.push(to_u32(builder.tokens.len()));
        builder.sentence_starts.push(to_u32(builder.tokens.len()));
        builder.finish()
    }

    /// Reads `recommendations` into a new part of the index (without the end marks).
    fn read(mut self, recommendations: &[(Location, &Recommendation)], prefilter: bool) -> Builder {
        let size = parts::text_size(recommendations);
        self.text.reserve(size);
        self.tokens.reserve(size / 6);
        self.token_starts.reserve(size / 6);
        let gazetteer = missions::gazetteer();
        let mut stream = missions::WordStream::with_capacity(size);
        for &(location, recommendation) in recommendations {
            self.rec_starts.push(to_u32(self.tokens.len()));
            self.recs.push(Rec {
                location,
                para: recommendation.para,
                first_paragraph: to_u32(self.paragraph_starts.len()),
            });
            for paragraph in &recommendation.paragraphs {
                let offset = self.text.len();
                self.paragraph_starts.push(to_u32(offset));
                self.text.push_str(paragraph);
                let sentences = text::sentences(paragraph);
                // In a large dataset only the sentences that may hold a gazetteer key go
                // through its automaton; a small one is read whole sooner than the
                // prefilter's automaton is built.
                let keyed = if prefilter {
                    gazetteer.may_hold_keys(paragraph, &sentences)
                } else {
                    vec![true; sentences.len()]
                };
                for (sentence, keyed) in sentences.into_iter().zip(keyed) {
                    let first = self.tokens.len();
                    let base = sentence.start;
                    for word in text::words(&paragraph[sentence.clone()]) {
                        let word = base + word.start..base + word.end;
                        self.token_starts.push(to_u32(offset + word.start));
                        let id = self.intern(paragraph, word, offset);
                        if keyed {
                            let spelling = &self.spellings[id as usize];
                            stream.push(self.tokens.len(), &spelling.folded, spelling.stop);
                        }
                        self.tokens.push(id);
                    }
                    if self.tokens.len() == first {
                        continue;
                    }
                    if keyed {
                        stream.end_sentence();
                    }
                    self.sentence_starts.push(to_u32(first));
                    self.sentence_spans.push((
                        to_u32(offset + sentence.start),
                        to_u32(offset + sentence.end),
                    ));
                }
            }
        }
        self.key_hits = gazetteer.find(&stream);
        self
    }

    /// Appends the part `other` read after this one: its text, boundaries and tokens moved
    /// past this part's, its spellings looked up among this part's.
    fn append(&mut self, other: Builder) {
        let text_offset = to_u32(self.text.len());
        let token_offset = to_u32(self.tokens.len());
        let paragraph_offset = to_u32(self.paragraph_starts.len());
        self.text.push_str(&other.text);
        self.paragraph_starts
            .extend(moved(&other.paragraph_starts, text_offset));
        self.recs.extend(other.recs.iter().map(|rec| Rec {
            first_paragraph: rec.first_paragraph + paragraph_offset,
            ..*rec
        }));
        self.rec_starts
            .extend(moved(&other.rec_starts, token_offset));
        self.sentence_starts
            .extend(moved(&other.sentence_starts, token_offset));
        self.sentence_spans.extend(
            other
                .sentence_spans
                .iter()
                .map(|&(start, end)| (start + text_offset, end + text_offset)),
        );
        self.token_starts
            .extend(moved(&other.token_starts, text_offset));
        let offset = text_offset as usize;
        let renumber: Vec<u32> = other
            .spellings
            .into_iter()
            .map(|spelling| {
                let word = &other.text[spelling.range.clone()];
                if let Some(&id) = self.ids.get(word) {
                    return id;
                }
                let id = to_u32(self.spellings.len());
                self.ids.insert(word.to_string(), id);
                self.spellings.push(Spelling {
                    range: spelling.range.start + offset..spelling.range.end + offset,
                    ..spelling
                });
                id
            })
            .collect();
        self.tokens
            .extend(other.tokens.iter().map(|&token| renumber[token as usize]));
        let token_offset = token_offset as usize;
        self.key_hits
            .extend(other.key_hits.iter().map(|hit| KeyHit {
                start: hit.start + token_offset,
                end: hit.end + token_offset,
                ..*hit
            }));
    }

    /// The first-seen number of the spelling at `range` of `paragraph`, which starts at byte
    /// `offset` of `text`: each distinct spelling is folded once.
    fn intern(&mut self, paragraph: &str, range: Range<usize>, offset: usize) -> u32 {
        let word = &paragraph[range.clone()];
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = to_u32(self.spellings.len());
        let folded = text::fold(word);
        let stop = text::is_stopword(&folded);
        self.spellings.push(Spelling {
            range: offset + range.start..offset + range.end,
            folded,
            stop,
        });
        self.ids.insert(word.to_string(), id);
        id
    }

    fn finish(self) -> SearchIndex {
        let Builder {
            text,
            paragraph_starts,
            recs,
            rec_starts,
            sentence_starts,
            sentence_spans,
            mut tokens,
            token_starts,
            spellings,
            key_hits,
            ..
        } = self;
        // Sort spellings by folded form then spelling, and renumber the tokens.
        let mut order: Vec<u32> = (0..to_u32(spellings.len())).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (&spellings[a as usize], &spellings[b as usize]);
            a.folded
                .cmp(&b.folded)
                .then_with(|| text[a.range.clone()].cmp(&text[b.range.clone()]))
        });
        let mut renumber = vec![0u32; spellings.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = to_u32(new);
        }
        let mut counts = vec![0u32; spellings.len() + 1];
        for token in &mut tokens {
            *token = renumber[*token as usize];
            counts[*token as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut postings = vec![0u32; tokens.len()];
        let mut next = counts.clone();
        for (position, &entry) in tokens.iter().enumerate() {
            postings[next[entry as usize] as usize] = to_u32(position);
            next[entry as usize] += 1;
        }
        let (arena, entries, masks, by_stem) = vocabulary(&text, &spellings, &order, &counts);
        let mut index = SearchIndex {
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
        index.text.shrink_to_fit();
        index.arena.shrink_to_fit();
        index.paragraph_starts.shrink_to_fit();
        index.recs.shrink_to_fit();
        index.rec_starts.shrink_to_fit();
        index.sentence_starts.shrink_to_fit();
        index.sentence_spans.shrink_to_fit();
        index.token_starts.shrink_to_fit();
        index.tokens.shrink_to_fit();
        index.key_hits.shrink_to_fit();
        index
    }
}

/// The vocabulary in `order`: the arena of spellings, folded forms and stems, the entries, their
/// character masks, and the entries sorted by stem.
fn vocabulary(
    text: &str,
    spellings: &[Spelling],
    order: &[u32],
    counts: &[u32],
) -> (String, Vec<Entry>, Vec<u64>, Vec<u32>) {
    let mut arena = String::new();
    let mut entries: Vec<Entry> = Vec::with_capacity(spellings.len());
    let mut masks = Vec::with_capacity(spellings.len());
    for (new, &old) in order.iter().enumerate() {
        let Spelling {
            range,
            folded,
            stop,
        } = &spellings[old as usize];
        let surface = &text[range.clone()];
        let surface_start = to_u32(arena.len());
        arena.push_str(surface);
        let folded_start = if folded == surface {
            surface_start
        } else {
            let start = to_u32(arena.len());
            arena.push_str(folded);
            start
        };
        // Case variants are neighbours with one folded form: stem it once.
        let (stem, stem_len, stop) = match entries.last() {
            Some(last)
                if arena[last.folded as usize..(last.folded + last.folded_len) as usize]
                    == **folded =>
            {
                (last.stem, last.stem_len, last.stop)
            }
            _ => {
                let stem = text::stem(folded);
                let stem_len = u16::try_from(stem.len()).unwrap_or(0);
                let at = if folded.starts_with(stem.as_ref()) {
                    folded_start
                } else {
                    let start = to_u32(arena.len());
                    arena.push_str(&stem[..usize::from(stem_len)]);
                    start
                };
                (at, stem_len, *stop)
            }
        };
        entries.push(Entry {
            surface: surface_start,
            surface_len: to_u32(surface.len()),
            folded: folded_start,
            folded_len: to_u32(folded.len()),
            folded_chars: to_u32(folded.chars().count()),
            postings: counts[new],
            stem,
            stem_len,
            stop,
        });
        masks.push(char_mask(folded));
    }
    let stem_of = |e: u32| {
        let e = &entries[e as usize];
        &arena[e.stem as usize..e.stem as usize + usize::from(e.stem_len)]
    };
    let mut by_stem: Vec<u32> = (0..to_u32(entries.len())).collect();
    by_stem.sort_by(|&a, &b| stem_of(a).cmp(stem_of(b)));
    (arena, entries, masks, by_stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_support::dataset;

    /// The embedded report `copies` times over, each copy's paragraphs renumbered.
    fn report_times(copies: u32) -> Dataset {
        let mut dataset = Dataset::embedded();
        let originals = dataset.sections.clone();
        for copy in 1..copies {
            for (section, original) in dataset.sections.iter_mut().zip(&originals) {
                for recommendation in &original.recommendations {
                    let mut recommendation = recommendation.clone();
                    recommendation.para += copy * 10_000;
                    section.recommendations.push(recommendation);
                }
            }
        }
        dataset
    }

    #[test]
    fn an_index_read_in_parts_is_the_index_read_at_once() {
        let dataset = report_times(3);
        let recommendations: Vec<_> = dataset.recommendations().collect();
        for prefilter in [false, true] {
            let once = format!("{:?}", Builder::build_in(&recommendations, prefilter, 1));
            for threads in [2, 3, 7] {
                let parts = format!(
                    "{:?}",
                    Builder::build_in(&recommendations, prefilter, threads)
                );
                assert!(once == parts, "{threads} threads, prefilter {prefilter}");
            }
        }
    }

    #[test]
    fn an_index_stored_as_bytes_loads_as_it_was_built() {
        // The report, and over a megabyte of it (read in parts, with the prefilter).
        for copies in [1, 12] {
            let dataset = report_times(copies);
            let built = SearchIndex::new(&dataset);
            let bytes = built.to_bytes();
            let loaded = SearchIndex::from_bytes(&bytes, &dataset).expect("the bytes load");
            assert!(
                format!("{built:?}") == format!("{loaded:?}"),
                "{copies} copies"
            );
            // The text is not in the bytes: it is the dataset's (the arena holds its words
            // without the spaces between them).
            let (_, first) = dataset.recommendations().next().expect("a recommendation");
            let words = first.paragraphs[0].as_bytes();
            let needle = &words[..words.len().min(40)];
            assert!(needle.contains(&b' '));
            assert!(!bytes.windows(needle.len()).any(|w| w == needle));
            // Cut anywhere or with a byte changed in its numbers, it never panics; cut, it
            // never loads.
            for cut in [0, 1, 7, 8, bytes.len() / 3, bytes.len() - 1] {
                assert!(
                    SearchIndex::from_bytes(&bytes[..cut], &dataset).is_none(),
                    "cut at {cut}"
                );
            }
            if copies == 1 {
                let mut longer = bytes.clone();
                longer.push(0);
                assert!(SearchIndex::from_bytes(&longer, &dataset).is_none());
                for at in (0..bytes.len()).step_by(bytes.len() / 4000) {
                    let mut changed = bytes.clone();
                    changed[at] ^= 0x80;
                    if let Some(index) = SearchIndex::from_bytes(&changed, &dataset) {
                        let _ = index.search("minusma peacekeeping", 10);
                        let _ = index.mentioned_missions();
                    }
                }
            }
        }
    }

    #[test]
    fn an_index_loads_only_with_the_paragraphs_it_was_built_from() {
        let dataset = Dataset::embedded();
        let bytes = SearchIndex::new(&dataset).to_bytes();
        // A paragraph a byte longer, one more paragraph, one fewer: not this index's text.
        let mut longer = dataset.clone();
        let first = &mut longer.sections[0].recommendations[0].paragraphs[0];
        *first = format!("{first}x").into();
        let mut more = dataset.clone();
        more.sections[0].recommendations[0]
            .paragraphs
            .push("Another paragraph.".into());
        let mut fewer = dataset.clone();
        let last = fewer.sections.len() - 1;
        fewer.sections[last].recommendations.pop();
        for other in [&longer, &more, &fewer] {
            assert!(SearchIndex::from_bytes(&bytes, other).is_none());
        }
        // The same lengths with other words: the bounds still hold, so searching it cannot
        // panic (the cache's key, a hash of the responses, never pairs them).
        let mut same_length = dataset.clone();
        let first = &mut same_length.sections[0].recommendations[0].paragraphs[0];
        *first = "é".repeat(first.len() / 2).into();
        if let Some(index) = SearchIndex::from_bytes(&bytes, &same_length) {
            let _ = index.search("minusma peacekeeping", 10);
        }
    }

    #[test]
    fn the_missions_found_while_indexing_are_those_the_check_finds() {
        // Once as the report is (read whole), once over a megabyte (the prefilter's way).
        for copies in [1, 12] {
            let dataset = report_times(copies);
            let index = SearchIndex::new(&dataset);
            assert_eq!(copies > 1, index.text_size() >= PREFILTER_FROM);
            let found = index.mentioned_missions();
            assert!(!found.is_empty());
            assert_eq!(found, missions::index(&dataset), "{copies} copies");
        }
    }

    #[test]
    fn tokens_postings_and_boundaries_agree() {
        let index = SearchIndex::new(&dataset(&[
            (1, &["Mali and peace. Peace again."]),
            (2, &["Second one.", "Peace in South Sudan."]),
        ]));
        assert_eq!(index.len(), 2);
        assert_eq!(index.rec_starts, [0, 5, 11]);
        assert_eq!(index.sentence_starts, [0, 3, 5, 7, 11]);
        let peace = index.folded_range("peace");
        assert_eq!(peace.len(), 2, "Peace and peace are two spellings");
        let mut tokens: Vec<u32> = peace.flat_map(|e| index.postings(e).to_vec()).collect();
        tokens.sort_unstable();
        assert_eq!(tokens, [2, 3, 7]);
        for (position, &entry) in index.tokens.iter().enumerate() {
            assert!(
                index
                    .postings(entry as usize)
                    .contains(&u32::try_from(position).unwrap())
            );
        }
        assert_eq!(index.rec_of(6), 1);
        assert_eq!(index.sentence_of(6), 2);
        assert_eq!(index.paragraph_text(2), "Peace in South Sudan.");
        for token in 0..index.tokens.len() {
            let span = index.token_span(token);
            assert_eq!(
                &index.text[span],
                index.surface(index.tokens[token] as usize)
            );
        }
        let spans: Vec<&str> = index
            .sentence_spans
            .iter()
            .map(|&(s, e)| &index.text[s as usize..e as usize])
            .collect();
        assert_eq!(
            spans,
            [
                "Mali and peace.",
                "Peace again.",
                "Second one.",
                "Peace in South Sudan."
            ]
        );
        assert_eq!(index.paragraph_at(index.token_starts[7] as usize), 2);
        assert!(index.prefix_range("pea").len() == 2);
        assert_eq!(index.prefix_range("zzz").len(), 0);
    }

    #[test]
    fn key_hits_are_found_per_sentence() {
        let index = SearchIndex::new(&dataset(&[(1, &["Peace in South Sudan. Sudan too."])]));
        let g = missions::gazetteer();
        let keys: Vec<(String, usize, usize)> = index
            .key_hits
            .iter()
            .map(|h| (g.key(h.key).unwrap().words.join(" "), h.start, h.end))
            .collect();
        assert_eq!(
            keys,
            [
                ("south sudan".to_string(), 2, 4),
                ("sudan".to_string(), 3, 4),
                ("sudan".to_string(), 4, 5)
            ]
        );
    }

    #[test]
    fn masks_bound_edits_and_subsequences() {
        let a = char_mask("peacekeeping");
        let b = char_mask("peacekeping");
        assert_eq!(a & b, b);
        assert!((char_mask("mali") ^ char_mask("male")).count_ones() <= 2);
        assert!((char_mask("mali") ^ char_mask("xyzw")).count_ones() > 2);
    }
}
