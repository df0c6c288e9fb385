//! Snippets: the sentence that matched best, with its highlights, and its clipping to a
//! display width so the first match stays in view.

use std::ops::Range;

use serde::Serialize;

/// The marker for cut text; one terminal cell wide.
pub const ELLIPSIS: char = '…';

/// A sentence and the byte ranges in it to highlight (sorted, disjoint, on char boundaries).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The display width of the text, in terminal cells.
    pub fn width(&self) -> usize {
        self.text.chars().map(crate::text::char_width).sum()
    }

    /// The snippet cut to at most `width` terminal cells around its first highlight, with `…`
    /// where text was cut. The first highlight stays whole when it fits (with some context
    /// before it), otherwise its start is shown; highlights are trimmed to what remains.
    #[must_use]
    pub fn clip(&self, width: usize) -> Snippet {
        if self.width() <= width {
            return self.clone();
        }
        if width == 0 {
            return Snippet::default();
        }
        if width < 3 {
            // Too narrow for text between two ellipses.
            return Snippet {
                text: ELLIPSIS.to_string(),
                highlights: Vec::new(),
            };
        }
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let widths: Vec<usize> = chars
            .iter()
            .map(|&(_, c)| crate::text::char_width(c))
            .collect();
        let char_at = |byte: usize| chars.partition_point(|&(i, _)| i < byte);
        let (focus_start, focus_end) = self
            .highlights
            .first()
            .map_or((0, 0), |h| (char_at(h.start), char_at(h.end)));
        let span = |from: usize, to: usize| -> usize { widths[from..to].iter().sum() };
        let n = chars.len();
        let focus_width = span(focus_start, focus_end);

        // Where the window starts: some context before the focus, at a word start if one is
        // near, or the very beginning when the cut would save almost nothing.
        let mut start = focus_start;
        if focus_width + 2 <= width {
            let lead = (width - focus_width - 2) / 3;
            if span(0, focus_start) <= lead + 1 {
                start = 0;
            } else {
                while start > 0 && span(start - 1, focus_start) <= lead {
                    start -= 1;
                }
                if let Some(word_start) = (start..focus_start).find(|&i| {
                    i > 0 && chars[i - 1].1.is_whitespace() && !chars[i].1.is_whitespace()
                }) {
                    start = word_start;
                }
            }
        }
        let mut used = usize::from(start > 0) + span(start, focus_start);
        if used > width {
            // Not even the context fits (a very narrow width): start at the focus.
            start = focus_start;
            used = usize::from(start > 0);
        }
        let mut end = start.max(focus_start);
        while end < n {
            let reserve = usize::from(end + 1 < n);
            if used + widths[end] + reserve > width {
                break;
            }
            used += widths[end];
            end += 1;
        }
        // At the end of the text with room to spare: show more of what comes before.
        while end == n && start > 0 {
            let saving = usize::from(start == 1);
            if used + widths[start - 1] - saving > width {
                break;
            }
            used = used + widths[start - 1] - saving;
            start -= 1;
        }
        // Never open on half a word ("…sional Integrated"): skip to the next word start
        // before the focus, if there is one.
        if start > 0
            && !chars[start - 1].1.is_whitespace()
            && let Some(word_start) = (start + 1..=focus_start)
                .find(|&i| chars[i - 1].1.is_whitespace() && !chars[i].1.is_whitespace())
        {
            start = word_start;
        }

        let byte = |i: usize| chars.get(i).map_or(self.text.len(), |&(b, _)| b);
        let (from, to) = (byte(start), byte(end));
        let mut text = String::with_capacity(to - from + 2 * ELLIPSIS.len_utf8());
        if start > 0 {
            text.push(ELLIPSIS);
        }
        let shift = text.len();
        text.push_str(&self.text[from..to]);
        if end < n {
            text.push(ELLIPSIS);
        }
        let highlights = self
            .highlights
            .iter()
            .filter_map(|h| {
                let (s, e) = (h.start.max(from), h.end.min(to));
                (s < e).then(|| s - from + shift..e - from + shift)
            })
            .collect();
        Snippet { text, highlights }
    }

    /// The highlighted parts of the text, in order (for tests and plain output).
    pub fn highlighted(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .filter_map(|h| self.text.get(h.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, marked: &str) -> Snippet {
        let start = text.find(marked).unwrap();
        Snippet {
            text: text.to_string(),
            highlights: std::iter::once(start..start + marked.len()).collect(),
        }
    }

    const SENTENCE: &str = "In December 2020, the Secretariat updated the Special Committee on the implementation of the peacekeeping intelligence policy, including on the status of key guidance documents.";

    #[test]
    fn a_clipped_start_is_a_word_start() {
        let s = snippet(SENTENCE, "documents");
        for width in 20..s.width() {
            let clipped = s.clip(width);
            let after = clipped.text.trim_start_matches(ELLIPSIS);
            let from = SENTENCE.find(after.trim_end_matches(ELLIPSIS)).unwrap();
            assert!(
                from == 0 || SENTENCE[..from].ends_with(' '),
                "{width}: {:?}",
                clipped.text
            );
            assert_eq!(clipped.highlighted(), ["documents"], "{width}");
        }
    }

    #[test]
    fn short_text_is_unchanged() {
        let s = snippet("Peace in Mali.", "Mali");
        assert_eq!(s.clip(80), s);
        assert_eq!(s.clip(14), s);
    }

    #[test]
    fn clipped_text_fits_and_keeps_the_first_highlight() {
        let s = snippet(SENTENCE, "intelligence");
        for width in [1, 2, 5, 12, 13, 14, 20, 40, 60, 80, 120, 200] {
            let clipped = s.clip(width);
            assert!(clipped.width() <= width, "{width}: {:?}", clipped.text);
            if width < 3 {
                assert_eq!(clipped.text, "…");
            }
            if width >= 14 {
                assert_eq!(
                    clipped.highlighted(),
                    ["intelligence"],
                    "{width}: {}",
                    clipped.text
                );
            }
            if width < s.width() {
                assert!(clipped.text.contains(ELLIPSIS), "{width}");
            }
        }
        let clipped = s.clip(40);
        assert!(clipped.text.starts_with('…'), "{}", clipped.text);
        assert!(clipped.text.ends_with('…'), "{}", clipped.text);
    }

    #[test]
    fn a_highlight_near_the_start_keeps_the_start() {
        let s = snippet(SENTENCE, "December");
        let clipped = s.clip(30);
        assert!(clipped.text.starts_with("In December"), "{}", clipped.text);
        assert!(clipped.text.ends_with('…'));
        assert_eq!(clipped.highlighted(), ["December"]);
    }

    #[test]
    fn a_highlight_at_the_end_fills_the_width_from_before() {
        let s = snippet(SENTENCE, "documents.");
        let clipped = s.clip(30);
        assert!(clipped.text.ends_with("documents."), "{}", clipped.text);
        // Filled from before, up to the word that would not fit whole.
        assert!((24..=30).contains(&clipped.width()), "{}", clipped.text);
        assert_eq!(clipped.text, "…of key guidance documents.");
        assert_eq!(clipped.highlighted(), ["documents."]);
    }

    #[test]
    fn width_is_counted_in_cells_not_bytes_or_chars() {
        let text = "平和維持活動の情報政策について、事務局は特別委員会に報告した。";
        let s = snippet(text, "特別委員会");
        let clipped = s.clip(16);
        assert!(clipped.width() <= 16, "{}", clipped.text);
        assert_eq!(clipped.highlighted(), ["特別委員会"]);
    }

    #[test]
    fn a_highlight_wider_than_the_width_shows_its_start() {
        let s = snippet(
            SENTENCE,
            "the implementation of the peacekeeping intelligence policy",
        );
        let clipped = s.clip(20);
        assert!(clipped.width() <= 20);
        assert!(clipped.highlighted()[0].starts_with("the implementation"));
    }

    #[test]
    fn no_highlight_clips_from_the_start() {
        let s = Snippet {
            text: SENTENCE.to_string(),
            highlights: Vec::new(),
        };
        let clipped = s.clip(10);
        assert_eq!(clipped.text, "In Decemb…");
        assert!(clipped.highlights.is_empty());
        assert_eq!(s.clip(0), Snippet::default());
    }
}
