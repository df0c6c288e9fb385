//! Drawing what the user keeps and the lists the glance views open: the marks of bookmarked and
//! annotated recommendations (`★` and `✎`, characters, so they show without colour), the
//! titles of the Bookmarks, matrix-cell and cited-document lists.

use crate::app::{App, Source};
use crate::sanitize::for_line;

/// The mark of a bookmarked recommendation.
pub const BOOKMARK: &str = "★";
/// The mark of a recommendation with a note.
pub const NOTE: &str = "✎";

/// `★`, `✎`, `★✎` or nothing, for the response to `para`.
pub fn marks(app: &App, para: u32) -> String {
    let Some(annotation) = app.annotation(para) else {
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

/// What the list shows, for the sources of this module: `Bookmarks`, `MINUSMA × VII`,
/// `S/RES/2589 (2021)`.
pub fn source_label(app: &App) -> Option<String> {
    match app.list().source {
        Source::Bookmarks => Some("Bookmarks".into()),
        Source::Cell { row, col } => {
            let mission = app.matrix().rows.get(row)?;
            let section = app.matrix().sections.get(col)?;
            Some(format!(
                "{} × {}",
                for_line(&mission.acronym),
                for_line(section)
            ))
        }
        Source::Document(d) => Some(for_line(&app.references().get(d)?.symbol).into_owned()),
        Source::Section(_) | Source::Mission(_) => None,
    }
}

/// The list's title for the sources of this module.
pub fn list_title(app: &App) -> Option<String> {
    let label = source_label(app)?;
    Some(match app.list().source {
        Source::Bookmarks => {
            let (bookmarks, notes) = counts(app);
            format!(" {label} · {BOOKMARK} {bookmarks} {NOTE} {notes} ")
        }
        _ => format!(" {label} · {} ", app.list().items.len()),
    })
}
