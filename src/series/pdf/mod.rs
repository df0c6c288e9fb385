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
//!    [`PARAGRAPH_GAP`] line pitches; across a page break it goes on when the text wrapped there
//!    (the next line's first word would not have fitted on the line before) or the next line
//!    starts in lower case;
//! 5. a word hyphenated at a line end is joined: the hyphen is kept when the hyphenated form is
//!    written elsewhere in the document, dropped when the joined word (or a word of the same
//!    stem) is, kept with a space before `and`/`or` (`troop- and police-contributing`), kept
//!    when the part after it is a word of the document (`real-` / `time`), dropped otherwise
//!    (`Secre-` / `tariat`).
//!
//! Everything before the first column heading or numbered row is front matter, one line per
//! paragraph. The output is `NN<TAB>paragraph` for a row start, `<TAB>paragraph` for each further
//! paragraph, `Heading<TAB>` for a section and `Para. in SYMBOL<TAB>` for the column heading.

mod glyphs;
mod hyphen;
mod lines;
mod table;

use std::path::{Path, PathBuf};

use hyphen::{append_line, vocabulary};
use lines::{Line, drop_furniture, line_pitch};
use table::Last;

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
    let pages = glyphs::read_pages(pdf_bytes, file)?;
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if let Some(page) = pages.iter().find(|page| page.lines.is_empty()) {
        return Err(PdfError::NoText {
            file: file.to_path_buf(),
            page: page.number,
            pages: count,
        });
    }
    Ok(table::layout(pages))
}

/// The running text of any PDF (a Special Committee report, say): page furniture dropped as
/// for the matrix, the lines of a paragraph joined (hyphenation as for the matrix), one
/// paragraph per line with a blank line between. Within a page a paragraph ends at a gap
/// taller than [`PARAGRAPH_GAP`] line pitches; across a page break it goes on when the text
/// wrapped there or the next line starts in lower case.
pub fn document_text(pdf_bytes: &[u8], file: &Path) -> Result<String, PdfError> {
    let mut pages = glyphs::read_pages(pdf_bytes, file)?;
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
                    last.wrapped_before(line, right)
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
