//! The real binary in a pseudo-terminal: navigate, jump, resize, quit, and find the terminal
//! restored. Every wait is bounded, so a broken browser fails the test instead of hanging it.

mod common;

use std::thread;
use std::time::Duration;

use common::pty::Browser;

#[test]
fn navigate_to_section_viii_jump_to_165_and_quit() {
    let mut browser = Browser::start(120, 40);
    // The status bar is the last line drawn: with it the first frame is complete.
    browser.wait_for_all(&[
        "Discussions are currently under way",
        "I. Introduction · ¶ 18 · 1 of 2",
    ]);
    let first_frame = browser.started.elapsed();
    eprintln!(
        "first full frame after {:.1} ms (debug build)",
        first_frame.as_secs_f64() * 1000.0
    );
    assert!(first_frame < Duration::from_secs(5), "{first_frame:?}");

    // Down the tree to section VIII, then into its list.
    browser.send("jjjjjjj");
    browser.wait_for_all(&[
        "VIII. Safety and security · ¶ 156 · 1 of 22",
        "Coordination among departments and divisions on matters",
    ]);
    browser.send("\tjj");
    browser.wait_for_all(&["¶ 158 · 3 of 22", "UNMISS and MINUSCA are currently"]);

    // NO_COLOR: not one cell has a colour.
    let screen = browser.parser.screen();
    let (rows, cols) = screen.size();
    for row in 0..rows {
        for col in 0..cols {
            let cell = screen.cell(row, col).expect("a cell on screen");
            assert_eq!(cell.fgcolor(), vt100::Color::Default, "at {row},{col}");
            assert_eq!(cell.bgcolor(), vt100::Color::Default, "at {row},{col}");
        }
    }

    browser.send(":165\r");
    browser.wait_for_all(&[
        "¶ 165 of A/75/19",
        "resolution 2589 (2021)",
        "· ¶ 165 · 10 of 22",
    ]);

    browser.send(":17\r");
    browser.wait_for_text("No response to ¶ 17 · nearest: ¶ 18");

    browser.send("q");
    assert!(browser.wait_exit(), "c34 exits with status 0");
    browser.assert_restored();
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut browser = Browser::start(80, 24);
    browser.wait_for_text("¶ 18 · 1 of 2");
    browser.send("?");
    browser.wait_for_text("Esc closes");
    browser.send("\x03");
    assert!(browser.wait_exit(), "c34 exits with status 0");
    browser.assert_restored();
}

#[test]
fn the_browser_follows_resizes() {
    let mut browser = Browser::start(120, 40);
    browser.wait_for_text("Sections");
    browser.resize(70, 20);
    browser.wait_for("the tree to go", |screen| {
        !screen.contains("Sections") && screen.contains("· ¶ 18 ·")
    });
    browser.resize(20, 5);
    browser.wait_for_text("Too small");
    browser.resize(100, 30);
    browser.wait_for_all(&["Sections", "q quit"]);
    // crossterm 0.29 polls edge-triggered: a key arriving in the same instant as a SIGWINCH
    // waits for the next key. Let the last resize settle before the final key.
    thread::sleep(Duration::from_millis(300));
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}

/// An SGR mouse report (what terminals send with mouse capture on), 0-based cell.
fn mouse(button: u8, column: u16, row: u16) -> String {
    format!("\x1b[<{button};{};{}M", column + 1, row + 1)
}

#[test]
fn clicks_and_the_wheel_work_in_a_real_terminal() {
    let mut browser = Browser::start(100, 24);
    browser.wait_for_all(&["¶ 18 · 1 of 2", "q quit"]);
    // At 100x24: a title line, then the tree (25 cells), the list (20), the reader.
    // The list's second row is ¶ 22.
    browser.send(&mouse(0, 30, 3));
    browser.wait_for_all(&["I. Introduction · ¶ 22 · 2 of 2", "An informal briefing"]);
    // The eighth row of the tree is section VIII; its first response overflows the reader.
    browser.send(&mouse(0, 5, 9));
    browser.wait_for_all(&["¶ 156 · 1 of 22", " 1–20/"]);
    // One notch of the wheel over the reader scrolls it three lines; focus stays on the tree.
    browser.send(&mouse(65, 70, 10));
    browser.wait_for_text(" 4–23/");
    browser.send("j");
    browser.wait_for_text("IX. Women, peace and security · ¶ 183 · 1 of 10");
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}

#[test]
fn search_minusma_open_a_result_and_step_through_its_hits() {
    let mut browser = Browser::start(120, 40);
    browser.wait_for_all(&["¶ 18 · 1 of 2", "q quit"]);
    browser.send("/");
    browser.wait_for_all(&["Search the responses", "Esc close"]);
    browser.send("minusma");
    // The results, and the cursor shown after the query (it moves there after the text).
    browser.wait_for_screen("the results and the cursor", |screen| {
        let text = screen.contents();
        let (row, col) = screen.cursor_position();
        let line = text.lines().nth(usize::from(row)).unwrap_or("");
        let before_cursor: String = line.chars().take(usize::from(col)).collect();
        text.contains(" hits┃")
            && text.matches("┃ ¶ ").count() >= 10
            && !screen.hide_cursor()
            && before_cursor.ends_with("/ minusma")
    });

    browser.send("\r");
    browser.wait_for_screen("the reader at the first hit", |screen| {
        let text = screen.contents();
        text.contains("hit 1 of") && text.contains("of A/75/19") && screen.hide_cursor()
    });
    let screen = browser.screen();
    let status = screen.lines().last().unwrap_or("").to_string();
    let para: u32 = status
        .split("¶ ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a paragraph in the status bar: {status:?}"));
    let dataset = c34::dataset::Dataset::embedded();
    let minusma = dataset
        .missions
        .iter()
        .find(|m| m.acronym == "MINUSMA")
        .expect("the report names MINUSMA");
    assert!(minusma.paras.contains(&para), "¶ {para} names MINUSMA");
    assert!(screen.contains(&format!("¶ {para} of A/75/19")), "{screen}");
    // The word is in the reader, right of the tree (30 columns) and the list (24).
    let reader_column = 54;
    assert!(
        screen.lines().any(|line| {
            let right: String = line.chars().skip(reader_column).collect();
            right.contains("MINUSMA")
        }),
        "{screen}"
    );

    let hits: usize = status
        .split("hit 1 of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a hit count in the status bar: {status:?}"));
    browser.send("n");
    browser.wait_for_text(&format!("hit {} of {hits}", 2.min(hits)));
    browser.send("\x1b");
    browser.wait_for("the hits to be cleared", |screen| {
        !screen.contains("n/N") && screen.contains(&format!("¶ {para} · "))
    });
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}
