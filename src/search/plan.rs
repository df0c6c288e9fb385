//! From a parsed query to clauses: what each term asks of the text. Consecutive terms that
//! spell a gazetteer key become one mission clause, an alias its word or its full forms, a
//! compound its parts with a hyphen, a space or nothing between them, `a | b` one clause of
//! alternatives; unquoted stopwords are dropped (unless the query has nothing else).

use crate::missions::Gazetteer;
use crate::text;

use super::alias;
use super::index::SearchIndex;
use super::matching::Tiers;
use super::query::{Case, Mode, Query, Term};

/// Terms considered together as a possible mission name or place.
const MAX_KEY_TERMS: usize = 16;
/// A word is tried as two words run together (`peacebuilding`) from this many characters.
const MIN_SPLIT_CHARS: usize = 5;
/// Each part of such a split has at least this many characters, unless letters meet digits
/// there (`covid19`).
const MIN_PART_CHARS: usize = 3;

/// What one positive or negative term asks of the text.
#[derive(Debug, Clone)]
pub(super) enum Clause {
    /// One word, in the given tiers.
    Word {
        word: String,
        tiers: Tiers,
        case: Case,
    },
    /// Consecutive words in one sentence; the last may be a prefix.
    Phrase {
        words: Vec<String>,
        last_prefix: bool,
        case: Case,
    },
    /// A gazetteer key (index into the gazetteer's keys).
    Mission { key: usize },
    /// Any of these (`a | b`, an alias and its expansions).
    Any(Vec<Clause>),
    /// All of these in one recommendation (the parts of `covid-19`).
    All(Vec<Clause>),
}

/// A required clause of the query. A recommendation satisfies it when it matches `clause`, or
/// when it lacks one of `unless` (the negated alternatives of `a | !b`).
#[derive(Debug, Clone)]
pub(super) struct Required {
    pub(super) clause: Clause,
    pub(super) unless: Vec<Clause>,
    /// The words typed for it, as a partial hit reports them matched or missing.
    pub(super) label: String,
}

/// Turns the query's terms into required and negative clauses (see the module's docs).
pub(super) fn plan(
    index: &SearchIndex,
    gazetteer: &Gazetteer,
    query: &Query,
) -> (Vec<Required>, Vec<Clause>) {
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
            let label = group
                .iter()
                .map(|t| label(std::slice::from_ref(t)))
                .collect::<Vec<_>>()
                .join(" | ");
            required.push(Required {
                clause: Clause::Any(
                    plain
                        .into_iter()
                        .map(|t| term_clause(index, gazetteer, t))
                        .collect(),
                ),
                unless: negated
                    .into_iter()
                    .map(|t| term_clause(index, gazetteer, t))
                    .collect(),
                label,
            });
            i += 1;
            continue;
        };
        if term.negated {
            negative.push(term_clause(index, gazetteer, term));
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
            let terms: Vec<Term> = groups[i..i + len].iter().flat_map(|g| g.to_vec()).collect();
            required.push(Required {
                clause: Clause::Mission { key },
                unless: Vec::new(),
                label: label(&terms),
            });
            i += len;
            continue;
        }
        // Two plain words that the text also writes as one (`peace building`).
        if let Some([next]) = groups.get(i + 1)
            && is_compound_part(term)
            && is_compound_part(next)
        {
            let words = vec![term.words[0].clone(), next.words[0].clone()];
            if index.has_word(&joined(&words)) {
                let case = Case::of(&words);
                required.push(Required {
                    clause: compound(index, words, case),
                    unless: Vec::new(),
                    label: label(&[term.clone(), next.clone()]),
                });
                i += 2;
                continue;
            }
        }
        required.push(Required {
            clause: term_clause(index, gazetteer, term),
            unless: Vec::new(),
            label: label(std::slice::from_ref(term)),
        });
        i += 1;
    }
    (required, negative)
}

/// How terms are named in a hit's `matched` and `missing`: their words as typed.
fn label(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| t.words.join(if t.quoted { " " } else { "-" }))
        .collect::<Vec<_>>()
        .join(" ")
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

/// A plain word that may join the next into a compound.
fn is_compound_part(term: &Term) -> bool {
    matches!(term.words.as_slice(), [word] if !text::is_stopword(&text::fold(word)))
        && term.mode == Mode::Fuzzy
        && !term.quoted
        && !term.negated
        && alias::lookup(&term.words[0]).is_none()
}

/// The words run together, folded.
fn joined(words: &[String]) -> String {
    words.iter().map(|w| text::fold(w)).collect()
}

/// The clause of one term on its own: an alias, a mission key, or its words.
fn term_clause(index: &SearchIndex, gazetteer: &Gazetteer, term: &Term) -> Clause {
    if let [word] = term.words.as_slice()
        && term.mode == Mode::Fuzzy
        && !term.quoted
        && let Some(alias) = alias::lookup(word)
    {
        let case = if alias.case_sensitive {
            Case::Exact
        } else {
            Case::Fold
        };
        // The abbreviation and its plural (`TCC`, `TCCs`), whichever was typed.
        let mut alternatives: Vec<Clause> = [alias.short.to_string(), format!("{}s", alias.short)]
            .into_iter()
            .map(|word| Clause::Word {
                word,
                tiers: Tiers::Exact,
                case,
            })
            .collect();
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
                    case: Case::Fold,
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
    clause(index, term)
}

/// The clause for one term's words (see [`super::query`] for the rules).
fn clause(index: &SearchIndex, term: &Term) -> Clause {
    let case = term.case;
    let plain = term.mode == Mode::Fuzzy && !term.quoted && !term.negated;
    if let [word] = term.words.as_slice() {
        let tiers = match (term.mode, term.negated) {
            (Mode::Exact, _) | (Mode::Fuzzy, true) => Tiers::Exact,
            (Mode::Prefix, _) => Tiers::ExactOrPrefix,
            (Mode::Suffix, _) => Tiers::ExactOrSuffix,
            (Mode::Fuzzy, false) => Tiers::All,
        };
        let own = Clause::Word {
            word: word.clone(),
            tiers,
            case,
        };
        if !plain {
            return own;
        }
        // An acronym's plural (`SOPs`) is the acronym too.
        if let Some(singular) = alias::acronym_singular(word) {
            return Clause::Any(vec![
                own,
                Clause::Word {
                    word: singular.to_string(),
                    tiers: Tiers::Exact,
                    case,
                },
            ]);
        }
        // Two words run together (`peacebuilding`, `covid19`) are also the two words.
        if let Some((first, second)) = split(index, word) {
            return Clause::Any(vec![
                own,
                Clause::Phrase {
                    words: vec![first, second],
                    last_prefix: false,
                    case,
                },
            ]);
        }
        return own;
    }
    if plain {
        return compound(index, term.words.clone(), case);
    }
    Clause::Phrase {
        words: term.words.clone(),
        last_prefix: term.mode == Mode::Prefix || (term.mode == Mode::Fuzzy && !term.negated),
        case,
    }
}

/// The words of a compound (`peace-building`, `covid-19`, `troop-contributing`) with a hyphen,
/// a space or nothing between them: when the text writes them as one word, that word or the
/// words in a row; otherwise every part in the recommendation, the last perhaps as a prefix,
/// so that `troop-contributing` also finds "troop- and police-contributing".
fn compound(index: &SearchIndex, words: Vec<String>, case: Case) -> Clause {
    let one = joined(&words);
    if index.has_word(&one) {
        return Clause::Any(vec![
            Clause::Phrase {
                words,
                last_prefix: true,
                case,
            },
            Clause::Word {
                word: one,
                tiers: Tiers::All,
                case: Case::Fold,
            },
        ]);
    }
    let last = words.len() - 1;
    Clause::All(
        words
            .into_iter()
            .enumerate()
            .map(|(i, word)| Clause::Word {
                word,
                tiers: if i == last {
                    Tiers::ExactOrPrefix
                } else {
                    Tiers::Exact
                },
                case,
            })
            .collect(),
    )
}

/// Two words of the text that run together make `word` (folded), if any: each part of
/// [`MIN_PART_CHARS`] or more, or split where letters meet digits.
fn split(index: &SearchIndex, word: &str) -> Option<(String, String)> {
    let folded = text::fold(word);
    if folded.chars().count() < MIN_SPLIT_CHARS {
        return None;
    }
    let digit_at = |s: &str, last: bool| {
        let c = if last {
            s.chars().last()
        } else {
            s.chars().next()
        };
        c.is_some_and(|c| c.is_ascii_digit())
    };
    folded
        .char_indices()
        .skip(1)
        .map(|(at, _)| (&folded[..at], &folded[at..]))
        .find(|(a, b)| {
            let boundary = digit_at(a, true) != digit_at(b, false);
            (boundary
                || (a.chars().count() >= MIN_PART_CHARS && b.chars().count() >= MIN_PART_CHARS))
                && !text::is_stopword(a)
                && !text::is_stopword(b)
                && index.has_word(a)
                && index.has_word(b)
        })
        .map(|(a, b)| (a.to_string(), b.to_string()))
}

/// Adds the missions a clause names (through gazetteer keys) to `out`.
pub(super) fn missions_of(gazetteer: &Gazetteer, clause: &Clause, out: &mut Vec<usize>) {
    match clause {
        Clause::Mission { key } => {
            if let Some(key) = gazetteer.key(*key) {
                out.extend(key.missions());
            }
        }
        Clause::Any(alternatives) | Clause::All(alternatives) => {
            for alternative in alternatives {
                missions_of(gazetteer, alternative, out);
            }
        }
        Clause::Word { .. } | Clause::Phrase { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::dataset::Dataset;
    use crate::missions;

    fn index() -> &'static SearchIndex {
        static INDEX: LazyLock<SearchIndex> =
            LazyLock::new(|| SearchIndex::new(&Dataset::embedded()));
        &INDEX
    }

    fn plan_of(query: &str) -> Vec<String> {
        let (positive, negative) = plan(index(), missions::gazetteer(), &Query::parse(query));
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
                Clause::All(parts) => {
                    let names: Vec<String> = parts.iter().map(name).collect();
                    format!("all({})", names.join(", "))
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
        // A negated or quoted phrase stays a phrase (a plain compound does not: see below).
        assert_eq!(
            plan_of("!covid-19 !\"south sudan\""),
            ["!\"covid 19\"", "!\"south sudan\""]
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
            ["any(CAR:Exact, CARs:Exact, mission:central african republic)"]
        );
        assert_eq!(plan_of("car"), ["car:All"]);
        assert_eq!(
            plan_of("SEA"),
            ["any(SEA:Exact, SEAs:Exact, \"sexual exploitation and abuse\"*)"]
        );
        assert_eq!(plan_of("sea"), ["sea:All"]);
        assert_eq!(
            plan_of("!poc"),
            ["!any(PoC:Exact, PoCs:Exact, \"protection of civilians\"*)"]
        );
    }

    #[test]
    fn acronym_plurals_are_the_acronym() {
        assert_eq!(plan_of("TCCs"), plan_of("TCC"));
        assert_eq!(plan_of("IEDs"), plan_of("IED"));
        assert_eq!(plan_of("SOPs"), ["any(SOPs:All, SOP:Exact)"]);
    }

    #[test]
    fn compounds_match_with_a_hyphen_a_space_or_nothing() {
        // The report writes "peacebuilding": the two words or the one.
        let peacebuilding = ["any(\"peace building\"*, peacebuilding:All)"];
        assert_eq!(plan_of("peace-building"), peacebuilding);
        assert_eq!(plan_of("peace building"), peacebuilding);
        assert_eq!(
            plan_of("peacebuilding"),
            ["any(peacebuilding:All, \"peace building\")"]
        );
        // It never writes "troopcontributing": every part, in any order.
        assert_eq!(
            plan_of("troop-contributing"),
            ["all(troop:Exact, contributing:ExactOrPrefix)"]
        );
        assert_eq!(
            plan_of("troop contributing"),
            ["troop:All", "contributing:All"]
        );
        assert_eq!(plan_of("covid-19"), ["all(covid:Exact, 19:ExactOrPrefix)"]);
        assert_eq!(plan_of("covid19"), ["any(covid19:All, \"covid 19\")"]);
    }

    #[test]
    fn places_in_french_and_spanish_are_missions() {
        assert_eq!(plan_of("Soudan du Sud"), ["mission:soudan du sud"]);
        assert_eq!(plan_of("RCA"), ["mission:rca"]);
        assert_eq!(
            plan_of("République centrafricaine"),
            ["mission:republique centrafricaine"]
        );
    }

    #[test]
    fn labels_are_the_words_typed() {
        let (required, _) = plan(
            index(),
            missions::gazetteer(),
            &Query::parse("women peace and security targets covid-19 south sudan"),
        );
        let labels: Vec<&str> = required.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "women",
                "peace",
                "security",
                "targets",
                "covid-19",
                "south sudan"
            ]
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
        let (required, _) = plan(index(), missions::gazetteer(), &Query::parse("a | !covid"));
        assert_eq!(required.len(), 1);
        assert_eq!(required[0].unless.len(), 1);
    }
}
