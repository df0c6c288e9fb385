//! The real binary in a pseudo-terminal: navigate, jump, resize, quit, and find the terminal
//! restored. Every wait is bounded, so a broken browser fails the test instead of hanging it.

use std::time::Duration;

use crate::common::pty::Browser;

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
    browser.wait_for_all(&["¶ 165 of A/75/19", "resolution 2589", "· ¶ 165 · 10 of 22"]);

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
    // A key right after a resize: crossterm's default reader (edge-triggered) could leave it
    // waiting for the next key; the level-triggered one c34 uses reads it at once.
    browser.resize(90, 30);
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
    // At 100x24: a title line, then the tree (22 cells), the list (24), the reader. The list
    // gives each entry two rows: its third row is ¶ 22.
    browser.send(&mouse(0, 30, 4));
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
        text.contains("hit 1/") && text.contains("of A/75/19") && screen.hide_cursor()
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
    // The word is in the reader, right of the tree (29 columns) and the list (30).
    let reader_column = 59;
    assert!(
        screen.lines().any(|line| {
            let right: String = line.chars().skip(reader_column).collect();
            right.contains("MINUSMA")
        }),
        "{screen}"
    );

    let hits: usize = status
        .split("hit 1/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a hit count in the status bar: {status:?}"));
    browser.send("n");
    if hits > 1 {
        browser.wait_for_text(&format!("hit 2/{hits}"));
    } else {
        // One hit: n goes on to the next result.
        browser.wait_for_text("result 2/");
    }
    browser.send("\x1b");
    browser.wait_for("the hits to be cleared", |screen| {
        !screen.contains("result ") && screen.contains(" · ¶ ")
    });
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}

/// The paragraph the reader shows, from its heading (`¶ 165 of A/75/19`).
fn reader_para(screen: &str) -> Option<u32> {
    screen.split("¶ ").find_map(|rest| {
        let (number, tail) = rest.split_once(' ')?;
        tail.starts_with("of A/75/19")
            .then(|| number.parse().ok())
            .flatten()
    })
}

#[test]
fn read_like_a_reader_at_60x20() {
    let mut browser = Browser::start(60, 20);
    browser.wait_for_all(&["¶ 18 of A/75/19", "? help"]);

    // Jumps are recorded: Backspace and Ctrl-o go back.
    browser.send(":165\r");
    browser.wait_for_text("¶ 165 of A/75/19");
    browser.send(":37\r");
    browser.wait_for_text("¶ 37 of A/75/19");
    browser.send("\x7f");
    browser.wait_for_text("¶ 165 of A/75/19");
    browser.send("\x0f");
    browser.wait_for_text("¶ 18 of A/75/19");

    // Eight `}` from the first section reach the last; `[` crosses back into section VIII.
    browser.send("}}}}}}}}");
    browser.wait_for_all(&["¶ 183 of A/75/19", "IX · ¶ 183"]);
    browser.send("[");
    browser.wait_for_all(&["¶ 177 of A/75/19", "VIII · ¶ 177"]);

    // n goes from hit to hit and on from result to result.
    browser.send("/monusco\r");
    browser.wait_for_text("hit 1/");
    let mut visited = std::collections::BTreeSet::new();
    let mut status = String::new();
    for _ in 0..12 {
        let screen = browser.screen();
        visited.extend(reader_para(&screen));
        status = screen.lines().last().unwrap_or("").to_string();
        browser.send("n");
        let before = status.clone();
        browser.wait_for("the next hit", |screen| {
            screen.lines().last().unwrap_or("") != before
        });
    }
    visited.extend(reader_para(&browser.screen()));
    assert!(
        visited.len() > 1,
        "n visits {visited:?}; last status {status:?}"
    );

    // `?` then `q` closes the help and leaves the browser running.
    browser.send("?");
    browser.wait_for_text("Esc closes");
    browser.send("q");
    browser.wait_for("the help to close", |screen| !screen.contains("Esc closes"));
    browser.send(":18\r");
    browser.wait_for_text("¶ 18 of A/75/19");
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}
