//! A paste into the browser's state (`App::paste`): into the open prompt as text, cut to what
//! the prompt holds with a message, ignored with a message outside a prompt.

use c34::app::Overlay;
use c34::app::overlay::search::QUERY_CHARS;
use c34::command::Keymap;

use crate::common::keys::{app, ch, typed};

fn query(app: &c34::app::App) -> String {
    match app.overlay() {
        Some(Overlay::Search(search)) => search.results().prompt.value().to_string(),
        other => panic!("the search is not open: {other:?}"),
    }
}

#[test]
fn a_paste_goes_in_at_the_cursor_as_one_line_and_searches() {
    let mut app = app();
    ch(&mut app, '/');
    typed(&mut app, "civilians");
    app.paste("protection\r\nof\t");
    assert_eq!(query(&app), "civiliansprotection of ");
    assert_eq!(app.keymap(), Keymap::Search, "a line break is not Enter");
    assert_eq!(app.message(), None);
}

#[test]
fn the_search_follows_the_pasted_query() {
    let mut typed_app = app();
    ch(&mut typed_app, '/');
    typed(&mut typed_app, "protection of civilians");
    let mut pasted_app = app();
    ch(&mut pasted_app, '/');
    pasted_app.paste("protection of\ncivilians");
    let (Some(Overlay::Search(typed_search)), Some(Overlay::Search(pasted_search))) =
        (typed_app.overlay(), pasted_app.overlay())
    else {
        panic!("both searches are open");
    };
    assert_eq!(
        pasted_search.results().prompt.value(),
        "protection of civilians"
    );
    assert!(
        !typed_search.results().items.is_empty(),
        "typing it finds something"
    );
    let locations =
        |items: &[c34::search::Hit]| -> Vec<_> { items.iter().map(|hit| hit.location).collect() };
    assert_eq!(
        locations(&pasted_search.results().items),
        locations(&typed_search.results().items),
        "the same results as typing it"
    );
}

#[test]
fn a_paste_longer_than_the_prompt_is_cut_with_a_message() {
    let mut app = app();
    ch(&mut app, '/');
    app.paste(&"x".repeat(QUERY_CHARS + 100));
    assert_eq!(query(&app).chars().count(), QUERY_CHARS);
    let message = app.message().expect("a message").to_string();
    assert!(
        message.contains(&format!("{QUERY_CHARS} of {}", QUERY_CHARS + 100)),
        "{message}"
    );
}

#[test]
fn the_jump_prompt_takes_the_digits_of_a_paste() {
    let mut app = app();
    ch(&mut app, ':');
    app.paste("¶ 165\n");
    let Some(Overlay::Jump(jump)) = app.overlay() else {
        panic!("the jump prompt is open");
    };
    assert_eq!(jump.prompt().value(), "165");
}

#[test]
fn outside_a_prompt_a_paste_does_nothing_but_say_so() {
    let mut app = app();
    let before = app.list().scroll.selected;
    app.paste("jjjjq");
    assert!(!app.quit_requested());
    assert_eq!(app.keymap(), Keymap::Normal);
    assert_eq!(app.list().scroll.selected, before);
    assert!(app.message().is_some_and(|m| m.contains("Paste ignored")));
}
