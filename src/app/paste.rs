//! A paste goes into the open prompt as text, all at once: the terminal marks it (bracketed
//! paste), so a line break in it is never Enter and a letter never a command. Outside a prompt
//! a paste does nothing but say so.

use super::{App, Command, Edit, Prompt};
use crate::safe_format;

/// `text` as one line of a prompt: line breaks (CR LF, LF, CR) and tabs become spaces, other
/// control characters, bidirectional controls and invisible marks are dropped (as when typed).
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\t' => line.push(' '),
            c if c.is_control() || crate::sanitize::is_unsafe(c) => {}
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
        let Some(input) = self
            .overlay
            .as_mut()
            .and_then(super::overlay::Overlay::text_input)
        else {
            self.message =
                Some("Paste ignored: paste into a prompt (/ search, : jump, m, a note)".into());
            return;
        };
        let pasted: Vec<char> = one_line(text)
            .chars()
            .filter(|&c| (input.accepts)(c))
            .collect();
        let prompt = input.prompt;
        let room = input.limit.saturating_sub(prompt.value().chars().count());
        let kept = &pasted[..pasted.len().min(room)];
        let cut = kept.len() < pasted.len();
        if let Some((&last, first)) = kept.split_last() {
            // All but the last character go in at once; the last through the overlay's own
            // edit, so the search runs once, on the whole text.
            let before: String = prompt.value().chars().take(prompt.cursor()).collect();
            let after: String = prompt.value().chars().skip(prompt.cursor()).collect();
            let first: String = first.iter().collect();
            *prompt = Prompt::from(format!("{before}{first}{after}").as_str());
            for _ in after.chars() {
                prompt.edit(Edit::Left, 0, |_| true);
            }
            self.update(Command::Edit(Edit::Insert(last)));
        }
        if cut {
            // Short: in a prompt the status bar shows a message only beside the prompt's keys.
            self.message = Some(safe_format!(
                "Pasted the first {} of {} characters",
                kept.len(),
                pasted.len()
            ));
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
