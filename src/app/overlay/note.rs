//! The `a` overlay: a one-line editor for the user's note on the open response. Enter saves
//! it (an empty note deletes it), Esc leaves it as it was.

use super::{Action, Component, Context};
use crate::app::Prompt;
use crate::command::{Command, Keymap};
use crate::userdata::notes::MAX_NOTE_CHARS;

/// The note being written on the response to a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    para: u32,
    prompt: Prompt,
}

impl NoteEditor {
    /// The editor on the response to `para`, holding `note` as the editor shows it.
    pub fn open(para: u32, note: &str) -> NoteEditor {
        NoteEditor {
            para,
            prompt: Prompt::from(note),
        }
    }

    /// The paragraph whose response the note is on.
    pub fn para(&self) -> u32 {
        self.para
    }

    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }
}

impl Component for NoteEditor {
    const KEYMAP: Keymap = Keymap::Note;

    fn text_input(&mut self) -> Option<super::TextInput<'_>> {
        Some(super::TextInput {
            prompt: &mut self.prompt,
            limit: MAX_NOTE_CHARS,
            accepts: |_| true,
        })
    }

    fn handle(&mut self, command: Command, _context: &Context) -> Action {
        match command {
            Command::Edit(edit) => {
                self.prompt.edit(edit, MAX_NOTE_CHARS, |_| true);
                Action::Stay
            }
            Command::SaveNote => {
                let (para, note) = (self.para, self.prompt.value().trim().to_string());
                Action::then(move |app| app.save_note(para, note))
            }
            Command::Close | Command::Click { .. } => Action::Close,
            _ => Action::Stay,
        }
    }
}
