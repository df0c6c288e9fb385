//! The `o` matrix in the browser: it opens on the largest cell, hjkl and the arrows move the
//! cursor (the view scrolls when the matrix does not fit), `Enter` lists the cell's
//! recommendations, `Esc` closes. What a cell holds is taken from `c34 missions --matrix
//! --json`, the command line's view of the same data, never from the screen under test.

use crate::common::cli::{c34, stdout_of};
use crate::common::keys::{app_at, ch, press};
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Keymap, Overlay, Pane, Source};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use serde_json::Value;

/// A mission's acronym and, per section, the paragraphs naming it.
type MissionRow = (String, Vec<Vec<u32>>);

/// Missions × sections as `c34 missions --matrix --json` prints them: the sections' numerals
/// and a row per mission.
fn matrix_json() -> (Vec<String>, Vec<MissionRow>) {
    let text = stdout_of(c34().args(["missions", "--matrix", "--json"]));
    let json: Value = serde_json::from_str(&text).unwrap();
    let sections = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let missions = json["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let paras = m["paras"]
                .as_array()
                .unwrap()
                .iter()
                .map(|cell| {
                    cell.as_array()
                        .unwrap()
                        .iter()
                        .map(|p| u32::try_from(p.as_u64().unwrap()).unwrap())
                        .collect()
                })
                .collect();
            (m["acronym"].as_str().unwrap().to_string(), paras)
        })
        .collect();
    (sections, missions)
}

fn cursor(app: &App) -> (usize, usize) {
    match app.overlay() {
        Some(Overlay::Matrix(state)) => (state.row, state.col),
        other => panic!("the matrix is open: {other:?}"),
    }
}

fn listed(app: &App) -> Vec<u32> {
    app.list()
        .items
        .iter()
        .map(|&l| app.dataset().get(l).unwrap().para)
        .collect()
}

/// Moves the cursor from where it is to (`row`, `col`) with hjkl.
fn go_to(app: &mut App, row: usize, col: usize) {
    let (at_row, at_col) = cursor(app);
    let vertical = if row > at_row { 'j' } else { 'k' };
    for _ in 0..row.abs_diff(at_row) {
        ch(app, vertical);
    }
    let horizontal = if col > at_col { 'l' } else { 'h' };
    for _ in 0..col.abs_diff(at_col) {
        ch(app, horizontal);
    }
    assert_eq!(cursor(app), (row, col));
}

#[test]
fn o_opens_the_matrix_on_its_largest_cell() {
    let (_, missions) = matrix_json();
    // The first largest count, row by row.
    let mut best = ((0, 0), 0);
    for (row, (_, cells)) in missions.iter().enumerate() {
        for (col, paras) in cells.iter().enumerate() {
            if paras.len() > best.1 {
                best = ((row, col), paras.len());
            }
        }
    }
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    assert_eq!(app.keymap(), Keymap::Matrix);
    assert_eq!(cursor(&app), best.0);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Normal);
}

#[test]
fn enter_on_every_cell_lists_its_recommendations() {
    let (sections, missions) = matrix_json();
    let mut app = app_at(120, 40);
    for (row, (acronym, cells)) in missions.iter().enumerate() {
        for (col, paras) in cells.iter().enumerate() {
            if paras.is_empty() {
                continue;
            }
            ch(&mut app, 'o');
            go_to(&mut app, row, col);
            press(&mut app, KeyCode::Enter);
            assert_eq!(
                app.keymap(),
                Keymap::Normal,
                "{acronym} × {}",
                sections[col]
            );
            assert_eq!(app.list().source, Source::Cell { row, col });
            assert_eq!(&listed(&app), paras, "{acronym} × {}", sections[col]);
            assert_eq!(app.focus(), Pane::List);
            let screen = screen_text(draw(&app).backend().buffer());
            let title = format!(" {acronym} × {} · {} ", sections[col], paras.len());
            assert!(screen.contains(&title), "{title}\n{screen}");
        }
    }
}

#[test]
fn an_empty_cell_lists_nothing_and_the_matrix_stays() {
    let (_, missions) = matrix_json();
    let (row, col) = missions
        .iter()
        .enumerate()
        .find_map(|(row, (_, cells))| cells.iter().position(Vec::is_empty).map(|col| (row, col)))
        .unwrap();
    let mut app = app_at(120, 40);
    let before = app.list().source;
    ch(&mut app, 'o');
    go_to(&mut app, row, col);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.keymap(), Keymap::Matrix);
    assert_eq!(app.list().source, before);
    assert_eq!(app.message(), Some("No recommendation here"));
}

#[test]
fn the_arrows_move_like_hjkl_and_stop_at_the_edges() {
    let (sections, missions) = matrix_json();
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    let start = cursor(&app);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Down);
    assert_eq!(cursor(&app), (start.0 + 1, start.1 + 1));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Up);
    assert_eq!(cursor(&app), start);
    for _ in 0..30 {
        ch(&mut app, 'l');
        ch(&mut app, 'j');
    }
    assert_eq!(cursor(&app), (missions.len() - 1, sections.len() - 1));
    ch(&mut app, 'g');
    assert_eq!(cursor(&app).0, 0);
    for _ in 0..30 {
        ch(&mut app, 'h');
    }
    assert_eq!(cursor(&app), (0, 0));
    ch(&mut app, 'G');
    assert_eq!(cursor(&app).0, missions.len() - 1);
    // Keys of the panes do nothing here; q is not bound (Esc closes, Ctrl-c quits).
    assert!(!press(&mut app, KeyCode::Tab));
    assert!(!ch(&mut app, 'q'));
}

#[test]
fn a_click_moves_the_cursor_and_a_second_lists_the_cell() {
    let (_, missions) = matrix_json();
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    let view = app.matrix_view();
    let (row, col) = cursor(&app);
    // One row down: a click on it moves the cursor, a second click lists it.
    let target = view.cell(row + 1, col).unwrap();
    let click = c34::app::Command::Click {
        column: target.x + 2,
        row: target.y,
    };
    app.update(click);
    assert_eq!(cursor(&app), (row + 1, col));
    let expected = missions[row + 1].1[col].clone();
    app.update(click);
    if expected.is_empty() {
        assert_eq!(app.keymap(), Keymap::Matrix);
    } else {
        assert_eq!(listed(&app), expected);
    }
}

#[test]
fn the_view_scrolls_to_keep_the_cursor_in_it() {
    let (sections, missions) = matrix_json();
    let mut app = app_at(60, 12);
    ch(&mut app, 'o');
    let view = app.matrix_view();
    assert!(
        view.rows < missions.len() && view.cols < sections.len(),
        "the matrix does not fit at 60x12"
    );
    ch(&mut app, 'G');
    for _ in 0..sections.len() {
        ch(&mut app, 'l');
    }
    let Some(Overlay::Matrix(state)) = app.overlay() else {
        panic!("the matrix is open");
    };
    assert_eq!(state.row_offset + view.rows, missions.len());
    assert_eq!(state.col_offset + view.cols, sections.len());
    let screen = screen_text(draw(&app).backend().buffer());
    let last = &missions[missions.len() - 1].0;
    assert!(screen.contains(last.as_str()), "{screen}");
    let heading = screen.lines().nth(1).unwrap();
    assert!(
        heading.contains("mission") && heading.contains('◂'),
        "columns out of view on the left: {heading}"
    );
    assert!(
        screen.contains(&format!("missions {}–", state.row_offset + 1)),
        "{screen}"
    );
}

#[test]
fn matrix_120x40() {
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    insta::assert_snapshot!("matrix_120x40", draw(&app).backend());
}

#[test]
fn matrix_80x24_scrolled() {
    let (sections, missions) = matrix_json();
    let mut app = app_at(80, 24);
    ch(&mut app, 'o');
    let view = app.matrix_view();
    // Every section fits at 80 columns (narrower cells); the missions scroll.
    assert!(
        view.rows < missions.len(),
        "the missions do not all fit at 80x24"
    );
    assert_eq!(view.cols, sections.len(), "every section in view at 80x24");
    // To the last mission and section IX.
    ch(&mut app, 'G');
    for _ in 0..sections.len() {
        ch(&mut app, 'l');
    }
    let Some(Overlay::Matrix(state)) = app.overlay() else {
        panic!("the matrix is open");
    };
    assert_eq!(state.col_offset, 0, "no sideways scroll");
    assert!(state.row_offset > 0, "scrolled down");
    let text = screen_text(draw(&app).backend().buffer());
    let heading = text.lines().nth(1).expect("the headings");
    let numerals: Vec<&str> = heading.split_whitespace().skip(1).collect();
    let mut expected: Vec<&str> = sections.iter().map(String::as_str).collect();
    expected.push("total");
    assert_eq!(
        numerals
            .iter()
            .filter(|n| **n != "┃")
            .copied()
            .collect::<Vec<_>>(),
        expected
    );
    insta::assert_snapshot!("matrix_80x24_scrolled", draw(&app).backend());
}

#[test]
fn matrix_without_colour_has_no_colour_and_keeps_numbers_and_shading() {
    let mut app = App::new(
        c34::dataset::Dataset::embedded(),
        ratatui::layout::Size::new(120, 40),
        false,
    );
    ch(&mut app, 'o');
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let screen = screen_text(buffer);
    for shade in ["░", "▒", "▓", "█"] {
        assert!(screen.contains(shade), "{shade} in\n{screen}");
    }
    // The cursor's cell is reversed, so it shows without colour.
    let (row, col) = cursor(&app);
    let rect = app.matrix_view().cell(row, col).unwrap();
    let cell = &buffer[(rect.x + 1, rect.y)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "{cell:?}"
    );
    insta::assert_snapshot!("matrix_no_color_120x40", screen);
}

#[test]
fn a_listed_cell_highlights_the_mission_and_n_walks_its_mentions() {
    let (sections, missions) = matrix_json();
    let row = missions
        .iter()
        .position(|(acronym, _)| acronym == "MINUSMA")
        .expect("the matrix has MINUSMA");
    let col = sections.iter().position(|s| s == "VII").unwrap();
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    go_to(&mut app, row, col);
    press(&mut app, KeyCode::Enter);
    let found = app.found().expect("the mission's mentions are highlighted");
    let cell = &missions[row].1[col];
    let found_paras: Vec<u32> = found.hits.iter().map(|hit| hit.para).collect();
    assert_eq!(
        &found_paras, cell,
        "one hit per recommendation of the cell, in its order"
    );
    // Each highlight is the acronym or the full name, as the text says it.
    let name = "United Nations Multidimensional Integrated Stabilization Mission in Mali";
    for hit in &found.hits {
        let recommendation = app.dataset().get(hit.location).unwrap();
        assert!(!hit.highlights.is_empty(), "¶ {}", hit.para);
        for highlight in &hit.highlights {
            let text = &recommendation.paragraphs[highlight.paragraph][highlight.range.clone()];
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat == "MINUSMA" || flat == name,
                "¶ {}: {text:?}",
                hit.para
            );
        }
    }
    // n steps to a highlight.
    ch(&mut app, 'n');
    assert!(matches!(app.hit_position(), Some((Some(_), _))));
}

#[test]
fn the_totals_say_what_they_count() {
    let (_, missions) = matrix_json();
    // Mentions: every (mission, recommendation) pair; recommendations: each paragraph once.
    let mentions: usize = missions
        .iter()
        .map(|(_, cells)| cells.iter().map(Vec::len).sum::<usize>())
        .sum();
    let mut paras: Vec<u32> = missions
        .iter()
        .flat_map(|(_, cells)| cells.iter().flatten().copied())
        .collect();
    paras.sort_unstable();
    paras.dedup();
    assert!(paras.len() < mentions, "some response names two missions");
    let label = format!("{mentions} mentions in {} recommendations", paras.len());
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app_at(width, height);
        ch(&mut app, 'o');
        let text = screen_text(draw(&app).backend().buffer());
        assert!(
            text.contains(&label),
            "{label} at {width}x{height}:\n{text}"
        );
    }
}

#[test]
fn at_120x40_the_matrix_keys_its_numerals_and_names_places_in_full() {
    let mut app = app_at(120, 40);
    ch(&mut app, 'o');
    let text = screen_text(draw(&app).backend().buffer());
    for section in &app.dataset().sections {
        let entry = format!("{} {}", section.number.as_str(), section.title.as_str());
        assert!(text.contains(&entry), "the key names {entry}:\n{text}");
    }
    for mission in &app.dataset().missions {
        let place = mission.location.as_str();
        if !place.is_empty() && app.matrix().row_of(mission.acronym.as_str()).is_some() {
            assert!(text.contains(place), "{place} in full:\n{text}");
        }
    }
    assert!(!text.contains('…'), "nothing cut:\n{text}");
}

#[test]
fn at_200_columns_the_matrix_names_missions_in_full() {
    let mut app = app_at(200, 50);
    ch(&mut app, 'o');
    let text = screen_text(draw(&app).backend().buffer());
    let longest = app
        .matrix()
        .rows
        .iter()
        .map(|row| row.name.as_str().to_string())
        .max_by_key(|name| name.chars().count())
        .expect("a mission");
    assert!(text.contains(&longest), "{longest}:\n{text}");
}
