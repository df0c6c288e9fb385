//! The `c` overlay: the open response beside the most similar response of each other report,
//! as one word-level diff (`[-…-]` only in the open response, `{+…+}` only in the other),
//! scrolled. The comparisons are the ones the reader's header lists, computed once per
//! response; the overlay only lays them out for its width.
//!
//! Drawn as the diff, scrolled: text only the open response has is struck out, text only the
//! other has underlined (and red and green with colour); both keep their `[- -]` and `{+ +}`
//! marks, so the difference reads without colour and without those attributes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::scroll;
use crate::app::series::percent;
use crate::command::{Command, Keymap};
use crate::layout::{self, PromptBox};
use crate::paint::{Theme, prompt_box, safe_line, safe_span};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::series::compare::{Comparison, DiffOp, Op};
use crate::text::wrap;

/// Marks around text only the open response has.
pub const DELETED: (&str, &str) = ("[-", "-]");
/// Marks around text only the other report's response has.
pub const INSERTED: (&str, &str) = ("{+", "+}");

/// A line of the comparison as drawn: safe text, cut from the safe heading, legend and diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareLine {
    /// Which responses are compared, and how similar they are.
    Heading(SafeText),
    /// What the marks mean.
    Legend(SafeText),
    Blank,
    /// A wrapped line of the diff: pieces of text and whose they are.
    Text(Vec<(SafeText, Op)>),
}

/// The comparison of the response to `para` with its counterparts, laid out for `width`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareView {
    para: u32,
    symbol: SafeText,
    /// Each counterpart: its report, its paragraph, its similarity in percent, the diff.
    counterparts: Vec<(SafeText, u32, u32, Vec<DiffOp>)>,
    width: usize,
    lines: Vec<CompareLine>,
    scroll: usize,
}

/// The comparison's box on a screen of `area`.
pub fn compare_box(area: Rect) -> PromptBox {
    layout::prompt_box(area, layout::OVERLAY_MAX_WIDTH, u16::MAX)
}

impl CompareView {
    /// The comparison of the response to `para` of `symbol` with `comparisons` (none: `None`).
    pub fn open(
        para: u32,
        symbol: &SafeText,
        comparisons: &[Comparison],
        context: &Context,
    ) -> Option<CompareView> {
        if comparisons.is_empty() {
            return None;
        }
        let mut view = CompareView {
            para,
            symbol: symbol.clone(),
            counterparts: comparisons
                .iter()
                .map(|c| {
                    (
                        SafeText::line(c.symbol.as_str()),
                        c.para,
                        percent(c.similarity),
                        c.diff.clone(),
                    )
                })
                .collect(),
            width: 0,
            lines: Vec::new(),
            scroll: 0,
        };
        view.settle(context);
        Some(view)
    }

    /// `¶ 37 of A/76/505/Add.1`, the response compared.
    pub fn title(&self) -> SafeText {
        safe_format!("¶ {} of {} compared", self.para, self.symbol)
    }

    pub fn lines(&self) -> &[CompareLine] {
        &self.lines
    }

    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    fn max_scroll(&self, context: &Context) -> usize {
        let rows = usize::from(compare_box(context.area).list.height);
        self.lines.len().saturating_sub(rows)
    }

    /// Lays the comparisons out for `width` cells.
    fn lay_out(&mut self, width: usize) {
        let width = width.max(1);
        let mut lines = Vec::new();
        for (symbol, para, similarity, diff) in &self.counterparts {
            if !lines.is_empty() {
                lines.push(CompareLine::Blank);
            }
            let heading = safe_format!(
                "¶ {} → {symbol} ¶ {para} · {similarity}% similar",
                self.para
            );
            lines.extend(
                wrap(&heading, width)
                    .into_iter()
                    .filter_map(|range| heading.slice(range).map(CompareLine::Heading)),
            );
            let legend = safe_format!(
                "{}…{} only in {}  {}…{} only in {symbol}",
                DELETED.0,
                DELETED.1,
                self.symbol,
                INSERTED.0,
                INSERTED.1,
            );
            lines.extend(
                wrap(&legend, width)
                    .into_iter()
                    .filter_map(|range| legend.slice(range).map(CompareLine::Legend)),
            );
            for (index, paragraph) in diff_paragraphs(diff).iter().enumerate() {
                if index == 0 || !paragraph.0.is_empty() {
                    lines.push(CompareLine::Blank);
                }
                lines.extend(wrap_marked(paragraph, width));
            }
        }
        self.width = width;
        self.lines = lines;
    }
}

/// A paragraph of the diff with the marks written in: its text and whose each stretch is.
type Marked = (SafeText, Vec<(std::ops::Range<usize>, Op)>);

/// The diff cut into paragraphs (at line breaks), each changed run written between its marks.
fn diff_paragraphs(diff: &[DiffOp]) -> Vec<Marked> {
    let mut paragraphs: Vec<Marked> = vec![(SafeText::empty(), Vec::new())];
    for op in diff {
        for (i, piece) in op.text.split('\n').enumerate() {
            if i > 0 {
                paragraphs.push((SafeText::empty(), Vec::new()));
            }
            if piece.is_empty() {
                continue;
            }
            // The responses' text, made safe where it enters the comparison.
            let piece = SafeText::line(piece);
            let Some((text, ranges)) = paragraphs.last_mut() else {
                continue;
            };
            let start = text.len();
            match op.op {
                Op::Equal => text.push(&piece),
                Op::Delete => {
                    text.push_literal(DELETED.0);
                    text.push(&piece);
                    text.push_literal(DELETED.1);
                }
                Op::Insert => {
                    text.push_literal(INSERTED.0);
                    text.push(&piece);
                    text.push_literal(INSERTED.1);
                }
            }
            ranges.push((start..text.len(), op.op));
        }
    }
    paragraphs.retain(|(text, _)| !text.trim().is_empty());
    paragraphs
}

/// A marked paragraph wrapped to `width`, each line cut where the owner of the text changes.
fn wrap_marked((text, ranges): &Marked, width: usize) -> Vec<CompareLine> {
    wrap(text, width)
        .into_iter()
        .map(|line| {
            let pieces = ranges
                .iter()
                .filter_map(|(range, op)| {
                    let start = range.start.max(line.start);
                    let end = range.end.min(line.end);
                    let piece = text.slice(start..end).filter(|p| !p.is_empty())?;
                    Some((piece, *op))
                })
                .collect();
            CompareLine::Text(pieces)
        })
        .collect()
}

impl Component for CompareView {
    const KEYMAP: Keymap = Keymap::Compare;

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let max = self.max_scroll(context);
        match command {
            Command::Close | Command::OpenComparison => return Action::Close,
            Command::WheelUp { .. } => self.scroll = self.scroll.saturating_sub(WHEEL_LINES),
            Command::WheelDown { .. } => {
                self.scroll = self.scroll.saturating_add(WHEEL_LINES).min(max);
            }
            _ => {
                if let Some(motion) = command.motion() {
                    let page = usize::from(compare_box(context.area).list.height);
                    self.scroll = scroll::moved_by(self.scroll, motion, 1, page, max);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        let width = usize::from(compare_box(context.area).list.width);
        if width != self.width {
            self.lay_out(width);
        }
        self.scroll = self.scroll.min(self.max_scroll(context));
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let parts = compare_box(context.area);
        if parts.frame.is_empty() {
            return;
        }
        let lines = self.lines();
        let rows = usize::from(parts.list.height);
        let position = (lines.len() > rows).then(|| {
            let last = (self.scroll() + rows).min(lines.len());
            format!("{}–{last}/{}", self.scroll() + 1, lines.len())
        });
        prompt_box::render_frame(frame, &parts, &self.title(), position, theme);
        frame.render_widget(
            Line::styled(" j/k scroll · Esc closes", theme.muted()),
            parts.query,
        );
        let buffer = frame.buffer_mut();
        let shown = lines.iter().skip(self.scroll()).take(rows);
        for (line, y) in shown.zip(parts.list.y..parts.list.bottom()) {
            let line = match line {
                CompareLine::Heading(text) => safe_line(text, theme.heading()),
                CompareLine::Legend(text) => safe_line(text, theme.muted()),
                CompareLine::Blank => Line::default(),
                CompareLine::Text(pieces) => Line::from(
                    pieces
                        .iter()
                        .map(|(text, op)| {
                            let style = match op {
                                Op::Equal => theme.plain(),
                                Op::Insert => theme.diff_insert(),
                                Op::Delete => theme.diff_delete(),
                            };
                            safe_span(text, style)
                        })
                        .collect::<Vec<_>>(),
                ),
            };
            buffer.set_line(parts.list.x, y, &line, parts.list.width);
        }
    }
}
