//! Text from a dataset is untrusted: before it reaches a terminal, control characters, escape
//! sequences and bidirectional overrides are made visible, so a file cannot retitle the window,
//! write the clipboard (OSC 52) or hide text.

use std::borrow::Cow;
use std::fmt::Write;

/// True for characters that must not reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Bidirectional embeddings, overrides and isolates (they can reorder what a reader sees).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for an unsafe character: the Unicode control pictures for C0 and DEL
/// (`␛` for ESC, so an escape sequence shows as text), U+FFFD for the rest.
fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `text` with every unsafe character replaced by a visible stand-in; borrowed when clean.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { visible(c) } else { c })
            .collect(),
    )
}

/// Like [`for_terminal`], but newlines and tabs are unsafe too: for one-line labels.
pub fn for_line(text: &str) -> Cow<'_, str> {
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
/// escapes C0; this adds DEL, C1 and the bidirectional controls.)
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
    fn clean_text_is_borrowed_and_unchanged() {
        let text = "The “Silencing of the Guns” – 2017–2023\nnext\tline";
        assert!(matches!(for_terminal(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn labels_lose_line_breaks() {
        assert_eq!(for_line("a\nb\tc"), "a b c");
    }

    #[test]
    fn json_escapes_keep_the_data() {
        let value = serde_json::json!({ "t": "x\u{9b}y\u{202e}z\u{1b}" });
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_for_terminal(&json);
        assert!(!safe.chars().any(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
