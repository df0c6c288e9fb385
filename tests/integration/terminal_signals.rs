//! The terminal is left as the shell needs it however c34 ends: quit, Ctrl-c, SIGTERM, SIGHUP,
//! a panic.
//! Checked in a real pseudo-terminal: alternate screen left, cursor shown, mouse capture off,
//! and line mode (canonical input with echo) back on.

use crate::common::pty::Browser;
use assert_cmd::Command;
use predicates::str::contains;

/// Starts c34, waits for its first frame and checks it is in raw mode, as it should be.
fn started() -> Browser {
    let mut browser = Browser::start(100, 30);
    browser.wait_for_all(&["Sections", "¶ 18 of A/75/19"]);
    assert!(!browser.line_mode(), "c34 runs in raw mode");
    browser
}

fn kill(browser: &Browser, signal: &str) {
    // The shell's own `kill`, so the test needs no procps on the machine.
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -{signal} {}", browser.pid())])
        .status()
        .expect("sh runs");
    assert!(status.success());
}

fn assert_left_usable(browser: &mut Browser) {
    browser.assert_restored();
    assert!(browser.line_mode(), "raw mode is off again");
}

#[test]
fn q_restores_line_mode() {
    let mut browser = started();
    browser.send("q");
    assert!(browser.wait_exit());
    assert_left_usable(&mut browser);
}

#[test]
fn ctrl_c_restores_line_mode() {
    let mut browser = started();
    browser.send("\x03");
    assert!(browser.wait_exit());
    assert_left_usable(&mut browser);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut browser = started();
    kill(&browser, "TERM");
    assert!(!browser.wait_exit());
    assert_eq!(browser.exit_code(), Some(128 + 15));
    assert_left_usable(&mut browser);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    let mut browser = started();
    kill(&browser, "HUP");
    assert!(!browser.wait_exit());
    assert_eq!(browser.exit_code(), Some(128 + 1));
    assert_left_usable(&mut browser);
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    // Debug builds panic on the first key when this is set (see src/tui.rs).
    let mut browser = Browser::start_with_env(100, 30, &[("C34_TEST_PANIC_ON_KEY", "1")]);
    browser.wait_for_all(&["Sections", "¶ 18 of A/75/19"]);
    browser.send("j");
    assert!(!browser.wait_exit());
    assert_eq!(browser.exit_code(), Some(101));
    assert!(browser.line_mode(), "raw mode is off again");
    let screen = browser.parser.screen();
    assert!(!screen.alternate_screen());
    assert!(!screen.hide_cursor());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(!screen.bracketed_paste(), "bracketed paste is off again");
    // The message is printed after the restore, so it is readable on the main screen.
    assert!(
        browser.screen().contains("panicking on purpose"),
        "{}",
        browser.screen()
    );
}

#[test]
fn without_a_terminal_the_browser_explains() {
    Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .assert()
        .code(2)
        .stderr(contains("the browser needs a terminal"))
        .stderr(contains("c34 show N"));
}
