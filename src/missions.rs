//! The mission gazetteer: every United Nations peacekeeping operation, special political
//! mission or office the report names, and the current ones it does not, each with its
//! acronym, official name, place, and the names of places a reader may search it by.
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
//! source do not matter; a place inside a longer one ("Sudan" in "South Sudan") is a hit of
//! both keys, and the search engine decides which one the reader meant.

use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::dataset::{DataError, Dataset, Mission};
use crate::text;

/// What sort of presence a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PeacekeepingOperation,
    SpecialPoliticalMission,
    /// An office that is neither (for example the Office to the African Union).
    Office,
    /// An operation of a regional organisation or a Member State that works alongside the
    /// United Nations (AMISOM, Operation Barkhane); its acronym field holds a short name when
    /// it has no acronym.
    Partner,
}

/// How a text names a mission, strongest first: by acronym, by official name, by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Acronym,
    Name,
    Place,
}

/// One mission of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub acronym: &'static str,
    pub name: &'static str,
    /// The country or territory, as `c34 missions` prints it.
    pub location: &'static str,
    pub kind: Kind,
    /// Other full names that count as a mention.
    pub other_names: &'static [&'static str],
    /// Places that name the mission in a query (never a mention by themselves).
    pub places: &'static [&'static str],
    /// Whether the mission was still operating when the report was issued (November 2021).
    pub current: bool,
}

impl Entry {
    /// A partner's operation rather than the United Nations' own.
    pub fn is_partner(&self) -> bool {
        self.kind == Kind::Partner
    }
}

use Kind::{Office, Partner, PeacekeepingOperation, SpecialPoliticalMission};

/// The gazetteer, in the order `c34 missions` lists it: peacekeeping operations, then special
/// political missions and offices, then partner operations, each alphabetical by acronym.
pub const GAZETTEER: &[Entry] = &[
    Entry {
        acronym: "MINURSO",
        name: "United Nations Mission for the Referendum in Western Sahara",
        location: "Western Sahara",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Western Sahara", "Laayoune"],
        current: true,
    },
    Entry {
        acronym: "MINUSCA",
        name: "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
        location: "Central African Republic",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Central African Republic", "Bangui"],
        current: true,
    },
    Entry {
        acronym: "MINUSMA",
        name: "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        location: "Mali",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Mali", "Bamako"],
        current: true,
    },
    Entry {
        acronym: "MONUSCO",
        name: "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
        location: "Democratic Republic of the Congo",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &[
            "Democratic Republic of the Congo",
            "DR Congo",
            "DRC",
            "Congo",
            "Kinshasa",
            "Goma",
        ],
        current: true,
    },
    Entry {
        acronym: "UNAMID",
        name: "African Union-United Nations Hybrid Operation in Darfur",
        location: "Darfur, Sudan",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Darfur", "Sudan"],
        current: false,
    },
    Entry {
        acronym: "UNDOF",
        name: "United Nations Disengagement Observer Force",
        location: "Golan",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Golan", "Golan Heights"],
        current: true,
    },
    Entry {
        acronym: "UNFICYP",
        name: "United Nations Peacekeeping Force in Cyprus",
        location: "Cyprus",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Cyprus", "Nicosia"],
        current: true,
    },
    Entry {
        acronym: "UNIFIL",
        name: "United Nations Interim Force in Lebanon",
        location: "Lebanon",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Lebanon"],
        current: true,
    },
    Entry {
        acronym: "UNISFA",
        name: "United Nations Interim Security Force for Abyei",
        location: "Abyei",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Abyei"],
        current: true,
    },
    Entry {
        acronym: "UNMIK",
        name: "United Nations Interim Administration Mission in Kosovo",
        location: "Kosovo",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Kosovo", "Pristina"],
        current: true,
    },
    Entry {
        acronym: "UNMISS",
        name: "United Nations Mission in South Sudan",
        location: "South Sudan",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["South Sudan", "Juba"],
        current: true,
    },
    Entry {
        acronym: "UNMOGIP",
        name: "United Nations Military Observer Group in India and Pakistan",
        location: "India and Pakistan",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &[
            "India and Pakistan",
            "India",
            "Pakistan",
            "Kashmir",
            "Jammu and Kashmir",
        ],
        current: true,
    },
    Entry {
        acronym: "UNTSO",
        name: "United Nations Truce Supervision Organization",
        location: "Middle East",
        kind: PeacekeepingOperation,
        other_names: &[],
        places: &["Middle East", "Jerusalem"],
        current: true,
    },
    Entry {
        acronym: "BINUH",
        name: "United Nations Integrated Office in Haiti",
        location: "Haiti",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Haiti", "Port-au-Prince"],
        current: true,
    },
    Entry {
        acronym: "OSESG-GL",
        name: "Office of the Special Envoy of the Secretary-General for the Great Lakes Region",
        location: "Great Lakes region",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Great Lakes", "Great Lakes region"],
        current: true,
    },
    Entry {
        acronym: "UNAMA",
        name: "United Nations Assistance Mission in Afghanistan",
        location: "Afghanistan",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Afghanistan", "Kabul"],
        current: true,
    },
    Entry {
        acronym: "UNAMI",
        name: "United Nations Assistance Mission for Iraq",
        location: "Iraq",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Iraq", "Baghdad"],
        current: true,
    },
    Entry {
        acronym: "UNITAMS",
        name: "United Nations Integrated Transition Assistance Mission in the Sudan",
        location: "Sudan",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Sudan", "Khartoum"],
        current: true,
    },
    Entry {
        acronym: "UNMHA",
        name: "United Nations Mission to support the Hudaydah Agreement",
        location: "Hudaydah, Yemen",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Hudaydah", "Hodeidah", "Yemen"],
        current: true,
    },
    Entry {
        acronym: "UNOAU",
        name: "United Nations Office to the African Union",
        location: "Addis Ababa, Ethiopia",
        kind: Office,
        other_names: &[],
        places: &["Addis Ababa", "Ethiopia"],
        current: true,
    },
    Entry {
        acronym: "UNOCA",
        name: "United Nations Regional Office for Central Africa",
        location: "Central Africa",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Central Africa", "Libreville", "Gabon"],
        current: true,
    },
    Entry {
        acronym: "UNOWAS",
        name: "United Nations Office for West Africa and the Sahel",
        location: "West Africa and the Sahel",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["West Africa", "Sahel", "Dakar"],
        current: true,
    },
    Entry {
        acronym: "UNRCCA",
        name: "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
        location: "Central Asia",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Central Asia", "Ashgabat"],
        current: true,
    },
    Entry {
        acronym: "UNSCO",
        name: "Office of the United Nations Special Coordinator for the Middle East Peace Process",
        location: "Middle East",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Middle East"],
        current: true,
    },
    Entry {
        acronym: "UNSCOL",
        name: "Office of the United Nations Special Coordinator for Lebanon",
        location: "Lebanon",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Lebanon"],
        current: true,
    },
    Entry {
        acronym: "UNSMIL",
        name: "United Nations Support Mission in Libya",
        location: "Libya",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Libya", "Tripoli"],
        current: true,
    },
    Entry {
        acronym: "UNSOM",
        name: "United Nations Assistance Mission in Somalia",
        location: "Somalia",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Somalia", "Mogadishu"],
        current: true,
    },
    Entry {
        acronym: "UNSOS",
        name: "United Nations Support Office in Somalia",
        location: "Somalia",
        kind: Office,
        other_names: &[],
        places: &["Somalia", "Mogadishu"],
        current: true,
    },
    Entry {
        acronym: "UNVMC",
        name: "United Nations Verification Mission in Colombia",
        location: "Colombia",
        kind: SpecialPoliticalMission,
        other_names: &[],
        places: &["Colombia", "Bogota"],
        current: true,
    },
    Entry {
        acronym: "AMISOM",
        name: "African Union Mission in Somalia",
        location: "Somalia",
        kind: Partner,
        other_names: &[],
        places: &["Somalia", "Mogadishu"],
        current: true,
    },
    Entry {
        acronym: "Barkhane",
        name: "Operation Barkhane",
        location: "Sahel",
        kind: Partner,
        other_names: &[],
        places: &["Sahel"],
        current: true,
    },
    Entry {
        // "EUTM" alone: an acronym without spaces keeps `c34 missions` columns splittable.
        acronym: "EUTM",
        name: "European Union Training Mission in Mali",
        location: "Mali",
        kind: Partner,
        other_names: &["EUTM Mali"],
        places: &["Mali", "Koulikoro"],
        current: true,
    },
    Entry {
        acronym: "FC-G5S",
        name: "Joint Force of the Group of Five for the Sahel",
        location: "Sahel",
        kind: Partner,
        // MINUSMA supports the Joint Force; the report also calls it by its group's name.
        other_names: &["G5 Sahel Joint Force", "Group of Five for the Sahel"],
        places: &["Sahel"],
        current: true,
    },
];

/// The gazetteer entry with this acronym (case-insensitive), for its places and kind.
pub fn entry(acronym: &str) -> Option<&'static Entry> {
    GAZETTEER
        .iter()
        .find(|entry| entry.acronym.eq_ignore_ascii_case(acronym))
}

/// A normalised key: an acronym, a name or a place, as folded words without small words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub words: Vec<String>,
    /// Missions (indexes into [`GAZETTEER`]) this key names by acronym or name: a mention.
    pub names: Vec<usize>,
    /// Those of `names` it names by acronym.
    pub acronyms: Vec<usize>,
    /// Missions this key names by place.
    pub places: Vec<usize>,
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

/// The gazetteer's keys, ready for matching.
#[derive(Debug)]
pub struct Gazetteer {
    keys: Vec<Key>,
    by_words: text::WordMap<Vec<String>, usize>,
    /// Keys by their first word, for scanning text.
    by_first: text::WordMap<String, Vec<usize>>,
    longest: usize,
}

/// The gazetteer built from [`GAZETTEER`], once.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER_KEYS: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::new(GAZETTEER));
    &GAZETTEER_KEYS
}

/// Folded words of `text` without small words: the form keys are compared in.
pub fn normalise(text: &str) -> Vec<String> {
    text::words(text)
        .map(|range| text::fold(&text[range]))
        .filter(|word| !text::is_stopword(word))
        .collect()
}

impl Gazetteer {
    pub fn new(entries: &[Entry]) -> Gazetteer {
        let mut gazetteer = Gazetteer {
            keys: Vec::new(),
            by_words: text::WordMap::default(),
            by_first: text::WordMap::default(),
            longest: 0,
        };
        for (mission, entry) in entries.iter().enumerate() {
            gazetteer.add(normalise(entry.acronym), mission, By::Acronym);
            let names = std::iter::once(entry.name).chain(entry.other_names.iter().copied());
            for name in names {
                gazetteer.add(normalise(name), mission, By::Name);
            }
            for place in entry.places {
                gazetteer.add(normalise(place), mission, By::Place);
            }
        }
        gazetteer
    }

    fn add(&mut self, words: Vec<String>, mission: usize, by: By) {
        if words.is_empty() {
            return;
        }
        let index = if let Some(&index) = self.by_words.get(&words) {
            index
        } else {
            let index = self.keys.len();
            self.longest = self.longest.max(words.len());
            self.by_first
                .entry(words[0].clone())
                .or_default()
                .push(index);
            self.by_words.insert(words.clone(), index);
            self.keys.push(Key {
                words,
                names: Vec::new(),
                acronyms: Vec::new(),
                places: Vec::new(),
            });
            index
        };
        let key = &mut self.keys[index];
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
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn key(&self, index: usize) -> Option<&Key> {
        self.keys.get(index)
    }

    /// The key whose normalised words are exactly `words`.
    pub fn lookup(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() || words.len() > self.longest {
            return None;
        }
        self.by_words.get(words).copied()
    }

    /// The most words a key has.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Every key occurrence in a run of folded words (one sentence), nested ones included,
    /// ordered by start then by length, longest first. Small words are skipped inside a key
    /// but never start or end one.
    pub fn find<S: AsRef<str>>(&self, folded: &[S]) -> Vec<KeyHit> {
        let mut hits = Vec::new();
        for (start, word) in folded.iter().enumerate() {
            self.find_at(folded, start, self.keys_starting(word.as_ref()), &mut hits);
        }
        hits
    }

    /// The keys whose first word is `folded` (a folded word), for [`Gazetteer::find_at`].
    pub fn keys_starting(&self, folded: &str) -> &[usize] {
        self.by_first.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Adds the hits of `keys` (from [`Gazetteer::keys_starting`] for `folded[start]`) that
    /// start at `start`, longest first.
    pub fn find_at<S: AsRef<str>>(
        &self,
        folded: &[S],
        start: usize,
        keys: &[usize],
        hits: &mut Vec<KeyHit>,
    ) {
        let before = hits.len();
        for &key in keys {
            if let Some(end) = match_at(&self.keys[key].words, folded, start) {
                hits.push(KeyHit { key, start, end });
            }
        }
        hits[before..].sort_by(|a, b| b.end.cmp(&a.end).then(a.key.cmp(&b.key)));
    }

    /// Every mission `text` names, once each, with the strongest way it names it (acronym,
    /// then name, then place), sorted by gazetteer index. A place inside a longer key that
    /// does not name the mission does not count ("Sudan" in "South Sudan" names neither
    /// UNAMID nor UNITAMS; "Mali" in "European Union Training Mission in Mali" is not MINUSMA).
    pub fn named_in(&self, text: &str) -> Vec<(usize, By)> {
        let mut hits = Vec::new();
        let mut offset = 0;
        for sentence in text::sentences(text) {
            let sentence = &text[sentence];
            let folded: Vec<String> = text::words(sentence)
                .map(|range| text::fold(&sentence[range]))
                .collect();
            hits.extend(self.find(&folded).into_iter().map(|hit| KeyHit {
                key: hit.key,
                start: hit.start + offset,
                end: hit.end + offset,
            }));
            offset += folded.len();
        }
        self.ways(&hits)
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
                if by == By::Place && self.place_shadowed(hits, i, mission) {
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

    /// True when hit `i` lies inside a longer hit of a key that does not name `mission`.
    fn place_shadowed(&self, hits: &[KeyHit], i: usize, mission: usize) -> bool {
        let hit = hits[i];
        hits.iter().any(|other| {
            other.start <= hit.start
                && other.end >= hit.end
                && other.end - other.start > hit.end - hit.start
                && self
                    .keys
                    .get(other.key)
                    .is_some_and(|k| k.names_by(mission).is_none())
        })
    }

    /// The missions (gazetteer indexes, sorted) that `text` mentions by acronym or name.
    pub fn mentioned_in(&self, text: &str) -> Vec<usize> {
        let mut missions = Vec::new();
        for sentence in text::sentences(text) {
            let sentence = &text[sentence];
            let folded: Vec<String> = text::words(sentence)
                .map(|range| text::fold(&sentence[range]))
                .collect();
            for hit in self.find(&folded) {
                missions.extend(self.keys[hit.key].names.iter().copied());
            }
        }
        missions.sort_unstable();
        missions.dedup();
        missions
    }
}

/// Where `words` ends if it matches `folded` from `start` (skipping small words between).
fn match_at<S: AsRef<str>>(words: &[String], folded: &[S], start: usize) -> Option<usize> {
    let mut position = start;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            while folded
                .get(position)
                .is_some_and(|w| text::is_stopword(w.as_ref()))
            {
                position += 1;
            }
        }
        if folded.get(position)?.as_ref() != word {
            return None;
        }
        position += 1;
    }
    Some(position)
}

/// Checks a dataset's `missions` against what its responses name, since the browser lists the
/// former and the search finds the latter: an empty list (the field is optional when reading)
/// is filled in; a list that disagrees is an error naming the first difference.
pub fn reconcile(dataset: &mut Dataset) -> Result<(), DataError> {
    let named = index(dataset);
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
/// sorted paragraph numbers of the responses that mention it.
pub fn index(dataset: &Dataset) -> Vec<Mission> {
    let gazetteer = gazetteer();
    let mut paras: Vec<Vec<u32>> = vec![Vec::new(); GAZETTEER.len()];
    for (_, recommendation) in dataset.recommendations() {
        for paragraph in &recommendation.paragraphs {
            for mission in gazetteer.mentioned_in(paragraph) {
                paras[mission].push(recommendation.para);
            }
        }
    }
    GAZETTEER
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

/// A mission the picker's query matches (see [`match_missions`]), with the characters that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionMatch {
    /// Index into `dataset.missions`.
    pub mission: usize,
    /// Matched character indices in the acronym, the name and the location (sorted).
    pub acronym: Vec<usize>,
    pub name: Vec<usize>,
    pub location: Vec<usize>,
}

/// A picker word of 3+ characters must score at least this share of its score against itself:
/// on the report's missions, runs and initials (`south`, `drc`, `mnsc`) score 60–100 %, letters
/// scattered over a long name (`sudan` in "…Mission in Mali") under 58 %.
pub const PICKER_THRESHOLD_PERCENT: i64 = 60;

/// The missions matching a picker query, best first, ties in dataset order: every word of the
/// query must fuzzy-match (`SkimMatcherV2`, smart case) the acronym, the name or the place.
/// An empty query matches every mission.
pub fn match_missions(missions: &[Mission], query: &str) -> Vec<MissionMatch> {
    let skim = SkimMatcherV2::default().smart_case();
    let words: Vec<&str> = query.split_whitespace().collect();
    // What each word must score; one or two characters may match anywhere.
    let thresholds: Vec<i64> = words
        .iter()
        .map(|word| {
            if word.chars().count() < 3 {
                i64::MIN
            } else {
                let own = skim.fuzzy_match(word, word).unwrap_or(0);
                own * PICKER_THRESHOLD_PERCENT / 100
            }
        })
        .collect();
    let mut matches: Vec<(i64, MissionMatch)> = Vec::new();
    'missions: for (index, mission) in missions.iter().enumerate() {
        let fields = [&mission.acronym, &mission.name, &mission.location];
        let mut marks: [Vec<usize>; 3] = Default::default();
        let mut score = 0;
        for (word, &threshold) in words.iter().zip(&thresholds) {
            // The field where the word matches best (the first of equals).
            let mut best: Option<(i64, usize, Vec<usize>)> = None;
            for (field, text) in fields.iter().enumerate() {
                if let Some((s, indices)) = skim.fuzzy_indices(text, word)
                    && s >= threshold
                    && best.as_ref().is_none_or(|(b, _, _)| s > *b)
                {
                    best = Some((s, field, indices));
                }
            }
            let Some((s, field, indices)) = best else {
                continue 'missions;
            };
            score += s;
            marks[field].extend(indices);
        }
        for field in &mut marks {
            field.sort_unstable();
            field.dedup();
        }
        let [acronym, name, location] = marks;
        matches.push((
            score,
            MissionMatch {
                mission: index,
                acronym,
                name,
                location,
            },
        ));
    }
    // A stable sort keeps equal scores in dataset order.
    matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    matches.into_iter().map(|(_, m)| m).collect()
}

/// The byte ranges of `text` that name the gazetteer mission `acronym` by acronym or official
/// name (never by place), in order and not overlapping: what the browser highlights after a
/// mission pick. Empty for a mission the gazetteer does not know.
pub fn mention_ranges(text: &str, acronym: &str) -> Vec<std::ops::Range<usize>> {
    let Some(mission) = GAZETTEER
        .iter()
        .position(|entry| entry.acronym.eq_ignore_ascii_case(acronym))
    else {
        return Vec::new();
    };
    let gazetteer = gazetteer();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (_, words) in text::sentence_words(text) {
        let folded: Vec<String> = words
            .iter()
            .map(|word| text::fold(&text[word.clone()]))
            .collect();
        for hit in gazetteer.find(&folded) {
            if !gazetteer.keys[hit.key].names.contains(&mission) {
                continue;
            }
            let range = words[hit.start].start..words[hit.end - 1].end;
            if ranges.last().is_none_or(|last| last.end <= range.start) {
                ranges.push(range);
            }
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acronyms(text: &str) -> Vec<&'static str> {
        gazetteer()
            .mentioned_in(text)
            .into_iter()
            .map(|m| GAZETTEER[m].acronym)
            .collect()
    }

    #[test]
    fn acronyms_count_inside_compounds_and_possessives() {
        assert_eq!(
            acronyms("several MINUSMA-funded civil society projects"),
            ["MINUSMA"]
        );
        assert_eq!(acronyms("MONUSCO's drawdown"), ["MONUSCO"]);
        assert_eq!(acronyms("UNMISS and MINUSCA"), ["MINUSCA", "UNMISS"]);
    }

    #[test]
    fn full_names_count_across_small_words_and_line_breaks() {
        assert_eq!(
            acronyms(
                "rolled out to the United Nations Military Observer Group in India and\nPakistan and the United Nations Truce Supervision Organization by the end"
            ),
            ["UNMOGIP", "UNTSO"]
        );
        assert_eq!(
            acronyms(
                "to the United Nations Integrated Transition Assistance Mission in the Sudan and"
            ),
            ["UNITAMS"]
        );
        assert_eq!(
            acronyms("the African Union-United Nations Hybrid Operation in Darfur (UNAMID)"),
            ["UNAMID"]
        );
    }

    #[test]
    fn places_alone_and_look_alike_names_are_not_mentions() {
        assert!(acronyms("In Mali, the Justice and Corrections Standing Capacity").is_empty());
        assert!(acronyms("In South Sudan, for example").is_empty());
        // Part of a name is not the name.
        assert!(acronyms("the United Nations Mission in South").is_empty());
    }

    #[test]
    fn partner_operations_are_mentions_of_partners_not_of_the_united_nations() {
        // Deliberately changed with the partners' arrival: these were "not mentions" before.
        assert_eq!(
            acronyms("the European Union Training Mission in Mali"),
            ["EUTM"]
        );
        assert_eq!(acronyms("the African Union Mission in Somalia"), ["AMISOM"]);
        assert_eq!(
            acronyms("the Group of Five for the Sahel, Operation Barkhane and"),
            ["Barkhane", "FC-G5S"]
        );
        for acronym in ["AMISOM", "Barkhane", "EUTM", "FC-G5S"] {
            assert!(entry(acronym).unwrap().is_partner(), "{acronym}");
        }
        assert!(!entry("MINUSMA").unwrap().is_partner());
    }

    fn named(text: &str) -> Vec<(&'static str, By)> {
        gazetteer()
            .named_in(text)
            .into_iter()
            .map(|(m, by)| (GAZETTEER[m].acronym, by))
            .collect()
    }

    #[test]
    fn named_in_gives_each_mission_once_by_its_strongest_name() {
        assert_eq!(
            named(
                "In Mali, MINUSMA works. The United Nations Multidimensional Integrated Stabilization Mission in Mali too."
            ),
            // Mali is also the place of a partner, the EU Training Mission.
            [("MINUSMA", By::Acronym), ("EUTM", By::Place)]
        );
        assert_eq!(
            named("the United Nations Mission in South Sudan; and Bamako."),
            [("MINUSMA", By::Place), ("UNMISS", By::Name)]
        );
        // "Sudan" inside "South Sudan" names neither mission in the Sudan.
        assert_eq!(named("In South Sudan."), [("UNMISS", By::Place)]);
        assert_eq!(
            named("In Darfur, Sudan."),
            [("UNAMID", By::Place), ("UNITAMS", By::Place)]
        );
        // Mali inside a partner's name is the partner's, not MINUSMA's place.
        assert_eq!(
            named("the European Union Training Mission in Mali"),
            [("EUTM", By::Name)]
        );
        assert!(named("nothing here").is_empty());
    }

    #[test]
    fn sudan_and_south_sudan_are_different_keys() {
        let g = gazetteer();
        let sudan = g.lookup(&normalise("Sudan")).unwrap();
        let south = g.lookup(&normalise("South Sudan")).unwrap();
        assert_ne!(sudan, south);
        let acr = |k: usize| -> Vec<&str> {
            g.key(k)
                .unwrap()
                .missions()
                .map(|m| GAZETTEER[m].acronym)
                .collect()
        };
        assert_eq!(acr(sudan), ["UNAMID", "UNITAMS"]);
        assert_eq!(acr(south), ["UNMISS"]);
        let words = normalise("the Republic of South Sudan");
        let hits = g.find(&words);
        // "south sudan" (longest first) and the nested "sudan".
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].key, south);
        assert_eq!(hits[1].key, sudan);
    }

    #[test]
    fn entries_are_found_by_acronym_in_any_case() {
        let entry = entry("unficyp").unwrap();
        assert_eq!(entry.location, "Cyprus");
        assert_eq!(entry.kind, Kind::PeacekeepingOperation);
        assert!(super::entry("UNXYZ").is_none());
    }

    #[test]
    fn gazetteer_acronyms_are_unique_and_every_entry_has_a_place() {
        let mut seen = std::collections::HashSet::new();
        for entry in GAZETTEER {
            assert!(seen.insert(entry.acronym), "{} twice", entry.acronym);
            assert!(!entry.places.is_empty(), "{} has no place", entry.acronym);
            assert!(!entry.location.is_empty());
        }
    }
}
