//! The Special Committee's report: the numbered paragraphs of its chapter "Proposals,
//! recommendations and conclusions", read from `tests/fixtures/committee-A_75_19.txt` (invented
//! sentences in the A/NN/19 layout). Expected values are copied from the fixture by hand.

use std::path::Path;

use c34::series::committee::{CommitteeError, CommitteeReport, parse};

const FIXTURE: &str = include_str!("../fixtures/committee-A_75_19.txt");

fn report() -> CommitteeReport {
    parse(FIXTURE, Path::new("committee-A_75_19.txt")).expect("the fixture parses")
}

fn error(text: &str) -> CommitteeError {
    parse(text, Path::new("c.txt")).unwrap_err()
}

#[test]
fn the_chapter_s_paragraphs_and_nothing_else() {
    let report = report();
    assert_eq!(report.symbol, "A/75/19");
    let paras: Vec<u32> = report.paragraphs.iter().map(|p| p.para).collect();
    assert_eq!(paras, vec![17, 18, 22, 36, 37, 38, 52, 53]);
}

#[test]
fn sections_carry_their_letters_and_titles() {
    let report = report();
    let section = |para| {
        let p = report.paragraph(para).unwrap();
        (p.section.as_str(), p.section_title.as_str())
    };
    assert_eq!(section(17), ("A", "Introduction"));
    assert_eq!(section(22), ("A", "Introduction"));
    // The heading is wrapped onto a second line in the fixture.
    assert_eq!(
        section(36),
        ("B", "Conduct of peacekeepers and peacekeeping operations")
    );
    assert_eq!(section(53), ("C", "Partnerships"));
}

#[test]
fn wrapped_lines_page_breaks_and_sub_items() {
    let report = report();
    let text = |para| report.paragraph(para).unwrap().text.clone();
    assert_eq!(
        text(18),
        vec![
            "The Special Committee asks that a memorial be considered at Headquarters and that Member States be consulted on its design."
        ]
    );
    assert_eq!(
        text(37),
        vec![
            "The Special Committee requests the Secretariat to ensure that all personnel meet the highest standards of conduct, in particular:",
            "(a) To vet every person before deployment against the records of prior misconduct;",
            "(b) To screen civilian personnel against the shared database, including for harassment;",
            "(c) To report on the vetting and screening done in the previous year.",
        ]
    );
    // Cut mid-sentence by a page break (footer, page number, running header), then a new
    // unnumbered paragraph.
    assert_eq!(
        text(38),
        vec![
            "The Special Committee underlines the obligation to inform Member States promptly of any allegation involving their personnel, and asks for a summary of the action taken.",
            "The Special Committee also welcomes the progress made in shortening investigations.",
        ]
    );
    // A soft hyphen at a line's end joins the word.
    assert!(text(53)[0].ends_with("in the provision of equipment."));
    // Chapter VI ends the chapter.
    assert!(report.paragraph(60).is_none());
}

#[test]
fn the_report_round_trips_through_json() {
    let report = report();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["symbol"], "A/75/19");
    assert_eq!(json["paragraphs"][4]["para"], 37);
    assert_eq!(json["paragraphs"][4]["section"], "B");
    let back: CommitteeReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn errors_name_file_line_and_column() {
    let chapter = "A/75/19\n\nV. Proposals, recommendations and conclusions\n\nA. Introduction\n\n";
    let e = error(&format!("{chapter}20. One.\n\n  19. Two.\n"));
    assert_eq!((e.line, e.column), (9, 3));
    assert_eq!(
        e.to_string(),
        "c.txt:9:3: paragraph numbers must increase: 19 follows 20"
    );

    let e = error(&format!("{chapter}Stray words.\n20. One.\n"));
    assert_eq!((e.line, e.column), (7, 1));
    assert!(
        e.message
            .contains("before the chapter's first numbered paragraph")
    );

    let e = error("A/75/19\n\nI. Introduction\n\n1. Text.\n");
    assert!(
        e.message
            .contains("no chapter \"Proposals, recommendations and conclusions\"")
    );

    let e = error("V. Proposals, recommendations and conclusions\n\n20. One.\n");
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.contains("no document symbol"));

    let e = error(&format!("{chapter}VI. Other\n20. One.\n"));
    assert!(e.message.contains("has no numbered paragraphs"), "{e}");
}

#[test]
fn chapter_heading_on_two_lines() {
    let report = parse(
        "A/76/19\n\nChapter V\n\nProposals, recommendations and conclusions\n\n12. Text of twelve.\n",
        Path::new("c.txt"),
    )
    .unwrap();
    assert_eq!(report.symbol, "A/76/19");
    assert_eq!(report.paragraphs[0].text, vec!["Text of twelve."]);
    assert_eq!(report.paragraphs[0].section, "");
}

#[test]
fn a_one_letter_numeral_after_the_chapter_ends_it_unless_it_is_the_next_section() {
    // Chapter IV: `V.` is the next chapter; in chapter IV's sections `C.` after `B.` is a section.
    let text = "A/79/19\n\nIV. Proposals, recommendations and conclusions\n\nA. One\n\n1. First.\n\n\
B. Two\n\n2. Second.\n\nC. Three\n\n3. Third.\n\nV. Adoption of the report\n\n4. Not ours.\n";
    let report = parse(text, Path::new("c.txt")).unwrap();
    let sections: Vec<(u32, &str)> = report
        .paragraphs
        .iter()
        .map(|p| (p.para, p.section.as_str()))
        .collect();
    assert_eq!(sections, vec![(1, "A"), (2, "B"), (3, "C")]);
}

#[test]
fn the_same_report_read_from_a_pdf() {
    // `scripts/make_committee_pdf.py` typeset the fixture on small pages, paragraph 22 cut
    // across pages 1 and 2, running header and job-number footer on every page.
    const PDF: &[u8] = include_bytes!("../fixtures/committee-A_75_19.pdf");
    let pages = pdf_extract::extract_text_from_mem_by_pages(PDF).unwrap();
    assert!(pages[0].contains("briefing on field issues at"));
    assert!(!pages[0].contains("the start of each"));
    assert!(pages[1].contains("the start of each substantive session."));
    assert!(pages.iter().all(|page| page.contains("21-04567")));

    let path = Path::new("committee.pdf");
    let text = c34::series::pdf::document_text(PDF, path).unwrap();
    assert!(!text.contains("21-04567"));
    assert_eq!(parse(&text, path).unwrap(), report());
}

#[test]
fn a_recommendation_as_show_json_carries_it() {
    let report = report();
    let json = serde_json::to_string(&report.recommendation(22).unwrap()).unwrap();
    assert_eq!(
        json,
        r#"{"symbol":"A/75/19","para":22,"text":["The Special Committee requests a briefing on field issues at the start of each substantive session."]}"#
    );
    assert!(report.recommendation(23).is_none());
    // The embedded matrix answers this report: its paragraphs find their recommendations.
    let matrix = c34::dataset::Dataset::embedded();
    assert_eq!(matrix.document.responds_to, report.symbol);
    let answered: Vec<u32> = matrix
        .recommendations()
        .map(|(_, rec)| rec.para)
        .filter(|para| report.recommendation(*para).is_some())
        .collect();
    assert_eq!(answered, vec![18, 22, 36, 37, 38, 52, 53]);
}

#[test]
fn text_from_a_converter_with_markup() {
    // How a PDF-to-markdown converter writes the same layout: heading marks, escaped list
    // numbers, paragraph tags, links and escapes.
    let text = "A/75/19\n\n## V. Proposals, recommendations and conclusions\n\n### A. Introduction\n\n\
37\\. The Special Committee <i>recalls</i> its report ([A/74/19](#)) and asks for \\$30 million.\n\n\
<p>(a) To vet every person;</p>\n\n- 38\\. The Special Committee welcomes the report.\n";
    let report = parse(text, Path::new("converted.md")).unwrap();
    let section = &report.paragraphs[0];
    assert_eq!(
        (section.section.as_str(), section.section_title.as_str()),
        ("A", "Introduction")
    );
    assert_eq!(
        report.paragraph(37).unwrap().text,
        vec![
            "The Special Committee recalls its report (A/74/19) and asks for $30 million.",
            "(a) To vet every person;",
        ]
    );
    assert_eq!(
        report.paragraph(38).unwrap().text,
        vec!["The Special Committee welcomes the report."]
    );
}
