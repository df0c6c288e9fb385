//! The documents the responses cite: document symbols (`S/2020/1179`, `S/PRST/2021/11`,
//! `ST/AI/2020/5`, `A/77/19`) and resolutions cited by number, each normalised to its
//! document symbol and linked to the Official Document System (<https://undocs.org>).
//!
//! Resolutions are normalised by the form of their number, as the UN Editorial Manual writes
//! them:
//!
//! | in the text | symbol |
//! |---|---|
//! | `resolution 2589 (2021)` (a number and a year) | `S/RES/2589 (2021)` |
//! | `Security Council resolution 1325` (no year) | `S/RES/1325` |
//! | `resolution 72/262 C`, `General Assembly resolution 72/262` | `A/RES/72/262 C`, `A/RES/72/262` |
//! | `resolution S-10/2`, `resolution ES-11/1` (special sessions) | `A/RES/S-10/2`, `A/RES/ES-11/1` |
//! | `resolution 1514 (XV)` (before 1976: a session in roman numerals) | `A/RES/1514 (XV)` |
//! | `Economic and Social Council resolution 2021/16`, `resolution 2021/16` | `E/RES/2021/16` |
//! | `Human Rights Council resolution 45/10` | `A/HRC/RES/45/10` |
//!
//! A part letter is part of the citation ("when these resolutions are cited, the letter is an
//! integral part of the citation", Dag Hammarskjöld Library). Lists are split:
//! `resolutions 2086 (2013) and 2378 (2017)` is two citations, the first covering
//! `resolutions 2086 (2013)`, the second `2378 (2017)`; `resolutions 31/6 A and B` is
//! `A/RES/31/6 A` and `A/RES/31/6 B`. A bare `resolution 12` without a year or a Security
//! Council before it is not a citation. A written symbol (`S/RES/2589(2021)`) gets the same
//! spacing as a cited one (`S/RES/2589 (2021)`); a sentence's full stop after a symbol is not
//! part of it.
//!
//! Nothing here knows about terminals: the browser underlines [`find`]'s ranges, the command
//! line prints [`references`].

use std::cmp::Ordering;
use std::ops::Range;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::dataset::Dataset;
use crate::sanitize::SafeText;

/// Where a symbol's link starts: the Official Document System, English.
pub const LINK_BASE: &str = "https://undocs.org/en/";

/// One citation in a text: the bytes it covers and the symbol it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte range in the text, on character boundaries.
    pub range: Range<usize>,
    pub symbol: String,
}

/// A document the responses cite, with the paragraphs (of the Special Committee's report) whose
/// responses cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Made of the ASCII letters, digits and marks of a symbol, so safe as it is; typed so.
    pub symbol: SafeText,
    /// Sorted, without repeats.
    pub paras: Vec<u32>,
    pub link: String,
}

/// Symbol series recognised when written out, longest first.
const SERIES: &[&str] = &["ST/", "A/", "S/", "E/"];

/// Every citation in `text`, in order; ranges are disjoint and on character boundaries.
pub fn find(text: &str) -> Vec<Citation> {
    let mut citations = Vec::new();
    let mut at = 0;
    for start in citation_starts(text.as_bytes()) {
        if start < at || !starts_word(text, start) {
            continue;
        }
        if let Some(citation) = written_symbol_at(text, start) {
            at = citation.range.end;
            citations.push(citation);
            continue;
        }
        if let Some(found) = resolutions_at(text, start) {
            at = found.last().map_or(start + 1, |c| c.range.end);
            citations.extend(found);
        }
    }
    citations
}

/// Where a citation may start, in order: a series before a slash (`A/`, `E/`, `S/`, `ST/`) and
/// the `r` or `R` of "resolution". Found with memchr and memmem rather than by trying every
/// word of the text (most have neither).
fn citation_starts(bytes: &[u8]) -> Vec<usize> {
    let series = memchr::memchr_iter(b'/', bytes).filter_map(|slash| {
        if slash >= 2 && &bytes[slash - 2..slash] == b"ST" {
            Some(slash - 2)
        } else {
            let letter = slash.checked_sub(1)?;
            matches!(bytes[letter], b'A' | b'E' | b'S').then_some(letter)
        }
    });
    let resolutions = memchr::memmem::find_iter(bytes, "esolution").filter_map(|e| {
        let r = e.checked_sub(1)?;
        matches!(bytes[r], b'r' | b'R').then_some(r)
    });
    let mut starts: Vec<usize> = series.chain(resolutions).collect();
    starts.sort_unstable();
    starts
}

/// The documents cited by the responses, each once, with the paragraph numbers citing it.
///
/// Sorted by series in the order the report leans on them — `S` (Security Council), `A`
/// (General Assembly), `E` (Economic and Social Council), `ST` (Secretariat), then any other
/// alphabetically — and within a series naturally (numbers by value: `S/2020/1179` before
/// `S/2020/11790`, `S/RES/999` before `S/RES/2589`). Only responses count: the summary is
/// the document's, not an answer to any paragraph.
pub fn references(dataset: &Dataset) -> Vec<Reference> {
    let mut found: Vec<(String, Vec<u32>)> = Vec::new();
    for (_, recommendation) in dataset.recommendations() {
        for paragraph in &recommendation.paragraphs {
            for citation in find(paragraph) {
                match found.iter_mut().find(|(s, _)| *s == citation.symbol) {
                    Some((_, paras)) => paras.push(recommendation.para),
                    None => found.push((citation.symbol, vec![recommendation.para])),
                }
            }
        }
    }
    let mut references: Vec<Reference> = found
        .into_iter()
        .map(|(symbol, mut paras)| {
            paras.sort_unstable();
            paras.dedup();
            Reference {
                link: link(&symbol),
                symbol: symbol.into(),
                paras,
            }
        })
        .collect();
    references.sort_by(|a, b| compare_symbols(&a.symbol, &b.symbol));
    references
}

/// The Official Document System link of a symbol. The space before a year or session in
/// parentheses is dropped (`S/RES/2589(2021)`, the form undocs.org links use); other spaces and
/// characters outside a URL path are percent-encoded (`A/RES/72/262%20C`).
pub fn link(symbol: &str) -> String {
    /// Everything but letters, digits and the marks a symbol's path uses.
    const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'(')
        .remove(b')');
    let compact = symbol.replace(" (", "(");
    format!("{LINK_BASE}{}", utf8_percent_encode(&compact, ENCODED))
}

/// Order of symbols: by series (see [`references`]), then naturally.
pub fn compare_symbols(a: &str, b: &str) -> Ordering {
    series_rank(a)
        .cmp(&series_rank(b))
        .then_with(|| compare_naturally(a, b))
        .then_with(|| a.cmp(b))
}

fn series_rank(symbol: &str) -> (usize, &str) {
    let series = symbol.split('/').next().unwrap_or(symbol);
    let rank = ["S", "A", "E", "ST"]
        .iter()
        .position(|s| *s == series)
        .unwrap_or(4);
    (rank, if rank == 4 { series } else { "" })
}

/// Compares runs of digits by value and everything else by character; a number sorts before
/// text.
fn compare_naturally(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (chunk(a), chunk(b)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((ca, ra)), Some((cb, rb))) => {
                let order = match (is_number(ca), is_number(cb)) {
                    (true, true) => {
                        let (ta, tb) = (ca.trim_start_matches('0'), cb.trim_start_matches('0'));
                        ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
                    }
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => ca.cmp(cb),
                };
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
        }
    }
}

/// The first run of digits or of non-digits, and the rest.
fn chunk(text: &str) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    let digit = first.is_ascii_digit();
    let len = text
        .find(|c: char| c.is_ascii_digit() != digit)
        .unwrap_or(text.len());
    Some(text.split_at(len))
}

fn is_number(chunk: &str) -> bool {
    chunk.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a word starts at `at`: the character before is no letter, digit or symbol separator.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_')))
}

/// Whether no letter or digit follows `at`.
fn ends_word(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Length of the whitespace run at `at` (any whitespace, line breaks and no-break spaces too).
fn whitespace_len(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len() - at, |(i, _)| i)
}

/// Length of the ASCII digits at `at`.
fn digits_len(text: &str, at: usize) -> usize {
    text.as_bytes()[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// A symbol written out at `at`: a series, then letters, digits, dots, slashes and hyphens with
/// at least one digit, without a trailing stop, slash or hyphen.
fn written_symbol_at(text: &str, at: usize) -> Option<Citation> {
    let rest = &text[at..];
    let series = SERIES.iter().find(|series| rest.starts_with(**series))?;
    let body = rest.as_bytes()[series.len()..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-'))
        .count();
    let symbol = rest[..series.len() + body].trim_end_matches(['.', '/', '-']);
    if !symbol
        .get(series.len()..)
        .is_some_and(|body| body.bytes().any(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut end = at + symbol.len();
    let mut symbol = symbol.to_string();
    // The year, session or part that completes a resolution's symbol.
    let last = symbol.rsplit('/').next().unwrap_or_default();
    let numbered = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
    let slashes = symbol.matches('/').count();
    if numbered && symbol.starts_with("S/RES/") && slashes == 2 {
        if let Some((len, year)) = parenthesis_at(text, end, is_year) {
            symbol = format!("{symbol} ({year})");
            end += len;
        }
    } else if numbered && symbol.starts_with("A/RES/") && slashes == 2 {
        if let Some((len, session)) = parenthesis_at(text, end, is_roman_session) {
            symbol = format!("{symbol} ({session})");
            end += len;
        }
    } else if numbered
        && symbol.starts_with("A/RES/")
        && let Some(part) = part_letter_at(text, end)
    {
        symbol = format!("{symbol} {part}");
        end += 2;
    }
    Some(Citation {
        range: at..end,
        symbol,
    })
}

/// `(content)` at `at`, after optional whitespace, when `valid(content)`: its length from `at`
/// and the content.
fn parenthesis_at(text: &str, at: usize, valid: fn(&str) -> bool) -> Option<(usize, &str)> {
    let open = at + whitespace_len(text, at);
    let inner = text[open..].strip_prefix('(')?;
    // Years and sessions are short: look no further than that for the closing parenthesis.
    let close = inner.bytes().take(8).position(|b| b == b')')?;
    let content = &inner[..close];
    valid(content).then_some((open + 1 + close + 1 - at, content))
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// `XV`, `S-VI` or `ES-V`: a session of the General Assembly before 1976.
fn is_roman_session(text: &str) -> bool {
    let roman = text
        .strip_prefix("ES-")
        .or_else(|| text.strip_prefix("S-"))
        .unwrap_or(text);
    !roman.is_empty() && roman.bytes().all(|b| b"IVXLC".contains(&b))
}

/// A part letter after a space at `at` (`C` in `72/262 C`): one capital letter, then no letter
/// or digit.
fn part_letter_at(text: &str, at: usize) -> Option<char> {
    let rest = text.get(at..)?;
    let letter = rest.strip_prefix(' ')?.chars().next()?;
    (letter.is_ascii_uppercase() && ends_word(text, at + 2)).then_some(letter)
}

/// The body that adopted a resolution, when its name comes right before "resolution".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    SecurityCouncil,
    GeneralAssembly,
    EconomicAndSocialCouncil,
    HumanRightsCouncil,
}

fn body_before(text: &str, at: usize) -> Option<Body> {
    let before = &text[..at];
    // Enough words for the longest name; whitespace normalised so line breaks do not matter.
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let tail: Vec<&str> = words.into_iter().rev().collect();
    let tail = tail.join(" ");
    [
        ("Security Council", Body::SecurityCouncil),
        ("General Assembly", Body::GeneralAssembly),
        (
            "Economic and Social Council",
            Body::EconomicAndSocialCouncil,
        ),
        ("Human Rights Council", Body::HumanRightsCouncil),
    ]
    .into_iter()
    .find(|(name, _)| {
        tail.ends_with(name)
            && tail[..tail.len() - name.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
    .map(|(_, body)| body)
}

/// One cited number: where it ends, its symbol, and for a resolution cited with a part letter
/// the symbol without it (for the `B` of `A and B`).
struct Item {
    end: usize,
    symbol: String,
    parts_of: Option<String>,
}

/// `resolution 2589 (2021)`, `resolutions 2086 (2013) and 2378 (2017)`, … at `at`.
fn resolutions_at(text: &str, at: usize) -> Option<Vec<Citation>> {
    let rest = &text[at..];
    let word = ["resolutions", "Resolutions", "resolution", "Resolution"]
        .into_iter()
        .find(|word| rest.starts_with(word))?;
    let plural = word.ends_with('s');
    let gap = whitespace_len(text, at + word.len());
    if gap == 0 {
        return None;
    }
    let body = body_before(text, at);
    let first = item_at(text, at + word.len() + gap, body)?;
    let mut citations = vec![Citation {
        range: at..first.end,
        symbol: first.symbol,
    }];
    let mut parts_of = first.parts_of;
    let mut end = first.end;
    // Only "resolutions" starts a list.
    if plural {
        while let Some(next) = list_separator_end(text, end) {
            if let Some(base) = &parts_of
                && let Some(part) = text[next..].chars().next()
                && part.is_ascii_uppercase()
                && ends_word(text, next + 1)
            {
                citations.push(Citation {
                    range: next..next + 1,
                    symbol: format!("{base} {part}"),
                });
                end = next + 1;
                continue;
            }
            let Some(item) = item_at(text, next, body) else {
                break;
            };
            citations.push(Citation {
                range: next..item.end,
                symbol: item.symbol,
            });
            parts_of = item.parts_of;
            end = item.end;
        }
    }
    Some(citations)
}

/// After `, `, ` and `, `, and `, ` or ` at `at`: where the next item starts.
fn list_separator_end(text: &str, at: usize) -> Option<usize> {
    let mut next = at;
    let comma = text[next..].starts_with([',', ';']);
    if comma {
        next += 1;
    }
    let gap = whitespace_len(text, next);
    if gap == 0 {
        return None;
    }
    next += gap;
    for word in ["and", "or"] {
        if text[next..].starts_with(word) {
            let gap = whitespace_len(text, next + word.len());
            if gap > 0 {
                return Some(next + word.len() + gap);
            }
        }
    }
    comma.then_some(next)
}

/// A resolution number at `at` and what completes it (year, session, part).
fn item_at(text: &str, at: usize, body: Option<Body>) -> Option<Item> {
    let rest = &text[at..];
    // Special and emergency special sessions: `S-10/2`, `ES-11/1`.
    let session_prefix = ["ES-", "S-"]
        .into_iter()
        .find(|p| rest.starts_with(p))
        .unwrap_or("");
    let first = digits_len(text, at + session_prefix.len());
    if first == 0 {
        return None;
    }
    let mut end = at + session_prefix.len() + first;
    let slashed = text[end..].starts_with('/') && digits_len(text, end + 1) > 0;
    if slashed {
        end += 1 + digits_len(text, end + 1);
    } else if !session_prefix.is_empty() {
        return None;
    }
    if !ends_word(text, end) || text[end..].starts_with('/') {
        return None;
    }
    let number = &text[at..end];
    if slashed {
        let series = match body {
            Some(Body::HumanRightsCouncil) => "A/HRC/RES",
            Some(Body::EconomicAndSocialCouncil) => "E/RES",
            // ECOSOC numbers its resolutions by year (`2021/16`), the Assembly by session.
            _ if first == 4 && session_prefix.is_empty() => "E/RES",
            _ => "A/RES",
        };
        let base = format!("{series}/{number}");
        return Some(match part_letter_at(text, end) {
            Some(part) => Item {
                end: end + 2,
                symbol: format!("{base} {part}"),
                parts_of: Some(base),
            },
            // Without a part, a capital letter after "and" is not one: `70/6 and A new …`.
            None => Item {
                end,
                symbol: base,
                parts_of: None,
            },
        });
    }
    if let Some((len, year)) = parenthesis_at(text, end, is_year) {
        return matches!(body, None | Some(Body::SecurityCouncil)).then(|| Item {
            end: end + len,
            symbol: format!("S/RES/{number} ({year})"),
            parts_of: None,
        });
    }
    if let Some((len, session)) = parenthesis_at(text, end, is_roman_session) {
        return Some(Item {
            end: end + len,
            symbol: format!("A/RES/{number} ({session})"),
            parts_of: None,
        });
    }
    (body == Some(Body::SecurityCouncil)).then(|| Item {
        end,
        symbol: format!("S/RES/{number}"),
        parts_of: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|c| (&text[c.range], c.symbol))
            .collect()
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut symbols = vec![
            "ST/AI/2020/5",
            "A/RES/72/262 C",
            "S/RES/2589 (2021)",
            "S/2020/1224",
            "A/75/19",
            "S/RES/999 (1995)",
            "S/2020/1179",
            "E/RES/2021/16",
            "S/PRST/2021/11",
            "A/61/19/Rev.1",
        ];
        symbols.sort_by(|a, b| compare_symbols(a, b));
        assert_eq!(
            symbols,
            [
                "S/2020/1179",
                "S/2020/1224",
                "S/PRST/2021/11",
                "S/RES/999 (1995)",
                "S/RES/2589 (2021)",
                "A/61/19/Rev.1",
                "A/75/19",
                "A/RES/72/262 C",
                "E/RES/2021/16",
                "ST/AI/2020/5",
            ]
        );
    }

    /// `find` as it was written before it looked for candidates with memchr: every word of
    /// the text tried in turn. The oracle for the test below.
    fn find_word_by_word(text: &str) -> Vec<Citation> {
        let bytes = text.as_bytes();
        let mut citations = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if !bytes[at].is_ascii_alphabetic() || !starts_word(text, at) {
                at += 1;
                continue;
            }
            if let Some(citation) = written_symbol_at(text, at) {
                at = citation.range.end;
                citations.push(citation);
                continue;
            }
            if let Some(found) = resolutions_at(text, at) {
                at = found.last().map_or(at + 1, |c| c.range.end);
                citations.extend(found);
                continue;
            }
            at += bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
        }
        citations
    }

    #[test]
    fn looking_only_where_a_citation_may_start_finds_what_every_word_tried_finds() {
        let pieces = [
            "S/2020/1179",
            "S/PRST/2021/11",
            "ST/AI/2020/5",
            "A/77/19",
            "E/2021/3",
            "resolution 2589 (2021)",
            "resolutions 2086 (2013) and 2378 (2017)",
            "resolutions 31/6 A and B",
            "Security Council resolution 1325",
            "General Assembly resolution 72/262 C",
            "resolution S-10/2",
            "resolution ES-11/1",
            "resolution 1514 (XV)",
            "Economic and Social Council resolution 2021/16",
            "Human Rights Council resolution 45/10",
            "Resolution 2000 (2011)",
            "S/RES/2589(2021).",
            "A/RES/72/262 C",
            "xS/2020/1",
            "éS/2020/2",
            "-A/75/1",
            "_E/2020/3",
            ".S/1/2",
            "AST/1/2",
            "TS/2020/1",
            "RS/2020/1",
            "as/2020/9",
            "A/",
            "S//",
            "/S/2020/4",
            "ST/",
            "reSolution 3 (2000)",
            "xresolution 4 (2001)",
            "résolution 5",
            "resolution 12",
            "resolution",
            "r",
            "esolution",
            "the",
            "and",
            "peace",
            ",",
            ";",
            "(",
            "Secretariat",
            "Africa",
            "\u{a0}",
            "\n",
        ];
        // A fixed pseudo-random walk over the pieces (a linear congruential generator).
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let piece = pieces[usize::try_from(state >> 33).unwrap() % pieces.len()];
                text.push_str(piece);
                if state & 0x100 == 0 {
                    text.push(' ');
                }
            }
            assert_eq!(find(&text), find_word_by_word(&text), "{text}");
        }
    }

    #[test]
    fn ranges_are_on_character_boundaries_around_other_scripts() {
        let text = "« résolution\u{a0}2589\u{a0}(2021) » — voir S/2020/1179…";
        for citation in find(text) {
            assert!(text.is_char_boundary(citation.range.start));
            assert!(text.is_char_boundary(citation.range.end));
        }
        assert_eq!(cited(text), [("S/2020/1179", "S/2020/1179".to_string())]);
    }

    #[test]
    fn a_written_resolution_symbol_takes_its_year() {
        assert_eq!(
            cited("see S/RES/2589(2021)."),
            [("S/RES/2589(2021)", "S/RES/2589 (2021)".to_string())]
        );
    }
}
