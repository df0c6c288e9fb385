//! What every subcommand shares about standard output: the width it wraps to, whether it may
//! colour, and how it prints JSON. One place, so `show`, `list`, `search` and the rest agree.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};

use anstream::{AutoStream, ColorChoice};
use anstyle::Style;
use serde::Serialize;

use c34::sanitize::{Printer, SafeText};

use super::Failure;

/// Width when standard output is not a terminal and `$COLUMNS` says nothing.
pub(super) const PIPE_WIDTH: usize = 80;
/// Widest text wrapped for reading unless `--width` asks for more: long lines are hard to read.
pub(super) const MAX_READING_WIDTH: usize = 100;
/// Narrowest text wrapped for reading unless `--width` asks for less.
pub(super) const MIN_READING_WIDTH: usize = 20;

/// A heading line (`¶ 37 · II. …` in `show`, a section in `list`).
pub(super) const HEADING: Style = Style::new().bold();

/// The width to wrap text for reading: `--width N` if given, else `$COLUMNS` if it is a
/// number, else the terminal's width, else 80; the last three kept within 20..=100.
pub(super) fn output_width(requested: Option<u16>) -> usize {
    width_from(
        requested,
        std::env::var_os("COLUMNS").as_deref(),
        terminal_columns(),
        Some(MAX_READING_WIDTH),
    )
}

/// The width of the screen for output cut to one line per item (not wrapped, so not capped):
/// `$COLUMNS` if it is a number, else the terminal's width, else 80.
pub(super) fn screen_width() -> usize {
    width_from(
        None,
        std::env::var_os("COLUMNS").as_deref(),
        terminal_columns(),
        None,
    )
}

/// The rule behind [`output_width`] and [`screen_width`], without the environment.
pub(super) fn width_from(
    requested: Option<u16>,
    columns: Option<&OsStr>,
    terminal: Option<u16>,
    cap: Option<usize>,
) -> usize {
    if let Some(width) = requested {
        return usize::from(width).max(1);
    }
    let columns = columns
        .and_then(OsStr::to_str)
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    let Some(found) = columns.or(terminal.filter(|&c| c > 0)) else {
        return PIPE_WIDTH;
    };
    let found = usize::from(found);
    match cap {
        Some(cap) => found.clamp(MIN_READING_WIDTH, cap.max(MIN_READING_WIDTH)),
        None => found,
    }
}

fn terminal_columns() -> Option<u16> {
    io::stdout()
        .is_terminal()
        .then(ratatui::crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(columns, _)| columns)
}

/// Colour only on a terminal, and not when `NO_COLOR` is set and non-empty (as in the
/// browser: [`c34::tui::color_wanted`]). Otherwise anstream decides (`TERM=dumb`,
/// `CLICOLOR=0` turn it off too).
pub(super) fn color_choice(no_color: Option<&OsStr>, is_terminal: bool) -> ColorChoice {
    if is_terminal && c34::tui::color_wanted(no_color) {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

/// Standard output that passes styles through when colour is wanted and strips them when not,
/// so subcommands write styled text without asking.
pub(super) fn stdout() -> AutoStream<io::StdoutLock<'static>> {
    let stdout = io::stdout();
    let choice = color_choice(
        std::env::var_os("NO_COLOR").as_deref(),
        stdout.is_terminal(),
    );
    AutoStream::new(stdout.lock(), choice)
}

/// `value` as pretty-printed JSON and a newline, with every character a terminal would obey
/// written as a `\uXXXX` escape: the same data for a JSON reader, harmless on a terminal.
pub(super) fn write_json<T: Serialize + ?Sized>(
    out: &mut Printer<impl Write>,
    value: &T,
) -> Result<(), Failure> {
    let json = serde_json::to_string_pretty(value).map_err(Failure::Json)?;
    out.json(&json)?;
    Ok(())
}

/// `text` wrapped at spaces to `width` cells. A word that fits the width is never broken, not
/// even after a hyphen of its own (`capacity-building` stays whole); a longer word is broken
/// after its hyphens, where it has any, and otherwise stands whole on a line of its own, so
/// the words of the text are always there to copy or search.
pub(super) fn wrap_words(text: &str, width: usize) -> Vec<Cow<'_, str>> {
    let width = width.max(1);
    let whole = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    let mut lines = Vec::new();
    for line in textwrap::wrap(text, whole) {
        if c34::text::width(&line) <= width {
            lines.push(line);
            continue;
        }
        // One word wider than the line: break it after its hyphens only.
        let at_hyphens = textwrap::Options::new(width)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::HyphenSplitter)
            .break_words(false);
        let parts: Vec<String> = textwrap::wrap(&line, at_hyphens)
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        lines.extend(parts.into_iter().map(Cow::Owned));
    }
    lines
}

/// Safe text wrapped (see [`wrap_words`]) to `width`, each line still safe text (a line of
/// safe text is checked again, without a copy).
pub(super) fn wrapped(text: &SafeText, width: usize) -> Vec<SafeText> {
    wrap_words(text, width)
        .into_iter()
        .map(|line| SafeText::new(line.into_owned()))
        .collect()
}

/// `text` wrapped (see [`wrap_words`]) to `width` with a hanging indent: the first line after
/// `first`, the others after `rest`, none wider than `width` unless a word is.
pub(super) fn hanging(
    text: &SafeText,
    width: usize,
    first: &'static str,
    rest: &'static str,
) -> Vec<SafeText> {
    let first_room = width.saturating_sub(c34::text::width(first)).max(1);
    let mut lines = wrap_words(text, first_room).into_iter();
    let Some(head) = lines.next() else {
        return Vec::new();
    };
    let mut out = vec![SafeText::new(format!("{first}{head}"))];
    let tail: Vec<String> = lines.map(Cow::into_owned).collect();
    if !tail.is_empty() {
        let rest_room = width.saturating_sub(c34::text::width(rest)).max(1);
        let tail = tail.join(" ");
        out.extend(
            wrap_words(&tail, rest_room)
                .into_iter()
                .map(|line| SafeText::new(format!("{rest}{line}"))),
        );
    }
    out
}

/// Parses `--limit`: a count of at least 1 (`--limit 0` would print nothing and say nothing).
pub(super) fn positive_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("the limit must be at least 1".into()),
        Ok(count) => Ok(count),
        Err(error) => Err(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)] // reads as the environment gives it
    fn os(s: &str) -> Option<&OsStr> {
        Some(OsStr::new(s))
    }

    #[test]
    fn width_follows_flag_then_columns_then_terminal_then_80() {
        let cap = Some(MAX_READING_WIDTH);
        assert_eq!(width_from(Some(33), os("50"), Some(70), cap), 33);
        assert_eq!(
            width_from(Some(300), None, None, cap),
            300,
            "--width is not capped"
        );
        assert_eq!(width_from(None, os("50"), Some(70), cap), 50);
        assert_eq!(width_from(None, os(" 50\n"), None, cap), 50);
        assert_eq!(width_from(None, os("wide"), Some(70), cap), 70);
        assert_eq!(width_from(None, os("0"), Some(70), cap), 70);
        assert_eq!(width_from(None, os(""), None, cap), 80);
        assert_eq!(width_from(None, None, Some(70), cap), 70);
        assert_eq!(width_from(None, None, None, cap), 80);
    }

    #[test]
    fn reading_width_is_capped_and_screen_width_is_not() {
        let cap = Some(MAX_READING_WIDTH);
        assert_eq!(width_from(None, os("250"), None, cap), 100);
        assert_eq!(width_from(None, None, Some(250), cap), 100);
        assert_eq!(width_from(None, os("5"), None, cap), 20);
        assert_eq!(width_from(None, os("250"), None, None), 250);
        assert_eq!(width_from(None, None, Some(5), None), 5);
    }

    #[test]
    fn no_color_set_and_non_empty_turns_colour_off_as_in_the_browser() {
        assert_eq!(color_choice(None, true), ColorChoice::Auto);
        assert_eq!(color_choice(os(""), true), ColorChoice::Auto);
        assert_eq!(color_choice(os("1"), true), ColorChoice::Never);
        assert_eq!(color_choice(os("0"), true), ColorChoice::Never);
        assert_eq!(color_choice(None, false), ColorChoice::Never);
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let mut out = Printer::new(Vec::new());
        write_json(&mut out, &["a\u{1b}]52;c;x\u{7}", "\u{202e}b"]).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(text.ends_with("]\n"));
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["a\u{1b}]52;c;x\u{7}", "\u{202e}b"]);
    }
}
