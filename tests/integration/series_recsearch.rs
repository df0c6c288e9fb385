//! Search that includes the Special Committee's recommendations (issue 19): `c34 search
//! --recommendations` with the committee fixture added to a temporary library, and the search
//! overlay's toggle in the browser. The query word is chosen by rule from the texts: it is in
//! the fixture's paragraph 38 and nowhere in the embedded report.

use serde_json::{Value, json};

use crate::common::cli::c34;

const COMMITTEE_TEXT: &str = "tests/fixtures/committee-A_75_19.txt";
const COMMITTEE: &str = include_str!("../fixtures/committee-A_75_19.txt");
const REPORT_JSON: &str = include_str!("../../assets/report.json");

/// In the fixture's paragraph 38 ("… progress made in shortening investigations.") only.
const ONLY_IN_COMMITTEE: &str = "shortening";

fn embedded() -> Value {
    serde_json::from_str(REPORT_JSON).unwrap()
}

/// The paragraph of the fixture whose text holds `word`, read by rule: the last line at or
/// before it that starts `N. `.
fn fixture_para_of(word: &str) -> u64 {
    let at = COMMITTEE.find(word).expect("the word is in the fixture");
    COMMITTEE[..at]
        .lines()
        .rev()
        .find_map(|line| {
            let (number, rest) = line.split_once(". ")?;
            (!rest.is_empty()).then_some(())?;
            number.parse().ok()
        })
        .expect("a numbered paragraph before the word")
}

/// The fixture's symbol: its first line of the form `A/NN/19`.
fn fixture_symbol() -> String {
    COMMITTEE
        .lines()
        .find(|line| line.starts_with("A/") && line.trim_end().ends_with("/19"))
        .unwrap()
        .trim()
        .to_string()
}

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A library holding the committee fixture.
    fn with_committee() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        home.c34().args(["add", COMMITTEE_TEXT]).assert().success();
        home
    }

    fn c34(&self) -> assert_cmd::Command {
        let mut command = c34();
        command
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .env("COLUMNS", "200");
        command
    }

    fn output(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.c34().args(args).output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let (code, stdout, stderr) = self.output(args);
        assert_eq!(code, 0, "c34 {args:?}: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }
}

#[test]
fn the_word_is_the_committee_s_only() {
    assert!(!REPORT_JSON.to_lowercase().contains(ONLY_IN_COMMITTEE));
    assert!(COMMITTEE.contains(ONLY_IN_COMMITTEE));
}

#[test]
fn without_the_flag_the_committee_s_text_is_not_searched() {
    let home = Home::with_committee();
    let (code, stdout, _) = home.output(&["search", ONLY_IN_COMMITTEE]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn a_recommendation_hit_is_marked_in_text() {
    let home = Home::with_committee();
    let para = fixture_para_of(ONLY_IN_COMMITTEE);
    let symbol = fixture_symbol();
    let (code, stdout, stderr) = home.output(&["search", "--recommendations", ONLY_IN_COMMITTEE]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let marker = format!("[recommendation {symbol} ¶ {para}]");
    assert!(
        lines[0].trim_start().starts_with(&format!("{para} ")),
        "{stdout}"
    );
    assert!(lines[0].contains(&marker), "{stdout}");
    assert!(lines[0].contains("shortening investigations"), "{stdout}");
}

#[test]
fn a_recommendation_hit_is_marked_in_json() {
    let home = Home::with_committee();
    let para = fixture_para_of(ONLY_IN_COMMITTEE);
    let hits = home.json(&["search", "--recommendations", "--json", ONLY_IN_COMMITTEE]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit["in"], json!("recommendation"));
    assert_eq!(hit["para"], json!(para));
    assert_eq!(hit["symbol"], embedded()["document"]["symbol"]);
    assert_eq!(hit["committee"], json!(fixture_symbol()));
    // The highlight is the word, in the paragraph of the recommendation's text that holds it
    // (the second: the first is cut by a page break and continues after it).
    let highlight = &hit["highlights"][0];
    assert_eq!(highlight["paragraph"], json!(1));
    let text =
        "The Special Committee also welcomes the progress made in shortening investigations.";
    assert!(COMMITTEE.contains(text));
    let start = text.find(ONLY_IN_COMMITTEE).unwrap();
    assert_eq!(highlight["start"], json!(start));
    assert_eq!(highlight["end"], json!(start + ONLY_IN_COMMITTEE.len()));
    assert_eq!(hit["snippet"]["text"], json!(text));
}

#[test]
fn a_response_hit_keeps_its_shape() {
    let home = Home::with_committee();
    // "memorial" is in the embedded report (¶ 18) and in the Committee's paragraph 18.
    let plain = home.json(&["search", "--json", "memorial"]);
    let both = home.json(&["search", "--json", "--recommendations", "memorial"]);
    let plain = plain.as_array().unwrap();
    let both = both.as_array().unwrap();
    let responses: Vec<Value> = both
        .iter()
        .filter(|hit| hit["in"] == json!("response"))
        .map(|hit| {
            let mut hit = hit.clone();
            let object = hit.as_object_mut().unwrap();
            assert_eq!(
                object.remove("symbol"),
                Some(embedded()["document"]["symbol"].clone())
            );
            object.remove("in");
            assert!(!object.contains_key("committee"));
            hit
        })
        .collect();
    assert_eq!(
        responses, *plain,
        "the responses' hits, as without the flag"
    );
    assert!(
        both.iter()
            .any(|hit| hit["in"] == json!("recommendation") && hit["para"] == json!(18)),
        "{both:?}"
    );
    // Plain text: the response's line is the same line.
    let (_, plain_text, _) = home.output(&["search", "memorial"]);
    let (_, both_text, _) = home.output(&["search", "--recommendations", "memorial"]);
    for line in plain_text.lines() {
        assert!(both_text.lines().any(|l| l == line), "{line}\n{both_text}");
    }
    assert_eq!(
        both_text
            .lines()
            .filter(|l| l.contains("[recommendation "))
            .count(),
        1,
        "{both_text}"
    );
}

#[test]
fn the_limit_counts_both_kinds() {
    let home = Home::with_committee();
    // Without a limit: the response ¶ 18 and the Committee's ¶ 18 (see above).
    let (_, all, _) = home.output(&["search", "--recommendations", "memorial"]);
    assert_eq!(all.lines().count(), 2, "{all}");
    let (code, stdout, stderr) =
        home.output(&["search", "--recommendations", "--limit", "1", "memorial"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stderr.contains("1 of 2 shown"), "{stderr}");
}

#[test]
fn markdown_quotes_the_recommendation_under_its_own_heading() {
    let home = Home::with_committee();
    let para = fixture_para_of(ONLY_IN_COMMITTEE);
    let (code, stdout, stderr) = home.output(&[
        "search",
        "--recommendations",
        "--format",
        "markdown",
        ONLY_IN_COMMITTEE,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let heading = format!("## Recommendation {}, para. {para}", fixture_symbol());
    assert!(stdout.starts_with(&heading), "{stdout}");
    assert!(
        stdout.contains("in **shortening** investigations"),
        "{stdout}"
    );
}

#[test]
fn without_the_committee_s_report_the_flag_says_so_and_searches_the_responses() {
    let dir = tempfile::tempdir().unwrap();
    let output = c34()
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("HOME", dir.path())
        .args(["search", "--recommendations", "memorial"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let responds_to = embedded()["document"]["responds_to"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        stderr.contains(&responds_to) && stderr.contains("not searched"),
        "{stderr}"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() >= 1 && !stdout.contains("[recommendation"));
}

#[test]
fn every_report_and_the_recommendations() {
    let home = Home::with_committee();
    let para = fixture_para_of(ONLY_IN_COMMITTEE);
    let hits = home.json(&[
        "search",
        "--all-reports",
        "--recommendations",
        "--json",
        ONLY_IN_COMMITTEE,
    ]);
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
    assert_eq!(hits[0]["in"], json!("recommendation"));
    assert_eq!(hits[0]["committee"], json!(fixture_symbol()));
    assert_eq!(hits[0]["para"], json!(para));
    assert_eq!(hits[0]["symbol"], embedded()["document"]["symbol"]);
}

mod browser {
    use std::path::Path;
    use std::sync::Arc;

    use c34::app::{App, Pane, ReportEntry, Series};
    use c34::dataset::Dataset;
    use c34::series::committee;
    use ratatui::crossterm::event::KeyCode;
    use ratatui::layout::Size;

    use super::COMMITTEE;
    use crate::common::keys::{ch, ctrl, press, typed};
    use crate::common::screen::{draw, screen_text};

    /// The fixture's last sub-item of paragraph 37, as written: hidden while the
    /// recommendation is folded (its opening and two sub-items come first).
    const LAST_ITEM: &str = "(c) To report on the vetting and screening done in the previous year.";

    /// The embedded report with the Committee's report beside it.
    fn app(width: u16, height: u16) -> App {
        let committee = committee::parse(COMMITTEE, Path::new("committee-A_75_19.txt"))
            .expect("the fixture parses");
        let series = Series {
            reports: vec![ReportEntry::new(Dataset::embedded(), "embedded")],
            committees: vec![Arc::new(committee)],
        };
        App::with_series(Dataset::embedded(), series, Size::new(width, height), false)
    }

    fn text(app: &App) -> String {
        screen_text(draw(app).backend().buffer())
    }

    #[test]
    fn the_last_item_is_the_fixture_s() {
        assert!(COMMITTEE.lines().any(|line| line == LAST_ITEM));
    }

    #[test]
    fn ctrl_r_adds_the_recommendations_marked_and_enter_opens_the_response_unfolded() {
        let mut app = app(120, 40);
        ch(&mut app, '/');
        // "vetting" is the fixture's (¶ 37); the embedded report has "vetted" (¶ 37).
        typed(&mut app, "vetting");
        let responses = text(&app);
        assert!(responses.contains("1 hit"), "{responses}");
        assert!(!responses.contains("recommendation A/75/19"), "{responses}");
        assert!(
            responses.contains("Ctrl-r: recommendations too"),
            "{responses}"
        );
        assert!(!app.recommendation_index_built(), "not built before asked");
        assert!(ctrl(&mut app, 'r'));
        assert!(app.recommendation_index_built());
        let screen = text(&app);
        assert!(screen.contains("2 hits"), "{screen}");
        assert!(screen.contains("and recommendations"), "{screen}");
        assert!(screen.contains("¶ 37 recommendation A/75/19"), "{screen}");
        // The exact word (the Committee's) ranks above another form of it (the response's).
        let marked = screen.find("¶ 37 recommendation A/75/19").unwrap();
        let plain = screen.find("¶ 37 · II.").unwrap();
        assert!(marked < plain, "{screen}");
        // Enter on the first: the response to ¶ 37, its recommendation unfolded above it.
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.current().map(|(_, r)| r.para), Some(37));
        assert_eq!(app.focus(), Pane::Reader);
        assert!(app.recommendation_unfolded());
        // Its opening words (the item wraps in the reader).
        let opening: String = LAST_ITEM.split(' ').take(6).collect::<Vec<_>>().join(" ");
        let reader = text(&app);
        assert!(reader.contains(&opening), "{reader}");
        // Folded, the last item is hidden: the unfolding is what shows it.
        ch(&mut app, 'r');
        assert!(!text(&app).contains(&opening));
        // The response hit stays for n/N.
        assert_eq!(app.found().map(|f| f.hits.len()), Some(1));
    }

    #[test]
    fn ctrl_r_again_searches_the_responses_only() {
        let mut app = app(120, 40);
        ch(&mut app, '/');
        typed(&mut app, "shortening");
        assert!(text(&app).contains("No response matches"));
        ctrl(&mut app, 'r');
        let screen = text(&app);
        assert!(screen.contains("1 hit"), "{screen}");
        assert!(screen.contains("¶ 38 recommendation A/75/19"), "{screen}");
        ctrl(&mut app, 'r');
        assert!(text(&app).contains("No response matches"));
    }

    #[test]
    fn on_one_row_a_recommendation_is_marked_short() {
        // Too short for two rows a result.
        let mut app = app(60, 10);
        ch(&mut app, '/');
        typed(&mut app, "shortening");
        ctrl(&mut app, 'r');
        let screen = text(&app);
        assert!(screen.contains("¶ 38 rec. "), "{screen}");
    }

    /// The embedded report open, and a later one made from it (another symbol and date, the
    /// same paragraphs, answering the same Committee report) newest in the library.
    fn app_with_two_reports() -> App {
        let committee = committee::parse(COMMITTEE, Path::new("committee-A_75_19.txt"))
            .expect("the fixture parses");
        let mut later = Dataset::embedded();
        later.document.symbol = "A/77/999/Add.1".into();
        later.document.date = "2022-11-15".into();
        let series = Series {
            reports: vec![
                ReportEntry::new(later, "added"),
                ReportEntry::new(Dataset::embedded(), "embedded"),
            ],
            committees: vec![Arc::new(committee)],
        };
        let mut app = App::with_series(Dataset::embedded(), series, Size::new(120, 40), false);
        app.update(c34::app::Command::Idle);
        app
    }

    #[test]
    fn every_report_s_recommendations_and_enter_opens_the_other_report() {
        let mut app = app_with_two_reports();
        ch(&mut app, '/');
        typed(&mut app, "shortening");
        ctrl(&mut app, 't');
        ctrl(&mut app, 'r');
        let screen = text(&app);
        assert!(screen.contains("2 hits"), "{screen}");
        assert!(
            screen.contains("Search every report and recommendations"),
            "{screen}"
        );
        assert!(
            screen.contains("A/76/505/Add.1 ¶ 38 recommendation A/75/19"),
            "{screen}"
        );
        assert!(
            screen.contains("A/77/999/Add.1 ¶ 38 recommendation A/75/19"),
            "{screen}"
        );
        // The open report's first on a tie; the other report's is the second.
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.dataset().document.symbol.as_str(), "A/77/999/Add.1");
        assert_eq!(app.current().map(|(_, r)| r.para), Some(38));
        assert!(app.recommendation_unfolded());
        assert!(
            text(&app).contains("shortening investigations"),
            "{}",
            text(&app)
        );
    }

    #[test]
    fn without_the_committee_s_report_ctrl_r_says_why() {
        let mut app = crate::common::keys::app();
        ch(&mut app, '/');
        typed(&mut app, "mali");
        let before = text(&app);
        assert!(!before.contains("Ctrl-r"), "{before}");
        assert!(ctrl(&mut app, 'r'));
        assert!(app.message().is_some_and(|m| m.contains("c34 add")));
        assert!(!app.recommendation_index_built());
    }
}

#[test]
fn a_hostile_committee_text_reaches_the_terminal_made_safe() {
    let home = Home {
        dir: tempfile::tempdir().unwrap(),
    };
    let hostile = COMMITTEE.replace(
        "shortening investigations",
        "shortening \u{1b}]0;pwned\u{7}\u{1b}[2J investigations",
    );
    assert_ne!(hostile, COMMITTEE);
    let file = home.dir.path().join("hostile-A_75_19.txt");
    std::fs::write(&file, hostile).unwrap();
    home.c34().arg("add").arg(&file).assert().success();
    for format in ["text", "markdown", "json"] {
        let (code, stdout, stderr) = home.output(&[
            "search",
            "--recommendations",
            "--format",
            format,
            ONLY_IN_COMMITTEE,
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("investigations"), "{stdout}");
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{format}: {stdout:?}"
        );
    }
}
