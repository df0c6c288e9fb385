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
