//! The `a` overlay: a one-line editor for the user's note on the open response. Enter saves
//! it (an empty note deletes it), Esc leaves it as it was.
//!
//! Drawn as a one-line box over the panes, the note's text scrolling sideways.

use ratatui::Frame;
use ratatui::widgets::Clear;

use super::{Action, Component, Context};
use crate::app::Prompt;
use crate::command::{Command, Keymap};
use crate::layout;
use crate::paint::marks::NOTE;
use crate::paint::{Theme, prompt_box};
use crate::safe_format;
use crate::sanitize::SafeText;
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

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let (para, prompt) = (self.para(), self.prompt());
        let parts = layout::prompt_box(context.area, layout::OVERLAY_MAX_WIDTH, 3);
        if parts.frame.is_empty() {
            return;
        }
        frame.render_widget(Clear, parts.frame);
        let chars = prompt.value().chars().count();
        prompt_box::render_frame(
            frame,
            &parts,
            &safe_format!("Note on ¶ {para} · Enter saves · empty deletes · Esc cancels"),
            None,
            theme,
        );
        prompt_box::render_query(
            frame,
            parts.query,
            &format!("{NOTE} "),
            (&SafeText::line(prompt.value()), prompt.cursor()),
            &chars.to_string(),
            theme,
        );
    }
}
