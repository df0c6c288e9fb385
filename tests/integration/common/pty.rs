#![allow(dead_code)] // each test file uses its own part of the harness
//! The real binary in a pseudo-terminal, read through a vt100 emulator. Every wait is bounded,
//! so a broken browser fails a test instead of hanging it.

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub(crate) const TIMEOUT: Duration = Duration::from_secs(20);

pub(crate) struct Browser {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Everything the browser wrote, to check the restore sequences at the end.
    raw: Vec<u8>,
    pub started: Instant,
    /// The `XDG_DATA_HOME` (and `HOME`) c34 runs with unless the test gives its own: never the
    /// real home.
    _data_home: Option<tempfile::TempDir>,
}

impl Browser {
    pub(crate) fn start(cols: u16, rows: u16) -> Browser {
        Browser::start_with_env(cols, rows, &[])
    }

    /// Starts c34 with extra environment variables.
    pub(crate) fn start_with_env(cols: u16, rows: u16, env: &[(&str, &str)]) -> Browser {
        Browser::start_with(cols, rows, &[], env, &[])
    }

    /// Starts c34 with extra environment variables and without the `removed` ones.
    pub(crate) fn start_with_env_removed(
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        removed: &[&str],
    ) -> Browser {
        Browser::start_with(cols, rows, &[], env, removed)
    }

    /// Starts c34 with arguments (`--report SYMBOL`), extra environment variables and without
    /// the `removed` ones.
    pub(crate) fn start_with(
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
        removed: &[&str],
    ) -> Browser {
        let pty = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pseudo-terminal opens");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_c34"));
        command.args(args);
        command.env("NO_COLOR", "1");
        command.env("TERM", "xterm-256color");
        // Copies go to the terminal (OSC 52) whatever machine runs the tests: no local
        // clipboard without a display.
        command.env_remove("DISPLAY");
        command.env_remove("WAYLAND_DISPLAY");
        let data_home = if env.iter().any(|(key, _)| *key == "XDG_DATA_HOME") {
            None
        } else {
            let dir = tempfile::tempdir().expect("a temporary directory");
            command.env("XDG_DATA_HOME", dir.path());
            command.env("HOME", dir.path());
            Some(dir)
        };
        if !env.iter().any(|(key, _)| *key == "XDG_CACHE_HOME") {
            command.env("XDG_CACHE_HOME", super::NO_CACHE);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        for key in removed {
            command.env_remove(key);
        }
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
            _data_home: data_home,
        }
    }

    /// Pastes `text` as a terminal with bracketed paste on does: between `ESC [ 200 ~` and
    /// `ESC [ 201 ~`, in one write.
    pub(crate) fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Whether the process is stopped (state `T` in `/proc/PID/stat`; Linux only).
    pub(crate) fn stopped(&self) -> bool {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
            .expect("the process has a /proc entry");
        // `PID (name) STATE …`: the state follows the name's closing parenthesis.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('T'))
    }

    pub(crate) fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("keys reach c34");
        self.writer.flush().expect("keys reach c34");
    }

    /// Everything c34 wrote to the terminal so far.
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    pub(crate) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until the screen satisfies `done`, or fails after the timeout.
    pub(crate) fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        self.wait_for_screen(what, |screen| done(&screen.contents()));
    }

    /// Like [`Browser::wait_for`], with the whole terminal state (cursor, modes) to look at.
    pub(crate) fn wait_for_screen(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
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

    pub(crate) fn wait_for_text(&mut self, text: &str) {
        self.wait_for(text, |screen| screen.contains(text));
    }

    /// Waits until all of `texts` are on screen at once (a frame can arrive in pieces).
    pub(crate) fn wait_for_all(&mut self, texts: &[&str]) {
        self.wait_for(&texts.join(" + "), |screen| {
            texts.iter().all(|text| screen.contains(text))
        });
    }

    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(size(cols, rows))
            .expect("the pty resizes");
        self.parser.screen_mut().set_size(rows, cols);
    }

    /// Waits for the process to end and for the rest of its output; returns whether it succeeded.
    pub(crate) fn wait_exit(&mut self) -> bool {
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
        // Drain what is left, until the reader ends: it does when the terminal closes, which
        // is when the child's last bytes are read (the child held its only other end). A
        // pause in the output is no sign of its end: on a loaded machine the kernel can pass
        // on the last bytes (the terminal put back) well after the child is gone, and a
        // drain that stopped at 500 ms of silence once missed them.
        let deadline = Instant::now() + TIMEOUT;
        while let Ok(bytes) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        status.success()
    }

    pub(crate) fn assert_restored(&self) {
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
        assert!(!screen.bracketed_paste(), "bracketed paste is off again");
    }
}

pub(crate) fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Browser {
    /// The process id, to send it signals.
    pub(crate) fn pid(&self) -> u32 {
        self.child.process_id().expect("c34 has a process id")
    }

    /// The exit code after `wait_exit` (c34 exits with 128 + N after signal N).
    pub(crate) fn exit_code(&mut self) -> Option<u32> {
        self.child
            .try_wait()
            .ok()
            .flatten()
            .map(|status| status.exit_code())
    }

    /// Whether the terminal is in canonical mode with echo, as a shell needs it (raw mode off).
    pub(crate) fn line_mode(&self) -> bool {
        let termios = self.master.get_termios().expect("the pty has termios");
        let flags = format!("{:?}", termios.local_flags);
        flags.contains("ICANON") && flags.contains("ECHO")
    }
}
