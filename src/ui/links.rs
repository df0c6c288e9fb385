//! OSC 8 hyperlinks: the documents the responses cite, clickable where the terminal supports
//! it (`ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \`).
//!
//! ratatui's cells hold text, not escapes: after a frame is drawn, each link's text is moved
//! into its first cell, wrapped in the escape, and the cell told how wide it really is
//! ([`CellDiffOption::ForcedWidth`]); the cells it covers are skipped when the frame goes out.
//! So the buffer keeps its geometry and only terminals that get the escape see a link.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

/// Whether the terminal shows OSC 8 links, from its environment (`var` reads a variable):
/// never under `NO_COLOR` or `TERM=dumb`; `FORCE_HYPERLINK=1` (or `0`) decides; else the
/// terminals known to support them (and to ignore what they do not understand).
pub fn supported(var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
    let term = var("TERM").unwrap_or_default();
    if set("NO_COLOR") || term == "dumb" {
        return false;
    }
    if let Some(force) = var("FORCE_HYPERLINK").filter(|value| !value.is_empty()) {
        return force != "0";
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let vte = var("VTE_VERSION")
        .and_then(|version| version.parse::<u32>().ok())
        .unwrap_or(0);
    matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "Tabby" | "rio"
    ) || vte >= 5000
        || [
            "KITTY_WINDOW_ID",
            "WT_SESSION",
            "KONSOLE_VERSION",
            "ALACRITTY_WINDOW_ID",
        ]
        .into_iter()
        .any(set)
        || matches!(
            term.as_str(),
            "xterm-kitty" | "alacritty" | "foot" | "xterm-ghostty" | "wezterm"
        )
}

/// The escape that makes `text` a link to `url`.
pub fn osc8(url: &str, text: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

/// Makes every whole occurrence of a `(text, url)` pair's text in `area` of `buffer` a link
/// to its url: not inside a longer word or symbol (`A/75/19` is not linked in `A/75/19/Add.1`).
pub fn link_texts(buffer: &mut Buffer, area: Rect, links: &[(String, String)]) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        // One char per cell (a cell of more stands as U+FFFD), so a char's index is its cell.
        let cells: Vec<char> = (area.left()..area.right())
            .map(|x| {
                let symbol = buffer[(x, y)].symbol();
                let mut chars = symbol.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => '\u{FFFD}',
                }
            })
            .collect();
        let row: String = cells.iter().collect();
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for (text, url) in links {
            let len = text.chars().count();
            for (byte, _) in row.match_indices(text.as_str()) {
                let start = row[..byte].chars().count();
                let joined = |at: Option<&char>| {
                    at.is_some_and(|c| c.is_alphanumeric() || "/.-_".contains(*c))
                };
                let before = start.checked_sub(1).and_then(|at| cells.get(at));
                if joined(before) || joined(cells.get(start + len)) {
                    continue;
                }
                found.push((start, len, url));
            }
        }
        for (start, len, url) in found {
            let (Ok(start), Ok(len)) = (u16::try_from(start), u16::try_from(len)) else {
                continue;
            };
            link_cells(buffer, area.x + start, y, len, url);
        }
    }
}

/// Puts the `len` cells from (`x`, `y`) into one link to `url`.
fn link_cells(buffer: &mut Buffer, x: u16, y: u16, len: u16, url: &str) {
    let Some(width) = NonZeroU16::new(len) else {
        return;
    };
    let text: String = (x..x + len).map(|at| buffer[(at, y)].symbol()).collect();
    let first = &mut buffer[(x, y)];
    first.set_symbol(&osc8(url, &text));
    first.set_diff_option(CellDiffOption::ForcedWidth(width));
    for at in x + 1..x + len {
        buffer[(at, y)].set_diff_option(CellDiffOption::Skip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_string())
        }
    }

    #[test]
    fn links_only_where_the_terminal_shows_them() {
        assert!(supported(env(&[("TERM_PROGRAM", "WezTerm")])));
        assert!(supported(env(&[
            ("VTE_VERSION", "7200"),
            ("TERM", "xterm-256color")
        ])));
        assert!(supported(env(&[("TERM", "xterm-kitty")])));
        assert!(supported(env(&[
            ("FORCE_HYPERLINK", "1"),
            ("TERM", "xterm")
        ])));
        assert!(!supported(env(&[("TERM", "xterm-256color")])));
        assert!(!supported(env(&[
            ("TERM", "dumb"),
            ("FORCE_HYPERLINK", "1")
        ])));
        assert!(!supported(env(&[
            ("NO_COLOR", "1"),
            ("TERM_PROGRAM", "WezTerm")
        ])));
        assert!(!supported(env(&[
            ("FORCE_HYPERLINK", "0"),
            ("TERM", "xterm-kitty")
        ])));
    }

    #[test]
    fn a_linked_text_keeps_its_cells() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 1));
        buffer.set_string(
            0,
            0,
            "see A/75/19 and A/75/19/Add.1",
            ratatui::style::Style::new(),
        );
        let links = [("A/75/19".to_string(), "https://x/A/75/19".to_string())];
        let area = buffer.area;
        link_texts(&mut buffer, area, &links);
        assert_eq!(
            buffer[(4, 0)].symbol(),
            "\x1b]8;;https://x/A/75/19\x1b\\A/75/19\x1b]8;;\x1b\\"
        );
        assert_eq!(
            buffer[(4, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(7).expect("7"))
        );
        assert!((5..11).all(|x| buffer[(x, 0)].diff_option == CellDiffOption::Skip));
        // The longer symbol is left alone.
        assert!((16..29).all(|x| buffer[(x, 0)].diff_option == CellDiffOption::None));
    }
}
