//! Glyphs → lines and cells; page furniture; the measures of a page's text.

use std::collections::HashMap;

use super::glyphs::Glyph;
use super::{COLUMN_GAP_EM, COLUMN_HEADING, MARGIN_BAND, SPACE_EM};

#[derive(Debug, Clone)]
pub(super) struct Page {
    pub(super) number: u32,
    pub(super) height: f64,
    pub(super) lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) chunks: Vec<Chunk>,
    /// The width of the line's first word, to tell whether it would have fitted on the line
    /// above (then that line ended a paragraph; if not, the text wrapped).
    pub(super) first_word: f64,
}

#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) text: String,
}

impl Line {
    pub(super) fn text(&self) -> String {
        join_chunks(&self.chunks)
    }
}

pub(super) fn join_chunks(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|chunk| chunk.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Glyphs → lines (by baseline, top to bottom) → chunks (by horizontal gap, left to right).
pub(super) fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.width.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row) if (glyph.y - row[0].y).abs() <= 0.35 * glyph.size.max(row[0].size) => {
                row.push(glyph);
            }
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter().filter_map(line_of).collect()
}

pub(super) fn line_of(mut glyphs: Vec<Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    // Superscripts (footnote marks) are smaller and raised: they are not wording.
    let largest = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let y = glyphs
        .iter()
        .find(|g| g.size >= 0.95 * largest && !g.text.trim().is_empty())
        .or(glyphs.first())?
        .y;
    glyphs.retain(|g| !(g.size < 0.8 * largest && y - g.y > 0.15 * largest));
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut size: f64 = 0.0;
    // A space glyph lowers the gap that makes a space but does not make one by itself:
    // Ghostscript writes a space and then moves back over it to kern.
    let mut space_glyph = false;
    let mut first_word_end: Option<f64> = None;
    for glyph in glyphs {
        if glyph.text.trim().is_empty() {
            space_glyph = true;
            continue;
        }
        size = size.max(glyph.size);
        let end = glyph.x + glyph.width;
        let in_first_chunk = chunks.len() == 1;
        match chunks.last_mut() {
            Some(chunk) if glyph.x - chunk.x1 <= COLUMN_GAP_EM * glyph.size => {
                let gap = glyph.x - chunk.x1;
                if gap > SPACE_EM * glyph.size || (space_glyph && gap > 0.05 * glyph.size) {
                    if first_word_end.is_none() && in_first_chunk {
                        first_word_end = Some(chunk.x1);
                    }
                    chunk.text.push(' ');
                }
                chunk.text.push_str(&glyph.text);
                chunk.x1 = chunk.x1.max(end);
            }
            _ => chunks.push(Chunk {
                x0: glyph.x,
                x1: end,
                text: glyph.text.clone(),
            }),
        }
        space_glyph = false;
    }
    (!chunks.is_empty()).then_some(Line {
        y,
        size,
        first_word: first_word_end.unwrap_or_else(|| chunks.first().map_or(0.0, |c| c.x1))
            - chunks.first().map_or(0.0, |c| c.x0),
        chunks,
    })
}

/// `21-15942`, `3/24`, `Page 3`, `21-15942 (E) 021121`: what a footer or header number reads like.
pub(super) fn looks_like_furniture(text: &str) -> bool {
    let digits =
        |t: &str, max: usize| (1..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let page = |t: &str| {
        digits(t, 4)
            || t.split_once('/')
                .is_some_and(|(a, b)| digits(a, 4) && digits(b, 4))
    };
    let job = |t: &str| {
        t.split_once('-')
            .is_some_and(|(a, b)| a.len() == 2 && digits(a, 2) && digits(b, 6))
    };
    let text = text.trim();
    if let Some(number) = text.strip_prefix("Page ") {
        return page(number.trim());
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    match tokens.as_slice() {
        // A bare number of up to three digits (a year such as 2020 is wording).
        [single] => digits(single, 3) || single.contains('/') && page(single) || job(single),
        [first, rest @ ..] => {
            job(first) && rest.iter().all(|t| *t == "(E)" || digits(t, 6) || page(t))
        }
        [] => false,
    }
}

pub(super) fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drops running headers and footers: outermost lines in the margin band that repeat on
/// another page at the same height, or read like a job or page number.
pub(super) fn drop_furniture(pages: &mut [Page]) {
    let mut seen: HashMap<String, Vec<(u32, f64)>> = HashMap::new();
    for page in pages.iter() {
        for line in &page.lines {
            seen.entry(furniture_key(&line.text()))
                .or_default()
                .push((page.number, line.y));
        }
    }
    let repeats = |page: u32, line: &Line| {
        seen.get(&furniture_key(&line.text()))
            .is_some_and(|places| {
                places
                    .iter()
                    .any(|&(other, y)| other != page && (y - line.y).abs() <= 2.0)
            })
    };
    for page in pages.iter_mut() {
        let band = page.height * MARGIN_BAND;
        // The column heading repeats on every page too, but it is the table's.
        let is_furniture = |line: &Line, in_band: bool| {
            in_band
                && !line.text().starts_with(COLUMN_HEADING)
                && (repeats(page.number, line) || looks_like_furniture(&line.text()))
        };
        let top = page
            .lines
            .iter()
            .take_while(|line| is_furniture(line, line.y <= band))
            .count();
        let bottom = page.lines[top..]
            .iter()
            .rev()
            .take_while(|line| is_furniture(line, line.y >= page.height - band))
            .count();
        let keep = page.lines.len() - bottom;
        page.lines.truncate(keep);
        page.lines.drain(..top);
    }
}

pub(super) fn mode(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for value in values {
        // Half-point buckets: positions printed by one producer agree to far less than that.
        #[allow(clippy::cast_possible_truncation)]
        let bucket = (value * 2.0).round() as i64;
        *counts.entry(bucket).or_default() += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    counts
        .into_iter()
        .max_by_key(|&(bucket, count)| (count, -bucket))
        .map(|(bucket, _)| bucket as f64 / 2.0)
}

/// The usual distance between the baselines of two lines of one paragraph: the commonest gap
/// between consecutive lines, leaving out gaps over 1.5 font sizes (paragraph spacing, which
/// is the commonest gap where paragraphs are short).
pub(super) fn line_pitch<'a>(pairs: impl Iterator<Item = &'a [Line]>) -> f64 {
    mode(pairs.filter_map(|pair| {
        let gap = pair[1].y - pair[0].y;
        (gap > 0.0 && gap <= 1.5 * pair[0].size.max(pair[1].size)).then_some(gap)
    }))
    .unwrap_or(12.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, size: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            width: 0.5 * size,
            size,
            text: text.into(),
        }
    }

    #[test]
    fn glyphs_make_cells_words_and_no_superscripts() {
        let glyphs = vec![
            glyph(10.0, 100.0, 10.0, "1"),
            glyph(15.0, 100.0, 10.0, "8"),
            // 35 points on: another cell.
            glyph(55.0, 100.0, 10.0, "T"),
            glyph(60.0, 100.0, 10.0, "o"),
            glyph(65.0, 100.0, 10.0, " "),
            glyph(67.5, 100.0, 10.0, "b"),
            glyph(72.5, 100.0, 10.0, "e"),
            // A footnote mark: smaller and raised.
            glyph(77.5, 96.0, 6.0, "2"),
            // 2 points on without a space glyph: a justified word space.
            glyph(82.5, 100.0, 10.0, "."),
        ];
        let line = line_of(glyphs).unwrap();
        let cells: Vec<&str> = line.chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, vec!["18", "To be ."]);
        assert!((line.y - 100.0).abs() < f64::EPSILON);
    }

    #[test]
    fn furniture_numbers() {
        assert!(looks_like_furniture("21-15942"));
        assert!(looks_like_furniture("21-15942 (E) 021121"));
        assert!(looks_like_furniture("3/24"));
        assert!(looks_like_furniture("Page 3"));
        assert!(!looks_like_furniture("18 Discussions"));
        assert!(!looks_like_furniture("A/76/505/Add.1"));
        assert!(looks_like_furniture("21-15942 31/32"));
        assert!(looks_like_furniture("12"));
        // The last line of a paragraph, alone at the foot of a page, is wording.
        assert!(!looks_like_furniture("2020."));
        assert!(!looks_like_furniture("2020"));
        assert!(!looks_like_furniture("(E)"));
    }
}
