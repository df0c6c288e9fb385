//! The search engine through its public API: ranking rules on small datasets, and the
//! invariants every hit keeps (highlights on char boundaries, snippets from the text) on the
//! real report and on arbitrary queries.

use c34::dataset::{Dataset, Document, Recommendation, Section};
use c34::search::{Hit, SearchIndex};
use proptest::prelude::*;

fn dataset(responses: &[(u32, &str)]) -> Dataset {
    Dataset {
        document: Document {
            symbol: "A/1".into(),
            date: "2021-01-01".into(),
            session: 1,
            agenda_item: "1".into(),
            agenda_item_title: "".into(),
            title: "t".into(),
            responds_to: "A/0".into(),
            summary: "".into(),
        },
        sections: vec![Section {
            number: "I".into(),
            title: "One".into(),
            recommendations: responses
                .iter()
                .map(|(para, text)| Recommendation {
                    para: *para,
                    paragraphs: text.split("\n\n").map(Into::into).collect(),
                })
                .collect(),
        }],
        missions: Vec::new(),
    }
}

fn paras(index: &SearchIndex, query: &str) -> Vec<u32> {
    index.search(query, 100).iter().map(|h| h.para).collect()
}

#[test]
fn exact_matches_rank_above_prefix_matches() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Vaccines arrived."),
        (2, "The vaccine arrived."),
    ]));
    assert_eq!(paras(&index, "vaccine"), [2, 1]);
}

#[test]
fn fuzzy_matches_rank_above_typo_matches() {
    // "peacekeping" is "peacekeeping" with a letter dropped (fuzzy), and two edits from
    // "peacekeepinf" (typo only).
    let index = SearchIndex::new(&dataset(&[
        (1, "A peacekeepinf unit."),
        (2, "A peacekeeping unit."),
    ]));
    let hits = index.search("peacekeping", 10);
    assert_eq!(hits.iter().map(|h| h.para).collect::<Vec<_>>(), [2, 1]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn more_of_the_query_in_one_sentence_ranks_higher() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Gender matters here. Parity matters too."),
        (2, "Gender parity matters."),
    ]));
    assert_eq!(paras(&index, "gender parity"), [2, 1]);
}

#[test]
fn terms_next_to_each_other_in_order_rank_higher() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Intelligence for peacekeeping."),
        (2, "Peacekeeping intelligence."),
    ]));
    assert_eq!(paras(&index, "peacekeeping intelligence"), [2, 1]);
}

#[test]
fn equal_scores_keep_document_order() {
    let index = SearchIndex::new(&dataset(&[
        (5, "A cat."),
        (6, "A dog."),
        (7, "Another cat."),
    ]));
    let hits = index.search("cat", 10);
    assert_eq!(hits.iter().map(|h| h.para).collect::<Vec<_>>(), [5, 7]);
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn all_terms_must_match() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Mine action."),
        (2, "Action plan."),
        (3, "Mine."),
    ]));
    assert_eq!(paras(&index, "mine action"), [1]);
    // Search v3: no response has all three words, so those with most of them follow, each
    // saying what it lacks (before, nothing was shown).
    let hits = index.search("mine action plan", 10);
    assert!(hits.iter().all(|h| !h.is_full()));
    let lacks: Vec<(u32, Vec<String>)> = hits.iter().map(|h| (h.para, h.missing.clone())).collect();
    assert!(lacks.contains(&(1, vec!["plan".to_string()])), "{lacks:?}");
    assert!(lacks.contains(&(2, vec!["mine".to_string()])), "{lacks:?}");
    // With an operator the query means exactly what it says.
    assert!(paras(&index, "'mine action plan").is_empty());
}

#[test]
fn phrases_need_the_words_together_in_one_sentence() {
    let index = SearchIndex::new(&dataset(&[
        (1, "The protection of civilians."),
        (2, "Civilians need protection."),
        (3, "Their protection. Of civilians, later."),
    ]));
    assert_eq!(paras(&index, "\"protection of civilians\""), [1]);
    // Unquoted, "of" is optional: the words AND, the phrase first, then one sentence.
    assert_eq!(
        paras(&index, "protection of civilians"),
        [1, 2, 3],
        "AND, not a phrase"
    );
    // Search v3: a hyphenated term is its parts with a hyphen, a space or nothing between
    // them (the last may be a prefix), so it no longer needs them in a row; quoted, it does.
    assert_eq!(paras(&index, "protection-of-civ"), [1, 3]);
    assert_eq!(paras(&index, "\"protection of civilians\""), [1]);
}

#[test]
fn exclusions_remove_recommendations() {
    let index = SearchIndex::new(&dataset(&[(1, "Mali and Niger."), (2, "Mali alone.")]));
    assert_eq!(paras(&index, "mali !niger"), [2]);
    assert_eq!(
        paras(&index, "!niger"),
        [2],
        "only exclusions: everything else"
    );
    assert_eq!(paras(&index, "mali !^nig"), [2]);
}

#[test]
fn exact_and_prefix_operators_narrow_a_term() {
    let index = SearchIndex::new(&dataset(&[(1, "Transition plans."), (2, "Transitions.")]));
    assert_eq!(paras(&index, "'transition"), [1]);
    assert_eq!(paras(&index, "^transit"), [1, 2]);
    assert!(paras(&index, "'transitio").is_empty());
}

#[test]
fn smart_case_matches_capitals_only_when_asked() {
    let index = SearchIndex::new(&dataset(&[
        (1, "The Force commander."),
        (2, "Use of force."),
    ]));
    assert_eq!(paras(&index, "force"), [1, 2]);
    // Search v3: a first capital is how a sentence starts, not a request for capitals.
    assert_eq!(paras(&index, "Force"), [1, 2]);
    assert!(paras(&index, "FORCE").is_empty());
}

#[test]
fn a_place_inside_another_place_is_not_that_place() {
    let index = SearchIndex::new(&dataset(&[
        (1, "In South Sudan, patrols."),
        (2, "In the Sudan, transition."),
        (3, "UNMISS patrols."),
    ]));
    assert_eq!(paras(&index, "sudan"), [2]);
    assert_eq!(
        paras(&index, "south sudan"),
        [3, 1],
        "the mission first, then the place"
    );
}

#[test]
fn nonsense_and_empty_queries_return_nothing() {
    let index = SearchIndex::new(&Dataset::embedded());
    for query in [
        "xqzvw",
        "",
        "   ",
        "!",
        "\"\"",
        "'",
        "^",
        "zzzzzzzz qqqq",
        "--- ...",
    ] {
        assert!(index.search(query, 10).is_empty(), "{query:?}");
    }
    assert!(index.search("peace", 0).is_empty());
}

#[test]
fn the_limit_is_respected_and_the_best_hits_are_kept() {
    let index = SearchIndex::new(&Dataset::embedded());
    let all = index.search("mali", 1000);
    let first = index.search("mali", 5);
    assert_eq!(first.len(), 5);
    assert_eq!(&all[..5], first.as_slice());
}

/// Every highlight is a char-boundary range of its paragraph, in reading order, and the
/// snippet is a sentence of the recommendation with highlights inside it.
fn check_hits(dataset: &Dataset, hits: &[Hit], query: &str) {
    for hit in hits {
        let rec = dataset
            .get(hit.location)
            .expect("the hit's location exists");
        assert_eq!(rec.para, hit.para);
        let mut previous: Option<(usize, usize)> = None;
        for h in &hit.highlights {
            let paragraph = &rec.paragraphs[h.paragraph];
            assert!(paragraph.get(h.range.clone()).is_some(), "{query:?}: {h:?}");
            assert!(h.range.start < h.range.end);
            if let Some(before) = previous {
                assert!(
                    before <= (h.paragraph, h.range.start),
                    "{query:?}: out of order"
                );
                assert!(before.0 < h.paragraph || before.1 <= h.range.start);
            }
            previous = Some((h.paragraph, h.range.end));
        }
        assert!(
            rec.paragraphs.iter().any(|p| p.contains(&hit.snippet.text)),
            "{query:?}: snippet {:?} not in the recommendation",
            hit.snippet.text
        );
        for range in &hit.snippet.highlights {
            assert!(hit.snippet.text.get(range.clone()).is_some(), "{query:?}");
        }
        let clipped = hit.snippet.clip(40);
        assert!(clipped.width() <= 40);
        for range in &clipped.highlights {
            assert!(clipped.text.get(range.clone()).is_some());
        }
    }
}

#[test]
fn hits_on_the_report_keep_their_invariants() {
    let dataset = Dataset::embedded();
    let index = SearchIndex::new(&dataset);
    for query in [
        "unmiss",
        "south sudan",
        "mali",
        "peacekeping inteligence",
        "covid-19",
        "\"sexual exploitation and abuse\"",
        "d’état",
        "“Silencing",
        "Ségou",
        "segou",
        "united nations office to the african union",
        "^pea !covid",
        "!peace",
    ] {
        let hits = index.search(query, 200);
        assert!(!hits.is_empty(), "{query:?}");
        check_hits(&dataset, &hits, query);
        let mut scores: Vec<u32> = hits.iter().map(|h| h.score).collect();
        let sorted = {
            scores.sort_unstable_by(|a, b| b.cmp(a));
            scores
        };
        assert_eq!(hits.iter().map(|h| h.score).collect::<Vec<_>>(), sorted);
    }
}

#[test]
fn a_typo_in_an_accented_word_is_forgiven() {
    let index = SearchIndex::new(&Dataset::embedded());
    assert_eq!(paras(&index, "segou"), [85]);
}

#[test]
fn the_index_stays_under_five_times_the_text() {
    let index = SearchIndex::new(&Dataset::embedded());
    assert!(index.text_size() > 90_000);
    assert!(
        index.heap_size() < 5 * index.text_size(),
        "index {} bytes, text {} bytes",
        index.heap_size(),
        index.text_size()
    );
}

#[test]
fn a_run_of_query_words_is_one_highlight_and_lone_stopwords_none() {
    let index = SearchIndex::new(&dataset(&[(
        1,
        "The protection of civilians is one of the tasks. Protection matters.",
    )]));
    let hits = index.search("protection of civilians", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].snippet.highlighted(),
        ["protection of civilians"],
        "\"of\" is highlighted inside the run only"
    );
    assert_eq!(
        hits[0].highlights.len(),
        2,
        "the run and the second Protection"
    );
    // A query of stopwords alone searches them.
    assert_eq!(paras(&index, "of the"), [1]);
}

#[test]
fn other_forms_of_a_word_rank_below_the_word_and_its_prefixes() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Evaluations were made."),
        (2, "They evaluated it."),
        (3, "The evaluate step."),
    ]));
    assert_eq!(paras(&index, "evaluate"), [3, 2, 1]);
    // Literal operators keep to the word as typed.
    assert_eq!(paras(&index, "'evaluate"), [3]);
    assert_eq!(paras(&index, "^evaluate"), [3, 2]);
}

#[test]
fn alternatives_suffixes_and_accents() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Vaccines in Ségou."),
        (2, "Ammunition in Segou."),
        (3, "Nothing else."),
    ]));
    assert_eq!(paras(&index, "vaccines | ammunition"), [1, 2]);
    assert_eq!(paras(&index, "segou vaccines | ammunition"), [1, 2]);
    // A match ranks above a pass by absence.
    assert_eq!(paras(&index, "nothing | !vaccines"), [3, 2]);
    assert_eq!(paras(&index, "tion$"), [2]);
    assert_eq!(paras(&index, "segou"), [1, 2]);
    assert_eq!(paras(&index, "ségou"), [1, 2]);
    // A capital compares the word as written, accent included.
    assert_eq!(paras(&index, "'Ségou"), [1]);
}

#[test]
fn aliases_find_their_expansions_and_missions() {
    let index = SearchIndex::new(&dataset(&[
        (1, "Sexual exploitation and abuse was reported."),
        (2, "The sea was calm."),
        (3, "MINUSCA patrols in the Central African Republic."),
        (4, "A car."),
    ]));
    assert_eq!(paras(&index, "SEA"), [1]);
    assert_eq!(paras(&index, "sea"), [2]);
    assert_eq!(paras(&index, "CAR"), [3]);
    assert_eq!(paras(&index, "car"), [4]);
    let hits = index.search("CAR", 5);
    assert_eq!(
        hits[0].missions,
        [c34::search::MissionMatch {
            acronym: "MINUSCA".into(),
            by: c34::search::By::Acronym
        }]
    );
}

#[test]
fn hits_say_how_the_response_names_each_mission_of_the_query() {
    use c34::search::By;
    let index = SearchIndex::new(&dataset(&[
        (1, "MINUSMA works in Mali."),
        (
            2,
            "The United Nations Multidimensional Integrated Stabilization Mission in Mali.",
        ),
        (3, "Elections in Mali."),
        (4, "MINUSMA and UNMISS."),
    ]));
    let by = |query: &str| -> Vec<(u32, Vec<(String, By)>)> {
        index
            .search(query, 10)
            .into_iter()
            .map(|h| {
                (
                    h.para,
                    h.missions.into_iter().map(|m| (m.acronym, m.by)).collect(),
                )
            })
            .collect()
    };
    let mali = by("mali");
    let of = |para: u32| mali.iter().find(|(p, _)| *p == para).unwrap().1.clone();
    assert_eq!(of(1)[0], ("MINUSMA".to_string(), By::Acronym));
    assert_eq!(of(2)[0], ("MINUSMA".to_string(), By::Name));
    assert_eq!(of(3)[0], ("MINUSMA".to_string(), By::Place));
    // Only the query's missions: UNMISS is not asked for.
    let minusma = by("minusma");
    assert_eq!(
        minusma.iter().find(|(p, _)| *p == 4).unwrap().1,
        [("MINUSMA".to_string(), By::Acronym)]
    );
    assert!(by("elections")[0].1.is_empty());
}

#[test]
fn the_total_counts_hits_beyond_the_limit() {
    let index = SearchIndex::new(&dataset(&[(1, "peace"), (2, "peace"), (3, "war")]));
    let (hits, total) = index.search_counted("peace", 1);
    assert_eq!((hits.len(), total), (1, 2));
    assert_eq!(index.search_counted("peace", 0).1, 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn no_query_panics_and_hits_keep_their_invariants(
        query in prop_oneof![
            any::<String>(),
            "[ !'^\"$|a-zA-Zé’\\-]{0,40}",
            proptest::collection::vec(
                prop_oneof![
                    Just("unmiss"), Just("south"), Just("sudan"), Just("!"), Just("'"),
                    Just("^"), Just("\""), Just("mali"), Just("covid-19"), Just("peacekeping"),
                    Just("of"), Just("the"), Just("é"), Just("\u{1b}"), Just("\u{202e}"),
                    Just("|"), Just("tion$"), Just("$"), Just("CAR"), Just("SEA"), Just("poc"),
                    Just("!sea"), Just("ségou"), Just("somalia"), Just("deploying"),
                ],
                0..12,
            ).prop_map(|words| words.join(" ")),
        ],
        limit in 0usize..30,
    ) {
        thread_local! {
            static REPORT: (Dataset, SearchIndex) = {
                let dataset = Dataset::embedded();
                let index = SearchIndex::new(&dataset);
                (dataset, index)
            };
        }
        REPORT.with(|(dataset, index)| {
            let hits = index.search(&query, limit);
            prop_assert!(hits.len() <= limit);
            check_hits(dataset, &hits, &query);
            Ok(())
        })?;
    }
}

/// `default` cases, or `PROPTEST_CASES` when set: CI runs the default, a developer raises it.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
