//! Any sequence of keys, mouse events, commands and resizes (down to 1x1) keeps the browser's
//! invariants and renders without a panic: the search and the mission picker included, with
//! queries typed, results chosen and hits stepped through.

use c34::app::{App, Command, Edit, Outcome, Overlay, Pane};
use c34::dataset::{Dataset, Mission};
use c34::userdata::Annotation;
use c34::{keys, ui};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Size;

/// The embedded report with missions added, including one whose paragraphs the report lacks
/// (an empty list) and one with a long, hostile name.
fn dataset(with_missions: bool) -> Dataset {
    let mut dataset = Dataset::embedded();
    if with_missions {
        dataset.missions = vec![
            Mission {
                acronym: "MINUSMA".into(),
                name: "United Nations Multidimensional Integrated Stabilization Mission in Mali"
                    .into(),
                location: "Mali".into(),
                paras: vec![158, 165, 177],
            },
            Mission {
                acronym: "GHOST".into(),
                name: "A mission the report never answers".into(),
                location: "Nowhere".into(),
                paras: vec![1, 2, 3],
            },
            Mission {
                acronym: "X\u{1b}]0;t\u{7}".into(),
                name: "和平".repeat(40).into(),
                location: "\u{202e}Place".into(),
                paras: vec![18],
            },
        ];
    }
    dataset
}

#[derive(Debug, Clone)]
enum Action {
    Key(KeyCode, KeyModifiers),
    Mouse(MouseEventKind, u16, u16),
    Command(Command),
    Resize(u16, u16),
    /// Keys typed one by one, whatever the mode.
    Type(String),
    /// What the event loop feeds back after an effect: these paragraphs bookmarked (every
    /// third one with a note, some not in the report), or the store read-only.
    Outcome(Vec<u32>, bool),
}

/// Text worth typing: queries with hits (missions, places, words, typos), the query syntax,
/// and text that finds nothing.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "minusma",
            "south sudan",
            "cyprus",
            "peacekeping inteligence",
            "'women",
            "^prot !mali",
            "\"rule of law\"",
            "zqxv",
            "mi",
            "m",
        ])
        .prop_map(String::from),
        "[a-z'^!\" ]{0,12}",
        any::<String>(),
    ]
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'h', 'l', 'g', 'G', ' ', '[', ']', ':', '?', '/', 'n', 'N', 'm', 'x', '0',
            '1', '5', '6', '9', 'd', 'u', 'c', 'w', 'p', '/', 'n', 'N', 'm', 'a', 'e', 'k', 'b',
            'f', '{', '}', 'o', 'y', 'i', 'q', '2', '3', 'Y', 'b', 'a',
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    let mouse_kind = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Moved,
    ]);
    let size = prop_oneof![1..=30u16, 30..=220u16];
    prop_oneof![
        6 => (key_code(), modifiers).prop_map(|(code, modifiers)| Action::Key(code, modifiers)),
        2 => (mouse_kind, 0..=230u16, 0..=80u16)
            .prop_map(|(kind, column, row)| Action::Mouse(kind, column, row)),
        2 => command().prop_map(Action::Command),
        1 => (size, 1..=70u16).prop_map(|(width, height)| Action::Resize(width, height)),
        2 => text().prop_map(Action::Type),
        1 => (prop::collection::vec(prop_oneof![0..=200u32, Just(165)], 0..8), any::<bool>())
            .prop_map(|(paras, read_only)| Action::Outcome(paras, read_only)),
    ]
}

/// Commands as the key table never sends them (e.g. a jump digit with no prompt open).
fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        prop::sample::select(vec![
            Command::FocusNext,
            Command::FocusPrevious,
            Command::FocusLeft,
            Command::FocusRight,
            Command::Up,
            Command::Down,
            Command::PageUp,
            Command::PageDown,
            Command::HalfPageUp,
            Command::HalfPageDown,
            Command::Top,
            Command::Bottom,
            Command::Enter,
            Command::Toggle,
            Command::NextRecommendation,
            Command::PreviousRecommendation,
            Command::OpenJump,
            Command::OpenResult,
            Command::ListMission,
            Command::JumpToParagraph,
            Command::SaveNote,
            Command::ListCell,
            Command::ToggleHelp,
            Command::Close,
            Command::OpenSearch,
            Command::OpenMissions,
            Command::Edit(Edit::Left),
            Command::Edit(Edit::Right),
            Command::Edit(Edit::WordLeft),
            Command::Edit(Edit::WordRight),
            Command::Edit(Edit::Home),
            Command::Edit(Edit::End),
            Command::Edit(Edit::DeleteBack),
            Command::Edit(Edit::DeleteForward),
            Command::Edit(Edit::DeleteWordBack),
            Command::Edit(Edit::DeleteToStart),
            Command::Edit(Edit::DeleteToEnd),
            Command::NextHit,
            Command::PreviousHit,
            Command::NextSection,
            Command::PreviousSection,
            Command::Back,
            Command::Forward,
            Command::LineUp,
            Command::LineDown,
            Command::UnknownKey,
            Command::CopyResponse,
            Command::CopyCitation,
            Command::ToggleBookmark,
            Command::EditNote,
            Command::OpenMatrix,
            Command::CellLeft,
            Command::CellRight,
            Command::ToggleMouse,
        ]),
        (0..=9u8).prop_map(Command::Count),
        any::<char>().prop_map(|c| Command::Edit(Edit::Insert(c))),
        (any::<u16>(), any::<u16>()).prop_map(|(column, row)| Command::Click { column, row }),
        (any::<u16>(), any::<u16>()).prop_map(|(column, row)| Command::WheelDown { column, row }),
        (any::<u16>(), any::<u16>()).prop_map(|(column, row)| Command::WheelUp { column, row }),
    ]
}

fn apply(app: &mut App, action: &Action) {
    let event = match *action {
        Action::Key(code, modifiers) => Event::Key(KeyEvent::new(code, modifiers)),
        Action::Mouse(kind, column, row) => Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
        Action::Resize(width, height) => Event::Resize(width, height),
        Action::Command(command) => {
            app.update(command);
            return;
        }
        Action::Outcome(ref paras, read_only) => {
            let annotations = paras
                .iter()
                .map(|&para| {
                    let note = (para % 3 == 0).then(|| format!("note \u{1b}[31m {para}"));
                    (para, Annotation::new(para % 2 == 0, note))
                })
                .collect();
            app.receive(Outcome::Annotations(annotations));
            if read_only {
                app.receive(Outcome::ReadOnly("/x/notes.json:1:1: \u{1b}]0;bad".into()));
            }
            return;
        }
        Action::Type(ref text) => {
            for c in text.chars() {
                let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                if let Some(command) = keys::command(&event, app.keymap()) {
                    app.update(command);
                }
            }
            return;
        }
    };
    if let Some(command) = keys::command(&event, app.keymap()) {
        app.update(command);
    }
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let items = app.list().items.len();
    prop_assert!(
        app.list().scroll.selected < items || (items == 0 && app.list().scroll.selected == 0),
        "list selection {} of {items}",
        app.list().scroll.selected
    );
    let rows = app.tree_rows().len();
    prop_assert!(
        app.tree().scroll.selected < rows,
        "tree selection {} of {rows}",
        app.tree().scroll.selected
    );
    prop_assert!(
        app.reader().scroll <= app.max_scroll(),
        "scroll {} past {}",
        app.reader().scroll,
        app.max_scroll()
    );
    let screen = app.screen();
    prop_assert!(
        screen.too_small() || screen.pane(app.focus()).is_some(),
        "focus {:?} on a hidden pane at {:?}",
        app.focus(),
        app.size()
    );
    if screen.inner(Pane::List).is_some() {
        // Entries may take two rows each: the offset is in entries.
        prop_assert!(app.list().scroll.offset <= items.saturating_sub(app.list_page()));
    }
    if let Some(inner) = screen.inner(Pane::Tree) {
        prop_assert!(app.tree().scroll.offset <= rows.saturating_sub(usize::from(inner.height)));
    }
    if let Some(Overlay::Help(help)) = app.overlay() {
        prop_assert!(help.scroll() <= app.help_max_scroll());
        // Typing filters the help: its own keys (j k q) only while nothing is typed.
        let filtering = app.keymap() == c34::app::Keymap::HelpFilter;
        prop_assert_eq!(filtering, !help.filter().is_empty());
        prop_assert!(help.filter().chars().count() <= 40);
    }
    if let Some(Overlay::Jump(jump)) = app.overlay() {
        let input = jump.prompt().value();
        prop_assert!(input.chars().all(|c| c.is_ascii_digit()) && input.len() <= 6);
    }
    check_chooser_invariants(app)?;
    if let Some(found) = app.found() {
        prop_assert!(found.chosen < found.hits.len());
        if let Some((location, index)) = found.current {
            let hit = found.hit_at(location);
            prop_assert!(hit.is_some_and(|hit| index < hit.highlights.len()));
        }
    }
    if let Some((current, count)) = app.hit_position() {
        prop_assert!(current.is_none_or(|i| i < count));
    }
    // The trail never points at a place that is not there: each place is a recommendation of
    // the report, in the list it was reached through.
    let trail = app.trail();
    prop_assert!(trail.back.len() <= c34::app::trail::TRAIL_LIMIT);
    prop_assert!(trail.forward.len() <= c34::app::trail::TRAIL_LIMIT + 1);
    for place in trail.back.iter().chain(&trail.forward) {
        prop_assert!(app.dataset().get(place.location).is_some(), "{place:?}");
        // The bookmarks change as you read (going back to one removed opens its section).
        prop_assert!(
            place.source == c34::app::Source::Bookmarks
                || app.items_of(place.source).contains(&place.location),
            "{place:?} not in its list"
        );
    }
    prop_assert!(app.pending_count().is_none_or(|n| n <= c34::app::MAX_COUNT));
    check_keep_invariants(app)
}

/// The search and the mission picker: their queries, selections and results.
fn check_chooser_invariants(app: &App) -> Result<(), TestCaseError> {
    let area = app.area();
    if let Some(Overlay::Search(search)) = app.overlay() {
        let state = search.results();
        prop_assert!(state.query().chars().count() <= c34::app::QUERY_CHARS);
        prop_assert!(!state.query().chars().any(char::is_control));
        check_choice(
            state.scroll.selected,
            state.scroll.offset,
            state.items.len(),
            c34::layout::search_page(area),
        )?;
        for hit in &state.items {
            let recommendation = app.dataset().get(hit.location);
            prop_assert_eq!(recommendation.map(|r| r.para), Some(hit.para));
        }
        {
            // The results are the engine's for the query as typed.
            let expected: Vec<u32> = app
                .index()
                .search(state.query(), 1000)
                .iter()
                .map(|hit| hit.para)
                .collect();
            let shown: Vec<u32> = state.items.iter().map(|hit| hit.para).collect();
            prop_assert_eq!(shown, expected);
        }
    }
    if let Some(Overlay::Missions(picker)) = app.overlay() {
        let picker = picker.matches();
        prop_assert!(picker.query().chars().count() <= c34::app::QUERY_CHARS);
        let page = c34::layout::picker_page(area, app.dataset().missions.len());
        check_choice(
            picker.scroll.selected,
            picker.scroll.offset,
            picker.items.len(),
            page,
        )?;
        for found in &picker.items {
            prop_assert!(found.mission < app.dataset().missions.len());
        }
    }
    Ok(())
}

/// The matrix, the note editor, the effects queue and the read-only reason.
fn check_keep_invariants(app: &App) -> Result<(), TestCaseError> {
    if let Some(Overlay::Matrix(state)) = app.overlay() {
        let matrix = &app.matrix();
        prop_assert!(state.row < matrix.rows.len() && state.col < matrix.sections.len());
        let view = app.matrix_view();
        if view.rows > 0 {
            prop_assert!(state.row_offset <= state.row && state.row < state.row_offset + view.rows);
        }
        if view.cols > 0 {
            prop_assert!(state.col_offset <= state.col && state.col < state.col_offset + view.cols);
        }
    }
    if let Some(Overlay::Note(editor)) = app.overlay() {
        let prompt = editor.prompt();
        prop_assert!(prompt.value().chars().count() <= c34::userdata::notes::MAX_NOTE_CHARS);
        prop_assert!(!prompt.value().chars().any(char::is_control));
    }
    prop_assert!(app.effects().len() <= 16);
    if let Some(reason) = &app.notes_read_only() {
        prop_assert!(!reason.chars().any(char::is_control));
    }
    Ok(())
}

/// Where the reader is, as history compares places.
fn spot(app: &App) -> Option<(c34::app::Source, c34::dataset::Location)> {
    app.place().map(|place| (place.source, place.location))
}

/// A list's selection is inside it and, when rows are shown, in view.
fn check_choice(
    selected: usize,
    offset: usize,
    len: usize,
    page: usize,
) -> Result<(), TestCaseError> {
    prop_assert!(
        selected < len || (len == 0 && selected == 0),
        "{selected} of {len}"
    );
    if page > 0 && len > 0 {
        prop_assert!(
            offset <= selected && selected < offset + page,
            "selection {selected} outside {offset}+{page}"
        );
        prop_assert!(
            offset + page <= len.max(page),
            "offset {offset} past the end"
        );
    }
    Ok(())
}

fn render(app: &App) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height))
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    terminal
        .draw(|frame| ui::render(frame, app))
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn any_events_keep_the_invariants_and_render(
        with_missions in any::<bool>(),
        color in any::<bool>(),
        hyperlinks in any::<bool>(),
        width in prop_oneof![1..=30u16, 30..=220u16],
        height in 1..=70u16,
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut app = App::new(dataset(with_missions), Size::new(width, height), color);
        app.set_hyperlinks(hyperlinks);
        check_invariants(&app)?;
        render(&app)?;
        for action in &actions {
            apply(&mut app, action);
            check_invariants(&app)?;
            render(&app)?;
            if app.quit_requested() {
                break;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// After any events, back then forward (and forward then back) returns to the same place.
    #[test]
    fn back_then_forward_returns_to_the_same_place(
        with_missions in any::<bool>(),
        width in 30..=220u16,
        height in 6..=70u16,
        actions in prop::collection::vec(action(), 0..60),
        jumps in prop::collection::vec(prop::sample::select(vec![18u32, 37, 100, 149, 165, 183, 190]), 1..5),
    ) {
        let mut app = App::new(dataset(with_missions), Size::new(width, height), true);
        for action in &actions {
            apply(&mut app, action);
            if app.quit_requested() {
                return Ok(());
            }
        }
        app.update(Command::Close);
        for para in jumps {
            app.update(Command::OpenJump);
            for c in para.to_string().chars() {
                app.update(Command::Edit(Edit::Insert(c)));
            }
            app.update(Command::JumpToParagraph);
        }
        check_invariants(&app)?;
        let here = spot(&app);
        if here.is_some() && !app.trail().back.is_empty() {
            app.update(Command::Back);
            check_invariants(&app)?;
            app.update(Command::Forward);
            check_invariants(&app)?;
            prop_assert_eq!(spot(&app), here);
        }
        if here.is_some() && !app.trail().forward.is_empty() {
            app.update(Command::Forward);
            app.update(Command::Back);
            prop_assert_eq!(spot(&app), here);
        }
    }

    /// A count moves as far as that many single moves, and never past the end.
    #[test]
    fn a_count_is_that_many_moves(
        width in 30..=220u16,
        height in 6..=70u16,
        count in 1..=40usize,
        down in any::<bool>(),
        para in prop::sample::select(vec![18u32, 37, 100, 156, 184]),
        focus_list in any::<bool>(),
    ) {
        let start = |app: &mut App| {
            app.update(Command::OpenJump);
            for c in para.to_string().chars() {
                app.update(Command::Edit(Edit::Insert(c)));
            }
            app.update(Command::JumpToParagraph);
            if focus_list {
                app.update(Command::FocusLeft);
            }
        };
        let motion = if down { Command::Down } else { Command::Up };
        let mut counted = App::new(Dataset::embedded(), Size::new(width, height), true);
        start(&mut counted);
        for digit in count.to_string().bytes() {
            counted.update(Command::Count(digit - b'0'));
        }
        counted.update(motion);
        let mut stepped = App::new(Dataset::embedded(), Size::new(width, height), true);
        start(&mut stepped);
        for _ in 0..count {
            stepped.update(motion);
        }
        prop_assert_eq!(counted.pending_count(), None);
        prop_assert_eq!(counted.list().scroll.selected, stepped.list().scroll.selected);
        prop_assert_eq!(counted.reader().scroll, stepped.reader().scroll);
        check_invariants(&counted)?;
    }
}

#[test]
fn every_size_down_to_one_by_one_renders() {
    let mut app = App::new(dataset(true), Size::new(120, 40), true);
    app.update(Command::ToggleHelp);
    every_size(&mut app, "help");
}

fn every_size(app: &mut App, what: &str) {
    for width in 1..=130u16 {
        for height in (1..=45u16).step_by(4) {
            app.update(Command::Resize { width, height });
            let invariants = check_invariants(app);
            assert!(
                invariants.is_ok(),
                "{what} {width}x{height}: {invariants:?}"
            );
            assert!(render(app).is_ok(), "{what} {width}x{height}");
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
}

#[test]
fn the_search_the_picker_and_the_hits_render_at_every_size() {
    let mut app = App::new(Dataset::embedded(), Size::new(120, 40), true);
    app.update(Command::OpenSearch);
    every_size(&mut app, "empty search");
    type_text(&mut app, "minusma");
    app.update(Command::Bottom);
    every_size(&mut app, "search results, the last chosen");
    type_text(&mut app, "zqx");
    every_size(&mut app, "no results");

    app.update(Command::Edit(Edit::DeleteToStart));
    type_text(&mut app, "peacekeeping");
    app.update(Command::Resize {
        width: 120,
        height: 40,
    });
    app.update(Command::OpenResult);
    app.update(Command::NextHit);
    every_size(&mut app, "reader with hits");
    // After all those resizes the current hit is still one of the recommendation's.
    app.update(Command::NextHit);
    assert!(matches!(app.hit_position(), Some((Some(_), _))));

    app.update(Command::OpenMissions);
    app.update(Command::Bottom);
    every_size(&mut app, "mission picker");
    type_text(&mut app, "sudan");
    every_size(&mut app, "filtered picker");
}

#[test]
fn the_matrix_the_note_editor_and_the_glance_lists_render_at_every_size() {
    let mut app = App::new(Dataset::embedded(), Size::new(120, 40), true);
    app.update(Command::OpenMatrix);
    every_size(&mut app, "matrix at the largest cell");
    app.update(Command::Bottom);
    for _ in 0..9 {
        app.update(Command::CellRight);
    }
    every_size(&mut app, "matrix at the last cell");
    app.update(Command::ListCell);
    every_size(&mut app, "a cell's list");

    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert(165, Annotation::new(true, Some("n".repeat(500))));
    app.receive(Outcome::Annotations(annotations));
    app.update(Command::EditNote);
    type_text(&mut app, " and a longer note");
    every_size(&mut app, "note editor");
    app.update(Command::Close);

    // The Documents cited branch open, its last document listed.
    app.update(Command::Resize {
        width: 120,
        height: 40,
    });
    // The tree has the focus (three panes at this width).
    app.update(Command::FocusLeft);
    app.update(Command::FocusLeft);
    app.update(Command::Bottom);
    app.update(Command::Toggle);
    app.update(Command::Bottom);
    assert!(matches!(app.list().source, c34::app::Source::Document(_)));
    every_size(&mut app, "a cited document's list");
}

/// `default` cases, or `PROPTEST_CASES` when set: CI runs the default, a developer raises it.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
