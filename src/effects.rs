//! What the browser's state asks of the world ([`Effect`]), done: text to the clipboard over
//! OSC 52, bookmarks and notes to the [`NotesStore`]; and what came of it, as an [`Outcome`]
//! for [`App::receive`]. The event loop ([`crate::tui`]) runs this after every update; tests
//! run it with a temporary store and a byte buffer for a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::execute;

use crate::app::{App, Effect, Outcome};
use crate::userdata::{Annotation, History, NotesStore};

/// The document's annotations in `store`, by paragraph.
pub fn annotations(store: &NotesStore, symbol: &str) -> BTreeMap<u32, Annotation> {
    store
        .annotated(symbol)
        .into_iter()
        .map(|(para, annotation)| (para, annotation.clone()))
        .collect()
}

/// What the app learns from the store when it opens: the annotations, and why they cannot be
/// changed if they cannot.
pub fn opened(store: &NotesStore, symbol: &str) -> Vec<Outcome> {
    let mut outcomes = vec![Outcome::Annotations(annotations(store, symbol))];
    if let Some(reason) = store.read_only_reason() {
        outcomes.push(Outcome::ReadOnly(reason.to_string()));
    }
    outcomes
}

/// What the app learns from the search history when it opens: its queries, or why history is
/// off for the session.
pub fn history_opened(history: &History) -> Outcome {
    match history.is_off() {
        Some(reason) => Outcome::Failed(format!("Search history is off: {reason}")),
        None => Outcome::Queries(history.entries().to_vec()),
    }
}

/// Does one effect: copies to `terminal` (OSC 52) or changes `store`.
pub fn perform(
    effect: Effect,
    store: &mut NotesStore,
    history: &mut History,
    symbol: &str,
    terminal: &mut impl Write,
) -> Option<Outcome> {
    let changed = match effect {
        Effect::RecordQuery(query) => {
            // History that is off (an unreadable file) stays quiet: it said so at start.
            if history.is_off().is_some() {
                return None;
            }
            return Some(match history.push(&query) {
                Ok(()) => Outcome::Queries(history.entries().to_vec()),
                Err(error) => Outcome::Failed(format!("Search history not saved: {error}")),
            });
        }
        Effect::Copy(text) => {
            return copy(terminal, &text)
                .err()
                .map(|error| Outcome::Failed(format!("Cannot copy: {error}")));
        }
        Effect::ToggleBookmark { para } => store.toggle_bookmark(symbol, para).map(drop),
        Effect::SetNote { para, note } => store.set_note(symbol, para, &note),
    };
    Some(match changed {
        Ok(()) => Outcome::Annotations(annotations(store, symbol)),
        Err(error) => match store.read_only_reason() {
            Some(reason) => Outcome::ReadOnly(reason.to_string()),
            None => Outcome::Failed(format!("Not saved: {error}")),
        },
    })
}

/// Performs every effect `app` queued and feeds back what came of them.
pub fn drain(
    app: &mut App,
    store: &mut NotesStore,
    history: &mut History,
    terminal: &mut impl Write,
) {
    let symbol = app.dataset().document.symbol.clone();
    for effect in app.take_effects() {
        if let Some(outcome) = perform(effect, store, history, &symbol, terminal) {
            app.receive(outcome);
        }
    }
}

/// Puts `text` on the system clipboard through the terminal: `ESC ] 52 ; c ; <base64> BEL`
/// (terminals and tmux with `set-clipboard on` pass it on, over SSH too).
pub fn copy(terminal: &mut impl Write, text: &str) -> io::Result<()> {
    execute!(terminal, CopyToClipboard::to_clipboard_from(text))
}
