//! The marks of what the user keeps: `★` on a bookmarked recommendation, `✎` on one with a
//! note (characters, so they show without colour), and how many of each there are.

use crate::app::App;
use crate::userdata::Annotation;

/// The mark of a bookmarked recommendation.
pub const BOOKMARK: &str = "★";
/// The mark of a recommendation with a note.
pub const NOTE: &str = "✎";

/// `★`, `✎`, `★✎` or nothing, for the response to `para`.
pub fn marks(app: &App, para: u32) -> String {
    of(app.annotation(para))
}

/// `★`, `✎`, `★✎` or nothing, for what the user keeps on one recommendation.
pub fn of(annotation: Option<&Annotation>) -> String {
    let Some(annotation) = annotation else {
        return String::new();
    };
    let mut marks = String::new();
    if annotation.bookmark {
        marks.push_str(BOOKMARK);
    }
    if annotation.note.is_some() {
        marks.push_str(NOTE);
    }
    marks
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
