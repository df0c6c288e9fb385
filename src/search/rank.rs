//! Evaluating a query on the index: terms become clauses, clauses become occurrences (token
//! spans with a match quality), occurrences are intersected per recommendation (AND), scored,
//! ranked, and only the hits returned are turned into snippets and highlights.

use crate::missions::{self, Gazetteer, KeyHit};

use super::index::SearchIndex;
use super::matching::{self, APPROXIMATE, Candidate, EXACT, Tiers};
use super::plan::{Clause, Required, missions_of, plan};
use super::query::{Case, Mode, Query};
use super::snippet::Snippet;
use super::{Highlight, Hit, MissionMatch};
use crate::dataset::Location;

/// Added once per mission term that a recommendation matches by naming the mission.
const MISSION_BONUS: u32 = 1000;
/// Added for the whole query in one sentence (less for part of it).
const SENTENCE_BONUS: u32 = 40;
/// Added for every pair of consecutive terms found next to each other, in order (shared).
const ADJACENT_BONUS: u32 = 20;
/// At most this much is added for repeated matches.
const REPEAT_BONUS: u32 = 5;
/// At most this many stopwords may stand between two query words that count as adjacent.
const MAX_STOP_GAP: u32 = 3;

/// A match of a clause: `len` tokens from `token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    token: u32,
    len: u32,
    quality: u32,
    mission: bool,
}

/// A recommendation's running totals while clauses are intersected.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    clauses: u32,
    score: u32,
    occurrences: u32,
}

impl SearchIndex {
    /// Ranked hits, best first, at most `limit`. Called on every keystroke: only the hits
    /// returned get snippets and highlights. Never panics, whatever the query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_counted(query, limit).0
    }

    /// [`SearchIndex::search`], and how many recommendations match in all (the hits beyond
    /// `limit` included), for a "20 of 24" line.
    pub fn search_counted(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let query = Query::parse(query);
        if query.is_empty() || self.is_empty() {
            return (Vec::new(), 0);
        }
        let gazetteer = missions::gazetteer();
        let (required, negative) = plan(self, gazetteer, &query);
        let strict = query.is_strict() || required.len() < 2;
        let mut excluded = vec![false; self.recs.len()];
        for clause in &negative {
            for occurrence in self.occurrences(gazetteer, clause) {
                excluded[self.rec_of(occurrence.token)] = true;
            }
        }
        let mut query_missions = Vec::new();
        for required in &required {
            missions_of(gazetteer, &required.clause, &mut query_missions);
        }
        query_missions.sort_unstable();
        query_missions.dedup();
        let mut clauses: Vec<Vec<Occurrence>> = Vec::with_capacity(required.len());
        let mut tallies = vec![Tally::default(); self.recs.len()];
        for required in &required {
            let occurrences = self.occurrences(gazetteer, &required.clause);
            if strict && occurrences.is_empty() && required.unless.is_empty() {
                // AND: one term without a match leaves nothing to rank.
                return (Vec::new(), 0);
            }
            self.tally(&occurrences, &mut tallies);
            if !required.unless.is_empty() {
                self.pass_unless(gazetteer, required, &occurrences, &mut tallies);
            }
            clauses.push(occurrences);
        }
        let wanted = u32::try_from(clauses.len()).unwrap_or(u32::MAX);
        let full: Vec<bool> = tallies
            .iter()
            .zip(&excluded)
            .map(|(tally, &excluded)| tally.clauses == wanted && !excluded)
            .collect();
        let mut ranked: Vec<(bool, u32, usize)> = if clauses.len() < 2 {
            full.iter()
                .enumerate()
                .filter(|&(_, &c)| c)
                .map(|(rec, _)| {
                    let tally = tallies[rec];
                    (true, tally.score + tally.occurrences.min(REPEAT_BONUS), rec)
                })
                .collect()
        } else {
            self.proximity(&clauses, &full, &tallies)
                .into_iter()
                .map(|(score, rec)| (true, score, rec))
                .collect()
        };
        if !strict {
            // Partial hits: more than half of the words, or, when no response has them all,
            // any of them; ranked by BM25 and the proximity bonuses, after the full hits.
            let need = if ranked.is_empty() { 1 } else { wanted / 2 + 1 };
            let partial: Vec<bool> = tallies
                .iter()
                .zip(&excluded)
                .map(|(tally, &excluded)| {
                    !excluded && tally.clauses >= need && tally.clauses < wanted
                })
                .collect();
            if partial.contains(&true) {
                let relevance = self.bm25(&clauses, &partial);
                let scored: Vec<Tally> = tallies
                    .iter()
                    .zip(&relevance)
                    .map(|(tally, &score)| Tally { score, ..*tally })
                    .collect();
                ranked.extend(
                    self.proximity(&clauses, &partial, &scored)
                        .into_iter()
                        .map(|(score, rec)| (false, score, rec)),
                );
            }
        }
        let total = ranked.len();
        if limit == 0 {
            return (Vec::new(), total);
        }
        let order = |a: &(bool, u32, usize), b: &(bool, u32, usize)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let labels: Vec<&str> = required.iter().map(|r| r.label.as_str()).collect();
        let hits = ranked
            .into_iter()
            .map(|(full, score, rec)| {
                let mut hit = self.hit(rec, score, &clauses, &query_missions);
                self.coverage(&mut hit, rec, full, &clauses, &labels);
                hit
            })
            .collect();
        (hits, total)
    }

    /// Fills in what a hit has of the query: the labels of the clauses it matches and lacks
    /// (a full hit lacks none, even one that satisfies `a | !b` by an absence), and whether a
    /// clause matched only by forgiving a typo.
    fn coverage(
        &self,
        hit: &mut Hit,
        rec: usize,
        full: bool,
        clauses: &[Vec<Occurrence>],
        labels: &[&str],
    ) {
        let tokens = self.rec_tokens(rec);
        for (occurrences, label) in clauses.iter().zip(labels) {
            let from = occurrences.partition_point(|o| o.token < tokens.start);
            let to = occurrences.partition_point(|o| o.token < tokens.end);
            let best = occurrences[from..to].iter().map(|o| o.quality).max();
            match best {
                Some(quality) => {
                    hit.approximate |= quality <= APPROXIMATE;
                    hit.matched.push((*label).to_string());
                }
                None if full => hit.matched.push((*label).to_string()),
                None => hit.missing.push((*label).to_string()),
            }
        }
    }

    /// BM25 (k1 0.6: a response is a paragraph or two, so a repeated word soon says nothing
    /// more; b 0.75) of each recommendation marked in `wanted`, over the clauses'
    /// occurrences (word forms included), each weighted by its match quality; 100 times the
    /// score, rounded. A recommendation not wanted scores 0.
    fn bm25(&self, clauses: &[Vec<Occurrence>], wanted: &[bool]) -> Vec<u32> {
        const K1: f64 = 0.6;
        const B: f64 = 0.75;
        let as_f64 = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
        let n = as_f64(self.recs.len());
        let average = as_f64(self.tokens.len()) / n.max(1.0);
        let mut scores = vec![0.0f64; self.recs.len()];
        for occurrences in clauses {
            // (recommendation, occurrences, best quality) in order.
            let mut per_rec: Vec<(usize, u32, u32)> = Vec::new();
            let mut cursor = Cursor::new(&self.rec_starts);
            for o in occurrences {
                let rec = cursor.find(o.token);
                match per_rec.last_mut() {
                    Some((r, tf, q)) if *r == rec => {
                        *tf += 1;
                        *q = (*q).max(o.quality);
                    }
                    _ => per_rec.push((rec, 1, o.quality)),
                }
            }
            let df = as_f64(per_rec.len());
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (rec, tf, quality) in per_rec {
                if !wanted[rec] {
                    continue;
                }
                let tf = f64::from(tf);
                let tokens = self.rec_tokens(rec);
                let length = f64::from(tokens.end - tokens.start);
                let norm = K1 * (1.0 - B + B * length / average.max(1.0));
                scores[rec] +=
                    idf * f64::from(quality.min(EXACT)) / f64::from(EXACT) * tf * (K1 + 1.0)
                        / (tf + norm);
            }
        }
        scores.into_iter().map(points).collect()
    }

    /// For each quoted phrase of `query` that no response holds, the phrase and how many
    /// responses have all its words (in any order, in any of their forms): "two responses
    /// have both words".
    pub fn phrase_words_counts(&self, query: &str) -> Vec<(String, usize)> {
        let query = Query::parse(query);
        let mut out = Vec::new();
        for term in &query.terms {
            if !term.quoted || term.negated || term.words.len() < 2 {
                continue;
            }
            let phrase = Clause::Phrase {
                words: term.words.clone(),
                last_prefix: term.mode == Mode::Prefix,
                case: term.case,
            };
            let gazetteer = missions::gazetteer();
            if !self.occurrences(gazetteer, &phrase).is_empty() {
                continue;
            }
            let words = Clause::All(
                term.words
                    .iter()
                    .map(|word| Clause::Word {
                        word: word.clone(),
                        tiers: Tiers::Forms,
                        case: term.case,
                    })
                    .collect(),
            );
            let mut recs: Vec<usize> = self
                .occurrences(gazetteer, &words)
                .iter()
                .map(|o| self.rec_of(o.token))
                .collect();
            recs.dedup();
            out.push((term.words.join(" "), recs.len()));
        }
        out
    }

    /// A mission's list as the picker shows it: the responses the dataset lists for it (its
    /// mentions, `false`), then those that name only its place ([`SearchIndex::place_only`],
    /// `true`, to be marked "place only"), each part in report order.
    pub fn mission_list(&self, mission: &crate::dataset::Mission) -> Vec<(Location, bool)> {
        let mentions = mission.paras.iter().filter_map(|&para| {
            let at = self.recs.partition_point(|r| r.para < para);
            self.recs
                .get(at)
                .filter(|r| r.para == para)
                .map(|r| (r.location, false))
        });
        mentions
            .chain(
                self.place_only(&mission.acronym)
                    .into_iter()
                    .map(|location| (location, true)),
            )
            .collect()
    }

    /// The responses that name mission `acronym`'s place (in any language, and not inside a
    /// longer name of another mission) but never mention the mission, in report order: what
    /// a mission's list shows after its mentions, marked "place only", so that picking MINUSMA
    /// lists what a search for `mali` finds.
    pub fn place_only(&self, acronym: &str) -> Vec<Location> {
        let Some(mission) = missions::position(acronym) else {
            return Vec::new();
        };
        let gazetteer = missions::gazetteer();
        let mut out = Vec::new();
        let mut from = 0;
        for rec in 0..self.recs.len() {
            let end = self.rec_tokens(rec).end as usize;
            let to = from + self.key_hits[from..].partition_point(|h| h.start < end);
            let (mut mention, mut place) = (false, false);
            for i in from..to {
                let Some(key) = gazetteer.key(self.key_hits[i].key) else {
                    continue;
                };
                mention |= key.names.contains(&mission);
                place |= key.places.contains(&mission)
                    && !gazetteer.shadowed(&self.key_hits, i, &[mission]);
            }
            if place && !mention {
                out.push(self.recs[rec].location);
            }
            from = to;
        }
        out
    }

    /// Counts `required` for the recommendations without a match of its clause that lack one
    /// of its negated alternatives.
    fn pass_unless(
        &self,
        gazetteer: &Gazetteer,
        required: &Required,
        occurrences: &[Occurrence],
        tallies: &mut [Tally],
    ) {
        let n = self.recs.len();
        let mut matched = vec![false; n];
        for o in occurrences {
            matched[self.rec_of(o.token)] = true;
        }
        let mut lacks_one = vec![false; n];
        for clause in &required.unless {
            let mut has = vec![false; n];
            for o in self.occurrences(gazetteer, clause) {
                has[self.rec_of(o.token)] = true;
            }
            for (lacks, has) in lacks_one.iter_mut().zip(has) {
                *lacks |= !has;
            }
        }
        for rec in 0..n {
            if lacks_one[rec] && !matched[rec] {
                tallies[rec].clauses += 1;
            }
        }
    }

    /// Every occurrence of a clause, ordered by token.
    fn occurrences(&self, gazetteer: &Gazetteer, clause: &Clause) -> Vec<Occurrence> {
        let mut out =
            match clause {
                Clause::Word { word, tiers, case } => {
                    let candidates = matching::candidates(self, word, *tiers, *case);
                    let total = candidates
                        .iter()
                        .map(|c| self.postings(c.entry as usize).len())
                        .sum();
                    let mut out = Vec::with_capacity(total);
                    for c in candidates {
                        out.extend(self.postings(c.entry as usize).iter().map(|&token| {
                            Occurrence {
                                token,
                                len: 1,
                                quality: c.quality,
                                mission: false,
                            }
                        }));
                    }
                    out
                }
                Clause::Phrase {
                    words,
                    last_prefix,
                    case,
                } => self.phrase(words, *last_prefix, *case),
                Clause::Mission { key } => self.mission(gazetteer, *key),
                Clause::All(parts) => self.all(gazetteer, parts),
                Clause::Any(alternatives) => alternatives
                    .iter()
                    .flat_map(|alternative| self.occurrences(gazetteer, alternative))
                    .collect(),
            };
        if !out.is_sorted_by_key(|o| o.token) {
            out.sort_unstable_by_key(|o| o.token);
        }
        out
    }

    /// The occurrences of every part, in the recommendations that have all of them.
    fn all(&self, gazetteer: &Gazetteer, parts: &[Clause]) -> Vec<Occurrence> {
        let lists: Vec<Vec<Occurrence>> = parts
            .iter()
            .map(|part| self.occurrences(gazetteer, part))
            .collect();
        let mut count = vec![0usize; self.recs.len()];
        for list in &lists {
            let mut cursor = Cursor::new(&self.rec_starts);
            let mut last = None;
            for o in list {
                let rec = cursor.find(o.token);
                if last != Some(rec) {
                    count[rec] += 1;
                    last = Some(rec);
                }
            }
        }
        let mut cursor = Cursor::new(&self.rec_starts);
        let mut out: Vec<Occurrence> = lists.into_iter().flatten().collect();
        out.sort_unstable_by_key(|o| o.token);
        out.retain(|o| count[cursor.find(o.token)] == parts.len());
        out
    }

    fn phrase(&self, words: &[String], last_prefix: bool, case: Case) -> Vec<Occurrence> {
        let slots: Vec<Vec<Candidate>> = words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let tiers = if last_prefix && i + 1 == words.len() {
                    Tiers::ExactOrPrefix
                } else {
                    Tiers::Exact
                };
                let mut slot = matching::candidates(self, word, tiers, case);
                slot.sort_unstable_by_key(|c| c.entry);
                slot
            })
            .collect();
        let postings = |slot: &[Candidate]| -> usize {
            slot.iter()
                .map(|c| self.postings(c.entry as usize).len())
                .sum()
        };
        // Anchor on the rarest word; check the others around it.
        let Some((anchor, _)) = slots
            .iter()
            .enumerate()
            .min_by_key(|(_, slot)| postings(slot))
        else {
            return Vec::new();
        };
        let len = slots.len();
        let mut out = Vec::new();
        for c in &slots[anchor] {
            for &token in self.postings(c.entry as usize) {
                let Some(start) = (token as usize).checked_sub(anchor) else {
                    continue;
                };
                let end = start + len;
                if end > self.tokens.len() {
                    continue;
                }
                let mut quality = EXACT;
                let all_match = slots.iter().enumerate().all(|(i, slot)| {
                    let entry = self.tokens[start + i];
                    match slot.binary_search_by_key(&entry, |c| c.entry) {
                        Ok(found) => {
                            quality = quality.min(slot[found].quality);
                            true
                        }
                        Err(_) => false,
                    }
                });
                let (Ok(first), Ok(last)) = (u32::try_from(start), u32::try_from(end - 1)) else {
                    continue;
                };
                if all_match && self.sentence_of(first) == self.sentence_of(last) {
                    out.push(Occurrence {
                        token: first,
                        len: u32::try_from(len).unwrap_or(u32::MAX),
                        quality,
                        mission: false,
                    });
                }
            }
        }
        out
    }

    /// A mission term: mentions of its missions, and its place where no other mission's
    /// place contains it.
    fn mission(&self, gazetteer: &Gazetteer, key: usize) -> Vec<Occurrence> {
        let Some(wanted) = gazetteer.key(key) else {
            return Vec::new();
        };
        let missions: Vec<usize> = wanted.missions().collect();
        let names = |hit: &KeyHit| {
            gazetteer
                .key(hit.key)
                .is_some_and(|k| k.names.iter().any(|m| missions.contains(m)))
        };
        let mut out = Vec::new();
        for (i, hit) in self.key_hits.iter().enumerate() {
            let mention = names(hit);
            if mention
                || (gazetteer.same_place(hit.key, key)
                    && !gazetteer.shadowed(&self.key_hits, i, &missions))
            {
                out.push(Occurrence {
                    token: u32::try_from(hit.start).unwrap_or(u32::MAX),
                    len: u32::try_from(hit.end - hit.start).unwrap_or(1),
                    quality: EXACT,
                    mission: mention,
                });
            }
        }
        out
    }

    /// Adds one clause's best quality per recommendation to the tallies.
    fn tally(&self, occurrences: &[Occurrence], tallies: &mut [Tally]) {
        let mut cursor = Cursor::new(&self.rec_starts);
        let mut current: Option<(usize, u32, u32)> = None;
        let flush = |tallies: &mut [Tally], (rec, best, count): (usize, u32, u32)| {
            let tally = &mut tallies[rec];
            tally.clauses += 1;
            tally.score += best;
            tally.occurrences += count;
        };
        for occurrence in occurrences {
            let rec = cursor.find(occurrence.token);
            let quality = occurrence.quality + if occurrence.mission { MISSION_BONUS } else { 0 };
            current = match current {
                Some((r, best, count)) if r == rec => Some((r, best.max(quality), count + 1)),
                Some(done) => {
                    flush(tallies, done);
                    Some((rec, quality, 1))
                }
                None => Some((rec, quality, 1)),
            };
        }
        if let Some(done) = current {
            flush(tallies, done);
        }
    }

    /// Scores candidates of a query of several clauses: the base tally plus how much of the
    /// query one sentence holds, which terms stand next to each other, and repetition.
    fn proximity(
        &self,
        clauses: &[Vec<Occurrence>],
        candidate: &[bool],
        tallies: &[Tally],
    ) -> Vec<(u32, usize)> {
        // (token, clause, len) of every occurrence in a candidate, in token order: the
        // clauses' lists are each in order already, so they are merged, not sorted.
        let lists: Vec<Vec<(u32, u32)>> = clauses
            .iter()
            .map(|occurrences| {
                let mut cursor = Cursor::new(&self.rec_starts);
                occurrences
                    .iter()
                    .filter(|o| candidate[cursor.find(o.token)])
                    .map(|o| (o.token, o.len))
                    .collect()
            })
            .collect();
        let mut events: Vec<(u32, u32, u32)> = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        let mut heads = vec![0usize; lists.len()];
        loop {
            let mut next: Option<(u32, usize)> = None;
            for (clause, list) in lists.iter().enumerate() {
                if let Some(&(token, _)) = list.get(heads[clause])
                    && next.is_none_or(|(best, _)| token < best)
                {
                    next = Some((token, clause));
                }
            }
            let Some((token, clause)) = next else { break };
            let len = lists[clause][heads[clause]].1;
            heads[clause] += 1;
            events.push((token, u32::try_from(clause).unwrap_or(u32::MAX), len));
        }
        let n = clauses.len();
        let mut best_cover = vec![0u32; self.recs.len()];
        let mut best_count = vec![0u32; self.recs.len()];
        let mut adjacent = vec![0u32; self.recs.len()];
        let mut recs = Cursor::new(&self.rec_starts);
        let mut sentences = Cursor::new(&self.sentence_starts);
        let mut i = 0;
        while i < events.len() {
            let sentence = sentences.find(events[i].0);
            let rec = recs.find(events[i].0);
            let sentence_end = self.sentence_starts[sentence + 1];
            let mut mask: u32 = 0;
            let mut j = i;
            while j < events.len() && events[j].0 < sentence_end {
                let (token, clause, len) = events[j];
                mask |= 1 << clause.min(31);
                // A match of the next clause right after this one, in this sentence, or after
                // a few stopwords ("protection of civilians").
                let next = token + len;
                let reach = self.skip_stopwords(next, sentence_end);
                if (clause as usize) + 1 < n
                    && events[j + 1..]
                        .iter()
                        .take_while(|e| e.0 <= reach)
                        .any(|e| e.0 >= next && e.1 == clause + 1)
                {
                    adjacent[rec] |= 1 << clause.min(31);
                }
                j += 1;
            }
            let cover = mask.count_ones();
            if cover > best_cover[rec] {
                best_cover[rec] = cover;
                best_count[rec] = 1;
            } else if cover == best_cover[rec] {
                best_count[rec] += 1;
            }
            i = j.max(i + 1);
        }
        let pairs = u32::try_from(n - 1).unwrap_or(u32::MAX).max(1);
        candidate
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c)
            .map(|(rec, _)| {
                let cover = best_cover[rec].max(1);
                let score = tallies[rec].score
                    + SENTENCE_BONUS * (cover - 1) / pairs
                    + ADJACENT_BONUS * adjacent[rec].count_ones() / pairs
                    + best_count[rec].min(REPEAT_BONUS);
                (score, rec)
            })
            .collect()
    }

    /// The first token at or after `from` (and before `end`) that is not a stopword, looking
    /// at most [`MAX_STOP_GAP`] tokens ahead.
    fn skip_stopwords(&self, from: u32, end: u32) -> u32 {
        let mut at = from;
        while at < end && at - from < MAX_STOP_GAP && self.is_stop_token(at as usize) {
            at += 1;
        }
        at
    }

    /// Highlights that join a match of one clause to a match of the next right after it or
    /// across stopwords, so `protection of civilians` is one run, "of" included.
    fn runs(&self, clauses: &[Vec<Occurrence>], tokens: &std::ops::Range<u32>) -> Vec<(u32, u32)> {
        let mut runs = Vec::new();
        for pair in clauses.windows(2) {
            let (this, next) = (&pair[0], &pair[1]);
            let from = this.partition_point(|o| o.token < tokens.start);
            let to = this.partition_point(|o| o.token < tokens.end);
            for o in &this[from..to] {
                let end = o.token + o.len.max(1);
                let sentence_end = self.sentence_starts[self.sentence_of(o.token) + 1];
                let reach = self.skip_stopwords(end, sentence_end);
                if reach >= sentence_end {
                    continue;
                }
                let at = next.partition_point(|b| b.token < reach);
                if next.get(at).is_some_and(|b| b.token == reach) {
                    runs.push((o.token, reach));
                }
            }
        }
        runs
    }

    /// The hit for recommendation `rec`: highlights of every clause's occurrences in it, and
    /// the sentence that holds the most of the query as the snippet.
    fn hit(
        &self,
        rec: usize,
        score: u32,
        clauses: &[Vec<Occurrence>],
        query_missions: &[usize],
    ) -> Hit {
        let info = self.recs[rec];
        let tokens = self.rec_tokens(rec);
        let first_paragraph = info.first_paragraph as usize;
        let (first_sentence, sentences) = if tokens.is_empty() {
            (0, 0)
        } else {
            let first = self.sentence_of(tokens.start);
            (first, self.sentence_of(tokens.end - 1) + 1 - first)
        };
        let mut highlights: Vec<Highlight> = Vec::new();
        // Per sentence of the recommendation: the clauses it holds and their total quality.
        let mut cover = vec![(0u32, 0u32); sentences];
        let mut cursor = Cursor::new(&self.sentence_starts);
        for (clause, occurrences) in clauses.iter().enumerate() {
            let from = occurrences.partition_point(|o| o.token < tokens.start);
            let to = occurrences.partition_point(|o| o.token < tokens.end);
            cursor.position = first_sentence;
            for o in &occurrences[from..to] {
                let last = (o.token + o.len.max(1) - 1).min(tokens.end - 1);
                let start = self.token_span(o.token as usize).start;
                let end = self.token_span(last as usize).end;
                let paragraph = self.paragraph_at(start);
                let base = self.paragraph_start(paragraph);
                highlights.push(Highlight {
                    paragraph: paragraph - first_paragraph,
                    range: start - base..end - base,
                });
                let sentence = cursor.find(o.token) - first_sentence;
                if let Some((mask, quality)) = cover.get_mut(sentence) {
                    *mask |= 1 << clause.min(31);
                    *quality += o.quality + if o.mission { MISSION_BONUS } else { 0 };
                }
            }
        }
        for (first, last) in self.runs(clauses, &tokens) {
            let start = self.token_span(first as usize).start;
            let end = self.token_span(last as usize).end;
            let paragraph = self.paragraph_at(start);
            let base = self.paragraph_start(paragraph);
            highlights.push(Highlight {
                paragraph: paragraph - first_paragraph,
                range: start - base..end - base,
            });
        }
        highlights.sort_by_key(|h| (h.paragraph, h.range.start, h.range.end));
        highlights.dedup_by(|next, kept| {
            let overlaps = next.paragraph == kept.paragraph && next.range.start < kept.range.end;
            if overlaps {
                kept.range.end = kept.range.end.max(next.range.end);
            }
            overlaps
        });
        let best = cover
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| {
                (a.0.count_ones(), a.1)
                    .cmp(&(b.0.count_ones(), b.1))
                    .then(j.cmp(i))
            })
            .map_or(0, |(i, _)| i);
        let snippet = if sentences == 0 {
            // A response without words: its first paragraph as it is.
            Snippet {
                text: self.paragraph_text(first_paragraph).trim().to_string(),
                highlights: Vec::new(),
            }
        } else {
            let (start, end) = self.sentence_spans[first_sentence + best];
            let (start, end) = (start as usize, end as usize);
            let paragraph = self.paragraph_at(start);
            let base = self.paragraph_start(paragraph);
            let local = paragraph - first_paragraph;
            Snippet {
                text: self.text[start..end].to_string(),
                highlights: highlights
                    .iter()
                    .filter(|h| h.paragraph == local)
                    .filter_map(|h| {
                        let from = (h.range.start + base).max(start);
                        let to = (h.range.end + base).min(end);
                        (from < to).then(|| from - start..to - start)
                    })
                    .collect(),
            }
        };
        Hit {
            location: info.location,
            para: info.para,
            score,
            snippet,
            highlights,
            missions: self.mission_matches(rec, query_missions),
            matched: Vec::new(),
            missing: Vec::new(),
            approximate: false,
        }
    }

    /// How recommendation `rec` names each of the query's missions it names.
    fn mission_matches(&self, rec: usize, query_missions: &[usize]) -> Vec<MissionMatch> {
        if query_missions.is_empty() {
            return Vec::new();
        }
        let tokens = self.rec_tokens(rec);
        let (start, end) = (tokens.start as usize, tokens.end as usize);
        let from = self.key_hits.partition_point(|h| h.start < start);
        let to = self.key_hits.partition_point(|h| h.start < end);
        missions::gazetteer()
            .ways(&self.key_hits[from..to])
            .into_iter()
            .filter(|(mission, _)| query_missions.contains(mission))
            .filter_map(|(mission, by)| {
                Some(MissionMatch {
                    acronym: missions::entries().get(mission)?.acronym.to_string(),
                    by,
                })
            })
            .collect()
    }
}

/// A BM25 score as whole points (100 to 1), 0 for anything not a positive finite number.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped to 0..=u32::MAX first"
)]
fn points(score: f64) -> u32 {
    let scaled = (score * 100.0).round();
    if scaled.is_finite() && scaled > 0.0 {
        scaled.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// The block (recommendation or sentence) of ascending tokens, found by moving forward.
struct Cursor<'a> {
    starts: &'a [u32],
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(starts: &'a [u32]) -> Cursor<'a> {
        Cursor {
            starts,
            position: 0,
        }
    }

    /// The block holding `token`; tokens must come in ascending order (others are found too,
    /// by a full search).
    fn find(&mut self, token: u32) -> usize {
        let here = self.starts[self.position] <= token
            && self
                .starts
                .get(self.position + 1)
                .is_some_and(|&next| token < next);
        if !here {
            self.position = self
                .starts
                .partition_point(|&start| start <= token)
                .saturating_sub(1);
        }
        self.position
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn bm25_points_are_whole_and_bounded() {
        assert_eq!(points(1.234), 123);
        assert_eq!(points(0.0), 0);
        assert_eq!(points(-2.0), 0);
        assert_eq!(points(f64::NAN), 0);
        assert_eq!(points(1e30), u32::MAX);
    }

    #[test]
    fn the_cursor_finds_blocks_in_order_and_out_of_order() {
        let starts = [0, 3, 3, 7, 10];
        let mut cursor = Cursor::new(&starts);
        assert_eq!(cursor.find(0), 0);
        assert_eq!(cursor.find(2), 0);
        assert_eq!(cursor.find(3), 2);
        assert_eq!(cursor.find(9), 3);
        assert_eq!(cursor.find(1), 0);
    }

    #[test]
    fn highlights_and_snippet_point_at_the_matched_words() {
        let dataset = Dataset::embedded();
        let index = SearchIndex::new(&dataset);
        let hits = index.search("clearcheck", 5);
        assert_eq!(hits.len(), 1);
        let hit = &hits[0];
        assert_eq!(hit.para, 37);
        let rec = dataset.get(hit.location).unwrap();
        let marked: Vec<&str> = hit
            .highlights
            .iter()
            .map(|h| &rec.paragraphs[h.paragraph][h.range.clone()])
            .collect();
        assert_eq!(marked, ["ClearCheck", "ClearCheck", "ClearCheck"]);
        assert!(
            hit.snippet
                .text
                .starts_with("Civilian personnel are also screened")
        );
        assert_eq!(hit.snippet.highlighted(), ["ClearCheck"]);
    }
}
