//! The lines of a matrix PDF → the importer's tab-separated rows.

use super::hyphen::{Vocabulary, append_line, vocabulary};
use super::lines::{Chunk, Line, Page, drop_furniture, join_chunks, line_pitch, mode};
use super::{COLUMN_HEADING, ExtractedText, PARAGRAPH_GAP};

pub(super) fn is_para_number(text: &str) -> bool {
    (1..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// What the table's geometry says: where the response column starts, its right edge, the pitch
/// of its lines.
pub(super) struct Geometry {
    pub(super) response_x: f64,
    /// The commonest font size of the rows; smaller lines in the table are footnotes.
    pub(super) body_size: f64,
    pub(super) response_right: f64,
    pub(super) pitch: f64,
}

pub(super) fn geometry(pages: &[Page]) -> Option<Geometry> {
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
pub(super) enum Block {
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
pub(super) struct Last {
    pub(super) page: u32,
    pub(super) y: f64,
    pub(super) right: f64,
    pub(super) size: f64,
}

impl Last {
    /// True when the first word of `next` would not have fitted after this line within
    /// `right`: the text wrapped here, so the paragraph goes on. A justified line that is full
    /// always passes; a ragged line passes when the next word was too long for what was left.
    pub(super) fn wrapped_before(&self, next: &Line, right: f64) -> bool {
        self.right + 0.25 * self.size + next.first_word > right - 0.5
    }
}

pub(super) struct Builder {
    pub(super) blocks: Vec<(u32, Block)>,
    pub(super) last: Option<Last>,
    pub(super) header_open: bool,
    /// The column heading last emitted, so the repeat on every page is dropped.
    pub(super) heading_symbol: Option<String>,
}

pub(super) fn layout(mut pages: Vec<Page>) -> ExtractedText {
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
pub(super) fn split_columns(line: &Line, response_x: f64) -> (&[Chunk], &[Chunk]) {
    let tolerance = line.size.max(1.0) * 0.5;
    let split = line
        .chunks
        .iter()
        .position(|chunk| chunk.x0 >= response_x - tolerance)
        .unwrap_or(line.chunks.len());
    line.chunks.split_at(split)
}

impl Builder {
    pub(super) fn front_line(
        &mut self,
        page: u32,
        line: &Line,
        page_right: f64,
        vocabulary: &Vocabulary,
    ) {
        let continues = line.chunks.len() == 1
            && matches!(self.blocks.last(), Some((_, Block::Front(_))))
            && self.last.is_some_and(|last| {
                last.page == page
                    && line.y - last.y <= 1.5 * last.size.max(line.size)
                    && last.wrapped_before(line, page_right)
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

    pub(super) fn table_line(
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
                last.wrapped_before(line, geometry.response_right)
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

    pub(super) fn column_heading(&mut self, page: u32, symbol: &str) {
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

    pub(super) fn finish(self) -> ExtractedText {
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

pub(super) fn push_line(out: &mut ExtractedText, line: &str, page: u32) {
    out.text.push_str(line);
    out.text.push('\n');
    out.line_pages.push(page);
}
