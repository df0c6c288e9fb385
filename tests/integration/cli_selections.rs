//! Selections on the command line: `show` with several paragraphs and ranges in three formats,
//! `cite`, and the CSV export. Expected values come from `assets/report.json` read as plain
//! JSON, never from c34's own functions.

use std::fmt::Write;

use crate::common::cli::{c34, stdout_of};
use predicates::str::contains;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

/// (section numeral, section title, para, paragraphs) for every recommendation, in order.
fn recommendations() -> Vec<(String, String, u64, Vec<String>)> {
    let dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    let mut out = Vec::new();
    for section in dataset["sections"].as_array().unwrap() {
        for rec in section["recommendations"].as_array().unwrap() {
            out.push((
                section["number"].as_str().unwrap().to_string(),
                section["title"].as_str().unwrap().to_string(),
                rec["para"].as_u64().unwrap(),
                rec["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect(),
            ));
        }
    }
    out
}

fn paragraphs_of(para: u64) -> Vec<String> {
    recommendations()
        .into_iter()
        .find(|r| r.2 == para)
        .unwrap()
        .3
}

fn words(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .flat_map(|t| t.split_whitespace().map(String::from).collect::<Vec<_>>())
        .collect()
}

/// The citation as the report's front matter gives it (date written out by hand).
fn citation(para: u64) -> String {
    let dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    let doc = &dataset["document"];
    assert_eq!(doc["date"], "2021-11-02");
    format!(
        "{} (2 November 2021), response to para. {para} of {}",
        doc["symbol"].as_str().unwrap(),
        doc["responds_to"].as_str().unwrap()
    )
}

#[test]
fn show_several_numbers_and_a_range_with_a_header_each() {
    let out = stdout_of(c34().args(["show", "37", "41-42", "--width", "70"]));
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("¶ ")).collect();
    assert_eq!(
        headers,
        [
            "¶ 37 · II. Conduct of peacekeepers and peacekeeping operations",
            "¶ 41 · II. Conduct of peacekeepers and peacekeeping operations",
            "¶ 42 · II. Conduct of peacekeepers and peacekeeping operations",
        ]
    );
    // Each response follows its header, whole, and a blank line comes before the next header.
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(blocks.len(), 3, "{out}");
    for (block, para) in blocks.iter().zip([37, 41, 42]) {
        let (header, body) = block.split_once('\n').unwrap();
        assert!(header.starts_with(&format!("¶ {para} ")));
        // A line may end after a word's own hyphen (as in the reader).
        let body: Vec<String> = body
            .replace("-\n", "-")
            .split_whitespace()
            .map(String::from)
            .collect();
        assert_eq!(body, words(&paragraphs_of(para)), "¶ {para}");
    }
    assert!(out.lines().all(|line| line.chars().count() <= 70));
}

#[test]
fn one_paragraph_has_no_header() {
    let out = stdout_of(c34().args(["show", "37"]));
    assert!(!out.contains('¶'), "{out}");
    assert!(out.starts_with("The Secretariat continues"));
}

#[test]
fn a_range_takes_the_paragraphs_the_report_answers_inside_it() {
    let out = stdout_of(c34().args(["show", "60-70", "--json"]));
    let shown: Vec<u64> = serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|rec| rec["para"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = recommendations()
        .iter()
        .map(|r| r.2)
        .filter(|p| (60..=70).contains(p))
        .collect();
    assert!(!expected.contains(&65), "the report skips 65");
    assert_eq!(shown, expected);
}

#[test]
fn each_paragraph_is_shown_once_in_the_order_given() {
    let out = stdout_of(c34().args(["show", "22", "18-22", "18", "--json"]));
    let shown: Vec<u64> = serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|rec| rec["para"].as_u64().unwrap())
        .collect();
    assert_eq!(shown, [22, 18]);
    // Commas separate numbers too.
    let out = stdout_of(c34().args(["cite", "18,22"]));
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn json_is_an_object_for_one_number_and_an_array_otherwise() {
    let dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    let rec_165 = dataset["sections"][7]["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rec| rec["para"] == 165)
        .unwrap()
        .clone();
    // The dataset's object, with where it sits and how to cite it.
    let mut rec_165 = rec_165;
    rec_165["section"] = dataset["sections"][7]["number"].clone();
    rec_165["section_title"] = dataset["sections"][7]["title"].clone();
    rec_165["citation"] = Value::from(citation(165));
    assert_eq!(rec_165["section"], "VIII");
    // And the Committee's recommendation: null, as the library holds no Committee report
    // here (issue 19).
    rec_165["recommendation"] = Value::Null;
    let one: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "165", "--json"]))).unwrap();
    assert_eq!(one, rec_165);
    let same: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "165", "--format", "json"]))).unwrap();
    assert_eq!(same, rec_165);
    // A range is a list, even of one.
    let range: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "165-165", "--json"]))).unwrap();
    assert_eq!(range, Value::Array(vec![rec_165.clone()]));
    let two: Value =
        serde_json::from_str(&stdout_of(c34().args(["show", "165", "166", "--json"]))).unwrap();
    assert_eq!(two.as_array().unwrap().len(), 2);
    assert_eq!(two[0], rec_165);
    assert_eq!(two[1]["para"], 166);
}

#[test]
fn markdown_gives_each_response_a_heading_with_its_citation() {
    let out = stdout_of(c34().args(["show", "165", "166", "--format", "markdown"]));
    let mut expected = String::new();
    for para in [165, 166] {
        if !expected.is_empty() {
            expected.push('\n');
        }
        // One heading shape for every markdown response: ¶, section, then the citation.
        writeln!(
            expected,
            "## ¶ {para} · VIII. Safety and security\n\n{}",
            citation(para)
        )
        .unwrap();
        for paragraph in paragraphs_of(para) {
            // These responses have nothing markdown would read as markup, so nothing is escaped.
            assert!(!paragraph.contains(['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|']));
            write!(expected, "\n{paragraph}\n").unwrap();
        }
    }
    assert_eq!(out, expected);
    assert!(out.starts_with(
        "## ¶ 165 · VIII. Safety and security\n\nA/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19\n\nIn 2021,"
    ));
}

#[test]
fn cite_prints_one_citation_per_line() {
    let out = stdout_of(c34().args(["cite", "165", "18-22"]));
    assert_eq!(
        out,
        format!("{}\n{}\n{}\n", citation(165), citation(18), citation(22))
    );
    assert_eq!(
        out.lines().next(),
        Some("A/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19")
    );
}

#[test]
fn an_unknown_number_prints_nothing_and_names_the_nearest() {
    for command in ["show", "cite"] {
        c34()
            .args([command, "65"])
            .assert()
            .code(1)
            .stdout("")
            .stderr("c34: no response to ¶ 65 · nearest: ¶ 64, ¶ 66\n");
        // With known ones too: nothing is printed, each unknown is named.
        c34()
            .args([command, "18", "17", "9999"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                "c34: no response to ¶ 17 · nearest: ¶ 18\n\
                 c34: no response to ¶ 9999 · nearest: ¶ 192\n",
            );
        c34()
            .args([command, "1-17"])
            .assert()
            .code(1)
            .stdout("")
            .stderr("c34: no response to ¶ 1-17 · nearest: ¶ 18\n");
    }
}

#[test]
fn malformed_selections_are_usage_errors() {
    for bad in ["4-", "-4", "x", "42-41", "4-x", "1-2-3", ""] {
        c34()
            .args(["show", bad])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("error"));
    }
    c34().args(["cite", "x"]).assert().code(2);
    c34().arg("cite").assert().code(2);
    c34()
        .args(["show", "18", "--json", "--format", "markdown"])
        .assert()
        .code(2)
        .stderr(contains("cannot be used with"));
}

#[test]
fn csv_round_trips_to_the_dataset_text() {
    let out = stdout_of(c34().args(["export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    // The first three columns are those c34 always wrote, in their order; the section's title
    // and the citation follow.
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["section", "para", "text", "section_title", "citation"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = recommendations();
    assert_eq!(rows.len(), expected.len());
    assert_eq!(rows.len(), 123);
    for (row, (numeral, title, para, paragraphs)) in rows.iter().zip(&expected) {
        assert_eq!(row.len(), 5);
        assert_eq!(&row[0], numeral);
        assert_eq!(row[1].parse::<u64>().unwrap(), *para);
        assert_eq!(row[2], paragraphs.join("\n\n"), "¶ {para}");
        assert_eq!(&row[3], title);
        assert_eq!(row[4], citation(*para));
    }
    assert!(
        out.starts_with("section,para,text,section_title,citation\nI,18,Discussions are currently")
    );
}
