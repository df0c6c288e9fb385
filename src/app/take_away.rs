//! Taking things out of the browser: `y` copies the open response with its citation, `Y` the
//! citation alone; `b` bookmarks the open recommendation, `a` writes a note on it.
//!
//! The state stays pure: what needs the terminal or the disk is queued in [`App::effects`] as
//! an [`Effect`], which the event loop performs after the update (see `crate::effects`), and
//! what came of it returns through [`App::receive`] as an [`Outcome`]. The app keeps a plain
//! copy of the document's annotations to draw from.

use std::collections::BTreeMap;

use super::overlay::NoteEditor;
use super::{App, Pane, Source, TreeRow};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::userdata::Annotation;

/// Something the event loop does for the state, outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put the text on the clipboard (OSC 52).
    Copy(String),
    /// Bookmark the response to `para` (`on`) or remove its bookmark: what the screen showed
    /// when `b` was pressed decides, whatever another c34 saved meanwhile.
    SetBookmark { para: u32, on: bool },
    /// Set the note on the response to `para`, edited from `base` (the stored note the editor
    /// opened with); an empty note deletes it.
    SetNote {
        para: u32,
        note: String,
        base: Option<String>,
    },
    /// Add a submitted search to the search history.
    RecordQuery(String),
    /// Another report was opened: its bookmarks and notes are wanted.
    OpenedReport,
    /// Take the mouse (`true`: clicks and the wheel reach c34) or leave it to the terminal
    /// (`false`: its own selection works).
    SetMouseCapture(bool),
}

/// What came of an [`Effect`] (or of opening the notes file), fed back to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// This document's bookmarks and notes as the store holds them now, by paragraph.
    Annotations(BTreeMap<u32, Annotation>),
    /// Bookmarks and notes cannot be changed this session, and why.
    ReadOnly(String),
    /// An effect failed; the message says why.
    Failed(String),
    /// The search history as the file holds it now, oldest first.
    Queries(Vec<crate::sanitize::SafeText>),
    /// What came of an effect, for the status bar (where a copy went, or why it did not).
    Notice(String),
    /// A change is waiting for another c34's lock: the status bar says this until
    /// [`Outcome::WaitOver`], which gives the message back that was there before.
    Waiting(String),
    /// The wait of [`Outcome::Waiting`] is over.
    WaitOver,
    /// The reports of the library, newest first, read after the first frame.
    Library(Vec<super::ReportEntry>),
}

/// A wait for another c34's lock: the message it replaced in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LockWait {
    message_before: Option<SafeText>,
}

/// What the status bar says when `M` takes the mouse back.
pub const MOUSE_ON_MESSAGE: &str =
    "mouse on: click and wheel work; Shift-drag selects text in most terminals (M: off)";
/// What the status bar says when `M` leaves the mouse to the terminal.
pub const MOUSE_OFF_MESSAGE: &str =
    "mouse off: drag to select text as in any terminal (M: on again)";

/// Effects waiting for the event loop. It drains them after every update; the bound keeps an
/// app that nobody drains (a test, a benchmark) from growing without end.
const MAX_EFFECTS: usize = 16;

impl App {
    pub(super) fn push_effect(&mut self, effect: Effect) {
        if self.effects.len() >= MAX_EFFECTS {
            self.effects.remove(0);
        }
        self.effects.push(effect);
    }

    /// Whether c34 takes the mouse; when not, the terminal selects text with it.
    pub fn mouse_captured(&self) -> bool {
        self.modes.mouse_captured
    }

    /// `M`: gives the mouse to the terminal (so dragging selects text) or takes it back.
    pub(super) fn toggle_mouse(&mut self) {
        self.modes.mouse_captured = !self.modes.mouse_captured;
        self.push_effect(Effect::SetMouseCapture(self.modes.mouse_captured));
        self.message = Some(if self.modes.mouse_captured {
            MOUSE_ON_MESSAGE.into()
        } else {
            MOUSE_OFF_MESSAGE.into()
        });
    }

    /// Takes the effects queued by the updates so far, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Applies what came of an effect. Pure, like [`App::update`].
    pub fn receive(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Annotations(annotations) => {
                if annotations != self.annotations {
                    self.annotations = annotations;
                    self.annotations_version += 1;
                    if self.list.source == Source::Bookmarks {
                        self.refresh_list();
                    }
                }
            }
            Outcome::ReadOnly(reason) => {
                let reason = SafeText::line(reason);
                self.message = Some(safe_format!("Notes are read-only: {reason}"));
                self.notes_read_only = Some(reason);
            }
            Outcome::Failed(error) => {
                self.message = Some(SafeText::line(error));
            }
            Outcome::Queries(queries) => self.queries = queries,
            Outcome::Notice(notice) => self.message = Some(SafeText::line(notice)),
            Outcome::Waiting(waiting) => {
                let message_before = self.message.take();
                self.lock_wait = Some(LockWait { message_before });
                self.message = Some(SafeText::line(waiting));
            }
            Outcome::WaitOver => {
                if let Some(wait) = self.lock_wait.take() {
                    self.message = wait.message_before;
                }
            }
            Outcome::Library(reports) => self.set_reports(reports),
        }
        self.settle();
    }

    /// The annotation on the response to `para`, if it has one.
    pub fn annotation(&self, para: u32) -> Option<&Annotation> {
        self.annotations.get(&para).filter(|a| !a.is_empty())
    }

    /// The paragraphs bookmarked or annotated, in document order.
    pub fn annotated_paras(&self) -> Vec<u32> {
        self.dataset
            .recommendations()
            .map(|(_, recommendation)| recommendation.para)
            .filter(|&para| self.annotation(para).is_some())
            .collect()
    }

    /// `y` (with the response) and `Y` (the citation alone).
    pub(super) fn copy(&mut self, with_response: bool) {
        // On a document of the Documents cited branch, `y` copies its link.
        if with_response
            && self.focus == Pane::Tree
            && let Some(&TreeRow::Document(d)) = self.tree_rows().get(self.tree.scroll.selected)
            && let Some(reference) = self.references.get(d)
        {
            let link = reference.link.clone();
            self.message = Some(safe_format!("Copied the link of {}", reference.symbol));
            self.push_effect(Effect::Copy(link));
            return;
        }
        let Some((_, recommendation)) = self.current() else {
            self.message = Some("Nothing to copy".into());
            return;
        };
        let para = recommendation.para;
        let citation = self.dataset.document.citation(para);
        let (text, what) = if with_response {
            let mut text = recommendation.paragraphs.join("\n\n");
            text.push_str("\n\n");
            text.push_str(&citation);
            (text, format!("¶ {para} and its citation"))
        } else {
            (citation, format!("the citation of ¶ {para}"))
        };
        let chars = text.chars().count();
        self.message = Some(safe_format!("Copied {what} · {chars} characters"));
        self.push_effect(Effect::Copy(text));
    }

    /// The reason changes are refused, as a status message, when they are.
    fn refuse_if_read_only(&mut self) -> bool {
        match &self.notes_read_only {
            Some(reason) => {
                self.message = Some(safe_format!("Notes are read-only: {reason}"));
                true
            }
            None => false,
        }
    }

    /// `b`: flips the bookmark on the open recommendation.
    pub(super) fn toggle_bookmark(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some((_, recommendation)) = self.current() else {
            return;
        };
        let para = recommendation.para;
        let was = self.annotation(para).is_some_and(|a| a.bookmark);
        self.message = Some(if was {
            safe_format!("Bookmark removed from ¶ {para}")
        } else {
            safe_format!("Bookmarked ¶ {para}")
        });
        self.push_effect(Effect::SetBookmark { para, on: !was });
    }

    /// `a`: the note editor on the open recommendation, with its note.
    pub(super) fn note_editor(&mut self) -> Option<NoteEditor> {
        if self.refuse_if_read_only() {
            return None;
        }
        let (_, recommendation) = self.current()?;
        let para = recommendation.para;
        // A note written by another program may hold control characters, which a prompt
        // never does: they open as their visible stand-ins (see `save_note`).
        Some(NoteEditor::open(para, &self.note_as_shown(para)))
    }

    /// The note on `para` as the one-line editor shows it: unsafe characters made visible.
    fn note_as_shown(&self, para: u32) -> String {
        self.annotation(para)
            .and_then(|a| a.note.as_ref())
            .map(|note| note.one_line().into_owned())
            .unwrap_or_default()
    }

    /// Enter in the note editor: saves `note` on `para` (an empty one deletes it).
    pub(super) fn save_note(&mut self, para: u32, note: String) {
        let had = self.annotation(para).is_some_and(|a| a.note.is_some());
        // Saved unchanged: nothing to write, so a stored note keeps its exact characters
        // (the editor shows control characters as stand-ins).
        if had && note == self.note_as_shown(para).trim() {
            return;
        }
        self.message = match (note.is_empty(), had) {
            (true, true) => Some(safe_format!("Note on ¶ {para} deleted")),
            (true, false) => None,
            (false, _) => Some(safe_format!("Note on ¶ {para} saved")),
        };
        if note.is_empty() && !had {
            return;
        }
        let base = self
            .annotation(para)
            .and_then(|a| a.stored_note().map(str::to_string));
        self.push_effect(Effect::SetNote { para, note, base });
    }

    /// The list shown again for its source, the selection kept on the same recommendation
    /// when it is still listed.
    pub(super) fn refresh_list(&mut self) {
        let selected = self.current().map(|(location, _)| location);
        let (offset, index) = (self.list.scroll.offset, self.list.scroll.selected);
        self.list.items = self.items_of(self.list.source);
        self.list.scroll.offset = offset;
        self.list.scroll.selected = selected
            .and_then(|location| self.list.items.iter().position(|&l| l == location))
            .unwrap_or(index);
    }
}
