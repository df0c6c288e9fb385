//! What changed from one report to the next: a second report made from the embedded one
//! (another symbol and date, every paragraph renumbered, some responses edited) must give each
//! edited response's counterpart first, with a diff of exactly the words the test changed.

use c34::dataset::Dataset;
use c34::series::compare::{Comparison, DiffOp, Op, ResponseIndex, THRESHOLD, compare, diff};

/// Paragraphs move by this much in the second report.
const SHIFT: u32 = 3;

/// One edit: in the response to `para`, paragraph `index`, `old` becomes `new`.
struct Edit {
    para: u32,
    index: usize,
    old: &'static str,
    new: &'static str,
    removed: &'static [&'static str],
    added: &'static [&'static str],
}

const EDITS: &[Edit] = &[
    Edit {
        para: 37,
        index: 0,
        old: "used by 26 entities",
        new: "used by 31 entities",
        removed: &["26"],
        added: &["31"],
    },
    Edit {
        para: 18,
        index: 0,
        old: "Discussions are currently under way",
        new: "Discussions are under way",
        removed: &["currently"],
        added: &[],
    },
    Edit {
        para: 43,
        index: usize::MAX, // the last paragraph: a sentence is appended
        old: "",
        new: " The review will be completed in 2023.",
        removed: &[],
        added: &["The", "review", "will", "be", "completed", "in", "2023."],
    },
];

fn next_year() -> Dataset {
    let mut dataset = Dataset::embedded();
    dataset.document.symbol = "A/77/600/Add.1".into();
    dataset.document.date = "2022-11-04".into();
    for section in &mut dataset.sections {
        for rec in &mut section.recommendations {
            for edit in EDITS.iter().filter(|edit| edit.para == rec.para) {
                let index = edit.index.min(rec.paragraphs.len() - 1);
                let paragraph = &mut rec.paragraphs[index];
                if edit.old.is_empty() {
                    *paragraph = format!("{paragraph}{}", edit.new).into();
                } else {
                    assert_eq!(paragraph.matches(edit.old).count(), 1, "{}", edit.old);
                    *paragraph = paragraph.replace(edit.old, edit.new).into();
                }
            }
            rec.para += SHIFT;
        }
    }
    for mission in &mut dataset.missions {
        for para in &mut mission.paras {
            *para += SHIFT;
        }
    }
    dataset.validate().expect("the second report is valid");
    dataset
}

fn joined(dataset: &Dataset, para: u32) -> String {
    let location = dataset.find(para).unwrap();
    dataset.get(location).unwrap().paragraphs.join("\n\n")
}

fn text_of(ops: &[DiffOp], side: Op) -> String {
    ops.iter()
        .filter(|op| op.op == Op::Equal || op.op == side)
        .map(|op| op.text.as_str())
        .collect()
}

fn words_of(ops: &[DiffOp], kind: Op) -> Vec<String> {
    ops.iter()
        .filter(|op| op.op == kind)
        .flat_map(|op| op.text.split_whitespace())
        .map(str::to_string)
        .collect()
}

#[test]
fn an_edited_response_finds_its_counterpart_with_exactly_the_edits() {
    let this_year = Dataset::embedded();
    let next = next_year();
    for edit in EDITS {
        let comparison = compare(&this_year, edit.para, &next).expect("a counterpart");
        assert_eq!(comparison.symbol, "A/77/600/Add.1");
        assert_eq!(
            comparison.para,
            edit.para + SHIFT,
            "the counterpart of {}",
            edit.para
        );
        assert!(
            (THRESHOLD..1.0).contains(&comparison.similarity),
            "{} is {}",
            edit.para,
            comparison.similarity
        );
        assert!(comparison.similarity > 0.9, "{}", comparison.similarity);
        let ops = &comparison.diff;
        assert_eq!(text_of(ops, Op::Delete), joined(&this_year, edit.para));
        assert_eq!(text_of(ops, Op::Insert), joined(&next, edit.para + SHIFT));
        assert_eq!(
            words_of(ops, Op::Delete),
            edit.removed,
            "para {}",
            edit.para
        );
        assert_eq!(words_of(ops, Op::Insert), edit.added, "para {}", edit.para);
    }
}

#[test]
fn an_unchanged_response_is_all_equal() {
    let comparison = compare(&Dataset::embedded(), 22, &next_year()).unwrap();
    assert_eq!(comparison.para, 22 + SHIFT);
    assert!((comparison.similarity - 1.0).abs() < 1e-9);
    assert_eq!(comparison.diff.len(), 1);
    assert_eq!(comparison.diff[0].op, Op::Equal);
}

#[test]
fn a_repeated_formula_goes_to_the_counterpart_at_the_same_place() {
    // Paragraphs 40, 55, 83 … all read "This recommendation is not addressed to the Secretariat."
    let this_year = Dataset::embedded();
    let next = next_year();
    for para in [40, 55, 133] {
        assert_eq!(compare(&this_year, para, &next).unwrap().para, para + SHIFT);
    }
    // And the other way round.
    assert_eq!(compare(&next, 55 + SHIFT, &this_year).unwrap().para, 55);
}

#[test]
fn nothing_similar_is_no_counterpart() {
    let index = ResponseIndex::new(&Dataset::embedded());
    assert_eq!(index.symbol(), "A/76/505/Add.1");
    let bananas = vec!["Bananas ripen quickly in tropical climates.".to_string()];
    assert_eq!(index.best(&bananas, None, THRESHOLD), None);
    assert!(
        compare(&Dataset::embedded(), 19, &next_year()).is_none(),
        "no paragraph 19"
    );
}

#[test]
fn the_json_has_the_shape_of_the_issue() {
    let comparison = compare(&Dataset::embedded(), 18, &next_year()).unwrap();
    let text = serde_json::to_string(&comparison).unwrap();
    assert!(
        text.starts_with(r#"{"symbol":"A/77/600/Add.1","para":21,"similarity":"#),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json.as_object().unwrap().len(), 4);
    assert!(
        json["similarity"]
            .as_f64()
            .is_some_and(|s| (0.0..=1.0).contains(&s))
    );
    assert_eq!(json["para"], 21);
    assert_eq!(json["diff"][0]["op"], "equal");
    assert_eq!(json["diff"][1]["op"], "delete");
    let back: Comparison = serde_json::from_value(json).unwrap();
    assert_eq!(back.diff, comparison.diff);
    assert!((back.similarity - comparison.similarity).abs() < 1e-12);
    // Four decimals, the same every run.
    let again = compare(&Dataset::embedded(), 18, &next_year()).unwrap();
    assert_eq!(again, comparison);
    assert!(((comparison.similarity * 1e4).round() - comparison.similarity * 1e4).abs() < 1e-6);
}

#[test]
fn the_diff_of_two_texts_keeps_paragraph_breaks() {
    let ops = diff(
        &["One two.".to_string(), "Three.".to_string()],
        &["One two.".to_string()],
    );
    assert_eq!(text_of(&ops, Op::Delete), "One two.\n\nThree.");
    assert_eq!(text_of(&ops, Op::Insert), "One two.");
    assert_eq!(words_of(&ops, Op::Delete), vec!["Three."]);
}

#[test]
fn compared_with_every_other_report_most_similar_first() {
    use c34::series::compare::compare_all;
    let this_year = Dataset::embedded();
    let next = next_year();
    // A third report where paragraph 37's response was rewritten more heavily.
    let mut later = next_year();
    later.document.symbol = "A/78/700/Add.1".into();
    later.document.date = "2023-11-06".into();
    let location = later.find(37 + SHIFT).unwrap();
    let rec = &mut later.sections[location.section].recommendations[location.recommendation];
    rec.paragraphs[0] = (rec.paragraphs[0].replacen(
        "The Secretariat continues to take",
        "The Secretariat took",
        1,
    ) + " A new vetting policy was issued in 2023.")
        .into();
    let indexes = [
        (&later, ResponseIndex::new(&later)),
        (&this_year, ResponseIndex::new(&this_year)),
        (&next, ResponseIndex::new(&next)),
    ];
    let found = compare_all(&this_year, 37, indexes.iter().map(|(d, i)| (*d, i)));
    let symbols: Vec<&str> = found.iter().map(|c| c.symbol.as_str()).collect();
    // Its own report is skipped; the lightly edited one comes first.
    assert_eq!(symbols, vec!["A/77/600/Add.1", "A/78/700/Add.1"]);
    assert!(found[0].similarity > found[1].similarity);
    assert!(found.iter().all(|c| c.para == 37 + SHIFT));
}
