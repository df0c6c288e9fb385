//! The mission gazetteer: every United Nations peacekeeping operation, special political
//! mission or office the report names, and the current ones it does not, each with its
//! acronym, official name, place, and the names of places a reader may search it by — in
//! English, French and Spanish. The gazetteer is data: `assets/gazetteer.toml`, parsed by the
//! build script and embedded in the binary (its format is described at its top, in `file.rs`
//! and in `docs/search.md`).
//! The same file holds the search engine's aliases (`CAR`, `SEA`, `PoC`…).
//!
//! A response *mentions* a mission when it names it by acronym (`MINUSMA`, also inside
//! `MINUSMA-funded`) or by official name (`the United Nations Military Observer Group in India
//! and Pakistan`). A bare place does not count: "In Mali, the Justice and Corrections Standing
//! Capacity supported national authorities" is about Mali, not about MINUSMA, and the report
//! uses places that way often. Places are still keys: a search for `mali` finds the
//! recommendations that mention MINUSMA first, then those that only name Mali (see the
//! search engine, `search`, which this module does not import).
//!
//! Partner operations the report names (the African Union Mission in Somalia, Operation
//! Barkhane, the European Union Training Mission in Mali, the Joint Force of the Group of Five
//! for the Sahel) are in the gazetteer too, marked [`Kind::Partner`]: they are found, listed and
//! searched like the United Nations' own, and listed apart.
//!
//! Names and places are compared word by word, case-insensitively, skipping small words
//! ("Mission in the Sudan" is `mission sudan`), so line breaks, hyphens and capitals in the
//! source do not matter. Every key is found in one pass over a text's folded words by one
//! automaton (`aho-corasick`) built once, when a long text first needs it; a short one (a
//! response) is looked up word by word, and a large dataset's sentences that cannot hold a
//! key are skipped unread (`Anchors`). A place inside a longer key that does not name the
//! same mission does not count ([`Gazetteer::shadowed`], the one rule for this): "Sudan" in
//! "South Sudan" names neither mission in the Sudan.
//!
//! Anything that needs a mission's name or place takes it from the dataset's missions; the
//! entries here are for what the dataset does not hold (the kind, the places to search by).

mod picker;

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::dataset::{DataError, Dataset, Location, Mission, Recommendation};
use crate::text;

mod file;
pub use picker::{MissionMatch, match_missions, not_named};

/// The gazetteer file, embedded.
pub const GAZETTEER_TOML: &str = include_str!("../../assets/gazetteer.toml");

use file::File;
pub use file::Kind;

/// How a text names a mission, strongest first: by acronym, by official name, by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Acronym,
    Name,
    Place,
}

/// One mission of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub acronym: &'static str,
    pub name: &'static str,
    /// The country or territory, as `c34 missions` prints it.
    pub location: &'static str,
    pub kind: Kind,
    /// Other full names that count as a mention.
    pub other_names: Vec<&'static str>,
    /// Places that name the mission in a query (never a mention by themselves), in English.
    pub places: Vec<&'static str>,
    /// The same places in French and Spanish, and their abbreviations (`RDC`).
    pub other_places: Vec<&'static str>,
}

impl Entry {
    /// A partner's operation rather than the United Nations' own.
    pub fn is_partner(&self) -> bool {
        self.kind == Kind::Partner
    }

    /// Every place the mission may be searched by, in every language.
    pub fn all_places(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.places.iter().chain(&self.other_places).copied()
    }
}

/// One abbreviation of the search aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub short: &'static str,
    /// Only the capitalised form (`CAR`, not `car`) is the alias.
    pub case_sensitive: bool,
    /// Full forms; each matches as a phrase whose last word may be a prefix (`device` is also
    /// `devices`).
    pub expansions: Vec<&'static str>,
}

/// The parsed file: missions, other names of places, aliases.
#[derive(Debug)]
pub struct GazetteerData {
    pub entries: Vec<Entry>,
    /// Each English place with its other names (French, Spanish, abbreviations).
    pub place_names: Vec<(&'static str, Vec<&'static str>)>,
    pub aliases: Vec<Alias>,
}

/// The strings of the data live as long as the program: the file is read once.
fn keep(text: String) -> &'static str {
    text.leak()
}

/// Parses a gazetteer file (see `assets/gazetteer.toml`); errors give the line and column.
pub fn parse(source: &str) -> Result<GazetteerData, toml::de::Error> {
    Ok(from_file(toml::from_str(source)?))
}

/// The gazetteer as its file says it.
fn from_file(file: File) -> GazetteerData {
    let place_names: Vec<(&'static str, Vec<&'static str>)> = file
        .place
        .into_iter()
        .map(|p| {
            let others = p
                .french
                .into_iter()
                .chain(p.spanish)
                .chain(p.abbreviations)
                .map(keep)
                .collect();
            (keep(p.name), others)
        })
        .collect();
    let entries = file
        .mission
        .into_iter()
        .map(|m| {
            let places: Vec<&'static str> = m.places.into_iter().map(keep).collect();
            let other_places = places
                .iter()
                .flat_map(|place| {
                    place_names
                        .iter()
                        .filter(move |(name, _)| name == place)
                        .flat_map(|(_, others)| others.iter().copied())
                })
                .collect();
            Entry {
                acronym: keep(m.acronym),
                name: keep(m.name),
                location: keep(m.location),
                kind: m.kind,
                other_names: m.other_names.into_iter().map(keep).collect(),
                places,
                other_places,
            }
        })
        .collect();
    let aliases = file
        .alias
        .into_iter()
        .map(|a| Alias {
            short: keep(a.short),
            case_sensitive: a.capitals_only,
            expansions: a.means.into_iter().map(keep).collect(),
        })
        .collect();
    GazetteerData {
        entries,
        place_names,
        aliases,
    }
}

/// The embedded gazetteer file, read once. The build script parses the TOML (a broken file
/// fails the build, naming its line) and embeds it as JSON, which reads in a tenth of the
/// time: the reader's first frame needs the gazetteer. A failure here is a build bug.
pub fn data() -> &'static GazetteerData {
    /// `assets/gazetteer.toml` as the build script wrote it (see `build.rs`).
    const GAZETTEER_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.json"));
    static DATA: LazyLock<GazetteerData> = LazyLock::new(|| {
        let file = serde_json::from_str(GAZETTEER_JSON)
            .unwrap_or_else(|error| panic!("the gazetteer the build embedded: {error}"));
        from_file(file)
    });
    &DATA
}

/// The gazetteer's entries, in the order `c34 missions` lists them: peacekeeping operations,
/// then special political missions and offices, then partner operations. The position of an
/// entry is the mission number [`Key`] and [`Gazetteer::named_in`] speak of.
pub fn entries() -> &'static [Entry] {
    &data().entries
}

/// The gazetteer entry with this acronym (case-insensitive), for its places and kind.
pub fn entry(acronym: &str) -> Option<&'static Entry> {
    entries()
        .iter()
        .find(|entry| entry.acronym.eq_ignore_ascii_case(acronym))
}

/// The gazetteer's number for the mission with this acronym (case-insensitive).
pub fn position(acronym: &str) -> Option<usize> {
    entries()
        .iter()
        .position(|entry| entry.acronym.eq_ignore_ascii_case(acronym))
}

/// A normalised key: an acronym, a name or a place, as folded words without small words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub words: Vec<String>,
    /// Missions (gazetteer numbers) this key names by acronym or name: a mention.
    pub names: Vec<usize>,
    /// Those of `names` it names by acronym.
    pub acronyms: Vec<usize>,
    /// Missions this key names by place.
    pub places: Vec<usize>,
    /// The key of the place this key is another name of (`soudan sud` for `south sudan`);
    /// the key itself otherwise.
    pub place: usize,
}

impl Key {
    /// Every mission the key names, by name or by place, sorted.
    pub fn missions(&self) -> impl Iterator<Item = usize> + '_ {
        let mut all: Vec<usize> = self.names.iter().chain(&self.places).copied().collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
    }

    pub fn is_mention(&self) -> bool {
        !self.names.is_empty()
    }

    /// How this key names `mission`, if it does.
    pub fn names_by(&self, mission: usize) -> Option<By> {
        if self.acronyms.contains(&mission) {
            Some(By::Acronym)
        } else if self.names.contains(&mission) {
            Some(By::Name)
        } else if self.places.contains(&mission) {
            Some(By::Place)
        } else {
            None
        }
    }
}

/// An occurrence of a key in a run of words: words `start..end` (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHit {
    pub key: usize,
    pub start: usize,
    pub end: usize,
}

/// The size of a [`WordStream`] (bytes) from which its keys are found by the automaton, built
/// once; a shorter one (a response, for the reader's header) is looked up word by word, which
/// costs a few microseconds where building the automaton costs about a millisecond.
const LOOKUP_BELOW: usize = 16 << 10;

/// A key hit never spans more words than this (keys are short names, small words included).
pub const MAX_KEY_SPAN: usize = 64;

/// The gazetteer's keys, ready for matching.
#[derive(Debug)]
pub struct Gazetteer {
    keys: Vec<Key>,
    /// Each key's words joined by single spaces (as a [`WordStream`] holds them), and the first
    /// words of the keys: how a short stream is matched without the automaton.
    by_text: FxHashMap<String, usize>,
    first_words: rustc_hash::FxHashSet<String>,
    longest: usize,
    /// Every key as ` word word `, matched over a long [`WordStream`]; built on the first
    /// [`Gazetteer::find`] in one (a response for the reader's header is looked up word by
    /// word instead: building the automaton would cost more than the first frame).
    automaton: OnceLock<AhoCorasick>,
    /// One word of each key that names a mission by acronym or name, matched over raw text;
    /// built on first use (a small text is read whole sooner than the automaton is built).
    mention_anchors: OnceLock<Anchors>,
    /// One word of every key (places too), matched over raw text; built on first use.
    key_anchors: OnceLock<Anchors>,
}

/// A prefilter over raw text: for each key one word of it, its anchor: of its words of four
/// letters or more, a place's or an acronym's if it has one, as those are rarer in prose than
/// common nouns (`cyprus` rather than `peacekeeping` for `united nations peacekeeping force
/// cyprus`), else the word fewest keys share. A key is found within one sentence, so only a
/// sentence holding one of its anchors as a whole word can hold it: as it is written when the
/// sentence's letters are all ASCII (folding ASCII only lowers case), or anywhere when it has
/// other letters (`Intégrée` folds to `integree`). Skipping the other sentences is what makes
/// checking a large dataset's missions cheap: most name no mission.
#[derive(Debug)]
struct Anchors {
    automaton: AhoCorasick,
}

impl Anchors {
    /// The anchors of `keys`; `distinctive` are the words of place keys and the one-word keys.
    fn new<'k>(
        keys: impl Iterator<Item = &'k Key> + Clone,
        distinctive: &rustc_hash::FxHashSet<&str>,
    ) -> Anchors {
        let mut shared: FxHashMap<&str, usize> = FxHashMap::default();
        for key in keys.clone() {
            let mut words: Vec<&str> = key.words.iter().map(String::as_str).collect();
            words.sort_unstable();
            words.dedup();
            for word in words {
                *shared.entry(word).or_default() += 1;
            }
        }
        let mut anchors: Vec<&str> = keys
            .filter_map(|key| {
                key.words.iter().map(String::as_str).min_by_key(|word| {
                    (
                        // Short words hide inside longer ones: each such match costs a test.
                        word.len() < 4,
                        !distinctive.contains(word),
                        shared.get(word).copied().unwrap_or(0),
                        std::cmp::Reverse(word.len()),
                    )
                })
            })
            .collect();
        anchors.sort_unstable();
        anchors.dedup();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&anchors)
            .unwrap_or_else(|error| panic!("the gazetteer's anchors make an automaton: {error}"));
        Anchors { automaton }
    }

    /// The byte offsets in `text` where an anchor starts as a whole word, in order.
    fn starts(&self, text: &str) -> Vec<usize> {
        // Leftmost-longest finds every whole-word occurrence: an anchor is letters and
        // digits, so no other match can start before it inside its word or reach past it.
        let bytes = text.as_bytes();
        let is_word = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
        let starts_word = |at: usize| at == 0 || !is_word(at - 1);
        self.automaton
            .find_iter(text)
            .filter(|found| starts_word(found.start()) && !is_word(found.end()))
            .map(|found| found.start())
            .collect()
    }

    /// The sentences of `paragraph` (as [`text::sentences`] cuts them) that may hold a key:
    /// those with an anchor or a letter outside ASCII. Empty, without cutting sentences, when
    /// the paragraph has neither.
    fn sentences(&self, paragraph: &str) -> Vec<std::ops::Range<usize>> {
        let starts = self.starts(paragraph);
        let other_letters = has_other_letters(paragraph);
        if starts.is_empty() && !other_letters {
            return Vec::new();
        }
        let mut sentences = text::sentences(paragraph);
        let keep = Anchors::marks(paragraph, &starts, other_letters, &sentences);
        let mut keep = keep.into_iter();
        sentences.retain(|_| keep.next().unwrap_or(true));
        sentences
    }

    /// For each of `sentences` (byte ranges of `paragraph`, in order), whether it holds one of
    /// the anchors at `starts` or, when `other_letters`, a letter outside ASCII.
    fn marks(
        paragraph: &str,
        starts: &[usize],
        other_letters: bool,
        sentences: &[std::ops::Range<usize>],
    ) -> Vec<bool> {
        let mut next = starts.iter().peekable();
        sentences
            .iter()
            .map(|sentence| {
                while next.next_if(|&&at| at < sentence.start).is_some() {}
                next.peek().is_some_and(|&&at| at < sentence.end)
                    || (other_letters && has_other_letters(&paragraph[sentence.clone()]))
            })
            .collect()
    }
}

/// True when `text` has a letter or digit outside ASCII (it may fold into any key's word).
fn has_other_letters(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric())
}

/// The gazetteer built from the embedded file, once.
pub fn gazetteer() -> &'static Gazetteer {
    static KEYS: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::new(data()));
    &KEYS
}

/// Folded words of `text` without small words: the form keys are compared in.
pub fn normalise(text: &str) -> Vec<String> {
    text::words(text)
        .map(|range| text::fold(&text[range]))
        .filter(|word| !text::is_stopword(word))
        .collect()
}

/// [`normalise`]'s words joined by single spaces, made in one string.
fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for range in text::words(text) {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        text::fold_into(&text[range], &mut out);
        let word = &out[start + usize::from(start > 0)..];
        if text::is_stopword(word) {
            out.truncate(start);
        }
    }
    out
}

/// The folded words of a text, small words left out, as the automaton reads them: each word
/// after a space, each sentence ended by a space and a line break, so that a key (` a b `)
/// matches whole words of one sentence only.
#[derive(Debug, Default)]
pub struct WordStream {
    text: String,
    /// Byte offset in `text` of the space before each word.
    starts: Vec<u32>,
    /// The caller's number (token) of each word.
    tokens: Vec<u32>,
}

impl WordStream {
    /// A stream with room for about `bytes` of text.
    pub fn with_capacity(bytes: usize) -> WordStream {
        WordStream {
            text: String::with_capacity(bytes),
            ..WordStream::default()
        }
    }

    /// Empties the stream, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.tokens.clear();
    }

    /// Adds word number `token` (its folded form); a small word is skipped.
    pub fn push(&mut self, token: usize, folded: &str, stop: bool) {
        if stop {
            return;
        }
        let (Ok(start), Ok(token)) = (u32::try_from(self.text.len()), u32::try_from(token)) else {
            return;
        };
        self.starts.push(start);
        self.tokens.push(token);
        self.text.push(' ');
        self.text.push_str(folded);
    }

    /// Adds word number `token` as written: folded straight into the stream, and taken back
    /// if it is a small word.
    pub fn push_word(&mut self, token: usize, word: &str) {
        let (Ok(start), Ok(token)) = (u32::try_from(self.text.len()), u32::try_from(token)) else {
            return;
        };
        self.text.push(' ');
        text::fold_into(word, &mut self.text);
        if text::is_stopword(&self.text[start as usize + 1..]) {
            self.text.truncate(start as usize);
            return;
        }
        self.starts.push(start);
        self.tokens.push(token);
    }

    /// Ends a sentence: no key spans two.
    pub fn end_sentence(&mut self) {
        if !self.text.ends_with('\n') && !self.text.is_empty() {
            self.text.push_str(" \n");
        }
    }
}

impl Gazetteer {
    pub fn new(data: &GazetteerData) -> Gazetteer {
        // Keys are found by their words joined (`united nations mission south sudan`): one
        // string a name, and a key's vector of words made only when the key is new. (A map
        // keyed by the vectors cost twice as long, and the gazetteer is made before the
        // first frame.)
        let names: usize = data
            .entries
            .iter()
            .map(|entry| 2 + entry.other_names.len() + entry.places.len())
            .sum();
        let mut keys: Vec<Key> = Vec::with_capacity(names);
        let mut by_text: FxHashMap<String, usize> =
            FxHashMap::with_capacity_and_hasher(names, rustc_hash::FxBuildHasher);
        let add = |keys: &mut Vec<Key>,
                   by_text: &mut FxHashMap<String, usize>,
                   text: String,
                   mission: usize,
                   by: By|
         -> Option<usize> {
            if text.is_empty() {
                return None;
            }
            let index = *by_text.entry(text).or_insert_with_key(|text| {
                keys.push(Key {
                    words: text.split(' ').map(str::to_owned).collect(),
                    names: Vec::new(),
                    acronyms: Vec::new(),
                    places: Vec::new(),
                    place: keys.len(),
                });
                keys.len() - 1
            });
            let key = &mut keys[index];
            let lists: &mut [&mut Vec<usize>] = match by {
                By::Acronym => &mut [&mut key.names, &mut key.acronyms],
                By::Name => &mut [&mut key.names],
                By::Place => &mut [&mut key.places],
            };
            for list in lists {
                if !list.contains(&mission) {
                    list.push(mission);
                }
            }
            Some(index)
        };
        for (mission, entry) in data.entries.iter().enumerate() {
            let (k, t) = (&mut keys, &mut by_text);
            add(k, t, normalised(entry.acronym), mission, By::Acronym);
            for name in std::iter::once(&entry.name).chain(&entry.other_names) {
                add(k, t, normalised(name), mission, By::Name);
            }
            for place in &entry.places {
                add(k, t, normalised(place), mission, By::Place);
            }
        }
        // Other names of a place: places of the same missions, one place with the English.
        let mut joined: Vec<(usize, usize)> = Vec::new();
        for (mission, entry) in data.entries.iter().enumerate() {
            for place in &entry.places {
                let Some((_, others)) = data.place_names.iter().find(|(name, _)| name == place)
                else {
                    continue;
                };
                let Some(&english) = by_text.get(&normalised(place)) else {
                    continue;
                };
                for other in others {
                    let text = normalised(other);
                    if let Some(key) = add(&mut keys, &mut by_text, text, mission, By::Place) {
                        joined.push((key, english));
                    }
                }
            }
        }
        for (key, english) in joined {
            if key != english {
                keys[key].place = keys[english].place;
            }
        }
        let longest = keys.iter().map(|k| k.words.len()).max().unwrap_or(0);
        let first_words = keys
            .iter()
            .filter_map(|key| key.words.first().cloned())
            .collect();
        Gazetteer {
            keys,
            by_text,
            first_words,
            longest,
            automaton: OnceLock::new(),
            mention_anchors: OnceLock::new(),
            key_anchors: OnceLock::new(),
        }
    }

    /// The automaton of every key as ` word word `, built on first use.
    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            let patterns: Vec<String> = self
                .keys
                .iter()
                .map(|key| format!(" {} ", key.words.join(" ")))
                .collect();
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .or_else(|_| AhoCorasick::new(&patterns))
                .unwrap_or_else(|error| panic!("the gazetteer's keys make an automaton: {error}"))
        })
    }

    /// The anchors of the keys `keep` keeps.
    fn anchors(&self, keep: fn(&Key) -> bool) -> Anchors {
        let distinctive: rustc_hash::FxHashSet<&str> = self
            .keys
            .iter()
            .filter(|key| !key.places.is_empty() || key.words.len() == 1)
            .flat_map(|key| key.words.iter().map(String::as_str))
            .collect();
        Anchors::new(self.keys.iter().filter(|key| keep(key)), &distinctive)
    }

    /// The sentences of `paragraph` (byte ranges, as [`text::sentences`] cuts them) that may
    /// name a mission by acronym or name; the others cannot. A cheap pass over the raw text,
    /// to skip folding and matching the rest.
    pub fn mention_sentences(&self, paragraph: &str) -> Vec<std::ops::Range<usize>> {
        self.mention_anchors
            .get_or_init(|| self.anchors(Key::is_mention))
            .sentences(paragraph)
    }

    /// For each of `sentences` (byte ranges of `paragraph`, in order, as [`text::sentences`]
    /// cuts them), whether it may hold any key (acronym, name or place); the others cannot.
    pub fn may_hold_keys(
        &self,
        paragraph: &str,
        sentences: &[std::ops::Range<usize>],
    ) -> Vec<bool> {
        let anchors = self.key_anchors.get_or_init(|| self.anchors(|_| true));
        let starts = anchors.starts(paragraph);
        Anchors::marks(paragraph, &starts, has_other_letters(paragraph), sentences)
    }

    pub fn key(&self, index: usize) -> Option<&Key> {
        self.keys.get(index)
    }

    /// True when keys `a` and `b` name the same place (or are the same key): `soudan du sud`
    /// and `south sudan`.
    pub fn same_place(&self, a: usize, b: usize) -> bool {
        a == b
            || self
                .keys
                .get(a)
                .zip(self.keys.get(b))
                .is_some_and(|(a, b)| a.place == b.place)
    }

    /// The key whose normalised words are exactly `words`.
    pub fn lookup(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() || words.len() > self.longest {
            return None;
        }
        self.by_text.get(&words.join(" ")).copied()
    }

    /// Every key occurrence in a stream of words, nested ones included, in the stream's word
    /// numbers (tokens), ordered by start, then longest first, then by key.
    pub fn find(&self, stream: &WordStream) -> Vec<KeyHit> {
        let mut hits = if stream.text.len() < LOOKUP_BELOW {
            self.look_up(stream)
        } else {
            self.run_automaton(stream)
        };
        hits.sort_unstable_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.key.cmp(&b.key))
        });
        hits
    }

    /// The key hits of a short stream, found by looking up every run of words of one sentence
    /// that starts with a key's first word: the same hits as the automaton's.
    fn look_up(&self, stream: &WordStream) -> Vec<KeyHit> {
        let text = stream.text.as_str();
        let start = |k: usize| stream.starts[k] as usize + 1;
        // A word ends at the space before the next one, or at its sentence's ` \n`.
        let ends: Vec<usize> = (0..stream.starts.len())
            .map(|k| {
                let from = start(k);
                from + text[from..].find([' ', '\n']).unwrap_or(text.len() - from)
            })
            .collect();
        let mut hits = Vec::new();
        for first in 0..ends.len() {
            if !self.first_words.contains(&text[start(first)..ends[first]]) {
                continue;
            }
            for last in first..ends.len().min(first + self.longest) {
                // A key never spans two sentences (no key holds the line break: stop at it),
                // and is followed by a space (the automaton's pattern ends with one).
                if last > first && text[ends[last - 1]..start(last)].contains('\n')
                    || text.as_bytes().get(ends[last]) != Some(&b' ')
                {
                    break;
                }
                let Some(&key) = self.by_text.get(&text[start(first)..ends[last]]) else {
                    continue;
                };
                hits.push(KeyHit {
                    key,
                    start: stream.tokens[first] as usize,
                    end: stream.tokens[last] as usize + 1,
                });
            }
        }
        hits
    }

    /// The key hits of a stream, found by the automaton.
    fn run_automaton(&self, stream: &WordStream) -> Vec<KeyHit> {
        let mut hits: Vec<KeyHit> = Vec::new();
        for found in self.automaton().find_overlapping_iter(&stream.text) {
            let key = found.pattern().as_usize();
            let Ok(start) = u32::try_from(found.start()) else {
                continue;
            };
            let Ok(first) = stream.starts.binary_search(&start) else {
                continue;
            };
            let last = first + self.keys[key].words.len() - 1;
            let (Some(&from), Some(&to)) = (stream.tokens.get(first), stream.tokens.get(last))
            else {
                continue;
            };
            hits.push(KeyHit {
                key,
                start: from as usize,
                end: to as usize + 1,
            });
        }
        hits
    }

    /// The key hits of `text`, in its word numbers (as [`text::sentence_words`] counts them),
    /// with the byte range of every word.
    fn find_in_text(&self, text: &str) -> (Vec<KeyHit>, Vec<std::ops::Range<usize>>) {
        let mut stream = WordStream::with_capacity(text.len() + text.len() / 8);
        let mut ranges = Vec::new();
        for (_, words) in text::sentence_words(text) {
            for word in words {
                stream.push_word(ranges.len(), &text[word.clone()]);
                ranges.push(word);
            }
            stream.end_sentence();
        }
        (self.find(&stream), ranges)
    }

    /// True when hit `i` of `hits` (ordered as [`Gazetteer::find`] orders them) lies inside a
    /// longer hit whose key names none of `missions`: a place inside a longer name does not
    /// count ("Sudan" in "South Sudan" names neither mission in the Sudan; "Mali" in "European
    /// Union Training Mission in Mali" is not MINUSMA's place). The one rule for it, used by
    /// the reader's header, the search and the mission lists.
    pub fn shadowed(&self, hits: &[KeyHit], i: usize, missions: &[usize]) -> bool {
        let Some(hit) = hits.get(i) else {
            return false;
        };
        hits[..i]
            .iter()
            .rev()
            .take_while(|other| other.start + MAX_KEY_SPAN > hit.start)
            .any(|other| {
                other.start <= hit.start
                    && other.end >= hit.end
                    && other.end - other.start > hit.end - hit.start
                    && self
                        .keys
                        .get(other.key)
                        .is_some_and(|k| k.missions().all(|m| !missions.contains(&m)))
            })
    }

    /// Every mission `text` names, once each, with the strongest way it names it (acronym,
    /// then name, then place), sorted by gazetteer number. A place inside a longer key that
    /// does not name the mission does not count (see [`Gazetteer::shadowed`]).
    pub fn named_in(&self, text: &str) -> Vec<(usize, By)> {
        self.ways(&self.find_in_text(text).0)
    }

    /// The missions a run of key hits names (as [`Gazetteer::named_in`] says), the hits
    /// ordered by start, longest first, as [`Gazetteer::find`] returns them.
    pub fn ways(&self, hits: &[KeyHit]) -> Vec<(usize, By)> {
        let mut best: Vec<(usize, By)> = Vec::new();
        for (i, hit) in hits.iter().enumerate() {
            let Some(key) = self.keys.get(hit.key) else {
                continue;
            };
            for mission in key.missions() {
                let Some(by) = key.names_by(mission) else {
                    continue;
                };
                if by == By::Place && self.shadowed(hits, i, &[mission]) {
                    continue;
                }
                match best.iter_mut().find(|(m, _)| *m == mission) {
                    Some((_, known)) => *known = (*known).min(by),
                    None => best.push((mission, by)),
                }
            }
        }
        best.sort_unstable();
        best
    }

    /// The missions (gazetteer numbers, sorted) that `text` mentions by acronym or name.
    pub fn mentioned_in(&self, text: &str) -> Vec<usize> {
        let mut missions: Vec<usize> = self
            .find_in_text(text)
            .0
            .iter()
            .flat_map(|hit| self.keys[hit.key].names.iter().copied())
            .collect();
        missions.sort_unstable();
        missions.dedup();
        missions
    }
}

/// Checks a dataset's `missions` against what its responses name, since the browser lists the
/// former and the search finds the latter: an empty list (the field is optional when reading)
/// is filled in; a list that disagrees is an error naming the first difference. The embedded
/// dataset is checked by the test suite, not here at every start.
pub fn reconcile(dataset: &mut Dataset) -> Result<(), DataError> {
    let named = index(dataset);
    reconcile_with(dataset, named)
}

/// [`reconcile`] with the missions the responses name already found (by the search index,
/// which finds every key as it is built: one pass over the text for both).
pub fn reconcile_with(dataset: &mut Dataset, named: Vec<Mission>) -> Result<(), DataError> {
    if dataset.missions.is_empty() {
        dataset.missions = named;
        return Ok(());
    }
    let invalid = |path: String, problem: String| DataError::Invalid { path, problem };
    for (i, (given, derived)) in dataset.missions.iter().zip(&named).enumerate() {
        if given.acronym != derived.acronym {
            return Err(invalid(
                format!("missions[{i}].acronym"),
                format!(
                    "{} where the responses name {} (missions are derived from the text; drop the field to have them derived)",
                    given.acronym, derived.acronym
                ),
            ));
        }
        if given != derived {
            return Err(invalid(
                format!("missions[{i}]"),
                format!(
                    "{} does not match the responses, which name it in paras {:?} (drop the field to have it derived)",
                    given.acronym, derived.paras
                ),
            ));
        }
    }
    if dataset.missions.len() != named.len() {
        return Err(invalid(
            "missions".into(),
            format!(
                "{} missions listed where the responses name {} (drop the field to have them derived)",
                dataset.missions.len(),
                named.len()
            ),
        ));
    }
    Ok(())
}

/// The missions the responses mention by acronym or name, in gazetteer order, each with the
/// sorted paragraph numbers of the responses that mention it: one pass of the automaton over
/// each response. A large dataset is read in parts, one a thread ([`crate::parts`]).
pub fn index(dataset: &Dataset) -> Vec<Mission> {
    let recommendations: Vec<_> = dataset.recommendations().collect();
    let threads = crate::parts::threads_for(crate::parts::text_size(&recommendations));
    index_in(&recommendations, threads)
}

/// [`index`] of `recommendations` read in `threads` parts, one a thread.
fn index_in(recommendations: &[(Location, &Recommendation)], threads: usize) -> Vec<Mission> {
    let mut paras: Vec<Vec<u32>> = vec![Vec::new(); entries().len()];
    for part in crate::parts::read_in_parts(recommendations, threads, paras_named_in) {
        for (all, found) in paras.iter_mut().zip(part) {
            all.extend(found);
        }
    }
    missions_of(paras)
}

/// For each gazetteer mission, the paragraph numbers of `recommendations` that name it.
fn paras_named_in(recommendations: &[(Location, &Recommendation)]) -> Vec<Vec<u32>> {
    let gazetteer = gazetteer();
    let mut paras: Vec<Vec<u32>> = vec![Vec::new(); entries().len()];
    let mut stream = WordStream::default();
    for (_, recommendation) in recommendations {
        stream.clear();
        let mut token = 0;
        for paragraph in &recommendation.paragraphs {
            for sentence in gazetteer.mention_sentences(paragraph) {
                let sentence = &paragraph[sentence];
                for word in text::words(sentence) {
                    stream.push_word(token, &sentence[word]);
                    token += 1;
                }
                stream.end_sentence();
            }
        }
        for hit in gazetteer.find(&stream) {
            for &mission in &gazetteer.keys[hit.key].names {
                if paras[mission].last() != Some(&recommendation.para) {
                    paras[mission].push(recommendation.para);
                }
            }
        }
    }
    paras
}

/// The missions named in the paragraphs `paras[m]` lists for each gazetteer mission `m`, in
/// gazetteer order, each with its paragraph numbers sorted; missions named nowhere left out.
pub fn missions_of(paras: Vec<Vec<u32>>) -> Vec<Mission> {
    entries()
        .iter()
        .zip(paras)
        .filter(|(_, paras)| !paras.is_empty())
        .map(|(entry, mut paras)| {
            paras.sort_unstable();
            paras.dedup();
            Mission {
                acronym: entry.acronym.into(),
                name: entry.name.into(),
                location: entry.location.into(),
                paras,
            }
        })
        .collect()
}

/// The byte ranges of `text` that name the gazetteer mission `acronym` by acronym or official
/// name (never by place), in order and not overlapping: what the browser highlights after a
/// mission pick. Empty for a mission the gazetteer does not know.
pub fn mention_ranges(text: &str, acronym: &str) -> Vec<std::ops::Range<usize>> {
    let Some(mission) = position(acronym) else {
        return Vec::new();
    };
    let gazetteer = gazetteer();
    let (hits, words) = gazetteer.find_in_text(text);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for hit in hits {
        if !gazetteer.keys[hit.key].names.contains(&mission) {
            continue;
        }
        let range = words[hit.start].start..words[hit.end - 1].end;
        if ranges.last().is_none_or(|last| last.end <= range.start) {
            ranges.push(range);
        }
    }
    ranges
}

/// The byte ranges of `text` that name the place of the gazetteer mission `acronym` (in any
/// language) where the place is not part of a longer name of another mission: what the
/// browser highlights in a mission's place-only responses.
pub fn place_ranges(text: &str, acronym: &str) -> Vec<std::ops::Range<usize>> {
    let Some(mission) = position(acronym) else {
        return Vec::new();
    };
    let gazetteer = gazetteer();
    let (hits, words) = gazetteer.find_in_text(text);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        if !gazetteer.keys[hit.key].places.contains(&mission)
            || gazetteer.shadowed(&hits, i, &[mission])
        {
            continue;
        }
        let range = words[hit.start].start..words[hit.end - 1].end;
        if ranges.last().is_none_or(|last| last.end <= range.start) {
            ranges.push(range);
        }
    }
    ranges
}

#[cfg(test)]
mod tests;
