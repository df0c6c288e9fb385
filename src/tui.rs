//! The terminal side of the browser: set the terminal up, run the event loop, and put the terminal
//! back on quit, on error and on panic. The loop blocks on the next event and draws only after
//! a command, so an idle browser uses no CPU. Termination signals restore the terminal too.
//!
//! The terminal is set up as raw mode, the alternate screen, mouse capture and bracketed paste
//! (a paste arrives as one [`Event::Paste`], never as keys), and every way out undoes all four:
//! quit, error, panic, a termination signal, and a suspend (`Ctrl-Z` or `SIGTSTP`), which sets
//! them up again and redraws the whole frame when the shell continues c34, as less and vim do.
//!
//! Input: every event already waiting is applied before the next frame is drawn, so a paste
//! or a burst of keys is seen whole. crossterm's default input reader polls edge-triggered
//! (epoll through mio) and returns after the first event of a 1,024-byte read, so the rest of
//! a burst stayed in the kernel until the next key made a new edge; c34 turns on crossterm's
//! `use-dev-tty` feature (Cargo.toml), whose reader polls level-triggered (`poll(2)`) and so
//! reads on while bytes wait.

use std::ffi::OsStr;
use std::io::{self, BufWriter, IsTerminal, Stdout, StdoutLock, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Command, Effect, Outcome, ReportEntry, Series};
use crate::dataset::Dataset;
use crate::userdata::{NotesStore, QueryHistory};
use crate::{effects, keys, ui};

/// At most this many waiting events are applied between two frames: far more than a burst of
/// keys holds (a paste is one event), and a bound so that endless input still shows progress.
const MAX_EVENTS_PER_FRAME: usize = 4096;

/// Room for a whole frame's escape sequences (a 200x50 frame of styled text is ~60 kB).
const FRAME_BUFFER_BYTES: usize = 128 * 1024;

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set when c34 continues after a suspend: the next frame is drawn whole, on a cleared screen.
static RESUMED: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// What to use instead of the browser, in every refusal.
const TEXT_SUBCOMMANDS: &str =
    "for text use `c34 list`, `c34 show N`, `c34 search QUERY` or `c34 export`";

/// Why the browser cannot run on this output, if it cannot: it is not a terminal, or `TERM`
/// (`term`) names none that can draw a screen (`dumb`, or nothing).
pub fn unfit_terminal(is_terminal: bool, term: Option<&OsStr>) -> Option<String> {
    if !is_terminal {
        return Some(format!("the browser needs a terminal; {TEXT_SUBCOMMANDS}"));
    }
    match term.map(OsStr::to_string_lossy) {
        None => Some(format!(
            "the browser needs a terminal that can draw a screen, and TERM is not set; {TEXT_SUBCOMMANDS}"
        )),
        Some(name) if name.is_empty() || name == "dumb" => Some(format!(
            "the browser needs a terminal that can draw a screen, and TERM is \"{name}\"; {TEXT_SUBCOMMANDS}"
        )),
        Some(_) => None,
    }
}

/// Runs the browser on `dataset` until the user quits.
pub fn run(dataset: Dataset) -> io::Result<()> {
    run_in_series(dataset, Series::default())
}

/// Runs the browser on `dataset` with the reports of `library`: the Special Committee's
/// report it responds to is read before the first frame, the other reports after it.
pub fn run_in_library(dataset: Dataset, library: crate::library::Library) -> io::Result<()> {
    let committees = library
        .committee(&dataset.document.responds_to)
        .ok()
        .flatten()
        .map(std::sync::Arc::new)
        .into_iter()
        .collect();
    let series = Series {
        reports: Vec::new(),
        committees,
    };
    run_loading(dataset, series, Some(library))
}

/// Runs the browser on `dataset`, with the other reports of the library and the Special
/// Committee's reports (`series`: the picker, the recommendations, the comparisons).
pub fn run_in_series(dataset: Dataset, series: Series) -> io::Result<()> {
    run_loading(dataset, series, None)
}

/// Runs the browser on `dataset` and `series`; the reports of `library`, if given, are read
/// once the first frame is out.
fn run_loading(
    dataset: Dataset,
    series: Series,
    library: Option<crate::library::Library>,
) -> io::Result<()> {
    let term = std::env::var_os("TERM");
    if let Some(reason) = unfit_terminal(io::stdout().is_terminal(), term.as_deref()) {
        return Err(io::Error::other(reason));
    }
    install_panic_hook();
    watch_signals()?;
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
    let mut app = App::with_series(dataset, series, size, color);
    if library.is_some() {
        // Read after the first frame: until then the picker says so.
        app.expect_library();
    }
    app.set_hyperlinks(ui::links::supported(|name| std::env::var(name).ok()));
    // Opening the store never fails: an unreadable file makes it read-only, with the reason.
    let mut store = NotesStore::open_default();
    for outcome in effects::opened(&store, &app.dataset().document.symbol) {
        app.receive(outcome);
    }
    let mut history = QueryHistory::open_default();
    app.receive(effects::history_opened(&history));
    let mut clipboard = effects::LocalClipboard::default();
    let mut world = World {
        store: &mut store,
        history: &mut history,
        clipboard: &mut clipboard,
    };
    let result = event_loop(&mut terminal, app, &mut world, library);
    // The terminal shows the cursor as it drops, then the session restores the rest.
    drop(terminal);
    result
}

/// The reports of `library`, newest first; none when it cannot be listed (the command line
/// named the unreadable ones when it opened the report).
fn reports_of(library: &crate::library::Library) -> Vec<ReportEntry> {
    library
        .list()
        .map(|listing| {
            listing
                .reports
                .into_iter()
                .map(|entry| ReportEntry::new(entry.dataset, entry.source.name()))
                .collect()
        })
        .unwrap_or_default()
}

/// Gives the app the library's reports, then starts the worker that builds their similarity
/// and search indexes (161 ms with ten reports, release), so keys are answered meanwhile; the
/// responses are compared when it is done. With no thread, the next `Idle` builds them here.
fn receive_library(app: &mut App, reports: Vec<ReportEntry>) -> Option<JoinHandle<()>> {
    app.receive(Outcome::Library(reports));
    let build = app.series_builder();
    let worker = std::thread::Builder::new()
        .name("series".into())
        .spawn(build)
        .ok();
    if worker.is_none() {
        app.forget_series_worker();
    }
    worker
}

/// Colour unless `NO_COLOR` is set to something non-empty (<https://no-color.org>).
pub fn color_wanted(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// What the effects of commands reach: the notes, the search history, the local clipboard.
struct World<'a> {
    store: &'a mut NotesStore,
    history: &'a mut QueryHistory,
    clipboard: &'a mut effects::LocalClipboard,
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<BufWriter<Stdout>>>,
    mut app: App,
    world: &mut World,
    mut library: Option<crate::library::Library>,
) -> io::Result<()> {
    let mut dirty = true;
    let mut started = false;
    // The search index is built on a worker once the first frame is out; a search asked for
    // sooner waits for it (see `App::index`). If no thread can be started, the first search
    // builds it.
    let mut index_builder = Some(app.index_builder());
    let mut series_worker: Option<JoinHandle<()>> = None;
    let mut library_worker: Option<JoinHandle<Vec<ReportEntry>>> = None;
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
            if RESUMED.swap(false, Ordering::SeqCst) {
                // Back from a suspend: the screen is blank, or holds what the shell left. Clear
                // it and forget the last frame, so this one is drawn whole. (Not
                // `Terminal::clear`: it asks the terminal where the cursor is and waits.)
                terminal.backend_mut().clear()?;
                terminal.swap_buffers();
                // The set-up took the mouse again; leave it to the terminal if it was.
                if !app.mouse_captured() {
                    effects::set_mouse_capture(terminal.backend_mut(), false)?;
                }
            }
            terminal.draw(|frame| ui::render(frame, &app))?;
            drop(frame_lock);
            dirty = false;
            if let Some(build) = index_builder.take() {
                // Detached: it ends when the index is built, or with the process.
                drop(
                    std::thread::Builder::new()
                        .name("index".into())
                        .spawn(build),
                );
            }
            if !started {
                // The first frame is out: what was put off for it (comparing the response
                // with the other reports) is done, and shown.
                started = true;
                if let Some(library) = library.take() {
                    // The library's reports are read on a worker too (ten datasets parsed
                    // and checked), so a key pressed now is answered at once.
                    let reading = library.clone();
                    library_worker = std::thread::Builder::new()
                        .name("library".into())
                        .spawn(move || reports_of(&reading))
                        .ok();
                    if library_worker.is_none() {
                        let reports = reports_of(&library);
                        series_worker = receive_library(&mut app, reports);
                    }
                }
                // `Idle` comes once the library is read (the reports first, so the reader's
                // layout sees the comparisons arrive).
                if library_worker.is_none() {
                    app.update(Command::Idle);
                }
                dirty = true;
                continue;
            }
        }
        if library_worker.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(reading) = library_worker.take()
        {
            // A worker that panicked read nothing: the browser goes on with the open report.
            let reports = reading.join().unwrap_or_default();
            series_worker = receive_library(&mut app, reports);
            app.update(Command::Idle);
            dirty = true;
            continue;
        }
        if series_worker.as_ref().is_some_and(JoinHandle::is_finished) {
            // The indexes are built: compare the open response, and show it.
            series_worker = None;
            app.update(Command::Idle);
            dirty = true;
            continue;
        }
        // While a worker reads or builds, wait for events a little at a time, to see it finish.
        let wait = (series_worker.is_some() || library_worker.is_some()).then_some(WORKER_POLL);
        // Events that arrived meanwhile (a held key, a paste, an escape sequence in pieces)
        // are applied before the next frame: a frame that would be stale at once is not drawn.
        for event in keys::join_alt_prefix(waiting_events(wait)?) {
            match apply(&mut app, &event, world, terminal)? {
                Applied::Nothing => {}
                Applied::Changed => dirty = true,
                Applied::Quit => return Ok(()),
            }
            // Bookmarks and notes another c34 saved show at the latest on the next key.
            dirty |= effects::pick_up_changes(&mut app, world.store);
        }
        if RESUMED.load(Ordering::SeqCst) {
            dirty = true;
        }
    }
}

/// How often the event loop looks whether the series worker is done while no key comes.
const WORKER_POLL: Duration = Duration::from_millis(20);

/// The next event (waiting for it, or at most `wait`: then maybe none), then every event
/// already waiting, up to a bound.
fn waiting_events(wait: Option<Duration>) -> io::Result<Vec<Event>> {
    // With `use-dev-tty`, crossterm 0.29's `poll(Duration::ZERO)` never looks (its loop runs
    // while time is left), so "already waiting" is asked with the shortest wait `poll(2)`
    // takes: a millisecond, once per batch.
    const NOW: Duration = Duration::from_millis(1);
    if let Some(wait) = wait
        && !event::poll(wait)?
    {
        return Ok(Vec::new());
    }
    let mut events = vec![event::read()?];
    while events.len() < MAX_EVENTS_PER_FRAME && event::poll(NOW)? {
        events.push(event::read()?);
    }
    Ok(events)
}

/// What applying one event did.
enum Applied {
    Nothing,
    Changed,
    Quit,
}

/// Applies one event to `app` and performs the effects it queued; `terminal` draws a wait
/// for another c34's lock before it begins.
fn apply(
    app: &mut App,
    event: &Event,
    world: &mut World,
    terminal: &mut Terminal<CrosstermBackend<BufWriter<Stdout>>>,
) -> io::Result<Applied> {
    // Debug builds only: lets the test suite check that a panic restores the terminal.
    #[cfg(debug_assertions)]
    assert!(
        std::env::var_os("C34_TEST_PANIC_ON_KEY").is_none() || !matches!(event, Event::Key(_)),
        "C34_TEST_PANIC_ON_KEY is set: panicking on purpose"
    );
    if let Event::Paste(text) = event {
        app.paste(text);
        return Ok(Applied::Changed);
    }
    // tmux joins an Esc and a key typed within its `escape-time` into one Alt chord: one that
    // nothing binds is taken as the Esc and the key.
    if let Some([escape, key]) = keys::split_unbound_alt(event, app.keymap()) {
        if matches!(apply(app, &escape, world, terminal)?, Applied::Quit)
            || matches!(apply(app, &key, world, terminal)?, Applied::Quit)
        {
            return Ok(Applied::Quit);
        }
        return Ok(Applied::Changed);
    }
    let Some(command) = keys::command(event, app.keymap()) else {
        return Ok(Applied::Nothing);
    };
    if command == Command::Suspend {
        suspend();
        return Ok(Applied::Changed);
    }
    app.update(command);
    if !app.effects().is_empty() {
        // Between frames, so an OSC 52 sequence never lands inside a frame's output. Stdout
        // is not held while the store waits for its file lock: a signal's restore may run.
        // The local clipboard is opened on the first copy, not for a bookmark.
        let copying = app.effects().iter().any(|e| matches!(e, Effect::Copy(_)));
        let local = if copying { world.clipboard.get() } else { None };
        // A wait for another c34's lock is drawn before it begins.
        effects::drain_in_browser(
            app,
            world.store,
            world.history,
            &mut io::stdout(),
            local,
            &mut |app: &App| {
                let _frame_lock = io::stdout().lock();
                terminal.draw(|frame| ui::render(frame, app)).map(drop)
            },
        )?;
    }
    Ok(if app.quit_requested() {
        Applied::Quit
    } else {
        Applied::Changed
    })
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste, undone when dropped.
struct Session;

impl Session {
    fn start() -> io::Result<Session> {
        ACTIVE.store(true, Ordering::SeqCst);
        let session = Session;
        set_up(&mut io::stdout().lock())?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

fn set_up(stdout: &mut StdoutLock) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Puts the terminal back as it was: bracketed paste and mouse capture off, raw mode off, main
/// screen, cursor shown. Safe to call more than once (the panic hook and the session both call
/// it).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Locked, so a frame being drawn on the main thread finishes first (the lock is
    // reentrant, so the panic hook on the drawing thread does not wait for itself).
    put_back(&mut io::stdout().lock());
}

fn put_back(stdout: &mut StdoutLock) {
    // Errors are ignored: there is nothing better to do while leaving.
    let _ = execute!(stdout, DisableBracketedPaste, DisableMouseCapture);
    let _ = disable_raw_mode();
    let _ = execute!(stdout, LeaveAlternateScreen, Show);
    let _ = stdout.flush();
}

/// Suspends c34 as less and vim do (`Ctrl-Z`, or `SIGTSTP` from outside): puts the terminal
/// back, stops the process, and when the shell continues it (`fg`, `SIGCONT`) sets the
/// terminal up again and asks for the whole frame to be drawn anew.
fn suspend() {
    // Stdout stays locked while stopped and until the terminal is set up again, so no frame
    // is drawn onto the shell's screen in between.
    let mut stdout = io::stdout().lock();
    let was_active = ACTIVE.swap(false, Ordering::SeqCst);
    if was_active {
        put_back(&mut stdout);
    }
    // SIGSTOP, as the default action of SIGTSTP would (c34 handles SIGTSTP itself); this
    // returns when the process is continued.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    if was_active {
        ACTIVE.store(true, Ordering::SeqCst);
        // A failure leaves the terminal as the shell had it; the restore on the way out still
        // runs, and there is nothing better to do here.
        let _ = set_up(&mut stdout);
        RESUMED.store(true, Ordering::SeqCst);
    }
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT would end the process with the terminal still raw and on
/// the alternate screen; a watcher thread restores it first, then exits with the status a
/// shell expects for that signal (128 + its number). SIGTSTP (a stop asked from outside, or by
/// the terminal when it is not raw) suspends as `Ctrl-Z` does.
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("c34-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    suspend();
                    // The event loop waits for input; a SIGWINCH is an event crossterm
                    // reports (as a resize), so the loop wakes and redraws.
                    let _ = signal_hook::low_level::raise(SIGWINCH);
                    continue;
                }
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

    #[test]
    fn no_color_means_set_and_not_empty() {
        assert!(color_wanted(None));
        assert!(color_wanted(Some(OsStr::new(""))));
        assert!(!color_wanted(Some(OsStr::new("1"))));
    }

    #[test]
    fn a_dumb_or_unnamed_terminal_is_refused_with_the_text_subcommands() {
        for term in [None, Some(""), Some("dumb")] {
            let reason = unfit_terminal(true, term.map(OsStr::new));
            let reason = reason.expect("refused");
            assert!(reason.contains("c34 show N"), "{reason}");
            assert!(reason.contains("TERM"), "{reason}");
        }
        let reason = unfit_terminal(false, Some(OsStr::new("xterm-256color")));
        assert!(reason.is_some_and(|r| r.contains("needs a terminal")));
        assert_eq!(
            unfit_terminal(true, Some(OsStr::new("xterm-256color"))),
            None
        );
        assert_eq!(unfit_terminal(true, Some(OsStr::new("screen"))), None);
    }
}
