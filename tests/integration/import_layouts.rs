//! One importer test per layout the converted reports use, each on a small hand-written input,
//! plus the validation errors and the line/column they name.

use c34::dataset::{Dataset, Section};
use c34::import::{ImportError, ImportOptions, import};

const FRONT_MATTER: &str = "\n\nGeneral Assembly\n\nDistr.: General\n2 November 2021\n\n\
Original: English\n\nSeventy-sixth session\n\nAgenda item 56\n\n\
Comprehensive review of the whole question of peacekeeping operations in all their aspects\n\n\
Implementation of the recommendations of the Special Committee on Peacekeeping Operations\n\n\
Report of the Secretary-General\n\nAddendum\n\nSummary\n\n\
The matrix is supplemental to the report of the Secretary-General ([A/76/505](#)).\n\n";

/// Number of lines `FRONT_MATTER` occupies, so tests can name body lines.
fn front_lines() -> usize {
    FRONT_MATTER.matches('\n').count()
}

fn import_body(body: &str) -> Result<Dataset, ImportError> {
    import(&format!("{FRONT_MATTER}{body}"), &ImportOptions::default())
}

fn paragraphs(dataset: &Dataset, para: u32) -> Vec<String> {
    let location = dataset.find(para).expect("paragraph present");
    let paragraphs = &dataset.get(location).unwrap().paragraphs;
    paragraphs.iter().map(ToString::to_string).collect()
}

fn paras(dataset: &Dataset) -> Vec<u32> {
    dataset.recommendations().map(|(_, rec)| rec.para).collect()
}

#[test]
fn front_matter_gives_the_metadata() {
    let dataset = import_body("Para. in\nA/75/19\n\nI. Introduction\n\n18 Text.\n").unwrap();
    let doc = &dataset.document;
    assert_eq!(doc.symbol, "A/76/505/Add.1");
    assert_eq!(doc.date, "2021-11-02");
    assert_eq!(doc.session, 76);
    assert_eq!(doc.agenda_item, "56");
    assert_eq!(
        doc.agenda_item_title,
        "Comprehensive review of the whole question of peacekeeping operations in all their aspects"
    );
    assert_eq!(
        doc.title,
        "Implementation of the recommendations of the Special Committee on Peacekeeping Operations"
    );
    assert_eq!(doc.responds_to, "A/75/19");
    assert_eq!(
        doc.summary,
        "The matrix is supplemental to the report of the Secretary-General (A/76/505)."
    );
}

#[test]
fn an_explicit_symbol_wins_over_the_derived_one() {
    let text = format!("{FRONT_MATTER}Para. in A/75/19\nI. Introduction\n18 Text.\n");
    let options = ImportOptions {
        symbol: Some("A/77/999/Add.2".into()),
    };
    assert_eq!(
        import(&text, &options).unwrap().document.symbol,
        "A/77/999/Add.2"
    );
}

#[test]
fn numbered_lines() {
    let dataset =
        import_body("Para. in\nA/75/19\n\nI. Introduction\n\n18 First.\n\n22 Second one.\n")
            .unwrap();
    assert_eq!(paras(&dataset), vec![18, 22]);
    assert_eq!(paragraphs(&dataset, 22), vec!["Second one."]);
}

#[test]
fn bulleted_numbered_lines() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nIII. Partnerships\n\n- 57 The United Nations and the European Union.\n- 58 ASEAN (2022–2024).\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), vec![57, 58]);
    assert_eq!(paragraphs(&dataset, 58), vec!["ASEAN (2022–2024)."]);
}

#[test]
fn markdown_table_rows_and_their_separator_lines() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nV. Performance\n\n- | | |\n|-----|--|\n| 106 | <p>To facilitate deployment.</p> |\n| 107 | <p>Co-deployments.</p> <p>Workshops | seminars.</p> |\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), vec![106, 107]);
    assert_eq!(paragraphs(&dataset, 106), vec!["To facilitate deployment."]);
    // A pipe inside the text is wording, not a cell boundary: nothing after it is lost.
    assert_eq!(
        paragraphs(&dataset, 107),
        vec!["Co-deployments.", "Workshops | seminars."]
    );
}

#[test]
fn tab_separated_rows_with_paragraph_markup() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nVI. Politics\n\n122\t<p>The findings of strategic reviews.</p>\n127\t<p>The Secretariat continues.</p>\nVII. Protection\t\n133\t<p>This recommendation is not addressed to the Secretariat.</p>\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), vec![122, 127, 133]);
    assert_eq!(dataset.sections[1].title, "Protection");
    assert!(
        dataset
            .get(dataset.find(133).unwrap())
            .unwrap()
            .is_not_addressed()
    );
}

#[test]
fn tab_separated_rows_without_paragraph_markup() {
    let dataset = import_body(
        "<i>Para. in A/75/19</i>\t\nVIII. Safety and security\n167\tBoard of inquiry reports are shared.\n168\tThe Office of Military Affairs continues.\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), vec![167, 168]);
    assert_eq!(
        paragraphs(&dataset, 167),
        vec!["Board of inquiry reports are shared."]
    );
}

#[test]
fn page_headers_on_two_lines_or_one_italic_line_are_dropped() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nI. Introduction\n\n18 One.\n\nPara. in\nA/75/19\n\n22 Two.\n\n<i>Para. in A/75/19</i>\t\n36 Three.\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), vec![18, 22, 36]);
    for para in [18, 22, 36] {
        assert_eq!(paragraphs(&dataset, para).len(), 1);
    }
}

#[test]
fn section_headings_with_trailing_whitespace() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nI. Introduction   \n\n18 One.\n\nII. Conduct of peacekeepers \t\n\n36 Two.\n",
    )
    .unwrap();
    let headings: Vec<String> = dataset.sections.iter().map(Section::heading).collect();
    assert_eq!(
        headings,
        vec!["I. Introduction", "II. Conduct of peacekeepers"]
    );
}

#[test]
fn continuation_paragraphs_belong_to_the_recommendation_above_even_across_a_page_header() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nIV. Peacebuilding\n\n78 First paragraph.\n\nSecond paragraph.\n\nPara. in\nA/75/19\n\nThird, after the page header.\n\n79 Next.\n",
    )
    .unwrap();
    assert_eq!(
        paragraphs(&dataset, 78),
        vec![
            "First paragraph.",
            "Second paragraph.",
            "Third, after the page header."
        ]
    );
    assert_eq!(paragraphs(&dataset, 79), vec!["Next."]);
}

#[test]
fn a_number_followed_by_a_lowercase_word_is_prose_not_a_paragraph_number() {
    let dataset =
        import_body("Para. in\nA/75/19\n\nI. Introduction\n\n18 One.\n\n35 per cent were women.\n")
            .unwrap();
    assert_eq!(
        paragraphs(&dataset, 18),
        vec!["One.", "35 per cent were women."]
    );
}

#[test]
fn several_paragraph_blocks_in_one_row() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nIII. Partnerships\n\n53\t<p>Coherence is essential.</p> <p>The Transitions Project.</p> <p>The task force.</p>\n",
    )
    .unwrap();
    assert_eq!(
        paragraphs(&dataset, 53),
        vec![
            "Coherence is essential.",
            "The Transitions Project.",
            "The task force."
        ]
    );
}

#[test]
fn link_markup_and_backslash_escapes_are_removed_verbatim_otherwise() {
    let dataset = import_body(
        "Para. in\nA/75/19\n\nVIII. Safety\n\n165 The Council adopted resolution [2589 \\(2021\\)](#) and the statement ([S/PRST/2021/11](#)); it invested \\$30 million in the “Silencing of the Guns” – a [bracketed] note.\n",
    )
    .unwrap();
    assert_eq!(
        paragraphs(&dataset, 165),
        vec![
            "The Council adopted resolution 2589 (2021) and the statement (S/PRST/2021/11); it invested $30 million in the “Silencing of the Guns” – a [bracketed] note."
        ]
    );
}

#[test]
fn spacing_inside_a_paragraph_is_kept() {
    let dataset =
        import_body("Para. in\nA/75/19\n\nI. Introduction\n\n18 Two  spaces and\ttab.\n").unwrap();
    assert_eq!(paragraphs(&dataset, 18), vec!["Two  spaces and\ttab."]);
}

fn error(body: &str) -> ImportError {
    import_body(body).expect_err("the input is invalid")
}

#[test]
fn decreasing_paragraph_numbers_are_an_error_naming_the_line() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\n22 One.\n\n18 Two.\n");
    assert_eq!(error.line, front_lines() + 8);
    assert!(error.message.contains("18 follows 22"), "{}", error.message);
}

#[test]
fn duplicate_paragraph_numbers_are_an_error() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\n22 One.\n\n22 Two.\n");
    assert_eq!(error.line, front_lines() + 8);
}

#[test]
fn an_empty_recommendation_is_an_error_naming_its_line() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\n18\t<p></p>\n22 Two.\n");
    assert_eq!(error.line, front_lines() + 6);
    assert!(
        error.message.contains("paragraph 18 is empty"),
        "{}",
        error.message
    );
}

#[test]
fn markup_left_in_the_text_is_an_error_naming_line_and_column() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\n18 Some <div>left</div> over.\n");
    assert_eq!((error.line, error.column), (front_lines() + 6, 9));
    assert!(error.message.contains("HTML tag"), "{}", error.message);
}

#[test]
fn text_before_any_numbered_line_is_an_error() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\nOrphan paragraph.\n");
    assert_eq!((error.line, error.column), (front_lines() + 6, 1));
}

#[test]
fn a_recommendation_before_any_section_is_an_error() {
    let error = error("Para. in\nA/75/19\n\n18 Too early.\n");
    assert_eq!(error.line, front_lines() + 4);
}

#[test]
fn a_section_without_recommendations_is_an_error() {
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\nII. Conduct\n\n36 One.\n");
    assert!(
        error
            .message
            .contains("I. Introduction has no recommendations"),
        "{}",
        error.message
    );
}

#[test]
fn a_text_without_any_structure_is_an_error() {
    let error = import("just some words\n", &ImportOptions::default()).unwrap_err();
    assert!(
        error.message.contains("no section heading"),
        "{}",
        error.message
    );
}

#[test]
fn missing_front_matter_fields_are_named() {
    let text = "Para. in\nA/75/19\n\nI. Introduction\n\n18 One.\n";
    let error = import(text, &ImportOptions::default()).unwrap_err();
    assert!(error.message.contains("front matter"), "{}", error.message);
}

#[test]
fn a_six_digit_paragraph_number_is_an_error_naming_line_and_column() {
    // Once read as text of ¶ 18, silently.
    let error = error("Para. in\nA/75/19\n\nI. Introduction\n\n18 First.\n\n100000 Second.\n");
    assert_eq!((error.line, error.column), (front_lines() + 8, 1));
    assert!(
        error
            .message
            .contains("100000 is too large for a paragraph number"),
        "{}",
        error.message
    );
    // In every layout: a table row, a tab-separated row, a bullet.
    for (row, column) in [
        ("| 1000000 | <p>Second.</p> |", 3),
        ("1234567\t<p>Second.</p>", 1),
        ("- 99999999999 Second.", 3),
    ] {
        let failure = import_body(&format!(
            "Para. in\nA/75/19\n\nI. Introduction\n\n18 First.\n\n{row}\n"
        ))
        .expect_err(row);
        assert_eq!(
            (failure.line, failure.column),
            (front_lines() + 8, column),
            "{row}"
        );
        assert!(
            failure.message.contains("too large"),
            "{row}: {}",
            failure.message
        );
    }
    // Five digits are still a paragraph number; a large number before a lowercase word is prose.
    let dataset = import_body(
        "Para. in\nA/75/19\n\nI. Introduction\n\n18 First.\n\n100000 peacekeepers served.\n\n99999 Last.\n",
    )
    .unwrap();
    assert_eq!(paras(&dataset), [18, 99999]);
    assert_eq!(
        paragraphs(&dataset, 18),
        ["First.", "100000 peacekeepers served."]
    );
}

#[test]
fn the_addendum_number_comes_from_the_cover() {
    let second = FRONT_MATTER.replace("\nAddendum\n", "\nAddendum 2\n");
    let text = format!("{second}Para. in A/75/19\nI. Introduction\n18 Text.\n");
    let dataset = import(&text, &ImportOptions::default()).unwrap();
    // The parent's symbol is in the summary; the number on the cover.
    assert_eq!(dataset.document.symbol, "A/76/505/Add.2");
}

/// Inputs whose markup never closes, each about 1.6 MB: every one imports to its error (or its
/// dataset) in linear time. The first took 199 s when each `[` rescanned the rest of the line.
#[test]
fn unclosed_links_and_tags_cost_linear_time() {
    let body = |line: &str| format!("Para. in\nA/75/19\n\nI. Introduction\n\n18 {line}\n");
    let cases: [(String, Option<&str>); 5] = [
        ("[a](".repeat(400_000), Some("a markdown link")),
        ("[".repeat(1_600_000), None),
        ("[a]".repeat(530_000) + "(#)", None),
        ("<b ".repeat(530_000), None),
        ("<p>(".repeat(400_000), Some("an HTML tag")),
    ];
    for (line, expected) in cases {
        let started = std::time::Instant::now();
        let result = import_body(&body(&line));
        let elapsed = started.elapsed();
        match (expected, result) {
            (Some(what), Err(error)) => {
                assert!(error.message.contains(what), "{}", error.message);
                assert_eq!(error.line, front_lines() + 6);
            }
            (None, Ok(_)) => {}
            (expected, result) => panic!(
                "{}…: expected {expected:?}, got {:?}",
                &line[..8],
                result.map(|_| ()).map_err(|e| e.to_string())
            ),
        }
        // Only separates linear from quadratic, with room for a loaded machine: the quadratic
        // scan took 199 s on the first case; linear takes ~60 ms in release, ~1 s unoptimised.
        // The figure itself is the import benchmark's (benches/import.rs).
        assert!(
            elapsed < std::time::Duration::from_secs(30),
            "{}…: {elapsed:?}",
            &line[..8]
        );
    }
}
