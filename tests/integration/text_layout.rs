//! Text layout as `c34 show` prints it: tabs expanded before wrapping, flags (pairs of regional
//! indicators) never split across lines.

use std::fs;

use assert_cmd::Command;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

/// Mali, Senegal, Central African Republic, DR Congo, South Sudan.
const FLAGS: &str =
    "\u{1F1F2}\u{1F1F1}\u{1F1F8}\u{1F1F3}\u{1F1E8}\u{1F1EB}\u{1F1E8}\u{1F1E9}\u{1F1F8}\u{1F1F8}";

/// `c34 show 18` at `width` columns, with the first paragraph of ¶ 18 replaced by `text`.
fn show(text: &str, width: usize) -> String {
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).expect("the embedded dataset");
    dataset["sections"][0]["recommendations"][0]["paragraphs"][0] = Value::from(text);
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    fs::write(file.path(), dataset.to_string()).expect("the dataset is written");
    let output = Command::cargo_bin("c34")
        .expect("the binary")
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(file.path())
        .args(["show", "18", "--width", &width.to_string()])
        .output()
        .expect("c34 runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn tabs_in_a_response_are_expanded_to_stops_of_eight() {
    let out = show("Mission:\tBriefing\tMali", 60);
    assert!(!out.contains('\t'), "{out:?}");
    // `Mission:` is 8 columns: its tab goes to column 16; `Briefing` ends at 24, its tab at 32.
    assert!(
        out.contains("Mission:        Briefing        Mali"),
        "{out:?}"
    );
}

#[test]
fn flags_are_never_split_between_lines() {
    let text = format!("Flags {FLAGS}{FLAGS} of the host countries");
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    for width in [8, 9, 11, 13] {
        let out = show(&text, width);
        let first: Vec<&str> = out.split("\n\n").next().unwrap_or("").lines().collect();
        for line in &first {
            let halves = line.chars().filter(|&c| regional(c)).count();
            assert!(halves % 2 == 0, "width {width}: a flag cut in {first:?}");
        }
        let total: usize = first
            .iter()
            .map(|line| line.chars().filter(|&c| regional(c)).count())
            .sum();
        assert_eq!(total, 20, "width {width}: every flag shown, {first:?}");
    }
}
