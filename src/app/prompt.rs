//! A one-line prompt for `/`, `:` and the mission picker: readline editing on `tui-input`'s
//! backend-free buffer. Keys become [`Edit`]s in the bindings table; this never sees a terminal.

use tui_input::{Input, InputRequest};

use crate::sanitize::{SafeText, is_unsafe};

pub use crate::command::Edit;

/// A line being typed and its cursor.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    input: Input,
}

impl PartialEq for Prompt {
    fn eq(&self, other: &Prompt) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for Prompt {}

impl From<&str> for Prompt {
    /// A prompt holding `text`, made safe (see [`crate::sanitize`]), with the cursor at its end.
    fn from(text: &str) -> Prompt {
        Prompt {
            input: Input::from(SafeText::new(text).as_str()),
        }
    }
}

impl Prompt {
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// The cursor, in terminal cells from the start.
    pub fn visual_cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// The text typed, as safe text: a prompt never holds an unsafe character (see
    /// [`Prompt::edit`] and `From<&str>`), so this makes nothing visible that was not.
    pub fn safe_value(&self) -> SafeText {
        SafeText::new(self.value())
    }

    /// Applies an edit; an insertion is refused past `max_chars` characters or when `accept`
    /// rejects the character (control characters, bidirectional controls and invisible
    /// marks never go in: a query or note typed is safe where it enters). Returns whether the
    /// text changed.
    pub fn edit(&mut self, edit: Edit, max_chars: usize, accept: impl Fn(char) -> bool) -> bool {
        let request = match edit {
            Edit::Insert(c) => {
                if c.is_control()
                    || is_unsafe(c)
                    || !accept(c)
                    || self.value().chars().count() >= max_chars
                {
                    return false;
                }
                InputRequest::InsertChar(c)
            }
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::DeleteBack => InputRequest::DeletePrevChar,
            Edit::DeleteForward => InputRequest::DeleteNextChar,
            Edit::DeleteWordBack => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.input
            .handle(request)
            .is_some_and(|changed| changed.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Prompt {
        let mut prompt = Prompt::default();
        for c in text.chars() {
            prompt.edit(Edit::Insert(c), 200, |_| true);
        }
        prompt
    }

    fn apply(prompt: &mut Prompt, edits: &[Edit]) {
        for &edit in edits {
            prompt.edit(edit, 200, |_| true);
        }
    }

    #[test]
    fn the_cursor_moves_by_character_word_and_line() {
        let mut prompt = typed("protection of civilians");
        assert_eq!(prompt.cursor(), 23);
        apply(&mut prompt, &[Edit::WordLeft]);
        assert_eq!(prompt.cursor(), 14, "to the start of the last word");
        apply(&mut prompt, &[Edit::Left, Edit::Left]);
        assert_eq!(prompt.cursor(), 12);
        apply(&mut prompt, &[Edit::Home]);
        assert_eq!(prompt.cursor(), 0);
        apply(&mut prompt, &[Edit::WordRight]);
        assert_eq!(prompt.cursor(), 11, "to the start of the next word");
        apply(&mut prompt, &[Edit::End]);
        assert_eq!(prompt.cursor(), 23);
    }

    #[test]
    fn typing_goes_in_at_the_cursor() {
        let mut prompt = typed("peacekeping");
        apply(
            &mut prompt,
            &[
                Edit::Home,
                Edit::Right,
                Edit::Right,
                Edit::Right,
                Edit::Right,
            ],
        );
        apply(
            &mut prompt,
            &[Edit::Right, Edit::Right, Edit::Right, Edit::Insert('e')],
        );
        assert_eq!(prompt.value(), "peacekeeping");
        assert_eq!(prompt.cursor(), 8);
    }

    #[test]
    fn deletions_follow_readline() {
        let mut prompt = typed("sexual exploitation and abuse");
        apply(&mut prompt, &[Edit::DeleteWordBack]);
        assert_eq!(prompt.value(), "sexual exploitation and ");
        apply(&mut prompt, &[Edit::WordLeft, Edit::DeleteToEnd]);
        assert_eq!(prompt.value(), "sexual exploitation ");
        apply(&mut prompt, &[Edit::WordLeft, Edit::DeleteToStart]);
        assert_eq!(prompt.value(), "exploitation ");
        assert_eq!(prompt.cursor(), 0);
        apply(&mut prompt, &[Edit::DeleteForward]);
        assert_eq!(prompt.value(), "xploitation ");
        apply(
            &mut prompt,
            &[Edit::End, Edit::DeleteBack, Edit::DeleteBack],
        );
        assert_eq!(prompt.value(), "xploitatio");
    }

    #[test]
    fn insertions_are_bounded_and_filtered() {
        let mut prompt = Prompt::default();
        assert!(!prompt.edit(Edit::Insert('\u{1b}'), 5, |_| true));
        assert!(!prompt.edit(Edit::Insert('x'), 5, |c| c.is_ascii_digit()));
        for c in "1234567".chars() {
            prompt.edit(Edit::Insert(c), 5, |c| c.is_ascii_digit());
        }
        assert_eq!(prompt.value(), "12345");
        assert!(
            !prompt.edit(Edit::Right, 5, |_| true),
            "moving changes no text"
        );
    }

    #[test]
    fn a_prompt_from_text_has_its_cursor_at_the_end() {
        let prompt = Prompt::from("mali");
        assert_eq!(prompt.cursor(), 4);
        assert_eq!(prompt, typed("mali"));
    }
}
