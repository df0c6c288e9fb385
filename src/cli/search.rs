//! `search` and `missions`.
//!
//! `search` prints one hit per line: the paragraph number, the section numeral, the score and
//! the best sentence, clipped to the terminal's width (or `$COLUMNS`, or 80 when piped), with
//! the matches in bold on a terminal (not with `NO_COLOR`). `--json` prints the hits with
//! their highlight ranges in **character** offsets (Unicode scalar values, end exclusive), as
//! JSON readers in other languages index strings. Exit status 1 when nothing matches.

use std::io::{IsTerminal, Write};
use std::ops::Range;

use serde::Serialize;

use c34::dataset::Dataset;
use c34::sanitize::{for_line, is_unsafe, json_for_terminal};
use c34::search::{Hit, SearchIndex, Snippet};

use super::{Failure, Outcome};

/// Width used when standard output is not a terminal and `$COLUMNS` is not set.
const PIPE_WIDTH: usize = 80;

pub fn search(
    dataset: &Dataset,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let index = SearchIndex::new(dataset);
    // `--limit 0` prints nothing, but the exit status still says whether anything matched.
    let hits = index.search(query, limit.max(1));
    let shown = &hits[..hits.len().min(limit)];
    if json {
        let records: Vec<JsonHit> = shown.iter().map(|hit| json_hit(dataset, hit)).collect();
        let text = serde_json::to_string_pretty(&records)
            .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
        writeln!(out, "{}", json_for_terminal(&text))?;
    } else {
        let width = output_width();
        let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for hit in shown {
            write_hit(dataset, hit, width, bold, out)?;
        }
    }
    if hits.is_empty() {
        return Ok(Outcome::NotFound(format!(
            "no recommendation matches {}",
            for_line(&format!("{query:?}"))
        )));
    }
    Ok(Outcome::Done)
}

pub fn missions(dataset: &Dataset, json: bool, out: &mut impl Write) -> Result<Outcome, Failure> {
    if json {
        let text = serde_json::to_string_pretty(&dataset.missions)
            .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
        writeln!(out, "{}", json_for_terminal(&text))?;
    } else {
        let width = output_width().max(40);
        for mission in &dataset.missions {
            writeln!(
                out,
                "{}  {} ({})",
                for_line(&mission.acronym),
                for_line(&mission.name),
                for_line(&mission.location)
            )?;
            let paras: Vec<String> = mission.paras.iter().map(u32::to_string).collect();
            let options = textwrap::Options::new(width)
                .initial_indent("    paras ")
                .subsequent_indent("          ");
            writeln!(out, "{}", textwrap::fill(&paras.join(" "), options))?;
        }
    }
    if dataset.missions.is_empty() {
        return Ok(Outcome::NotFound("the dataset names no missions".into()));
    }
    Ok(Outcome::Done)
}

/// `para  section  score  snippet`, the snippet clipped to what is left of the line.
fn write_hit(
    dataset: &Dataset,
    hit: &Hit,
    width: usize,
    bold: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let section = dataset
        .sections
        .get(hit.location.section)
        .map_or(String::new(), |s| for_line(&s.number).into_owned());
    let prefix = format!("{:>4}  {:<5} {:>5}  ", hit.para, section, hit.score);
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(prefix.as_str()));
    let snippet = sanitized(&hit.snippet).clip(room.max(10));
    let mut line = prefix;
    let mut at = 0;
    for range in &snippet.highlights {
        line.push_str(&snippet.text[at..range.start]);
        if bold {
            line.push_str("\u{1b}[1m");
        }
        line.push_str(&snippet.text[range.clone()]);
        if bold {
            line.push_str("\u{1b}[22m");
        }
        at = range.end;
    }
    line.push_str(&snippet.text[at..]);
    writeln!(out, "{line}")
}

/// The snippet with unsafe characters replaced as `c34::sanitize::for_line` does, and the
/// highlight ranges moved to match.
fn sanitized(snippet: &Snippet) -> Snippet {
    if !snippet
        .text
        .chars()
        .any(|c| is_unsafe(c) || c == '\n' || c == '\t')
    {
        return snippet.clone();
    }
    let mut text = String::with_capacity(snippet.text.len());
    // new_offset[i] = where byte i of the old text starts in the new one.
    let mut new_offset = vec![0; snippet.text.len() + 1];
    for (i, c) in snippet.text.char_indices() {
        new_offset[i] = text.len();
        let mut buffer = [0; 4];
        text.push_str(&for_line(c.encode_utf8(&mut buffer)));
    }
    new_offset[snippet.text.len()] = text.len();
    let highlights = snippet
        .highlights
        .iter()
        .map(|r| new_offset[r.start]..new_offset[r.end])
        .collect();
    Snippet { text, highlights }
}

/// The terminal's width, else `$COLUMNS`, else 80.
fn output_width() -> usize {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(ratatui::crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(columns, _)| usize::from(columns));
    terminal
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
        })
        .filter(|&w| w > 0)
        .unwrap_or(PIPE_WIDTH)
}

#[derive(Serialize)]
struct JsonHit {
    para: u32,
    section: String,
    score: u32,
    snippet: JsonSnippet,
    /// Character ranges in `paragraphs[paragraph]` of the recommendation.
    highlights: Vec<JsonHighlight>,
}

#[derive(Serialize)]
struct JsonSnippet {
    text: String,
    /// Character ranges in `text`.
    highlights: Vec<Range<usize>>,
}

#[derive(Serialize)]
struct JsonHighlight {
    paragraph: usize,
    start: usize,
    end: usize,
}

fn json_hit(dataset: &Dataset, hit: &Hit) -> JsonHit {
    let section = dataset
        .sections
        .get(hit.location.section)
        .map_or(String::new(), c34::dataset::Section::heading);
    let paragraphs = dataset.get(hit.location).map(|r| r.paragraphs.as_slice());
    let highlights = hit
        .highlights
        .iter()
        .filter_map(|h| {
            let text = paragraphs?.get(h.paragraph)?;
            let chars = char_range(text, &h.range)?;
            Some(JsonHighlight {
                paragraph: h.paragraph,
                start: chars.start,
                end: chars.end,
            })
        })
        .collect();
    JsonHit {
        para: hit.para,
        section,
        score: hit.score,
        snippet: JsonSnippet {
            text: hit.snippet.text.clone(),
            highlights: hit
                .snippet
                .highlights
                .iter()
                .filter_map(|r| char_range(&hit.snippet.text, r))
                .collect(),
        },
        highlights,
    }
}

/// A byte range of `text` as a character range.
fn char_range(text: &str, bytes: &Range<usize>) -> Option<Range<usize>> {
    let start = text.get(..bytes.start)?.chars().count();
    let len = text.get(bytes.clone())?.chars().count();
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ranges_count_characters() {
        let text = "“Silencing” of the Guns";
        let start = text.find("of").unwrap();
        assert_eq!(char_range(text, &(start..start + 2)), Some(12..14));
        assert_eq!(char_range(text, &(1..2)), None);
    }

    #[test]
    fn sanitising_moves_highlights_with_the_text() {
        let snippet = Snippet {
            text: "a\u{1b}]52 Mali\tend".into(),
            highlights: std::iter::once(6..10).collect(),
        };
        let clean = sanitized(&snippet);
        assert!(!clean.text.chars().any(is_unsafe));
        assert_eq!(clean.highlighted(), ["Mali"]);
    }
}
