//! The marks of what the user keeps ([`crate::paint::marks`]) on the app's recommendations,
//! and how many of each there are.

use crate::app::App;
pub use crate::paint::marks::{BOOKMARK, NOTE, of};

/// `★`, `✎`, `★✎` or nothing, for the response to `para`.
pub fn marks(app: &App, para: u32) -> String {
    of(app.annotation(para))
}

/// How many of the document's recommendations are bookmarked and how many have a note.
pub fn counts(app: &App) -> (usize, usize) {
    let bookmarks = app.annotations().values().filter(|a| a.bookmark).count();
    let notes = app
        .annotations()
        .values()
        .filter(|a| a.note.is_some())
        .count();
    (bookmarks, notes)
}
