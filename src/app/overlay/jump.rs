//! The `:` prompt: type a paragraph's number, Enter opens its response. It is drawn in the
//! status bar (by [`crate::ui`], from [`JumpPrompt::prompt`]), so it draws nothing over the
//! panes.

use ratatui::Frame;

use super::{Action, Component, Context};
use crate::app::Prompt;
use crate::command::{Command, Edit, Keymap};
use crate::paint::Theme;

/// Digits accepted after `:` (paragraph numbers are small; this keeps parsing infallible).
pub const JUMP_DIGITS: usize = 6;

/// The digits typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpPrompt {
    prompt: Prompt,
}

impl JumpPrompt {
    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }
}

impl Component for JumpPrompt {
    const KEYMAP: Keymap = Keymap::Jump;

    fn text_input(&mut self) -> Option<super::TextInput<'_>> {
        Some(super::TextInput {
            prompt: &mut self.prompt,
            limit: JUMP_DIGITS,
            accepts: |c| c.is_ascii_digit(),
        })
    }

    fn handle(&mut self, command: Command, _context: &Context) -> Action {
        match command {
            // Backspace on an empty prompt closes it.
            Command::Edit(Edit::DeleteBack) if self.prompt.is_empty() => Action::Close,
            Command::Edit(edit) => {
                self.prompt.edit(edit, JUMP_DIGITS, |c| c.is_ascii_digit());
                Action::Stay
            }
            Command::JumpToParagraph => match self.prompt.value().parse::<u32>() {
                Ok(para) => Action::then(move |app| app.jump_to(para)),
                Err(_) => Action::Close,
            },
            Command::Close | Command::Click { .. } => Action::Close,
            _ => Action::Stay,
        }
    }

    /// Nothing over the panes: the status bar shows what was typed.
    fn draw(&self, _frame: &mut Frame, _context: &Context, _theme: &Theme) {}
}
