//! A command line scripts can trust: JSON is never cut unless asked, every listing command takes
//! `--json` and `--format`, records carry the section and the citation, one markdown heading,
//! words kept whole, messages in one style, and the browser's keys named in `--help`.
//! Expected values come from `assets/report.json` read as plain JSON, or from a rule.

use std::process::Command as Process;

use crate::common::cli::{c34, stdout_of};
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

fn report() -> Value {
    serde_json::from_str(REPORT_JSON).unwrap()
}

/// The citation as the report's front matter gives it (date written out by hand).
fn citation(para: u64) -> String {
    let report = report();
    let doc = &report["document"];
    assert_eq!(doc["date"], "2021-11-02");
    format!(
        "{} (2 November 2021), response to para. {para} of {}",
        doc["symbol"].as_str().unwrap(),
        doc["responds_to"].as_str().unwrap()
    )
}

/// (numeral, title) of the section answering `para`, and its paragraphs, from the report.
fn place(para: u64) -> (String, String, Vec<String>) {
    for section in report()["sections"].as_array().unwrap() {
        for rec in section["recommendations"].as_array().unwrap() {
            if rec["para"] == para {
                let paragraphs = rec["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect();
                return (
                    section["number"].as_str().unwrap().to_string(),
                    section["title"].as_str().unwrap().to_string(),
                    paragraphs,
                );
            }
        }
    }
    panic!("the report answers ¶ {para}");
}

/// A temporary data home, so `notes` never reads the real one.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().unwrap())
    }

    fn c34(&self) -> assert_cmd::Command {
        let mut command = c34();
        command
            .env("XDG_DATA_HOME", self.0.path().join("data"))
            .env("HOME", self.0.path());
        command
    }
}

fn rows(csv_text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

#[test]
fn search_json_is_never_cut_unless_limit_says_so() {
    // Text keeps its 20 and says on standard error how many there were.
    let text = c34().args(["search", "mali"]).output().unwrap();
    assert!(text.status.success());
    let note = String::from_utf8(text.stderr).unwrap();
    let total: usize = note
        .strip_prefix("20 of ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a note of what was cut: {note:?}"));
    assert!(total > 20, "{note}");
    assert_eq!(String::from_utf8(text.stdout).unwrap().lines().count(), 20);
    // JSON: every hit, nothing on standard error.
    let json = c34().args(["search", "mali", "--json"]).output().unwrap();
    assert!(json.status.success());
    assert_eq!(String::from_utf8_lossy(&json.stderr), "");
    let hits: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), total);
    // Markdown too: one heading per hit.
    let markdown = stdout_of(c34().args(["search", "mali", "--format", "markdown"]));
    assert_eq!(
        markdown.lines().filter(|l| l.starts_with("## ¶ ")).count(),
        total
    );
    // --limit cuts JSON when asked, and says so.
    c34()
        .args(["search", "mali", "--json", "--limit", "3"])
        .assert()
        .success()
        .stderr(format!("3 of {total} shown; --limit {total} for all\n"));
}

#[test]
fn a_limit_of_zero_is_a_usage_error_in_every_format() {
    for format in ["text", "json", "markdown"] {
        c34()
            .args(["search", "mali", "--limit", "0", "--format", format])
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn every_listing_command_takes_json_and_format_json_alike() {
    let home = Home::new();
    let commands: [&[&str]; 8] = [
        &["list"],
        &["show", "37"],
        &["cite", "37", "41-42"],
        &["search", "mali"],
        &["missions"],
        &["refs"],
        &["notes"],
        &["export"],
    ];
    for command in commands {
        let json = stdout_of(home.c34().args(command).arg("--json"));
        let format = stdout_of(home.c34().args(command).args(["--format", "json"]));
        assert_eq!(json, format, "{command:?}");
        serde_json::from_str::<Value>(&json).unwrap_or_else(|e| panic!("{command:?}: {e}"));
        home.c34()
            .args(command)
            .args(["--json", "--format", "json"])
            .assert()
            .code(2);
    }
    assert_eq!(stdout_of(c34().args(["export", "--json"])), REPORT_JSON);
}

#[test]
fn show_json_carries_the_section_and_the_citation() {
    let (numeral, title, paragraphs) = place(37);
    let one: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "37", "--json"]))).unwrap();
    assert_eq!(one["para"], 37);
    assert_eq!(one["paragraphs"], serde_json::json!(paragraphs));
    assert_eq!(one["section"], numeral.as_str());
    assert_eq!(one["section"], "II");
    assert_eq!(one["section_title"], title.as_str());
    assert_eq!(one["citation"], citation(37));
    let cite: Value =
        serde_json::from_str(&stdout_of(c34().args(["cite", "37", "--json"]))).unwrap();
    assert_eq!(
        cite,
        serde_json::json!({
            "para": 37,
            "section": numeral,
            "section_title": title,
            "citation": citation(37),
        })
    );
}

#[test]
fn csv_rows_carry_the_section_title_and_the_citation() {
    // show: the export's columns for the responses asked for.
    let (header, show) = rows(&stdout_of(
        c34().args(["show", "37", "165", "--format", "csv"]),
    ));
    assert_eq!(
        header,
        ["section", "para", "text", "section_title", "citation"]
    );
    for (row, para) in show.iter().zip([37, 165]) {
        let (numeral, title, paragraphs) = place(para);
        assert_eq!(
            row.iter().collect::<Vec<_>>(),
            [
                numeral.as_str(),
                &para.to_string(),
                &paragraphs.join("\n\n"),
                &title,
                &citation(para)
            ]
        );
    }
    // cite
    let (header, cite) = rows(&stdout_of(c34().args(["cite", "18-22", "--format", "csv"])));
    assert_eq!(header, ["section", "para", "section_title", "citation"]);
    assert_eq!(cite.len(), 2);
    assert_eq!(
        cite[1].iter().collect::<Vec<_>>(),
        ["I", "22", "Introduction", &citation(22)]
    );
}

#[test]
fn list_refs_and_missions_print_csv() {
    let report = report();
    let (header, list) = rows(&stdout_of(c34().args(["list", "--format", "csv"])));
    assert_eq!(header, ["section", "section_title", "responses", "paras"]);
    let sections = report["sections"].as_array().unwrap();
    assert_eq!(list.len(), sections.len());
    for (row, section) in list.iter().zip(sections) {
        let paras: Vec<String> = section["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["para"].to_string())
            .collect();
        assert_eq!(&row[0], section["number"].as_str().unwrap());
        assert_eq!(&row[1], section["title"].as_str().unwrap());
        assert_eq!(row[2].parse::<usize>().unwrap(), paras.len());
        assert_eq!(row[3], paras.join(" "));
    }

    let refs: Value = serde_json::from_str(&stdout_of(c34().args(["refs", "--json"]))).unwrap();
    let (header, csv_refs) = rows(&stdout_of(c34().args(["refs", "--format", "csv"])));
    assert_eq!(header, ["symbol", "paras", "link"]);
    assert_eq!(csv_refs.len(), refs.as_array().unwrap().len());
    for (row, reference) in csv_refs.iter().zip(refs.as_array().unwrap()) {
        assert_eq!(&row[0], reference["symbol"].as_str().unwrap());
        let paras: Vec<String> = reference["paras"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        assert_eq!(row[1], paras.join(" "));
        assert_eq!(&row[2], reference["link"].as_str().unwrap());
    }

    let (header, missions) = rows(&stdout_of(c34().args(["missions", "--format", "csv"])));
    assert_eq!(
        header,
        [
            "acronym",
            "name",
            "location",
            "partner",
            "responses",
            "paras"
        ]
    );
    let expected = report["missions"].as_array().unwrap();
    assert_eq!(missions.len(), expected.len());
    for (row, mission) in missions.iter().zip(expected) {
        assert_eq!(&row[0], mission["acronym"].as_str().unwrap());
        assert_eq!(&row[1], mission["name"].as_str().unwrap());
        assert_eq!(&row[2], mission["location"].as_str().unwrap());
        let paras = mission["paras"].as_array().unwrap();
        assert_eq!(row[4].parse::<usize>().unwrap(), paras.len());
    }
}

#[test]
fn notes_print_csv_and_json_with_the_section() {
    let home = Home::new();
    home.c34().args(["bookmark", "37"]).assert().success();
    let (numeral, title, paragraphs) = place(37);
    let json: Value =
        serde_json::from_str(&stdout_of(home.c34().args(["notes", "--json"]))).unwrap();
    assert_eq!(json[0]["section"], numeral.as_str());
    assert_eq!(json[0]["section_title"], title.as_str());
    assert_eq!(json[0]["citation"], citation(37));
    let (header, notes) = rows(&stdout_of(home.c34().args(["notes", "--format", "csv"])));
    assert_eq!(
        header,
        [
            "symbol",
            "para",
            "bookmark",
            "note",
            "other_notes",
            "citation",
            "text",
            "section",
            "section_title"
        ]
    );
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].iter().collect::<Vec<_>>(),
        [
            "A/76/505/Add.1",
            "37",
            "true",
            "",
            "",
            &citation(37),
            &paragraphs.join("\n\n"),
            &numeral,
            &title
        ]
    );
}

#[test]
fn markdown_has_one_heading_shape_in_show_search_and_notes() {
    let (numeral, title, _) = place(37);
    let heading = format!("## ¶ 37 · {numeral}. {title}\n\n{}\n\n", citation(37));
    let show = stdout_of(c34().args(["show", "37", "--format", "markdown"]));
    // "clearcheck" is named by ¶ 37 alone.
    let search = stdout_of(c34().args(["search", "clearcheck", "--format", "markdown"]));
    let home = Home::new();
    home.c34().args(["bookmark", "37"]).assert().success();
    let notes = stdout_of(home.c34().args(["notes", "--format", "markdown"]));
    assert!(show.starts_with(&heading), "{show}");
    assert!(search.starts_with(&heading), "{search}");
    assert!(notes.contains(&format!("\n\n{heading}")), "{notes}");
}

/// Every word of `paragraphs` no wider than `width` appears whole in `out`, and a line wider
/// than `width` holds one word alone.
fn assert_words_kept(paragraphs: &[String], out: &str, width: usize) {
    let tokens: Vec<&str> = out.split_whitespace().collect();
    for word in paragraphs.iter().flat_map(|p| p.split_whitespace()) {
        if word.chars().count() <= width {
            assert!(tokens.contains(&word), "{word:?} broken at width {width}");
        }
    }
    for line in out.lines() {
        if line.chars().count() > width {
            assert_eq!(line.split_whitespace().count(), 1, "{line:?} at {width}");
        }
    }
}

#[test]
fn width_never_breaks_a_word_shorter_than_the_width() {
    let (_, _, paragraphs) = place(37);
    let out = stdout_of(c34().args(["show", "37", "--width", "5"]));
    assert_words_kept(&paragraphs, &out, 5);
    // The words longer than the width are all there, whole, one a line.
    for word in paragraphs.iter().flat_map(|p| p.split_whitespace()) {
        assert!(out.lines().any(|line| line.contains(word)), "{word:?} lost");
    }
    // "Secretary-General" and "capacity-building" and the like fit a line: never broken.
    for para in [165, 166, 183] {
        let (_, _, paragraphs) = place(para);
        for width in [12, 20, 30, 45] {
            let out =
                stdout_of(c34().args(["show", &para.to_string(), "--width", &width.to_string()]));
            assert_words_kept(&paragraphs, &out, width);
        }
    }
}

#[test]
fn missions_count_their_responses_and_wrap_to_the_width() {
    let report = report();
    for columns in ["40", "60", "80"] {
        let out = stdout_of(c34().arg("missions").env("COLUMNS", columns));
        let width: usize = columns.parse().unwrap();
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{line:?} over {width}"
            );
        }
    }
    let out = stdout_of(c34().arg("missions"));
    for mission in report["missions"].as_array().unwrap() {
        let paras = mission["paras"].as_array().unwrap();
        let first = paras[0].to_string();
        let count = if paras.len() == 1 {
            "1 para".to_string()
        } else {
            format!("{} paras", paras.len())
        };
        assert!(
            out.contains(&format!("    {count}: {first}")),
            "{}: {count}",
            mission["acronym"]
        );
    }
}

#[test]
fn messages_start_lower_case_as_git_and_cargo_do() {
    let home = Home::new();
    let failing: [&[&str]; 7] = [
        &["show", "65"],
        &["cite", "1-17"],
        &["show", "18", "9999"],
        &["bookmark", "65"],
        &["note", "22"],
        &["search", "xqzvwq"],
        &["notes"],
    ];
    for command in failing {
        let output = home.c34().args(command).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.is_empty(), "{command:?} says why");
        for line in stderr.lines() {
            let message = line
                .strip_prefix("c34: ")
                .unwrap_or_else(|| panic!("{command:?}: {line:?}"));
            let first = message.chars().next().unwrap();
            assert!(!first.is_uppercase(), "{command:?}: {line:?}");
        }
    }
    home.c34()
        .args(["show", "65"])
        .assert()
        .stderr("c34: no response to ¶ 65 · nearest: ¶ 64, ¶ 66\n");
}

#[test]
fn a_failing_standard_error_does_not_panic_notes() {
    // /dev/full takes the open but fails every write (ENOSPC): `eprintln!` would panic.
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let home = Home::new();
    let status = Process::new("sh")
        .arg("-c")
        .arg("exec \"$0\" notes 2>/dev/full")
        .arg(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .env("XDG_DATA_HOME", home.0.path().join("data"))
        .env("HOME", home.0.path())
        .env("RUST_BACKTRACE", "0")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "no bookmarks is not an error");
}

#[test]
fn help_names_the_browser_s_essential_keys() {
    let help = stdout_of(c34().arg("--help"));
    let keys = help
        .split("Browser keys")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a list of browser keys");
    // What a newcomer needs first (issue 18's "Start here"), each with what it does.
    for (key, word) in [
        ("/", "search"),
        ("m", "mission"),
        (":", "jump"),
        ("y", "copy"),
        ("b", "bookmark"),
        ("a", "note"),
        ("Backspace", "back"),
        ("o", "matrix"),
        ("q", "quit"),
    ] {
        assert!(
            keys.lines().any(|line| {
                let mut words = line.split_whitespace();
                words.next() == Some(key) && line.contains(word)
            }),
            "{key} {word} not in: {keys}"
        );
    }
    assert!(
        help.contains("Exit status:"),
        "the exit table stays: {help}"
    );
}
