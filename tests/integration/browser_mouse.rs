//! `M` leaves the mouse to the terminal, so its own selection works, and takes it back; the
//! status bar says which mode is on (issue 18).

use crate::common::keys::{app_at, ch};
use crate::common::pty::Browser;
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Effect};

fn status(app: &App) -> String {
    let text = screen_text(draw(app).backend().buffer());
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn m_toggles_mouse_capture_and_the_status_bar_says_so() {
    let mut app = app_at(80, 24);
    assert!(app.mouse_captured(), "c34 takes the mouse at start");
    ch(&mut app, 'M');
    assert!(!app.mouse_captured());
    assert_eq!(app.take_effects(), vec![Effect::SetMouseCapture(false)]);
    assert!(status(&app).contains("drag to select"), "{}", status(&app));
    // Once the message is gone, the bar still names the mode.
    ch(&mut app, 'j');
    assert!(status(&app).contains("M mouse off"), "{}", status(&app));
    ch(&mut app, 'M');
    assert!(app.mouse_captured());
    assert_eq!(app.take_effects(), vec![Effect::SetMouseCapture(true)]);
    assert!(status(&app).contains("Shift-drag"), "{}", status(&app));
    ch(&mut app, 'j');
    assert!(!status(&app).contains("mouse off"), "{}", status(&app));
}

#[test]
fn m_in_a_terminal_turns_mouse_reporting_off_and_on() {
    let mut browser = Browser::start(80, 24);
    browser.wait_for_text("¶ 18 · 1 of 2");
    let none = vt100::MouseProtocolMode::None;
    assert_ne!(browser.parser.screen().mouse_protocol_mode(), none);
    browser.send("M");
    browser.wait_for_screen("mouse reporting off", |screen| {
        screen.mouse_protocol_mode() == none && screen.contents().contains("mouse off")
    });
    browser.send("M");
    browser.wait_for_screen("mouse reporting on", |screen| {
        screen.mouse_protocol_mode() != none && screen.contents().contains("mouse on")
    });
    browser.send("q");
    assert!(browser.wait_exit(), "c34 exits with status 0");
    browser.assert_restored();
}
