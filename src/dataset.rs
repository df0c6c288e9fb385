//! The typed model of the report: a document, its sections, their recommendations, and the
//! missions the responses mention. Loading and validation live here; nothing here knows about
//! terminals or about the text layouts of the source (that is `import`).

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sanitize::SafeText;

/// A whole report: its metadata, its sections and the missions its responses name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub document: Document,
    pub sections: Vec<Section>,
    /// Missions named in the responses, in gazetteer order; only those mentioned at least once.
    #[serde(default)]
    pub missions: Vec<Mission>,
}

/// The report's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document symbol, e.g. `A/1/2/Add.3`.
    pub symbol: SafeText,
    /// The date of issue, ISO 8601 (`2021-11-02`).
    pub date: SafeText,
    /// The General Assembly session as a number (76 for the "Seventy-sixth session").
    pub session: u32,
    pub agenda_item: SafeText,
    /// The title of the agenda item the report is submitted under.
    #[serde(default)]
    pub agenda_item_title: SafeText,
    pub title: SafeText,
    /// The symbol of the Special Committee report whose paragraphs the entries answer.
    pub responds_to: SafeText,
    pub summary: SafeText,
}

/// One of the report's sections (I. Introduction … IX. Women, peace and security).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The roman numeral, without the trailing dot.
    pub number: SafeText,
    pub title: SafeText,
    pub recommendations: Vec<Recommendation>,
}

/// The Secretariat's response to one paragraph of the Special Committee's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The paragraph number in the Special Committee's report (`responds_to`).
    pub para: u32,
    /// The response's paragraphs in order, each exactly as printed.
    pub paragraphs: Vec<SafeText>,
}

/// A mission the responses name, with the paragraphs whose responses mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mission {
    pub acronym: SafeText,
    pub name: SafeText,
    pub location: SafeText,
    pub paras: Vec<u32>,
}

/// The sentence the Secretariat uses for recommendations it does not act on.
pub const NOT_ADDRESSED: &str = "This recommendation is not addressed to the Secretariat.";

impl Recommendation {
    /// True when the whole response is the "not addressed to the Secretariat" formula.
    pub fn is_not_addressed(&self) -> bool {
        self.paragraphs.len() == 1 && self.paragraphs[0] == NOT_ADDRESSED
    }
}

/// The months as the report writes them, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Document {
    /// The date of issue as the report prints it (`2 November 2021`); the ISO date as it is
    /// (safe, on one line) when it is not one.
    pub fn date_long(&self) -> String {
        let mut parts = self.date.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next())
        else {
            return self.date.one_line().into_owned();
        };
        let month = month
            .parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        match (day.parse::<u32>(), month) {
            (Ok(day), Some(month))
                if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) =>
            {
                format!("{day} {month} {year}")
            }
            _ => self.date.one_line().into_owned(),
        }
    }

    /// How to cite the response to paragraph `para`, the one format used everywhere:
    /// `A/1/2/Add.3 (2 November 2021), response to para. 165 of A/1/4`. Made of safe text on
    /// one line, so safe to print as it is.
    pub fn citation(&self, para: u32) -> String {
        format!(
            "{} ({}), response to para. {para} of {}",
            self.symbol.one_line(),
            self.date_long(),
            self.responds_to.one_line()
        )
    }
}

impl Section {
    /// `VIII. Safety and security`, as the report prints the heading: safe, on one line.
    pub fn heading(&self) -> String {
        format!("{}. {}", self.number.one_line(), self.title.one_line())
    }
}

/// Where a recommendation sits in the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub section: usize,
    pub recommendation: usize,
}

impl Dataset {
    /// Parses and validates a dataset from JSON text.
    pub fn from_json(text: &str) -> Result<Dataset, DataError> {
        let dataset: Dataset = serde_json::from_str(text).map_err(DataError::json)?;
        dataset.validate()?;
        Ok(dataset)
    }

    /// The dataset as pretty JSON with a final newline, the form kept in `assets/`.
    pub fn to_json(&self) -> String {
        // Strings, numbers and lists with string keys: serialising cannot fail.
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Reads, parses and validates a dataset file; errors name the file.
    pub fn load(path: &Path) -> Result<Dataset, FileError> {
        let text = read_text_file(path)?;
        Dataset::from_json(&text).map_err(|error| FileError {
            path: path.to_path_buf(),
            error,
        })
    }

    /// Checks the invariants every consumer relies on.
    pub fn validate(&self) -> Result<(), DataError> {
        let invalid = |path: String, problem: String| Err(DataError::Invalid { path, problem });
        if self.sections.is_empty() {
            return invalid("sections".into(), "the dataset has no sections".into());
        }
        let mut previous_para: Option<u32> = None;
        let mut previous_numeral = 0;
        for (s, section) in self.sections.iter().enumerate() {
            let at = format!("sections[{s}]");
            let Some(numeral) = roman_value(&section.number) else {
                return invalid(
                    format!("{at}.number"),
                    format!("{:?} is not a roman numeral", section.number),
                );
            };
            if numeral <= previous_numeral {
                return invalid(
                    format!("{at}.number"),
                    format!(
                        "section {} does not follow the section before it",
                        section.number
                    ),
                );
            }
            previous_numeral = numeral;
            check_text(|| format!("{at}.title"), &section.title)?;
            if section.recommendations.is_empty() {
                return invalid(
                    format!("{at}.recommendations"),
                    format!("section {} has no recommendations", section.heading()),
                );
            }
            for (r, recommendation) in section.recommendations.iter().enumerate() {
                let at = || format!("{at}.recommendations[{r}]");
                let para = recommendation.para;
                if let Some(previous) = previous_para.filter(|&previous| para <= previous) {
                    return invalid(
                        format!("{}.para", at()),
                        format!(
                            "paragraph numbers must increase: {para} follows {previous}{}",
                            if para == previous { " (duplicate)" } else { "" }
                        ),
                    );
                }
                previous_para = Some(para);
                if recommendation.paragraphs.is_empty() {
                    return invalid(
                        format!("{}.paragraphs", at()),
                        format!("the response to paragraph {para} is empty"),
                    );
                }
                for (p, paragraph) in recommendation.paragraphs.iter().enumerate() {
                    check_text(|| format!("{}.paragraphs[{p}]", at()), paragraph)?;
                }
            }
        }
        Ok(())
    }

    /// Every recommendation in document order, with its location.
    pub fn recommendations(&self) -> impl Iterator<Item = (Location, &Recommendation)> {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            section
                .recommendations
                .iter()
                .enumerate()
                .map(move |(r, rec)| {
                    (
                        Location {
                            section: s,
                            recommendation: r,
                        },
                        rec,
                    )
                })
        })
    }

    /// The location of the response to paragraph `para`, if the report has one.
    pub fn find(&self, para: u32) -> Option<Location> {
        self.recommendations()
            .find(|(_, rec)| rec.para == para)
            .map(|(location, _)| location)
    }

    pub fn get(&self, location: Location) -> Option<&Recommendation> {
        self.sections
            .get(location.section)?
            .recommendations
            .get(location.recommendation)
    }

    /// The paragraph numbers closest to `para` (one below, one above), for "did you mean".
    pub fn nearest_paras(&self, para: u32) -> Vec<u32> {
        let all: Vec<u32> = self.recommendations().map(|(_, rec)| rec.para).collect();
        let below = all.iter().rev().find(|&&p| p < para).copied();
        let above = all.iter().find(|&&p| p > para).copied();
        below.into_iter().chain(above).collect()
    }

    /// What to say when the report has no response to `para`, one short line for the status
    /// bar: `No response to ¶ 65 · nearest: ¶ 64, ¶ 66`. The browser's `:` prompt says it so;
    /// the command line says it as a diagnostic ([`Dataset::no_response_diagnostic`]).
    pub fn no_response_message(&self, para: u32) -> String {
        let diagnostic = self.no_response_diagnostic(para);
        let mut chars = diagnostic.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }

    /// [`Dataset::no_response_message`] as the command line writes messages, lower-case as
    /// git's and cargo's are: `no response to ¶ 65 · nearest: ¶ 64, ¶ 66`.
    pub fn no_response_diagnostic(&self, para: u32) -> String {
        let nearest: Vec<String> = self
            .nearest_paras(para)
            .iter()
            .map(|p| format!("¶ {p}"))
            .collect();
        if nearest.is_empty() {
            format!("no response to ¶ {para}")
        } else {
            format!("no response to ¶ {para} · nearest: {}", nearest.join(", "))
        }
    }

    /// The section that holds the response to `para`, if the report has one.
    pub fn section_of(&self, para: u32) -> Option<&Section> {
        self.sections.get(self.find(para)?.section)
    }
}

/// The largest file c34 reads. The embedded report's dataset is about 200 KB; a limit keeps a
/// mistaken `--data /dev/zero` or a huge file from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file of at most [`MAX_FILE_BYTES`], with errors that name it.
pub fn read_text_file(path: &Path) -> Result<String, FileError> {
    read_bounded_text(path, MAX_FILE_BYTES)
}

/// Reads a UTF-8 text file of at most `limit` bytes: a directory, an empty file, UTF-16 or
/// bytes that are not UTF-8 are errors naming the file (and the line and column where there
/// is one). A UTF-8 byte-order mark is dropped. Never reads more than `limit + 1` bytes, even
/// from a pipe or a device whose size the file system does not tell.
pub fn read_bounded_text(path: &Path, limit: u64) -> Result<String, FileError> {
    let at = |error| FileError {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(|e| at(DataError::Read(e)))?;
    let metadata = file.metadata().map_err(|e| at(DataError::Read(e)))?;
    if metadata.is_dir() {
        return Err(at(DataError::NotAFile));
    }
    if metadata.len() > limit {
        return Err(at(DataError::TooLarge {
            bytes: Some(metadata.len()),
            limit,
        }));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| at(DataError::Read(e)))?;
    if bytes.len() as u64 > limit {
        return Err(at(DataError::TooLarge { bytes: None, limit }));
    }
    decode_text(bytes).map_err(at)
}

/// Bytes read from a file as text: UTF-8, without a byte-order mark, not blank.
pub fn decode_text(mut bytes: Vec<u8>) -> Result<String, DataError> {
    if let Some(encoding) = utf16_encoding(&bytes) {
        return Err(DataError::Utf16 { encoding });
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DataError::Empty);
    }
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(e.as_bytes(), e.utf8_error().valid_up_to());
        DataError::Utf8 { line, column }
    })
}

/// `UTF-16LE` or `UTF-16BE` when the bytes start with that byte-order mark, or, without one,
/// when every other byte of the opening is zero as in ASCII text written as UTF-16.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => return Some("UTF-16LE"),
        [0xfe, 0xff, ..] => return Some("UTF-16BE"),
        _ => {}
    }
    let opening = &bytes[..bytes.len().min(64) & !1];
    if opening.len() < 4 {
        return None;
    }
    let zero_at = |parity: usize| {
        opening
            .iter()
            .enumerate()
            .all(|(i, &b)| (i % 2 == parity) == (b == 0))
    };
    if zero_at(1) {
        Some("UTF-16LE")
    } else if zero_at(0) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// Rejects empty strings and markup the importer should have removed; `path` names the
/// text in the error, and is only made when there is one.
fn check_text(path: impl FnOnce() -> String, text: &str) -> Result<(), DataError> {
    let problem = if text.trim().is_empty() {
        Some("is empty".to_string())
    } else {
        find_markup(text).map(|(offset, what)| {
            format!(
                "contains {what} at character {}",
                text[..offset].chars().count() + 1
            )
        })
    };
    match problem {
        Some(problem) => Err(DataError::Invalid {
            path: path(),
            problem,
        }),
        None => Ok(()),
    }
}

/// Finds conversion markup left in a text: HTML tags, markdown links, backslash escapes.
/// Returns the byte offset and a description.
pub fn find_markup(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    // The first `>` at or after some offset: found once and reused until passed, so many `<`
    // without a `>` cost one scan.
    let mut next_gt: Option<Option<usize>> = None;
    // Only the three bytes that can start markup are looked at (memchr skips the rest).
    for i in memchr::memchr3_iter(b'<', b']', b'\\', bytes) {
        match bytes[i] {
            b'<' => {
                let rest = &text[i + 1..];
                let name = rest.strip_prefix('/').unwrap_or(rest);
                let tag_len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
                let starts_with_letter =
                    name.bytes().next().is_some_and(|c| c.is_ascii_alphabetic());
                let mut closed = || {
                    let gt = match next_gt {
                        Some(Some(gt)) if gt > i => Some(gt),
                        Some(None) => None,
                        _ => text[i + 1..].find('>').map(|g| i + 1 + g),
                    };
                    next_gt = Some(gt);
                    gt.is_some()
                };
                if starts_with_letter
                    && matches!(name.as_bytes().get(tag_len), Some(b'>' | b' ' | b'/'))
                    && closed()
                {
                    return Some((i, "an HTML tag"));
                }
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => return Some((i, "a markdown link")),
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                return Some((i, "a backslash escape"));
            }
            _ => {}
        }
    }
    None
}

/// The value of a roman numeral (I … MMMCMXCIX), or `None` if `s` is not one in canonical form.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.chars().map(digit).collect();
    let values = values?;
    let mut total = 0;
    for (i, &value) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > value) {
            total -= i64::from(value);
        } else {
            total += i64::from(value);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0 && t < 4000)?;
    // Only the canonical spelling counts, so "IIII" or "VX" are not headings.
    (roman_numeral(total) == s).then_some(total)
}

/// `n` in roman numerals, as section numbers are written (`9` is `IX`); empty for 0.
pub fn roman_numeral(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// `serde_json`'s message without its trailing " at line L column C" (we print those ourselves).
pub fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) => text[..index].to_string(),
        None => text,
    }
}

/// Why a dataset (or a report's text) could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read: {0}")]
    Read(#[source] io::Error),
    #[error("is a directory, not a file")]
    NotAFile,
    #[error("the file is empty")]
    Empty,
    /// The size, when the file system tells it (a device or pipe does not).
    #[error(
        "the file is too large ({}): c34 reads files of at most {} MiB",
        bytes.map_or_else(|| format!("over {} MiB", limit >> 20), |b| format!("{b} bytes")),
        limit >> 20
    )]
    TooLarge { bytes: Option<u64>, limit: u64 },
    #[error("{line}:{column}: not valid UTF-8 text")]
    Utf8 { line: usize, column: usize },
    #[error("not valid UTF-8 text: the file is {encoding} (convert it: iconv -f UTF-16 -t UTF-8)")]
    Utf16 { encoding: &'static str },
    #[error("{line}:{column}: not a c34 dataset: {}", json_message(source))]
    Json {
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("invalid dataset: {path}: {problem}")]
    Invalid { path: String, problem: String },
}

impl DataError {
    /// Line and column in the file, where the error has them.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            DataError::Utf8 { line, column } | DataError::Json { line, column, .. } => {
                Some((*line, *column))
            }
            DataError::Read(_)
            | DataError::NotAFile
            | DataError::Empty
            | DataError::TooLarge { .. }
            | DataError::Utf16 { .. }
            | DataError::Invalid { .. } => None,
        }
    }

    /// A JSON error with its place in the text.
    pub fn json(source: serde_json::Error) -> DataError {
        DataError::Json {
            line: source.line(),
            column: source.column(),
            source,
        }
    }
}

/// A [`DataError`] with the file it came from: `FILE:LINE:COLUMN: …` where the error has a
/// place, `FILE: …` otherwise.
#[derive(Debug, thiserror::Error)]
#[error("{}{}{error}", path.display(), if error.position().is_some() { ":" } else { ": " })]
pub struct FileError {
    pub path: PathBuf,
    #[source]
    pub error: DataError,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_names_the_report_its_date_and_the_paragraph() {
        let document = Dataset::embedded().document;
        assert_eq!(
            document.citation(165),
            "A/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19"
        );
        let odd = Document {
            date: "2021-13-40".into(),
            ..document
        };
        assert_eq!(odd.date_long(), "2021-13-40");
    }

    #[test]
    fn no_response_names_the_nearest_paragraphs() {
        let dataset = Dataset::embedded();
        // The report answers 64 and 66 but not 65; nothing below 18, nothing above 192.
        assert_eq!(
            dataset.no_response_message(65),
            "No response to ¶ 65 · nearest: ¶ 64, ¶ 66"
        );
        assert_eq!(
            dataset.no_response_message(1),
            "No response to ¶ 1 · nearest: ¶ 18"
        );
        assert_eq!(
            dataset.no_response_message(9999),
            "No response to ¶ 9999 · nearest: ¶ 192"
        );
        // The command line's diagnostic starts lower-case, as git's and cargo's do.
        assert_eq!(
            dataset.no_response_diagnostic(65),
            "no response to ¶ 65 · nearest: ¶ 64, ¶ 66"
        );
    }

    #[test]
    fn a_paragraph_s_section_is_found_by_its_number() {
        let dataset = Dataset::embedded();
        // The embedded report answers ¶ 165 in its section VIII, and nothing at ¶ 65.
        assert_eq!(
            dataset.section_of(165).map(|s| s.number.as_str()),
            Some("VIII")
        );
        assert!(dataset.section_of(65).is_none());
    }

    #[test]
    fn roman_numerals_round_trip_and_reject_non_canonical_forms() {
        assert_eq!(roman_value("I"), Some(1));
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("IX"), Some(9));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
        assert_eq!(roman_value("A"), None);
        assert_eq!(roman_value(""), None);
    }

    #[test]
    fn markup_is_found_with_its_offset() {
        assert_eq!(find_markup("plain text, a < b"), None);
        assert_eq!(find_markup("x <p>y</p>"), Some((2, "an HTML tag")));
        assert_eq!(find_markup("see [A/1](#)"), Some((8, "a markdown link")));
        assert_eq!(find_markup(r"cost \$5"), Some((5, "a backslash escape")));
        assert_eq!(find_markup("a <br/> b"), Some((2, "an HTML tag")));
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\n“é”x".as_bytes();
        let offset = text.len() - 1;
        assert_eq!(line_column(text, offset), (2, 4));
    }
}
