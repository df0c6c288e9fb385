//! A matrix report as a PDF → its text in the tab-separated layout [`crate::import`] reads.
//!
//! The PDF is read with `pdf-extract` (fonts, encodings, `ToUnicode` maps) into positioned
//! glyphs; everything after that is geometry done here:
//!
//! 1. glyphs on one baseline make a line; a gap wider than [`COLUMN_GAP_EM`] splits the line
//!    into chunks (table cells), a gap wider than [`SPACE_EM`] is a space;
//! 2. page furniture is dropped: the outermost lines of a page, within the top or bottom
//!    [`MARGIN_BAND`] of its height, that repeat on another page at the same height (running
//!    header, job number, page number) or read like a job or page number;
//! 3. the response column starts where the text after a paragraph number starts on most rows;
//!    a line is a row start (number, then response), a continuation of the response, the
//!    `Para. in` column heading (kept once per symbol, its other cells dropped), or a heading
//!    that spans both columns (a section);
//! 4. lines of one paragraph are joined: within a page a paragraph ends at a gap taller than
//!    [`PARAGRAPH_GAP`] line pitches; across a page break it goes on when the last line before
//!    the break is full (justified to the column's right edge) or the next starts in lower case;
//! 5. a word hyphenated at a line end is joined: the hyphen is kept when the hyphenated form is
//!    written elsewhere in the document, dropped when the joined word (or a word of the same
//!    stem) is, kept with a space before `and`/`or` (`troop- and police-contributing`), kept
//!    when the part after it is a word of the document (`real-` / `time`), dropped otherwise
//!    (`Secre-` / `tariat`).
//!
//! Everything before the first column heading or numbered row is front matter, one line per
//! paragraph. The output is `NN<TAB>paragraph` for a row start, `<TAB>paragraph` for each further
//! paragraph, `Heading<TAB>` for a section and `Para. in SYMBOL<TAB>` for the column heading.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A gap wider than this many font sizes separates two cells of a table row.
pub const COLUMN_GAP_EM: f64 = 1.5;
/// A gap wider than this many font sizes between two glyphs is a space.
pub const SPACE_EM: f64 = 0.15;
/// Furniture (headers, footers) lies within this fraction of the page height from its edge.
pub const MARGIN_BAND: f64 = 0.1;
/// A vertical gap above this many line pitches ends a paragraph.
pub const PARAGRAPH_GAP: f64 = 1.35;

/// The heading of the paragraph-number column, followed by the Special Committee report's symbol.
const COLUMN_HEADING: &str = "Para. in";

/// Why a PDF could not be turned into report text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{}: not a readable PDF: {reason}", file.display())]
    Unreadable { file: PathBuf, reason: String },
    #[error("{}: page {page}: the text cannot be read: {reason}", file.display())]
    Page {
        file: PathBuf,
        page: u32,
        reason: String,
    },
    #[error(
        "{}: page {page} of {pages} has no text (a scanned image?); c34 reads PDFs that have a text layer",
        file.display()
    )]
    NoText {
        file: PathBuf,
        page: u32,
        pages: u32,
    },
}

/// The report text of a PDF, with the page each of its lines came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedText {
    pub text: String,
    /// The 1-based page of each line of `text`, so an import error can name the page.
    pub line_pages: Vec<u32>,
}

impl ExtractedText {
    /// The page the 1-based `line` of the text came from.
    pub fn page_of_line(&self, line: usize) -> Option<u32> {
        self.line_pages.get(line.checked_sub(1)?).copied()
    }
}

/// The text of a matrix report PDF in the layout [`crate::import::import`] reads; `file` only
/// names the PDF in errors.
pub fn report_text(pdf_bytes: &[u8], file: &Path) -> Result<String, PdfError> {
    extract(pdf_bytes, file).map(|extracted| extracted.text)
}

/// [`report_text`] with the page of every line.
pub fn extract(pdf_bytes: &[u8], file: &Path) -> Result<ExtractedText, PdfError> {
    let pages = read_pages(pdf_bytes, file)?;
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if let Some(page) = pages.iter().find(|page| page.lines.is_empty()) {
        return Err(PdfError::NoText {
            file: file.to_path_buf(),
            page: page.number,
            pages: count,
        });
    }
    Ok(layout(pages))
}

/// The running text of any PDF (a Special Committee report, say): page furniture dropped as
/// for the matrix, the lines of a paragraph joined (hyphenation as for the matrix), one
/// paragraph per line with a blank line between. Within a page a paragraph ends at a gap
/// taller than [`PARAGRAPH_GAP`] line pitches; across a page break it goes on when the last line
/// is full or the next starts in lower case.
pub fn document_text(pdf_bytes: &[u8], file: &Path) -> Result<String, PdfError> {
    let mut pages = read_pages(pdf_bytes, file)?;
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if let Some(page) = pages.iter().find(|page| page.lines.is_empty()) {
        return Err(PdfError::NoText {
            file: file.to_path_buf(),
            page: page.number,
            pages: count,
        });
    }
    drop_furniture(&mut pages);
    let vocabulary = vocabulary(&pages);
    let pitch = line_pitch(pages.iter().flat_map(|page| page.lines.windows(2)));
    let right_of = |line: &Line| line.chunks.last().map_or(0.0, |chunk| chunk.x1);
    let right = pages
        .iter()
        .flat_map(|page| &page.lines)
        .map(right_of)
        .fold(0.0, f64::max);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut last: Option<Last> = None;
    for page in &pages {
        for line in &page.lines {
            let text = line.text();
            let continues = last.is_some_and(|last| {
                if last.page == page.number {
                    line.y - last.y <= pitch * PARAGRAPH_GAP
                } else {
                    last.right >= right - last.size
                        || text.chars().next().is_some_and(char::is_lowercase)
                }
            });
            match paragraphs.last_mut() {
                Some(paragraph) if continues => append_line(paragraph, &text, &vocabulary),
                _ => paragraphs.push(text),
            }
            last = Some(Last {
                page: page.number,
                y: line.y,
                right: right_of(line),
                size: line.size,
            });
        }
    }
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    Ok(text)
}

// ---------------------------------------------------------------------------------------------
// Glyphs

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    /// The baseline, measured down from the top of the page.
    y: f64,
    width: f64,
    size: f64,
    text: String,
}

#[derive(Debug, Default)]
struct Collector {
    pages: Vec<(u32, f64, Vec<Glyph>)>,
    /// The top of the current page, to measure baselines down from it.
    top: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let height = media_box.ury - media_box.lly;
        self.top = media_box.ury;
        self.pages.push((page_num, height, Vec::new()));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some((_, _, glyphs)) = self.pages.last_mut() else {
            return Ok(());
        };
        // The font size as drawn: the text matrix applied to a square of the font size.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        glyphs.push(Glyph {
            x: trm.m31,
            y: self.top - trm.m32,
            width: width * size,
            size,
            text: normalise_glyph(text),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Ligatures become their letters; a soft hyphen stays (it marks a hyphenated line end).
fn normalise_glyph(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{a0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn read_pages(bytes: &[u8], file: &Path) -> Result<Vec<Page>, PdfError> {
    let unreadable = |reason: String| PdfError::Unreadable {
        file: file.to_path_buf(),
        reason,
    };
    // pdf-extract and lopdf panic on some malformed files: a panic is an unreadable PDF.
    let document = catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|panic| unreadable(panic_message(&panic)))?
        .map_err(|error| unreadable(error.to_string()))?;
    if document.is_encrypted() {
        return Err(unreadable("the PDF is encrypted".into()));
    }
    let page_numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(unreadable("the PDF has no pages".into()));
    }
    let mut pages = Vec::with_capacity(page_numbers.len());
    for number in page_numbers {
        let mut collector = Collector::default();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&document, &mut collector, number)
        }));
        let page_error = |reason: String| PdfError::Page {
            file: file.to_path_buf(),
            page: number,
            reason,
        };
        match outcome {
            Err(panic) => return Err(page_error(panic_message(&panic))),
            Ok(Err(error)) => return Err(page_error(error.to_string())),
            Ok(Ok(())) => {}
        }
        let (height, glyphs) = collector
            .pages
            .pop()
            .map_or((0.0, Vec::new()), |(_, height, glyphs)| (height, glyphs));
        pages.push(Page {
            number,
            height,
            lines: lines_of(glyphs),
        });
    }
    Ok(pages)
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the PDF reader failed".into())
}

// ---------------------------------------------------------------------------------------------
// Lines and chunks

#[derive(Debug, Clone)]
struct Page {
    number: u32,
    height: f64,
    lines: Vec<Line>,
}

#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    chunks: Vec<Chunk>,
}

#[derive(Debug, Clone)]
struct Chunk {
    x0: f64,
    x1: f64,
    text: String,
}

impl Line {
    fn text(&self) -> String {
        join_chunks(&self.chunks)
    }
}

fn join_chunks(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|chunk| chunk.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Glyphs → lines (by baseline, top to bottom) → chunks (by horizontal gap, left to right).
fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
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

fn line_of(mut glyphs: Vec<Glyph>) -> Option<Line> {
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
    let mut space = false;
    for glyph in glyphs {
        if glyph.text.trim().is_empty() {
            space = true;
            continue;
        }
        size = size.max(glyph.size);
        let end = glyph.x + glyph.width;
        match chunks.last_mut() {
            Some(chunk) if glyph.x - chunk.x1 <= COLUMN_GAP_EM * glyph.size => {
                if space || glyph.x - chunk.x1 > SPACE_EM * glyph.size {
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
        space = false;
    }
    (!chunks.is_empty()).then_some(Line { y, size, chunks })
}

// ---------------------------------------------------------------------------------------------
// Furniture

/// `21-15942`, `3/24`, `Page 3`, `21-15942 (E) 021121`: what a footer or header number reads like.
fn looks_like_furniture(text: &str) -> bool {
    let text = text.trim().trim_start_matches("Page").trim();
    text.bytes().any(|b| b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b" /-().E".contains(&b))
}

fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drops running headers and footers: outermost lines in the margin band that repeat on
/// another page at the same height, or read like a job or page number.
fn drop_furniture(pages: &mut [Page]) {
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

// ---------------------------------------------------------------------------------------------
// Layout

fn is_para_number(text: &str) -> bool {
    (1..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn mode(values: impl Iterator<Item = f64>) -> Option<f64> {
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
fn line_pitch<'a>(pairs: impl Iterator<Item = &'a [Line]>) -> f64 {
    mode(pairs.filter_map(|pair| {
        let gap = pair[1].y - pair[0].y;
        (gap > 0.0 && gap <= 1.5 * pair[0].size.max(pair[1].size)).then_some(gap)
    }))
    .unwrap_or(12.0)
}

/// What the table's geometry says: where the response column starts, its right edge, the pitch
/// of its lines.
struct Geometry {
    response_x: f64,
    /// The commonest font size of the rows; smaller lines in the table are footnotes.
    body_size: f64,
    response_right: f64,
    pitch: f64,
}

fn geometry(pages: &[Page]) -> Option<Geometry> {
    let rows = pages
        .iter()
        .flat_map(|page| &page.lines)
        .filter(|line| line.chunks.len() >= 2 && is_para_number(&line.chunks[0].text));
    let response_x = mode(rows.clone().map(|line| line.chunks[1].x0))?;
    let body_size = mode(rows.map(|line| line.size)).unwrap_or(0.0);
    let tolerance = 2.0;
    let in_response = |line: &Line| {
        line.chunks
            .iter()
            .all(|chunk| chunk.x0 >= response_x - tolerance)
    };
    let response_right = pages
        .iter()
        .flat_map(|page| &page.lines)
        .filter(|line| {
            in_response(line)
                || (line.chunks.len() >= 2 && (line.chunks[1].x0 - response_x).abs() <= tolerance)
        })
        .map(|line| line.chunks.last().map_or(0.0, |chunk| chunk.x1))
        .fold(response_x, f64::max);
    let pitch = line_pitch(pages.iter().flat_map(|page| {
        page.lines.windows(2).filter(|pair| {
            (in_response(&pair[0]) || pair[0].chunks.len() >= 2) && in_response(&pair[1])
        })
    }));
    Some(Geometry {
        response_x,
        body_size,
        response_right,
        pitch,
    })
}

/// One block of the output text.
#[derive(Debug)]
enum Block {
    Front(String),
    ColumnHeading(String),
    Heading(String),
    Response {
        para: u32,
        paragraphs: Vec<String>,
    },
    /// Response-column text with no row before it; the importer names the line.
    Orphan(String),
}

/// Where the last line of text went, to decide whether the next one continues it.
#[derive(Debug, Clone, Copy)]
struct Last {
    page: u32,
    y: f64,
    right: f64,
    size: f64,
}

struct Builder {
    blocks: Vec<(u32, Block)>,
    last: Option<Last>,
    header_open: bool,
    /// The column heading last emitted, so the repeat on every page is dropped.
    heading_symbol: Option<String>,
}

fn layout(mut pages: Vec<Page>) -> ExtractedText {
    drop_furniture(&mut pages);
    let vocabulary = vocabulary(&pages);
    let Some(geometry) = geometry(&pages) else {
        // Not a table of numbered rows: the lines as they are, for the importer to judge.
        let mut out = ExtractedText {
            text: String::new(),
            line_pages: Vec::new(),
        };
        for page in &pages {
            for line in &page.lines {
                push_line(&mut out, &line.text(), page.number);
            }
        }
        return out;
    };
    let mut builder = Builder {
        blocks: Vec::new(),
        last: None,
        header_open: false,
        heading_symbol: None,
    };
    let mut in_table = false;
    for page in &pages {
        let front_right = page
            .lines
            .iter()
            .map(|line| line.chunks.last().map_or(0.0, |c| c.x1))
            .fold(0.0, f64::max);
        for line in &page.lines {
            let (left, right) = split_columns(line, geometry.response_x);
            let left_text = join_chunks(left);
            let starts_table = left_text.starts_with(COLUMN_HEADING)
                || (is_para_number(&left_text) && !right.is_empty());
            in_table |= starts_table;
            if in_table {
                builder.table_line(page.number, line, left, right, &geometry, &vocabulary);
            } else {
                builder.front_line(page.number, line, front_right, &vocabulary);
            }
        }
    }
    builder.finish()
}

/// The chunks left of the response column, and those in it. A chunk that starts left of it and
/// runs into it (a heading across both columns) counts as left.
fn split_columns(line: &Line, response_x: f64) -> (&[Chunk], &[Chunk]) {
    let tolerance = line.size.max(1.0) * 0.5;
    let split = line
        .chunks
        .iter()
        .position(|chunk| chunk.x0 >= response_x - tolerance)
        .unwrap_or(line.chunks.len());
    line.chunks.split_at(split)
}

impl Builder {
    fn front_line(&mut self, page: u32, line: &Line, page_right: f64, vocabulary: &Vocabulary) {
        let continues = line.chunks.len() == 1
            && matches!(self.blocks.last(), Some((_, Block::Front(_))))
            && self.last.is_some_and(|last| {
                last.page == page
                    && line.y - last.y <= 1.5 * last.size.max(line.size)
                    && last.right >= page_right - line.size
            });
        if continues && let Some((_, Block::Front(text))) = self.blocks.last_mut() {
            append_line(text, &line.chunks[0].text, vocabulary);
        } else {
            for chunk in &line.chunks {
                self.blocks.push((page, Block::Front(chunk.text.clone())));
            }
        }
        self.last = Some(Last {
            page,
            y: line.y,
            right: line.chunks.last().map_or(0.0, |c| c.x1),
            size: line.size,
        });
    }

    fn table_line(
        &mut self,
        page: u32,
        line: &Line,
        left: &[Chunk],
        right: &[Chunk],
        geometry: &Geometry,
        vocabulary: &Vocabulary,
    ) {
        let left_text = join_chunks(left);
        let right_text = join_chunks(right);
        let here = Last {
            page,
            y: line.y,
            right: right.last().map_or(0.0, |c| c.x1),
            size: line.size,
        };
        if let Some(rest) = left_text.strip_prefix(COLUMN_HEADING) {
            // The column heading; whatever the response column holds on its lines is a label.
            self.header_open = true;
            self.column_heading(page, rest.trim());
            return;
        }
        if self.header_open && right.is_empty() && !left.is_empty() && !is_para_number(&left_text) {
            let symbol = left_text.trim();
            if symbol.contains('/') && !symbol.contains(' ') {
                self.column_heading(page, symbol);
                self.header_open = false;
                return;
            }
        }
        if self.header_open && left.is_empty() {
            // A label over the response column, on a line of its own under the heading.
            return;
        }
        if line.size < 0.85 * geometry.body_size {
            // A footnote (or its mark on a line of its own): not part of a response.
            return;
        }
        self.header_open = false;
        if is_para_number(&left_text) {
            let para = left_text.parse().unwrap_or(0);
            let paragraphs = if right_text.is_empty() {
                Vec::new()
            } else {
                vec![right_text]
            };
            self.blocks
                .push((page, Block::Response { para, paragraphs }));
            self.last = Some(here);
            return;
        }
        if !left.is_empty() {
            let text = join_chunks(line.chunks.as_slice());
            let continues_heading = matches!(self.blocks.last(), Some((_, Block::Heading(_))))
                && self.last.is_some_and(|last| {
                    last.page == page && line.y - last.y <= geometry.pitch * PARAGRAPH_GAP
                });
            if continues_heading && let Some((_, Block::Heading(heading))) = self.blocks.last_mut()
            {
                append_line(heading, &text, vocabulary);
            } else {
                self.blocks.push((page, Block::Heading(text)));
            }
            self.last = Some(Last {
                right: line.chunks.last().map_or(0.0, |c| c.x1),
                ..here
            });
            return;
        }
        // Response-column text: the same paragraph, a new one, or one without a row.
        let continues = self.last.is_some_and(|last| {
            if last.page == page {
                line.y - last.y <= geometry.pitch * PARAGRAPH_GAP
            } else {
                last.right >= geometry.response_right - last.size
                    || right_text.chars().next().is_some_and(char::is_lowercase)
            }
        });
        match self.blocks.last_mut() {
            Some((_, Block::Response { paragraphs, .. })) => match paragraphs.last_mut() {
                Some(paragraph) if continues => append_line(paragraph, &right_text, vocabulary),
                _ => paragraphs.push(right_text),
            },
            Some((_, Block::Orphan(text))) if continues => {
                append_line(text, &right_text, vocabulary);
            }
            _ => self.blocks.push((page, Block::Orphan(right_text))),
        }
        self.last = Some(here);
    }

    fn column_heading(&mut self, page: u32, symbol: &str) {
        if symbol.is_empty() {
            return;
        }
        if self.heading_symbol.as_deref() != Some(symbol) {
            self.heading_symbol = Some(symbol.to_string());
            self.blocks
                .push((page, Block::ColumnHeading(symbol.to_string())));
        }
        self.header_open = false;
    }

    fn finish(self) -> ExtractedText {
        let mut out = ExtractedText {
            text: String::new(),
            line_pages: Vec::new(),
        };
        for (page, block) in self.blocks {
            match block {
                Block::Front(text) => {
                    push_line(&mut out, &text, page);
                    push_line(&mut out, "", page);
                }
                Block::ColumnHeading(symbol) => {
                    push_line(&mut out, &format!("Para. in {symbol}\t"), page);
                }
                Block::Heading(text) => push_line(&mut out, &format!("{text}\t"), page),
                Block::Response { para, paragraphs } => {
                    let mut paragraphs = paragraphs.into_iter();
                    let first = paragraphs.next().unwrap_or_default();
                    push_line(&mut out, &format!("{para}\t{first}"), page);
                    for paragraph in paragraphs {
                        push_line(&mut out, &format!("\t{paragraph}"), page);
                    }
                }
                Block::Orphan(text) => push_line(&mut out, &format!("\t{text}"), page),
            }
        }
        out
    }
}

fn push_line(out: &mut ExtractedText, line: &str, page: u32) {
    out.text.push_str(line);
    out.text.push('\n');
    out.line_pages.push(page);
}

// ---------------------------------------------------------------------------------------------
// Hyphenation

/// The words of the document as written inside lines (not broken at a line end), lower case,
/// and their stems (so `in-` / `volved` finds `involvement`).
#[derive(Debug, Default)]
struct Vocabulary {
    words: HashSet<String>,
    stems: HashSet<String>,
}

impl Vocabulary {
    fn insert(&mut self, word: String) {
        if !word.contains('-') {
            self.stems.insert(stem_of(&word));
        }
        self.words.insert(word);
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    fn contains_stem_of(&self, word: &str) -> bool {
        self.stems.contains(&stem_of(word))
    }
}

fn stem_of(word: &str) -> String {
    crate::text::stem(&crate::text::fold(word)).into_owned()
}

fn vocabulary(pages: &[Page]) -> Vocabulary {
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
fn bare_word(token: &str) -> &str {
    token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{ad}')
}

/// How a line ending in a hyphen joins the next line.
enum Hyphen {
    /// A compound broken after its hyphen: `police-` / `contributing`.
    Keep,
    /// A word hyphenated by the typesetter: `peace-` / `keeping`.
    Drop,
    /// A suspended hyphen before a space: `troop-` / `and police-contributing`.
    Space,
}

/// Words after which a line-end hyphen is suspended (`troop- and police-contributing`).
const SUSPENDED_BEFORE: &[&str] = &["and", "or", "to", "nor"];

/// Appends the next line of a paragraph, joining a word hyphenated across the line end.
fn append_line(paragraph: &mut String, next: &str, vocabulary: &Vocabulary) {
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
    }
}
