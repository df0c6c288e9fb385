//! Ordinary terminal moments, in a real pseudo-terminal: a paste, a suspend and `fg`, Alt sent
//! as an ESC prefix, a dumb terminal, a history file with a very long line. Every wait is
//! bounded, so a broken browser fails a test instead of hanging it.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::pty::Browser;

/// The first frame is complete when the status bar (drawn last) shows.
const FIRST_FRAME: [&str; 2] = ["Sections", "I. Introduction · ¶ 18 · 1 of 2"];

fn start_in(data_home: &Path) -> Browser {
    let home = data_home.to_str().expect("a UTF-8 temporary path");
    let mut browser = Browser::start_with_env(120, 40, &[("XDG_DATA_HOME", home), ("HOME", home)]);
    browser.wait_for_all(&FIRST_FRAME);
    browser
}

fn signal(browser: &Browser, name: &str) {
    // The shell's own `kill`, so the test needs no procps on the machine.
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -{name} {}", browser.pid())])
        .status()
        .expect("sh runs");
    assert!(status.success());
}

fn quit(browser: &mut Browser) {
    browser.send("q");
    assert!(browser.wait_exit(), "c34 exits with status 0");
    browser.assert_restored();
}

#[test]
fn two_pasted_lines_go_into_the_search_as_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    assert!(
        browser.parser.screen().bracketed_paste(),
        "bracketed paste is on while the browser runs"
    );
    browser.send("/");
    browser.wait_for_text("Esc close");
    // As keys, the line break would submit the search and `b` bookmark the result.
    browser.paste("mali\nbq");
    browser.wait_for_text("mali bq");
    // Still running, still in the search: Esc closes it and the browser answers.
    browser.send("\x1b");
    browser.wait_for("the search to close", |screen| !screen.contains("mali bq"));
    assert!(
        !dir.path().join("c34").join("notes.json").exists(),
        "no bookmark was made"
    );
    quit(&mut browser);
}

#[test]
fn three_thousand_pasted_characters_reach_the_note_editor_whole() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    browser.send(":165\r");
    browser.wait_for_text("¶ 165 · 10 of 22");
    browser.send("a");
    browser.wait_for_text("Note on ¶ 165");
    // 2,990 characters of words, a tab and a line break, then a marker: 3,000 in all.
    let body: String = "peace keeping ".repeat(214)[..2990].to_string();
    let pasted = format!("{body}\tEND\r\n3000");
    assert_eq!(pasted.chars().count(), 3000);
    browser.paste(&pasted);
    // The editor shows the end of the text and its length (the tab and the line break are
    // one space each, CR LF one line break): all of it arrived, at once.
    let expected = format!("{body} END 3000");
    let length = expected.chars().count().to_string();
    browser.wait_for_all(&["END 3000", &length]);
    browser.send("\r");
    browser.wait_for_text("Note on ¶ 165 saved");
    let notes = std::fs::read_to_string(dir.path().join("c34").join("notes.json"))
        .expect("the note is saved");
    let notes: serde_json::Value = serde_json::from_str(&notes).expect("the notes file is JSON");
    let saved = find_note(&notes).expect("a note in the file");
    assert_eq!(saved, expected.trim());
    quit(&mut browser);
}

/// The one note string anywhere in the notes file's JSON.
fn find_note(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Object(map) => map.iter().find_map(|(key, value)| match value {
            serde_json::Value::String(note) if key == "note" => Some(note.clone()),
            other => find_note(other),
        }),
        serde_json::Value::Array(items) => items.iter().find_map(find_note),
        _ => None,
    }
}

#[test]
fn a_paste_of_100_000_characters_into_the_search_is_cut_at_once() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    browser.send("/");
    browser.wait_for_text("Esc close");
    let asked = Instant::now();
    browser.paste(&"peacekeeping ".repeat(7693)[..100_000]);
    browser.wait_for_text("Pasted the first 200 of 100000 characters");
    let answered = asked.elapsed();
    eprintln!(
        "100,000 pasted characters cut and searched in {:.0} ms (debug build)",
        answered.as_secs_f64() * 1000.0
    );
    assert!(answered < Duration::from_secs(2), "{answered:?}");
    quit_from_prompt(&mut browser);
}

fn quit_from_prompt(browser: &mut Browser) {
    browser.send("\x1b");
    browser.wait_for("the prompt to close", |screen| {
        !screen.contains("Esc close")
    });
    quit(browser);
}

#[test]
fn a_paste_outside_a_prompt_is_ignored_with_a_message() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    // As keys this would quit.
    browser.paste("q");
    browser.wait_for_text("Paste ignored");
    quit(&mut browser);
}

/// Waits until c34 has left the alternate screen and is stopped, and the terminal is in line
/// mode again: as a shell needs it.
fn wait_suspended(browser: &mut Browser) {
    browser.wait_for_screen("the main screen", |screen| !screen.alternate_screen());
    let deadline = Instant::now() + Duration::from_secs(5);
    while !browser.stopped() {
        assert!(Instant::now() < deadline, "c34 stops");
        std::thread::sleep(Duration::from_millis(20));
    }
    let screen = browser.parser.screen();
    assert!(!screen.hide_cursor(), "the cursor shows");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(!screen.bracketed_paste());
    assert!(browser.line_mode(), "raw mode is off while stopped");
}

/// Continues c34 as `fg` does and checks the whole frame comes back and keys work.
fn resume(browser: &mut Browser) {
    signal(browser, "CONT");
    browser.wait_for_screen("the whole frame again", |screen| {
        let text = screen.contents();
        screen.alternate_screen() && FIRST_FRAME.iter().all(|part| text.contains(part))
    });
    assert!(!browser.line_mode(), "raw mode again");
    assert!(browser.parser.screen().bracketed_paste());
    assert_ne!(
        browser.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    // Keys work: down the tree to section II.
    browser.send("j");
    browser.wait_for_text("II. ");
    browser.wait_for("the next section", |screen| {
        !screen.contains("· ¶ 18 · 1 of 2")
    });
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_whole_frame_back() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    browser.send("\x1a");
    wait_suspended(&mut browser);
    resume(&mut browser);
    quit(&mut browser);
}

#[test]
fn sigtstp_from_outside_suspends_as_ctrl_z_does() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    signal(&browser, "TSTP");
    wait_suspended(&mut browser);
    resume(&mut browser);
    quit(&mut browser);
}

#[test]
fn alt_left_sent_as_esc_prefix_goes_back() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    browser.send(":165\r");
    browser.wait_for_text("¶ 165 · 10 of 22");
    // Alt-← as urxvt and PuTTY send it. Read as Esc, `[`, `D` it would go to ¶ 164.
    browser.send("\x1b\x1b[D");
    browser.wait_for_text("· ¶ 18 · 1 of 2");
    assert!(!browser.screen().contains("unknown key"));
    quit(&mut browser);
}

#[test]
fn alt_up_sent_as_esc_prefix_recalls_in_the_search() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let history = dir.path().join("c34").join("history");
    std::fs::create_dir_all(history.parent().expect("a parent")).expect("the data directory");
    std::fs::write(&history, "unmiss\n").expect("the history is written");
    let mut browser = start_in(dir.path());
    browser.send("/");
    browser.wait_for_text("Esc close");
    // Read as Esc, `[`, `A` it would close the search.
    browser.send("\x1b\x1b[A");
    browser.wait_for_text("unmiss");
    assert!(
        browser.screen().contains("Esc close"),
        "the search is still open"
    );
    browser.send("\x1b");
    browser.wait_for("the search to close", |screen| {
        !screen.contains("Esc close")
    });
    quit(&mut browser);
}

#[test]
fn esc_and_a_quick_key_joined_into_alt_act_as_both() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut browser = start_in(dir.path());
    browser.send("/");
    browser.wait_for_text("Esc close");
    // What tmux sends for Esc then `?` within its escape-time: Alt-?, bound nowhere. As Esc
    // then `?` it closes the search and opens the help.
    browser.send("\x1b?");
    browser.wait_for_text("Esc closes");
    browser.send("q");
    browser.wait_for("the help to close", |screen| !screen.contains("Esc closes"));
    quit(&mut browser);
}

#[test]
fn a_dumb_terminal_is_refused_with_the_text_subcommands() {
    for (env, removed) in [(vec![("TERM", "dumb")], vec![]), (vec![], vec!["TERM"])] {
        let mut browser = Browser::start_with_env_removed(100, 30, &env, &removed);
        assert!(!browser.wait_exit(), "{env:?} {removed:?}: c34 fails");
        assert_eq!(browser.exit_code(), Some(2), "{env:?} {removed:?}");
        let screen = browser.screen();
        assert!(screen.contains("TERM"), "{screen}");
        assert!(screen.contains("c34 show N"), "{screen}");
        let parser = browser.parser.screen();
        assert!(!parser.alternate_screen(), "no full screen");
        assert_eq!(parser.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(
            !String::from_utf8_lossy(browser.raw()).contains("\x1b[?1049h"),
            "the alternate screen was never entered"
        );
    }
}

// The user-data layer skips over-long history lines when it reads them; without that the
// browser froze for about 20 s recalling the line into the search.
#[test]
fn a_history_line_of_100_000_characters_does_not_freeze_the_browser() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let history = dir.path().join("c34").join("history");
    std::fs::create_dir_all(history.parent().expect("a parent")).expect("the data directory");
    let long = "peacekeeping".repeat(8334)[..100_000].to_string();
    std::fs::write(&history, format!("mali\n{long}\nsudan\n")).expect("the history is written");
    let mut browser = start_in(dir.path());
    // The search, and the history's older queries (Alt-↑ twice, as xterm sends it): the
    // long line would be the second.
    browser.send("/");
    browser.wait_for_text("Esc close");
    let asked = Instant::now();
    browser.send("\x1b[1;3A");
    browser.send("\x1b[1;3A");
    browser.send("\x1b");
    browser.wait_for("the search to close", |screen| {
        !screen.contains("Esc close")
    });
    browser.send("q");
    assert!(browser.wait_exit());
    let answered = asked.elapsed();
    eprintln!("q answered after {:.0} ms", answered.as_secs_f64() * 1000.0);
    assert!(answered < Duration::from_secs(1), "{answered:?}");
    browser.assert_restored();
}
