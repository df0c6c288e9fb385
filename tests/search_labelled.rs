//! A labelled set of queries on the real report, each with the recommendations (paragraph
//! numbers of A/75/19) it must return. The sets were derived by reading the report
//! (`assets/A_76_505_Add.1.txt`), not from this program's output:
//!
//! * missions: the responses that name the mission by acronym or full name;
//! * topics: the responses that contain every query word (or a word it begins);
//! * places: the mission's responses first, then those naming the place without the mission.
//!
//! Recall and precision are asserted per query and on average.

use std::collections::BTreeSet;

use c34::dataset::Dataset;
use c34::search::SearchIndex;

struct Case {
    query: &'static str,
    /// Every recommendation the query must return.
    expect: &'static [u32],
    /// Recommendations that must come before all others (in any order among themselves).
    first: &'static [u32],
    /// Recommendations that may also be returned, after `first`.
    also: &'static [u32],
}

const MINUSMA: &[u32] = &[
    45, 46, 68, 79, 86, 118, 137, 138, 140, 142, 144, 145, 148, 150, 165, 166, 183, 188, 189,
];
const MINUSCA: &[u32] = &[
    68, 79, 80, 82, 86, 118, 126, 137, 139, 142, 144, 148, 150, 158, 165, 166, 183, 188, 189, 190,
];
const MONUSCO: &[u32] = &[
    53, 68, 78, 79, 81, 82, 118, 124, 137, 138, 139, 140, 141, 142, 144, 148, 165, 166, 183, 189,
];
const UNMISS: &[u32] = &[
    79, 85, 121, 122, 126, 138, 140, 142, 145, 147, 148, 158, 183, 186, 188, 189,
];
const UNFICYP: &[u32] = &[82, 183, 190];
const UNISFA: &[u32] = &[121, 122, 138];
const UNOAU: &[u32] = &[66, 69, 70, 72];
const COVID: &[u32] = &[
    43, 54, 69, 85, 98, 105, 106, 146, 169, 171, 173, 174, 175, 177,
];

/// A case whose expected set must also be the whole of the top of the ranking.
const fn exactly(query: &'static str, expect: &'static [u32]) -> Case {
    Case {
        query,
        expect,
        first: expect,
        also: &[],
    }
}

const CASES: &[Case] = &[
    // Missions by acronym, any case.
    exactly("unmiss", UNMISS),
    exactly("UNMISS", UNMISS),
    exactly("minusma", MINUSMA),
    exactly("MINUSCA", MINUSCA),
    exactly("monusco", MONUSCO),
    exactly("unficyp", UNFICYP),
    exactly("unisfa", UNISFA),
    exactly("unamid", &[78, 100]),
    exactly("unitams", &[78]),
    exactly("unmik", &[183]),
    exactly("unmogip", &[100]),
    exactly("untso", &[100]),
    exactly("binuh", &[81]),
    exactly("unoau", UNOAU),
    exactly("unoca", &[126]),
    // Missions by official name, including those the report names only in full.
    exactly("United Nations Mission in South Sudan", UNMISS),
    exactly("united nations office to the african union", UNOAU),
    exactly("\"Regional Office for Central Africa\"", &[126]),
    // Missions by place: the mission's recommendations first, then the place alone.
    Case {
        query: "south sudan",
        expect: UNMISS,
        first: UNMISS,
        also: &[190],
    },
    Case {
        query: "mali",
        expect: MINUSMA,
        first: MINUSMA,
        also: &[81, 85, 87, 126, 190],
    },
    Case {
        query: "central african republic",
        expect: MINUSCA,
        first: MINUSCA,
        also: &[81, 87, 146],
    },
    Case {
        query: "democratic republic of the congo",
        expect: MONUSCO,
        first: MONUSCO,
        also: &[87, 190],
    },
    exactly("cyprus", UNFICYP),
    exactly("abyei", UNISFA),
    exactly("kosovo", &[183]),
    exactly("haiti", &[81]),
    exactly("india", &[100]),
    exactly("darfur", &[78, 100]),
    // "Sudan" is not "South Sudan".
    exactly("sudan", &[78, 100]),
    // A mission and a topic.
    exactly("monusco transition", &[53, 78, 118, 124, 183]),
    exactly("unmiss unisfa", &[121, 122, 138]),
    exactly("minusma !monusco", &[45, 46, 86, 145, 150, 188]),
    // Typos.
    Case {
        query: "peacekeping inteligence",
        expect: &[149, 159],
        first: &[149, 159],
        also: &[176, 54],
    },
    exactly("minsuma", MINUSMA),
    exactly("vacine", &[175]),
    exactly("covd", COVID),
    // Topics.
    exactly("vaccine", &[175]),
    exactly("covid", COVID),
    exactly("sexual exploitation", &[37, 38, 41, 42]),
    exactly("\"sexual exploitation and abuse\"", &[37, 38, 41, 42]),
    exactly("improvised explosive", &[68, 163, 164]),
    exactly("disinformation", &[145, 166, 173]),
    exactly("misinformation !facebook", &[173]),
    exactly("elsie", &[185, 191]),
    exactly("clearcheck", &[37]),
    exactly("whatsapp", &[145]),
    exactly("sage", &[140, 157, 158]),
    exactly("ammunition", &[68, 91, 162]),
    exactly("gender parity", &[184, 185, 187, 189]),
    exactly("women talent pipeline", &[184, 189]),
    exactly("triangular partnership", &[44, 54, 58]),
    exactly("light coordination mechanism", &[54, 107]),
    exactly("death and disability", &[170]),
    exactly("quick-impact", &[85]),
    exactly("child protection", &[148]),
    exactly("caveat", &[102]),
    exactly("ecowas", &[118, 126]),
    exactly("^vaccin", &[175]),
    exactly("'hotspot", &[142]),
    Case {
        query: "hotspot",
        expect: &[140, 142, 147],
        first: &[142],
        also: &[],
    },
    // Nothing.
    exactly("xqzvw", &[]),
    exactly("zzzz qqqq", &[]),
    exactly("covid !covid", &[]),
];

fn ratio(part: usize, whole: usize) -> f64 {
    let as_f64 = |n: usize| f64::from(u32::try_from(n).expect("small counts"));
    as_f64(part) / as_f64(whole)
}

fn set(paras: &[u32]) -> BTreeSet<u32> {
    paras.iter().copied().collect()
}

#[test]
fn labelled_queries_have_full_recall_and_precision() {
    let index = SearchIndex::new(&Dataset::embedded());
    assert!(CASES.len() >= 30);
    let mut failures = Vec::new();
    let (mut recall_sum, mut precision_sum, mut strict_precision_sum) = (0.0, 0.0, 0.0);
    for case in CASES {
        let hits: Vec<u32> = index
            .search(case.query, 1000)
            .iter()
            .map(|h| h.para)
            .collect();
        let returned = set(&hits);
        let expect = set(case.expect);
        let acceptable: BTreeSet<u32> = expect.union(&set(case.also)).copied().collect();
        let found = returned.intersection(&expect).count();
        let recall = if expect.is_empty() {
            f64::from(u8::from(returned.is_empty()))
        } else {
            ratio(found, expect.len())
        };
        let precision = if returned.is_empty() {
            1.0
        } else {
            ratio(returned.intersection(&acceptable).count(), returned.len())
        };
        let strict_precision = if returned.is_empty() {
            1.0
        } else {
            ratio(found, returned.len())
        };
        recall_sum += recall;
        precision_sum += precision;
        strict_precision_sum += strict_precision;
        let top = set(&hits[..case.first.len().min(hits.len())]);
        if recall < 1.0 || precision < 1.0 || top != set(case.first) {
            failures.push(format!(
                "{:?}: recall {recall:.2}, precision {precision:.2}, got {hits:?}",
                case.query
            ));
        }
    }
    let n = ratio(CASES.len(), 1);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!((recall_sum / n - 1.0).abs() < f64::EPSILON);
    assert!((precision_sum / n - 1.0).abs() < f64::EPSILON);
    // Places and typos may add a few hits after the expected ones; few, on average.
    let strict = strict_precision_sum / n;
    assert!(strict >= 0.95, "mean strict precision {strict:.3}");
}

#[test]
fn the_dataset_mission_index_agrees_with_the_labels() {
    let dataset = Dataset::embedded();
    let paras = |acronym: &str| -> Vec<u32> {
        dataset
            .missions
            .iter()
            .find(|m| m.acronym == acronym)
            .map(|m| m.paras.clone())
            .unwrap_or_default()
    };
    assert_eq!(paras("MINUSMA"), MINUSMA);
    assert_eq!(paras("MINUSCA"), MINUSCA);
    assert_eq!(paras("MONUSCO"), MONUSCO);
    assert_eq!(paras("UNMISS"), UNMISS);
    assert_eq!(paras("UNFICYP"), UNFICYP);
    assert_eq!(paras("UNISFA"), UNISFA);
    assert_eq!(paras("UNOAU"), UNOAU);
    assert_eq!(paras("UNAMID"), [78, 100]);
    assert_eq!(paras("UNITAMS"), [78]);
    assert_eq!(paras("UNMIK"), [183]);
    assert_eq!(paras("UNMOGIP"), [100]);
    assert_eq!(paras("UNTSO"), [100]);
    assert_eq!(paras("BINUH"), [81]);
    assert_eq!(paras("UNOCA"), [126]);
    let acronyms: Vec<&str> = dataset
        .missions
        .iter()
        .map(|m| m.acronym.as_str())
        .collect();
    assert_eq!(
        acronyms,
        [
            "MINUSCA",
            "MINUSMA",
            "MONUSCO",
            "UNAMID",
            "UNFICYP",
            "UNISFA",
            "UNMIK",
            "UNMISS",
            "UNMOGIP",
            "UNTSO",
            "BINUH",
            "UNITAMS",
            "UNOAU",
            "UNOCA",
            "AMISOM",
            "Barkhane",
            "EUTM Mali",
            "FC-G5S"
        ],
        "only the missions the report names, in gazetteer order, partners last"
    );
    // Partners: ¶ 68 names the African Union Mission in Somalia, ¶ 150 the other three.
    assert_eq!(paras("AMISOM"), [68]);
    assert_eq!(paras("Barkhane"), [150]);
    assert_eq!(paras("EUTM Mali"), [150]);
    assert_eq!(paras("FC-G5S"), [150]);
}

#[test]
fn a_whole_paragraph_fuzzy_match_accepts_almost_everything_but_search_does_not() {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    let dataset = Dataset::embedded();
    let skim = SkimMatcherV2::default().smart_case();
    let paragraphs: Vec<&String> = dataset
        .recommendations()
        .flat_map(|(_, rec)| rec.paragraphs.iter())
        .collect();
    let naive = paragraphs
        .iter()
        .filter(|p| skim.fuzzy_match(p, "minusma").is_some())
        .count();
    // The issue measured 153 of 168: letters in order are found almost anywhere.
    assert!(
        naive * 2 > paragraphs.len(),
        "{naive} of {}",
        paragraphs.len()
    );
    let hits = SearchIndex::new(&dataset).search("minusma", 1000);
    let paras: Vec<u32> = hits.iter().map(|h| h.para).collect();
    assert_eq!(set(&paras), set(MINUSMA));
}
