//! The real binary in a pseudo-terminal: navigate, jump, resize, quit, and find the terminal
//! restored. Every wait is bounded, so a broken browser fails the test instead of hanging it.

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Browser {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Everything the browser wrote, to check the restore sequences at the end.
    raw: Vec<u8>,
    started: Instant,
}

impl Browser {
    fn start(cols: u16, rows: u16) -> Browser {
        let pty = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pseudo-terminal opens");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_c34"));
        command.env("NO_COLOR", "1");
        command.env("TERM", "xterm-256color");
        let started = Instant::now();
        let child = pty.slave.spawn_command(command).expect("c34 starts");
        // Only the child holds the terminal's other end, so its exit ends our reads.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let writer = pty.master.take_writer().expect("a pty writer");
        let (sender, output) = mpsc::channel();
        thread::spawn(move || {
            let mut buffer = [0; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Browser {
            master: pty.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            started,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("keys reach c34");
        self.writer.flush().expect("keys reach c34");
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until the screen satisfies `done`, or fails after the timeout.
    fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        self.wait_for_screen(what, |screen| done(&screen.contents()));
    }

    /// Like [`Browser::wait_for`], with the whole terminal state (cursor, modes) to look at.
    fn wait_for_screen(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(mpsc::RecvTimeoutError::Timeout) if !left.is_zero() => {}
                Err(error) => {
                    let _ = self.child.kill();
                    panic!("waiting for {what}: {error:?}; screen:\n{}", self.screen());
                }
            }
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(text, |screen| screen.contains(text));
    }

    /// Waits until all of `texts` are on screen at once (a frame can arrive in pieces).
    fn wait_for_all(&mut self, texts: &[&str]) {
        self.wait_for(&texts.join(" + "), |screen| {
            texts.iter().all(|text| screen.contains(text))
        });
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(size(cols, rows))
            .expect("the pty resizes");
        self.parser.screen_mut().set_size(rows, cols);
    }

    /// Waits for the process to end and for the rest of its output; returns whether it succeeded.
    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            // Keep reading while waiting, so the browser never blocks on a full terminal.
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("the child can be polled") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let raw = String::from_utf8_lossy(&self.raw);
                let tail: String = raw
                    .chars()
                    .rev()
                    .take(300)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                panic!(
                    "c34 did not exit; screen:\n{}\nlast output: {tail:?}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(20));
        };
        // Drain what is left; the reader ends when the terminal closes.
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(500)) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        status.success()
    }

    fn assert_restored(&self) {
        let raw = String::from_utf8_lossy(&self.raw);
        let leave = raw
            .rfind("\x1b[?1049l")
            .expect("the alternate screen is left");
        let tail = &raw[leave..];
        assert!(
            tail.contains("\x1b[?25h"),
            "the cursor is shown after leaving: {tail:?}"
        );
        assert!(
            raw.ends_with("\x1b[?1049l\x1b[?25h"),
            "the output ends by leaving the alternate screen and showing the cursor: {tail:?}"
        );
        let before = &raw[..leave];
        let last_mouse_off = before
            .rfind("\x1b[?1000l")
            .expect("mouse capture is turned off");
        let last_mouse_on = before.rfind("\x1b[?1000h").expect("mouse capture was on");
        assert!(last_mouse_off > last_mouse_on, "mouse capture ends off");
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen());
        assert!(!screen.hide_cursor());
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

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
