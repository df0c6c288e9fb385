//! Evaluating a query on the index: terms become clauses, clauses become occurrences (token
//! spans with a match quality), occurrences are intersected per recommendation (AND), scored,
//! ranked, and only the hits returned are turned into snippets and highlights.

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::missions::{self, Gazetteer, KeyHit};

use super::alias;
use super::index::SearchIndex;
use super::matching::{self, Candidate, EXACT, Tiers};
use super::query::{Mode, Query, Term};
use super::snippet::Snippet;
use super::{Highlight, Hit, MissionMatch};
use crate::text;

/// Added once per mission term that a recommendation matches by naming the mission.
const MISSION_BONUS: u32 = 1000;
/// Added for the whole query in one sentence (less for part of it).
const SENTENCE_BONUS: u32 = 40;
/// Added for every pair of consecutive terms found next to each other, in order (shared).
const ADJACENT_BONUS: u32 = 20;
/// At most this much is added for repeated matches.
const REPEAT_BONUS: u32 = 5;
/// Terms considered together as a possible mission name or place.
const MAX_KEY_TERMS: usize = 16;
/// At most this many stopwords may stand between two query words that count as adjacent.
const MAX_STOP_GAP: u32 = 3;

/// What one positive or negative term asks of the text.
#[derive(Debug, Clone)]
enum Clause {
    /// One word, in the given tiers.
    Word {
        word: String,
        tiers: Tiers,
        case_sensitive: bool,
    },
    /// Consecutive words in one sentence; the last may be a prefix.
    Phrase {
        words: Vec<String>,
        last_prefix: bool,
        case_sensitive: bool,
    },
    /// A gazetteer key (index into the gazetteer's keys).
    Mission { key: usize },
    /// Any of these (`a | b`, an alias and its expansions).
    Any(Vec<Clause>),
}

/// A required clause of the query. A recommendation satisfies it when it matches `clause`, or
/// when it lacks one of `unless` (the negated alternatives of `a | !b`).
#[derive(Debug, Clone)]
struct Required {
    clause: Clause,
    unless: Vec<Clause>,
}

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
        let (required, negative) = plan(gazetteer, &query);
        let skim = SkimMatcherV2::default().smart_case();
        let mut excluded = vec![false; self.recs.len()];
        for clause in &negative {
            for occurrence in self.occurrences(gazetteer, &skim, clause) {
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
            let occurrences = self.occurrences(gazetteer, &skim, &required.clause);
            if occurrences.is_empty() && required.unless.is_empty() {
                // AND: one term without a match leaves nothing to rank.
                return (Vec::new(), 0);
            }
            self.tally(&occurrences, &mut tallies);
            if !required.unless.is_empty() {
                self.pass_unless(gazetteer, &skim, required, &occurrences, &mut tallies);
            }
            clauses.push(occurrences);
        }
        let wanted = u32::try_from(clauses.len()).unwrap_or(u32::MAX);
        let candidate: Vec<bool> = tallies
            .iter()
            .zip(&excluded)
            .map(|(tally, &excluded)| tally.clauses == wanted && !excluded)
            .collect();
        let mut ranked: Vec<(u32, usize)> = if clauses.len() < 2 {
            candidate
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c)
                .map(|(rec, _)| {
                    let tally = tallies[rec];
                    (tally.score + tally.occurrences.min(REPEAT_BONUS), rec)
                })
                .collect()
        } else {
            self.proximity(&clauses, &candidate, &tallies)
        };
        let total = ranked.len();
        if limit == 0 {
            return (Vec::new(), total);
        }
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let hits = ranked
            .into_iter()
            .map(|(score, rec)| self.hit(rec, score, &clauses, &query_missions))
            .collect();
        (hits, total)
    }

    /// Counts `required` for the recommendations without a match of its clause that lack one
    /// of its negated alternatives.
    fn pass_unless(
        &self,
        gazetteer: &Gazetteer,
        skim: &SkimMatcherV2,
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
            for o in self.occurrences(gazetteer, skim, clause) {
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
    fn occurrences(
        &self,
        gazetteer: &Gazetteer,
        skim: &SkimMatcherV2,
        clause: &Clause,
    ) -> Vec<Occurrence> {
        let mut out = match clause {
            Clause::Word {
                word,
                tiers,
                case_sensitive,
            } => {
                let candidates = matching::candidates(self, skim, word, *tiers, *case_sensitive);
                let total = candidates
                    .iter()
                    .map(|c| self.postings(c.entry as usize).len())
                    .sum();
                let mut out = Vec::with_capacity(total);
                for c in candidates {
                    out.extend(
                        self.postings(c.entry as usize)
                            .iter()
                            .map(|&token| Occurrence {
                                token,
                                len: 1,
                                quality: c.quality,
                                mission: false,
                            }),
                    );
                }
                out
            }
            Clause::Phrase {
                words,
                last_prefix,
                case_sensitive,
            } => self.phrase(skim, words, *last_prefix, *case_sensitive),
            Clause::Mission { key } => self.mission(gazetteer, *key),
            Clause::Any(alternatives) => alternatives
                .iter()
                .flat_map(|alternative| self.occurrences(gazetteer, skim, alternative))
                .collect(),
        };
        if !out.is_sorted_by_key(|o| o.token) {
            out.sort_unstable_by_key(|o| o.token);
        }
        out
    }

    fn phrase(
        &self,
        skim: &SkimMatcherV2,
        words: &[String],
        last_prefix: bool,
        case_sensitive: bool,
    ) -> Vec<Occurrence> {
        let slots: Vec<Vec<Candidate>> = words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let tiers = if last_prefix && i + 1 == words.len() {
                    Tiers::ExactOrPrefix
                } else {
                    Tiers::Exact
                };
                let mut slot = matching::candidates(self, skim, word, tiers, case_sensitive);
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

/// Adds the missions a clause names (through gazetteer keys) to `out`.
fn missions_of(gazetteer: &Gazetteer, clause: &Clause, out: &mut Vec<usize>) {
    match clause {
        Clause::Mission { key } => {
            if let Some(key) = gazetteer.key(*key) {
                out.extend(key.missions());
            }
        }
        Clause::Any(alternatives) => {
            for alternative in alternatives {
                missions_of(gazetteer, alternative, out);
            }
        }
        Clause::Word { .. } | Clause::Phrase { .. } => {}
    }
}

/// Turns the query's terms into required and negative clauses: consecutive plain or quoted
/// terms that spell a gazetteer key (longest first) become one mission clause, an alias
/// becomes the alias or its expansions, `a | b` one clause of alternatives, and unquoted
/// stopwords are dropped (unless the query has nothing else).
fn plan(gazetteer: &Gazetteer, query: &Query) -> (Vec<Required>, Vec<Clause>) {
    let groups: Vec<&[Term]> = query.groups().collect();
    let optional = |group: &[Term]| matches!(group, [term] if is_optional(term));
    let keep_stopwords = groups
        .iter()
        .filter(|g| !matches!(g, [term] if term.negated))
        .all(|g| optional(g));
    let mut required = Vec::new();
    let mut negative = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let group = groups[i];
        let [term] = group else {
            // Alternatives: the negated ones are satisfied by their absence.
            let (negated, plain): (Vec<&Term>, Vec<&Term>) = group.iter().partition(|t| t.negated);
            required.push(Required {
                clause: Clause::Any(
                    plain
                        .into_iter()
                        .map(|t| term_clause(gazetteer, t))
                        .collect(),
                ),
                unless: negated
                    .into_iter()
                    .map(|t| term_clause(gazetteer, t))
                    .collect(),
            });
            i += 1;
            continue;
        };
        if term.negated {
            negative.push(term_clause(gazetteer, term));
            i += 1;
            continue;
        }
        if !keep_stopwords && optional(group) {
            i += 1;
            continue;
        }
        // The longest run of two or more single terms that spells a key.
        let run = groups[i..]
            .iter()
            .take(MAX_KEY_TERMS)
            .take_while(|g| matches!(g, [t] if is_key_eligible(t)))
            .count();
        let found = (2..=run).rev().find_map(|len| {
            let words: Vec<String> = groups[i..i + len]
                .iter()
                .flat_map(|g| g.iter().flat_map(|t| t.words.iter()))
                .map(|w| text::fold(w))
                .filter(|w| !text::is_stopword(w))
                .collect();
            gazetteer.lookup(&words).map(|key| (len, key))
        });
        if let Some((len, key)) = found {
            required.push(Required {
                clause: Clause::Mission { key },
                unless: Vec::new(),
            });
            i += len;
            continue;
        }
        required.push(Required {
            clause: term_clause(gazetteer, term),
            unless: Vec::new(),
        });
        i += 1;
    }
    (required, negative)
}

/// An unquoted plain stopword: optional in a query that has other words.
fn is_optional(term: &Term) -> bool {
    matches!(term.words.as_slice(), [word] if text::is_stopword(&text::fold(word)))
        && !term.negated
        && !term.quoted
        && term.mode == Mode::Fuzzy
        && alias::lookup(&term.words[0]).is_none()
}

/// A term that may name a mission by its words: plain or quoted, not negated.
fn is_key_eligible(term: &Term) -> bool {
    !term.negated && (term.quoted || term.mode == Mode::Fuzzy)
}

/// The clause of one term on its own: an alias, a mission key, or its words.
fn term_clause(gazetteer: &Gazetteer, term: &Term) -> Clause {
    if let [word] = term.words.as_slice()
        && term.mode == Mode::Fuzzy
        && !term.quoted
        && let Some(alias) = alias::lookup(word)
    {
        let mut alternatives = vec![Clause::Word {
            word: word.clone(),
            tiers: Tiers::Exact,
            case_sensitive: alias.case_sensitive,
        }];
        for expansion in &alias.expansions {
            let words = alias::words(expansion);
            let key_words: Vec<String> = words
                .iter()
                .filter(|w| !text::is_stopword(w))
                .cloned()
                .collect();
            alternatives.push(match gazetteer.lookup(&key_words) {
                Some(key) => Clause::Mission { key },
                None => Clause::Phrase {
                    words,
                    last_prefix: true,
                    case_sensitive: false,
                },
            });
        }
        return Clause::Any(alternatives);
    }
    if is_key_eligible(term) {
        let words: Vec<String> = term
            .words
            .iter()
            .map(|w| text::fold(w))
            .filter(|w| !text::is_stopword(w))
            .collect();
        if let Some(key) = gazetteer.lookup(&words) {
            return Clause::Mission { key };
        }
    }
    clause(term)
}

/// The clause for one term's words (see [`super::query`] for the rules).
fn clause(term: &Term) -> Clause {
    let case_sensitive = term.case_sensitive;
    if let [word] = term.words.as_slice() {
        let tiers = match (term.mode, term.negated) {
            (Mode::Exact, _) | (Mode::Fuzzy, true) => Tiers::Exact,
            (Mode::Prefix, _) => Tiers::ExactOrPrefix,
            (Mode::Suffix, _) => Tiers::ExactOrSuffix,
            (Mode::Fuzzy, false) => Tiers::All,
        };
        Clause::Word {
            word: word.clone(),
            tiers,
            case_sensitive,
        }
    } else {
        Clause::Phrase {
            words: term.words.clone(),
            last_prefix: term.mode == Mode::Prefix || (term.mode == Mode::Fuzzy && !term.negated),
            case_sensitive,
        }
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

    fn plan_of(query: &str) -> Vec<String> {
        let (positive, negative) = plan(missions::gazetteer(), &Query::parse(query));
        name_all(&positive, &negative)
    }

    fn name_all(positive: &[Required], negative: &[Clause]) -> Vec<String> {
        fn name(c: &Clause) -> String {
            match c {
                Clause::Word { word, tiers, .. } => format!("{word}:{tiers:?}"),
                Clause::Phrase {
                    words, last_prefix, ..
                } => format!(
                    "\"{}\"{}",
                    words.join(" "),
                    if *last_prefix { "*" } else { "" }
                ),
                Clause::Mission { key } => {
                    let key = missions::gazetteer().key(*key).unwrap();
                    format!("mission:{}", key.words.join(" "))
                }
                Clause::Any(alternatives) => {
                    let names: Vec<String> = alternatives.iter().map(name).collect();
                    format!("any({})", names.join(", "))
                }
            }
        }
        positive
            .iter()
            .map(|r| &r.clause)
            .map(name)
            .chain(negative.iter().map(|c| format!("!{}", name(c))))
            .collect()
    }

    #[test]
    fn consecutive_terms_that_spell_a_key_become_one_mission_clause() {
        assert_eq!(plan_of("south sudan"), ["mission:south sudan"]);
        assert_eq!(plan_of("sudan"), ["mission:sudan"]);
        assert_eq!(
            plan_of("UNMISS transition"),
            ["mission:unmiss", "transition:All"]
        );
        assert_eq!(
            plan_of("democratic republic of the congo vaccines"),
            ["mission:democratic republic congo", "vaccines:All"]
        );
        assert_eq!(
            plan_of("\"central african republic\""),
            ["mission:central african republic"]
        );
        assert_eq!(
            plan_of("the united nations office to the african union"),
            ["mission:united nations office african union"]
        );
    }

    #[test]
    fn exact_prefix_and_negated_terms_stay_literal() {
        assert_eq!(plan_of("'mali"), ["mali:Exact"]);
        assert_eq!(plan_of("^mali"), ["mali:ExactOrPrefix"]);
        assert_eq!(plan_of("covid !mali"), ["covid:All", "!mali:Exact"]);
        assert_eq!(plan_of("!^vacc"), ["!vacc:ExactOrPrefix"]);
        assert_eq!(
            plan_of("covid-19 !\"south sudan\""),
            ["\"covid 19\"*", "!\"south sudan\""]
        );
        assert_eq!(plan_of("south 'sudan"), ["south:All", "sudan:Exact"]);
    }

    #[test]
    fn stopwords_are_optional_unless_the_query_has_nothing_else() {
        assert_eq!(
            plan_of("protection of the civilians"),
            ["protection:All", "civilians:All"]
        );
        assert_eq!(plan_of("of the"), ["of:All", "the:All"]);
        assert_eq!(plan_of("the !mali"), ["the:All", "!mali:Exact"]);
        // Quoted or with an operator, a stopword is asked for.
        assert_eq!(plan_of("peace 'and"), ["peace:All", "and:Exact"]);
        assert_eq!(
            plan_of("\"sexual exploitation and abuse\""),
            ["\"sexual exploitation and abuse\""]
        );
    }

    #[test]
    fn aliases_expand_to_their_words_and_missions() {
        assert_eq!(
            plan_of("CAR"),
            ["any(CAR:Exact, mission:central african republic)"]
        );
        assert_eq!(plan_of("car"), ["car:All"]);
        assert_eq!(
            plan_of("SEA"),
            ["any(SEA:Exact, \"sexual exploitation and abuse\"*)"]
        );
        assert_eq!(plan_of("sea"), ["sea:All"]);
        assert_eq!(
            plan_of("!poc"),
            ["!any(poc:Exact, \"protection of civilians\"*)"]
        );
    }

    #[test]
    fn bars_make_alternatives() {
        assert_eq!(
            plan_of("women | gender parity"),
            ["any(women:All, gender:All)", "parity:All"]
        );
        assert_eq!(
            plan_of("mali | cyprus"),
            ["any(mission:mali, mission:cyprus)"]
        );
        assert_eq!(
            plan_of("tion$ ^vacc"),
            ["tion:ExactOrSuffix", "vacc:ExactOrPrefix"]
        );
        let (required, _) = plan(missions::gazetteer(), &Query::parse("a | !covid"));
        assert_eq!(required.len(), 1);
        assert_eq!(required[0].unless.len(), 1);
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
