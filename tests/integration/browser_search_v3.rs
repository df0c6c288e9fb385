//! Search v3 in the browser: a mission's list holds the responses that name only its place
//! (marked), the picker says when the report does not name a mission the gazetteer knows,
//! partial and approximate hits are marked in the search and the status bar, and a quoted
//! phrase with no hit says how many responses have its words. Expected values come from the
//! report's text and the gazetteer file by rule, never from the search engine.

use std::collections::BTreeSet;

use crate::common::keys::{app, app_at, ch, press, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Overlay, Source};
use c34::dataset::Location;
use ratatui::crossterm::event::KeyCode;

/// Every response: where it is, its paragraph number and its text.
fn responses(app: &App) -> Vec<(Location, u32, String)> {
    let mut out = Vec::new();
    for (s, section) in app.dataset().sections.iter().enumerate() {
        for (r, recommendation) in section.recommendations.iter().enumerate() {
            let text: Vec<&str> = recommendation.paragraphs.iter().map(|p| &**p).collect();
            out.push((
                Location {
                    section: s,
                    recommendation: r,
                },
                recommendation.para,
                text.join("\n"),
            ));
        }
    }
    out
}

/// The words of `text` (letters and digits), as written.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn list_paras(app: &App) -> Vec<u32> {
    app.list()
        .items
        .iter()
        .map(|&location| app.dataset().get(location).unwrap().para)
        .collect()
}

fn mission_index(app: &App, acronym: &str) -> usize {
    app.dataset()
        .missions
        .iter()
        .position(|m| m.acronym == acronym)
        .unwrap_or_else(|| panic!("the report names {acronym}"))
}

/// The responses that name Mali as a place (the word `Mali`, not inside "Somalia" and not in
/// "European Union Training Mission in Mali") but not MINUSMA, in report order.
fn mali_place_only(app: &App, mentions: &[u32]) -> Vec<u32> {
    responses(app)
        .into_iter()
        .filter(|(_, para, _)| !mentions.contains(para))
        .filter(|(_, _, text)| {
            let words = words(text);
            words.iter().enumerate().any(|(i, w)| {
                *w == "Mali" && !(i >= 3 && words[i - 3..i] == ["Training", "Mission", "in"])
            })
        })
        .map(|(_, para, _)| para)
        .collect()
}

#[test]
fn m_mali_lists_the_mentions_then_the_place_only_responses_marked() {
    let mut app = app();
    let minusma = mission_index(&app, "MINUSMA");
    let mentions = app.dataset().missions[minusma].paras.clone();
    let place_only = mali_place_only(&app, &mentions);
    // The figures: 19 responses mention MINUSMA, 5 more name only Mali.
    assert_eq!(
        (mentions.len(), place_only.len()),
        (19, 5),
        "{place_only:?}"
    );
    ch(&mut app, 'm');
    typed(&mut app, "mali\n");
    assert_eq!(app.list().source, Source::Mission(minusma));
    let expected: Vec<u32> = mentions.iter().chain(&place_only).copied().collect();
    assert_eq!(list_paras(&app), expected);
    let marked: Vec<u32> = app
        .list()
        .items
        .iter()
        .filter(|&&location| app.is_place_only(location))
        .map(|&location| app.dataset().get(location).unwrap().para)
        .collect();
    assert_eq!(marked, place_only);
    // The same responses as `/mali`.
    ch(&mut app, '/');
    c34_clear_and_type(&mut app, "mali");
    let Some(Overlay::Search(search)) = app.overlay() else {
        panic!("the search is open");
    };
    let found: BTreeSet<u32> = search.results().items.iter().map(|hit| hit.para).collect();
    assert_eq!(found, expected.iter().copied().collect::<BTreeSet<u32>>());
    press(&mut app, KeyCode::Esc);
}

/// Clears the prompt (the search may open on the last query) and types `query`.
fn c34_clear_and_type(app: &mut App, query: &str) {
    crate::common::keys::ctrl(app, 'u');
    typed(app, query);
}

#[test]
fn choosing_the_mission_in_the_tree_lists_the_same() {
    let mut app = app();
    ch(&mut app, 'm');
    typed(&mut app, "mali\n");
    let picked = list_paras(&app);
    // To the tree, off the mission and back onto it: the tree lists it again.
    ch(&mut app, 'h');
    let minusma = mission_index(&app, "MINUSMA");
    ch(&mut app, 'k');
    assert_ne!(app.list().source, Source::Mission(minusma));
    ch(&mut app, 'j');
    assert_eq!(app.list().source, Source::Mission(minusma));
    assert_eq!(list_paras(&app), picked);
}

#[test]
fn the_place_only_responses_are_marked_on_screen_and_highlight_the_place() {
    let mut app = app_at(120, 40);
    ch(&mut app, 'm');
    typed(&mut app, "mali\n");
    let minusma = mission_index(&app, "MINUSMA");
    let mentions = app.dataset().missions[minusma].paras.clone();
    let place_only = mali_place_only(&app, &mentions);
    // The last response: a place-only one, in view.
    press(&mut app, KeyCode::End);
    let terminal = draw(&app);
    insta::assert_snapshot!("mission_list_mali_120x40", terminal.backend());
    // The list pane's columns only.
    let list = app.screen().list.expect("the list is on screen");
    let buffer = terminal.backend().buffer();
    let lines: Vec<String> = (list.y..list.bottom())
        .map(|y| {
            (list.x..list.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let text = lines.join("\n");
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        for para in mentions.iter().chain(&place_only) {
            if !line.contains(&format!("¶ {para} ")) {
                continue;
            }
            // Each entry is two rows; the mark is at the end of the second.
            let marked = lines.get(i + 1).is_some_and(|l| l.contains("(place only)"));
            assert_eq!(marked, place_only.contains(para), "¶ {para}:\n{text}");
            seen += usize::from(marked);
        }
    }
    assert!(seen > 0, "a place-only response is in view:\n{text}");
    let status = text_status(&terminal);
    assert!(status.contains("place only"), "{status}");
    // The reader highlights Mali in a place-only response, for n/N to walk.
    let (current, count) = app.hit_position().expect("the response has hits");
    assert!(count > 0 && current.is_none_or(|c| c < count));
}

/// The status bar: the screen's last line.
fn text_status(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let text = screen_text(terminal.backend().buffer());
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_picker_says_a_known_mission_is_not_named_in_this_report() {
    let mut app = app();
    // From the gazetteer file: the missions placed in Lebanon; the report names none of them.
    let lebanon: Vec<&str> = c34::missions::entries()
        .iter()
        .filter(|e| e.location == "Lebanon")
        .map(|e| e.acronym)
        .collect();
    assert!(lebanon.contains(&"UNIFIL"), "{lebanon:?}");
    for acronym in &lebanon {
        assert!(app.dataset().missions.iter().all(|m| m.acronym != *acronym));
        assert!(responses(&app).iter().all(|(_, _, t)| !t.contains(acronym)));
    }
    let said = |app: &mut App, query: &str| {
        ch(app, 'm');
        typed(app, query);
        let text = screen_text(draw(app).backend().buffer());
        press(app, KeyCode::Esc);
        text
    };
    for query in ["unifil", "UNIFIL", "interim force in lebanon"] {
        let text = said(&mut app, query);
        assert!(
            text.contains("UNIFIL is not named in this report."),
            "{query}:\n{text}"
        );
        assert!(!text.contains("No mission matches"), "{text}");
    }
    let text = said(&mut app, "lebanon");
    let (last, others) = lebanon.split_last().unwrap();
    let expected = if others.is_empty() {
        format!("{last} is not named in this report.")
    } else {
        format!(
            "{} and {last} are not named in this report.",
            others.join(", ")
        )
    };
    assert!(text.contains(&expected), "{expected}\n{text}");
    let text = said(&mut app, "xqzw");
    assert!(text.contains("No mission matches “xqzw”."), "{text}");
}

/// The query terms of `women peace and security targets` a response lacks, by its words:
/// woman/women, a word starting with peace, security/securities, a word starting with target.
fn wps_missing(text: &str) -> Vec<String> {
    let words: Vec<String> = words(text).iter().map(|w| w.to_lowercase()).collect();
    let has = |test: &dyn Fn(&str) -> bool| words.iter().any(|w| test(w));
    let mut missing = Vec::new();
    if !has(&|w| w == "women" || w == "woman") {
        missing.push("women".to_string());
    }
    if !has(&|w| w.starts_with("peace")) {
        missing.push("peace".to_string());
    }
    if !has(&|w| w == "security" || w == "securities") {
        missing.push("security".to_string());
    }
    if !has(&|w| w.starts_with("target")) {
        missing.push("targets".to_string());
    }
    missing
}

#[test]
fn partial_hits_say_what_they_lack_in_the_search_and_the_status_bar() {
    let mut app = app_at(120, 40);
    ch(&mut app, '/');
    typed(&mut app, "women peace and security targets");
    let texts = responses(&app);
    let text_of = |para: u32| {
        texts
            .iter()
            .find(|(_, p, _)| *p == para)
            .map(|(_, _, t)| t.clone())
            .unwrap()
    };
    let Some(Overlay::Search(search)) = app.overlay() else {
        panic!("the search is open");
    };
    let hits = search.results().items.clone();
    assert!(hits.len() >= 3, "{hits:?}");
    let first_three: Vec<u32> = hits.iter().take(3).map(|hit| hit.para).collect();
    assert!(first_three.contains(&184), "{first_three:?}");
    // ¶ 184 is about gender parity targets: it has no "security".
    assert_eq!(wps_missing(&text_of(184)), ["security"]);
    let terminal = draw(&app);
    insta::assert_snapshot!("search_wps_targets_120x40", terminal.backend());
    let screen = screen_text(terminal.backend().buffer());
    let mut partial = 0;
    for hit in hits.iter().take(5) {
        let missing = wps_missing(&text_of(hit.para));
        let heading = screen
            .lines()
            .find(|l| l.contains(&format!("¶ {} ", hit.para)))
            .unwrap_or_else(|| panic!("¶ {} is on screen:\n{screen}", hit.para));
        if missing.is_empty() {
            assert!(!heading.contains("missing:"), "{heading}");
        } else {
            partial += 1;
            let mark = format!("(missing: {})", missing.join(", "));
            assert!(heading.contains(&mark), "{mark}\n{heading}");
        }
    }
    assert!(partial >= 2, "{screen}");
    // Opened, the status bar says the same.
    let index = hits.iter().position(|hit| hit.para == 184).unwrap();
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(draw(&app).backend().buffer());
    let status = screen.lines().last().unwrap();
    assert!(status.contains("missing: security"), "{status}");
}

#[test]
fn typo_only_hits_are_marked_approximate() {
    let mut app = app_at(120, 40);
    // No word of the report starts with the query: whatever it finds, it finds by a typo.
    let query = "peacekeepng";
    assert!(responses(&app).iter().all(|(_, _, t)| {
        words(t)
            .iter()
            .all(|w| !w.to_lowercase().starts_with(query))
    }));
    ch(&mut app, '/');
    typed(&mut app, query);
    let screen = screen_text(draw(&app).backend().buffer());
    let Some(Overlay::Search(search)) = app.overlay() else {
        panic!("the search is open");
    };
    let first = search
        .results()
        .items
        .first()
        .expect("a typo is forgiven")
        .para;
    let heading = screen
        .lines()
        .find(|l| l.contains(&format!("¶ {first} ")))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(heading.contains("(approximate)"), "{heading}");
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(draw(&app).backend().buffer());
    let status = screen.lines().last().unwrap();
    assert!(status.contains("approximate"), "{status}");
    // An exact search marks nothing.
    ch(&mut app, '/');
    c34_clear_and_type(&mut app, "peacekeeping");
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(!screen.contains("(approximate)"), "{screen}");
    assert!(!screen.contains("(missing:"), "{screen}");
}

#[test]
fn a_quoted_phrase_with_no_hit_says_how_many_responses_have_its_words() {
    let mut app = app();
    // From the text: the responses with camp (or camps) and security, none with the phrase.
    let texts = responses(&app);
    assert!(texts.iter().all(|(_, _, t)| {
        let words: Vec<String> = words(t).iter().map(|w| w.to_lowercase()).collect();
        !words
            .windows(2)
            .any(|pair| pair[0].starts_with("camp") && pair[1] == "security")
    }));
    let count = texts
        .iter()
        .filter(|(_, _, t)| {
            let words: Vec<String> = words(t).iter().map(|w| w.to_lowercase()).collect();
            words.iter().any(|w| w == "camp" || w == "camps")
                && words.iter().any(|w| w == "security")
        })
        .count();
    assert!(count > 0);
    ch(&mut app, '/');
    typed(&mut app, "\"camp security\"");
    let screen = screen_text(draw(&app).backend().buffer());
    let have = if count == 1 {
        "response has"
    } else {
        "responses have"
    };
    let expected = format!("{count} {have} all the words of “camp security”.");
    assert!(screen.contains("No response matches"), "{screen}");
    assert!(screen.contains(&expected), "{expected}\n{screen}");
    // Words no response has: none.
    c34_clear_and_type(&mut app, "\"xqzw security\"");
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains("0 responses have all the words of “xqzw security”."),
        "{screen}"
    );
}
