//! The one bindings table against what the browser does and shows: every key the help or the
//! status bar names is bound to what the table says, and every key that does something is in
//! the help.

use c34::app::{Command, Edit, Keymap, Pane};
use c34::bindings::{BINDINGS, help_lines, hints, keys_label};
use c34::keys;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every key a terminal can send that the browser might bind.
fn every_key() -> Vec<KeyEvent> {
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend([
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::F(1),
    ]);
    let mut keys = Vec::new();
    for code in codes {
        for modifiers in [KeyModifiers::NONE, KeyModifiers::CONTROL, KeyModifiers::ALT] {
            keys.push(KeyEvent::new(code, modifiers));
        }
    }
    keys
}

/// The help as one text, as wide as the help box gets.
fn help_text() -> String {
    help_lines(68)
        .into_iter()
        .map(|line| format!("{line:?}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_binding_dispatches_to_its_command() {
    for binding in BINDINGS {
        for &(key, command) in binding.keys {
            for &keymap in binding.keymaps {
                let event = KeyEvent::new(key.code, key.modifiers);
                assert_eq!(
                    keys::key_command(event, keymap),
                    Some(command),
                    "{} in {keymap:?}",
                    key.label()
                );
            }
        }
    }
}

#[test]
fn every_key_that_does_something_is_in_the_help() {
    let help = help_text();
    for keymap in Keymap::ALL {
        for event in every_key() {
            let Some(command) = keys::key_command(event, keymap) else {
                continue;
            };
            if let Command::Edit(Edit::Insert(_)) = command {
                // Typing into a prompt: the help's "text" line.
                assert!(help.contains("\"text "), "the help names typing");
                continue;
            }
            let binding = BINDINGS
                .iter()
                .find(|b| {
                    b.keymaps.contains(&keymap)
                        && b.keys
                            .iter()
                            .any(|(key, c)| *c == command && key.code == event.code)
                })
                .unwrap_or_else(|| panic!("{event:?} in {keymap:?} is not in the table"));
            assert!(
                help.contains(&keys_label(binding)) && help.contains(binding.help),
                "{event:?} in {keymap:?}: {} not in the help",
                keys_label(binding)
            );
        }
    }
}

#[test]
fn every_key_the_help_names_is_bound() {
    for binding in BINDINGS {
        for &(key, command) in binding.keys {
            let label = key.label();
            assert!(keys_label(binding).split(' ').any(|part| part == label) || label == "Space");
            assert!(binding.keymaps.iter().any(|&keymap| {
                keys::key_command(KeyEvent::new(key.code, key.modifiers), keymap) == Some(command)
            }));
        }
        if binding.keys.is_empty() {
            // A label for something that is not a key: typing, the query syntax, the mouse.
            assert!(binding.label.is_some(), "{}", binding.help);
        }
    }
}

/// The keys a status-bar hint names: `j/k`, `^U`, `0-9`, `Enter`.
fn hint_keys(keys: &str) -> Vec<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    if keys == "0-9" {
        return ('0'..='9').map(|c| plain(KeyCode::Char(c))).collect();
    }
    if let Some(letter) = keys.strip_prefix('^') {
        let c = letter.to_lowercase().chars().next().expect("a letter");
        return vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)];
    }
    let named = |name: &str| match name {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Space" => KeyCode::Char(' '),
        "↓" => KeyCode::Down,
        "↑" => KeyCode::Up,
        single => KeyCode::Char(single.chars().next().expect("a key")),
    };
    match keys {
        "/" => return vec![plain(KeyCode::Char('/'))],
        "[/]" => return vec![plain(KeyCode::Char('[')), plain(KeyCode::Char(']'))],
        _ => {}
    }
    keys.split('/').map(|k| plain(named(k))).collect()
}

#[test]
fn every_hint_names_bound_keys() {
    let panes = [Pane::Tree, Pane::List, Pane::Reader];
    for keymap in Keymap::ALL {
        for focus in panes {
            let shown = hints(keymap, focus);
            assert!(!shown.is_empty(), "{keymap:?} {focus:?} has hints");
            for (keys_shown, text) in shown {
                for event in hint_keys(keys_shown) {
                    assert!(
                        keys::key_command(event, keymap).is_some(),
                        "hint {keys_shown} {text} in {keymap:?}: {event:?} is not bound"
                    );
                }
            }
        }
    }
}

#[test]
fn the_status_bar_hints_follow_the_focus() {
    let texts = |keymap, focus| -> Vec<&str> {
        hints(keymap, focus)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    };
    assert_eq!(
        texts(Keymap::Normal, Pane::Tree),
        [
            "move", "expand", "open", "search", "missions", "matrix", "pane", "jump", "mouse",
            "help", "quit"
        ]
    );
    assert_eq!(
        texts(Keymap::Normal, Pane::Reader),
        [
            "scroll",
            "page",
            "copy",
            "bookmark",
            "prev/next",
            "search",
            "pane",
            "jump",
            "note",
            "mouse",
            "help",
            "quit"
        ]
    );
    assert_eq!(
        texts(Keymap::Search, Pane::Reader),
        ["choose", "open", "clear", "word", "close"]
    );
    assert_eq!(texts(Keymap::Matrix, Pane::Tree), ["move", "list", "close"]);
    assert_eq!(texts(Keymap::Note, Pane::Reader), ["save", "cancel"]);
}

/// The KEYS section of `c34 man` as a reader sees it: the bold key lines, roff's escapes undone.
fn man_page_keys() -> Vec<String> {
    let page = crate::common::cli::stdout_of(crate::common::cli::c34().arg("man"));
    let keys = page
        .split(".SH KEYS\n")
        .nth(1)
        .and_then(|rest| rest.split("\n.SH ").next())
        .expect("the man page has a KEYS section");
    keys.lines()
        .filter_map(|line| line.strip_prefix("\\fB"))
        .map(|line| {
            line.replace("\\fR", "")
                .replace("\\-", "-")
                .replace("\\*(Aq", "'")
                .replace("\\\\", "\\")
        })
        .collect()
}

#[test]
fn the_man_page_names_every_bound_key() {
    // The README is for users; the reference of the keys is the man page (its KEYS section is
    // made from the table, as the `?` help is).
    let keys = man_page_keys();
    for binding in BINDINGS {
        for (key, _) in binding.keys {
            let label = key.label();
            assert!(
                keys.iter()
                    .any(|line| line.split(' ').any(|part| part == label)),
                "c34 man's KEYS section does not name `{label}` ({})",
                binding.help
            );
        }
    }
}
