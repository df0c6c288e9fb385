//! Citations: every form the report (and UN style) writes, normalised, with the exact text each
//! covers; links; the report's references against an independent regular-expression scan of
//! the dataset; and any text at all without a panic.

use std::collections::BTreeMap;

use crate::common::cli::{c34, stdout_of};
use c34::dataset::Dataset;
use c34::refs::{Citation, find, link, references};
use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;

/// Asserts the citations of `text`, as (the text each covers, its symbol).
#[track_caller]
fn assert_cites(text: &str, expected: &[(&str, &str)]) {
    let found: Vec<Citation> = find(text);
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|c| (&text[c.range.clone()], c.symbol.as_str()))
        .collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn written_symbols_from_the_report() {
    assert_cites(
        "to the Security Council in October 2020 (see S/2020/1179), and entrusted",
        &[("S/2020/1179", "S/2020/1179")],
    );
    assert_cites(
        "and UNMISS (see, e.g., S/2020/1224).",
        &[("S/2020/1224", "S/2020/1224")],
    );
    assert_cites(
        "dated 24 May 2021 (S/PRST/2021/11), will provide guidance",
        &[("S/PRST/2021/11", "S/PRST/2021/11")],
    );
    assert_cites(
        "measures promulgated in August 2020 (ST/AI/2020/5) support",
        &[("ST/AI/2020/5", "ST/AI/2020/5")],
    );
}

#[test]
fn a_full_stop_after_a_symbol_is_not_part_of_it() {
    assert_cites(
        "its 2021 substantive session, A/75/19. The matrix",
        &[("A/75/19", "A/75/19")],
    );
    assert_cites("See A/75/19.", &[("A/75/19", "A/75/19")]);
    // Dots inside a symbol stay.
    assert_cites(
        "(see A/61/19/Rev.1, para. 232) and A/76/505/Add.1.",
        &[
            ("A/61/19/Rev.1", "A/61/19/Rev.1"),
            ("A/76/505/Add.1", "A/76/505/Add.1"),
        ],
    );
}

#[test]
fn security_council_resolutions_carry_their_year() {
    assert_cites(
        "the Security Council adopted resolution 2589 (2021) on crimes",
        &[("resolution 2589 (2021)", "S/RES/2589 (2021)")],
    );
    assert_cites(
        "Resolution 1325 (2000) was",
        &[("Resolution 1325 (2000)", "S/RES/1325 (2000)")],
    );
    // Line breaks and no-break spaces inside a citation, as PDF conversions leave them.
    assert_cites(
        "adopted resolution\n2589\u{a0}(2021).",
        &[("resolution\n2589\u{a0}(2021)", "S/RES/2589 (2021)")],
    );
    // Without a year, only when the Council is named.
    assert_cites(
        "Security Council resolution 1325 on women",
        &[("resolution 1325", "S/RES/1325")],
    );
    assert_cites(
        "Security\nCouncil resolution 1325 on women",
        &[("resolution 1325", "S/RES/1325")],
    );
    assert_cites("resolution 12 of the committee", &[]);
}

#[test]
fn general_assembly_resolutions_keep_their_part_letter() {
    assert_cites(
        "in accordance with General Assembly resolution 72/262 C.",
        &[("resolution 72/262 C", "A/RES/72/262 C")],
    );
    assert_cites(
        "General Assembly resolution 72/262, the",
        &[("resolution 72/262", "A/RES/72/262")],
    );
    assert_cites(
        "resolution 72/262 Cited",
        &[("resolution 72/262", "A/RES/72/262")],
    );
    assert_cites(
        "resolution S-10/2 and resolution ES-11/1",
        &[
            ("resolution S-10/2", "A/RES/S-10/2"),
            ("resolution ES-11/1", "A/RES/ES-11/1"),
        ],
    );
    assert_cites(
        "resolution 1514 (XV) and resolution 3201 (S-VI)",
        &[
            ("resolution 1514 (XV)", "A/RES/1514 (XV)"),
            ("resolution 3201 (S-VI)", "A/RES/3201 (S-VI)"),
        ],
    );
}

#[test]
fn other_councils_resolutions() {
    assert_cites(
        "Economic and Social Council resolution 2021/16",
        &[("resolution 2021/16", "E/RES/2021/16")],
    );
    assert_cites(
        "Human Rights Council resolution 45/10",
        &[("resolution 45/10", "A/HRC/RES/45/10")],
    );
}

#[test]
fn lists_of_resolutions_are_split() {
    assert_cites(
        "Recalling its resolutions 2086 (2013) and 2378 (2017),",
        &[
            ("resolutions 2086 (2013)", "S/RES/2086 (2013)"),
            ("2378 (2017)", "S/RES/2378 (2017)"),
        ],
    );
    assert_cites(
        "resolutions 1325 (2000), 1820 (2008), 1888 (2009), and 2242 (2015) on",
        &[
            ("resolutions 1325 (2000)", "S/RES/1325 (2000)"),
            ("1820 (2008)", "S/RES/1820 (2008)"),
            ("1888 (2009)", "S/RES/1888 (2009)"),
            ("2242 (2015)", "S/RES/2242 (2015)"),
        ],
    );
    assert_cites(
        "General Assembly resolutions 70/6 and 70/262 and",
        &[
            ("resolutions 70/6", "A/RES/70/6"),
            ("70/262", "A/RES/70/262"),
        ],
    );
    assert_cites(
        "its resolutions 31/6 A and B of",
        &[
            ("resolutions 31/6 A", "A/RES/31/6 A"),
            ("B", "A/RES/31/6 B"),
        ],
    );
    // A capital after a resolution without a part is a word, not a part.
    assert_cites(
        "resolutions 70/6 and A new",
        &[("resolutions 70/6", "A/RES/70/6")],
    );
    // A singular "resolution" starts no list.
    assert_cites(
        "resolution 2589 (2021) and 30 others",
        &[("resolution 2589 (2021)", "S/RES/2589 (2021)")],
    );
}

#[test]
fn written_resolution_symbols_are_spaced_like_cited_ones() {
    assert_cites(
        "see S/RES/2589(2021).",
        &[("S/RES/2589(2021)", "S/RES/2589 (2021)")],
    );
    assert_cites(
        "see S/RES/2589 (2021), A/RES/72/262 C and A/RES/1514 (XV)",
        &[
            ("S/RES/2589 (2021)", "S/RES/2589 (2021)"),
            ("A/RES/72/262 C", "A/RES/72/262 C"),
            ("A/RES/1514 (XV)", "A/RES/1514 (XV)"),
        ],
    );
}

#[test]
fn words_that_only_look_like_citations_are_not() {
    for text in [
        "conflict resolution in Mahagi and Djugu territories",
        "the Revitalized Agreement on the Resolution of the Conflict",
        "Security Council resolutions, reports of the Secretary-General",
        "General Assembly resolutions, mandated tasks",
        "and/or A/ B S/he 24/7 A/C E/",
        "UNMISS/A/75/19",
        "resolution 2589/",
        "resolution (2021)",
    ] {
        assert_cites(text, &[]);
    }
}

#[test]
fn links_go_to_the_official_document_system() {
    assert_eq!(link("S/2020/1179"), "https://undocs.org/en/S/2020/1179");
    assert_eq!(
        link("S/RES/2589 (2021)"),
        "https://undocs.org/en/S/RES/2589(2021)"
    );
    assert_eq!(
        link("A/RES/72/262 C"),
        "https://undocs.org/en/A/RES/72/262%20C"
    );
    assert_eq!(link("A/61/19/Rev.1"), "https://undocs.org/en/A/61/19/Rev.1");
}

#[test]
fn the_report_cites_these_documents_in_this_order() {
    // Read off the report text (assets/A_76_505_Add.1.txt), by hand.
    let refs = references(&Dataset::embedded());
    let got: Vec<(&str, &[u32])> = refs
        .iter()
        .map(|r| (r.symbol.as_str(), r.paras.as_slice()))
        .collect();
    assert_eq!(
        got,
        [
            ("S/2020/1179", &[70][..]),
            ("S/2020/1224", &[121, 122][..]),
            ("S/PRST/2021/11", &[164][..]),
            ("S/RES/2589 (2021)", &[165][..]),
            ("A/RES/72/262 C", &[64][..]),
            ("ST/AI/2020/5", &[184][..]),
        ]
    );
}

/// The citations of one paragraph by regular expressions, written apart from `c34::refs`.
fn scan(paragraph: &str) -> Vec<String> {
    let written = Regex::new(
        r"(?:^|[^A-Za-z0-9/.\-_])((?:ST|A|S|E)/[A-Za-z0-9./\-]*[0-9][A-Za-z0-9./\-]*)(\s*\([0-9]{4}\))?",
    )
    .unwrap();
    let council = Regex::new(
        r"\b[Rr]esolutions?\s+([0-9]+)\s*\(([0-9]{4})\)((?:(?:,\s*|,?\s+and\s+)[0-9]+\s*\([0-9]{4}\))*)",
    )
    .unwrap();
    let listed = Regex::new(r"([0-9]+)\s*\(([0-9]{4})\)").unwrap();
    let assembly = Regex::new(r"\b[Rr]esolutions?\s+([0-9]{1,3}/[0-9]+)(\s[A-Z]\b)?").unwrap();
    let mut symbols = Vec::new();
    for m in written.captures_iter(paragraph) {
        let symbol = m[1].trim_end_matches(['.', '/', '-']);
        match m.get(2) {
            Some(year) if symbol.starts_with("S/RES/") => {
                let year = year.as_str().trim().trim_matches(['(', ')']);
                symbols.push(format!("{symbol} ({year})"));
            }
            _ => symbols.push(symbol.to_string()),
        }
    }
    for m in council.captures_iter(paragraph) {
        symbols.push(format!("S/RES/{} ({})", &m[1], &m[2]));
        for more in listed.captures_iter(&m[3]) {
            symbols.push(format!("S/RES/{} ({})", &more[1], &more[2]));
        }
    }
    for m in assembly.captures_iter(paragraph) {
        let part = m.get(2).map_or("", |p| p.as_str());
        symbols.push(format!("A/RES/{}{part}", &m[1]));
    }
    symbols
}

#[test]
fn c34_refs_json_agrees_with_an_independent_scan_of_the_dataset() {
    let mut expected: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (_, recommendation) in Dataset::embedded().recommendations() {
        for paragraph in &recommendation.paragraphs {
            for symbol in scan(paragraph) {
                let paras = expected.entry(symbol).or_default();
                if !paras.contains(&recommendation.para) {
                    paras.push(recommendation.para);
                }
            }
        }
    }
    let json: Value =
        serde_json::from_str(&stdout_of(c34().args(["refs", "--json"]))).expect("JSON");
    let mut got: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for reference in json.as_array().expect("a list") {
        let object = reference.as_object().expect("an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["link", "paras", "symbol"]);
        let symbol = object["symbol"].as_str().expect("a symbol").to_string();
        let paras: Vec<u32> = object["paras"]
            .as_array()
            .expect("paras")
            .iter()
            .map(|p| u32::try_from(p.as_u64().expect("a number")).expect("small"))
            .collect();
        assert!(
            object["link"]
                .as_str()
                .is_some_and(|l| l.starts_with("https://undocs.org/en/")),
            "{symbol}"
        );
        assert!(got.insert(symbol, paras).is_none(), "a symbol listed twice");
    }
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
}

proptest! {
    #[test]
    fn any_text_gives_sorted_disjoint_ranges_on_character_boundaries(
        text in r"(?s)(resolutions? |[0-9]{1,4}|/|\(|\)|[0-9]{4}|S/|A/|ST/|RES/| and |, |[A-Z]|\.| |\n|é|\u{a0}|—){0,40}"
    ) {
        let found = find(&text);
        let mut last = 0;
        for citation in &found {
            prop_assert!(citation.range.start >= last);
            prop_assert!(citation.range.start < citation.range.end);
            prop_assert!(text.is_char_boundary(citation.range.start));
            prop_assert!(text.is_char_boundary(citation.range.end));
            prop_assert!(!citation.symbol.is_empty());
            last = citation.range.end;
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = find(&text);
    }
}

#[test]
fn every_symbol_the_reader_underlined_is_a_citation() {
    // What the reader's own highlighter took for a symbol or a resolution: a series and a
    // slash with a digit after, or "resolution" and a digit.
    let looks_cited =
        Regex::new(r"\b(?:(?:ST|A|S|E)/[A-Za-z0-9./\-]*[0-9]|[Rr]esolutions? [0-9])").unwrap();
    let dataset = Dataset::embedded();
    let texts = dataset
        .recommendations()
        .flat_map(|(_, r)| r.paragraphs.iter().map(c34::sanitize::SafeText::as_str))
        .chain(std::iter::once(dataset.document.summary.as_str()));
    let mut seen = 0;
    for text in texts {
        let found = find(text);
        for m in looks_cited.find_iter(text) {
            seen += 1;
            assert!(
                found.iter().any(|c| c.range.contains(&m.start())),
                "{:?} in {text:?} is not a citation",
                m.as_str()
            );
        }
    }
    assert!(seen >= 9, "{seen}");
}
