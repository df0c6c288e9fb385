//! The documents the responses cite, in the browser: a Documents cited branch in the tree
//! whose documents list their citing recommendations with the citation standing out, and the
//! reader's header listing a response's documents with their links. What is cited where comes
//! from `c34 refs --json`, the command line's view, never from the screen under test.

use crate::common::cli::{c34, stdout_of};
use crate::common::keys::{app_at, ch, press, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::reader::{Mark, ReaderLine};
use c34::app::{App, Command, Pane, Source, TreeRow};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

/// (symbol, paras, link) for every document cited, in `c34 refs` order.
fn refs_json() -> Vec<(String, Vec<u32>, String)> {
    let text = stdout_of(c34().args(["refs", "--json"]));
    let json: Value = serde_json::from_str(&text).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["symbol"].as_str().unwrap().to_string(),
                r["paras"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| u32::try_from(p.as_u64().unwrap()).unwrap())
                    .collect(),
                r["link"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn listed(app: &App) -> Vec<u32> {
    app.list()
        .items
        .iter()
        .map(|&l| app.dataset().get(l).unwrap().para)
        .collect()
}

/// Opens the Documents cited branch from the keyboard and selects its first document.
fn open_branch(app: &mut App) {
    let rows = app.tree_rows();
    let head = rows.iter().position(|&r| r == TreeRow::Documents).unwrap();
    for _ in 0..head {
        ch(app, 'j');
    }
    press(app, KeyCode::Enter);
    ch(app, 'j');
}

/// The reader's text marked as the listed document's citations.
fn cited_marks(app: &App) -> Vec<String> {
    app.reader_layout()
        .paragraphs
        .iter()
        .flat_map(|p| {
            p.marks
                .iter()
                .filter(|(_, mark)| *mark == Mark::Cited)
                .map(|(range, _)| p.text[range.clone()].to_string())
        })
        .collect()
}

/// The digits of a symbol's number, as the text writes them whatever the form
/// (`S/RES/2589 (2021)` → `2589`, `A/RES/72/262 C` → `262`).
fn number(symbol: &str) -> String {
    let before_year = symbol.split(" (").next().unwrap();
    let last = before_year
        .split(['/', ' '])
        .rfind(|part| part.chars().any(|c| c.is_ascii_digit()))
        .unwrap();
    last.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn every_document_lists_the_recommendations_citing_it_with_the_citation_marked() {
    let refs = refs_json();
    // Wide enough for the list's title to hold the longest symbol and its count.
    let mut app = app_at(160, 40);
    open_branch(&mut app);
    let screen = screen_text(draw(&app).backend().buffer());
    let branch = screen
        .lines()
        .find(|line| line.contains("▾ Documents cited"))
        .expect("the branch is open");
    let tree_cell = branch.split(['┃', '│']).nth(1).unwrap_or_default();
    assert!(
        tree_cell.ends_with(&format!(" {}", refs.len())),
        "the branch counts the documents: {tree_cell}"
    );
    for (index, (symbol, paras, _)) in refs.iter().enumerate() {
        assert_eq!(app.list().source, Source::Document(index), "{symbol}");
        assert_eq!(&listed(&app), paras, "{symbol}");
        let screen = screen_text(draw(&app).backend().buffer());
        assert!(
            screen.contains(&format!(" {symbol} · {} ", paras.len())),
            "{screen}"
        );
        // Each citing response, in the list's order, marks its citations of this document.
        press(&mut app, KeyCode::Enter);
        for (n, para) in paras.iter().enumerate() {
            assert_eq!(app.current().unwrap().1.para, *para);
            let marks = cited_marks(&app);
            assert!(!marks.is_empty(), "{symbol} in ¶ {para}");
            for text in &marks {
                assert!(text.contains(&number(symbol)), "{text:?} for {symbol}");
            }
            if n + 1 < paras.len() {
                ch(&mut app, 'j');
            }
        }
        // Back to the tree, to the next document.
        ch(&mut app, 'h');
        ch(&mut app, 'h');
        assert_eq!(app.focus(), Pane::Tree);
        ch(&mut app, 'j');
    }
}

#[test]
fn citations_stand_out_only_in_a_documents_list() {
    let mut app = app_at(120, 40);
    typed(&mut app, ":165\n");
    assert!(
        cited_marks(&app).is_empty(),
        "a section's list marks nothing"
    );
}

#[test]
fn the_reader_header_lists_the_documents_a_response_cites_with_links() {
    let refs = refs_json();
    // Wide enough for each symbol and its link on one line (issue 9 gives the list and the
    // tree a share of the width at 120 columns, and the link moved under the symbol there).
    let mut app = app_at(160, 40);
    for para in app
        .dataset()
        .recommendations()
        .map(|(_, r)| r.para)
        .collect::<Vec<_>>()
    {
        typed(&mut app, &format!(":{para}\n"));
        let header: Vec<String> = app
            .reader_layout()
            .lines
            .iter()
            .filter_map(|line| match line {
                ReaderLine::Cites(text) => Some(text.to_string()),
                _ => None,
            })
            .collect();
        let cited: Vec<_> = refs.iter().filter(|(_, p, _)| p.contains(&para)).collect();
        if cited.is_empty() {
            assert!(header.is_empty(), "¶ {para}: {header:?}");
            continue;
        }
        assert_eq!(header.first().map(String::as_str), Some("Documents cited:"));
        assert_eq!(header.len(), cited.len() + 1, "¶ {para}: {header:?}");
        for (symbol, _, link) in cited {
            assert!(
                header.contains(&format!("  {symbol}  {link}")),
                "¶ {para}: {symbol} {link} in {header:?}"
            );
        }
    }
}

#[test]
fn a_narrow_reader_puts_the_link_under_the_symbol_whole() {
    let mut app = app_at(60, 20);
    typed(&mut app, ":165\n");
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("  S/RES/2589 (2021) "), "{screen}");
    assert!(
        screen.contains("https://undocs.org/en/S/RES/2589(2021)"),
        "{screen}"
    );
}

#[test]
fn documents_cited_120x40() {
    let mut app = app_at(120, 40);
    open_branch(&mut app);
    // S/RES/2589 (2021), cited by ¶ 165.
    let refs = refs_json();
    let index = refs
        .iter()
        .position(|(symbol, _, _)| symbol == "S/RES/2589 (2021)")
        .unwrap();
    for _ in 0..index {
        ch(&mut app, 'j');
    }
    app.update(Command::FocusRight);
    assert_eq!(listed(&app), [165]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = screen_text(buffer);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("adopted resolution 2589"))
        .expect("the citation on screen");
    let x = line[..line.find("2589").unwrap()].chars().count();
    let cell = &buffer[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
    assert_eq!(
        cell.bg,
        ratatui::style::Color::Yellow,
        "stands out: {cell:?}"
    );
    insta::assert_snapshot!("documents_cited_120x40", terminal.backend());
}

#[test]
fn search_hits_stay_on_their_lines_below_the_header() {
    let mut app = app_at(120, 40);
    typed(&mut app, "/'impunity\n");
    assert_eq!(app.current().unwrap().1.para, 165);
    let layout = &app.reader_layout();
    assert!(
        layout
            .lines
            .iter()
            .any(|line| matches!(line, ReaderLine::Cites(_))),
        "¶ 165 has a header of documents"
    );
    assert!(!layout.hit_lines.is_empty());
    for &line in &layout.hit_lines {
        let ReaderLine::Text { paragraph, range } = &layout.lines[line] else {
            panic!("hit line {line} is {:?}", layout.lines[line]);
        };
        let text = &layout.paragraphs[*paragraph].text[range.clone()];
        assert!(text.contains("impunity"), "{text:?}");
    }
}
