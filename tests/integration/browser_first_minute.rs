//! The first minute in the browser (issue 18): the `?` help opens on the keys a newcomer needs
//! and narrows as one types; the status bar names search and help at 80 columns; the reader's
//! hints name copy and bookmark.

use crate::common::keys::{app_at, ch, ctrl, press, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::{Keymap, Overlay, Pane};
use ratatui::crossterm::event::KeyCode;

/// The rows of the help box, as text.
fn help_rows(app: &c34::app::App) -> Vec<String> {
    let terminal = draw(app);
    screen_text(terminal.backend().buffer())
        .lines()
        .map(str::to_string)
        .collect()
}

/// Whether a row of the screen holds `key` as a key of the help, and it or the next row (a
/// description under long keys) the words `what`.
fn names(rows: &[String], key: &str, what: &str) -> bool {
    rows.iter().enumerate().any(|(at, row)| {
        row.split_whitespace().any(|word| word == key)
            && (row.contains(what) || rows.get(at + 1).is_some_and(|next| next.contains(what)))
    })
}

#[test]
fn the_first_page_of_the_help_at_80x24_names_the_first_minute() {
    let mut app = app_at(80, 24);
    ch(&mut app, '?');
    let rows = help_rows(&app);
    assert!(
        rows.iter().any(|row| row.contains("Start here")),
        "{rows:#?}"
    );
    for (key, what) in [
        ("/", "search"),
        ("m", "mission"),
        (":", "jump"),
        ("y", "copy"),
        ("b", "bookmark"),
        ("a", "note"),
        ("Backspace", "back"),
        ("o", "matrix"),
        ("q", "quit"),
    ] {
        assert!(
            names(&rows, key, what),
            "{key} {what} on the first page:\n{rows:#?}"
        );
    }
}

#[test]
fn ctrl_w_in_the_help_filter_deletes_the_word_after_any_space() {
    // A no-break space (two bytes) and a narrow one (three): the word after it goes, the
    // space stays, and nothing is cut inside a character (found by the property test).
    for (typed_text, kept) in [
        ("copy\u{a0}respo", "copy\u{a0}"),
        ("x\u{202f}!", "x\u{202f}"),
        ("copy the ", "copy "),
        ("word", ""),
    ] {
        let mut app = app_at(80, 24);
        ch(&mut app, '?');
        typed(&mut app, typed_text);
        ctrl(&mut app, 'w');
        assert!(
            matches!(app.overlay(), Some(Overlay::Help(help)) if help.filter() == kept),
            "{typed_text:?}: {:?}",
            app.overlay()
        );
        draw(&app);
    }
}

#[test]
fn typing_in_the_help_filters_it_and_backspace_edits_the_filter() {
    let mut app = app_at(80, 24);
    ch(&mut app, '?');
    typed(&mut app, "cop");
    assert_eq!(app.keymap(), Keymap::HelpFilter);
    let rows = help_rows(&app);
    // Each key line left names copying; y and Y are both there; nothing else (no quit).
    assert!(names(&rows, "y", "copy the response"), "{rows:#?}");
    assert!(names(&rows, "Y", "copy the citation"), "{rows:#?}");
    assert!(!names(&rows, "q", "quit"), "{rows:#?}");
    assert!(!names(&rows, "/", "search"), "{rows:#?}");
    // Once filtering, j and q are text, not scroll and close.
    typed(&mut app, "q");
    assert!(matches!(app.overlay(), Some(Overlay::Help(help)) if help.filter() == "copq"));
    let rows = help_rows(&app);
    assert!(
        rows.iter().any(|row| row.contains("No key matches")),
        "{rows:#?}"
    );
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(
        app.keymap(),
        Keymap::Help,
        "an empty filter gives j k q back"
    );
    let rows = help_rows(&app);
    assert!(
        names(&rows, "q", "quit"),
        "the whole help again:\n{rows:#?}"
    );
    typed(&mut app, "quit");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None, "Esc closes a filtered help");
    assert!(!app.quit_requested());
}

#[test]
fn the_status_bar_at_80_columns_names_search_and_help() {
    for focus_reader in [false, true] {
        let mut app = app_at(80, 24);
        if focus_reader {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Enter);
            assert_eq!(app.focus(), Pane::Reader);
        }
        let rows = help_rows(&app);
        let status = rows.last().expect("a status bar");
        assert!(status.contains("/ search"), "{status}");
        assert!(status.contains("? help"), "{status}");
        if focus_reader {
            assert!(status.contains("y copy"), "{status}");
        }
    }
}

#[test]
fn the_reader_hints_at_120_columns_name_copy_and_bookmark() {
    let mut app = app_at(120, 40);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Reader);
    let rows = help_rows(&app);
    let status = rows.last().expect("a status bar");
    for hint in ["y copy", "b bookmark", "/ search", "? help"] {
        assert!(status.contains(hint), "{hint}: {status}");
    }
}

#[test]
fn c34_help_lists_the_start_here_keys() {
    let help = crate::common::cli::stdout_of(crate::common::cli::c34().arg("--help"));
    for line in [
        "  /",
        "  m",
        "  :",
        "  y",
        "  b",
        "  a",
        "  Backspace",
        "  o",
        "  q",
    ] {
        assert!(
            help.lines()
                .any(|l| l.starts_with(line) && l.len() > line.len() + 2),
            "{line}\n{help}"
        );
    }
}
