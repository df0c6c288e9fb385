//! Terminal events become commands: keys through the one table in [`crate::bindings`], the
//! mouse and resizes here. Pure, so the bindings are tested without a terminal.
//!
//! In a prompt every printable key is text: only the keys the table binds there (arrows,
//! Ctrl and Alt chords, Enter, Backspace, Esc) do something else. Outside a prompt a key the
//! table does not bind becomes [`Command::UnknownKey`], so the status bar can say so.
//!
//! Most terminals send the same byte for `Ctrl-i` and `Tab`, and crossterm reports it as `Tab`
//! unless the kitty keyboard protocol is on (c34 does not ask for it): the table binds `Ctrl-i`
//! for the terminals that tell them apart, and `Alt-→` everywhere.
//!
//! Alt sent as an ESC prefix: urxvt and `PuTTY` send Alt-← as `ESC ESC [ D`, which crossterm
//! reads as Esc, `[`, `D`; [`join_alt_prefix`] joins the three back into Alt-← when they were
//! read together. tmux, within its `escape-time`, joins an Esc and the next key into an Alt
//! chord; [`split_unbound_alt`] takes a chord that nothing binds as the Esc and the key.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::bindings::{self, Key};
use crate::command::{Command, Edit, Keymap};

/// `events`, read together, with each Esc that prefixes an arrow, Home or End sequence read as
/// characters (`ESC ESC [ D`, `ESC ESC O A`) joined into that key with Alt.
pub fn join_alt_prefix(events: Vec<Event>) -> Vec<Event> {
    let introducer = |e: &Event| is_plain(e, KeyCode::Char('[')) || is_plain(e, KeyCode::Char('O'));
    let mut joins = Vec::new();
    let mut at = 0;
    while at + 2 < events.len() {
        if is_plain(&events[at], KeyCode::Esc)
            && introducer(&events[at + 1])
            && let Some(code) = cursor_key(&events[at + 2])
        {
            joins.push((at, code));
            at += 3;
        } else {
            at += 1;
        }
    }
    if joins.is_empty() {
        return events;
    }
    let mut joined = Vec::with_capacity(events.len());
    let mut joins = joins.into_iter().peekable();
    let mut skip = 0;
    for (at, event) in events.into_iter().enumerate() {
        if skip > 0 {
            skip -= 1;
        } else if let Some(&(start, code)) = joins.peek()
            && start == at
        {
            joined.push(Event::Key(KeyEvent::new(code, KeyModifiers::ALT)));
            joins.next();
            skip = 2;
        } else {
            joined.push(event);
        }
    }
    joined
}

/// True for a press of `code` with no Ctrl or Alt (Shift is part of a character).
fn is_plain(event: &Event, code: KeyCode) -> bool {
    matches!(event, Event::Key(key) if key.code == code
        && key.kind != KeyEventKind::Release
        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
}

/// The key the last character of `ESC [ A`…`ESC [ F` stands for, read as a character.
fn cursor_key(event: &Event) -> Option<KeyCode> {
    let Event::Key(key) = event else {
        return None;
    };
    if key.kind == KeyEventKind::Release
        || key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('A') => KeyCode::Up,
        KeyCode::Char('B') => KeyCode::Down,
        KeyCode::Char('C') => KeyCode::Right,
        KeyCode::Char('D') => KeyCode::Left,
        KeyCode::Char('H') => KeyCode::Home,
        KeyCode::Char('F') => KeyCode::End,
        _ => return None,
    })
}

/// An Alt chord that nothing binds in `keymap`, as the two keys it may have been typed as: Esc,
/// then the key without Alt (tmux makes `Esc` and a quick `?` into `Alt-?`).
pub fn split_unbound_alt(event: &Event, keymap: Keymap) -> Option<[Event; 2]> {
    let Event::Key(key) = event else {
        return None;
    };
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    // Ctrl with Alt is Esc then a Ctrl key (`Esc` then a quick `Ctrl-z`) only for a letter:
    // AltGr arrives as Ctrl+Alt on some systems, with the character it makes (`@`, `€`).
    let ctrl_letter = key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char(c) if c.is_ascii_alphabetic());
    if !alt
        || (key.modifiers.contains(KeyModifiers::CONTROL) && !ctrl_letter)
        || key.kind == KeyEventKind::Release
        || key.code == KeyCode::Esc
        || key_command(*key, keymap).is_some()
    {
        return None;
    }
    let mut plain = *key;
    plain.modifiers.remove(KeyModifiers::ALT);
    Some([
        Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        Event::Key(plain),
    ])
}

/// The command for a terminal event in `keymap`, if it has one.
pub fn command(event: &Event, keymap: Keymap) -> Option<Command> {
    match event {
        Event::Key(key) => key_command(*key, keymap).or_else(|| unknown_key(*key, keymap)),
        Event::Mouse(mouse) => mouse_command(*mouse, keymap),
        &Event::Resize(width, height) => Some(Command::Resize { width, height }),
        _ => None,
    }
}

/// The command for a key in `keymap`.
pub fn key_command(event: KeyEvent, keymap: Keymap) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character (`G`, `?`, `:`); only Ctrl and Alt make a chord.
    let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let key = Key {
        code: event.code,
        modifiers,
    };
    if let Some(command) = bindings::lookup(key, keymap) {
        return Some(command);
    }
    match event.code {
        KeyCode::Char(c) if modifiers.is_empty() && keymap.types(c) => {
            Some(Command::Edit(Edit::Insert(c)))
        }
        _ => None,
    }
}

/// A key press the table does not bind, outside a prompt (where it would be text): the status
/// bar says so. Modifier keys alone (reported with the kitty protocol) are not keys.
fn unknown_key(event: KeyEvent, keymap: Keymap) -> Option<Command> {
    let pressed = event.kind != KeyEventKind::Release;
    let outside_prompts = keymap.reports_unknown_keys();
    let a_key = !matches!(
        event.code,
        KeyCode::Modifier(_)
            | KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::NumLock
            | KeyCode::ScrollLock
    );
    (pressed && outside_prompts && a_key).then_some(Command::UnknownKey)
}

/// The command for a mouse event in `keymap`.
pub fn mouse_command(mouse: MouseEvent, keymap: Keymap) -> Option<Command> {
    let (column, row) = (mouse.column, mouse.row);
    if !keymap.takes_mouse() {
        return None;
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Command::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Command::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Command::WheelUp { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn chars(text: &str) -> Vec<Event> {
        text.chars().map(|c| key(KeyCode::Char(c))).collect()
    }

    fn alt(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::ALT))
    }

    #[test]
    fn esc_before_an_arrow_read_as_characters_is_alt() {
        // `ESC ESC [ D` as crossterm reads it: Esc, `[`, `D`.
        let mut events = vec![key(KeyCode::Esc)];
        events.extend(chars("[D"));
        assert_eq!(join_alt_prefix(events), vec![alt(KeyCode::Left)]);
        // `ESC ESC O A` (application cursor keys), between other keys.
        let mut events = chars("j");
        events.push(key(KeyCode::Esc));
        events.extend(chars("OAk"));
        let mut expected = chars("j");
        expected.push(alt(KeyCode::Up));
        expected.extend(chars("k"));
        assert_eq!(join_alt_prefix(events), expected);
    }

    #[test]
    fn other_escapes_stay_as_they_were_read() {
        for text in ["[x", "[", "a[D", "]D"] {
            let mut events = vec![key(KeyCode::Esc)];
            events.extend(chars(text));
            assert_eq!(join_alt_prefix(events.clone()), events, "{text}");
        }
        let events = chars("[D");
        assert_eq!(join_alt_prefix(events.clone()), events);
    }

    #[test]
    fn an_alt_chord_bound_nowhere_is_esc_then_the_key() {
        // Alt-? (tmux's Esc then `?`): bound in no mode.
        let chord = alt(KeyCode::Char('?'));
        assert_eq!(
            split_unbound_alt(&chord, Keymap::Search),
            Some([key(KeyCode::Esc), key(KeyCode::Char('?'))])
        );
        // Alt-↑ recalls in the search, and Alt-b moves a word in a prompt: kept as chords.
        assert_eq!(split_unbound_alt(&alt(KeyCode::Up), Keymap::Search), None);
        assert_eq!(
            split_unbound_alt(&alt(KeyCode::Char('b')), Keymap::Note),
            None
        );
        // Plain keys and Ctrl chords are not split.
        assert_eq!(
            split_unbound_alt(&key(KeyCode::Char('?')), Keymap::Normal),
            None
        );
        // AltGr, as Ctrl+Alt with the character it makes: not split.
        let alt_gr = Event::Key(KeyEvent::new(
            KeyCode::Char('@'),
            KeyModifiers::ALT | KeyModifiers::CONTROL,
        ));
        assert_eq!(split_unbound_alt(&alt_gr, Keymap::Normal), None);
        // Esc then a quick Ctrl-z (tmux joins them): Esc, then Ctrl-z, which suspends.
        let esc_ctrl_z = Event::Key(KeyEvent::new(
            KeyCode::Char('z'),
            KeyModifiers::ALT | KeyModifiers::CONTROL,
        ));
        assert_eq!(
            split_unbound_alt(&esc_ctrl_z, Keymap::Search),
            Some([
                key(KeyCode::Esc),
                Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            ])
        );
    }

    #[test]
    fn ctrl_z_suspends_everywhere() {
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        for mode in Keymap::ALL {
            assert_eq!(command(&ctrl_z, mode), Some(Command::Suspend), "{mode:?}");
        }
    }
}
