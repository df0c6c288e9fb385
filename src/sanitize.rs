//! Text from a dataset, a notes file, the history or a query is untrusted: before it reaches a
//! terminal, control characters, escape sequences, bidirectional controls and invisible marks
//! are made visible, so a file cannot retitle the window, write the clipboard (OSC 52), hide
//! text or reorder what a reader sees.
//!
//! [`SafeText`] is text made safe once, where it enters (a dataset is loaded or imported, a
//! note or query is read): it can only be built by sanitising, so code that draws or prints a
//! `SafeText` cannot forget to. It reads as a `&str` (it derefs to the safe text) and writes
//! back as it came ([`SafeText::original`], used when it is serialised), so a JSON reader gets
//! the very same data. Text composed from safe pieces stays safe without sanitising again
//! ([`SafeText::join`], [`SafeText::push`]); a label built with `format!` enters through
//! [`safe_format!`](crate::safe_format). The command line prints through a [`Printer`], which
//! takes only `SafeText`.

use std::borrow::{Borrow, Cow};
use std::fmt::{self, Write};
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod print;

pub use print::{CsvPrinter, Printer};

/// True for characters that must not reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_invisible_mark(c)
}

/// Bidirectional embeddings, overrides and isolates (they can reorder what a reader sees).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters and directional marks: they hide text or change its direction without
/// showing. The zero-width joiner and non-joiner stay: emoji sequences and Persian and Indic
/// scripts need them, and they only join or part the letters around them.
fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        // Zero width space; left-to-right and right-to-left marks.
        '\u{200b}' | '\u{200e}' | '\u{200f}'
        // Arabic letter mark.
        | '\u{61c}'
        // Word joiner and the invisible operators.
        | '\u{2060}'
            ..='\u{2064}'
        // Zero width no-break space (a byte-order mark inside text).
        | '\u{feff}'
    )
}

/// The visible stand-in for an unsafe character: the Unicode control pictures for C0 and DEL
/// (`␛` for ESC, so an escape sequence shows as text), U+FFFD for the rest. One character for
/// one, so character offsets in the safe text are those in the original.
fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// True when no character of `text` is unsafe (see [`is_unsafe`]); the same answer as
/// `!text.chars().any(is_unsafe)`, found from the bytes. Every unsafe character is ASCII
/// (C0, DEL) or starts with one of four lead bytes (C1 controls `C2`, the Arabic letter mark
/// `D8`, the marks and bidirectional controls of U+2000–U+206F `E2`, U+FEFF `EF`), so only
/// characters starting with those are decoded: loading a dataset sanitises every string.
fn is_clean(text: &str) -> bool {
    /// Bytes tested at once: a run of printable ASCII (most of a report) is passed whole, in
    /// a loop the compiler vectorises.
    const RUN: usize = 32;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(run) = bytes.get(at..at + RUN)
            && run
                .iter()
                .fold(true, |ok, &b| ok & (0x20..0x7f).contains(&b))
        {
            at += RUN;
            continue;
        }
        let clean = match bytes[at] {
            b'\n' | b'\t' => true,
            0x00..=0x1f | 0x7f => false,
            // A lead byte is always at a character boundary.
            0xc2 | 0xd8 | 0xe2 | 0xef => text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .is_none_or(|c| !is_unsafe(c)),
            _ => true,
        };
        if !clean {
            return false;
        }
        at += 1;
    }
    true
}

/// `text` with every unsafe character replaced by a visible stand-in; borrowed when clean.
/// Private: outside this module text is made safe only by building a [`SafeText`]
/// ([`SafeText::new`]), never as a `&str` in passing.
fn for_terminal(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { visible(c) } else { c })
            .collect(),
    )
}

/// Like [`for_terminal`], but newlines and tabs are unsafe too: for one-line labels. Private
/// too: [`SafeText::line`] and [`safe_format!`](crate::safe_format) are its way out.
fn for_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' => ' ',
                c if is_unsafe(c) => visible(c),
                c => c,
            })
            .collect(),
    )
}

/// Serialised JSON with every unsafe character inside its strings written as a `\uXXXX`
/// escape: the same data for a JSON reader, and harmless on a terminal. (`serde_json` already
/// escapes C0; this adds DEL, C1, the bidirectional controls and the invisible marks.)
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if is_clean(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            // Writing to a String cannot fail.
            write!(out, "\\u{:04x}", u32::from(c)).unwrap_or(());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text that is safe to write to a terminal: every unsafe character (see [`is_unsafe`]) shown
/// as a visible stand-in, newlines and tabs kept. The only way to get one is to sanitise:
///
/// ```
/// use c34::sanitize::SafeText;
/// let title = SafeText::new("retitled\u{1b}]0;pwned\u{7}");
/// assert_eq!(title.as_str(), "retitled\u{241b}]0;pwned\u{2407}");
/// assert_eq!(title.original(), "retitled\u{1b}]0;pwned\u{7}");
/// ```
///
/// Its fields are private, so it cannot be built around text that was not sanitised:
///
/// ```compile_fail,E0451
/// use c34::sanitize::SafeText;
/// let forged = SafeText { text: String::from("\u{1b}]52;c;x\u{7}"), original: None };
/// ```
///
/// Equality, order and hashing are those of the safe text (as [`Borrow<str>`] asks).
#[derive(Clone, Default)]
pub struct SafeText {
    /// The text with unsafe characters made visible.
    text: String,
    /// The text as it came, when making it safe changed it.
    original: Option<Box<str>>,
}

impl SafeText {
    /// No text (for a `static`; [`SafeText::default`] is the same).
    pub const fn empty() -> SafeText {
        SafeText {
            text: String::new(),
            original: None,
        }
    }

    /// `text` as `sanitise` makes it safe, the original kept when that changed it.
    fn made_safe(text: String, sanitise: fn(&str) -> Cow<'_, str>) -> SafeText {
        match sanitise(&text) {
            Cow::Borrowed(_) => SafeText {
                text,
                original: None,
            },
            Cow::Owned(safe) => SafeText {
                text: safe,
                original: Some(text.into_boxed_str()),
            },
        }
    }

    /// Makes `text` safe; no copy when it is already.
    pub fn new(text: impl Into<String>) -> SafeText {
        SafeText::made_safe(text.into(), for_terminal)
    }

    /// The safe text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text exactly as it came: for writing it back (JSON, a file), never for a terminal.
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// The safe text on one line: newlines and tabs become spaces (for labels and headings).
    pub fn one_line(&self) -> Cow<'_, str> {
        if self.text.contains(['\n', '\t']) {
            Cow::Owned(self.text.replace(['\n', '\t'], " "))
        } else {
            Cow::Borrowed(&self.text)
        }
    }

    /// Makes `text` safe for one line (a label, a heading, a status message): like
    /// [`SafeText::new`], and newlines and tabs become spaces. This is how text c34 composes
    /// from a `String` (a `format!` of pieces, a path, an error message) enters: sanitised
    /// once, here. See also [`safe_format!`](crate::safe_format).
    ///
    /// The `&str` sanitisers behind it are private: outside this module text is made safe
    /// only by building a `SafeText`, never in passing.
    ///
    /// ```compile_fail,E0603
    /// let label = c34::sanitize::for_line("retitled\u{1b}]0;x\u{7}");
    /// ```
    ///
    /// ```compile_fail,E0603
    /// let text = c34::sanitize::for_terminal("retitled\u{1b}]0;x\u{7}");
    /// ```
    pub fn line(text: impl Into<String>) -> SafeText {
        SafeText::made_safe(text.into(), for_line)
    }

    /// This text on one line (see [`SafeText::one_line`]), still a `SafeText`, keeping the
    /// original.
    #[must_use]
    pub fn to_line(&self) -> SafeText {
        match self.one_line() {
            Cow::Borrowed(_) => self.clone(),
            Cow::Owned(text) => SafeText {
                text,
                original: Some(self.original().into()),
            },
        }
    }

    /// The piece of the safe text at the byte `range` (on character boundaries), still safe:
    /// its original is the same characters of the original.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Option<SafeText> {
        let text = self.text.get(range.clone())?;
        let original = self.original.as_ref().map(|original| {
            let skip = self
                .text
                .get(..range.start)
                .map_or(0, |t| t.chars().count());
            original
                .chars()
                .skip(skip)
                .take(text.chars().count())
                .collect::<String>()
                .into_boxed_str()
        });
        Some(SafeText {
            text: text.to_string(),
            original,
        })
    }

    /// Appends safe text: no unsafe character is made by putting two safe texts side by side
    /// (each is one character), so nothing is sanitised again. The original grows by the
    /// other's original, so character offsets still agree.
    pub fn push(&mut self, other: &SafeText) {
        if self.original.is_some() || other.original.is_some() {
            let mut original = String::with_capacity(self.text.len() + other.text.len());
            original.push_str(self.original());
            original.push_str(other.original());
            self.original = Some(original.into_boxed_str());
        }
        self.text.push_str(&other.text);
    }

    /// Appends a constant written in c34's code (a separator, a word of a label). It is
    /// checked like any text, so even a constant cannot carry an escape sequence in.
    pub fn push_literal(&mut self, literal: &'static str) {
        self.push(&SafeText::new(literal));
    }

    /// The pieces one after another with `separator` (a constant) between them, as
    /// `[a, b].join(sep)` does for strings; the pieces are not sanitised again.
    ///
    /// ```
    /// use c34::sanitize::SafeText;
    /// let names = [SafeText::new("UNMISS"), SafeText::new("MINUSCA\u{1b}[2J")];
    /// assert_eq!(SafeText::join(&names, ", "), "UNMISS, MINUSCA\u{241b}[2J");
    /// ```
    pub fn join<'a>(
        pieces: impl IntoIterator<Item = &'a SafeText>,
        separator: &'static str,
    ) -> SafeText {
        let separator = SafeText::new(separator);
        let mut joined = SafeText::default();
        for (i, piece) in pieces.into_iter().enumerate() {
            if i > 0 {
                joined.push(&separator);
            }
            joined.push(piece);
        }
        joined
    }
}

/// A one-line [`SafeText`] composed with `format!`: the formatted text is sanitised once, as
/// [`SafeText::line`] does, so a label built from pieces of data (a symbol, a path, a
/// message) cannot carry an escape sequence to the terminal, whatever its pieces were.
///
/// ```
/// let symbol = c34::sanitize::SafeText::new("A/1\u{1b}]0;x\u{7}");
/// let label = c34::safe_format!("{} is open\n", symbol);
/// assert_eq!(label, "A/1\u{241b}]0;x\u{2407} is open ");
/// ```
///
/// Composing cannot make a `SafeText` any other way: a `String` is not a safe piece, and
/// there is no constructor that takes text without sanitising it.
///
/// ```compile_fail,E0308
/// use c34::sanitize::SafeText;
/// let mut label = SafeText::new("open: ");
/// label.push(&String::from("\u{1b}]52;c;x\u{7}"));
/// ```
///
/// ```compile_fail,E0597
/// use c34::sanitize::SafeText;
/// let mut label = SafeText::new("open: ");
/// let typed = String::from("\u{1b}]52;c;x\u{7}");
/// label.push_literal(&typed);
/// ```
#[macro_export]
macro_rules! safe_format {
    ($($arg:tt)*) => {
        $crate::sanitize::SafeText::line(::std::format!($($arg)*))
    };
}

impl Deref for SafeText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for SafeText {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Borrow<str> for SafeText {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl From<String> for SafeText {
    fn from(text: String) -> SafeText {
        SafeText::new(text)
    }
}

impl From<&str> for SafeText {
    fn from(text: &str) -> SafeText {
        SafeText::new(text)
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl fmt::Debug for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.original(), f)
    }
}

impl PartialEq for SafeText {
    fn eq(&self, other: &SafeText) -> bool {
        self.text == other.text
    }
}

impl Eq for SafeText {}

impl PartialOrd for SafeText {
    fn partial_cmp(&self, other: &SafeText) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SafeText {
    fn cmp(&self, other: &SafeText) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for SafeText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialEq<str> for SafeText {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for SafeText {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<String> for SafeText {
    fn eq(&self, other: &String) -> bool {
        self.text == *other
    }
}

impl PartialEq<SafeText> for str {
    fn eq(&self, other: &SafeText) -> bool {
        self == other.text
    }
}

impl PartialEq<SafeText> for &str {
    fn eq(&self, other: &SafeText) -> bool {
        *self == other.text
    }
}

impl PartialEq<SafeText> for String {
    fn eq(&self, other: &SafeText) -> bool {
        *self == other.text
    }
}

/// Written back as it came, so a dataset or a notes file round-trips unchanged.
impl Serialize for SafeText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.original())
    }
}

/// Made safe as it is read.
impl<'de> Deserialize<'de> for SafeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SafeText, D::Error> {
        String::deserialize(deserializer).map(SafeText::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(
            for_terminal("a\u{1b}]52;c;aGk=\u{7}b"),
            "a\u{241b}]52;c;aGk=\u{2407}b"
        );
        assert_eq!(for_terminal("csi\u{9b}31m"), "csi\u{fffd}31m");
        assert_eq!(for_terminal("rtl\u{202e}txt"), "rtl\u{fffd}txt");
    }

    #[test]
    fn zero_width_and_direction_marks_become_visible() {
        for mark in [
            '\u{200b}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{2060}', '\u{feff}',
        ] {
            let text = format!("pay{mark}pal");
            assert_eq!(
                for_terminal(&text),
                "pay\u{fffd}pal",
                "U+{:04X}",
                u32::from(mark)
            );
        }
        // Joiners build emoji and Persian words: they stay.
        assert_eq!(for_terminal("👩\u{200d}🚒"), "👩\u{200d}🚒");
        assert_eq!(for_terminal("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        let text = "The “Silencing of the Guns” – 2017–2023\nnext\tline";
        assert!(matches!(for_terminal(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_test() {
        // Every character near each lead byte the scan decodes, every C0 and C1 control,
        // DEL, and a few safe characters from each lead byte's block.
        let mut samples: Vec<char> = (0..0x100u32)
            .chain(0x600..0x640)
            .chain(0x2000..0x2070)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
            .collect();
        samples.extend(['“', '”', '–', '€', 'é', 'ß', '👩', '\u{10ffff}']);
        for c in samples {
            let text = format!("a{c}b");
            let expected = !matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                && !matches!(
                    c,
                    '\u{202a}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}'
                        | '\u{200b}'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{61c}'
                        | '\u{2060}'..='\u{2064}'
                        | '\u{feff}'
                );
            assert_eq!(is_clean(&text), expected, "U+{:04X}", u32::from(c));
            // The same character at every place of a run of printable ASCII the scan passes
            // whole, and at either side of such a run.
            for before in [0, 1, 31, 32, 33, 63, 64, 65] {
                let text = format!("{}{c}{}", "x".repeat(before), "y".repeat(40));
                assert_eq!(
                    is_clean(&text),
                    expected,
                    "U+{:04X} after {before}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn labels_lose_line_breaks() {
        assert_eq!(for_line("a\nb\tc"), "a b c");
        assert_eq!(SafeText::new("a\nb\tc\u{1b}").one_line(), "a b c\u{241b}");
    }

    #[test]
    fn json_escapes_keep_the_data() {
        let value = serde_json::json!({ "t": "x\u{9b}y\u{202e}z\u{1b}\u{200f}" });
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_for_terminal(&json);
        assert!(!safe.chars().any(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn joined_and_pushed_pieces_stay_safe_and_keep_offsets() {
        let pieces = [
            SafeText::new("a\u{1b}[2J"),
            SafeText::new("plain"),
            SafeText::new("b\u{202e}c"),
        ];
        let joined = SafeText::join(&pieces, " · ");
        // Expected by rule: ESC is U+241B, the bidi override U+FFFD, the separator kept.
        assert_eq!(joined, "a\u{241b}[2J · plain · b\u{fffd}c");
        assert_eq!(joined.original(), "a\u{1b}[2J · plain · b\u{202e}c");
        assert_eq!(joined.chars().count(), joined.original().chars().count());
        // The offset of a character in the safe text is its offset in the original.
        let at = joined.chars().position(|c| c == 'p').unwrap();
        assert_eq!(joined.original().chars().nth(at), Some('p'));

        let mut label = SafeText::line("¶ 7\tof ");
        label.push(&SafeText::new("A/1\u{7}"));
        label.push_literal(" is open\u{1b}");
        assert_eq!(label, "¶ 7 of A/1\u{2407} is open\u{241b}");
        assert!(!label.chars().any(is_unsafe));

        let clean = SafeText::join(&[SafeText::new("x"), SafeText::new("y")], "-");
        assert_eq!((clean.as_str(), clean.original()), ("x-y", "x-y"));
        assert_eq!(SafeText::join(&[], ", "), "");
    }

    #[test]
    fn composed_labels_are_sanitised_once_on_one_line() {
        let message = String::from("saved\n\u{1b}]0;x\u{7}");
        let label = crate::safe_format!("{message} ({})", 3);
        assert_eq!(label, "saved \u{241b}]0;x\u{2407} (3)");
        assert_eq!(label.original(), "saved\n\u{1b}]0;x\u{7} (3)");
        let note = SafeText::new("two\nlines\u{1b}");
        assert_eq!(note.to_line(), "two lines\u{241b}");
        assert_eq!(note.to_line().original(), "two\nlines\u{1b}");
    }

    #[test]
    fn safe_text_reads_safe_and_writes_back_what_came() {
        let raw = "a\u{1b}[2Jb\u{202e}c";
        let safe: SafeText = serde_json::from_str(&serde_json::to_string(raw).unwrap()).unwrap();
        assert_eq!(safe, "a\u{241b}[2Jb\u{fffd}c");
        assert_eq!(safe.chars().count(), raw.chars().count());
        assert_eq!(safe.original(), raw);
        assert_eq!(
            serde_json::to_string(&safe).unwrap(),
            serde_json::to_string(raw).unwrap()
        );
        let clean = SafeText::new("plain");
        assert_eq!(clean.original(), "plain");
    }
}
