//! Every key and mouse binding of the browser, pressed through the key table and applied to the
//! app state, with no terminal.

use crate::common::keys::{app, app_at, ch, ctrl, press, typed};
use c34::app::{App, Command, Edit, Keymap, Overlay, Pane, Prompt, Source, TreeRow};
use c34::dataset::Location;
use c34::keys;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> bool {
    let event = Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    match keys::command(&event, app.keymap()) {
        Some(command) => {
            app.update(command);
            true
        }
        None => false,
    }
}

fn para(app: &App) -> Option<u32> {
    app.current().map(|(_, recommendation)| recommendation.para)
}

fn section_index(app: &App, numeral: &str) -> usize {
    app.dataset()
        .sections
        .iter()
        .position(|s| s.number == numeral)
        .expect("the report has this section")
}

#[test]
fn at_start_the_first_section_and_its_first_recommendation_are_shown() {
    let app = app();
    assert_eq!(app.focus(), Pane::Tree);
    assert_eq!(app.tree().scroll.selected, 0);
    assert_eq!(app.list().source, Source::Section(0));
    assert_eq!(app.list().scroll.selected, 0);
    assert_eq!(para(&app), Some(18));
    assert_eq!(app.reader().scroll, 0);
    assert_eq!(app.keymap(), Keymap::Normal);
}

#[test]
fn tab_and_shift_tab_cycle_through_the_visible_panes() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Tree);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::List);

    // Without room for the tree beside the list (below 100 columns) the tree still takes its
    // turn, in the list's place.
    let mut narrow = app_at(70, 24);
    assert_eq!(narrow.focus(), Pane::List);
    press(&mut narrow, KeyCode::Tab);
    assert_eq!(narrow.focus(), Pane::Reader);
    press(&mut narrow, KeyCode::Tab);
    assert_eq!(narrow.focus(), Pane::Tree);
    assert!(narrow.screen().tree.is_some() && narrow.screen().list.is_none());
    press(&mut narrow, KeyCode::BackTab);
    assert_eq!(narrow.focus(), Pane::Reader);
}

#[test]
fn h_l_and_the_arrows_move_focus_left_and_right_without_wrapping() {
    let mut app = app();
    ch(&mut app, 'h');
    assert_eq!(app.focus(), Pane::Tree);
    ch(&mut app, 'l');
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.focus(), Pane::Reader);
    ch(&mut app, 'l');
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.focus(), Pane::List);
    ch(&mut app, 'h');
    assert_eq!(app.focus(), Pane::Tree);
}

#[test]
fn j_k_and_the_arrows_move_through_the_sections_and_the_list_follows() {
    let mut app = app();
    ch(&mut app, 'j');
    assert_eq!(app.tree().scroll.selected, 1);
    assert_eq!(app.list().source, Source::Section(1));
    assert_eq!(para(&app), Some(36));
    press(&mut app, KeyCode::Down);
    assert_eq!(app.list().source, Source::Section(2));
    press(&mut app, KeyCode::Up);
    ch(&mut app, 'k');
    assert_eq!(app.list().source, Source::Section(0));
    ch(&mut app, 'k');
    assert_eq!(app.tree().scroll.selected, 0, "stays on the first row");
}

#[test]
fn j_k_in_the_list_select_recommendations_and_the_reader_follows() {
    let mut app = app();
    for _ in 0..7 {
        ch(&mut app, 'j');
    }
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(para(&app), Some(156));
    ch(&mut app, 'j');
    assert_eq!(para(&app), Some(157));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(para(&app), Some(157));
    ch(&mut app, 'k');
    ch(&mut app, 'k');
    assert_eq!(para(&app), Some(156));
}

#[test]
fn j_k_in_the_reader_scroll_inside_the_text() {
    // A small screen so the response to 156 overflows.
    let mut app = app_at(80, 24);
    typed(&mut app, ":156\n");
    assert_eq!(app.focus(), Pane::Reader);
    let max = app.max_scroll();
    assert!(max > 5, "156 overflows at 80x24");
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Down);
    assert_eq!(app.reader().scroll, 2);
    ch(&mut app, 'k');
    assert_eq!(app.reader().scroll, 1);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.reader().scroll, 0);
    for _ in 0..200 {
        ch(&mut app, 'j');
    }
    assert_eq!(app.reader().scroll, max, "stops at the end of the text");
}

#[test]
fn g_and_capital_g_home_and_end_go_to_the_first_and_last() {
    let mut app = app();
    ch(&mut app, 'G');
    assert_eq!(app.tree().scroll.selected, app.tree_rows().len() - 1);
    ch(&mut app, 'g');
    assert_eq!(app.tree().scroll.selected, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.tree().scroll.selected, app.tree_rows().len() - 1);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.tree().scroll.selected, 0);

    typed(&mut app, ":157\n");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::List);
    ch(&mut app, 'G');
    assert_eq!(para(&app), Some(177));
    press(&mut app, KeyCode::Home);
    assert_eq!(para(&app), Some(156));

    let mut small = app_at(80, 24);
    typed(&mut small, ":156\n");
    press(&mut small, KeyCode::End);
    assert_eq!(small.reader().scroll, small.max_scroll());
    ch(&mut small, 'g');
    assert_eq!(small.reader().scroll, 0);
    ch(&mut small, 'G');
    press(&mut small, KeyCode::Home);
    assert_eq!(small.reader().scroll, 0);
}

#[test]
fn page_keys_move_by_a_screenful() {
    let mut app = app_at(80, 24);
    // ¶ 184 is the longest response: several pages even at the widest reader.
    typed(&mut app, ":184\n");
    let rows = usize::from(app.screen().reader_text().unwrap().height);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(
        app.reader().scroll,
        rows - 1,
        "a page keeps one line of context"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.reader().scroll, 0);

    // In the list a page is the rows the list shows (section VIII has 22 entries).
    typed(&mut app, ":156\n");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::List);
    // Two rows per entry: a page is the entries the list shows.
    let list_rows = app.list_page();
    assert_eq!(
        list_rows,
        usize::from(app.screen().inner(Pane::List).unwrap().height) / 2
    );
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.list().scroll.selected, list_rows);
    assert!(
        app.list().scroll.offset > 0,
        "the list scrolls to show the selection"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.list().scroll.selected, 0);
    assert_eq!(app.list().scroll.offset, 0);

    // Ctrl-f and Ctrl-b page as PgDn and PgUp do, as in less.
    assert!(ctrl(&mut app, 'f'));
    assert_eq!(app.list().scroll.selected, list_rows);
    assert!(ctrl(&mut app, 'b'));
    assert_eq!(app.list().scroll.selected, 0);
}

#[test]
fn ctrl_d_and_ctrl_u_move_by_half_a_screen() {
    let mut app = app_at(80, 24);
    typed(&mut app, ":184\n");
    let rows = usize::from(app.screen().reader_text().unwrap().height);
    assert!(ctrl(&mut app, 'd'));
    assert_eq!(app.reader().scroll, (rows - 1) / 2);
    assert!(ctrl(&mut app, 'u'));
    assert_eq!(app.reader().scroll, 0);

    typed(&mut app, ":156\n");
    press(&mut app, KeyCode::BackTab);
    let list_rows = app.list_page();
    ctrl(&mut app, 'd');
    assert_eq!(app.list().scroll.selected, list_rows / 2);
    ctrl(&mut app, 'u');
    assert_eq!(app.list().scroll.selected, 0);
}

#[test]
fn enter_goes_one_pane_right() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::List, "section → its list");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::Reader, "recommendation → reader");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::Reader);

    // A paragraph row in the tree opens the reader directly.
    let mut app = app_at(120, 40);
    ch(&mut app, ' ');
    ch(&mut app, 'j');
    assert!(matches!(
        app.tree_rows()[app.tree().scroll.selected],
        TreeRow::Para(_)
    ));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Pane::Reader);
}

#[test]
fn space_expands_and_collapses_a_section() {
    let mut app = app();
    let collapsed = app.tree_rows().len();
    ch(&mut app, ' ');
    assert!(app.tree().expanded[0]);
    assert_eq!(app.tree_rows().len(), collapsed + 2);
    // Moving onto a paragraph row selects that recommendation.
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    assert_eq!(
        app.tree_rows()[app.tree().scroll.selected],
        TreeRow::Para(Location {
            section: 0,
            recommendation: 1
        })
    );
    assert_eq!(para(&app), Some(22));
    // Space on a child collapses its section and selects the section.
    ch(&mut app, ' ');
    assert!(!app.tree().expanded[0]);
    assert_eq!(app.tree().scroll.selected, 0);
    assert_eq!(app.tree_rows().len(), collapsed);
}

#[test]
fn space_in_the_reader_pages_down() {
    let mut app = app_at(80, 24);
    typed(&mut app, ":156\n");
    ch(&mut app, ' ');
    assert!(app.reader().scroll > 0);
}

#[test]
fn brackets_step_through_recommendations_from_any_pane() {
    let mut app = app();
    ch(&mut app, ']');
    assert_eq!(para(&app), Some(22));
    // Changed on purpose (issue 9): `]` crosses into the next section instead of stopping.
    ch(&mut app, ']');
    assert_eq!(para(&app), Some(36), "the first of section II");
    ch(&mut app, '[');
    assert_eq!(para(&app), Some(22));
    ch(&mut app, '[');
    assert_eq!(para(&app), Some(18));
    ch(&mut app, '[');
    assert_eq!(para(&app), Some(18), "stays on the first of the report");
    assert!(app.message().is_some());
    assert_eq!(app.focus(), Pane::Tree);
}

#[test]
fn a_jump_opens_the_paragraph_in_its_section() {
    let mut app = app();
    assert!(ch(&mut app, ':'));
    assert_eq!(app.keymap(), Keymap::Jump);
    typed(&mut app, "165");
    assert_eq!(jump_prompt(&app), Some(&Prompt::from("165")));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.keymap(), Keymap::Normal);
    assert_eq!(para(&app), Some(165));
    let viii = section_index(&app, "VIII");
    assert_eq!(app.list().source, Source::Section(viii));
    assert_eq!(
        app.tree_rows()[app.tree().scroll.selected],
        TreeRow::Section(viii)
    );
    assert_eq!(app.focus(), Pane::Reader);
    assert_eq!(app.message(), None);

    // With the section expanded the paragraph's own row is selected.
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, ' ');
    typed(&mut app, ":170\n");
    assert_eq!(
        app.tree_rows()[app.tree().scroll.selected],
        TreeRow::Para(app.current().unwrap().0)
    );
}

#[test]
fn an_unknown_paragraph_is_reported_with_the_nearest_ones() {
    let mut app = app();
    typed(&mut app, ":17\n");
    let message = app.message().expect("a message");
    assert!(message.contains("¶ 17"), "{message}");
    assert!(message.contains("¶ 18"), "{message}");
    assert_eq!(para(&app), Some(18), "the selection stays");
    assert_eq!(app.keymap(), Keymap::Normal);

    typed(&mut app, ":47\n");
    let message = app.message().unwrap();
    assert!(
        message.contains("¶ 46") && message.contains("¶ 52"),
        "{message}"
    );

    typed(&mut app, ":999999\n");
    let message = app.message().unwrap();
    assert!(message.contains("¶ 192"), "{message}");

    // The next key clears the message.
    ch(&mut app, 'j');
    assert_eq!(app.message(), None);
}

#[test]
fn the_jump_prompt_takes_digits_backspace_and_esc() {
    let mut app = app();
    typed(&mut app, ":1x6");
    assert_eq!(jump_prompt(&app), Some(&Prompt::from("16")));
    assert!(!ch(&mut app, 'q'), "q is not bound in the prompt");
    assert!(!app.quit_requested());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(jump_prompt(&app), Some(&Prompt::from("1")));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(
        app.overlay(),
        None,
        "backspace on an empty prompt closes it"
    );

    typed(&mut app, ":16");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    assert_eq!(para(&app), Some(18));

    typed(&mut app, ":\n");
    assert_eq!(app.overlay(), None, "an empty jump goes nowhere");
    assert_eq!(app.message(), None);
}

#[test]
fn question_mark_opens_the_help_which_scrolls_and_closes() {
    let mut app = app_at(60, 12);
    assert!(ch(&mut app, '?'));
    assert_eq!(app.keymap(), Keymap::Help);
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Down);
    assert_eq!(help_scroll(&app), Some(2));
    ch(&mut app, 'k');
    assert_eq!(help_scroll(&app), Some(1));
    ch(&mut app, 'G');
    let max = app.help_max_scroll();
    assert_eq!(help_scroll(&app), Some(max));
    ch(&mut app, 'g');
    assert_eq!(help_scroll(&app), Some(0));
    // Keys of the panes below do nothing while the help is open but say they are unknown.
    press(&mut app, KeyCode::Tab);
    assert_eq!(para(&app), Some(18));
    assert_eq!(app.keymap(), Keymap::Help);
    assert!(app.message().is_some_and(|m| m.contains("unknown key")));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    ch(&mut app, '?');
    ch(&mut app, '?');
    assert_eq!(app.overlay(), None, "? toggles");
}

#[test]
fn q_and_ctrl_c_quit_from_every_mode() {
    let mut app = app();
    ch(&mut app, 'q');
    assert!(app.quit_requested());

    let mut app = crate::common::keys::app();
    ctrl(&mut app, 'c');
    assert!(app.quit_requested());

    // Changed on purpose (issue 9): q in the help closes it, as in less.
    let mut app = crate::common::keys::app();
    ch(&mut app, '?');
    ch(&mut app, 'q');
    assert!(!app.quit_requested(), "q closes the help");
    assert_eq!(app.overlay(), None);
    ch(&mut app, '?');
    ctrl(&mut app, 'c');
    assert!(app.quit_requested(), "Ctrl-c quits from the help");

    let mut app = crate::common::keys::app();
    ch(&mut app, ':');
    ctrl(&mut app, 'c');
    assert!(app.quit_requested(), "Ctrl-c quits from the prompt");
}

#[test]
fn esc_without_an_overlay_only_clears_a_message() {
    let mut app = app();
    typed(&mut app, ":17\n");
    assert!(app.message().is_some());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.message(), None);
    assert_eq!(app.focus(), Pane::Tree);
    assert!(!app.quit_requested());
}

#[test]
fn the_search_keys_are_bound_in_the_browser_and_text_in_the_overlays() {
    let key =
        |c: char, modifiers: KeyModifiers| Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers));
    let none = KeyModifiers::NONE;
    assert_eq!(
        keys::command(&key('/', none), Keymap::Normal),
        Some(Command::OpenSearch)
    );
    assert_eq!(
        keys::command(&key('m', none), Keymap::Normal),
        Some(Command::OpenMissions)
    );
    assert_eq!(
        keys::command(&key('n', none), Keymap::Normal),
        Some(Command::NextHit)
    );
    assert_eq!(
        keys::command(&key('N', KeyModifiers::SHIFT), Keymap::Normal),
        Some(Command::PreviousHit)
    );
    for mode in [Keymap::Search, Keymap::Missions] {
        for c in ['/', 'n', 'N', 'm', 'q', 'j', '?', ' '] {
            assert_eq!(
                keys::command(&key(c, none), mode),
                Some(Command::Edit(Edit::Insert(c))),
                "{c}"
            );
        }
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(keys::command(&key('n', ctrl), mode), Some(Command::Down));
        assert_eq!(keys::command(&key('p', ctrl), mode), Some(Command::Up));
        assert_eq!(
            keys::command(&key('u', ctrl), mode),
            Some(Command::Edit(Edit::DeleteToStart))
        );
        assert_eq!(
            keys::command(&key('w', ctrl), mode),
            Some(Command::Edit(Edit::DeleteWordBack))
        );
        assert_eq!(keys::command(&key('c', ctrl), mode), Some(Command::Quit));
        let code = |code| Event::Key(KeyEvent::new(code, none));
        // Enter is the search's or the picker's own command.
        let enter = if mode == Keymap::Search {
            Command::OpenResult
        } else {
            Command::ListMission
        };
        assert_eq!(keys::command(&code(KeyCode::Enter), mode), Some(enter));
        assert_eq!(
            keys::command(&code(KeyCode::Esc), mode),
            Some(Command::Close)
        );
        assert_eq!(
            keys::command(&code(KeyCode::Backspace), mode),
            Some(Command::Edit(Edit::DeleteBack))
        );
        assert_eq!(
            keys::command(&code(KeyCode::Down), mode),
            Some(Command::Down)
        );
        assert_eq!(keys::command(&code(KeyCode::Up), mode), Some(Command::Up));
        assert_eq!(keys::command(&code(KeyCode::Tab), mode), None);
    }
    // Ctrl-n and Ctrl-p choose only where there is something to choose.
    for c in ['n', 'p'] {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(keys::key_command(event, Keymap::Normal), None);
        assert_eq!(
            keys::command(&key(c, KeyModifiers::CONTROL), Keymap::Normal),
            Some(Command::UnknownKey),
            "an unbound key says so"
        );
    }
}

#[test]
fn key_releases_and_alt_chords_do_nothing() {
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keys::key_command(release, Keymap::Normal), None);
    let alt = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
    assert_eq!(keys::key_command(alt, Keymap::Normal), None);
    let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(
        keys::key_command(shifted, Keymap::Normal),
        Some(Command::Bottom)
    );
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_row() {
    let mut app = app();
    let screen = app.screen();
    let list = screen.inner(Pane::List).unwrap();
    assert!(mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 2
    ));
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(para(&app), Some(22), "the second entry: rows 2 and 3");

    // The eighth tree row is section VIII.
    let tree = screen.inner(Pane::Tree).unwrap();
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        tree.x + 6,
        tree.y + 7,
    );
    assert_eq!(app.focus(), Pane::Tree);
    assert_eq!(para(&app), Some(156));
    assert!(!app.tree().expanded[7]);
    // A click on the ▸ marker expands the section.
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        tree.x,
        tree.y + 7,
    );
    assert!(app.tree().expanded[7]);

    let reader = screen.inner(Pane::Reader).unwrap();
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        reader.x + 10,
        reader.y + 3,
    );
    assert_eq!(app.focus(), Pane::Reader);
    assert_eq!(para(&app), Some(156));

    // Clicks on the title or status line change nothing.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 5, 0);
    assert_eq!(app.focus(), Pane::Reader);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app_at(80, 16);
    typed(&mut app, ":156\n");
    ch(&mut app, 'h');
    assert_eq!(app.focus(), Pane::List);
    let screen = app.screen();
    let reader = screen.inner(Pane::Reader).unwrap();
    mouse(
        &mut app,
        MouseEventKind::ScrollDown,
        reader.x + 2,
        reader.y + 2,
    );
    assert_eq!(app.reader().scroll, 3);
    assert_eq!(app.focus(), Pane::List, "the wheel does not move focus");
    mouse(
        &mut app,
        MouseEventKind::ScrollUp,
        reader.x + 2,
        reader.y + 2,
    );
    assert_eq!(app.reader().scroll, 0);

    // Over the list the view scrolls and the selection stays.
    let list = screen.inner(Pane::List).unwrap();
    mouse(&mut app, MouseEventKind::ScrollDown, list.x + 2, list.y + 2);
    assert_eq!(app.list().scroll.offset, 3);
    assert_eq!(para(&app), Some(156));
    for _ in 0..20 {
        mouse(&mut app, MouseEventKind::ScrollDown, list.x + 2, list.y + 2);
    }
    let max_offset = app.list().items.len() - app.list_page();
    assert_eq!(app.list().scroll.offset, max_offset);
}

#[test]
fn the_mouse_in_the_help_scrolls_it_or_closes_it() {
    let mut app = app_at(60, 12);
    ch(&mut app, '?');
    mouse(&mut app, MouseEventKind::ScrollDown, 30, 6);
    assert_eq!(help_scroll(&app), Some(3));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 30, 6);
    assert_eq!(app.overlay(), None);
}

#[test]
fn resizing_below_80_columns_hides_the_tree_and_moves_focus() {
    let mut app = app();
    assert_eq!(app.focus(), Pane::Tree);
    app.update(Command::Resize {
        width: 70,
        height: 24,
    });
    assert_eq!(app.focus(), Pane::List);
    assert!(app.screen().tree.is_none());
    // Below 60 columns one pane at a time: Tab switches between them.
    app.update(Command::Resize {
        width: 50,
        height: 20,
    });
    assert!(app.screen().list.is_some() && app.screen().reader.is_none());
    press(&mut app, KeyCode::Tab);
    assert!(app.screen().list.is_none() && app.screen().reader.is_some());
}

#[test]
fn a_resize_keeps_the_reader_scroll_inside_the_text() {
    let mut app = app_at(80, 24);
    typed(&mut app, ":156\n");
    ch(&mut app, 'G');
    let before = app.reader().scroll;
    assert!(before > 0);
    app.update(Command::Resize {
        width: 200,
        height: 60,
    });
    assert_eq!(app.max_scroll(), 0);
    assert_eq!(app.reader().scroll, 0);
}

#[test]
fn keys_keep_the_selected_list_row_in_view() {
    let mut app = app_at(80, 16);
    typed(&mut app, ":177\n");
    let list = app.screen().inner(Pane::List).unwrap();
    let rows = usize::from(list.height);
    assert!(app.list().scroll.selected >= app.list().scroll.offset);
    assert!(app.list().scroll.selected < app.list().scroll.offset + rows);
    press(&mut app, KeyCode::BackTab);
    ch(&mut app, 'g');
    assert_eq!(app.list().scroll.offset, 0);
}

/// The `:` prompt's text and cursor, when it is open.
fn jump_prompt(app: &App) -> Option<&Prompt> {
    match app.overlay() {
        Some(Overlay::Jump(jump)) => Some(jump.prompt()),
        _ => None,
    }
}

/// The help's scroll position, when it is open.
fn help_scroll(app: &App) -> Option<usize> {
    match app.overlay() {
        Some(Overlay::Help(help)) => Some(help.scroll()),
        _ => None,
    }
}
