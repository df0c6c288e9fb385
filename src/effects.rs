//! What the browser's state asks of the world ([`Effect`]), done: text to the clipboard, bookmarks
//! and notes to the [`NotesStore`]; and what came of it, as an [`Outcome`] for [`App::receive`].
//! The event loop ([`crate::tui`]) runs this after every update; tests run it with a temporary
//! store and a byte buffer for a terminal.
//!
//! A copy goes to the local clipboard where there is one (a display, and no SSH between: see
//! [`local_display`]), else to the terminal as OSC 52, which the terminal may or may not pass
//! on: the status bar says which was done ("sent to the terminal clipboard (OSC 52)"), never
//! "copied" for what c34 cannot know arrived. docs/terminals.md says which terminals need what.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::ffi::OsString;
use std::io::{self, Write};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::app::{App, Effect, Outcome};
use crate::command::Keymap;
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
    if store.read_only_reason().is_some()
        || app.keymap() == Keymap::Note
        || !store.changed_on_disk()
    {
        return false;
    }
    store.reload();
    for outcome in opened(store, &app.dataset().document.symbol) {
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
        // The app was made again on another report: its notes, as the store holds them.
        Effect::OpenedReport => return opened(store, symbol),
        Effect::Copy(text) => {
            return vec![Outcome::Notice(copy_to_clipboard(
                &text, None, terminal, None,
            ))];
        }
        Effect::SetMouseCapture(on) => {
            return match set_mouse_capture(terminal, on) {
                Ok(()) => Vec::new(),
                Err(error) => vec![Outcome::Failed(format!("the mouse mode: {error}"))],
            };
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
            outcomes.extend(meanwhile(para, &applied).map(Outcome::Notice));
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

/// [`drain`], drawing with `show` when a change must wait for another c34's lock: the app is
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
    drain_in_browser(app, store, history, terminal, None, show)
}

/// [`drain_showing_waits`], with copies going to `local` when it is given and works: what the
/// event loop calls.
pub fn drain_in_browser<E>(
    app: &mut App,
    store: &mut NotesStore,
    history: &mut QueryHistory,
    terminal: &mut impl Write,
    mut local: Option<&mut dyn SetText>,
    show: &mut dyn FnMut(&App) -> Result<(), E>,
) -> Result<(), E> {
    let symbol = app.dataset().document.symbol.clone();
    let mut shown = Ok(());
    for effect in app.take_effects() {
        let outcomes = if let Effect::Copy(text) = effect {
            // A copy is of the open recommendation, queued by the update just made.
            // A document's link is not a response: the notice says "Link".
            let response = !text.starts_with(crate::refs::LINK_BASE);
            let copied = app
                .current()
                .filter(|_| response)
                .map(|(_, recommendation)| {
                    let para = recommendation.para;
                    let citation_only = text == app.dataset().document.citation(para);
                    Copied {
                        para,
                        citation_only,
                    }
                });
            let local = local
                .as_mut()
                .map(|clipboard| &mut **clipboard as &mut dyn SetText);
            vec![Outcome::Notice(copy_to_clipboard(
                &text, copied, terminal, local,
            ))]
        } else {
            let mut waited = false;
            let mut on_wait = || {
                waited = true;
                app.receive(Outcome::Waiting(WAITING_FOR_LOCK.into()));
                if let Err(error) = show(app)
                    && shown.is_ok()
                {
                    shown = Err(error);
                }
            };
            let outcomes = perform(effect, store, history, &symbol, terminal, &mut on_wait);
            if waited {
                app.receive(Outcome::WaitOver);
            }
            outcomes
        };
        for outcome in outcomes {
            app.receive(outcome);
        }
    }
    shown
}

/// Puts `text` on the system clipboard through the terminal: `ESC ] 52 ; c ; <base64> ST`
/// (terminals and tmux with `set-clipboard on` pass it on, over SSH too).
pub fn copy(terminal: &mut impl Write, text: &str) -> io::Result<()> {
    execute!(terminal, CopyToClipboard::to_clipboard_from(text))
}

/// Turns the terminal's mouse reporting on (c34 gets clicks and the wheel) or off (the
/// terminal selects text itself).
pub fn set_mouse_capture(terminal: &mut impl Write, on: bool) -> io::Result<()> {
    if on {
        execute!(terminal, EnableMouseCapture)
    } else {
        execute!(terminal, DisableMouseCapture)
    }
}

/// The most base64 c34 sends in one OSC 52 sequence (750,000 bytes of text): tmux drops a
/// sequence longer than its 1 MiB input buffer without a word (docs/terminals.md).
pub const OSC52_MAX_BASE64: usize = 1_000_000;

/// What was copied: the response to `para` with its citation, or the citation alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub para: u32,
    pub citation_only: bool,
}

/// Why a local clipboard did not take the text (its own error, kept as the source).
#[derive(Debug, thiserror::Error)]
#[error("the local clipboard refused the text")]
pub struct ClipboardError(#[source] pub Box<dyn std::error::Error + Send + Sync>);

/// A clipboard c34 can set directly (the local one), and its name for the status bar.
pub trait SetText {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError>;
    fn name(&self) -> &'static str;
}

/// Copies `text` to `local` if given (and it works), else sends it to `terminal` as OSC 52
/// unless it is too long for that; returns what the status bar says of it.
pub fn copy_to_clipboard(
    text: &str,
    copied: Option<Copied>,
    terminal: &mut impl Write,
    local: Option<&mut dyn SetText>,
) -> String {
    let chars = text.chars().count();
    // Short, so the how and the length fit at 80 columns: the status bar names the ¶ already.
    let what = match copied {
        Some(Copied {
            citation_only: true,
            ..
        }) => "Citation",
        Some(_) => "Response and citation",
        None if text.starts_with("https://") => "Link",
        None => "Text",
    };
    if let Some(local) = local
        && local.set_text(text).is_ok()
    {
        return format!(
            "{what} copied to the {} clipboard · {chars} characters",
            local.name()
        );
    }
    let base64 = text.len().div_ceil(3) * 4;
    if base64 > OSC52_MAX_BASE64 {
        let instead = copied.map_or(String::new(), |c| {
            format!(": `c34 show {}` prints it", c.para)
        });
        return format!(
            "Not copied (over the OSC 52 limit of {} bytes){instead} · {chars} characters",
            OSC52_MAX_BASE64 / 4 * 3
        );
    }
    match copy(terminal, text) {
        Ok(()) => format!("{what} sent to the terminal clipboard (OSC 52) · {chars} characters"),
        Err(error) => format!("Cannot copy: {error}"),
    }
}

/// True when this process can reach a local clipboard: macOS and Windows have one; elsewhere
/// an X display (`DISPLAY`; under Wayland, `XWayland` sets it) is needed. Over SSH (`SSH_TTY`,
/// `SSH_CONNECTION`, `SSH_CLIENT`) the local clipboard is the server's, not the user's, so the
/// terminal's (OSC 52) is used. `var` reads the environment.
pub fn local_display(var: impl Fn(&str) -> Option<OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
    if ["SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT"]
        .into_iter()
        .any(set)
    {
        return false;
    }
    cfg!(any(target_os = "macos", target_os = "windows")) || set("DISPLAY")
}

/// The local clipboard through `arboard`, for the event loop: opened on the first copy, when
/// there is a display ([`local_display`]), and kept for the session (on X11 the text is served
/// from this process while it runs, and from a clipboard manager after it quits, if one runs).
#[derive(Default)]
pub struct LocalClipboard {
    /// Whether opening it was tried (once a session).
    tried: bool,
    clipboard: Option<arboard::Clipboard>,
}

impl LocalClipboard {
    /// The clipboard, opened if it was not yet, when there is a display and it opens.
    pub fn get(&mut self) -> Option<&mut dyn SetText> {
        if !self.tried {
            self.tried = true;
            self.clipboard = local_display(|name| std::env::var_os(name))
                .then(arboard::Clipboard::new)
                .and_then(Result::ok);
        }
        self.clipboard
            .as_mut()
            .map(|clipboard| clipboard as &mut dyn SetText)
    }
}

impl SetText for arboard::Clipboard {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError> {
        arboard::Clipboard::set_text(self, text).map_err(|error| ClipboardError(Box::new(error)))
    }

    fn name(&self) -> &'static str {
        "local"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A local clipboard that keeps what it is given, or refuses.
    struct Fake {
        works: bool,
        text: Option<String>,
    }

    impl SetText for Fake {
        fn set_text(&mut self, text: &str) -> Result<(), ClipboardError> {
            if !self.works {
                return Err(ClipboardError("no display".into()));
            }
            self.text = Some(text.to_string());
            Ok(())
        }

        fn name(&self) -> &'static str {
            "local"
        }
    }

    const CITATION: Option<Copied> = Some(Copied {
        para: 165,
        citation_only: true,
    });
    const RESPONSE: Option<Copied> = Some(Copied {
        para: 165,
        citation_only: false,
    });

    #[test]
    fn a_copy_through_the_terminal_says_osc_52_and_the_length() {
        let mut terminal = Vec::new();
        let message = copy_to_clipboard("Mali ✓", CITATION, &mut terminal, None);
        assert_eq!(
            message,
            "Citation sent to the terminal clipboard (OSC 52) · 6 characters"
        );
        // `printf 'Mali ✓' | base64` (coreutils), not the code under test.
        assert_eq!(terminal, b"\x1b]52;c;TWFsaSDinJM=\x1b\\");
        let message = copy_to_clipboard("x", RESPONSE, &mut Vec::new(), None);
        assert!(message.starts_with("Response and citation sent to the terminal clipboard"));
    }

    #[test]
    fn a_local_clipboard_is_used_when_it_works_and_said() {
        let mut terminal = Vec::new();
        let mut local = Fake {
            works: true,
            text: None,
        };
        let message = copy_to_clipboard("Mali", RESPONSE, &mut terminal, Some(&mut local));
        assert_eq!(
            message,
            "Response and citation copied to the local clipboard · 4 characters"
        );
        assert_eq!(local.text.as_deref(), Some("Mali"));
        assert!(terminal.is_empty(), "nothing sent to the terminal");

        let mut refusing = Fake {
            works: false,
            text: None,
        };
        let message = copy_to_clipboard("Mali", RESPONSE, &mut terminal, Some(&mut refusing));
        assert!(message.contains("(OSC 52)"), "{message}");
        assert!(!terminal.is_empty(), "the terminal's clipboard instead");
    }

    #[test]
    fn text_over_a_million_bytes_of_base64_is_refused_with_a_way_to_get_it() {
        // Base64 takes 4 bytes for every 3: 750,000 bytes make exactly 1,000,000.
        let fits = "a".repeat(750_000);
        let mut terminal = Vec::new();
        let message = copy_to_clipboard(&fits, RESPONSE, &mut terminal, None);
        assert!(
            message.contains("sent to the terminal clipboard"),
            "{message}"
        );
        assert_eq!(
            terminal.len(),
            "\x1b]52;c;".len() + 1_000_000 + "\x1b\\".len()
        );

        let over = "a".repeat(750_001);
        let mut terminal = Vec::new();
        let message = copy_to_clipboard(&over, RESPONSE, &mut terminal, None);
        assert!(terminal.is_empty(), "nothing sent");
        assert!(message.starts_with("Not copied"), "{message}");
        assert!(message.contains("750001 characters"), "{message}");
        assert!(message.contains("`c34 show 165`"), "{message}");
        assert!(!message.contains("sent"), "{message}");
    }

    #[test]
    fn a_terminal_that_cannot_be_written_is_named() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let message = copy_to_clipboard("x", CITATION, &mut Closed, None);
        assert!(message.starts_with("Cannot copy:"), "{message}");
    }

    #[test]
    fn the_local_clipboard_needs_a_display_and_no_ssh() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| OsString::from(value))
            }
        };
        let desktop = cfg!(any(target_os = "macos", target_os = "windows"));
        assert!(local_display(env(&[("DISPLAY", ":0")])));
        assert!(!local_display(env(&[
            ("DISPLAY", ":0"),
            ("SSH_TTY", "/dev/pts/3")
        ])));
        assert!(!local_display(env(&[
            ("DISPLAY", ":0"),
            ("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 51000")
        ])));
        assert_eq!(local_display(env(&[])), desktop);
        assert_eq!(local_display(env(&[("DISPLAY", "")])), desktop);
    }
}
