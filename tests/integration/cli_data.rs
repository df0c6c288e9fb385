//! The command line, run as a user would: every data subcommand, `--json`, and each error path.

use std::fs;

use crate::common::cli::{c34, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

#[test]
fn help_and_version() {
    c34()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Usage: c34"))
        .stdout(contains("show"))
        .stdout(contains("--data"));
    c34()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_prints_sections_with_their_paragraph_numbers() {
    let out = stdout_of(c34().arg("list"));
    assert!(out.starts_with("I. Introduction (2)\n    18 22\n"), "{out}");
    assert!(out.contains("VIII. Safety and security (22)\n    156 157 158"));
    assert!(out.contains("IX. Women, peace and security (10)"));
    assert_eq!(out.lines().filter(|l| !l.starts_with(' ')).count(), 9);
}

#[test]
fn list_json_prints_the_dataset_sections() {
    let sections: Value = serde_json::from_str(&stdout_of(c34().args(["list", "--json"]))).unwrap();
    let dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    assert_eq!(sections, dataset["sections"]);
}

#[test]
fn show_prints_the_response_and_nothing_else() {
    let out = stdout_of(c34().args(["show", "165", "--width", "70"]));
    assert!(
        out.starts_with("In 2021, the Security Council adopted resolution 2589 (2021) on crimes\n")
    );
    assert!(out.trim_end().ends_with("prosecutions."));
    // Two response paragraphs, separated by one blank line.
    assert_eq!(out.matches("\n\n").count(), 1);
    assert!(out.lines().all(|line| line.chars().count() <= 70), "{out}");
    assert!(!out.contains("Talkwalker"), "paragraph 166 leaked into 165");
    assert!(
        !out.contains("improvised explosive"),
        "paragraph 164 leaked into 165"
    );
    // A word that fits the width is never broken, not even after its own hyphen.
    assert!(
        out.contains("capacity-building"),
        "a hyphenated word shorter than the width stays whole: {out}"
    );
    // The words are the report's, whole.
    let words: Vec<&str> = out.split_whitespace().collect();
    let dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    let expected: Vec<String> = dataset["sections"][7]["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rec| rec["para"] == 165)
        .unwrap()["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p.as_str()
                .unwrap()
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(words, expected);
}

#[test]
fn show_wraps_to_the_requested_width() {
    let narrow = stdout_of(c34().args(["show", "18", "--width", "30"]));
    assert!(narrow.lines().count() >= 4);
    assert!(narrow.lines().all(|line| line.chars().count() <= 30));
    let piped = stdout_of(c34().args(["show", "43"]));
    assert!(piped.lines().all(|line| line.chars().count() <= 80));
    assert!(piped.lines().any(|line| line.chars().count() > 60));
}

#[test]
fn show_json_prints_the_recommendation_object() {
    let rec: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "53", "--json"]))).unwrap();
    assert_eq!(rec["para"], 53);
    assert_eq!(rec["paragraphs"].as_array().unwrap().len(), 3);
}

#[test]
fn show_an_unknown_paragraph_names_the_nearest() {
    // The browser's words as a diagnostic (`Dataset::no_response_diagnostic`), after `c34: `.
    c34()
        .args(["show", "65"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("c34: no response to ¶ 65 · nearest: ¶ 64, ¶ 66\n");
    c34()
        .args(["show", "1"])
        .assert()
        .code(1)
        .stderr("c34: no response to ¶ 1 · nearest: ¶ 18\n");
    c34()
        .args(["show", "9999"])
        .assert()
        .code(1)
        .stderr("c34: no response to ¶ 9999 · nearest: ¶ 192\n");
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    c34()
        .args(["show", "abc"])
        .assert()
        .code(2)
        .stderr(contains("invalid value"));
    c34().args(["show", "18", "--width", "0"]).assert().code(2);
    c34().args(["export", "--format", "pdf"]).assert().code(2);
    c34().arg("frobnicate").assert().code(2);
}

#[test]
fn export_json_is_the_embedded_dataset() {
    let out = stdout_of(c34().args(["export", "--format", "json"]));
    assert_eq!(out, REPORT_JSON);
}

#[test]
fn export_markdown_has_every_section_and_response() {
    let out = stdout_of(c34().args(["export", "--format", "markdown"]));
    assert!(out.starts_with(
        "# Implementation of the recommendations of the Special Committee on Peacekeeping Operations\n"
    ));
    assert!(out.contains("- Symbol: A/76/505/Add.1\n"));
    assert!(out.contains("\n## VIII. Safety and security\n"));
    assert_eq!(out.matches("\n### Paragraph ").count(), 123);
    assert!(out.contains("\n### Paragraph 165 of A/75/19\n\nIn 2021, the Security Council"));
}

#[test]
fn import_writes_the_dataset_to_stdout_or_a_file() {
    let out = stdout_of(c34().args(["import", "assets/A_76_505_Add.1.txt"]));
    assert_eq!(out, REPORT_JSON);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    c34()
        .args(["import", "assets/A_76_505_Add.1.txt", "-o"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&target).unwrap(), REPORT_JSON);
}

#[test]
fn import_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    let report = include_str!("../../assets/A_76_505_Add.1.txt").replacen(
        "22 An informal briefing",
        "17 An informal briefing",
        1,
    );
    fs::write(&path, report).unwrap();
    c34()
        .arg("import")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{}:37:1: paragraph numbers must increase: 17 follows 18",
            path.display()
        )));
    c34()
        .args(["import", "no/such/report.txt"])
        .assert()
        .code(2)
        .stderr(contains("no/such/report.txt: cannot read"));
}

#[test]
fn data_uses_another_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.json");
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    dataset["sections"].as_array_mut().unwrap().truncate(1);
    dataset["sections"][0]["recommendations"][0]["paragraphs"][0] =
        Value::from("A replaced response.");
    // The missions no longer match the responses left: let c34 derive them.
    dataset.as_object_mut().unwrap().remove("missions");
    fs::write(&path, dataset.to_string()).unwrap();
    let out = stdout_of(c34().arg("--data").arg(&path).arg("list"));
    assert_eq!(out, "I. Introduction (2)\n    18 22\n");
    let out = stdout_of(c34().arg("--data").arg(&path).args(["show", "18"]));
    assert_eq!(out, "A replaced response.\n");
}

#[test]
fn data_errors_name_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    c34()
        .arg("--data")
        .arg(&missing)
        .arg("list")
        .assert()
        .code(2)
        .stderr(contains(format!("{}: cannot read", missing.display())));

    let malformed = dir.path().join("malformed.json");
    fs::write(&malformed, "{\n  \"document\": {\n    \"symbol\": 12,\n").unwrap();
    c34()
        .arg("--data")
        .arg(&malformed)
        .arg("list")
        .assert()
        .code(2)
        .stderr(contains(format!("{}:3:", malformed.display())))
        .stderr(contains("not a c34 dataset"));

    let invalid = dir.path().join("invalid.json");
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    dataset["sections"][0]["recommendations"][1]["para"] = Value::from(18);
    fs::write(&invalid, dataset.to_string()).unwrap();
    c34()
        .arg("--data")
        .arg(&invalid)
        .args(["show", "18"])
        .assert()
        .code(2)
        .stderr(contains("sections[0].recommendations[1].para"))
        .stderr(contains("18 follows 18 (duplicate)"))
        .stderr(contains("panicked").not());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    // Both exports are larger than a pipe's buffer, so c34 is still writing when the reader
    // goes away, as with `c34 export --format markdown | head`.
    for (format, start) in [
        ("markdown", b"# Implementation"),
        ("csv", b"section,para,tex"),
    ] {
        let mut child = Process::new(env!("CARGO_BIN_EXE_c34"))
            .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
            .args(["export", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
        assert_eq!(&first, start);
    }
}
