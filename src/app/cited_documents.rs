//! The documents the responses cite ([`crate::refs`]) in the browser: a **Documents cited**
//! branch in the tree whose documents list their citing recommendations, with the citation
//! standing out in the reader; and the reader's header: the bookmark, the note, and the
//! documents a response cites with their links.

use super::reader::{Mark, ReaderLayout, ReaderLine, wrapped};
use super::{App, Source, TreeRow};
use crate::refs;
use crate::safe_format;
use crate::sanitize::SafeText;

impl App {
    /// The tree's Documents cited branch, when the responses cite any.
    pub(super) fn push_document_rows(&self, rows: &mut Vec<TreeRow>) {
        if self.references.is_empty() {
            return;
        }
        rows.push(TreeRow::Documents);
        if self.tree.documents_expanded {
            rows.extend((0..self.references.len()).map(TreeRow::Document));
        }
    }

    /// Expands or collapses the Documents cited branch (from its head or a document in it);
    /// returns the row to select afterwards.
    pub(super) fn toggle_documents(&mut self, row: TreeRow) -> TreeRow {
        self.tree.documents_expanded = match row {
            TreeRow::Document(_) => false,
            _ => !self.tree.documents_expanded,
        };
        TreeRow::Documents
    }

    /// The document whose citing recommendations the list shows.
    pub fn cited_document(&self) -> Option<usize> {
        match self.list.source {
            Source::Document(d) => Some(d),
            _ => None,
        }
    }

    /// Adds the header of the response to the reader: after the section heading, `★
    /// bookmarked` and the note, and the documents the response cites with their links; marks
    /// the citations of the listed document.
    pub(super) fn add_reader_header(&self, layout: &mut ReaderLayout) {
        let width = layout.inputs.width.max(1);
        let Some(recommendation) = layout.inputs.location.and_then(|l| self.dataset.get(l)) else {
            if self.list.source == Source::Bookmarks {
                // An empty Bookmarks branch says how to fill it.
                let text = SafeText::new(
                    "No bookmarks or notes yet: b bookmarks the open response, a writes a note on it.",
                );
                layout.lines = wrapped(&text, width, ReaderLine::Empty).collect();
            }
            return;
        };
        let mut header: Vec<ReaderLine> = Vec::new();
        if let Some(annotation) = self.annotation(recommendation.para) {
            if annotation.bookmark {
                header.push(ReaderLine::Annotation(SafeText::new("★ bookmarked")));
            }
            if let Some(note) = &annotation.note {
                let text = safe_format!("✎ {note}");
                header.extend(wrapped(&text, width, ReaderLine::Annotation));
            }
        }
        let mut cited: Vec<String> = recommendation
            .paragraphs
            .iter()
            .flat_map(|paragraph| refs::find(paragraph))
            .map(|citation| citation.symbol)
            .collect();
        cited.sort_by(|a, b| refs::compare_symbols(a, b));
        cited.dedup();
        if !cited.is_empty() {
            if !header.is_empty() {
                header.push(ReaderLine::Blank);
            }
            header.push(ReaderLine::Cites(SafeText::new("Documents cited:")));
        }
        for symbol in &cited {
            header.extend(cites_lines(
                &SafeText::line(symbol.as_str()),
                &SafeText::line(refs::link(symbol)),
                width,
            ));
        }
        layout.insert_header(header);
        if let Some(reference) = layout
            .inputs
            .cited_document
            .and_then(|d| self.references.get(d))
        {
            layout.mark_citations(&reference.symbol);
        }
    }
}

impl ReaderLayout {
    /// Inserts `lines` after the heading, the section and the notes on the response (the
    /// missions it names, a repeated text), before the response.
    pub fn insert_header(&mut self, lines: Vec<ReaderLine>) {
        if lines.is_empty() {
            return;
        }
        let at = self
            .lines
            .iter()
            .position(|line| {
                !matches!(
                    line,
                    ReaderLine::Heading(_) | ReaderLine::Section(_) | ReaderLine::Remark(_)
                )
            })
            .unwrap_or(self.lines.len());
        let count = lines.len() + 1;
        let mut inserted = vec![ReaderLine::Blank];
        inserted.extend(lines);
        self.lines.splice(at..at, inserted);
        for line in &mut self.hit_lines {
            if *line >= at {
                *line += count;
            }
        }
    }

    /// Makes the citations of `symbol` stand out from the other document symbols.
    pub fn mark_citations(&mut self, symbol: &str) {
        for paragraph in &mut self.paragraphs {
            for citation in refs::find(&paragraph.text) {
                if citation.symbol != symbol {
                    continue;
                }
                if let Some((_, mark)) = paragraph
                    .marks
                    .iter_mut()
                    .find(|(range, _)| *range == citation.range)
                {
                    *mark = Mark::Cited;
                }
            }
        }
    }
}

/// A cited document and its link on one line when they fit, else the link on the lines below.
fn cites_lines(symbol: &SafeText, link: &SafeText, width: usize) -> Vec<ReaderLine> {
    let one = safe_format!("  {symbol}  {link}");
    if crate::text::width(&one) <= width {
        return vec![ReaderLine::Cites(one)];
    }
    let mut lines = vec![ReaderLine::Cites(safe_format!("  {symbol}"))];
    // The link whole on its own line, indented as much as still lets it fit.
    let link_width = crate::text::width(link);
    if let Some(indent) = [4, 2, 0].into_iter().find(|i| i + link_width <= width) {
        lines.push(ReaderLine::Cites(safe_format!(
            "{}{link}",
            " ".repeat(indent)
        )));
        return lines;
    }
    lines.extend(wrapped(link, width, ReaderLine::Cites));
    lines
}
