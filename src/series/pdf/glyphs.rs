//! PDF bytes → pages of positioned glyphs (via `pdf-extract`) → lines.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::PdfError;
use super::lines::{Page, lines_of};

#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    /// The baseline, measured down from the top of the page.
    pub(super) y: f64,
    pub(super) width: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

#[derive(Debug, Default)]
pub(super) struct Collector {
    pub(super) pages: Vec<(u32, f64, Vec<Glyph>)>,
    /// The top of the current page, to measure baselines down from it.
    pub(super) top: f64,
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
pub(super) fn normalise_glyph(text: &str) -> String {
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

pub(super) fn read_pages(bytes: &[u8], file: &Path) -> Result<Vec<Page>, PdfError> {
    let unreadable = |reason: String| PdfError::Unreadable {
        file: file.to_path_buf(),
        reason,
    };
    // pdf-extract and lopdf panic on some malformed files: a panic is an unreadable PDF.
    let mut document = catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|panic| unreadable(panic_message(&panic)))?
        .map_err(|error| unreadable(error.to_string()))?;
    if document.is_encrypted() {
        return Err(unreadable("the PDF is encrypted".into()));
    }
    // A page whose content cannot be rewritten is read as it is.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        spell_out_next_line_operators(&mut document);
    }));
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

/// Rewrites the text operators `'` and `"` (next line, then show) as `T*` and `Tj` (and `Tw`,
/// `Tc`), which pdf-extract knows: without it the lines that Ghostscript writes with `'` all
/// land on one baseline.
fn spell_out_next_line_operators(document: &mut pdf_extract::Document) {
    use pdf_extract::content::{Content, Operation};
    let page_ids: Vec<_> = document.get_pages().values().copied().collect();
    for page_id in page_ids {
        let Ok(bytes) = document.get_page_content(page_id) else {
            continue;
        };
        let Ok(content) = Content::decode(&bytes) else {
            continue;
        };
        if !content
            .operations
            .iter()
            .any(|op| op.operator == "'" || op.operator == "\"")
        {
            continue;
        }
        let mut operations = Vec::with_capacity(content.operations.len() + 16);
        for op in content.operations {
            match (op.operator.as_str(), op.operands.as_slice()) {
                ("'", [text]) => {
                    operations.push(Operation::new("T*", Vec::new()));
                    operations.push(Operation::new("Tj", vec![text.clone()]));
                }
                ("\"", [word_spacing, char_spacing, text]) => {
                    operations.push(Operation::new("Tw", vec![word_spacing.clone()]));
                    operations.push(Operation::new("Tc", vec![char_spacing.clone()]));
                    operations.push(Operation::new("T*", Vec::new()));
                    operations.push(Operation::new("Tj", vec![text.clone()]));
                }
                _ => operations.push(op),
            }
        }
        if let Ok(bytes) = (Content { operations }).encode() {
            let _ = document.change_page_content(page_id, bytes);
        }
    }
}

pub(super) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the PDF reader failed".into())
}
