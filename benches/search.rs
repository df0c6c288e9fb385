//! Search benchmarks (criterion): per-query latency on the real report and on a synthetic
//! corpus 100 times its size, index build time, and load time (parse, validate and check the
//! missions against the text, as `--data` does) at both sizes. After criterion's runs a
//! summary prints the median over the query set of each query's median time, the slowest
//! query, the build and load medians, and the index's memory against the text size.
//! `cargo bench --bench search -- summary-only` skips criterion's runs and prints the summary.
//!
//! Targets (issues 4 and 20): median per query ≤ 1 ms on the report and ≤ 10 ms on the
//! synthetic corpus; index build on the report ≤ 5 ms; index memory < 5 × the text.
//!
//! The synthetic corpus is generated deterministically: the report's recommendations, 100
//! times over, each rebuilt from sentences drawn at random from the whole report, with about
//! one word in seven replaced by an invented word. New words are invented at a rate that
//! falls as the corpus grows (Heaps' law), so the vocabulary keeps growing without every
//! replacement being new.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};

use c34::dataset::{Dataset, Recommendation, Section};
use c34::search::SearchIndex;
use c34::text;

/// The query set: missions, places, topics, typos, operators, search v2's stopwords, word
/// forms, aliases, `|`, `$` and accents, and the first keystrokes of a query (the broadest
/// prefixes, the slowest case).
const QUERIES: &[&str] = &[
    "unmiss",
    "UNMISS",
    "south sudan",
    "peacekeping inteligence",
    "cyprus",
    "mali",
    "democratic republic of the congo",
    "minusma !monusco",
    "monusco transition",
    "covid",
    "covid-19 vaccination",
    "vacine",
    "intelligance",
    "sexual exploitation",
    "\"sexual exploitation and abuse\"",
    "protection of civilians",
    "women peace security",
    "gender parity",
    "^vaccin",
    "'transition",
    "peacekeeping operations",
    "xqzvw",
    "sexual exploitation and abuse",
    "deploying",
    "evaluate",
    "SEA",
    "CAR",
    "women | gender",
    "tion$",
    "segou",
    "of the",
    "p",
    "pe",
    "pea",
    "peac",
    // Search v3: partial hits, whole-word typos, forms of abbreviations, numbers and
    // compounds, places in French, a pasted blob.
    "women peace and security targets",
    "mental health",
    "TCCs",
    "covid19",
    "peace-building",
    "Soudan du Sud",
    "RDC",
    "Sexual exploitation",
    "\"camp security\"",
    "peacekeepingxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

/// Hits asked for per query (a screenful and more, as the browser would).
const LIMIT: usize = 50;

fn report() -> Dataset {
    Dataset::embedded()
}

/// `SplitMix64`: a small deterministic generator, enough for a corpus.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        // 53 random bits make an exact f64 fraction.
        let bits = u32::try_from(self.next() >> 43).unwrap_or(0);
        f64::from(bits) / f64::from(1u32 << 21)
    }
}

/// Invents a pronounceable word of 2–4 syllables.
fn invent(random: &mut Random) -> String {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr",
        "st", "pl", "gr",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "m", "t"];
    let syllables = 2 + random.below(3);
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(ONSETS[random.below(ONSETS.len())]);
        word.push_str(VOWELS[random.below(VOWELS.len())]);
        word.push_str(CODAS[random.below(CODAS.len())]);
    }
    word
}

/// The report `times` times over, rebuilt from random sentences with invented words mixed in.
fn synthetic(base: &Dataset, times: usize) -> Dataset {
    let mut random = Random(0x00C3_4C34);
    let sentences: Vec<String> = base
        .recommendations()
        .flat_map(|(_, rec)| rec.paragraphs.iter())
        .flat_map(|paragraph| {
            text::sentences(paragraph)
                .into_iter()
                .map(|range| paragraph[range].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut invented: Vec<String> = Vec::new();
    let mut replaced = 0.0_f64;
    let mut para = 0;
    let mut sections = Vec::new();
    for _ in 0..times {
        for section in &base.sections {
            let mut recommendations = Vec::new();
            for rec in &section.recommendations {
                para += 1;
                let paragraphs = rec
                    .paragraphs
                    .iter()
                    .map(|paragraph| {
                        let count = text::sentences(paragraph).len().max(1);
                        let mut out = String::new();
                        for _ in 0..count {
                            let sentence = &sentences[random.below(sentences.len())];
                            let mut last = 0;
                            for word in text::words(sentence) {
                                out.push_str(&sentence[last..word.start]);
                                if random.unit() < 0.15 {
                                    replaced += 1.0;
                                    // Heaps' law: new words ever rarer as the corpus grows.
                                    if invented.is_empty() || random.unit() < 25.0 / replaced.sqrt()
                                    {
                                        invented.push(invent(&mut random));
                                        out.push_str(invented.last().map_or("", String::as_str));
                                    } else {
                                        // Skewed towards early words, as real vocabularies are.
                                        let index = random
                                            .below(invented.len())
                                            .min(random.below(invented.len()));
                                        out.push_str(&invented[index.min(invented.len() - 1)]);
                                    }
                                } else {
                                    out.push_str(&sentence[word.clone()]);
                                }
                                last = word.end;
                            }
                            out.push_str(&sentence[last..]);
                            out.push(' ');
                        }
                        out.truncate(out.trim_end().len());
                        out.into()
                    })
                    .collect();
                recommendations.push(Recommendation { para, paragraphs });
            }
            sections.push(Section {
                // Numbered on, so that the corpus loads as a dataset.
                number: section_numeral(sections.len() + 1),
                title: section.title.clone(),
                recommendations,
            });
        }
    }
    Dataset {
        document: base.document.clone(),
        sections,
        missions: Vec::new(),
    }
}

fn bench_queries(criterion: &mut Criterion, name: &str, index: &SearchIndex) {
    let mut group = criterion.benchmark_group(name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(800));
    for query in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, query| {
            b.iter(|| index.search(black_box(query), LIMIT));
        });
    }
    group.finish();
}

fn bench_build(criterion: &mut Criterion, name: &str, dataset: &Dataset) {
    let mut group = criterion.benchmark_group("index build");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| SearchIndex::new(black_box(dataset)));
    });
    group.finish();
}

/// What `--data file.json` costs before the first use: parse, validate, and check the
/// dataset's missions against its text.
fn load(json: &str) -> Dataset {
    let mut dataset = Dataset::from_json(json).expect("the benchmark's dataset is valid");
    c34::missions::reconcile(&mut dataset).expect("its missions agree with its text");
    dataset
}

fn bench_load(criterion: &mut Criterion, name: &str, json: &str) {
    let mut group = criterion.benchmark_group("load and check");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| load(black_box(json)));
    });
    group.finish();
}

/// The median of each query's median time, and the slowest query.
fn per_query_medians(index: &SearchIndex) -> (Duration, Duration, &'static str) {
    let mut medians: Vec<(Duration, &'static str)> = QUERIES
        .iter()
        .map(|query| {
            let mut times = Vec::new();
            let started = Instant::now();
            while times.len() < 15
                || (started.elapsed() < Duration::from_millis(100) && times.len() < 2000)
            {
                let t = Instant::now();
                black_box(index.search(black_box(query), LIMIT));
                times.push(t.elapsed());
            }
            times.sort_unstable();
            (times[times.len() / 2], *query)
        })
        .collect();
    medians.sort_unstable();
    let (median, _) = medians[medians.len() / 2];
    let (slowest, query) = medians[medians.len() - 1];
    (median, slowest, query)
}

/// The median time of `runs` calls of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[times.len() / 2]
}

fn summary(
    report: &Dataset,
    synthetic: &Dataset,
    report_index: &SearchIndex,
    synthetic_index: &SearchIndex,
) {
    println!(
        "\nsearch summary ({} queries, limit {LIMIT})",
        QUERIES.len()
    );
    let (median, slowest, query) = per_query_medians(report_index);
    println!(
        "  report:    median per query {median:?} (target ≤ 1 ms), slowest {slowest:?} ({query:?})"
    );
    let (median, slowest, query) = per_query_medians(synthetic_index);
    println!(
        "  synthetic: median per query {median:?} (target ≤ 10 ms), slowest {slowest:?} ({query:?})"
    );
    println!(
        "  index build: report median {:?} (target ≤ 5 ms), synthetic median {:?}",
        median_of(31, || drop(black_box(SearchIndex::new(black_box(report))))),
        median_of(5, || drop(black_box(SearchIndex::new(black_box(
            synthetic
        ))))),
    );
    let (report_json, synthetic_json) = (report.to_json(), synthetic.to_json());
    println!(
        "  load and check: report median {:?}, synthetic median {:?} ({} bytes of JSON)",
        median_of(31, || drop(black_box(load(black_box(&report_json))))),
        median_of(5, || drop(black_box(load(black_box(&synthetic_json))))),
        synthetic_json.len()
    );
    for (name, index) in [("report", report_index), ("synthetic", synthetic_index)] {
        println!(
            "  {name}: {} recommendations, {} bytes of text, {} distinct words, index {} bytes = {:.2} × text (target < 5)",
            index.len(),
            index.text_size(),
            index.vocabulary_size(),
            index.heap_size(),
            ratio(index.heap_size(), index.text_size())
        );
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    let as_f64 = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    as_f64(part) / as_f64(whole.max(1))
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let quick = std::env::args().any(|arg| arg == "--test" || arg == "--list");
    let report = report();
    let report_index = SearchIndex::new(&report);
    let synthetic = synthetic(&report, if quick { 2 } else { 100 });
    let synthetic_index = SearchIndex::new(&synthetic);
    bench_queries(&mut criterion, "query (report)", &report_index);
    bench_queries(&mut criterion, "query (synthetic 100x)", &synthetic_index);
    bench_build(&mut criterion, "report", &report);
    bench_build(&mut criterion, "synthetic 100x", &synthetic);
    bench_load(&mut criterion, "report", &report.to_json());
    bench_load(&mut criterion, "synthetic 100x", &synthetic.to_json());
    criterion.final_summary();
    if !quick {
        summary(&report, &synthetic, &report_index, &synthetic_index);
    }
}

/// The numeral of the `n`th section (the dataset's own roman numerals).
fn section_numeral(n: usize) -> c34::sanitize::SafeText {
    let n = u32::try_from(n).expect("fewer than 2^32 sections");
    c34::dataset::roman_numeral(n).into()
}
