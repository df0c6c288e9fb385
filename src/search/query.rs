//! The query language, in the style of fzf:
//!
//! | query            | matches                                                              |
//! |------------------|----------------------------------------------------------------------|
//! | `word`           | the word exactly, as a prefix, fuzzily, or with a typo (best first)  |
//! | `'word`          | the word exactly                                                     |
//! | `^word`          | a word that starts with `word`                                       |
//! | `!word`          | excludes recommendations containing the word (`!^pre`, `!"a b"` too) |
//! | `word$`          | a word that ends with `word` (`^word$`: the word exactly)            |
//! | `"a phrase"`     | the words in this order, next to each other, exactly                 |
//! | `covid-19`       | a phrase too (`covid` then `19`); its last word may be a prefix      |
//! | `a \| b`         | either (OR binds tighter than the space: `a b \| c` is a AND (b OR c)) |
//!
//! Terms are separated by white space and must all match (AND); a lone `|` between two terms
//! makes them alternatives, as in fzf. A term is cut into words as the text is (see
//! [`crate::text`]), so punctuation never matters and a term without letters or digits is
//! ignored. Case ([`Case`]): a word whose only capital is its first letter (`Covid`) ignores
//! case but keeps its accents; an acronym (`CAR`, two or more capitals) or a word with a capital
//! inside (`PoC`) matches its exact form (`CAR` is not "care"); a word without capitals ignores
//! case and accents. A word longer than [`MAX_WORD_CHARS`] is cut there. An unterminated quote
//! runs to the end of the query. Parsing never fails.

use crate::text;

/// At most this many terms are kept (the rest of a longer query is ignored).
pub const MAX_TERMS: usize = 24;
/// At most this many words are kept in one phrase.
pub const MAX_PHRASE_WORDS: usize = 24;
/// A query word is cut after this many characters: no word of any report is longer, and a
/// pasted blob must not cost more than a few milliseconds.
pub const MAX_WORD_CHARS: usize = 100;

/// How a term's capitals and accents count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No capitals: case and accents ignored (`segou` is Ségou).
    Fold,
    /// Only a first capital (`Covid`, `Ségou`): case ignored, accents as typed.
    Lower,
    /// An acronym or an inner capital (`CAR`, `PoC`): the exact form.
    Exact,
}

impl Case {
    /// The case rule of a term's words: the strictest of them.
    pub fn of<S: AsRef<str>>(words: &[S]) -> Case {
        let words = words.iter().map(AsRef::as_ref);
        if words.clone().any(text::is_case_sensitive) {
            Case::Exact
        } else if words.into_iter().any(text::is_capitalised) {
            Case::Lower
        } else {
            Case::Fold
        }
    }
}

/// How a term's words may match words of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Exact, prefix, fuzzy or typo (a plain term); in a phrase, exact but the last word may be
    /// a prefix.
    Fuzzy,
    /// Exact words only (`'word`, `"a phrase"`).
    Exact,
    /// Exact or prefix (`^word`); in a phrase, the last word may be a prefix.
    Prefix,
    /// Exact or a word ending with it (`word$`); in a phrase, the first word may be a suffix.
    Suffix,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term's words as typed (one word, or several for a phrase).
    pub words: Vec<String>,
    pub mode: Mode,
    /// `!term`: recommendations that match are excluded.
    pub negated: bool,
    /// Written in double quotes.
    pub quoted: bool,
    /// How its capitals and accents count.
    pub case: Case,
    /// Terms of the same group are alternatives (`a | b`); groups are numbered from 0 in the
    /// order typed, one per term unless joined by `|`.
    pub group: usize,
}

impl Term {
    pub fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }
}

/// A parsed query: its terms in the order typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses a query; anything unrecognised is read as text, so this never fails.
    pub fn parse(input: &str) -> Query {
        let mut terms: Vec<Term> = Vec::new();
        let mut rest = input;
        // A `|` was read since the last term: the next one joins its group.
        let mut or_pending = false;
        while terms.len() < MAX_TERMS {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('|')
                && after.chars().next().is_none_or(char::is_whitespace)
            {
                or_pending = !terms.is_empty();
                rest = after;
                continue;
            }
            let mut negated = false;
            let mut mode = Mode::Fuzzy;
            // Operators may be combined, in any order: `!^war`, `^!war`, `!'war`.
            loop {
                if let Some(after) = rest.strip_prefix('!') {
                    negated = true;
                    rest = after;
                } else if let Some(after) = rest.strip_prefix('\'') {
                    mode = Mode::Exact;
                    rest = after;
                } else if let Some(after) = rest.strip_prefix('^') {
                    mode = Mode::Prefix;
                    rest = after;
                } else {
                    break;
                }
            }
            let quoted = rest.starts_with('"');
            let text;
            if quoted {
                let inner = &rest[1..];
                let end = inner.find('"').unwrap_or(inner.len());
                text = &inner[..end];
                rest = inner.get(end + 1..).unwrap_or("");
                if mode == Mode::Fuzzy {
                    mode = Mode::Exact;
                }
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let mut word = &rest[..end];
                rest = &rest[end..];
                // `word$`: a suffix; `^word$`: the whole word.
                if let Some(stem) = word.strip_suffix('$')
                    && mode != Mode::Exact
                {
                    word = stem;
                    mode = if mode == Mode::Prefix {
                        Mode::Exact
                    } else {
                        Mode::Suffix
                    };
                }
                text = word;
            }
            let words: Vec<String> = text::words(text)
                .take(MAX_PHRASE_WORDS)
                .map(|range| cut(&text[range]).to_string())
                .collect();
            if words.is_empty() {
                continue;
            }
            let case = Case::of(&words);
            let group = match terms.last() {
                Some(last) if or_pending => last.group,
                Some(last) => last.group + 1,
                None => 0,
            };
            or_pending = false;
            terms.push(Term {
                words,
                mode,
                negated,
                quoted,
                case,
                group,
            });
        }
        Query { terms }
    }

    /// The terms in groups of alternatives, in the order typed.
    pub fn groups(&self) -> impl Iterator<Item = &[Term]> {
        self.terms.chunk_by(|a, b| a.group == b.group)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when a term has an operator (`'`, `^`, `$`, `!`, quotes) or `|` joins terms: the
    /// query then means exactly what it says, and no partial matches are added.
    pub fn is_strict(&self) -> bool {
        self.terms
            .iter()
            .any(|t| t.mode != Mode::Fuzzy || t.quoted || t.negated)
            || self.groups().any(|group| group.len() > 1)
    }
}

/// A word cut to [`MAX_WORD_CHARS`] characters.
fn cut(word: &str) -> &str {
    word.char_indices()
        .nth(MAX_WORD_CHARS)
        .map_or(word, |(at, _)| &word[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(words: &[&str], mode: Mode, negated: bool, quoted: bool) -> Term {
        Term {
            words: words.iter().map(ToString::to_string).collect(),
            mode,
            negated,
            quoted,
            case: Case::of(words),
            group: 0,
        }
    }

    /// The terms with their groups numbered one per term, as a query without `|` has them.
    fn numbered(terms: Vec<Term>) -> Vec<Term> {
        terms
            .into_iter()
            .enumerate()
            .map(|(group, term)| Term { group, ..term })
            .collect()
    }

    #[test]
    fn plain_words_are_and_terms() {
        let query = Query::parse("  peacekeeping   intelligence ");
        assert_eq!(
            query.terms,
            numbered(vec![
                term(&["peacekeeping"], Mode::Fuzzy, false, false),
                term(&["intelligence"], Mode::Fuzzy, false, false)
            ])
        );
    }

    #[test]
    fn operators_exact_prefix_and_exclude() {
        let query = Query::parse("'transition ^vaccin !monusco !^covid ^!sage");
        assert_eq!(
            query.terms,
            numbered(vec![
                term(&["transition"], Mode::Exact, false, false),
                term(&["vaccin"], Mode::Prefix, false, false),
                term(&["monusco"], Mode::Fuzzy, true, false),
                term(&["covid"], Mode::Prefix, true, false),
                term(&["sage"], Mode::Prefix, true, false),
            ])
        );
    }

    #[test]
    fn quotes_make_exact_phrases_and_may_be_unterminated() {
        let query = Query::parse(r#"mali "sexual exploitation and abuse" !"south sudan" "open"#);
        assert_eq!(
            query.terms,
            numbered(vec![
                term(&["mali"], Mode::Fuzzy, false, false),
                term(
                    &["sexual", "exploitation", "and", "abuse"],
                    Mode::Exact,
                    false,
                    true
                ),
                term(&["south", "sudan"], Mode::Exact, true, true),
                term(&["open"], Mode::Exact, false, true),
            ])
        );
        assert_eq!(
            Query::parse(r#"^"quick imp""#).terms,
            [term(&["quick", "imp"], Mode::Prefix, false, true)]
        );
    }

    #[test]
    fn punctuation_splits_words_into_a_phrase() {
        let query = Query::parse("covid-19 MINUSMA-funded");
        assert_eq!(query.terms[0].words, ["covid", "19"]);
        assert!(query.terms[0].is_phrase());
        assert_eq!(query.terms[1].case, Case::Exact);
    }

    #[test]
    fn terms_without_words_are_ignored() {
        for input in [
            "",
            "   ",
            "!",
            "'",
            "^",
            "\"",
            "\"\"",
            "!^'",
            "--- … ?!",
            "\u{0}\u{1b}[31m",
        ] {
            assert!(
                Query::parse(input)
                    .terms
                    .iter()
                    .all(|t| !t.words.is_empty()),
                "{input:?}"
            );
        }
        assert!(Query::parse("! ' ^ \"\" ---").is_empty());
        assert_eq!(Query::parse("\u{1b}[31mred").terms[0].words, ["31mred"]);
    }

    #[test]
    fn case_is_per_term_and_a_first_capital_is_prose() {
        let query = Query::parse("UNMISS mali Mali PoC TCCs Ségou");
        let cases: Vec<Case> = query.terms.iter().map(|t| t.case).collect();
        assert_eq!(
            cases,
            [
                Case::Exact,
                Case::Fold,
                Case::Lower,
                Case::Exact,
                Case::Exact,
                Case::Lower
            ]
        );
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(5000);
        let query = Query::parse(&format!("{long} b"));
        assert_eq!(query.terms[0].words[0].chars().count(), MAX_WORD_CHARS);
        let wide = "é".repeat(300);
        assert_eq!(
            Query::parse(&wide).terms[0].words[0].chars().count(),
            MAX_WORD_CHARS
        );
    }

    #[test]
    fn operators_make_a_query_strict() {
        for strict in ["'a b", "^a", "a$", "!a b", "\"a b\"", "a | b"] {
            assert!(Query::parse(strict).is_strict(), "{strict}");
        }
        assert!(!Query::parse("women peace and security targets").is_strict());
        assert!(!Query::parse("covid-19 Vaccines").is_strict());
    }

    #[test]
    fn a_bar_joins_terms_into_alternatives() {
        let query = Query::parse("women | gender parity | 'balance !x");
        let groups: Vec<Vec<&str>> = query
            .groups()
            .map(|g| g.iter().map(|t| t.words[0].as_str()).collect())
            .collect();
        assert_eq!(
            groups,
            [
                vec!["women", "gender"],
                vec!["parity", "balance"],
                vec!["x"]
            ]
        );
        // A bar without a term on one side, or inside a word, joins nothing.
        let lone: Vec<usize> = Query::parse("| a | | b |")
            .terms
            .iter()
            .map(|t| t.group)
            .collect();
        assert_eq!(lone, [0, 0]);
        assert_eq!(Query::parse("a|b").terms[0].words, ["a", "b"]);
    }

    #[test]
    fn a_dollar_makes_a_suffix_and_with_a_caret_a_whole_word() {
        let query = Query::parse("tion$ ^mali$ 'x$ $");
        let modes: Vec<Mode> = query.terms.iter().map(|t| t.mode).collect();
        assert_eq!(modes, [Mode::Suffix, Mode::Exact, Mode::Exact]);
        assert_eq!(query.terms[0].words, ["tion"]);
    }

    #[test]
    fn long_queries_are_bounded() {
        let long = "word ".repeat(1000);
        assert_eq!(Query::parse(&long).terms.len(), MAX_TERMS);
        let phrase = format!("\"{}\"", "w ".repeat(1000));
        assert_eq!(Query::parse(&phrase).terms[0].words.len(), MAX_PHRASE_WORDS);
    }
}
