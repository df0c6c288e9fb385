//! The Special Committee's report (A/NN/19) → the numbered paragraphs of its chapter
//! "Proposals, recommendations and conclusions", which the matrix answers by number.
//!
//! The text is the report as converted from PDF. Read line by line:
//! - the symbol is the first line that is a document symbol (`A/75/19`);
//! - the chapter starts at a heading `V. Proposals, recommendations and conclusions` (or
//!   `Chapter V` with the title on the next line) and ends at the next chapter heading or an
//!   `Annex`;
//! - in it, `A. Introduction` opens a lettered section; `37. The Special Committee …` opens
//!   paragraph 37; `(a) …` opens a sub-item of the paragraph (its own element of `text`);
//! - any other line continues the text before it (a wrapped line, or the rest of a paragraph
//!   after a page break); an unnumbered line after a blank line starts a new element, unless
//!   the text before it stops mid-sentence;
//! - page furniture is dropped: lines that are only the symbol, a job number (`21-04567`,
//!   `21-04567 (E) 150421`) or a page number (`12`, `12/56`).
//!
//! Wording is kept; lines are joined with a space, a soft hyphen at a line end is removed. The
//! markup a PDF-to-text converter leaves (`#` heading marks, bullets, `<p>`-style tags, markdown
//! links, backslash escapes such as `37\.`) is removed from each line first.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dataset::roman_value;

/// The title of the chapter whose paragraphs the matrix answers.
pub const CHAPTER_TITLE: &str = "Proposals, recommendations and conclusions";

/// The recommendations of one Special Committee report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeReport {
    /// The report's symbol, e.g. `A/75/19`: what a matrix's `responds_to` names.
    pub symbol: String,
    pub paragraphs: Vec<CommitteeParagraph>,
}

/// One numbered paragraph of the chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeParagraph {
    pub para: u32,
    /// The section letter (`A`, `B`, …); empty before the first lettered heading.
    pub section: String,
    pub section_title: String,
    /// The paragraph's text: its opening, then each sub-item (`(a) …`) or further paragraph.
    pub text: Vec<String>,
}

/// What a response's `--json` carries as `"recommendation"`: the paragraph it answers, with the
/// symbol of the report it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeRecommendation {
    pub symbol: String,
    pub para: u32,
    pub text: Vec<String>,
}

impl CommitteeReport {
    /// Paragraph `para` as [`CommitteeRecommendation`], for a matrix that responds to this
    /// report (`Document::responds_to == symbol`).
    pub fn recommendation(&self, para: u32) -> Option<CommitteeRecommendation> {
        self.paragraph(para)
            .map(|paragraph| CommitteeRecommendation {
                symbol: self.symbol.clone(),
                para,
                text: paragraph.text.clone(),
            })
    }

    /// The paragraph numbered `para`.
    pub fn paragraph(&self, para: u32) -> Option<&CommitteeParagraph> {
        self.paragraphs
            .binary_search_by_key(&para, |p| p.para)
            .ok()
            .map(|i| &self.paragraphs[i])
    }
}

/// A committee report that cannot be read, at a place in its text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", file.display())]
pub struct CommitteeError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What one line is.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Blank,
    Furniture,
    /// `V. Title`, or `Chapter V` with the title on a later line.
    Chapter {
        numeral: u32,
        title: Option<&'a str>,
    },
    Annex,
    Section {
        letter: &'a str,
        title: &'a str,
    },
    Numbered {
        para: u32,
        text: &'a str,
    },
    SubItem(&'a str),
    Text(&'a str),
}

/// Reads the chapter "Proposals, recommendations and conclusions" of a committee report's
/// text; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<CommitteeReport, CommitteeError> {
    let error = |line: usize, column: usize, message: String| CommitteeError {
        file: file.to_path_buf(),
        line,
        column,
        message,
    };
    let cleaned: Vec<String> = text.lines().map(unmark).collect();
    let lines: Vec<&str> = cleaned.iter().map(String::as_str).collect();
    let symbol = lines
        .iter()
        .map(|line| line.trim())
        .find(|line| is_symbol(line))
        .ok_or_else(|| {
            error(
                1,
                1,
                "no document symbol (A/<session>/19) on a line of its own".into(),
            )
        })?
        .to_string();
    let (start, chapter) = chapter_start(&lines).ok_or_else(|| {
        error(
            lines.len().max(1),
            1,
            format!("no chapter \"{CHAPTER_TITLE}\" found"),
        )
    })?;

    let mut paragraphs: Vec<CommitteeParagraph> = Vec::new();
    let mut section = (String::new(), String::new());
    let mut after_blank = false;
    let mut after_break = false;
    // A heading wrapped onto a second line goes on until a blank line or a paragraph.
    let mut in_heading = false;
    for (index, raw) in lines.iter().enumerate().skip(start) {
        let number = index + 1;
        let column = raw.len() - raw.trim_start().len() + 1;
        match classify(raw, &symbol) {
            Line::Blank => (after_blank, in_heading) = (true, false),
            Line::Furniture => (after_break, in_heading) = (true, false),
            Line::Chapter { .. } | Line::Annex => break,
            // The next chapter, when its numeral is one letter (`V.` after `IV.`) and does not
            // continue the sections' letters.
            Line::Section { letter, .. }
                if roman_value(letter) == Some(chapter + 1) && !follows(&section.0, letter) =>
            {
                break;
            }
            Line::Section { letter, title } => {
                section = (letter.to_string(), title.to_string());
                (after_blank, in_heading) = (false, true);
            }
            Line::Numbered { para, text } => {
                if let Some(previous) = paragraphs.last().filter(|p| p.para >= para) {
                    return Err(error(
                        number,
                        column,
                        format!(
                            "paragraph numbers must increase: {para} follows {}",
                            previous.para
                        ),
                    ));
                }
                paragraphs.push(CommitteeParagraph {
                    para,
                    section: section.0.clone(),
                    section_title: section.1.clone(),
                    text: vec![text.to_string()],
                });
                (after_blank, after_break, in_heading) = (false, false, false);
            }
            Line::Text(text) if in_heading => join_line(&mut section.1, text),
            Line::SubItem(text) | Line::Text(text) => {
                let Some(paragraph) = paragraphs.last_mut() else {
                    return Err(error(
                        number,
                        column,
                        "text before the chapter's first numbered paragraph (expected \"NN. …\")"
                            .into(),
                    ));
                };
                let last = paragraph.text.last_mut().filter(|last| {
                    matches!(classify(raw, &symbol), Line::Text(_))
                        && (!after_blank || (after_break && !ends_sentence(last)))
                });
                match last {
                    Some(last) => join_line(last, text),
                    None => paragraph.text.push(text.to_string()),
                }
                (after_blank, after_break) = (false, false);
            }
        }
    }
    if paragraphs.is_empty() {
        return Err(error(
            start,
            1,
            format!("the chapter \"{CHAPTER_TITLE}\" has no numbered paragraphs"),
        ));
    }
    Ok(CommitteeReport { symbol, paragraphs })
}

/// The index of the first line after the chapter's heading, and the chapter's number.
fn chapter_start(lines: &[&str]) -> Option<(usize, u32)> {
    let is_title = |text: &str| text.trim().eq_ignore_ascii_case(CHAPTER_TITLE);
    lines.iter().enumerate().find_map(|(i, line)| {
        let (numeral, title) = match classify(line, "") {
            Line::Chapter { numeral, title } => (numeral, title),
            // A single-letter numeral (`V. Proposals…`) reads as a section letter.
            Line::Section { letter, title } => (roman_value(letter)?, Some(title)),
            _ => return None,
        };
        if let Some(title) = title {
            return is_title(title).then_some((i + 1, numeral));
        }
        // `Chapter V`, the title on the next line that has text.
        let next = lines[i + 1..].iter().position(|l| !l.trim().is_empty())? + i + 1;
        is_title(lines[next]).then_some((next + 1, numeral))
    })
}

fn classify<'a>(raw: &'a str, symbol: &str) -> Line<'a> {
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if line == symbol || is_job_number(line) || is_page_number(line) {
        return Line::Furniture;
    }
    if line.starts_with("Annex") {
        return Line::Annex;
    }
    if let Some(numeral) = line
        .strip_prefix("Chapter ")
        .and_then(|numeral| roman_value(numeral.trim()))
    {
        return Line::Chapter {
            numeral,
            title: None,
        };
    }
    // `C. Partnerships` is a section even though C is a numeral: the parser decides by order.
    if let Some((numeral, title)) = line.split_once(". ")
        && numeral.len() > 1
        && let Some(numeral) = roman_value(numeral)
        && is_heading(title)
    {
        return Line::Chapter {
            numeral,
            title: Some(title.trim()),
        };
    }
    if let Some((letter, title)) = line.split_once(". ")
        && letter.len() == 1
        && letter.bytes().all(|b| b.is_ascii_uppercase())
        && is_heading(title)
    {
        return Line::Section {
            letter,
            title: title.trim(),
        };
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=5).contains(&digits)
        && let Some(text) = line[digits..].strip_prefix('.')
        && text.starts_with([' ', '\t', '\u{a0}'])
        && let Ok(para) = line[..digits].parse()
    {
        let text = text.trim_start_matches([' ', '\t', '\u{a0}']);
        if !text.is_empty() {
            return Line::Numbered { para, text };
        }
    }
    if line.starts_with('(')
        && let Some(close) = line.find(") ")
        && (2..=6).contains(&close)
        && line[1..close].bytes().all(|b| b.is_ascii_lowercase())
    {
        return Line::SubItem(line);
    }
    Line::Text(line)
}

/// A line without the markup a PDF-to-text converter leaves: a heading's `#`s, a bullet,
/// `<p>`/`<i>`/`<b>`-style tags, markdown links (`[A/74/19](#)` → `A/74/19`) and backslash
/// escapes (`37\.` → `37.`). Leading white space stays, so columns still count from the line.
fn unmark(line: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    let mut rest = line.trim_start();
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 && rest[hashes..].starts_with(' ') {
        rest = rest[hashes..].trim_start();
    }
    if let Some(unbulleted) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
        rest = unbulleted.trim_start();
    }
    let mut out = String::with_capacity(line.len());
    out.push_str(indent);
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if chars
                .peek()
                .is_some_and(|(_, next)| next.is_ascii_punctuation()) =>
            {
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '<' => match inline_tag(&rest[at..]) {
                Some(len) => {
                    // Skip the tag's other characters.
                    for _ in 1..len {
                        chars.next();
                    }
                }
                None => out.push(c),
            },
            '[' => match link(&rest[at..]) {
                Some((label, len)) => {
                    out.push_str(label);
                    for _ in 1..rest[at..at + len].chars().count() {
                        chars.next();
                    }
                }
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// The length in characters of an inline tag at the start of `text` (`<p>`, `</i>`, `<br/>`).
fn inline_tag(text: &str) -> Option<usize> {
    const TAGS: [&str; 9] = ["p", "i", "b", "em", "strong", "u", "sup", "sub", "br"];
    let close = text.find('>')?;
    let name = text[1..close]
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim();
    TAGS.contains(&name.to_ascii_lowercase().as_str())
        .then(|| text[..=close].chars().count())
}

/// A markdown link at the start of `text`: its label and its length in bytes.
fn link(text: &str) -> Option<(&str, usize)> {
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.contains('[') || label.contains(']') {
        return None;
    }
    let end = text[close + 2..].find(')')? + close + 3;
    Some((label, end))
}

/// True when section `letter` comes right after section `previous` (`B` after `A`).
fn follows(previous: &str, letter: &str) -> bool {
    match (previous.bytes().next(), letter.bytes().next()) {
        (Some(previous), Some(letter)) => letter == previous + 1,
        (None, Some(letter)) => letter == b'A',
        _ => false,
    }
}

/// A heading is a short title starting with a capital and not ending like a sentence.
fn is_heading(title: &str) -> bool {
    let title = title.trim();
    title.chars().next().is_some_and(char::is_uppercase)
        && title.chars().count() <= 120
        && !title.ends_with(['.', ';', ','])
}

/// A United Nations document symbol: `A/75/19`, `A/61/19/Rev.1`.
fn is_symbol(text: &str) -> bool {
    let mut parts = text.split('/');
    let organ = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    !organ.is_empty()
        && organ.bytes().all(|b| b.is_ascii_uppercase())
        && rest.len() >= 2
        && rest[0].bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
}

/// `21-04567`, `21-04567 (E) 150421`.
fn is_job_number(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    let Some((year, serial)) = first.split_once('-') else {
        return false;
    };
    year.len() == 2
        && serial.len() == 5
        && year
            .bytes()
            .chain(serial.bytes())
            .all(|b| b.is_ascii_digit())
        && line[first.len()..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b" ()E".contains(&b))
}

/// `12` or `12/56`.
fn is_page_number(line: &str) -> bool {
    let (page, of) = line.split_once('/').unwrap_or((line, "1"));
    [page, of]
        .iter()
        .all(|part| (1..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '"', ')', '’'])
        .ends_with(['.', ';', ':', '!', '?'])
}

/// Joins a wrapped line: a soft hyphen at the end goes, anything else is followed by a space.
fn join_line(text: &mut String, next: &str) {
    if text.ends_with('\u{ad}') {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified() {
        assert_eq!(classify("A/75/19", "A/75/19"), Line::Furniture);
        assert_eq!(classify("21-04567 (E) 150421", "A/75/19"), Line::Furniture);
        assert_eq!(classify("12/56", "A/75/19"), Line::Furniture);
        assert_eq!(
            classify("B. Conduct of peacekeepers", ""),
            Line::Section {
                letter: "B",
                title: "Conduct of peacekeepers"
            }
        );
        assert_eq!(
            classify("37. The Special Committee", ""),
            Line::Numbered {
                para: 37,
                text: "The Special Committee"
            }
        );
        assert_eq!(
            classify("(b) to report", ""),
            Line::SubItem("(b) to report")
        );
        assert_eq!(
            classify("2021. The year", ""),
            Line::Numbered {
                para: 2021,
                text: "The year"
            }
        );
        assert_eq!(classify("in 2021 it met", ""), Line::Text("in 2021 it met"));
        assert_eq!(
            classify("VI. Adoption of the report", ""),
            Line::Chapter {
                numeral: 6,
                title: Some("Adoption of the report")
            }
        );
        assert_eq!(
            classify("Chapter IV", ""),
            Line::Chapter {
                numeral: 4,
                title: None
            }
        );
        assert_eq!(
            unmark("## 37\\. The Committee <i>notes</i> [A/74/19](#) and \\$30 million"),
            "37. The Committee notes A/74/19 and $30 million"
        );
        assert_eq!(unmark("<p>(a) To vet;</p>"), "(a) To vet;");
        assert_eq!(unmark("  x < y [not a link]"), "  x < y [not a link]");
        assert!(follows("B", "C"));
        assert!(!follows("B", "D"));
        assert!(follows("", "A"));
    }
}
