//! Search history in the browser: a submitted search is recorded through the effects queue,
//! `Alt-↑`/`Alt-↓` recall queries in the `/` prompt (↑/↓ keep choosing results), and the
//! history survives a restart; an unreadable history file is left alone.

use crate::common::keys::{app, ch, press, press_with, typed};
use c34::app::{App, Effect, Overlay};
use c34::effects;
use c34::userdata::{NotesStore, QueryHistory};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

struct Data {
    _dir: tempfile::TempDir,
    notes: NotesStore,
    history: QueryHistory,
}

impl Data {
    fn new() -> Data {
        let dir = tempfile::tempdir().unwrap();
        let notes = NotesStore::open(dir.path().join("notes.json"));
        let history = QueryHistory::open(dir.path().join("history"));
        Data {
            _dir: dir,
            notes,
            history,
        }
    }

    /// The app as the browser starts it with this history.
    fn app(&self) -> App {
        let mut app = app();
        app.receive(effects::history_opened(&self.history));
        app
    }

    fn drain(&mut self, app: &mut App) {
        effects::drain(app, &mut self.notes, &mut self.history, &mut Vec::new());
    }

    /// `/`, the query, Enter, as the event loop runs it.
    fn search(&mut self, app: &mut App, query: &str) {
        ch(app, '/');
        press_with(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        typed(app, query);
        press(app, KeyCode::Enter);
        self.drain(app);
    }
}

fn query(app: &App) -> &str {
    match app.overlay() {
        Some(Overlay::Search(search)) => search.results().query(),
        other => panic!("the search is not open: {other:?}"),
    }
}

fn alt(app: &mut App, code: KeyCode) {
    assert!(
        press_with(app, code, KeyModifiers::ALT),
        "{code:?} with Alt is bound"
    );
}

#[test]
fn a_submitted_search_is_recorded_and_recalled() {
    let mut data = Data::new();
    let mut app = data.app();
    data.search(&mut app, "minusma");
    data.search(&mut app, "protection of civilians");
    assert_eq!(
        data.history.entries(),
        ["minusma", "protection of civilians"],
        "saved in the file"
    );
    ch(&mut app, '/');
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "unmi");
    alt(&mut app, KeyCode::Up);
    assert_eq!(query(&app), "protection of civilians");
    alt(&mut app, KeyCode::Up);
    assert_eq!(query(&app), "minusma");
    // The results follow the recalled query; ↓ still chooses among them.
    let Some(Overlay::Search(search)) = app.overlay() else {
        unreachable!()
    };
    let expected: Vec<u32> = app
        .index()
        .search("minusma", 1000)
        .iter()
        .map(|hit| hit.para)
        .collect();
    let shown: Vec<u32> = search.results().items.iter().map(|hit| hit.para).collect();
    assert_eq!(shown, expected);
    press(&mut app, KeyCode::Down);
    assert_eq!(query(&app), "minusma", "↓ chooses, it does not recall");
    alt(&mut app, KeyCode::Down);
    alt(&mut app, KeyCode::Down);
    assert_eq!(query(&app), "unmi", "past the newest: what was typed");
}

#[test]
fn only_submitted_searches_are_recorded() {
    let mut data = Data::new();
    let mut app = data.app();
    ch(&mut app, '/');
    typed(&mut app, "xqzvw");
    press(&mut app, KeyCode::Enter);
    assert!(
        !app.effects()
            .iter()
            .any(|e| matches!(e, Effect::RecordQuery(_))),
        "a search without results opens nothing and records nothing"
    );
    press(&mut app, KeyCode::Esc);
    data.drain(&mut app);
    assert!(data.history.entries().is_empty());
}

#[test]
fn the_history_survives_a_restart() {
    let mut data = Data::new();
    let mut app = data.app();
    data.search(&mut app, "cyprus");
    let path = data.history.path().to_path_buf();
    let reopened = QueryHistory::open(path);
    let mut app = app_with(&reopened);
    ch(&mut app, '/');
    alt(&mut app, KeyCode::Up);
    assert_eq!(query(&app), "cyprus");
}

fn app_with(history: &QueryHistory) -> App {
    let mut app = app();
    app.receive(effects::history_opened(history));
    app
}

#[test]
fn an_unreadable_history_is_left_alone_and_history_is_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history");
    let bytes = b"mali\n\xff\xfe not text\n".to_vec();
    std::fs::write(&path, &bytes).unwrap();
    let mut history = QueryHistory::open(path.clone());
    let mut notes = NotesStore::open(dir.path().join("notes.json"));
    let mut app = app();
    app.receive(effects::history_opened(&history));
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("Search history is off")),
        "{:?}",
        app.message()
    );
    ch(&mut app, '/');
    typed(&mut app, "mali\n");
    effects::drain(&mut app, &mut notes, &mut history, &mut Vec::new());
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left byte for byte");
}
