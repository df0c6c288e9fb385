//! The library of reports: `c34 add`, `reports`, `remove`, `--report` in every subcommand and
//! the browser, the most recent report opened by default, `notes import` and `search
//! --all-reports`. The second report is made here from the embedded one: another symbol, date
//! and Committee report, every paragraph renumbered by +1000, two responses edited.
//!
//! Every run gets its own temporary `XDG_DATA_HOME` (and `HOME`): never the real home.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::home::Home;
use crate::common::pty::Browser;

const REPORT_JSON: &str = include_str!("../../assets/report.json");
const REPORT_TEXT: &str = include_str!("../../assets/A_76_505_Add.1.txt");
const SECOND: &str = "A/77/999/Add.1";
const SECOND_DATE: &str = "2022-11-15";
const SECOND_RESPONDS_TO: &str = "A/76/19";
const SHIFT: u64 = 1000;
const EDIT: &str = " This sentence was added in the second report.";

/// The embedded report's JSON.
fn embedded() -> Value {
    serde_json::from_str(REPORT_JSON).unwrap()
}

fn embedded_symbol() -> String {
    embedded()["document"]["symbol"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every paragraph number of a dataset, in order.
fn paras(dataset: &Value) -> Vec<u64> {
    dataset["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap())
        .map(|r| r["para"].as_u64().unwrap())
        .collect()
}

/// The second report: renumbered, the first paragraph of the first two responses edited, the
/// missions left for c34 to derive.
fn second() -> Value {
    let mut dataset = embedded();
    dataset["document"]["symbol"] = json!(SECOND);
    dataset["document"]["date"] = json!(SECOND_DATE);
    dataset["document"]["responds_to"] = json!(SECOND_RESPONDS_TO);
    dataset.as_object_mut().unwrap().remove("missions");
    let mut edited = 0;
    for section in dataset["sections"].as_array_mut().unwrap() {
        for rec in section["recommendations"].as_array_mut().unwrap() {
            rec["para"] = json!(rec["para"].as_u64().unwrap() + SHIFT);
            if edited < 2 {
                let first = rec["paragraphs"][0].as_str().unwrap().to_string();
                rec["paragraphs"][0] = json!(first + EDIT);
                edited += 1;
            }
        }
    }
    dataset
}

impl Home {
    fn reports_dir(&self) -> PathBuf {
        self.data_home().join("c34").join("reports")
    }

    /// Writes `dataset` beside the data home and returns its path.
    fn file(&self, name: &str, dataset: &Value) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, serde_json::to_string_pretty(dataset).unwrap()).unwrap();
        path
    }

    /// A home whose library holds the second report.
    fn with_second() -> Home {
        let home = Home::new();
        let file = home.file("second.json", &second());
        home.c34().arg("add").arg(&file).assert().success();
        home
    }

    fn stdout(&self, args: &[&str]) -> String {
        let output = self.c34().args(args).output().unwrap();
        assert!(
            output.status.success(),
            "c34 {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }
}

fn recommendations(dataset: &Value) -> usize {
    paras(dataset).len()
}

#[test]
fn reports_lists_the_embedded_report_and_an_added_one_newest_first() {
    let home = Home::new();
    let embedded = embedded();
    let alone = home.json(&["reports", "--json"]);
    let embedded_entry = json!({
        "symbol": embedded["document"]["symbol"],
        "date": embedded["document"]["date"],
        "responds_to": embedded["document"]["responds_to"],
        "recommendations": recommendations(&embedded),
        "source": "embedded",
    });
    assert_eq!(alone, json!([embedded_entry.clone()]));

    let file = home.file("second.json", &second());
    let added = home.stdout(&["add", file.to_str().unwrap()]);
    assert!(added.starts_with(&format!("added {SECOND} ")), "{added}");
    let both = home.json(&["reports", "--json"]);
    let second_entry = json!({
        "symbol": SECOND,
        "date": SECOND_DATE,
        "responds_to": SECOND_RESPONDS_TO,
        "recommendations": recommendations(&second()),
        "source": "added",
    });
    assert_eq!(both, json!([second_entry, embedded_entry]));
    // One file, named from the symbol, in the reports folder.
    let names: Vec<String> = fs::read_dir(home.reports_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a_77_999_add.1.json"]);
    // CSV: a header, then the JSON's fields, one report a row.
    let csv = home.stdout(&["reports", "--format", "csv"]);
    let embedded_row = format!(
        "{},{},{},{},embedded",
        embedded["document"]["symbol"].as_str().unwrap(),
        embedded["document"]["date"].as_str().unwrap(),
        embedded["document"]["responds_to"].as_str().unwrap(),
        recommendations(&embedded)
    );
    let second_row = format!(
        "{SECOND},{SECOND_DATE},{SECOND_RESPONDS_TO},{},added",
        recommendations(&second())
    );
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "symbol,date,responds_to,recommendations,source",
            second_row.as_str(),
            embedded_row.as_str()
        ]
    );
    // The text form: one line each, newest first, with the source.
    let text = home.stdout(&["reports"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with(SECOND) && lines[0].ends_with("added"));
    assert!(lines[1].starts_with(&embedded_symbol()) && lines[1].ends_with("embedded"));
}

#[test]
fn report_opens_either_report_in_every_subcommand() {
    let home = Home::with_second();
    let embedded = embedded_symbol();
    let first_para = paras(&self::embedded())[0];
    let shifted = first_para + SHIFT;
    for (symbol, para, other) in [
        (embedded.as_str(), first_para, shifted),
        (SECOND, shifted, first_para),
    ] {
        let with = |args: &[&str]| {
            let mut all = vec!["--report", symbol];
            all.extend_from_slice(args);
            home.stdout(&all)
        };
        let p = para.to_string();
        // list: the paragraph numbers are this report's.
        let listed: Value = serde_json::from_str(&with(&["list", "--json"])).unwrap();
        assert_eq!(listed[0]["recommendations"][0]["para"], json!(para));
        // show: this report's paragraph, and not the other's.
        let shown: Value = serde_json::from_str(&with(&["show", &p, "--json"])).unwrap();
        assert_eq!(shown["para"], json!(para));
        let edited = shown["paragraphs"][0].as_str().unwrap().ends_with(EDIT);
        assert_eq!(edited, symbol == SECOND);
        home.c34()
            .args(["--report", symbol, "show", &other.to_string()])
            .assert()
            .code(1);
        // cite names the report.
        assert!(with(&["cite", &p]).starts_with(&format!("{symbol} (")));
        // export: the whole dataset is this report's.
        let exported: Value = serde_json::from_str(&with(&["export"])).unwrap();
        assert_eq!(exported["document"]["symbol"], json!(symbol));
        // search and missions: paragraphs of this report.
        let hits: Value =
            serde_json::from_str(&with(&["search", "MINUSMA", "--json", "--limit", "3"])).unwrap();
        assert!(
            hits.as_array()
                .unwrap()
                .iter()
                .all(|h| (h["para"].as_u64().unwrap() > SHIFT) == (symbol == SECOND)),
            "{hits}"
        );
        let missions: Value = serde_json::from_str(&with(&["missions", "--json"])).unwrap();
        let mission_para = missions[0]["paras"][0].as_u64().unwrap();
        assert_eq!(mission_para > SHIFT, symbol == SECOND);
        // refs runs on this report too.
        with(&["refs"]);
        // Notes are the open report's: a bookmark on one is not on the other.
        assert_eq!(with(&["bookmark", &p]), format!("bookmarked {para}\n"));
        let notes: Value = serde_json::from_str(&with(&["notes", "--json"])).unwrap();
        assert_eq!(notes[0]["symbol"], json!(symbol));
        assert_eq!(notes.as_array().unwrap().len(), 1, "{notes}");
    }
    // Letter case and spaces aside.
    let lower = SECOND.to_lowercase();
    assert!(
        home.stdout(&["--report", &lower, "cite", &shifted.to_string()])
            .starts_with(SECOND)
    );
}

#[test]
fn without_report_c34_opens_the_most_recent() {
    let home = Home::new();
    let first_para = paras(&embedded())[0].to_string();
    assert!(
        home.stdout(&["cite", &first_para])
            .starts_with(&embedded_symbol())
    );
    // An older report added does not change what opens.
    let mut older = second();
    older["document"]["symbol"] = json!("A/75/999/Add.1");
    older["document"]["date"] = json!("2020-11-02");
    let file = home.file("older.json", &older);
    home.c34().arg("add").arg(&file).assert().success();
    assert!(
        home.stdout(&["cite", &first_para])
            .starts_with(&embedded_symbol())
    );
    // A newer one does.
    let file = home.file("second.json", &second());
    home.c34().arg("add").arg(&file).assert().success();
    let shifted = (paras(&embedded())[0] + SHIFT).to_string();
    assert!(home.stdout(&["cite", &shifted]).starts_with(SECOND));
}

#[test]
fn an_unknown_report_is_refused_naming_those_there_are() {
    let home = Home::with_second();
    home.c34()
        .args(["--report", "A/1/1", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no report A/1/1"))
        .stderr(predicates::str::contains(SECOND))
        .stderr(predicates::str::contains(embedded_symbol()));
}

#[test]
fn a_report_already_there_is_replaced_only_with_replace() {
    let home = Home::with_second();
    let stored = home.reports_dir().join("a_77_999_add.1.json");
    let before = fs::read(&stored).unwrap();
    let mut changed = second();
    changed["document"]["title"] = json!("A changed title");
    let file = home.file("changed.json", &changed);
    home.c34()
        .arg("add")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{SECOND} is already in the library"
        )))
        .stderr(predicates::str::contains("--replace"));
    assert_eq!(fs::read(&stored).unwrap(), before);
    home.c34()
        .args(["add", "--replace"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::starts_with(format!("replaced {SECOND} ")));
    let exported = home.json(&["--report", SECOND, "export"]);
    assert_eq!(exported["document"]["title"], json!("A changed title"));
}

#[test]
fn remove_removes_an_added_report_but_never_the_embedded_one() {
    let home = Home::with_second();
    home.c34()
        .args(["remove", &embedded_symbol()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("built into c34"));
    home.c34()
        .args(["remove", SECOND])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(format!("removed {SECOND}")));
    assert_eq!(fs::read_dir(home.reports_dir()).unwrap().count(), 0);
    let listed = home.json(&["reports", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    home.c34()
        .args(["--report", SECOND, "list"])
        .assert()
        .code(2);
    // Nothing left to remove: nothing found.
    home.c34().args(["remove", SECOND]).assert().code(1);
}

#[test]
fn the_embedded_report_cannot_be_added_over() {
    let home = Home::new();
    let file = home.file("same.json", &embedded());
    home.c34()
        .args(["add", "--replace"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("built into c34"));
    assert!(!home.reports_dir().exists() || fs::read_dir(home.reports_dir()).unwrap().count() == 0);
}

#[test]
fn add_imports_a_report_text_through_the_importer() {
    let home = Home::new();
    let text = home.dir.path().join("report.txt");
    fs::write(&text, REPORT_TEXT).unwrap();
    home.c34()
        .args(["add", "--symbol", "A/77/505/Add.1"])
        .arg(&text)
        .assert()
        .success();
    let exported = home.json(&["--report", "A/77/505/Add.1", "export"]);
    // The same dataset as the embedded one, but for the symbol given.
    let mut expected = embedded();
    expected["document"]["symbol"] = json!("A/77/505/Add.1");
    assert_eq!(exported, expected);
}

#[test]
fn an_added_report_that_cannot_be_read_is_named_and_skipped_never_deleted() {
    let home = Home::with_second();
    let broken = home.reports_dir().join("broken.json");
    fs::write(&broken, "{ \"document\": ").unwrap();
    let output = home.c34().args(["reports", "--json"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.json"), "{stderr}");
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    // The most recent readable report still opens.
    let shifted = (paras(&embedded())[0] + SHIFT).to_string();
    assert!(home.stdout(&["cite", &shifted]).starts_with(SECOND));
    assert_eq!(fs::read_to_string(&broken).unwrap(), "{ \"document\": ");
}

#[test]
fn notes_import_keeps_both_sides_of_a_conflict_and_unites_bookmarks() {
    let symbol = embedded_symbol();
    let [a, b, c] = {
        let all = paras(&embedded());
        [all[0], all[1], all[2]]
    };
    let (a, b, c) = (a.to_string(), b.to_string(), c.to_string());
    // The colleague: a note on a that differs from mine, a note on b, a bookmark on c.
    let colleague = Home::new();
    colleague.stdout(&["note", &a, "Theirs on a"]);
    colleague.stdout(&["note", &b, "Theirs on b"]);
    colleague.stdout(&["bookmark", &c]);
    let export = colleague.stdout(&["notes", "--json"]);
    // Me: my own note on a, a bookmark on a.
    let me = Home::new();
    me.stdout(&["note", &a, "Mine on a"]);
    me.stdout(&["bookmark", &a]);
    let file = me.dir.path().join("colleague.json");
    fs::write(&file, &export).unwrap();
    let said = me.stdout(&["notes", "import", file.to_str().unwrap()]);
    assert!(
        said.contains("1 new notes, 1 kept beside yours, 1 new bookmarks"),
        "{said}"
    );
    let notes = me.json(&["notes", "--json"]);
    let entry = |para: &str| {
        notes
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["para"].as_u64() == para.parse().ok())
            .cloned()
            .unwrap_or_else(|| panic!("no entry for {para}: {notes}"))
    };
    assert_eq!(entry(&a)["note"], json!("Mine on a"));
    assert_eq!(entry(&a)["other_notes"], json!(["Theirs on a"]));
    assert_eq!(entry(&a)["bookmark"], json!(true));
    assert_eq!(entry(&b)["note"], json!("Theirs on b"));
    assert_eq!(entry(&c)["bookmark"], json!(true));
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["symbol"] == json!(symbol))
    );
    // Importing again changes nothing: no note is added twice.
    let before = fs::read(me.data_home().join("c34/notes.json")).unwrap();
    let again = me.stdout(&["notes", "import", file.to_str().unwrap()]);
    assert!(
        again.contains("0 new notes, 0 kept beside yours, 0 new bookmarks"),
        "{again}"
    );
    assert_eq!(
        fs::read(me.data_home().join("c34/notes.json")).unwrap(),
        before
    );
}

#[test]
fn notes_import_of_a_file_that_is_not_an_export_changes_nothing() {
    let me = Home::new();
    me.stdout(&["bookmark", &paras(&embedded())[0].to_string()]);
    let notes_file = me.data_home().join("c34/notes.json");
    let before = fs::read(&notes_file).unwrap();
    let file = me.dir.path().join("bad.json");
    fs::write(&file, "[{\"symbol\": \"A/1\", \"para\": \"x\"}]").unwrap();
    me.c34()
        .args(["notes", "import"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.json:1:"));
    assert_eq!(fs::read(&notes_file).unwrap(), before);
}

#[test]
fn search_all_reports_names_the_report_of_every_hit() {
    let home = Home::with_second();
    let hits = home.json(&[
        "search",
        "--all-reports",
        "MINUSMA",
        "--json",
        "--limit",
        "500",
    ]);
    let hits = hits.as_array().unwrap();
    let symbols: Vec<&str> = hits.iter().map(|h| h["symbol"].as_str().unwrap()).collect();
    let embedded = embedded_symbol();
    // The same responses in both, renumbered in the second.
    let in_second = symbols.iter().filter(|s| **s == SECOND).count();
    let in_embedded = symbols.iter().filter(|s| **s == embedded).count();
    assert!(in_second > 0 && in_second == in_embedded, "{symbols:?}");
    for hit in hits {
        let shifted = hit["para"].as_u64().unwrap() > SHIFT;
        assert_eq!(shifted, hit["symbol"] == json!(SECOND), "{hit}");
    }
    // The text form starts each line with the report's symbol.
    let text = home.stdout(&["search", "--all-reports", "MINUSMA", "--limit", "500"]);
    for line in text.lines() {
        let symbol = line.split_whitespace().next().unwrap();
        let para: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert_eq!(symbol == SECOND, para > SHIFT, "{line}");
        assert!(symbol == SECOND || symbol == embedded, "{line}");
    }
    // With --report it is a contradiction.
    home.c34()
        .args(["--report", SECOND, "search", "--all-reports", "MINUSMA"])
        .assert()
        .code(2);
}

#[test]
fn the_browser_title_names_the_report_it_opened() {
    let home = Home::with_second();
    let data_home = home.data_home();
    let data_home = data_home.to_str().unwrap();
    let env = [("XDG_DATA_HOME", data_home), ("HOME", data_home)];
    let title = |browser: &Browser| browser.screen().lines().next().unwrap_or("").to_string();
    // Without --report: the most recent, the added one.
    let mut browser = Browser::start_with(100, 24, &[], &env, &[]);
    browser.wait_for_text("? help");
    assert!(title(&browser).contains(SECOND), "{}", browser.screen());
    browser.send("q");
    assert!(browser.wait_exit());
    // --report the embedded one.
    let embedded = embedded_symbol();
    let mut browser = Browser::start_with(100, 24, &["--report", &embedded], &env, &[]);
    browser.wait_for_text("? help");
    let line = title(&browser);
    assert!(line.contains(&embedded) && !line.contains(SECOND), "{line}");
    browser.send("q");
    assert!(browser.wait_exit());
}

const COMMITTEE_TEXT: &str = "tests/fixtures/committee-A_75_19.txt";
const COMMITTEE_PDF: &str = "tests/fixtures/committee-A_75_19.pdf";
const REPORT_PDF: &str = "tests/fixtures/report-reportlab.pdf";

/// Paragraph 37 of the committee fixture, read by rule: the line that starts `37. ` without
/// the number, then every other non-blank line up to paragraph 38 (none of them wraps).
fn committee_paragraph_37() -> Vec<String> {
    let text = fs::read_to_string(COMMITTEE_TEXT).unwrap();
    let mut lines = text
        .lines()
        .skip_while(|line| !line.starts_with("37. "))
        .take_while(|line| !line.starts_with("38. "))
        .filter(|line| !line.trim().is_empty())
        .map(str::to_string);
    let first = lines.next().unwrap().trim_start_matches("37. ").to_string();
    std::iter::once(first).chain(lines).collect()
}

#[test]
fn add_reads_a_matrix_pdf_into_the_same_dataset_as_the_text() {
    let home = Home::new();
    home.c34()
        .args(["add", REPORT_PDF, "--symbol", "A/77/505/Add.1"])
        .assert()
        .success();
    let exported = home.json(&["--report", "A/77/505/Add.1", "export"]);
    let mut expected = embedded();
    expected["document"]["symbol"] = json!("A/77/505/Add.1");
    assert_eq!(exported, expected);
}

#[test]
fn a_committee_report_puts_its_recommendations_beside_the_responses() {
    let home = Home::new();
    let responds_to = embedded()["document"]["responds_to"].clone();
    // Before: null.
    let shown = home.json(&["show", "37", "--json"]);
    assert_eq!(shown["recommendation"], Value::Null);
    home.c34()
        .args(["add", COMMITTEE_TEXT])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("added A/75/19 "));
    let listed = home.stdout(&["reports"]);
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("A/75/19 ") && l.contains("Special Committee")),
        "{listed}"
    );
    let shown = home.json(&["show", "37", "--json"]);
    assert_eq!(
        shown["recommendation"],
        json!({"symbol": responds_to, "para": 37, "text": committee_paragraph_37()})
    );
    assert_eq!(shown["para"], json!(37));
    // A paragraph the Committee's report does not have: null.
    let last = *paras(&embedded()).last().unwrap();
    let shown = home.json(&["show", &last.to_string(), "--json"]);
    assert_eq!(shown["recommendation"], Value::Null);
    // The text form prints it above the response.
    let text = home.stdout(&["show", "37", "--width", "200"]);
    let heading = text.find("Recommendation (A/75/19, para. 37)").unwrap();
    let recommendation = text.find(&committee_paragraph_37()[1]).unwrap();
    let response_words = embedded()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap().clone())
        .find(|r| r["para"] == json!(37))
        .unwrap()["paragraphs"][0]
        .as_str()
        .unwrap()
        .split(' ')
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let response = text.find(&response_words).unwrap();
    assert!(
        heading < recommendation && recommendation < response,
        "{text}"
    );
    // export --json carries it too; --format markdown quotes it.
    let exported = home.json(&["export"]);
    let exported_37 = exported["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap().clone())
        .find(|r| r["para"] == json!(37))
        .unwrap();
    assert_eq!(
        exported_37["recommendation"]["text"],
        json!(committee_paragraph_37())
    );
    let markdown = home.stdout(&["show", "37", "--format", "markdown"]);
    assert!(
        markdown.contains("> **A/75/19, para. 37:** The Special Committee requests"),
        "{markdown}"
    );
    // Kept once: the PDF of the same report needs --replace; remove takes it away.
    home.c34().args(["add", COMMITTEE_PDF]).assert().code(2);
    home.c34()
        .args(["add", "--replace", COMMITTEE_PDF])
        .assert()
        .success();
    let shown = home.json(&["show", "37", "--json"]);
    assert_eq!(
        shown["recommendation"]["text"],
        json!(committee_paragraph_37())
    );
    home.c34().args(["remove", "A/75/19"]).assert().success();
    let shown = home.json(&["show", "37", "--json"]);
    assert_eq!(shown["recommendation"], Value::Null);
}

#[test]
fn compare_finds_the_edited_response_first_with_exactly_the_edit() {
    let home = Home::with_second();
    let embedded_symbol = embedded_symbol();
    let all = paras(&embedded());
    // The first response was edited: the counterpart is its renumbered self, and the diff
    // inserts the edit and deletes nothing.
    let found = home.json(&[
        "--report",
        &embedded_symbol,
        "compare",
        &all[0].to_string(),
        "--json",
    ]);
    let first = &found[0];
    assert_eq!(first["symbol"], json!(SECOND));
    assert_eq!(first["para"], json!(all[0] + SHIFT));
    let ops = first["diff"].as_array().unwrap();
    let of = |op: &str| -> String {
        ops.iter()
            .filter(|o| o["op"] == json!(op))
            .map(|o| o["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(of("insert"), EDIT);
    assert_eq!(of("delete"), "");
    let original = embedded()["sections"][0]["recommendations"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(of("equal"), original);
    let similarity = first["similarity"].as_f64().unwrap();
    assert!(similarity > 0.5 && similarity < 1.0, "{similarity}");
    // An unedited response: identical, nothing but equal text.
    let third = home.json(&[
        "compare",
        &(all[2] + SHIFT).to_string(),
        "--json",
        "--with",
        &embedded_symbol,
    ]);
    assert_eq!(third[0]["para"], json!(all[2]));
    assert!((third[0]["similarity"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert!(
        third[0]["diff"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["op"] == json!("equal"))
    );
    // The text form under NO_COLOR marks the insertion.
    let text = home.stdout(&["--report", &embedded_symbol, "compare", &all[0].to_string()]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.starts_with(&format!("{SECOND} ¶ {} · ", all[0] + SHIFT)),
        "{text}"
    );
    // EDIT has single spaces, so it reads the same with the lines joined.
    let marked = format!("{{+{EDIT}+}}");
    assert!(flat.contains(&marked), "{flat}\n{marked}");
    assert!(!flat.contains("[-"), "{flat}");
    // Compared the other way, the edit is a deletion.
    let back = home.stdout(&[
        "compare",
        &(all[0] + SHIFT).to_string(),
        "--with",
        &embedded_symbol,
    ]);
    let back = back.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(back.contains(&format!("[-{EDIT}-]")), "{back}");
    // A paragraph the report does not answer: nothing found.
    home.c34().args(["compare", "1"]).assert().code(1);
}

#[test]
fn notes_import_takes_a_whole_notes_file_too() {
    let symbol = embedded_symbol();
    let para = paras(&embedded())[0];
    let colleague = Home::new();
    colleague.stdout(&["note", &para.to_string(), "Theirs"]);
    let me = Home::new();
    me.stdout(&["note", &para.to_string(), "Mine"]);
    let file = colleague.data_home().join("c34/notes.json");
    me.c34()
        .args(["notes", "import"])
        .arg(&file)
        .assert()
        .success();
    let notes = me.json(&["notes", "--json"]);
    assert_eq!(notes[0]["symbol"], json!(symbol));
    assert_eq!(notes[0]["note"], json!("Mine"));
    assert_eq!(notes[0]["other_notes"], json!(["Theirs"]));
}

#[test]
fn a_committee_report_that_cannot_be_read_is_named_and_left_out() {
    let home = Home::new();
    let dir = home.reports_dir().join("committee");
    fs::create_dir_all(&dir).unwrap();
    // The file `show` looks for, for the built-in report's `responds_to`, holding no report.
    let responds_to = embedded()["document"]["responds_to"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .replace('/', "_");
    let broken = dir.join(format!("{responds_to}.json"));
    fs::write(&broken, "{").unwrap();
    let output = home.c34().args(["show", "37", "--json"]).output().unwrap();
    assert!(output.status.success());
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["recommendation"], Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&broken.display().to_string()), "{stderr}");
    assert_eq!(fs::read_to_string(&broken).unwrap(), "{");
}
