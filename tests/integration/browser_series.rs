//! The series in the browser (issue 19): the Special Committee's recommendation above the
//! response, folded and unfolded; the report picker; the most similar response of another
//! report in the reader's header and the comparison overlay, with and without colour.

use std::path::Path;
use std::sync::Arc;

use crate::common::keys::{ch, ctrl, press};
use crate::common::screen::{draw, screen_text};
use c34::app::overlay::compare::compare_box;
use c34::app::{App, Command, Edit, Effect, Keymap, Outcome, Pane, ReportEntry, Series};
use c34::dataset::Dataset;
use c34::series::committee::{self, CommitteeReport};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Rect, Size};
use ratatui::style::Modifier;

const COMMITTEE: &str = include_str!("../fixtures/committee-A_75_19.txt");

/// The committee report fixture (A/75/19, the report the embedded matrix answers).
fn committee() -> Arc<CommitteeReport> {
    let path = Path::new("tests/fixtures/committee-A_75_19.txt");
    Arc::new(committee::parse(COMMITTEE, path).expect("the fixture parses"))
}

/// The fixture's paragraph `para` as written: its lines from `N. ` up to the next blank line
/// that is followed by a numbered paragraph, a section or furniture (read from the text, not
/// through the parser).
fn fixture_words(para: u32) -> String {
    let start = COMMITTEE
        .find(&format!("\n{para}. "))
        .expect("the paragraph is in the fixture");
    let rest = &COMMITTEE[start + 1..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    rest[..end]
        .split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ")
}

fn jump(app: &mut App, para: u32) {
    app.update(Command::OpenJump);
    for c in para.to_string().chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    app.update(Command::JumpToParagraph);
}

/// The embedded report, with the Committee's report beside it.
fn app_with_committee(width: u16, height: u16) -> App {
    let series = Series {
        reports: vec![ReportEntry::new(Dataset::embedded(), "embedded")],
        committees: vec![committee()],
    };
    App::with_series(Dataset::embedded(), series, Size::new(width, height), true)
}

/// A later report made from the embedded one: another symbol and date, paragraphs renumbered
/// by 1000, and the response to (embedded) ¶ 37 edited: a word replaced and a sentence added.
fn second_report() -> Dataset {
    let mut dataset = Dataset::embedded();
    dataset.document.symbol = "A/77/999/Add.1".into();
    dataset.document.date = "2022-11-15".into();
    dataset.document.responds_to = "A/76/19".into();
    for section in &mut dataset.sections {
        for recommendation in &mut section.recommendations {
            if recommendation.para == 37 {
                let text = recommendation.paragraphs[0]
                    .replace("continues to take", "keeps taking")
                    .replace(
                        "Personnel who leave",
                        "Vetting now also covers contractors. Personnel who leave",
                    );
                recommendation.paragraphs[0] = text.into();
            }
            recommendation.para += 1000;
        }
    }
    for mission in &mut dataset.missions {
        for para in &mut mission.paras {
            *para += 1000;
        }
    }
    dataset
}

/// The embedded report open, the second report in the library too (listed newest first).
fn app_with_two_reports(width: u16, height: u16, color: bool) -> App {
    let series = Series {
        reports: vec![
            ReportEntry::new(second_report(), "added"),
            ReportEntry::new(Dataset::embedded(), "embedded"),
        ],
        committees: vec![committee()],
    };
    let mut app = App::with_series(Dataset::embedded(), series, Size::new(width, height), color);
    app.update(Command::Idle);
    app
}

fn text(app: &App) -> String {
    screen_text(draw(app).backend().buffer())
}

/// The text of `area` of the screen with its lines joined and runs of spaces as one: what a
/// wrapped paragraph reads as.
fn flowing_in(app: &App, area: Rect) -> String {
    let screen = text(app);
    screen
        .lines()
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .map(|line| {
            line.chars()
                .skip(usize::from(area.x))
                .take(usize::from(area.width))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The reader's text, flowing.
fn flowing(app: &App) -> String {
    flowing_in(
        app,
        app.screen()
            .inner(Pane::Reader)
            .expect("the reader is shown"),
    )
}

#[test]
fn the_recommendation_stands_above_the_response_120x40() {
    let mut app = app_with_committee(120, 40);
    jump(&mut app, 37);
    insta::assert_snapshot!("series_recommendation_37_120x40", draw(&app).backend());
}

#[test]
fn the_recommendation_stands_above_the_response_80x24() {
    let mut app = app_with_committee(80, 24);
    jump(&mut app, 37);
    insta::assert_snapshot!("series_recommendation_37_80x24", draw(&app).backend());
}

#[test]
fn the_recommendation_is_folded_and_r_or_enter_unfolds_it() {
    let mut app = app_with_committee(120, 40);
    jump(&mut app, 37);
    let screen = text(&app);
    let heading = screen
        .lines()
        .position(|line| line.contains("Special Committee, A/75/19 ¶ 37:"))
        .expect("the recommendation is named with its symbol and paragraph");
    let response = screen
        .lines()
        .position(|line| line.contains("The Secretariat continues to take measures"))
        .expect("the response is shown");
    assert!(heading < response, "{screen}");
    // Folded: the opening of ¶ 37 shows, its last item (c) does not, and a line says how
    // much is left.
    let flow = flowing(&app);
    let opening = fixture_words(37);
    assert!(flow.contains(&opening[..60]), "{opening}\n---\n{flow}");
    let last_item = "(c) To report on the vetting and screening done in the previous year.";
    assert!(!flow.contains(last_item), "{flow}");
    assert!(flow.contains("more lines · r unfolds"), "{flow}");
    // `r` unfolds it whole; `r` folds it again.
    assert!(ch(&mut app, 'r'));
    let flow = flowing(&app);
    assert!(flow.contains(last_item), "{flow}");
    assert!(flow.contains("r folds"), "{flow}");
    ch(&mut app, 'r');
    assert!(!flowing(&app).contains(last_item));
    // Enter in the reader does the same.
    app.update(Command::FocusRight);
    app.update(Command::FocusRight);
    assert_eq!(app.focus(), Pane::Reader);
    press(&mut app, KeyCode::Enter);
    assert!(flowing(&app).contains(last_item));
    assert!(app.recommendation_unfolded());
}

#[test]
fn a_short_recommendation_is_shown_whole_and_none_without_the_committee() {
    let mut app = app_with_committee(120, 40);
    jump(&mut app, 22);
    let flow = flowing(&app);
    assert!(flow.contains(&fixture_words(22)), "{flow}");
    assert!(!flow.contains("r unfolds"), "{flow}");
    // ¶ 165 is not in the fixture: nothing is shown, and `r` says why.
    jump(&mut app, 165);
    assert!(!text(&app).contains("Special Committee, A/75/19"));
    ch(&mut app, 'r');
    assert!(app.message().is_some_and(|m| m.contains("A/75/19")));
    // Without the Committee's report there is no recommendation at all.
    let mut plain = crate::common::keys::app_at(120, 40);
    jump(&mut plain, 37);
    assert!(!text(&plain).contains("Special Committee, "));
}

#[test]
fn the_report_picker_lists_the_reports_newest_first_and_opens_one() {
    let mut app = app_with_two_reports(120, 40, true);
    assert!(ch(&mut app, 'R'));
    assert_eq!(app.keymap(), Keymap::Reports);
    let screen = text(&app);
    let newer = screen
        .lines()
        .position(|l| l.contains("A/77/999/Add.1") && l.contains("2022-11-15"))
        .expect("the added report is listed with its date");
    let older = screen
        .lines()
        .position(|l| l.contains("A/76/505/Add.1") && l.contains("2021-11-02"))
        .expect("the embedded report is listed with its date");
    assert!(newer < older, "{screen}");
    let count = app.dataset().recommendations().count();
    assert!(
        screen.contains(&format!("{count} recommendations")),
        "{screen}"
    );
    insta::assert_snapshot!("series_report_picker_120x40", draw(&app).backend());
    // The open report is selected; k goes up to the newer one, Enter opens it.
    ch(&mut app, 'k');
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), None);
    assert_eq!(app.dataset().document.symbol.as_str(), "A/77/999/Add.1");
    assert!(
        app.effects().contains(&Effect::OpenedReport),
        "its notes are asked for"
    );
    let screen = text(&app);
    assert!(
        screen.lines().next().unwrap().contains("A/77/999/Add.1"),
        "{screen}"
    );
    // Its paragraphs are the renumbered ones.
    jump(&mut app, 1037);
    assert_eq!(app.current().map(|(_, r)| r.para), Some(1037));
    // Opening the open report again changes nothing and says so.
    ch(&mut app, 'R');
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.dataset().document.symbol.as_str(), "A/77/999/Add.1");
    assert!(app.message().is_some_and(|m| m.contains("is open")));
}

/// The app as the browser starts it: no reports yet, the library's being read (after the
/// first frame).
fn app_reading_the_library() -> App {
    let mut app = App::with_series(
        Dataset::embedded(),
        Series::default(),
        Size::new(120, 40),
        true,
    );
    app.expect_library();
    app
}

#[test]
fn while_the_library_is_read_the_picker_and_the_search_say_so_then_list_its_reports() {
    let mut app = app_reading_the_library();
    app.update(Command::Idle);
    assert!(app.library_pending());
    assert!(ch(&mut app, 'R'));
    let screen = text(&app);
    assert!(screen.contains("Reading the library…"), "{screen}");
    assert!(!screen.contains("Only this report"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.keymap(),
        Keymap::Reports,
        "Enter on no report keeps the picker"
    );
    assert!(
        app.message().is_some_and(|m| m.contains("Still reading")),
        "{:?}",
        app.message()
    );
    // The reports come while the picker is open: listed, the open one selected.
    app.receive(Outcome::Library(vec![
        ReportEntry::new(second_report(), "added"),
        ReportEntry::new(Dataset::embedded(), "embedded"),
    ]));
    assert!(!app.library_pending());
    let screen = text(&app);
    assert!(screen.contains("2 reports, newest first"), "{screen}");
    assert!(
        screen.contains("2/2"),
        "the open report is selected: {screen}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.message().is_some_and(|m| m.contains("is open")));
    // Asked for before the reports come, the search of every report says it waits.
    let mut app = app_reading_the_library();
    assert!(ch(&mut app, '/'));
    ctrl(&mut app, 't');
    let screen = text(&app);
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("Still reading the library"), "{screen}");
}

#[test]
fn the_header_names_the_most_similar_response_in_the_other_report() {
    let mut app = app_with_two_reports(120, 40, true);
    jump(&mut app, 37);
    let flow = flowing(&app);
    // The edited response's counterpart is ¶ 1037, and it is very similar (two small edits
    // in a long response).
    let at = flow
        .find("Similar in A/77/999/Add.1: ¶ 1037 · ")
        .unwrap_or_else(|| panic!("{flow}"));
    let percent: u32 = flow[at..]
        .split(" · ")
        .nth(1)
        .and_then(|p| {
            p.strip_suffix("% similar c compares")
                .or(p.split('%').next())
        })
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{}", &flow[at..]));
    assert!((85..100).contains(&percent), "{percent}");
    // An unedited response is its counterpart at 100 %.
    jump(&mut app, 52);
    assert!(flowing(&app).contains("Similar in A/77/999/Add.1: ¶ 1052 · 100% similar"));
}

#[test]
fn with_many_reports_the_header_names_the_three_most_similar_and_the_comparison_all() {
    // Five other reports: the second report under five symbols, one of them edited more.
    let mut reports = vec![ReportEntry::new(Dataset::embedded(), "embedded")];
    for year in 0..5 {
        let mut dataset = second_report();
        dataset.document.symbol = format!("A/{}/999/Add.1", 77 + year).into();
        if year == 4 {
            for section in &mut dataset.sections {
                for recommendation in &mut section.recommendations {
                    if recommendation.para == 1037 {
                        let words: Vec<&str> =
                            recommendation.paragraphs[0].split_whitespace().collect();
                        let half = words[..words.len() / 2].join(" ");
                        recommendation.paragraphs = vec![half.into()];
                    }
                }
            }
        }
        reports.insert(0, ReportEntry::new(dataset, "added"));
    }
    let series = Series {
        reports,
        committees: vec![committee()],
    };
    let mut app = App::with_series(Dataset::embedded(), series, Size::new(80, 24), true);
    app.update(Command::Idle);
    jump(&mut app, 37);
    let flow = flowing(&app);
    assert_eq!(flow.matches("Similar in ").count(), 3, "{flow}");
    assert!(flow.contains("and 2 more · c compares them all"), "{flow}");
    // The response itself still starts on the first screen of the reader.
    let response = app.current().map(|(_, r)| r.paragraphs[0].clone()).unwrap();
    let first_words: String = response
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flow.contains(&first_words), "{flow}");
    // The least similar (the one cut short) is the one left out of the header.
    assert!(!flow.contains("Similar in A/81/999/Add.1"), "{flow}");
    // The comparison has all five, most similar first.
    assert_eq!(app.comparisons().len(), 5);
    assert_eq!(app.comparisons()[4].symbol.as_str(), "A/81/999/Add.1");
    assert!(ch(&mut app, 'c'));
    assert!(text(&app).contains("¶ 37 → A/"), "{}", text(&app));
}

#[test]
fn the_comparison_marks_exactly_the_edits_with_and_without_colour() {
    for color in [true, false] {
        let mut app = app_with_two_reports(120, 40, color);
        jump(&mut app, 37);
        assert!(ch(&mut app, 'c'));
        assert_eq!(app.keymap(), Keymap::Compare);
        let terminal = draw(&app);
        let flow = flowing_in(&app, compare_box(app.area()).list);
        assert!(flow.contains("¶ 37 → A/77/999/Add.1 ¶ 1037"), "{flow}");
        // The two edits, and nothing else, between marks: what only ¶ 37 has, what only
        // ¶ 1037 has (the legend's `[-…-]` and `{+…+}` aside).
        let marked = |open: &str, close: &str| {
            flow.match_indices(open)
                .filter_map(|(at, _)| {
                    let rest = &flow[at + open.len()..];
                    Some(rest[..rest.find(close)?].trim().to_string())
                })
                .filter(|text| text != "…")
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(marked("[-", "-]"), "continues to take", "{flow}");
        assert_eq!(
            marked("{+", "+}"),
            "keeps taking Vetting now also covers contractors.",
            "{flow}"
        );
        // Struck out and underlined as well, colour or not.
        let buffer = terminal.backend().buffer();
        let struck = buffer
            .content
            .iter()
            .filter(|cell| cell.modifier.contains(Modifier::CROSSED_OUT))
            .map(ratatui::buffer::Cell::symbol)
            .collect::<String>();
        let struck: String = struck.split_whitespace().collect();
        assert_eq!(
            struck.replace("[-", "").replace("-]", ""),
            "continuestotake"
        );
        if !color {
            assert!(
                buffer
                    .content
                    .iter()
                    .all(|cell| cell.fg == ratatui::style::Color::Reset),
                "NO_COLOR draws no colour"
            );
        }
        if color {
            insta::assert_snapshot!("series_compare_37_120x40", terminal.backend());
        }
        ch(&mut app, 'q');
        assert_eq!(app.overlay(), None);
    }
}

#[test]
fn the_comparison_scrolls_and_needs_another_report() {
    let mut app = app_with_two_reports(80, 12, true);
    jump(&mut app, 37);
    ch(&mut app, 'c');
    let before = text(&app);
    ch(&mut app, 'j');
    assert_ne!(text(&app), before, "j scrolls the comparison");
    ch(&mut app, 'G');
    ch(&mut app, 'j');
    let bottom = text(&app);
    ch(&mut app, 'j');
    assert_eq!(text(&app), bottom, "it stops at the end");
    // With one report there is nothing to compare with.
    let mut alone = app_with_committee(120, 40);
    jump(&mut alone, 37);
    ch(&mut alone, 'c');
    assert_eq!(alone.overlay(), None);
    assert!(alone.message().is_some_and(|m| m.contains("c34 add")));
}

#[test]
fn other_reports_are_compared_only_after_the_first_frame() {
    let series = Series {
        reports: (0..10)
            .map(|_| ReportEntry::new(second_report(), "added"))
            .chain([ReportEntry::new(Dataset::embedded(), "embedded")])
            .collect(),
        committees: vec![committee()],
    };
    let mut app = App::with_series(Dataset::embedded(), series, Size::new(120, 40), true);
    assert_eq!(app.similarity_indexes_built(), 0);
    assert!(!flowing(&app).contains("Similar in"));
    app.update(Command::Idle);
    // Each other report once; the open one is not compared with itself.
    assert_eq!(app.similarity_indexes_built(), 10);
    assert!(flowing(&app).contains("Similar in A/77/999/Add.1: ¶ 1018 · 100% similar"));
}

#[test]
fn ctrl_t_in_the_search_searches_every_report_and_enter_opens_the_hit_in_its_report() {
    let mut app = app_with_two_reports(120, 40, true);
    assert!(ch(&mut app, '/'));
    for c in "contractors".chars() {
        ch(&mut app, c);
    }
    // Only the edited response of the other report has the word.
    assert!(text(&app).contains("No response matches"), "{}", text(&app));
    assert_eq!(
        app.search_indexes_built(),
        0,
        "not built before it is asked for"
    );
    assert!(ctrl(&mut app, 't'));
    assert_eq!(app.search_indexes_built(), 1);
    let screen = text(&app);
    assert!(screen.contains("Search every report"), "{screen}");
    assert!(screen.contains("A/77/999/Add.1 ¶ 1037"), "{screen}");
    assert!(screen.contains("1 hit"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.dataset().document.symbol.as_str(), "A/77/999/Add.1");
    assert_eq!(app.current().map(|(_, r)| r.para), Some(1037));
    assert!(app.found().is_some(), "the hit stands out in its report");
    assert_eq!(app.focus(), Pane::Reader);
}

#[test]
fn every_hit_of_a_search_of_every_report_names_its_report() {
    let mut app = app_with_two_reports(120, 40, true);
    ch(&mut app, '/');
    for c in "ClearCheck".chars() {
        ch(&mut app, c);
    }
    let alone = text(&app);
    assert!(alone.contains("1 hit"), "{alone}");
    assert!(!alone.contains("A/77/999/Add.1 ¶"), "{alone}");
    ctrl(&mut app, 't');
    let screen = text(&app);
    assert!(screen.contains("2 hits"), "{screen}");
    assert!(screen.contains("A/76/505/Add.1 ¶ 37 "), "{screen}");
    assert!(screen.contains("A/77/999/Add.1 ¶ 1037 "), "{screen}");
    // Ctrl-t again: this report only.
    ctrl(&mut app, 't');
    assert!(text(&app).contains("1 hit"));
    // With one report Ctrl-t says why nothing changes.
    let mut alone = app_with_committee(120, 40);
    ch(&mut alone, '/');
    ch(&mut alone, 'x');
    ctrl(&mut alone, 't');
    assert!(alone.message().is_some_and(|m| m.contains("c34 add")));
}

#[test]
fn notes_stay_with_their_report_when_another_is_opened() {
    use c34::effects;
    use c34::userdata::{NotesStore, QueryHistory};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("c34").join("notes.json");
    let mut store = NotesStore::open(path.clone());
    let mut history = QueryHistory::open(dir.path().join("c34").join("history"));
    let mut app = app_with_two_reports(120, 40, true);
    let mut drain = |app: &mut App| effects::drain(app, &mut store, &mut history, &mut Vec::new());
    jump(&mut app, 37);
    ch(&mut app, 'b');
    drain(&mut app);
    assert!(app.annotations().contains_key(&37));
    // The other report: none of the first one's bookmarks; its own go under its symbol.
    ch(&mut app, 'R');
    ch(&mut app, 'k');
    press(&mut app, KeyCode::Enter);
    drain(&mut app);
    assert!(app.annotations().is_empty(), "{:?}", app.annotations());
    jump(&mut app, 1040);
    ch(&mut app, 'b');
    drain(&mut app);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("the notes were saved"))
            .expect("the notes file is JSON");
    let documents = &json["documents"];
    assert_eq!(
        documents["A/76/505/Add.1"]["37"]["bookmark"], true,
        "{json}"
    );
    assert_eq!(
        documents["A/77/999/Add.1"]["1040"]["bookmark"], true,
        "{json}"
    );
    assert!(documents["A/76/505/Add.1"].get("1040").is_none(), "{json}");
    // Back to the first: its bookmark is there again.
    ch(&mut app, 'R');
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    drain(&mut app);
    assert_eq!(app.dataset().document.symbol.as_str(), "A/76/505/Add.1");
    assert_eq!(
        app.annotations().keys().copied().collect::<Vec<_>>(),
        vec![37]
    );
}

mod properties {
    use super::{app_with_two_reports, draw};
    use c34::app::overlay::compare::compare_box;
    use c34::app::{Command, Edit, Overlay};
    use proptest::prelude::*;

    fn command() -> impl Strategy<Value = Command> {
        prop_oneof![
            prop::sample::select(vec![
                Command::Up,
                Command::Down,
                Command::PageUp,
                Command::PageDown,
                Command::Top,
                Command::Bottom,
                Command::Enter,
                Command::FocusNext,
                Command::NextRecommendation,
                Command::NextSection,
                Command::Close,
                Command::OpenSearch,
                Command::OpenResult,
                Command::ToggleAllReports,
                Command::ToggleRecommendations,
                Command::ToggleRecommendation,
                Command::OpenReports,
                Command::OpenReport,
                Command::OpenComparison,
                Command::Back,
                Command::Idle,
            ]),
            prop::sample::select(vec!['c', 'l', 'e', 'a', 'r', '1', ' '])
                .prop_map(|c| Command::Edit(Edit::Insert(c))),
            (1..=200u16, 1..=60u16).prop_map(|(width, height)| Command::Resize { width, height }),
            (any::<u16>(), any::<u16>())
                .prop_map(|(column, row)| Command::WheelDown { column, row }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any commands, with two reports and a Committee report: the picker's selection is
        /// a report, the comparison's scroll inside its lines, the open report one of the
        /// library's, and every frame draws.
        #[test]
        fn any_commands_keep_the_series_invariants(
            commands in prop::collection::vec(command(), 0..40),
            color in any::<bool>(),
        ) {
            let mut app = app_with_two_reports(100, 30, color);
            for command in commands {
                app.update(command);
                match app.overlay() {
                    Some(Overlay::Reports(picker)) => {
                        prop_assert!(picker.scroll().selected < app.reports().len());
                    }
                    Some(Overlay::Compare(view)) => {
                        let rows = usize::from(compare_box(app.area()).list.height);
                        prop_assert!(view.scroll() <= view.lines().len().saturating_sub(rows));
                    }
                    _ => {}
                }
                let open = &app.dataset().document.symbol;
                prop_assert!(app.reports().iter().any(|r| r.symbol() == open.as_str()));
                prop_assert!(app.reader().scroll <= app.max_scroll());
                draw(&app);
            }
        }
    }
}

/// The real binary in a pseudo-terminal, its library in a temporary data home: the embedded
/// report, a second one made from it (another symbol and date, renumbered by 1000, two
/// responses edited) and the Committee's report.
mod pty {
    use std::fs;

    use serde_json::{Value, json};

    use crate::common::cli::c34;
    use crate::common::pty::Browser;

    fn second_report() -> Value {
        let mut dataset: Value =
            serde_json::from_str(include_str!("../../assets/report.json")).expect("JSON");
        dataset["document"]["symbol"] = json!("A/77/999/Add.1");
        dataset["document"]["date"] = json!("2022-11-15");
        dataset["document"]["responds_to"] = json!("A/76/19");
        // The missions are derived again from the renumbered responses.
        dataset
            .as_object_mut()
            .expect("a dataset is an object")
            .remove("missions");
        for section in dataset["sections"].as_array_mut().expect("sections") {
            for rec in section["recommendations"]
                .as_array_mut()
                .expect("recommendations")
            {
                let para = rec["para"].as_u64().expect("a number");
                rec["para"] = json!(para + 1000);
                if para == 18 || para == 37 {
                    let first = rec["paragraphs"][0].as_str().expect("text").to_string();
                    rec["paragraphs"][0] = json!(format!("{first} Edited in the second report."));
                }
            }
        }
        dataset
    }

    #[test]
    fn the_report_picker_opens_the_other_report_and_the_recommendation_shows() {
        let home = tempfile::tempdir().expect("a temporary directory");
        let data_home = home.path().join("data");
        let file = home.path().join("second.json");
        fs::write(&file, second_report().to_string()).expect("written");
        let add = |path: &std::path::Path| {
            c34()
                .env("XDG_DATA_HOME", &data_home)
                .env("HOME", home.path())
                .arg("add")
                .arg(path)
                .assert()
                .success();
        };
        add(&file);
        add(std::path::Path::new("tests/fixtures/committee-A_75_19.txt"));
        let data_home = data_home.to_str().expect("a UTF-8 path");
        let env = [("XDG_DATA_HOME", data_home), ("HOME", data_home)];
        let mut browser = Browser::start_with(120, 40, &["--report", "A/76/505/Add.1"], &env, &[]);
        // The first response, ¶ 18, under the Committee's paragraph 18; then, once the first
        // frame is out, its counterpart in the other report.
        browser.wait_for_all(&["? help", "Special Committee, A/75/19 ¶ 18:"]);
        browser.wait_for_text("Similar in A/77/999/Add.1: ¶ 1018");
        browser.send("R");
        browser.wait_for_all(&[
            "Reports",
            "A/77/999/Add.1  2022-11-15",
            "A/76/505/Add.1  2021-11-02",
        ]);
        // The open report is selected; the newer one is above it.
        browser.send("k\r");
        browser.wait_for("the title names the other report", |screen| {
            screen
                .lines()
                .next()
                .is_some_and(|title| title.contains("A/77/999/Add.1"))
        });
        browser.send("q");
        assert!(browser.wait_exit());
        browser.assert_restored();
    }
}
