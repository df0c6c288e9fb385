//! Words hyphenated at a line end, joined by what the rest of the document writes.

use std::collections::HashSet;

use super::lines::Page;

/// The words of the document as written inside lines (not broken at a line end), lower case,
/// and their stems (so `in-` / `volved` finds `involvement`).
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    pub(super) words: HashSet<String>,
    pub(super) stems: HashSet<String>,
}

impl Vocabulary {
    pub(super) fn insert(&mut self, word: String) {
        if !word.contains('-') {
            self.stems.insert(stem_of(&word));
        }
        self.words.insert(word);
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub(super) fn contains_stem_of(&self, word: &str) -> bool {
        self.stems.contains(&stem_of(word))
    }
}

pub(super) fn stem_of(word: &str) -> String {
    crate::text::stem(&crate::text::fold(word)).into_owned()
}

pub(super) fn vocabulary(pages: &[Page]) -> Vocabulary {
    let mut words = Vocabulary::default();
    for page in pages {
        let mut after_break = false;
        for line in &page.lines {
            let tokens: Vec<&str> = line
                .chunks
                .iter()
                .flat_map(|c| c.text.split_whitespace())
                .collect();
            for (i, token) in tokens.iter().enumerate() {
                let word = bare_word(token);
                let broken = (i + 1 == tokens.len()
                    && (word.ends_with('-') || word.ends_with('\u{ad}')))
                    || (i == 0 && after_break);
                if !broken && !word.is_empty() {
                    let word = word.to_lowercase();
                    // The halves of a compound are words too (`police` in `police-contributing`).
                    for part in word.split('-').filter(|part| !part.is_empty()) {
                        words.insert(part.to_string());
                    }
                    words.insert(word);
                }
            }
            after_break = tokens
                .last()
                .is_some_and(|token| token.ends_with('-') || token.ends_with('\u{ad}'));
        }
    }
    words
}

/// A token without the punctuation around it (hyphens inside or at the end stay).
pub(super) fn bare_word(token: &str) -> &str {
    token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{ad}')
}

/// How a line ending in a hyphen joins the next line.
pub(super) enum Hyphen {
    /// A compound broken after its hyphen: `police-` / `contributing`.
    Keep,
    /// A word hyphenated by the typesetter: `peace-` / `keeping`.
    Drop,
    /// A suspended hyphen before a space: `troop-` / `and police-contributing`.
    Space,
}

/// Words after which a line-end hyphen is suspended (`troop- and police-contributing`).
pub(super) const SUSPENDED_BEFORE: &[&str] = &["and", "or", "to", "nor"];

/// Appends the next line of a paragraph, joining a word hyphenated across the line end.
pub(super) fn append_line(paragraph: &mut String, next: &str, vocabulary: &Vocabulary) {
    if paragraph.is_empty() {
        paragraph.push_str(next);
        return;
    }
    if let Some(stem) = paragraph.strip_suffix('\u{ad}') {
        let stem_len = stem.len();
        paragraph.truncate(stem_len);
        paragraph.push_str(next);
        return;
    }
    let head = paragraph
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let before = bare_word(head.trim_end_matches('-'));
    let first = next.split_whitespace().next().unwrap_or_default();
    let after = first.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-');
    let hyphenated = paragraph.ends_with('-')
        && before.chars().last().is_some_and(char::is_alphabetic)
        && after.chars().next().is_some_and(char::is_alphabetic);
    if !hyphenated {
        paragraph.push(' ');
        paragraph.push_str(next);
        return;
    }
    let before_lower = before.to_lowercase();
    let after_lower = after.to_lowercase();
    let join = if vocabulary.contains(&format!("{before_lower}-{after_lower}")) {
        Hyphen::Keep
    } else if vocabulary.contains(&format!("{before_lower}{after_lower}")) {
        Hyphen::Drop
    } else if SUSPENDED_BEFORE.contains(&after_lower.as_str())
        || vocabulary.contains(&format!("{before_lower}-"))
    {
        Hyphen::Space
    } else if vocabulary.contains_stem_of(&format!("{before_lower}{after_lower}")) {
        Hyphen::Drop
    } else if vocabulary.contains(after_lower.split('-').next().unwrap_or_default()) {
        // A typesetter's break leaves a syllable (`Secre-` / `tariat`), a compound a word.
        Hyphen::Keep
    } else {
        Hyphen::Drop
    };
    match join {
        Hyphen::Keep => {}
        Hyphen::Drop => {
            paragraph.pop();
        }
        Hyphen::Space => paragraph.push(' '),
    }
    paragraph.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        for word in list {
            vocabulary.insert((*word).to_string());
        }
        vocabulary
    }

    #[test]
    fn hyphens_at_line_ends() {
        let vocabulary = words(&[
            "peacekeeping",
            "troop",
            "and",
            "police-contributing",
            "up",
            "date",
            "updated",
            "time",
        ]);
        let join = |a: &str, b: &str| {
            let mut text = a.to_string();
            append_line(&mut text, b, &vocabulary);
            text
        };
        assert_eq!(
            join("the peace-", "keeping force"),
            "the peacekeeping force"
        );
        assert_eq!(join("troop-", "and police"), "troop- and police");
        assert_eq!(
            join("and police-", "contributing"),
            "and police-contributing"
        );
        assert_eq!(join("real-", "time data"), "real-time data");
        assert_eq!(join("the Secre-", "tariat"), "the Secretariat");
        assert_eq!(join("an up-", "date on"), "an update on");
        assert_eq!(join("a line", "the next"), "a line the next");
        assert_eq!(join("2021–", "2022"), "2021– 2022");
        assert_eq!(join("inter\u{ad}", "national"), "international");
    }
}
