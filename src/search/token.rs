//! Words and sentences: the one tokenizer shared by the index, the query parser and the
//! mission gazetteer, so that all three cut text the same way.
//!
//! A word is a maximal run of alphanumeric characters: `MINUSMA-funded` is `MINUSMA` and
//! `funded`, `Secretary-General’s` is `Secretary`, `General` and `s`, `COVID-19` is `COVID` and
//! `19`. Sentences end at `.`, `!` or `?` (after any closing quotes or brackets) when followed
//! by a space and a capital, a digit or an opening quote or bracket, unless the word before the
//! stop is an abbreviation such as `e.g` or `para`.

use std::ops::Range;

/// The byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|&(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// The sentences of `text` that have at least one word, each with its words' byte ranges.
/// The index numbers sentences and words in exactly this order.
pub fn sentence_words(text: &str) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
    sentences(text)
        .into_iter()
        .filter_map(|sentence| {
            let offset = sentence.start;
            let words: Vec<Range<usize>> = words(&text[sentence.clone()])
                .map(|word| word.start + offset..word.end + offset)
                .collect();
            (!words.is_empty()).then_some((sentence, words))
        })
        .collect()
}

/// The byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // The stop may be followed by closing quotes or brackets that belong to the sentence.
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']') {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let after_space = rest.trim_start();
        let has_space = after_space.len() < rest.len();
        let next_starts_sentence = after_space.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '"' | '(' | '‘' | '[')
        });
        if c == '.' && is_abbreviation(&text[start..i]) {
            continue;
        }
        if has_space && next_starts_sentence {
            push_trimmed(&mut out, text, start..end);
            start = end;
        }
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing < slice.len() {
        out.push(range.start + leading..range.end - trailing);
    }
}

/// True when the text before a full stop ends with an abbreviation (`e.g`, `para`, `No`) or a
/// single letter (an initial), so the stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: [&str; 14] = [
        "e.g", "i.e", "para", "paras", "No", "Nos", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "cf", "al",
    ];
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    ABBREVIATIONS.contains(&last)
        || (last.chars().count() == 1 && last.chars().all(char::is_alphabetic))
}

/// The case-folded form used for case-insensitive matching.
pub fn fold(word: &str) -> String {
    word.to_lowercase()
}

/// True when a query word asks for case-sensitive matching (smart case, as in fzf and skim:
/// any upper-case letter).
pub fn is_case_sensitive(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
}

/// Small words that neither start nor end a mission key ("Mission in the Sudan" matches
/// "mission sudan"); they are skipped when names and places are compared.
pub fn is_stopword(folded: &str) -> bool {
    matches!(
        folded,
        "the" | "of" | "in" | "for" | "to" | "and" | "on" | "a"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<&str> {
        words(text).map(|range| &text[range]).collect()
    }

    #[test]
    fn words_split_on_punctuation_and_keep_letters_and_digits_together() {
        assert_eq!(
            word_texts("MINUSMA-funded projects; COVID-19 (C4ISR) the Secretary-General’s"),
            [
                "MINUSMA",
                "funded",
                "projects",
                "COVID",
                "19",
                "C4ISR",
                "the",
                "Secretary",
                "General",
                "s"
            ]
        );
        assert_eq!(word_texts("Ségou d’état"), ["Ségou", "d", "état"]);
        assert!(word_texts(" — … ").is_empty());
        assert!(word_texts("").is_empty());
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        let text =
            "See, e.g., S/2020/1224. The board met. In Mali, para. 5 applies! “Quoted.” (Last)";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "See, e.g., S/2020/1224.",
                "The board met.",
                "In Mali, para. 5 applies!",
                "“Quoted.”",
                "(Last)"
            ]
        );
    }

    #[test]
    fn decimals_and_lower_case_continuations_do_not_split() {
        let text = "It rose by 0.21 per cent. to 3.5 million in total.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn sentence_words_keep_only_sentences_with_words() {
        let text = "One two. (—). Three.";
        let found: Vec<(&str, Vec<&str>)> = sentence_words(text)
            .into_iter()
            .map(|(s, words)| (&text[s], words.into_iter().map(|w| &text[w]).collect()))
            .collect();
        assert_eq!(
            found,
            [("One two.", vec!["One", "two"]), ("Three.", vec!["Three"])]
        );
    }

    #[test]
    fn smart_case_and_folding() {
        assert!(is_case_sensitive("UNMISS"));
        assert!(!is_case_sensitive("unmiss"));
        assert_eq!(fold("ÉTAT"), "état");
    }
}
