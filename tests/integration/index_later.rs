//! The browser draws its first frame from the dataset alone and builds the search index after
//! it, on a worker; a search asked for before the index is ready waits for it and finds what it
//! would have found later. The expected paragraphs are the dataset's own list of those that name
//! MINUSMA (checked against the text by `import_fidelity`), not the search engine's answer.

use std::collections::BTreeSet;

use crate::common::keys::{app, ch, typed};
use crate::common::pty::Browser;
use c34::app::{App, Overlay};
use c34::dataset::Dataset;

fn minusma_paras(dataset: &Dataset) -> BTreeSet<u32> {
    dataset
        .missions
        .iter()
        .find(|m| m.acronym == "MINUSMA")
        .expect("the report names MINUSMA")
        .paras
        .iter()
        .copied()
        .collect()
}

fn result_paras(app: &App) -> BTreeSet<u32> {
    match app.overlay() {
        Some(Overlay::Search(search)) => search.results().items.iter().map(|h| h.para).collect(),
        other => panic!("the search is not open: {other:?}"),
    }
}

#[test]
fn the_app_starts_without_the_index_and_a_search_builds_it() {
    let mut app = app();
    assert!(
        !app.index_ready(),
        "the first frame does not wait for the index"
    );
    ch(&mut app, '/');
    typed(&mut app, "minusma");
    assert!(app.index_ready());
    assert_eq!(result_paras(&app), minusma_paras(app.dataset()));
}

#[test]
fn a_search_racing_the_worker_finds_the_same() {
    for _ in 0..5 {
        let mut app = app();
        let worker = std::thread::spawn(app.index_builder());
        // Typed at once: the search waits for the worker, or builds the index itself.
        ch(&mut app, '/');
        typed(&mut app, "minusma");
        assert_eq!(result_paras(&app), minusma_paras(app.dataset()));
        worker.join().expect("the worker ends");
        assert!(app.index_ready());
        // The worker after the index is built does nothing, and the results stand.
        app.index_builder()();
        assert_eq!(result_paras(&app), minusma_paras(app.dataset()));
    }
}

#[test]
fn the_first_frame_comes_then_a_search_typed_at_once_works() {
    let mut browser = Browser::start(120, 40);
    browser.wait_for_all(&["¶ 18 · 1 of 2", "q quit"]);
    // In one write, right after the first frame: the worker may still be building.
    browser.send("/minusma\r");
    browser.wait_for_screen("the reader at the first hit", |screen| {
        let text = screen.contents();
        text.contains("hit 1/") && text.contains("of A/75/19") && screen.hide_cursor()
    });
    let screen = browser.screen();
    let status = screen.lines().last().unwrap_or("").to_string();
    let para: u32 = status
        .split("¶ ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a paragraph in the status bar: {status:?}"));
    assert!(
        minusma_paras(&Dataset::embedded()).contains(&para),
        "¶ {para} names MINUSMA"
    );
    browser.send("q");
    assert!(browser.wait_exit());
    browser.assert_restored();
}
