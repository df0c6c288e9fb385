//! The browser and the notes file when another c34 is at work too (issue 16): `b` and `a`
//! act on what is on disk with the intent the screen showed, changes made elsewhere show in
//! the open browser, a wait for another c34's lock is said at once, and files that are not
//! regular files (a FIFO) or hold an overlong history line never freeze it. The state-level
//! tests drive `App` and `c34::effects` as the event loop does; the `pty_` ones run the real
//! binary in a pseudo-terminal. Every run has its own temporary data home.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::keys::{app_at, ch, typed};
use crate::common::pty::Browser;
use c34::app::App;
use c34::command::Keymap;
use c34::effects;
use c34::userdata::{NotesStore, QueryHistory};
use serde_json::{Value, json};

const SYMBOL: &str = "A/76/505/Add.1";

fn notes_file(data_home: &Path) -> PathBuf {
    data_home.join("c34").join("notes.json")
}

fn on_disk(path: &Path, para: u32) -> Value {
    let text = fs::read_to_string(path).unwrap_or_default();
    if text.is_empty() {
        return Value::Null;
    }
    let json: Value = serde_json::from_str(&text).expect("the notes file is JSON");
    json["documents"][SYMBOL][para.to_string()].clone()
}

/// The browser's side: its store, its history and the app started on them.
struct Session {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: NotesStore,
    history: QueryHistory,
    app: App,
}

impl Session {
    /// A browser on a fresh data home, after `before` ran on the store at its path (another
    /// c34's earlier changes).
    fn start(before: impl FnOnce(&mut NotesStore)) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let path = notes_file(dir.path());
        before(&mut NotesStore::open(path.clone()));
        let store = NotesStore::open(path.clone());
        let history = QueryHistory::open(path.with_file_name("history"));
        let mut app = app_at(120, 40);
        for outcome in effects::opened(&store, SYMBOL) {
            app.receive(outcome);
        }
        Session {
            _dir: dir,
            path,
            store,
            history,
            app,
        }
    }

    /// Another c34 on the same file.
    fn other(&self) -> NotesStore {
        NotesStore::open(self.path.clone())
    }

    fn jump(&mut self, para: u32) {
        typed(&mut self.app, &format!(":{para}\n"));
        assert_eq!(self.app.current().map(|(_, r)| r.para), Some(para));
    }

    /// A key, then what the event loop does after it: the effects, then a look at the file.
    fn key(&mut self, c: char) {
        ch(&mut self.app, c);
        self.drain();
    }

    fn drain(&mut self) {
        effects::drain(
            &mut self.app,
            &mut self.store,
            &mut self.history,
            &mut Vec::new(),
        );
        effects::pick_up_changes(&mut self.app, &mut self.store);
    }

    fn message(&self) -> &str {
        self.app.message().unwrap_or_default()
    }
}

#[test]
fn b_after_another_c34_bookmarked_the_same_paragraph_leaves_it_bookmarked() {
    let mut session = Session::start(|_| {});
    session.jump(165);
    assert!(
        session.app.annotation(165).is_none(),
        "the screen shows none"
    );
    session.other().set_bookmark(SYMBOL, 165, true).unwrap();
    // The screen still shows no bookmark (no key since): `b` means "bookmark".
    session.key('b');
    assert_eq!(on_disk(&session.path, 165), json!({"bookmark": true}));
    assert!(session.app.annotation(165).is_some_and(|a| a.bookmark));
    let message = session.message();
    assert!(
        message.contains("¶ 165 is bookmarked; another c34 had changed it meanwhile"),
        "{message}"
    );
}

#[test]
fn b_after_another_c34_removed_the_bookmark_leaves_it_removed() {
    let mut session = Session::start(|store| {
        store.set_bookmark(SYMBOL, 165, true).unwrap();
    });
    session.jump(165);
    assert!(session.app.annotation(165).is_some_and(|a| a.bookmark));
    session.other().set_bookmark(SYMBOL, 165, false).unwrap();
    session.key('b');
    assert_eq!(on_disk(&session.path, 165), Value::Null);
    assert!(session.app.annotation(165).is_none());
    assert!(session.message().contains("another c34 had changed it"));
}

#[test]
fn b_with_nobody_else_says_nothing_more() {
    let mut session = Session::start(|_| {});
    session.jump(165);
    session.key('b');
    assert_eq!(session.message(), "Bookmarked ¶ 165");
    session.key('b');
    assert_eq!(session.message(), "Bookmark removed from ¶ 165");
    assert_eq!(on_disk(&session.path, 165), Value::Null);
}

#[test]
fn a_note_saved_while_another_c34_changed_it_keeps_both() {
    let mut session = Session::start(|store| {
        store.set_note(SYMBOL, 165, "first").unwrap();
    });
    session.jump(165);
    session.key('a');
    assert_eq!(session.app.keymap(), Keymap::Note);
    session.other().set_note(SYMBOL, 165, "theirs").unwrap();
    // Keys typed into the editor do not swap its base under it.
    typed(&mut session.app, " and mine");
    session.drain();
    typed(&mut session.app, "\n");
    session.drain();
    assert_eq!(
        on_disk(&session.path, 165),
        json!({"bookmark": false, "note": "first and mine", "other_notes": ["theirs"]})
    );
    let message = session.message();
    assert!(
        message.contains("Another c34 had changed the note on ¶ 165 meanwhile"),
        "{message}"
    );
}

#[test]
fn a_note_opened_after_a_change_elsewhere_starts_from_it() {
    let mut session = Session::start(|store| {
        store.set_note(SYMBOL, 165, "first").unwrap();
    });
    session.jump(165);
    session.other().set_note(SYMBOL, 165, "theirs").unwrap();
    // Any key: the change is picked up after it.
    session.key('?');
    session.key('?');
    session.key('a');
    typed(&mut session.app, ", revised\n");
    session.drain();
    assert_eq!(
        on_disk(&session.path, 165),
        json!({"bookmark": false, "note": "theirs, revised"})
    );
}

#[test]
fn changes_made_elsewhere_show_after_the_next_key_and_cost_a_stat_otherwise() {
    let mut session = Session::start(|_| {});
    assert!(!effects::pick_up_changes(
        &mut session.app,
        &mut session.store
    ));
    session.other().set_bookmark(SYMBOL, 18, true).unwrap();
    assert!(session.app.annotation(18).is_none());
    assert!(effects::pick_up_changes(
        &mut session.app,
        &mut session.store
    ));
    assert!(session.app.annotation(18).is_some_and(|a| a.bookmark));
    assert!(!effects::pick_up_changes(
        &mut session.app,
        &mut session.store
    ));
}

#[test]
fn a_wait_for_the_lock_is_shown_before_it_begins_and_taken_back_after() {
    let mut session = Session::start(|_| {});
    session.jump(165);
    fs::create_dir_all(session.path.parent().unwrap()).unwrap();
    let held = fs::File::create(c34::userdata::lock_path(&session.path)).unwrap();
    held.lock().unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
    });
    ch(&mut session.app, 'b');
    let mut shown = Vec::new();
    let started = Instant::now();
    let drawn: Result<(), ()> = effects::drain_showing_waits(
        &mut session.app,
        &mut session.store,
        &mut session.history,
        &mut Vec::new(),
        &mut |app: &App| {
            shown.push((started.elapsed(), app.message().map(str::to_string)));
            Ok(())
        },
    );
    releaser.join().unwrap();
    assert_eq!(drawn, Ok(()));
    assert_eq!(shown.len(), 1, "drawn once, as the wait began: {shown:?}");
    let (at, message) = &shown[0];
    assert!(*at < Duration::from_millis(250), "at once: {at:?}");
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.starts_with("Waiting for another c34")),
        "{message:?}"
    );
    assert_eq!(session.message(), "Bookmarked ¶ 165");
    assert_eq!(on_disk(&session.path, 165), json!({"bookmark": true}));
}

// The real binary.

fn start(data_home: &Path) -> Browser {
    let home = data_home.to_str().unwrap();
    let mut browser = Browser::start_with_env(120, 40, &[("XDG_DATA_HOME", home), ("HOME", home)]);
    browser.wait_for_text("I. Introduction · ¶ 18 · 1 of 2");
    browser
}

/// `c34 ARGS` on the same data home, as a user would from another shell.
fn c34_beside(data_home: &Path, args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .args(args)
        .env("XDG_DATA_HOME", data_home)
        .env("HOME", data_home)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "c34 {args:?}");
}

/// Sends `q` and checks the browser is gone within `limit`.
fn quits_within(browser: &mut Browser, limit: Duration) {
    let sent = Instant::now();
    browser.send("q");
    assert!(browser.wait_exit());
    assert!(sent.elapsed() < limit, "q took {:?}", sent.elapsed());
}

#[test]
fn pty_a_bookmark_made_by_the_command_line_appears_in_the_open_browser() {
    let dir = tempfile::tempdir().unwrap();
    let mut browser = start(dir.path());
    browser.send(":165\r");
    browser.wait_for_text("¶ 165 · 10 of 22");
    assert!(!browser.screen().contains("★ bookmarked"));
    c34_beside(dir.path(), &["bookmark", "165"]);
    // The next key, whatever it is (this one is bound to nothing), shows it.
    browser.send("~");
    browser.wait_for_all(&["★ bookmarked", "★ Bookmarks               1"]);
    quits_within(&mut browser, Duration::from_secs(2));
}

#[cfg(unix)]
#[test]
fn pty_waiting_for_another_c34_is_said_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let lock = c34::userdata::lock_path(&notes_file(dir.path()));
    fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let held = fs::File::create(&lock).unwrap();
    held.lock().unwrap();
    let mut browser = start(dir.path());
    browser.send(":165\r");
    browser.wait_for_text("¶ 165 · 10 of 22");
    let sent = Instant::now();
    browser.send("b");
    browser.wait_for_text("Waiting for another c34");
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "{:?}",
        sent.elapsed()
    );
    drop(held);
    browser.wait_for_all(&["Bookmarked ¶ 165", "★ bookmarked"]);
    quits_within(&mut browser, Duration::from_secs(2));
}

#[cfg(unix)]
#[test]
fn pty_named_pipes_in_the_data_directory_never_freeze_the_browser() {
    use crate::userdata_notes::mkfifo;
    let dir = tempfile::tempdir().unwrap();
    let notes = notes_file(dir.path());
    mkfifo(&notes);
    mkfifo(&notes.with_file_name("history"));
    let home = dir.path().to_str().unwrap();
    let mut browser = Browser::start_with_env(120, 40, &[("XDG_DATA_HOME", home), ("HOME", home)]);
    browser.wait_for_text("history: is a named pipe (FIFO), not a regular file");
    browser.send("b");
    browser.wait_for_all(&["Notes are read-only:", "notes.json: is a named pipe (FIFO)"]);
    quits_within(&mut browser, Duration::from_secs(2));
    assert!(browser.started.elapsed() < Duration::from_secs(20));
}

#[test]
fn pty_a_history_line_of_100000_characters_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("c34").join("history");
    fs::create_dir_all(history.parent().unwrap()).unwrap();
    // Newest last: Alt-↑ in the search prompt recalls the newest query that is kept.
    fs::write(&history, format!("zzrecallzz\n{}\n", "y".repeat(100_000))).unwrap();
    let mut browser = start(dir.path());
    browser.send("/");
    browser.send("\x1b[1;3A");
    browser.wait_for_text("zzrecallzz");
    browser.send("\x1b");
    browser.wait_for(" the search closes", |screen| {
        !screen.contains("zzrecallzz")
    });
    quits_within(&mut browser, Duration::from_secs(1));
}
