//! The terminal side of the browser: set the terminal up, run the event loop, and put the terminal
//! back on quit, on error and on panic. The loop blocks on the next event and draws only after
//! a command, so an idle browser uses no CPU. Termination signals restore the terminal too.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Command};
use crate::dataset::Dataset;
use crate::userdata::{History, NotesStore};
use crate::{effects, keys, ui};

/// At most this many queued events are applied between two frames, so a flood of input
/// still shows progress.
const MAX_EVENTS_PER_FRAME: usize = 64;

/// Room for a whole frame's escape sequences (a 200x50 frame of styled text is ~60 kB).
const FRAME_BUFFER_BYTES: usize = 128 * 1024;

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Runs the browser on `dataset` until the user quits.
pub fn run(dataset: Dataset) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the browser needs a terminal; for text use `c34 list`, `c34 show N`, `c34 search QUERY` or `c34 export`",
        ));
    }
    install_panic_hook();
    watch_termination_signals()?;
    let color = color_wanted(std::env::var_os("NO_COLOR").as_deref());
    let _session = Session::start()?;
    // Start listening for events (and SIGWINCH) before measuring the terminal, so that a resize
    // during start-up arrives as an event instead of being lost.
    event::poll(Duration::ZERO)?;
    // A frame goes out in one write: stdout's own line buffer would make a system call every
    // kilobyte. `Terminal::draw` flushes at the end of each frame.
    let output = BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
    let mut terminal = Terminal::new(CrosstermBackend::new(output))?;
    let size = terminal.size()?;
    let mut app = App::new(dataset, size, color);
    // Opening the store never fails: an unreadable file makes it read-only, with the reason.
    let mut store = NotesStore::open_default();
    for outcome in effects::opened(&store, &app.dataset().document.symbol) {
        app.receive(outcome);
    }
    let mut history = History::open_default();
    app.receive(effects::history_opened(&history));
    let result = event_loop(&mut terminal, app, &mut store, &mut history);
    // The terminal shows the cursor as it drops, then the session restores the rest.
    drop(terminal);
    result
}

/// Colour unless `NO_COLOR` is set to something non-empty (<https://no-color.org>).
pub fn color_wanted(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(std::ffi::OsStr::is_empty)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<BufWriter<Stdout>>>,
    mut app: App,
    store: &mut NotesStore,
    history: &mut History,
) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            // A resize event can be late or lost; lay out for the size the terminal has now.
            let size = terminal.size()?;
            if size != app.size() {
                app.update(Command::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            // Hold stdout for the whole frame: a termination signal's restore waits for it
            // instead of interleaving its escape sequences with the frame's.
            let frame_lock = io::stdout().lock();
            terminal.draw(|frame| ui::render(frame, &app))?;
            drop(frame_lock);
            dirty = false;
        }
        let mut event = event::read()?;
        let mut handled = 0;
        loop {
            // Debug builds only: lets the test suite check that a panic restores the terminal.
            #[cfg(debug_assertions)]
            assert!(
                std::env::var_os("C34_TEST_PANIC_ON_KEY").is_none()
                    || !matches!(event, event::Event::Key(_)),
                "C34_TEST_PANIC_ON_KEY is set: panicking on purpose"
            );
            if let Some(command) = keys::command(&event, app.keymap()) {
                app.update(command);
                if !app.effects().is_empty() {
                    // Between frames, so an OSC 52 sequence never lands inside a frame's
                    // output. Stdout is not held while the store waits for its file lock: a
                    // signal's restore may run.
                    effects::drain(&mut app, store, history, &mut io::stdout());
                }
                if app.quit_requested() {
                    return Ok(());
                }
                dirty = true;
            }
            // Events that arrived meanwhile (a held key, a paste) are applied before the next
            // frame: a frame that would be stale at once is not drawn.
            handled += 1;
            if handled >= MAX_EVENTS_PER_FRAME || !event::poll(Duration::ZERO)? {
                break;
            }
            event = event::read()?;
        }
    }
}

/// Raw mode, the alternate screen and mouse capture, undone when dropped.
struct Session;

impl Session {
    fn start() -> io::Result<Session> {
        ACTIVE.store(true, Ordering::SeqCst);
        let session = Session;
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as it was: mouse capture off, raw mode off, main screen, cursor shown.
/// Safe to call more than once (the panic hook and the session both call it).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Locked, so a frame being drawn on the main thread finishes first (the lock is
    // reentrant, so the panic hook on the drawing thread does not wait for itself).
    let mut stdout = io::stdout().lock();
    // Errors are ignored: there is nothing better to do while leaving.
    let _ = execute!(stdout, DisableMouseCapture);
    let _ = disable_raw_mode();
    let _ = execute!(stdout, LeaveAlternateScreen, Show);
    let _ = stdout.flush();
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT would end the process with the terminal still raw and on
/// the alternate screen; a watcher thread restores it first, then exits with the status a
/// shell expects for that signal (128 + its number).
fn watch_termination_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("c34-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Restores the terminal before the panic message is printed, so it is readable.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_means_set_and_not_empty() {
        assert!(color_wanted(None));
        assert!(color_wanted(Some(OsStr::new(""))));
        assert!(!color_wanted(Some(OsStr::new("1"))));
    }
}
