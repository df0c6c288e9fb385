//! Any sequence of keys, mouse events, commands and resizes (down to 1x1) keeps the browser's
//! invariants and renders without a panic.

use c34::app::{App, Command, Overlay, Pane};
use c34::dataset::{Dataset, Mission};
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
                name: "和平".repeat(40),
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
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'h', 'l', 'g', 'G', ' ', '[', ']', ':', '?', '/', 'n', 'N', 'm', 'x', '0',
            '1', '5', '6', '9', 'd', 'u', 'c',
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
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
            Command::JumpBackspace,
            Command::SubmitJump,
            Command::ToggleHelp,
            Command::Close,
        ]),
        any::<char>().prop_map(Command::JumpInput),
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
    };
    if let Some(command) = keys::command(&event, app.mode()) {
        app.update(command);
    }
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let items = app.list.items.len();
    prop_assert!(
        app.list.selected < items || (items == 0 && app.list.selected == 0),
        "list selection {} of {items}",
        app.list.selected
    );
    let rows = app.tree_rows().len();
    prop_assert!(
        app.tree.selected < rows,
        "tree selection {} of {rows}",
        app.tree.selected
    );
    prop_assert!(
        app.reader.scroll <= app.max_scroll(),
        "scroll {} past {}",
        app.reader.scroll,
        app.max_scroll()
    );
    let screen = app.screen();
    prop_assert!(
        screen.too_small() || screen.pane(app.focus).is_some(),
        "focus {:?} on a hidden pane at {:?}",
        app.focus,
        app.size
    );
    prop_assert!(ui::panes_for(app.size.width).contains(&app.focus));
    if let Some(inner) = screen.inner(Pane::List) {
        prop_assert!(app.list.offset <= items.saturating_sub(usize::from(inner.height)));
    }
    if let Some(inner) = screen.inner(Pane::Tree) {
        prop_assert!(app.tree.offset <= rows.saturating_sub(usize::from(inner.height)));
    }
    if let Some(Overlay::Help { scroll }) = app.overlay {
        prop_assert!(scroll <= ui::help::max_scroll(app.area()));
    }
    if let Some(Overlay::Jump { input }) = &app.overlay {
        prop_assert!(input.chars().all(|c| c.is_ascii_digit()) && input.len() <= 6);
    }
    Ok(())
}

fn render(app: &App) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height))
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    terminal
        .draw(|frame| ui::render(frame, app))
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_events_keep_the_invariants_and_render(
        with_missions in any::<bool>(),
        color in any::<bool>(),
        width in prop_oneof![1..=30u16, 30..=220u16],
        height in 1..=70u16,
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut app = App::new(dataset(with_missions), Size::new(width, height), color);
        check_invariants(&app)?;
        render(&app)?;
        for action in &actions {
            apply(&mut app, action);
            check_invariants(&app)?;
            render(&app)?;
            if app.quit {
                break;
            }
        }
    }
}

#[test]
fn every_size_down_to_one_by_one_renders() {
    let mut app = App::new(dataset(true), Size::new(120, 40), true);
    app.update(Command::ToggleHelp);
    for width in 1..=130u16 {
        for height in (1..=45u16).step_by(4) {
            app.update(Command::Resize { width, height });
            assert!(check_invariants(&app).is_ok(), "{width}x{height}");
            assert!(render(&app).is_ok(), "{width}x{height}");
        }
    }
}
