//! Rendering, one file per pane. The panes read `&App`; the open overlay draws itself
//! ([`crate::app::Overlay::draw`]) from its own state and the read-only [`Context`] the state
//! gives it. The primitives both use (the theme, rows, marked spans, the prompt box) are in
//! [`crate::paint`]. Everything is drawn inside the rectangles [`crate::layout`] gives (the
//! state uses the same ones, so scrolling and mouse hit-testing agree with what is drawn).
//! Nothing here changes state.

pub mod links;
pub mod list;
pub mod marks;
pub mod reader;
pub mod status;
pub mod title;
pub mod tree;

use ratatui::Frame;

use crate::app::{App, Context};
pub use crate::paint::{
    Theme, char_spans, clip, fit, map_ranges, marked_spans, row, safe_span, width,
};

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let screen = app.screen_in(area);
    let theme = Theme::new(app.color());
    if screen.too_small() {
        status::render_too_small(frame, area, &theme);
        return;
    }
    if let Some(rect) = screen.title {
        title::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.tree {
        tree::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.list {
        list::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.reader {
        reader::render(frame, rect, app, &theme);
    }
    if let Some(rect) = screen.status {
        status::render(frame, rect, app, &theme);
    }
    if app.hyperlinks() && app.overlay().is_none() {
        let references = app.references();
        if let Some(rect) = screen.reader {
            let urls: Vec<(String, String)> = references
                .iter()
                .map(|reference| (reference.link.clone(), reference.link.clone()))
                .collect();
            links::link_texts(frame.buffer_mut(), rect, &urls);
        }
        if let Some(rect) = screen.tree {
            let symbols: Vec<(String, String)> = references
                .iter()
                .map(|reference| {
                    let symbol = reference.symbol.one_line().into_owned();
                    (symbol, reference.link.clone())
                })
                .collect();
            links::link_texts(frame.buffer_mut(), rect, &symbols);
        }
    }
    if let Some(overlay) = app.overlay() {
        let context = Context {
            area,
            ..app.context()
        };
        overlay.draw(frame, &context, &theme);
    }
}
