//! Property tests: whatever text the importer is given, it returns a valid dataset or an error
//! at a real place in the input; it never panics.

use c34::dataset::Dataset;
use c34::import::{ImportOptions, import};
use proptest::prelude::*;

const REPORT: &str = include_str!("../../assets/A_76_505_Add.1.txt");

/// Pieces of the layouts the importer knows, so random inputs reach its deeper paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Para. in\nA/75/19\n".to_string()),
        Just("<i>Para. in A/75/19</i>\t\n".to_string()),
        Just("- | | |\n|-----|--|\n".to_string()),
        (1u32..400, "[A-Za-z ,.]{0,30}").prop_map(|(n, t)| format!("{n} T{t}\n")),
        (1u32..400, "[A-Za-z ,.]{0,30}").prop_map(|(n, t)| format!("- {n} T{t}\n")),
        (1u32..400, "[A-Za-z ,.|]{0,30}").prop_map(|(n, t)| format!("| {n} | <p>{t}</p> |\n")),
        (1u32..400, "[A-Za-z ,.]{0,30}").prop_map(|(n, t)| format!("{n}\t<p>{t}</p> <p>x</p>\n")),
        (1u32..400, "[A-Za-z ,.]{0,30}").prop_map(|(n, t)| format!("{n}\t{t}\n")),
        prop::sample::select(vec!["I", "II", "IV", "IX", "XL", "IIII"])
            .prop_map(|n| format!("{n}. Title \t\n")),
        "[A-Za-z ,.]{1,40}".prop_map(|t| format!("{t}\n")),
        Just("[A/75/19](#) \\$ \\( <p> </p> <b>x</b> &amp; [x](y\n".to_string()),
        Just("\n".to_string()),
        any::<String>(),
    ]
}

fn check(text: &str) -> Result<(), TestCaseError> {
    match import(text, &ImportOptions::default()) {
        Ok(dataset) => {
            prop_assert!(dataset.validate().is_ok());
            // What the importer makes always loads back as the same dataset.
            let reloaded = Dataset::from_json(&dataset.to_json());
            prop_assert_eq!(reloaded.ok(), Some(dataset));
        }
        Err(error) => {
            let lines = text.lines().count().max(1);
            prop_assert!(
                error.line >= 1 && error.line <= lines,
                "{error} in {lines} lines"
            );
            prop_assert!(error.column >= 1);
            prop_assert!(!error.message.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn any_bytes_yield_a_dataset_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn layout_fragments_after_real_front_matter(fragments in prop::collection::vec(fragment(), 0..40)) {
        let front = &REPORT[..REPORT.find("Para. in").unwrap()];
        check(&format!("{front}{}", fragments.concat()))?;
    }

    #[test]
    fn the_report_with_lines_dropped_or_swapped(drop in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
                                               swap in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..3)) {
        let mut lines: Vec<&str> = REPORT.lines().collect();
        for (a, b) in swap {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        for index in drop {
            let at = index.index(lines.len());
            lines.remove(at);
        }
        check(&lines.join("\n"))?;
    }
}

/// `default` cases, or `PROPTEST_CASES` when set: CI runs the default, a developer raises it.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
