//! The `a` overlay: a one-line box over the panes, the note's text scrolling sideways.

use ratatui::Frame;
use ratatui::widgets::Clear;

use crate::app::Context;
use crate::app::overlay::NoteEditor;
use crate::layout;
use crate::ui::marks::NOTE;
use crate::ui::{Theme, overlay};

pub fn render(frame: &mut Frame, editor: &NoteEditor, context: &Context, theme: &Theme) {
    let (para, prompt) = (editor.para(), editor.prompt());
    let parts = layout::prompt_box(context.area, layout::OVERLAY_MAX_WIDTH, 3);
    if parts.frame.is_empty() {
        return;
    }
    frame.render_widget(Clear, parts.frame);
    let chars = prompt.value().chars().count();
    overlay::render_frame(
        frame,
        &parts,
        &format!("Note on ¶ {para} · Enter saves · empty deletes · Esc cancels"),
        None,
        theme,
    );
    overlay::render_query(
        frame,
        parts.query,
        &format!("{NOTE} "),
        prompt,
        &chars.to_string(),
        theme,
    );
}
