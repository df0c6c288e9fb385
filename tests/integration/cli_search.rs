//! `c34 search` and `c34 missions`, run as a user would: text, `--json`, `--limit`, and the
//! exit status (1 when nothing matches, like grep).

use crate::common::cli::{c34, stdout_of};
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
fn search_says_on_stderr_what_the_limit_cut() {
    // The report has 14 responses that say COVID (tests/search_labelled.rs).
    c34()
        .args(["search", "--limit", "3", "covid"])
        .assert()
        .success()
        .stderr("3 of 14 shown; --limit 14 for all\n");
    c34()
        .args(["search", "--limit", "14", "covid"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn search_shows_why_a_response_matched_a_mission() {
    let out = stdout_of(c34().args(["search", "--limit", "100", "mali"]));
    let line = |para: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(&format!("{para} ")))
            .unwrap_or_else(|| panic!("{para} in {out}"))
            .to_string()
    };
    // ¶ 45 names MINUSMA; ¶ 81 only says "In Mali".
    assert!(line("45").contains("[MINUSMA]"), "{}", line("45"));
    assert!(line("81").contains("[Mali (place)]"), "{}", line("81"));
    let json = stdout_of(c34().args(["search", "--json", "--limit", "100", "mali"]));
    let hits: Value = serde_json::from_str(&json).unwrap();
    let of = |para: u64| {
        hits.as_array()
            .unwrap()
            .iter()
            .find(|h| h["para"] == para)
            .unwrap()["missions"]
            .clone()
    };
    assert_eq!(
        of(45),
        serde_json::json!([{"acronym": "MINUSMA", "by": "acronym"}])
    );
    assert_eq!(
        of(81),
        serde_json::json!([
            {"acronym": "MINUSMA", "by": "place"},
            {"acronym": "EUTM", "by": "place"}
        ])
    );
    // ¶ 150 names MINUSMA and, by its full name, the EU Training Mission.
    assert_eq!(
        of(150),
        serde_json::json!([
            {"acronym": "MINUSMA", "by": "acronym"},
            {"acronym": "EUTM", "by": "name"}
        ])
    );
    let plain = stdout_of(c34().args(["search", "--json", "covid"]));
    let hits: Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(hits[0]["missions"], serde_json::json!([]));
}

#[test]
fn search_prints_markdown_with_a_citation_per_response() {
    let out = stdout_of(c34().args(["search", "--format", "markdown", "clearcheck"]));
    assert!(
        out.starts_with(
            "## ¶ 37 · II. Conduct of peacekeepers and peacekeeping operations\n\nA/76/505/Add.1 (2 November 2021), response to para. 37 of A/75/19\n\n"
        ),
        "{out}"
    );
    assert!(out.contains("**ClearCheck**"), "{out}");
    assert_eq!(out.matches("## ¶").count(), 1);
    let two = stdout_of(c34().args(["search", "--format", "markdown", "--limit", "2", "covid"]));
    assert_eq!(
        two.matches("\n## ¶").count() + usize::from(two.starts_with("## ¶")),
        2
    );
}

#[test]
fn search_text_shows_a_match_even_when_it_is_a_long_name() {
    // ¶ 68 names MINUSCA by its full name, far longer than the line.
    let out = stdout_of(c34().args(["search", "--limit", "100", "CAR"]));
    let line = out
        .lines()
        .find(|l| l.starts_with("  68 "))
        .expect("¶ 68 matches");
    assert!(line.contains("Central African Republic"), "{line}");
}

#[test]
fn search_limit_zero_is_a_usage_error() {
    // It used to print nothing and exit 0: a script could not tell it from an empty answer.
    c34()
        .args(["search", "--limit", "0", "covid"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("--limit"));
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
    // Query words next to each other are one highlight (search v2).
    assert!(
        marked.iter().any(|m| m == "sexual exploitation"),
        "{marked:?}"
    );
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
    let report: Value = serde_json::from_str(include_str!("../../assets/report.json")).unwrap();
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
        assert!(
            ["collective", "coherence", "collective coherence"].contains(&word.as_str()),
            "{word:?}"
        );
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
    // Each mission with how many responses name it; the lines wrap to 80 columns when piped.
    let out = stdout_of(c34().arg("missions"));
    assert!(
        out.contains(
            "UNMISS  United Nations Mission in South Sudan (South Sudan)\n    16 paras: 79 85 121 "
        ),
        "{out}"
    );
    assert!(out.contains(
        "UNMOGIP  United Nations Military Observer Group in India and Pakistan (India\n    and Pakistan)\n    1 para: 100\n"
    ), "{out}");
    assert!(out.starts_with("MINUSCA  "));
    let (own, partners) = out
        .split_once("\nPartner operations\n")
        .expect("a partner group");
    assert_eq!(own.lines().filter(|l| !l.starts_with(' ')).count(), 14);
    assert!(
        partners
            .starts_with("AMISOM  African Union Mission in Somalia (Somalia)\n    1 para: 68\n")
    );
    assert_eq!(partners.lines().filter(|l| !l.starts_with(' ')).count(), 4);
}

#[test]
fn missions_json_is_the_dataset_index() {
    let out = stdout_of(c34().args(["missions", "--json"]));
    let missions: Value = serde_json::from_str(&out).unwrap();
    let report: Value = serde_json::from_str(include_str!("../../assets/report.json")).unwrap();
    // The dataset's records, with `"partner": true` added to the partners' operations.
    let mut unmarked = missions.clone();
    for mission in unmarked.as_array_mut().unwrap() {
        let partner = mission.as_object_mut().unwrap().remove("partner");
        let acronym = mission["acronym"].as_str().unwrap();
        let expected = ["AMISOM", "Barkhane", "EUTM", "FC-G5S"].contains(&acronym);
        assert_eq!(partner.is_some(), expected, "{acronym}");
        assert!(partner.is_none_or(|p| p == true));
    }
    assert_eq!(unmarked, report["missions"]);
    let first = &missions[0];
    for field in ["acronym", "name", "location", "paras"] {
        assert!(!first[field].is_null(), "{field}");
    }
}

#[test]
fn missions_of_a_dataset_without_the_field_are_derived_and_none_named_exits_1() {
    let mut report: Value = serde_json::from_str(include_str!("../../assets/report.json")).unwrap();
    report.as_object_mut().unwrap().remove("missions");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    std::fs::write(&path, report.to_string()).unwrap();
    // The field is optional: c34 derives the missions from the responses.
    c34()
        .arg("--data")
        .arg(&path)
        .arg("missions")
        .assert()
        .success()
        .stdout(contains("MINUSMA"));
    // A report whose responses name no mission has none.
    let mut plain = report.clone();
    plain["sections"].as_array_mut().unwrap().truncate(1);
    for recommendation in plain["sections"][0]["recommendations"]
        .as_array_mut()
        .unwrap()
    {
        recommendation["paragraphs"] = serde_json::json!(["A response that names no mission."]);
    }
    let quiet = dir.path().join("quiet.json");
    std::fs::write(&quiet, plain.to_string()).unwrap();
    c34()
        .arg("--data")
        .arg(&quiet)
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

#[test]
fn search_marks_partial_and_approximate_hits() {
    let query = [
        "search", "--limit", "100", "women", "peace", "and", "security", "targets",
    ];
    let out = stdout_of(c34().args(query));
    let partial: Vec<&str> = out.lines().filter(|l| l.contains("(missing: ")).collect();
    assert!(!partial.is_empty(), "{out}");
    assert!(out.contains("(missing: targets)"), "{out}");
    // Partial hits come after every full one.
    let first = out.lines().position(|l| l.contains("(missing: ")).unwrap();
    assert!(out.lines().skip(first).all(|l| l.contains("(missing: ")));
    let json = stdout_of(c34().args([
        "search",
        "--json",
        "--limit",
        "100",
        "women peace and security targets",
    ]));
    let hits: Value = serde_json::from_str(&json).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["missing"] == serde_json::json!(["targets"]))
    );
    for hit in hits {
        let matched = hit["matched"].as_array().unwrap().len();
        let missing = hit["missing"].as_array().unwrap().len();
        assert_eq!(matched + missing, 4, "{hit}");
        assert_eq!(hit["approximate"], false);
    }
    let json = stdout_of(c34().args(["search", "--json", "minsuma"]));
    let hits: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(hits[0]["approximate"], true);
    let out = stdout_of(c34().args(["search", "minsuma"]));
    assert!(out.lines().all(|l| l.contains("(approximate)")), "{out}");
}

#[test]
fn a_quoted_phrase_without_hits_says_how_many_responses_have_its_words() {
    c34()
        .args(["search", "\"camp security\""])
        .assert()
        .code(1)
        .stderr(contains(
            "1 response has all the words of \"camp security\"",
        ));
}
