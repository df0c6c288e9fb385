//! The real report, imported: the structure and texts below were checked by reading
//! `assets/A_76_505_Add.1.txt` (the seed as converted from PDF), not by running the importer.

use std::fmt::Write;

use c34::dataset::Dataset;
use c34::import::{ImportOptions, import};

const REPORT: &str = include_str!("../../assets/A_76_505_Add.1.txt");
const REPORT_JSON: &str = include_str!("../../assets/report.json");

fn report() -> Dataset {
    import(REPORT, &ImportOptions::default()).expect("the report imports")
}

fn text(dataset: &Dataset, para: u32) -> Vec<String> {
    dataset
        .get(dataset.find(para).expect("paragraph present"))
        .unwrap()
        .paragraphs
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_embedded_json_is_exactly_what_the_importer_makes_of_the_report() {
    let imported = report();
    assert!(
        imported.to_json() == REPORT_JSON,
        "assets/report.json is stale: run `cargo run -- import assets/A_76_505_Add.1.txt -o assets/report.json`"
    );
    assert_eq!(Dataset::embedded(), imported);
}

#[test]
fn the_document_metadata() {
    let doc = report().document;
    assert_eq!(doc.symbol, "A/76/505/Add.1");
    assert_eq!(doc.date, "2021-11-02");
    assert_eq!(doc.session, 76);
    assert_eq!(doc.agenda_item, "56");
    assert_eq!(doc.responds_to, "A/75/19");
    assert!(doc.summary.starts_with(
        "Pursuant to the request of the Special Committee on Peacekeeping Operations (see A/61/19/Rev.1, para. 232), the matrix"
    ));
    assert!(
        doc.summary
            .ends_with("the relevant paragraph in the report of the Special Committee.")
    );
}

#[test]
fn the_nine_sections_and_their_paragraph_numbers() {
    let expected: [(&str, &str, Vec<u32>); 9] = [
        ("I", "Introduction", vec![18, 22]),
        (
            "II",
            "Conduct of peacekeepers and peacekeeping operations",
            (36..=46).collect(),
        ),
        ("III", "Partnerships", (52..=64).chain(66..=72).collect()),
        (
            "IV",
            "Peacebuilding and sustaining Peace",
            (78..=91).collect(),
        ),
        ("V", "Performance and accountability", (97..=112).collect()),
        ("VI", "Politics", (118..=127).collect()),
        ("VII", "Protection", (133..=150).collect()),
        ("VIII", "Safety and security", (156..=177).collect()),
        ("IX", "Women, peace and security", (183..=192).collect()),
    ];
    let dataset = report();
    assert_eq!(dataset.sections.len(), 9);
    for (section, (number, title, paras)) in dataset.sections.iter().zip(expected) {
        assert_eq!(section.number, number);
        assert_eq!(section.title, title);
        let actual: Vec<u32> = section.recommendations.iter().map(|r| r.para).collect();
        assert_eq!(actual, paras, "section {number}");
    }
    let total: usize = dataset
        .sections
        .iter()
        .map(|s| s.recommendations.len())
        .sum();
    assert_eq!(total, 123);
}

#[test]
fn response_paragraph_counts() {
    let dataset = report();
    let counts = [
        (18, 1),
        (44, 2), // plain continuation
        (53, 3), // three <p> blocks in one tab row
        (54, 2),
        (68, 5),  // four continuation paragraphs
        (70, 4),  // continues across a page header
        (78, 5),  // continues across a page header
        (105, 2), // continuation right before the table
        (145, 2), // continues across a page header
        (165, 2),
        (166, 3),
        (175, 2),
        (183, 2),
        (184, 4),
        (192, 3), // the last recommendation
    ];
    for (para, count) in counts {
        assert_eq!(text(&dataset, para).len(), count, "paragraph {para}");
    }
    let total: usize = dataset
        .recommendations()
        .map(|(_, rec)| rec.paragraphs.len())
        .sum();
    assert_eq!(total, 168);
}

#[test]
fn numbered_line_text() {
    assert_eq!(
        text(&report(), 18),
        [
            "Discussions are currently under way to identify the most suitable way to proceed with such a memorial."
        ]
    );
}

#[test]
fn bulleted_line_text() {
    assert_eq!(
        text(&report(), 57),
        [
            "The United Nations and the European Union continue to strengthen their partnership efforts at both the strategic and operational levels. Discussions began in 2021 on defining joint priorities for 2022–2024, including on measures to strengthen cooperation in places where missions of both organizations are operating in the same area and to advance the utilization of the Framework Agreement between the United Nations and the European Union for the Provision of Mutual Support in the context of their respective missions and operations in the field in order to facilitate timely responses to field requirements and challenges."
        ]
    );
}

#[test]
fn markdown_table_row_text() {
    assert_eq!(
        text(&report(), 106),
        [
            "To facilitate the timely deployment of military contingents and advise the troop-contributing countries on their preparation and readiness, the Department of Peace Operations continued to rely on the Peacekeeping Capability Readiness System to assess, select and deploy all units during the reporting period. Following a pledge, an assessment and advisory visit helps determine the readiness and preparedness and, if recommended, elevate the unit to level 2. Owing to the COVID-19 pandemic, the Department conducted remote and in-person strategic, as well as mission-specific, assessment and advisory visits in 2020/21, while in-person predeployment visits were also conducted. The United Nations Manual for the Generation and Deployment of Military and Formed Police Units to Peace Operations and the standard operating procedures for the selection of military units were finalized, which will help ensure transparency and effectiveness in selecting contingents."
        ]
    );
}

#[test]
fn tab_row_with_paragraph_markup_text() {
    assert_eq!(
        text(&report(), 122),
        [
            "The findings of strategic reviews, independent strategic reviews and/or strategic assessments mandated by the Security Council are shared with the Council in the form of either a report or letter of the Secretary-General. For example, in recent years, reviews and/or assessments were conducted for UNISFA and UNMISS (see, e.g., S/2020/1224)."
        ]
    );
}

#[test]
fn tab_row_without_paragraph_markup_text() {
    assert_eq!(
        text(&report(), 167),
        [
            "Board of inquiry reports are promptly shared with Member States at their request, or whenever the Secretariat deems it appropriate to share such reports that involve the personnel of that country and that may have implications for that country's procedures, training or other actions."
        ]
    );
}

#[test]
fn link_and_escapes_resolved_in_paragraph_165() {
    let paragraphs = text(&report(), 165);
    assert!(paragraphs[0].starts_with(
        "In 2021, the Security Council adopted resolution 2589 (2021) on crimes against peacekeepers, in which"
    ));
    assert!(paragraphs[1].ends_with(
        "MINUSCA, MINUSMA and MONUSCO provided technical assistance and capacity-building to facilitate relevant investigations and prosecutions."
    ));
    let p87 = text(&report(), 87);
    assert!(p87[1].contains("allocated $1.8 million to nine field missions"));
    let p78 = text(&report(), 78);
    assert!(p78[4].contains("approximately $30 million"));
}

#[test]
fn continuation_across_a_page_header_keeps_its_place() {
    let paragraphs = text(&report(), 78);
    assert!(paragraphs[1].starts_with("In the Sudan, the drawdown of the African Union-United Nations Hybrid Operation in Darfur (UNAMID)"));
    assert!(
        paragraphs[2]
            .starts_with("In the Democratic Republic of the Congo, a detailed transition plan")
    );
}

#[test]
fn typography_is_kept_verbatim() {
    let dataset = report();
    assert!(text(&dataset, 68)[0].contains("including the “Silencing of the Guns” initiative"));
    assert!(text(&dataset, 68)[2].contains("the African Union’s largest mission"));
    assert!(text(&dataset, 44)[1].contains("(2017–2023)"));
    assert!(text(&dataset, 80)[0].contains("Task Force – co-chaired by"));
}

/// Every word of the report's body reaches the dataset, in order: nothing is lost or added.
/// The source is reduced with plain string replacements, independent of the importer.
#[test]
fn every_word_of_the_report_is_in_the_dataset_in_order() {
    let body_start = REPORT.find("Para. in").unwrap();
    let mut source = REPORT[body_start..].to_string();
    for markup in [
        "<p>", "</p>", "<i>", "</i>", "](#)", "[", "Para. in", "A/75/19", "|", "\\",
    ] {
        source = source.replace(markup, " ");
    }
    let source_words: Vec<&str> = source
        .split_whitespace()
        .map(|w| w.trim_start_matches('['))
        .filter(|w| !w.is_empty() && w.chars().any(|c| c != '-'))
        .collect();

    let dataset = report();
    let mut words = String::new();
    for section in &dataset.sections {
        write!(words, " {}. {}", section.number, section.title).unwrap();
        for rec in &section.recommendations {
            write!(words, " {}", rec.para).unwrap();
            for paragraph in &rec.paragraphs {
                words.push(' ');
                words.push_str(paragraph);
            }
        }
    }
    for markup in ["A/75/19", "|", "["] {
        words = words.replace(markup, " ");
    }
    let dataset_words: Vec<&str> = words
        .split_whitespace()
        .map(|w| w.trim_start_matches('['))
        .filter(|w| !w.is_empty() && w.chars().any(|c| c != '-'))
        .collect();
    // Source escapes were `\(` and `\$`: with backslashes replaced by spaces, "2589 \(2021\)"
    // becomes "2589 (2021 )"; compare with those spaces removed.
    let normalise = |words: &[&str]| words.concat().replace(' ', "");
    let (ours, theirs) = (normalise(&dataset_words), normalise(&source_words));
    if let Some(at) = ours.chars().zip(theirs.chars()).position(|(a, b)| a != b) {
        let window = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(60))
                .take(120)
                .collect::<String>()
        };
        panic!(
            "dataset and report differ at character {at}:\n dataset: {}\n  report: {}",
            window(&ours),
            window(&theirs)
        );
    }
    assert_eq!(
        ours.chars().count(),
        theirs.chars().count(),
        "one text is longer"
    );
    assert!(
        dataset_words.len() > 14_000,
        "{} words",
        dataset_words.len()
    );
}
