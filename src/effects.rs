//! What the browser's state asks of the world ([`Effect`]), done: text to the clipboard over
//! OSC 52, bookmarks and notes to the [`NotesStore`]; and what came of it, as an [`Outcome`]
//! for [`App::receive`]. The event loop ([`crate::tui`]) runs this after every update; tests
//! run it with a temporary store and a byte buffer for a terminal.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::io::{self, Write};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::execute;

use crate::app::{App, Effect, Mode, Outcome};
use crate::userdata::notes::{NoteChange, checked_note};
use crate::userdata::{Annotation, Applied, NotesStore, QueryHistory, StoreError};

/// Shown while a change waits for another c34 to release the notes file's lock.
pub const WAITING_FOR_LOCK: &str = "Waiting for another c34 to finish with the notes file…";

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
pub fn history_opened(history: &QueryHistory) -> Outcome {
    match history.is_off() {
        Some(reason) => Outcome::Failed(format!("Search history is off: {reason}")),
        None => Outcome::Queries(history.entries().to_vec()),
    }
}

/// Shows the app what another c34 saved to the notes file since the store last read it; the
/// event loop calls this after every event, so a change made elsewhere shows at the latest on
/// the next key. Costs one `stat` unless the file changed. Not while the note editor is open:
/// the note it opened with is what its save is compared with (see [`Effect::SetNote`]), and
/// not once the notes are read-only (until c34 restarts). Returns whether the app changed.
pub fn pick_up_changes(app: &mut App, store: &mut NotesStore) -> bool {
    if store.read_only_reason().is_some() || app.mode() == Mode::Note || !store.changed_on_disk() {
        return false;
    }
    store.reload();
    for outcome in opened(store, &app.dataset.document.symbol) {
        app.receive(outcome);
    }
    true
}

/// Does one effect: copies to `terminal` (OSC 52) or changes `store` or `history`. `on_wait`
/// is called once if the change must wait for another c34's lock.
pub fn perform(
    effect: Effect,
    store: &mut NotesStore,
    history: &mut QueryHistory,
    symbol: &str,
    terminal: &mut impl Write,
    on_wait: &mut dyn FnMut(),
) -> Vec<Outcome> {
    let (para, applied) = match effect {
        Effect::RecordQuery(query) => {
            // History that is off (an unreadable file) stays quiet: it said so at start.
            if history.is_off().is_some() {
                return Vec::new();
            }
            return vec![match history.push(&query) {
                Ok(()) => Outcome::Queries(history.entries().to_vec()),
                Err(error) => Outcome::Failed(format!("Search history not saved: {error}")),
            }];
        }
        Effect::Copy(text) => {
            return copy(terminal, &text)
                .err()
                .map(|error| Outcome::Failed(format!("Cannot copy: {error}")))
                .into_iter()
                .collect();
        }
        Effect::SetBookmark { para, on } => (
            para,
            store.apply(symbol, para, NoteChange::Bookmark(on), on_wait),
        ),
        Effect::SetNote { para, note, base } => (
            para,
            checked_note(&note).and_then(|note| {
                let change = NoteChange::EditedNote {
                    note: note.as_deref(),
                    base: base.as_deref(),
                };
                store.apply(symbol, para, change, on_wait)
            }),
        ),
    };
    match applied {
        Ok(applied) => {
            let mut outcomes = vec![Outcome::Annotations(annotations(store, symbol))];
            outcomes.extend(meanwhile(para, &applied).map(Outcome::Failed));
            outcomes
        }
        Err(error) => vec![failed(store, &error)],
    }
}

/// What the status bar says when another c34 had changed the paragraph before this change.
fn meanwhile(para: u32, applied: &Applied) -> Option<String> {
    if applied.kept_other_version {
        let other = if applied.annotation.note.is_some() {
            "its version is kept beside yours"
        } else {
            "its note is kept, not deleted"
        };
        return Some(format!(
            "Another c34 had changed the note on ¶ {para} meanwhile: {other} (c34 note {para})"
        ));
    }
    applied.changed_elsewhere.then(|| {
        let now = if applied.annotation.bookmark {
            "bookmarked"
        } else {
            "not bookmarked"
        };
        format!("¶ {para} is {now}; another c34 had changed it meanwhile")
    })
}

fn failed(store: &NotesStore, error: &StoreError) -> Outcome {
    match store.read_only_reason() {
        Some(reason) => Outcome::ReadOnly(reason.to_string()),
        None => Outcome::Failed(format!("Not saved: {error}")),
    }
}

/// Performs every effect `app` queued and feeds back what came of them.
pub fn drain(
    app: &mut App,
    store: &mut NotesStore,
    history: &mut QueryHistory,
    terminal: &mut impl Write,
) {
    let Ok(()) = drain_showing_waits(app, store, history, terminal, &mut |_: &App| {
        Ok::<(), Infallible>(())
    });
}

/// [`drain`], for the event loop: when a change must wait for another c34's lock, the app is
/// told at once ([`WAITING_FOR_LOCK`]) and `show` draws it before the wait begins, so the
/// browser never freezes without a word; the message is taken back when the wait is over.
/// Returns the first error `show` met.
pub fn drain_showing_waits<E>(
    app: &mut App,
    store: &mut NotesStore,
    history: &mut QueryHistory,
    terminal: &mut impl Write,
    show: &mut dyn FnMut(&App) -> Result<(), E>,
) -> Result<(), E> {
    let symbol = app.dataset.document.symbol.clone();
    let mut shown = Ok(());
    for effect in app.take_effects() {
        let before = app.message.clone();
        let mut on_wait = || {
            app.receive(Outcome::Failed(WAITING_FOR_LOCK.into()));
            if let Err(error) = show(app)
                && shown.is_ok()
            {
                shown = Err(error);
            }
        };
        let outcomes = perform(effect, store, history, &symbol, terminal, &mut on_wait);
        if app.message.as_deref() == Some(WAITING_FOR_LOCK) {
            app.message = before;
        }
        for outcome in outcomes {
            app.receive(outcome);
        }
    }
    shown
}

/// Puts `text` on the system clipboard through the terminal: `ESC ] 52 ; c ; <base64> BEL`
/// (terminals and tmux with `set-clipboard on` pass it on, over SSH too).
pub fn copy(terminal: &mut impl Write, text: &str) -> io::Result<()> {
    execute!(terminal, CopyToClipboard::to_clipboard_from(text))
}
