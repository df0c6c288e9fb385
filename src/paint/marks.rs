//! The marks of what the user keeps: `★` on a bookmarked recommendation, `✎` on one with a
//! note (characters, so they show without colour).

use crate::userdata::Annotation;

/// The mark of a bookmarked recommendation.
pub const BOOKMARK: &str = "★";
/// The mark of a recommendation with a note.
pub const NOTE: &str = "✎";

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
