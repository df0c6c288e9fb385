//! `c34 search` and `c34 missions`, run as a user would: text, `--json`, `--limit`, and the
//! exit status (1 when nothing matches, like grep).

mod common;

use common::cli::{c34, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

/// A JSON number as an index.
fn offset(value: &Value) -> usize {
    usize::try_from(value.as_u64().expect("a number")).expect("a small number")
}

/// The paragraph numbers at the start of each line of text output.
fn paras(out: &str) -> Vec<u32> {
    out.lines()
        .map(|line| line.split_whitespace().next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn search_prints_one_ranked_line_per_hit_within_the_width() {
    let out = stdout_of(c34().args(["search", "peacekeping", "inteligence"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(paras(&out)[..2], [149, 159]);
    assert!(lines[0].starts_with(" 149  VII "), "{}", lines[0]);
    assert!(lines[1].starts_with(" 159  VIII "), "{}", lines[1]);
    assert!(
        lines[0].contains("peacekeeping intelligence"),
        "{}",
        lines[0]
    );
    for line in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*line) <= 80, "{line}");
        assert!(!line.contains('\u{1b}'), "no colour when piped: {line}");
    }
}

#[test]
fn search_uses_columns_for_the_width_when_piped() {
    let out = stdout_of(c34().env("COLUMNS", "50").args(["search", "unmiss"]));
    assert_eq!(out.lines().count(), 16);
    for line in out.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 50, "{line}");
        assert!(line.contains("UNMISS") || line.contains('…'), "{line}");
    }
}

#[test]
fn search_finds_missions_by_acronym_name_and_place() {
    let unmiss = paras(&stdout_of(c34().args(["search", "UNMISS"])));
    assert_eq!(
        unmiss
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<u32>>(),
        [
            79, 85, 121, 122, 126, 138, 140, 142, 145, 147, 148, 158, 183, 186, 188, 189
        ]
        .into_iter()
        .collect()
    );
    let place = paras(&stdout_of(
        c34().args(["search", "--limit", "100", "south", "sudan"]),
    ));
    assert_eq!(place.len(), 17);
    assert_eq!(place[16], 190, "the place alone comes after the mission");
    assert_eq!(
        paras(&stdout_of(c34().args(["search", "cyprus"]))),
        [82, 183, 190]
    );
}

#[test]
fn search_limit_cuts_the_list() {
    let out = stdout_of(c34().args(["search", "--limit", "3", "covid"]));
    assert_eq!(out.lines().count(), 3);
    let all = stdout_of(c34().args(["search", "--limit", "100", "covid"]));
    assert_eq!(all.lines().count(), 14);
    assert!(all.starts_with(&out));
}

#[test]
fn search_limit_zero_prints_nothing_but_reports_a_match() {
    c34()
        .args(["search", "--limit", "0", "covid"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn search_json_has_character_ranges() {
    let out = stdout_of(c34().args(["search", "--json", "--limit", "2", "sexual", "exploitation"]));
    let hits: Value = serde_json::from_str(&out).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let first = &hits[0];
    assert_eq!(
        first["section"],
        "II. Conduct of peacekeepers and peacekeeping operations"
    );
    assert!(first["para"].as_u64().is_some());
    assert!(first["score"].as_u64().unwrap() > 200);
    let text = first["snippet"]["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let marked: Vec<String> = first["snippet"]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            chars[offset(&r["start"])..offset(&r["end"])]
                .iter()
                .collect()
        })
        .collect();
    assert!(marked.iter().any(|m| m == "sexual"), "{marked:?}");
    assert!(marked.iter().any(|m| m == "exploitation"), "{marked:?}");
    assert!(!first["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn search_json_offsets_count_characters_not_bytes() {
    // Para 118 quotes “collective coherence…”: curly quotes are 3 bytes, 1 character.
    let out = stdout_of(c34().args(["search", "--json", "'collective", "coherence"]));
    let hits: Value = serde_json::from_str(&out).unwrap();
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["para"] == 118)
        .expect("para 118 matches");
    let report: Value = serde_json::from_str(include_str!("../assets/report.json")).unwrap();
    let paragraph = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap())
        .find(|r| r["para"] == 118)
        .unwrap()["paragraphs"][0]
        .as_str()
        .unwrap()
        .chars()
        .collect::<Vec<char>>();
    for h in hit["highlights"].as_array().unwrap() {
        assert_eq!(h["paragraph"], 0);
        let word: String = paragraph[offset(&h["start"])..offset(&h["end"])]
            .iter()
            .collect();
        assert!(word == "collective" || word == "coherence", "{word:?}");
    }
}

#[test]
fn search_without_hits_exits_1_like_grep() {
    c34()
        .args(["search", "xqzvw"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("no recommendation matches"));
    c34()
        .args(["search", "--json", "xqzvw"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn search_needs_a_query() {
    c34().arg("search").assert().code(2);
}

#[test]
fn missions_lists_acronym_name_location_and_paragraphs() {
    let out = stdout_of(c34().arg("missions"));
    assert!(
        out.contains(
            "UNMISS  United Nations Mission in South Sudan (South Sudan)\n    paras 79 85 121"
        ),
        "{out}"
    );
    assert!(out.contains(
        "UNMOGIP  United Nations Military Observer Group in India and Pakistan (India and Pakistan)\n    paras 100\n"
    ));
    assert!(out.starts_with("MINUSCA  "));
    assert_eq!(out.lines().filter(|l| !l.starts_with(' ')).count(), 14);
}

#[test]
fn missions_json_is_the_dataset_index() {
    let out = stdout_of(c34().args(["missions", "--json"]));
    let missions: Value = serde_json::from_str(&out).unwrap();
    let report: Value = serde_json::from_str(include_str!("../assets/report.json")).unwrap();
    assert_eq!(missions, report["missions"]);
    let first = &missions[0];
    for field in ["acronym", "name", "location", "paras"] {
        assert!(!first[field].is_null(), "{field}");
    }
}

#[test]
fn missions_of_a_dataset_without_missions_exit_1() {
    let mut report: Value = serde_json::from_str(include_str!("../assets/report.json")).unwrap();
    report.as_object_mut().unwrap().remove("missions");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    std::fs::write(&path, report.to_string()).unwrap();
    c34()
        .arg("--data")
        .arg(&path)
        .arg("missions")
        .assert()
        .code(1)
        .stderr(contains("no missions"));
    // Search still works on such a file.
    c34()
        .arg("--data")
        .arg(&path)
        .args(["search", "unmiss"])
        .assert()
        .success()
        .stdout(predicate::str::contains("UNMISS"));
}
