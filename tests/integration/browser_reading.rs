//! Reading like a reader (issue 9): across sections, back and forward, `n` across results, a
//! mission pick as a search, counts, line keys, the reader's header, the status bar.

use crate::common::keys::{app, app_at, ch, ctrl, press, press_with, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Keymap, Pane, Source};
use c34::dataset::Recommendation;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn para(app: &App) -> Option<u32> {
    app.current().map(|(_, recommendation)| recommendation.para)
}

fn status(app: &App) -> String {
    let text = screen_text(draw(app).backend().buffer());
    text.lines().last().unwrap_or("").to_string()
}

fn response(app: &App, para: u32) -> &Recommendation {
    let location = app.dataset().find(para).expect("the report answers it");
    app.dataset().get(location).expect("a recommendation")
}

fn notes(app: &mut App, para: u32) -> Vec<String> {
    typed(app, &format!(":{para}\n"));
    let remarks = app.reader_layout().remarks();
    remarks.iter().map(ToString::to_string).collect()
}

// --- Sections from anywhere ---

#[test]
fn eight_closing_braces_from_the_start_reach_the_last_section() {
    let mut app = app_at(60, 20);
    let firsts: Vec<u32> = app
        .dataset()
        .sections
        .iter()
        .map(|section| section.recommendations[0].para)
        .collect();
    for &first in &firsts[1..] {
        assert!(ch(&mut app, '}'));
        assert_eq!(para(&app), Some(first));
    }
    assert_eq!(para(&app), Some(183));
    ch(&mut app, '}');
    assert_eq!(para(&app), Some(183), "no section after the last");
    assert!(app.message().is_some());
    ch(&mut app, '{');
    assert_eq!(para(&app), Some(156), "the first of section VIII");
}

#[test]
fn brackets_cross_section_boundaries() {
    let mut app = app();
    typed(&mut app, ":177\n");
    ch(&mut app, ']');
    assert_eq!(para(&app), Some(183));
    assert_eq!(app.list().source, Source::Section(8));
    ch(&mut app, '[');
    assert_eq!(para(&app), Some(177));
    assert_eq!(app.list().source, Source::Section(7));
}

#[test]
fn the_list_title_names_the_section_and_the_position() {
    let mut app = app_at(80, 24);
    typed(&mut app, ":158\n");
    let text = screen_text(draw(&app).backend().buffer());
    assert!(text.contains(" VIII · 3/22 "), "{text}");
    let mut wide = app_at(200, 50);
    typed(&mut wide, ":158\n");
    let text = screen_text(draw(&wide).backend().buffer());
    assert!(
        text.contains(" VIII. Safety and security · 3/22 "),
        "{text}"
    );
}

#[test]
fn in_a_mission_brackets_stay_in_the_list_and_braces_go_to_sections() {
    let mut app = app();
    ch(&mut app, 'm');
    typed(&mut app, "minusma\n");
    let Source::Mission(m) = app.list().source else {
        panic!("a mission list: {:?}", app.list().source);
    };
    let paras = app.dataset().missions[m].paras.clone();
    assert_eq!(para(&app), Some(paras[0]));
    ch(&mut app, ']');
    assert_eq!(para(&app), Some(paras[1]), "the next in the mission's list");
    assert_eq!(app.list().source, Source::Mission(m));
    // The list ends with the responses that name only Mali (search v3): its last entry.
    let items = &app.list().items;
    let last = app.dataset().get(items[items.len() - 1]).unwrap().para;
    press(&mut app, KeyCode::End);
    assert_eq!(para(&app), Some(last));
    ch(&mut app, ']');
    assert_eq!(para(&app), Some(last), "stays in the list");
    assert!(app.message().is_some());
    // `}` goes to the section after the recommendation's own.
    typed(&mut app, "g");
    let section = app.current().unwrap().0.section;
    ch(&mut app, '}');
    assert_eq!(
        para(&app),
        Some(app.dataset().sections[section + 1].recommendations[0].para)
    );
    assert_eq!(app.list().source, Source::Section(section + 1));
}

// --- History ---

#[test]
fn backspace_and_ctrl_o_go_back_alt_right_forward() {
    let mut app = app_at(60, 20);
    typed(&mut app, ":165\n:37\n");
    assert_eq!(para(&app), Some(37));
    assert!(press(&mut app, KeyCode::Backspace));
    assert_eq!(para(&app), Some(165));
    assert!(ctrl(&mut app, 'o'));
    assert_eq!(para(&app), Some(18));
    ctrl(&mut app, 'o');
    assert_eq!(para(&app), Some(18), "nothing further back");
    assert!(app.message().is_some());
    assert!(press_with(&mut app, KeyCode::Right, KeyModifiers::ALT));
    assert_eq!(para(&app), Some(165));
    press_with(&mut app, KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(para(&app), Some(37));
    press_with(&mut app, KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(para(&app), Some(165));
    // A new jump drops what was ahead, as in a browser.
    typed(&mut app, ":18\n");
    assert!(app.trail().forward.is_empty());
}

#[test]
fn every_kind_of_jump_is_recorded_and_plain_moves_are_not() {
    let mut app = app();
    // j in the list is not a jump.
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    assert!(app.trail().back.is_empty());
    // A search result.
    ch(&mut app, '/');
    typed(&mut app, "'maureen\n");
    assert_eq!(para(&app), Some(184));
    assert_eq!(app.trail().back.len(), 1);
    // A mission pick.
    ch(&mut app, 'm');
    typed(&mut app, "cyprus\n");
    assert_eq!(app.trail().back.len(), 2);
    // `]` across a section and `}`.
    typed(&mut app, ":22\n]");
    assert_eq!(para(&app), Some(36));
    assert_eq!(app.trail().back.len(), 4);
    ch(&mut app, '}');
    assert_eq!(app.trail().back.len(), 5);
    // Back through all of them.
    for expected in [36, 22] {
        press(&mut app, KeyCode::Backspace);
        assert_eq!(para(&app), Some(expected));
    }
    press(&mut app, KeyCode::Backspace);
    assert!(
        matches!(app.list().source, Source::Mission(_)),
        "the mission list"
    );
    press(&mut app, KeyCode::Backspace);
    assert_eq!(para(&app), Some(184));
}

#[test]
fn a_click_on_another_recommendation_is_recorded() {
    let mut app = app();
    let list = app.screen().inner(Pane::List).unwrap();
    let event = ratatui::crossterm::event::Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: list.x + 2,
        row: list.y + 2,
        modifiers: KeyModifiers::NONE,
    });
    let command = c34::keys::command(&event, app.keymap()).unwrap();
    app.update(command);
    assert_eq!(para(&app), Some(22));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(para(&app), Some(18));
}

#[test]
fn the_status_bar_shows_the_history_depth() {
    let mut app = app();
    typed(&mut app, ":165\n:37\n");
    assert!(status(&app).contains("←2"), "{}", status(&app));
    press(&mut app, KeyCode::Backspace);
    assert!(status(&app).contains("←1 →1"), "{}", status(&app));
}

#[test]
fn backspace_on_an_empty_prompt_closes_it_and_does_nothing_more() {
    let mut app = app();
    typed(&mut app, ":165\n");
    for open in [':', '/', 'm'] {
        ch(&mut app, open);
        if open == '/' {
            // The search reopens with no query only after a clear.
            ctrl(&mut app, 'u');
        }
        assert_ne!(app.keymap(), Keymap::Normal);
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.keymap(), Keymap::Normal, "{open}");
        assert_eq!(para(&app), Some(165), "{open}: no going back");
    }
}

// --- n and N across results ---

#[test]
fn n_goes_on_to_the_next_result_and_n_back_to_the_previous_one() {
    let mut app = app();
    ch(&mut app, '/');
    typed(&mut app, "monusco\n");
    let found = app.found().cloned().expect("a search");
    let results: Vec<u32> = found.hits.iter().map(|hit| hit.para).collect();
    assert!(results.len() > 2);
    assert_eq!(para(&app), Some(results[0]));
    let first_count = found.hits[0].highlights.len();
    for hit in 1..first_count {
        ch(&mut app, 'n');
        assert_eq!(app.hit_position(), Some((Some(hit), first_count)));
    }
    ch(&mut app, 'n');
    assert_eq!(
        para(&app),
        Some(results[1]),
        "the next result, in result order"
    );
    assert_eq!(app.hit_position().unwrap().0, Some(0), "at its first hit");
    assert!(status(&app).contains("hit 1/"), "{}", status(&app));
    assert!(status(&app).contains("result 2/"), "{}", status(&app));
    ch(&mut app, 'N');
    assert_eq!(para(&app), Some(results[0]));
    assert_eq!(
        app.hit_position(),
        Some((Some(first_count - 1), first_count)),
        "back at its last hit"
    );
    // Before the first result N wraps to the last, with a message.
    for _ in 0..first_count {
        ch(&mut app, 'N');
    }
    assert_eq!(para(&app), Some(*results.last().unwrap()));
    assert!(app.message().unwrap_or("").contains("last result"));
    // And n past the last wraps to the first.
    let last_count = found.hits.last().unwrap().highlights.len();
    let (current, _) = app.hit_position().unwrap();
    for _ in current.unwrap_or(0)..last_count {
        ch(&mut app, 'n');
    }
    assert_eq!(para(&app), Some(results[0]));
    assert!(app.message().unwrap_or("").contains("first result"));
}

#[test]
fn a_count_before_n_steps_that_many_hits() {
    let mut app = app();
    ch(&mut app, '/');
    typed(&mut app, "monusco\n");
    let counts: Vec<usize> = app
        .found()
        .unwrap()
        .hits
        .iter()
        .map(|hit| hit.highlights.len())
        .collect();
    let steps = counts[0] + 1;
    typed(&mut app, &format!("{steps}n"));
    let second = app.found().unwrap().hits[1].para;
    assert_eq!(para(&app), Some(second));
    assert_eq!(app.hit_position().unwrap().0, Some(1.min(counts[1] - 1)));
}

#[test]
fn a_mission_pick_highlights_its_mentions_by_acronym_and_full_name() {
    let mut app = app();
    ch(&mut app, 'm');
    typed(&mut app, "congo\n");
    let found = app
        .found()
        .cloned()
        .expect("the pick is a search for the mission");
    assert_eq!(found.query, "MONUSCO");
    // ¶ 53 names MONUSCO only by its full name: that name is highlighted.
    let index = app
        .list()
        .items
        .iter()
        .position(|&location| app.dataset().get(location).unwrap().para == 53)
        .expect("¶ 53 names MONUSCO");
    typed(&mut app, &format!("{}G", index + 1));
    assert_eq!(para(&app), Some(53));
    let hit = hit_here(&app).expect("highlights in ¶ 53");
    let recommendation = response(&app, 53);
    let texts: Vec<String> = hit
        .highlights
        .iter()
        .map(|h| recommendation.paragraphs[h.paragraph][h.range.clone()].to_string())
        .collect();
    assert!(
        texts
            .iter()
            .any(|text| text.contains("Democratic Republic of the Congo")),
        "{texts:?}"
    );
    // n walks them.
    ch(&mut app, 'n');
    assert_eq!(app.hit_position().unwrap().0, Some(0));
    // And `n` carries on through the mission's list.
    let before = para(&app);
    for _ in 0..texts.len() {
        ch(&mut app, 'n');
    }
    assert_ne!(para(&app), before);
    assert!(
        matches!(app.list().source, Source::Mission(_)),
        "in its list"
    );
}

// --- Counts and line keys ---

#[test]
fn counts_repeat_motions_and_g_goes_to_the_nth() {
    let mut app = app();
    typed(&mut app, ":156\n");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::List);
    typed(&mut app, "5j");
    assert_eq!(app.list().scroll.selected, 5);
    typed(&mut app, "10G");
    assert_eq!(app.list().scroll.selected, 9, "the 10th entry");
    typed(&mut app, "3k");
    assert_eq!(app.list().scroll.selected, 6);
    typed(&mut app, "999j");
    assert_eq!(app.list().scroll.selected, app.list().items.len() - 1);
    // In the reader, the 10th line.
    press(&mut app, KeyCode::Tab);
    typed(&mut app, ":184\n");
    typed(&mut app, "10G");
    assert_eq!(app.reader().scroll, 9);
    typed(&mut app, "2j");
    assert_eq!(app.reader().scroll, 11);
    // A count with `]`.
    typed(&mut app, ":18\n3]");
    assert_eq!(para(&app), Some(37), "18 → 22 → 36 → 37");
}

#[test]
fn the_pending_count_shows_in_the_status_bar_and_goes_with_the_next_key() {
    let mut app = app();
    typed(&mut app, "12");
    assert_eq!(app.pending_count(), Some(12));
    assert!(status(&app).starts_with(" 12… "), "{}", status(&app));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.pending_count(), None);
    assert!(!status(&app).contains("12…"));
}

#[test]
fn ctrl_e_and_ctrl_y_scroll_one_line() {
    let mut app = app_at(80, 24);
    typed(&mut app, ":184\n");
    assert!(ctrl(&mut app, 'e'));
    assert_eq!(app.reader().scroll, 1);
    ctrl(&mut app, 'e');
    ctrl(&mut app, 'y');
    assert_eq!(app.reader().scroll, 1);
    // In a list the view moves and the selection stays.
    typed(&mut app, ":156\n");
    press(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'e');
    assert_eq!(app.list().scroll.offset, 1);
    assert_eq!(para(&app), Some(156));
}

// --- Help, unknown keys, the status bar ---

#[test]
fn q_question_mark_and_esc_close_the_help() {
    for key in [KeyCode::Char('q'), KeyCode::Char('?'), KeyCode::Esc] {
        let mut app = app();
        ch(&mut app, '?');
        assert_eq!(app.keymap(), Keymap::Help);
        press(&mut app, key);
        assert_eq!(app.keymap(), Keymap::Normal, "{key:?}");
        assert!(!app.quit_requested());
    }
}

#[test]
fn an_unknown_key_says_so_beside_the_paragraph() {
    let mut app = app();
    typed(&mut app, ":165\n");
    assert!(ch(&mut app, 'x'));
    assert_eq!(app.message(), Some("unknown key — ? for help"));
    let status = status(&app);
    assert!(status.contains("¶ 165"), "{status}");
    assert!(status.contains("unknown key — ? for help"), "{status}");
}

#[test]
fn the_status_bar_always_shows_the_paragraph() {
    let mut app = app_at(40, 12);
    typed(&mut app, ":165\n:17\n");
    assert!(app.message().is_some());
    assert!(status(&app).starts_with(" ¶ 165 · "), "{}", status(&app));
    ch(&mut app, ':');
    typed(&mut app, "4");
    assert!(
        status(&app).starts_with(" :4 · from ¶ 165"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Esc);
    ch(&mut app, '/');
    typed(&mut app, "minusma\n");
    let status = status(&app);
    assert!(
        status.contains(&format!("¶ {}", para(&app).unwrap())),
        "{status}"
    );
}

// --- The reader's header ---

#[test]
fn the_header_names_the_missions_also_by_full_name() {
    let mut app = app();
    // ¶ 100 names UNMOGIP and UNTSO by full name only.
    let text = response(&app, 100).paragraphs.join(" ");
    assert!(!text.contains("UNMOGIP") && !text.contains("UNTSO"));
    assert!(text.contains("Military Observer Group in India and Pakistan"));
    let header = notes(&mut app, 100).join("\n");
    assert!(
        header.contains("UNMOGIP") && header.contains("UNTSO"),
        "{header}"
    );
    // ¶ 81 names BINUH by full name.
    let text = response(&app, 81).paragraphs.join(" ");
    assert!(!text.contains("BINUH"));
    let header = notes(&mut app, 81).join("\n");
    assert!(header.contains("BINUH"), "{header}");
    // A mission named only by its place is marked as such.
    assert!(
        header.contains("(place only)"),
        "¶ 81 names Mali and the Central African Republic: {header}"
    );
    // On screen, in the reader.
    let screen = screen_text(draw(&app).backend().buffer());
    let line = screen
        .lines()
        .find(|line| line.contains("Missions: "))
        .unwrap_or_else(|| panic!("a header line: {screen}"));
    assert!(line.contains("BINUH"), "{screen}");
}

#[test]
fn identical_responses_say_so_both_ways() {
    let mut app = app();
    assert_eq!(
        response(&app, 149).paragraphs,
        response(&app, 159).paragraphs
    );
    assert!(notes(&mut app, 149).contains(&"Same text as ¶ 159".to_string()));
    assert!(notes(&mut app, 159).contains(&"Same text as ¶ 149".to_string()));
    assert!(
        screen_text(draw(&app).backend().buffer()).contains("Same text as ¶ 149"),
        "on screen"
    );
    // The "not addressed to the Secretariat" responses are alike but marked already.
    let not_addressed: Vec<u32> = app
        .dataset()
        .recommendations()
        .filter(|(_, r)| r.is_not_addressed())
        .map(|(_, r)| r.para)
        .collect();
    assert_eq!(not_addressed.len(), 7);
    for para in not_addressed {
        let notes = notes(&mut app, para);
        assert!(
            notes.iter().all(|note| !note.starts_with("Same text")),
            "{para}"
        );
    }
    // A response like no other says nothing.
    assert!(notes(&mut app, 18).is_empty());
}

#[test]
fn the_readme_way_to_165_by_sections() {
    let mut app = app();
    typed(&mut app, "7}9]");
    assert_eq!(para(&app), Some(165));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(para(&app), Some(18), "back to where the jump left");
}

#[test]
fn a_place_next_to_its_mission_or_a_partner_is_not_listed() {
    let mut app = app();
    // ¶ 165 names MINUSMA and Mali: Mali adds nothing, and the EU mission there is a partner.
    let header = notes(&mut app, 165).join("\n");
    assert!(header.contains("MINUSMA"), "{header}");
    assert!(!header.contains("place only"), "{header}");
    assert!(!header.contains("EUTM"), "{header}");
}

/// The hit the last search found in the recommendation in the reader.
fn hit_here(app: &App) -> Option<&c34::search::Hit> {
    let (location, _) = app.current()?;
    app.found()?.hit_at(location)
}
