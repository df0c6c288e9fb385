//! Report text (as converted from PDF) -> [`Dataset`].
//!
//! The conversion mixes layouts, sometimes within one page, so every line is first *unwrapped*
//! from its container (markdown table row, tab-separated row, bullet) into a key and a text, and
//! only then classified. That way each layout works wherever it appears. Wording is kept
//! verbatim: only conversion markup (`<p>`, links, backslash escapes, inline tags) is removed.

use crate::dataset::{Dataset, Document, Recommendation, Section, find_markup, roman_value};
use crate::missions;
use crate::sanitize::SafeText;

/// Settings the text itself may not supply.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The document symbol, when the front matter does not print it.
    pub symbol: Option<String>,
}

/// An import failure at a place in the input (1-based line and character column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn error_at(line: usize, column: usize, message: impl Into<String>) -> ImportError {
    ImportError {
        line,
        column,
        message: message.into(),
    }
}

/// What one line of the source is, once unwrapped from its layout.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line<'a> {
    Blank,
    /// The repeated column heading `Para. in` / `A/77/19` (the symbol may be on the next line).
    PageHeader {
        symbol: Option<&'a str>,
    },
    /// A markdown table separator or an empty table header row.
    TableRule,
    Section {
        number: &'a str,
        title: &'a str,
    },
    /// The start of a response: the paragraph number and the text on the same line.
    Numbered {
        para: u32,
        text: &'a str,
        column: usize,
    },
    /// A line that starts as a response would, with a number too long to be a paragraph's.
    TooLong {
        number: &'a str,
        column: usize,
    },
    /// A paragraph without a number: it continues the response above.
    Text {
        text: &'a str,
        column: usize,
    },
}

/// Imports the report text into a validated dataset, with its mission index.
pub fn import(text: &str, options: &ImportOptions) -> Result<Dataset, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let body_start = lines
        .iter()
        .position(|line| matches!(classify(line), Line::PageHeader { .. } | Line::Section { .. }))
        .ok_or_else(|| {
            error_at(
                lines.len().max(1),
                1,
                "no section heading (e.g. \"I. Introduction\") or \"Para. in\" column heading found",
            )
        })?;
    let body = parse_body(&lines, body_start)?;
    let document = parse_front_matter(&lines[..body_start], body.responds_to, options)?;
    let mut dataset = Dataset {
        document,
        sections: body.sections,
        missions: Vec::new(),
    };
    dataset.missions = missions::index(&dataset);
    dataset
        .validate()
        .map_err(|e| error_at(body_start + 1, 1, e.to_string()))?;
    Ok(dataset)
}

struct Body {
    sections: Vec<Section>,
    responds_to: String,
}

fn parse_body(lines: &[&str], start: usize) -> Result<Body, ImportError> {
    let mut body = BodyBuilder::default();
    let mut index = start;
    while index < lines.len() {
        let number = index + 1;
        index += 1;
        match classify(lines[number - 1]) {
            Line::Blank | Line::TableRule => {}
            Line::PageHeader { symbol } => {
                // The two-line form puts the symbol on the next non-blank line.
                let symbol = symbol.or_else(|| {
                    let offset = lines[index..].iter().position(|l| !l.trim().is_empty())?;
                    let candidate = lines[index + offset].trim();
                    is_symbol(candidate).then(|| {
                        index += offset + 1;
                        candidate
                    })
                });
                if let Some(symbol) = symbol {
                    note_responds_to(&mut body.responds_to, symbol, number)?;
                }
            }
            Line::Section {
                number: numeral,
                title,
            } => body.section(numeral, title, number)?,
            Line::Numbered { para, text, column } => body.numbered(para, text, number, column)?,
            Line::TooLong {
                number: digits,
                column,
            } => {
                return Err(error_at(
                    number,
                    column,
                    format!(
                        "{digits} is too large for a paragraph number (at most {MAX_PARA_DIGITS} digits)"
                    ),
                ));
            }
            Line::Text { text, column } => body.text(text, number, column)?,
        }
    }
    body.finish(lines.len().max(1), start + 1)
}

/// The sections read so far and what the next line needs to know about them.
#[derive(Default)]
struct BodyBuilder {
    sections: Vec<Section>,
    responds_to: Option<(String, usize)>,
    /// The line the open recommendation started on, to name it if it turns out empty.
    open_line: Option<usize>,
    previous_para: Option<(u32, usize)>,
}

impl BodyBuilder {
    fn section(&mut self, numeral: &str, title: &str, line: usize) -> Result<(), ImportError> {
        self.close_recommendation()?;
        self.check_last_section_has_recommendations(line)?;
        self.sections.push(Section {
            number: numeral.into(),
            title: title.into(),
            recommendations: Vec::new(),
        });
        Ok(())
    }

    fn numbered(
        &mut self,
        para: u32,
        text: &str,
        line: usize,
        column: usize,
    ) -> Result<(), ImportError> {
        self.close_recommendation()?;
        if let Some((previous, previous_line)) = self.previous_para.filter(|&(p, _)| para <= p) {
            return Err(error_at(
                line,
                1,
                format!(
                    "paragraph numbers must increase: {para} follows {previous} (line {previous_line})"
                ),
            ));
        }
        let Some(section) = self.sections.last_mut() else {
            return Err(error_at(
                line,
                1,
                format!("the response to paragraph {para} comes before any section heading"),
            ));
        };
        self.previous_para = Some((para, line));
        self.open_line = Some(line);
        section.recommendations.push(Recommendation {
            para,
            paragraphs: split_paragraphs(text, line, column)?,
        });
        Ok(())
    }

    /// A paragraph without a number continues the open recommendation.
    fn text(&mut self, text: &str, line: usize, column: usize) -> Result<(), ImportError> {
        let Some(recommendation) = self
            .sections
            .last_mut()
            .and_then(|s| s.recommendations.last_mut())
            .filter(|_| self.open_line.is_some())
        else {
            return Err(error_at(
                line,
                column,
                "text without a paragraph number before it (expected \"NN response…\")",
            ));
        };
        recommendation
            .paragraphs
            .extend(split_paragraphs(text, line, column)?);
        Ok(())
    }

    /// A recommendation may only be closed once it has text.
    fn close_recommendation(&mut self) -> Result<(), ImportError> {
        let Some(line) = self.open_line.take() else {
            return Ok(());
        };
        match self.sections.last().and_then(|s| s.recommendations.last()) {
            Some(rec) if rec.paragraphs.is_empty() => Err(error_at(
                line,
                1,
                format!("the response to paragraph {} is empty", rec.para),
            )),
            _ => Ok(()),
        }
    }

    fn check_last_section_has_recommendations(&self, line: usize) -> Result<(), ImportError> {
        match self.sections.last() {
            Some(section) if section.recommendations.is_empty() => Err(error_at(
                line,
                1,
                format!("section {} has no recommendations", section.heading()),
            )),
            _ => Ok(()),
        }
    }

    fn finish(mut self, last_line: usize, body_line: usize) -> Result<Body, ImportError> {
        self.close_recommendation()?;
        if self.sections.is_empty() {
            return Err(error_at(last_line, 1, "no section heading found"));
        }
        self.check_last_section_has_recommendations(last_line)?;
        let Some((responds_to, _)) = self.responds_to else {
            return Err(error_at(
                body_line,
                1,
                "no \"Para. in\" column heading names the Special Committee report (e.g. \"Para. in A/77/19\")",
            ));
        };
        Ok(Body {
            sections: self.sections,
            responds_to,
        })
    }
}

/// Every column heading must name the same Special Committee report.
fn note_responds_to(
    responds_to: &mut Option<(String, usize)>,
    symbol: &str,
    line: usize,
) -> Result<(), ImportError> {
    match responds_to {
        Some((first, first_line)) if first != symbol => Err(error_at(
            line,
            1,
            format!("column heading names {symbol}, but line {first_line} named {first}"),
        )),
        Some(_) => Ok(()),
        None => {
            *responds_to = Some((symbol.to_string(), line));
            Ok(())
        }
    }
}

/// Unwraps a line from its layout and says what it is.
fn classify(raw: &str) -> Line<'_> {
    // Every text below is a slice of `raw`, so its column follows from its address.
    let column = |text: &str| column_of(raw, text.as_ptr() as usize - raw.as_ptr() as usize);
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(header) = page_header(line) {
        return header;
    }
    // Bulleted numbered lines ("- 57 The United Nations…"); also the bullet before a table.
    let unbulleted = strip_bullet(line).unwrap_or(line);
    if unbulleted.starts_with('|') {
        let cells = table_cells(unbulleted);
        let rule = |cell: &&str| {
            let cell = cell.trim().trim_matches(':');
            !cell.is_empty() && cell.bytes().all(|b| b == b'-')
        };
        if cells.iter().all(|cell| cell.trim().is_empty()) || cells.iter().all(rule) {
            return Line::TableRule;
        }
        let key = cells[0].trim();
        // The text runs from the second cell to the last one: a pipe inside it is wording.
        let text = match (cells.get(1), cells.last()) {
            (Some(first), Some(last)) => {
                let start = first.as_ptr() as usize - unbulleted.as_ptr() as usize;
                let end = last.as_ptr() as usize - unbulleted.as_ptr() as usize + last.len();
                unbulleted[start..end].trim()
            }
            _ => "",
        };
        let at = if text.is_empty() { key } else { text };
        return classify_keyed((key, column(key)), text, column(at)).unwrap_or(Line::Text {
            text: unbulleted,
            column: column(unbulleted),
        });
    }
    if let Some((key, text)) = unbulleted.split_once('\t') {
        let text = text.trim();
        // A tab inside ordinary prose is not a row: such lines are read as plain lines below.
        let key = key.trim();
        if let Some(row) = classify_keyed((key, column(key)), text, column(text)) {
            return row;
        }
    }
    if let Some(section) = section_heading(unbulleted) {
        return section;
    }
    match numbered(unbulleted) {
        Some(Numbered::Para(para, text)) => {
            return Line::Numbered {
                para,
                text,
                column: column(text),
            };
        }
        Some(Numbered::TooLong(number)) => {
            return Line::TooLong {
                number,
                column: column(number),
            };
        }
        None => {}
    }
    Line::Text {
        text: line,
        column: column(line),
    }
}

/// A row whose first cell is `key`: a paragraph number, a section heading, or nothing.
fn classify_keyed<'a>(
    (key, key_column): (&'a str, usize),
    text: &'a str,
    column: usize,
) -> Option<Line<'a>> {
    if key.is_empty() {
        return Some(if text.is_empty() {
            Line::Blank
        } else {
            Line::Text { text, column }
        });
    }
    if let Some(header) = page_header(key) {
        return Some(header);
    }
    if key.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match key.parse::<u32>() {
            Ok(para) if key.len() <= MAX_PARA_DIGITS => Line::Numbered { para, text, column },
            _ => Line::TooLong {
                number: key,
                column: key_column,
            },
        });
    }
    if text.is_empty() {
        return section_heading(key);
    }
    None
}

/// `Para. in` alone, `Para. in A/77/19`, or the same in `<i>…</i>`.
fn page_header(line: &str) -> Option<Line<'_>> {
    let inner = line.trim();
    let inner = inner.strip_prefix("<i>").unwrap_or(inner);
    let inner = inner
        .trim_end()
        .strip_suffix("</i>")
        .unwrap_or(inner)
        .trim();
    let rest = inner.strip_prefix("Para. in")?;
    let symbol = rest.trim();
    if symbol.is_empty() {
        Some(Line::PageHeader { symbol: None })
    } else if is_symbol(symbol) {
        Some(Line::PageHeader {
            symbol: Some(symbol),
        })
    } else {
        None
    }
}

/// A United Nations document symbol such as `A/77/19` or `S/2020/1179`.
fn is_symbol(text: &str) -> bool {
    let mut parts = text.split('/');
    let organ = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !organ.is_empty()
        && organ.bytes().all(|b| b.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.iter().all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
        && rest[0].bytes().all(|b| b.is_ascii_digit())
}

fn strip_bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "• "]
        .iter()
        .find_map(|bullet| line.strip_prefix(bullet))
        .map(str::trim_start)
}

/// `VI. Politics` → ("VI", "Politics").
fn section_heading(line: &str) -> Option<Line<'_>> {
    let (numeral, title) = line.trim().split_once(". ")?;
    let title = title.trim();
    // Headings are short titles; a long line starting "I. " is prose.
    if roman_value(numeral).is_none() || title.is_empty() || title.chars().count() > 120 {
        return None;
    }
    Some(Line::Section {
        number: numeral,
        title,
    })
}

/// The most digits a paragraph number has: reports run to a few hundred paragraphs; a longer
/// number at the start of a response's line is a conversion error, never silently text.
const MAX_PARA_DIGITS: usize = 5;

/// What [`numbered`] found at the start of a line.
enum Numbered<'a> {
    Para(u32, &'a str),
    /// The digits, too many for a paragraph number.
    TooLong(&'a str),
}

/// `118 The Secretariat…` → (118, "The Secretariat…"). A number followed by a lowercase word
/// ("35 per cent of…") is prose, not a paragraph number.
fn numbered(line: &str) -> Option<Numbered<'_>> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &line[digits..];
    let text = rest.trim_start_matches([' ', '\u{a0}']);
    if text.len() == rest.len() {
        return None;
    }
    let first = text.chars().next()?;
    if first.is_lowercase() {
        return None;
    }
    match line[..digits].parse() {
        Ok(para) if digits <= MAX_PARA_DIGITS => Some(Numbered::Para(para, text)),
        _ => Some(Numbered::TooLong(&line[..digits])),
    }
}

/// Splits a line into table cells on unescaped pipes, without the outer pipes.
fn table_cells(line: &str) -> Vec<&str> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") {
        &inner[..inner.len() - 1]
    } else {
        inner
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&inner[start..i]);
            start = i + 1;
        }
    }
    cells.push(&inner[start..]);
    cells
}

fn column_of(line: &str, byte_offset: usize) -> usize {
    line[..byte_offset.min(line.len())].chars().count() + 1
}

/// One line's text -> its paragraphs: `<p>…</p>` blocks each become one, markup removed.
fn split_paragraphs(text: &str, line: usize, column: usize) -> Result<Vec<SafeText>, ImportError> {
    let mut paragraphs = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    // Characters before byte `.0`: counted once as `consumed` grows, not again per paragraph.
    let mut counted = (0, 0);
    let mut column_at = |byte: usize| {
        counted.1 += text[counted.0..byte].chars().count();
        counted.0 = byte;
        column + counted.1
    };
    loop {
        let open = find_ignore_case(rest, "<p>");
        let (outside, after_open) = match open {
            Some(at) => (&rest[..at], Some(&rest[at + 3..])),
            None => (rest, None),
        };
        // Words outside any <p> are kept as a paragraph of their own: nothing may be lost.
        if !outside.trim().is_empty() {
            paragraphs.push(clean(outside, line, column_at(consumed))?.into());
        }
        let Some(inner) = after_open else { break };
        consumed = text.len() - inner.len();
        let (content, next) = match find_ignore_case(inner, "</p>") {
            Some(close) => (&inner[..close], &inner[close + 4..]),
            None => (inner, ""),
        };
        if !content.trim().is_empty() {
            paragraphs.push(clean(content, line, column_at(consumed))?.into());
        }
        consumed = text.len() - next.len();
        rest = next;
    }
    Ok(paragraphs)
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Removes conversion markup from one paragraph and checks none is left.
fn clean(text: &str, line: usize, column: usize) -> Result<String, ImportError> {
    let cleaned = unescape(&strip_inline_tags(&unlink(text.trim())));
    let cleaned = decode_entities(&cleaned);
    if let Some((offset, what)) = find_markup(&cleaned) {
        let at = cleaned[..offset].chars().count();
        return Err(error_at(
            line,
            column + at,
            format!("{what} is left in the text after conversion"),
        ));
    }
    Ok(cleaned)
}

/// `[A/77/19](#)` → `A/77/19`. Brackets that are not links stay.
///
/// Linear in the text: the next `](` is found once and reused until passed, and each `(`'s
/// closing parenthesis comes from one pass over the text, so an input of many unclosed `[` or
/// `(` costs no more than one without them.
fn unlink(text: &str) -> String {
    let closes = matching_parentheses(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // The first `](` at or after `.0`, if any (`.1`).
    let mut next_link: Option<(usize, Option<usize>)> = None;
    while let Some(open) = text[at..].find('[').map(|i| at + i) {
        out.push_str(&text[at..open]);
        let (from, found) = match next_link {
            Some((from, found)) if from <= open + 1 && found.is_none_or(|c| c > open) => {
                (from, found)
            }
            _ => (open + 1, text[open + 1..].find("](").map(|i| open + 1 + i)),
        };
        next_link = Some((from, found));
        let Some(close) = found else {
            // No link opens after this point: the rest is text.
            at = open;
            break;
        };
        // A `[` between this one and the `](` starts the link, if any does. (The scans for the
        // next `[` cover disjoint stretches of the text.)
        let nested = text[open + 1..]
            .find('[')
            .is_some_and(|i| open + 1 + i < close);
        let end = (!nested)
            .then(|| closes.binary_search_by_key(&(close + 1), |&(o, _)| o).ok())
            .flatten()
            .map(|i| closes[i].1);
        if let Some(end) = end {
            out.push_str(&text[open + 1..close]);
            at = end + 1;
        } else {
            out.push('[');
            at = open + 1;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Every `(` with its closing `)`, by byte offset, sorted by the opening one; parentheses
/// after a backslash (`\(`) are text, not brackets.
fn matching_parentheses(text: &str) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open = Vec::new();
    let mut previous = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '(' if previous != '\\' => open.push(i),
            ')' if previous != '\\' => {
                if let Some(start) = open.pop() {
                    pairs.push((start, i));
                }
            }
            _ => {}
        }
        previous = c;
    }
    pairs.sort_unstable();
    pairs
}

/// Drops inline formatting tags (`<i>`, `<b>`, `<em>`, `<strong>`, `<u>`, `<sup>`, `<sub>`,
/// `<span…>`) and turns `<br>` into a space; the words between them stay.
fn strip_inline_tags(text: &str) -> String {
    const INLINE: [&str; 9] = ["i", "b", "em", "strong", "u", "sup", "sub", "span", "br"];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Where the next `>` is, from the end of `rest`: found once and reused until passed, so
    // many `<` without a `>` cost one scan (no later `<` can find one either).
    let mut next_close: Option<Option<usize>> = None;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_part = after.strip_prefix('/').unwrap_or(after);
        let name_len = name_part
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = name_part[..name_len].to_ascii_lowercase();
        let from_end = |i: usize| after.len() - i;
        let close = match next_close {
            Some(Some(left)) if left <= after.len() => Some(after.len() - left),
            Some(None) => None,
            _ => {
                let found = after.find('>');
                next_close = Some(found.map(from_end));
                found
            }
        };
        match close {
            Some(close) if INLINE.contains(&name.as_str()) && name_len > 0 => {
                if name == "br" {
                    out.push(' ');
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `\$` → `$`, `\(` → `(`: markdown backslash escapes of ASCII punctuation.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// The few HTML entities a converter emits.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    [
        ("&nbsp;", "\u{a0}"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text.to_string(), |acc, (entity, plain)| {
        acc.replace(entity, plain)
    })
}

/// Reads the metadata from the lines before the first column heading or section.
fn parse_front_matter(
    lines: &[&str],
    responds_to: String,
    options: &ImportOptions,
) -> Result<Document, ImportError> {
    let numbered: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let end_line = lines.len().max(1);
    let missing = |what: &str| error_at(end_line, 1, format!("front matter: no {what} found"));

    let date = numbered
        .iter()
        .find_map(|(_, line)| iso_date(line))
        .ok_or_else(|| missing("date of issue (e.g. \"2 November 2021\")"))?;
    let session = numbered
        .iter()
        .find_map(|(_, line)| ordinal_value(line.strip_suffix(" session")?))
        .ok_or_else(|| missing("session (e.g. \"Seventy-sixth session\")"))?;
    let agenda_index = numbered
        .iter()
        .position(|(_, line)| line.starts_with("Agenda item"))
        .ok_or_else(|| missing("agenda item (e.g. \"Agenda item 56\")"))?;
    let agenda_line = numbered[agenda_index].1;
    let agenda_item = agenda_line
        .trim_start_matches("Agenda items")
        .trim_start_matches("Agenda item")
        .trim()
        .to_string();
    let after_agenda: Vec<(usize, &str)> = numbered[agenda_index + 1..].to_vec();
    let agenda_item_title = after_agenda
        .first()
        .map(|(_, l)| clean_front(l))
        .ok_or_else(|| missing("agenda item title"))?;
    let title = after_agenda
        .get(1)
        .map(|(_, l)| clean_front(l))
        .ok_or_else(|| missing("report title"))?;
    let summary_index = after_agenda
        .iter()
        .position(|(_, line)| *line == "Summary")
        .ok_or_else(|| missing("\"Summary\" heading"))?;
    let mut summary_paragraphs = Vec::new();
    for (n, line) in &after_agenda[summary_index + 1..] {
        let column = lines[n - 1].len() - lines[n - 1].trim_start().len() + 1;
        summary_paragraphs.extend(split_paragraphs(line, *n, column)?);
    }
    if summary_paragraphs.is_empty() {
        return Err(missing("summary text after \"Summary\""));
    }
    let summary = summary_paragraphs.join("\n\n");
    let addendum = after_agenda[..summary_index]
        .iter()
        .find_map(|(_, line)| addendum_number(line));
    let symbol = options
        .symbol
        .clone()
        .or_else(|| {
            numbered
                .iter()
                .map(|(_, line)| *line)
                .find(|line| is_symbol(line))
                .map(str::to_string)
        })
        .or_else(|| addendum.and_then(|number| addendum_symbol(&summary, number)))
        .ok_or_else(|| {
            missing("document symbol (it is not printed; pass --symbol, e.g. --symbol A/1/2/Add.3)")
        })?;
    Ok(Document {
        symbol: symbol.into(),
        date: date.into(),
        session,
        agenda_item: agenda_item.into(),
        agenda_item_title: agenda_item_title.into(),
        title: title.into(),
        responds_to: responds_to.into(),
        summary: summary.into(),
    })
}

fn clean_front(line: &str) -> String {
    unescape(&strip_inline_tags(&unlink(line)))
}

/// The number of an addendum from its cover line: `Addendum` alone is the first (the cover of
/// a first addendum prints no number), `Addendum 2` or `Addendum No. 2` the second.
fn addendum_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix("Addendum")?.trim();
    let number = rest.strip_prefix("No.").unwrap_or(rest).trim();
    if number.is_empty() {
        Some(1)
    } else {
        number.parse().ok().filter(|&n| n > 0)
    }
}

/// An addendum's summary says it "is supplemental to the report of the Secretary-General
/// (A/77/505)": the addendum's symbol is that report's with `/Add.N`.
fn addendum_symbol(summary: &str, number: u32) -> Option<String> {
    let marker = "report of the Secretary-General (";
    let start = summary.find(marker)? + marker.len();
    let end = summary[start..].find(')')? + start;
    let parent = &summary[start..end];
    is_symbol(parent).then(|| format!("{parent}/Add.{number}"))
}

/// `2 November 2021` → `2021-11-02`.
fn iso_date(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month_name = words.next()?;
    let month = crate::dataset::MONTHS
        .iter()
        .position(|m| *m == month_name)?
        + 1;
    let year: u32 = words.next()?.parse().ok()?;
    if words.next().is_some() || !(1..=31).contains(&day) || !(1945..=9999).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// `Seventy-sixth` → 76: the English ordinal words the Assembly uses for its sessions.
fn ordinal_value(words: &str) -> Option<u32> {
    const UNITS: [(&str, u32); 19] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
    ];
    const TENS: [(&str, &str, u32); 8] = [
        ("twenty", "twentieth", 20),
        ("thirty", "thirtieth", 30),
        ("forty", "fortieth", 40),
        ("fifty", "fiftieth", 50),
        ("sixty", "sixtieth", 60),
        ("seventy", "seventieth", 70),
        ("eighty", "eightieth", 80),
        ("ninety", "ninetieth", 90),
    ];
    let lower = words.trim().to_lowercase();
    let unit = |w: &str| UNITS.iter().find(|(name, _)| *name == w).map(|(_, v)| *v);
    if let Some(value) = unit(&lower) {
        return Some(value);
    }
    if let Some((_, _, value)) = TENS.iter().find(|(_, ordinal, _)| *ordinal == lower) {
        return Some(*value);
    }
    let (tens, units) = lower.split_once('-')?;
    let (_, _, tens_value) = TENS.iter().find(|(cardinal, _, _)| *cardinal == tens)?;
    let units_value = unit(units).filter(|&u| u < 10)?;
    Some(tens_value + units_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_cover_assembly_sessions() {
        assert_eq!(ordinal_value("Seventy-sixth"), Some(76));
        assert_eq!(ordinal_value("Seventy-fifth"), Some(75));
        assert_eq!(ordinal_value("Eightieth"), Some(80));
        assert_eq!(ordinal_value("Eleventh"), Some(11));
        assert_eq!(ordinal_value("Seventy-eleventh"), None);
        assert_eq!(ordinal_value("Sixth Committee"), None);
    }

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("2 November 2021").as_deref(), Some("2021-11-02"));
        assert_eq!(iso_date("Agenda item 56"), None);
        assert_eq!(iso_date("2 Novembre 2021"), None);
    }

    #[test]
    fn symbols_are_recognised() {
        assert!(is_symbol("A/75/19"));
        assert!(is_symbol("S/2020/1179"));
        assert!(is_symbol("A/61/19/Rev.1"));
        assert!(!is_symbol("Para. in"));
        assert!(!is_symbol("A/"));
        assert!(!is_symbol("and/or"));
    }

    #[test]
    fn lines_are_classified_in_every_layout() {
        assert_eq!(
            classify("- 57 The United Nations"),
            Line::Numbered {
                para: 57,
                text: "The United Nations",
                column: 6
            }
        );
        assert_eq!(
            classify("| 106 | <p>To facilitate</p> |"),
            Line::Numbered {
                para: 106,
                text: "<p>To facilitate</p>",
                column: 9
            }
        );
        assert_eq!(
            classify("122\t<p>The findings</p>"),
            Line::Numbered {
                para: 122,
                text: "<p>The findings</p>",
                column: 5
            }
        );
        assert_eq!(classify("|-----|--|"), Line::TableRule);
        assert_eq!(classify("- | | |"), Line::TableRule);
        assert_eq!(
            classify("VII. Protection\t"),
            Line::Section {
                number: "VII",
                title: "Protection"
            }
        );
        assert_eq!(
            classify("<i>Para. in A/75/19</i>\t"),
            Line::PageHeader {
                symbol: Some("A/75/19")
            }
        );
        assert_eq!(classify("Para. in"), Line::PageHeader { symbol: None });
        assert_eq!(
            classify("35 per cent of projects"),
            Line::Text {
                text: "35 per cent of projects",
                column: 1
            }
        );
    }

    #[test]
    fn markup_is_removed_and_wording_kept() {
        assert_eq!(
            clean(r"resolution [2589 \(2021\)](#) on", 1, 1).unwrap(),
            "resolution 2589 (2021) on"
        );
        assert_eq!(
            clean(r"invested \$30 million", 1, 1).unwrap(),
            "invested $30 million"
        );
        assert_eq!(
            clean("the “Silencing of the Guns” – <i>initiative</i>", 1, 1).unwrap(),
            "the “Silencing of the Guns” – initiative"
        );
        assert_eq!(
            clean("[not a link] stays", 1, 1).unwrap(),
            "[not a link] stays"
        );
        let error = clean("left <div>over</div>", 7, 3).unwrap_err();
        assert_eq!((error.line, error.column), (7, 8));
    }

    #[test]
    fn several_paragraphs_in_one_row_are_split() {
        assert_eq!(
            split_paragraphs("<p>One.</p> <p>Two.</p>", 1, 1).unwrap(),
            vec!["One.", "Two."]
        );
    }
}
