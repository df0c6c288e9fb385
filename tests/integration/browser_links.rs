//! The documents cited as OSC 8 links where the terminal shows them (issue 18): in the tree's
//! Documents cited branch and the reader's header, the cells keeping their width; plain text
//! otherwise; `y` on a document copies its link. Symbols and links come from `c34 refs
//! --json`, never from the code under test.

use std::num::NonZeroU16;

use crate::common::cli::{c34, stdout_of};
use crate::common::keys::{app_at, ch, press};
use crate::common::pty::Browser;
use crate::common::screen::draw;
use c34::app::{App, Effect, Pane, TreeRow};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

/// (symbol, link) of the first document `c34 refs` lists.
fn first_reference() -> (String, String) {
    let text = stdout_of(c34().args(["refs", "--json"]));
    let json: Value = serde_json::from_str(&text).expect("json");
    let first = &json[0];
    (
        first["symbol"].as_str().expect("a symbol").to_string(),
        first["link"].as_str().expect("a link").to_string(),
    )
}

/// Selects the first document of the Documents cited branch, the tree focused.
fn on_first_document(app: &mut App) {
    while app.focus() != Pane::Tree {
        press(app, KeyCode::BackTab);
    }
    let head = app
        .tree_rows()
        .iter()
        .position(|&r| r == TreeRow::Documents)
        .expect("a Documents cited branch");
    for _ in 0..head {
        ch(app, 'j');
    }
    press(app, KeyCode::Enter);
    ch(app, 'j');
}

/// The OSC 8 links in a buffer: (x, y, width, url, text) of each linked cell.
fn links(buffer: &Buffer) -> Vec<(u16, u16, u16, String, String)> {
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let Some(rest) = cell.symbol().strip_prefix("\x1b]8;;") else {
                continue;
            };
            let (url, rest) = rest.split_once("\x1b\\").expect("the url ends");
            let text = rest.strip_suffix("\x1b]8;;\x1b\\").expect("the link ends");
            let CellDiffOption::ForcedWidth(width) = cell.diff_option else {
                panic!("a link's cell says its width: {cell:?}");
            };
            found.push((x, y, width.get(), url.to_string(), text.to_string()));
        }
    }
    found
}

/// The frame's own buffer (not the backend's, which gets only the cells the diff writes).
fn frame_buffer(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height))
        .expect("a test backend");
    terminal
        .draw(|frame| c34::ui::render(frame, app))
        .expect("a frame")
        .buffer
        .clone()
}

#[test]
fn documents_are_links_in_the_tree_and_the_reader_header_with_their_widths() {
    let (symbol, link) = first_reference();
    let mut app = app_at(120, 40);
    app.set_hyperlinks(true);
    on_first_document(&mut app);
    // The list shows the document's citing responses; the reader the first one.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let buffer = &frame_buffer(&app);
    let found = links(buffer);
    let in_tree = found
        .iter()
        .find(|(_, _, _, url, text)| *url == link && *text == symbol)
        .unwrap_or_else(|| panic!("{symbol} linked in the tree: {found:?}"));
    let in_header = found
        .iter()
        .find(|(_, _, _, url, text)| *url == link && *text == link)
        .unwrap_or_else(|| panic!("{link} linked in the header: {found:?}"));
    for (x, y, width, _, text) in [in_tree, in_header] {
        assert_eq!(
            usize::from(*width),
            text.chars().count(),
            "the cell's width is its text's"
        );
        for covered in x + 1..x + width {
            assert_eq!(buffer[(covered, *y)].diff_option, CellDiffOption::Skip);
        }
        assert!(buffer[(x + width, *y)].diff_option != CellDiffOption::Skip);
    }
    // What the terminal gets: the link's cell, then nothing over the cells it covers.
    let backend = draw(&app);
    let (x, y, width, _, _) = in_header;
    assert_eq!(
        backend.backend().buffer()[(*x, *y)].symbol(),
        buffer[(*x, *y)].symbol()
    );
    for covered in x + 1..x + width {
        assert_eq!(backend.backend().buffer()[(covered, *y)].symbol(), " ");
    }
    assert!(NonZeroU16::new(in_tree.2).is_some());
}

#[test]
fn without_hyperlinks_the_documents_are_plain_text() {
    let mut app = app_at(120, 40);
    on_first_document(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&app);
    assert!(links(terminal.backend().buffer()).is_empty());
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|cell| !cell.symbol().contains('\x1b'))
    );
}

#[test]
fn y_on_a_document_copies_its_link() {
    let (symbol, link) = first_reference();
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = app_at(width, height);
        on_first_document(&mut app);
        assert_eq!(app.focus(), Pane::Tree);
        app.take_effects();
        ch(&mut app, 'y');
        assert_eq!(
            app.take_effects(),
            vec![Effect::Copy(link.clone())],
            "{width}x{height}"
        );
        assert!(
            app.message().is_some_and(|m| m.contains(&symbol)),
            "{:?}",
            app.message()
        );
    }
}

#[test]
fn a_terminal_that_shows_links_gets_osc_8_and_no_color_gets_none() {
    let (symbol, link) = first_reference();
    let expected = format!("\x1b]8;;{link}\x1b\\{symbol}\x1b]8;;\x1b\\");
    // The harness sets NO_COLOR=1; the first run goes without it.
    for (removed, linked) in [(&["NO_COLOR"][..], true), (&[][..], false)] {
        let mut browser =
            Browser::start_with_env_removed(120, 40, &[("FORCE_HYPERLINK", "1")], removed);
        browser.wait_for_text("¶ 18 · 1 of 2");
        // Down the tree to the Documents cited branch and open it.
        browser.send("G");
        browser.wait_for_text("▸ Documents cited");
        browser.send("\r");
        browser.wait_for_text("▾ Documents cited");
        browser.wait_for_text(&symbol);
        let raw = String::from_utf8_lossy(browser.raw()).into_owned();
        assert_eq!(
            raw.contains(&expected),
            linked,
            "NO_COLOR removed: {removed:?}"
        );
        // The screen shows the symbol where it belongs either way.
        assert!(browser.screen().contains(&symbol));
        browser.send("q");
        assert!(browser.wait_exit());
        browser.assert_restored();
    }
}
