//! Load and index-build benchmarks (criterion) on the embedded report and on the report 100
//! times over, renumbered (sections I, II, … and paragraphs 1, 2, … so that it loads as a
//! dataset; its missions left out, to be derived as `--data` derives them).
//!
//! - `load`: what `c34 --data FILE` does before its first use: parse, validate (every string
//!   sanitised as it is read) and check the missions against the text.
//! - `parse and validate`: the same without the missions check.
//! - `index build`: `SearchIndex::new`, which the browser now runs after its first frame.
//! - `cache key`, `index from cache`: the hash that names a dataset's cache entries, and its
//!   index read back from the cache (`c34::cache`), as a warm `c34 search` reads it.
//!
//! `C34_WRITE_BIG=PATH cargo bench --bench load -- --list` writes the 100x dataset to PATH
//! (about 11 MB of JSON) for whole-process measurements (docs/performance.md); nothing of it is
//! committed.

use std::hint::black_box;

use criterion::Criterion;

use c34::cache::{Cache, Key};
use c34::dataset::{Dataset, Section};
use c34::search::SearchIndex;

/// The report `times` times over, sections and paragraphs numbered on, missions left out.
fn repeated(base: &Dataset, times: usize) -> Dataset {
    let mut para = 0;
    let mut sections = Vec::new();
    for _ in 0..times {
        for section in &base.sections {
            let mut recommendations = section.recommendations.clone();
            for recommendation in &mut recommendations {
                para += 1;
                recommendation.para = para;
            }
            sections.push(Section {
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

/// What `--data FILE` costs once the file is read.
fn load(json: &str) -> Dataset {
    let mut dataset = Dataset::from_json(json).expect("the benchmark's dataset is valid");
    c34::missions::reconcile(&mut dataset).expect("its missions agree with its text");
    dataset
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let report = Dataset::embedded();
    let big = repeated(&report, 100);
    let report_json = report.to_json();
    let big_json = big.to_json();
    if let Some(path) = std::env::var_os("C34_WRITE_BIG") {
        std::fs::write(&path, &big_json).expect("the 100x dataset is written");
    }
    for (name, json, dataset) in [("report", &report_json, &report), ("100x", &big_json, &big)] {
        let mut group = criterion.benchmark_group(name);
        group.sample_size(10);
        group.bench_function("load", |b| b.iter(|| load(black_box(json))));
        group.bench_function("parse and validate", |b| {
            b.iter(|| Dataset::from_json(black_box(json)));
        });
        group.bench_function("index build", |b| {
            b.iter(|| SearchIndex::new(black_box(dataset)));
        });
        // The cache of derived data (`c34::cache`): the key (a hash of the responses), and the
        // index read back from its file, which is what a warm `c34 search` does instead of
        // the build above.
        let cache_dir = tempfile::tempdir().expect("a temporary folder");
        let cache = Cache::at(cache_dir.path());
        let key = Key::of(dataset);
        cache.store_index(key, &SearchIndex::new(dataset));
        group.bench_function("cache key", |b| b.iter(|| Key::of(black_box(dataset))));
        group.bench_function("index from cache", |b| {
            b.iter(|| {
                cache
                    .index(black_box(key), dataset)
                    .expect("the stored index loads")
            });
        });
        group.finish();
    }
    criterion.final_summary();
}

/// The numeral of the `n`th section (the dataset's own roman numerals).
fn section_numeral(n: usize) -> c34::sanitize::SafeText {
    let n = u32::try_from(n).expect("fewer than 2^32 sections");
    c34::dataset::roman_numeral(n).into()
}
