//! The reader's text laid out for a width: computed once per (recommendation, width, search)
//! and kept in the state as plain line ranges and hit lines, so a key that only scrolls does no
//! wrapping, and the renderer only styles the lines it shows.

use std::borrow::Cow;
use std::ops::Range;

use crate::dataset::{Dataset, Location, Mission, roman_value};
use crate::sanitize::{for_line, for_terminal};
use crate::search::Hit;
use crate::text::{clip, wrap};

/// What the reader's layout depends on; a new key means a new layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderKey {
    pub location: Option<Location>,
    pub width: usize,
    /// Changes whenever the highlighted search changes.
    pub found_version: u64,
}

/// One line of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLine {
    /// `¶ 165 of A/75/19`, wrapped.
    Heading(String),
    /// `VIII. Safety and security`, wrapped.
    Section(String),
    Blank,
    /// A wrapped line of paragraph `paragraph` (an index into [`ReaderLayout::paragraphs`]).
    Text {
        paragraph: usize,
        range: Range<usize>,
    },
    /// Shown when there is nothing to read.
    Empty(String),
}

/// A response paragraph as drawn, with what stands out in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderParagraph {
    /// The paragraph made safe to draw (see [`readable`]).
    pub text: String,
    /// Acronyms and document symbols, in order.
    pub marks: Vec<(Range<usize>, Mark)>,
    /// Search hits on `text`, in order, with their index among the response's hits.
    pub hits: Vec<(Range<usize>, usize)>,
}

/// The reader's text for one recommendation at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLayout {
    pub key: ReaderKey,
    pub lines: Vec<ReaderLine>,
    pub paragraphs: Vec<ReaderParagraph>,
    /// The line each search hit starts on, in hit order.
    pub hit_lines: Vec<usize>,
    /// True for a response "not addressed to the Secretariat".
    pub not_addressed: bool,
}

impl ReaderLayout {
    /// Lays out the recommendation at `key.location` for `key.width` cells: a header (paragraph
    /// of the Special Committee's report and section), a blank line, then the response's
    /// paragraphs separated by blank lines; `hit` holds the search hits to highlight.
    pub fn new(dataset: &Dataset, key: ReaderKey, hit: Option<&Hit>) -> ReaderLayout {
        let width = key.width.max(1);
        let mut layout = ReaderLayout {
            key,
            lines: Vec::new(),
            paragraphs: Vec::new(),
            hit_lines: Vec::new(),
            not_addressed: false,
        };
        let Some((location, recommendation)) = key
            .location
            .and_then(|location| Some((location, dataset.get(location)?)))
        else {
            layout.lines.push(ReaderLine::Empty(clip(
                "No recommendations to show.",
                width,
            )));
            return layout;
        };
        layout.not_addressed = recommendation.is_not_addressed();
        let header = format!(
            "¶ {} of {}",
            recommendation.para,
            for_line(&dataset.document.responds_to)
        );
        for range in wrap(&header, width) {
            layout
                .lines
                .push(ReaderLine::Heading(header[range].to_string()));
        }
        if let Some(section) = dataset.sections.get(location.section) {
            let heading = for_line(&section.heading()).into_owned();
            for range in wrap(&heading, width) {
                layout
                    .lines
                    .push(ReaderLine::Section(heading[range].to_string()));
            }
        }
        let mut hit_index = 0;
        for (index, paragraph) in recommendation.paragraphs.iter().enumerate() {
            layout.lines.push(ReaderLine::Blank);
            let text = readable(paragraph);
            let marks = highlights(&text, &dataset.missions);
            let raw: Vec<Range<usize>> = hit
                .iter()
                .flat_map(|hit| hit.highlights.iter())
                .filter(|highlight| highlight.paragraph == index)
                .map(|highlight| highlight.range.clone())
                .collect();
            let hits: Vec<(Range<usize>, usize)> = crate::text::map_ranges(paragraph, &text, &raw)
                .into_iter()
                .enumerate()
                .map(|(i, range)| (range, hit_index + i))
                .collect();
            hit_index += raw.len();
            let ranges = wrap(&text, width);
            for (range, _) in &hits {
                let line = ranges
                    .iter()
                    .position(|line| range.start < line.end)
                    .unwrap_or(ranges.len().saturating_sub(1));
                layout.hit_lines.push(layout.lines.len() + line);
            }
            for range in ranges {
                layout.lines.push(ReaderLine::Text {
                    paragraph: layout.paragraphs.len(),
                    range,
                });
            }
            layout.paragraphs.push(ReaderParagraph {
                text: text.into_owned(),
                marks,
                hits,
            });
        }
        layout
    }
}

/// A paragraph as it may be drawn: unsafe characters made visible, tabs as spaces.
pub fn readable(paragraph: &str) -> Cow<'_, str> {
    match for_terminal(paragraph) {
        Cow::Borrowed(text) if !text.contains('\t') => Cow::Borrowed(text),
        text => Cow::Owned(text.replace('\t', " ")),
    }
}

/// What a highlighted stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A mission or other acronym (MINUSMA, UNMISS, ECOWAS).
    Acronym,
    /// A document symbol (A/75/19, S/PRST/2021/11) or a numbered resolution.
    Symbol,
}

/// The stretches of `text` to make stand out, in order and not overlapping.
pub fn highlights(text: &str, missions: &[Mission]) -> Vec<(Range<usize>, Mark)> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1]));
        if !at_word_start {
            i += 1;
            continue;
        }
        if let Some(end) = symbol_at(text, i).or_else(|| resolution_at(text, i)) {
            marks.push((i..end, Mark::Symbol));
            i = end;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| is_word(b)).count();
        let word = &text[i..end];
        if is_acronym(word, missions) {
            marks.push((i..end, Mark::Acronym));
        }
        i = end;
    }
    marks
}

/// All capitals, four letters or more (not a roman numeral), or a mission's acronym.
fn is_acronym(word: &str, missions: &[Mission]) -> bool {
    let all_caps = word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && roman_value(word).is_none();
    all_caps || missions.iter().any(|mission| mission.acronym == word)
}

/// The end of a document symbol starting at `start`: `A/`, `S/`, `E/` or `ST/`, then letters,
/// digits, dots, slashes and hyphens, with at least one digit.
fn symbol_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let prefix = ["ST/", "A/", "S/", "E/"]
        .into_iter()
        .find(|prefix| rest.starts_with(prefix))?;
    let body = rest[prefix.len()..]
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-'))
        .count();
    let mut symbol = &rest[..prefix.len() + body];
    // A sentence's full stop or a trailing separator is not part of the symbol.
    symbol = symbol.trim_end_matches(['.', '/', '-']);
    let has_digit = symbol[prefix.len()..].bytes().any(|b| b.is_ascii_digit());
    has_digit.then_some(start + symbol.len())
}

/// The end of `resolution 2589 (2021)` or `resolution 72/262 C` starting at `start`.
fn resolution_at(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let word = ["resolutions ", "Resolutions ", "resolution ", "Resolution "]
        .into_iter()
        .find(|word| rest.starts_with(word))?;
    let mut end = word.len();
    let number = rest[end..]
        .bytes()
        .take_while(|&b| b.is_ascii_digit() || b == b'/')
        .count();
    let number_text = &rest[end..end + number];
    if !number_text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    end += number_text.trim_end_matches('/').len();
    let after = &rest[end..];
    let year = after
        .strip_prefix(" (")
        .filter(|tail| tail.len() >= 5 && tail.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .filter(|tail| tail.as_bytes()[4] == b')');
    if year.is_some() {
        end += " (2021)".len();
    } else if let Some(tail) = after.strip_prefix(' ') {
        // A part letter, as in "resolution 72/262 C".
        let bytes = tail.as_bytes();
        if bytes.first().is_some_and(u8::is_ascii_uppercase)
            && bytes.get(1).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            end += 2;
        }
    }
    Some(start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(&str, Mark)> {
        highlights(text, &[])
            .into_iter()
            .map(|(range, mark)| (&text[range], mark))
            .collect()
    }

    #[test]
    fn acronyms_symbols_and_resolutions_are_found() {
        let text = "MINUSCA, MINUSMA and MONUSCO's support (S/2020/1179, S/PRST/2021/11.) under \
                    resolution 2589 (2021) and resolution 72/262 C, in chapter VIII of A/75/19.";
        assert_eq!(
            marked(text),
            vec![
                ("MINUSCA", Mark::Acronym),
                ("MINUSMA", Mark::Acronym),
                ("MONUSCO", Mark::Acronym),
                ("S/2020/1179", Mark::Symbol),
                ("S/PRST/2021/11", Mark::Symbol),
                ("resolution 2589 (2021)", Mark::Symbol),
                ("resolution 72/262 C", Mark::Symbol),
                ("A/75/19", Mark::Symbol),
            ]
        );
    }

    #[test]
    fn ordinary_words_are_not_marked() {
        assert!(marked("conflict resolution and the UN in A/B testing, and US/UK").is_empty());
        assert!(marked("resolution of 39 conflicts").is_empty());
    }

    #[test]
    fn known_short_acronyms_are_marked() {
        let missions = [Mission {
            acronym: "UNV".into(),
            name: String::new(),
            location: String::new(),
            paras: vec![],
        }];
        let text = "with UNV volunteers";
        let marks = highlights(text, &missions);
        assert_eq!(marks, vec![(5..8, Mark::Acronym)]);
    }

    #[test]
    fn control_characters_in_data_are_shown_not_sent() {
        assert_eq!(readable("a\u{1b}]0;x\u{7}\tb"), "a\u{241b}]0;x\u{2407} b");
        assert!(matches!(readable("plain"), Cow::Borrowed("plain")));
    }
}
