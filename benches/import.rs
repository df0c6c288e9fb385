//! The importer: the embedded report's text, and the worst cases of issue 16 (1.6 MB of
//! unclosed markdown links or HTML tags on one line), which a quadratic scan took 199 s to
//! refuse. Target: the report in a few milliseconds, each worst case under 100 ms.

use std::hint::black_box;

use c34::import::{ImportOptions, import};
use criterion::{Criterion, criterion_group, criterion_main};

const REPORT: &str = include_str!("../assets/A_76_505_Add.1.txt");

/// The report's front matter and first section heading, then one line of `line`.
fn with_line(line: &str) -> String {
    let heading = REPORT
        .find("I. Introduction")
        .expect("the report has an introduction");
    format!(
        "{}\n\n18 {line}\n",
        &REPORT[..heading + "I. Introduction".len()]
    )
}

fn bench(c: &mut Criterion) {
    let options = ImportOptions::default();
    c.bench_function("import the report", |b| {
        b.iter(|| import(black_box(REPORT), &options));
    });
    let links = with_line(&"[a](".repeat(400_000));
    c.bench_function("import 1.6 MB of unclosed links", |b| {
        b.iter(|| import(black_box(&links), &options));
    });
    let tags = with_line(&"<p>(".repeat(400_000));
    c.bench_function("import 1.6 MB of unclosed tags", |b| {
        b.iter(|| import(black_box(&tags), &options));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
