//! A paste goes into the open prompt as text, all at once: the terminal marks it (bracketed
//! paste), so a line break in it is never Enter and a letter never a command. Outside a prompt
//! a paste does nothing but say so.

use super::{App, Edit, JUMP_DIGITS, Overlay, Prompt, QUERY_CHARS};
use crate::userdata::notes::MAX_NOTE_CHARS;

/// `text` as one line of a prompt: line breaks (CR LF, LF, CR) and tabs become spaces, other
/// control characters are dropped.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\t' => line.push(' '),
            c if c.is_control() => {}
            c => line.push(c),
        }
    }
    line
}

impl App {
    /// Pastes `text` into the open prompt at its cursor, cut to what the prompt holds (with a
    /// message saying so); the search or the mission list follows once, for the whole paste.
    pub fn paste(&mut self, text: &str) {
        self.message = None;
        let (limit, digits_only) = match &self.overlay {
            Some(Overlay::Jump(_)) => (JUMP_DIGITS, true),
            Some(Overlay::Search(_) | Overlay::Missions(_)) => (QUERY_CHARS, false),
            Some(Overlay::Note { .. }) => (MAX_NOTE_CHARS, false),
            Some(Overlay::Help { .. } | Overlay::Matrix(_)) | None => {
                self.message =
                    Some("Paste ignored: paste into a prompt (/ search, : jump, m, a note)".into());
                return;
            }
        };
        let pasted: Vec<char> = one_line(text)
            .chars()
            .filter(|c| !digits_only || c.is_ascii_digit())
            .collect();
        let Some(prompt) = self.open_prompt() else {
            return;
        };
        let room = limit.saturating_sub(prompt.value().chars().count());
        let kept = &pasted[..pasted.len().min(room)];
        if let Some((&last, first)) = kept.split_last() {
            // All but the last character go in at once; the last through the usual edit, so
            // the search runs once, on the whole text.
            let before: String = prompt.value().chars().take(prompt.cursor()).collect();
            let after: String = prompt.value().chars().skip(prompt.cursor()).collect();
            let first: String = first.iter().collect();
            *prompt = Prompt::from(format!("{before}{first}{after}").as_str());
            for _ in after.chars() {
                prompt.edit(Edit::Left, 0, |_| true);
            }
            if matches!(self.overlay, Some(Overlay::Note { .. })) {
                self.edit_note_text(Edit::Insert(last));
            } else {
                self.edit_prompt(Edit::Insert(last));
            }
        }
        if kept.len() < pasted.len() {
            // Short: in a prompt the status bar shows a message only beside the prompt's keys.
            self.message = Some(format!(
                "Pasted the first {} of {} characters",
                kept.len(),
                pasted.len()
            ));
        }
        self.settle();
    }

    /// The prompt of the open overlay, if it has one.
    fn open_prompt(&mut self) -> Option<&mut Prompt> {
        match &mut self.overlay {
            Some(Overlay::Jump(prompt) | Overlay::Note { prompt, .. }) => Some(prompt),
            Some(Overlay::Search(chooser)) => Some(&mut chooser.prompt),
            Some(Overlay::Missions(chooser)) => Some(&mut chooser.prompt),
            Some(Overlay::Help { .. } | Overlay::Matrix(_)) | None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn line_breaks_and_tabs_become_spaces_and_other_controls_go() {
        assert_eq!(one_line("mali\nbq"), "mali bq");
        assert_eq!(one_line("a\r\nb\rc\td"), "a b c d");
        assert_eq!(one_line("x\u{1b}[31my\u{7}\u{0}"), "x[31my");
        assert_eq!(one_line("Ségou 和平"), "Ségou 和平");
    }
}
