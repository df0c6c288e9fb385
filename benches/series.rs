//! Fast with many reports (issue 19): ten reports in the library, made here from the embedded
//! one (renumbered, one response edited, each its own symbol and date).
//!
//! - the app made and its first frame drawn (120x40 `TestBackend`), with ten reports against
//!   one: the other reports' indexes are not built before the first frame;
//! - what the first frame needs of the library and the report: choosing the report to open
//!   with ten added (the front matter of each file), and the documents cited (the tree's count);
//! - the work the series worker does after it (ten similarity indexes, ten search indexes);
//! - a keystroke in a search of every report (`Ctrl-t`): update (every report searched) and a
//!   full frame. Target ≤ 10 ms.

use std::hint::black_box;

use c34::app::{App, Command, Edit, ReportEntry, Series};
use c34::dataset::Dataset;
use c34::ui;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// Report `n` of ten made from the embedded one: renumbered (`+ 1000 × (n + 1)`), the response
/// to paragraph 37 edited, its own symbol and date.
fn other_report(n: u32) -> Dataset {
    let mut dataset = Dataset::embedded();
    let shift = 1000 * (n + 1);
    dataset.document.symbol = format!("A/{}/999/Add.1", 77 + n).into();
    dataset.document.date = format!("{}-11-15", 2022 + n).into();
    for section in &mut dataset.sections {
        for recommendation in &mut section.recommendations {
            if recommendation.para == 37 {
                let text = format!(
                    "Vetting now also covers contractors. {}",
                    recommendation.paragraphs[0]
                );
                recommendation.paragraphs[0] = text.into();
            }
            recommendation.para += shift;
        }
    }
    for mission in &mut dataset.missions {
        for para in &mut mission.paras {
            *para += shift;
        }
    }
    dataset
}

/// The embedded report and `others` more, newest first.
fn series(others: u32) -> Series {
    Series {
        reports: (0..others)
            .rev()
            .map(|n| ReportEntry::new(other_report(n), "added"))
            .chain([ReportEntry::new(Dataset::embedded(), "embedded")])
            .collect(),
        committees: Vec::new(),
    }
}

fn first_frame(c: &mut Criterion) {
    for (others, name) in [(0, "one report"), (10, "ten other reports")] {
        let series = series(others);
        c.bench_function(&format!("app + first frame 120x40: {name}"), |b| {
            b.iter_batched(
                || {
                    let terminal =
                        Terminal::new(TestBackend::new(120, 40)).expect("a test backend opens");
                    (series.clone(), terminal)
                },
                |(series, mut terminal)| {
                    let app =
                        App::with_series(Dataset::embedded(), series, Size::new(120, 40), true);
                    terminal
                        .draw(|frame| ui::render(frame, &app))
                        .expect("a test backend draws");
                    app
                },
                BatchSize::SmallInput,
            );
        });
    }

    // The library as `c34 add` keeps it: ten dataset files, older than the embedded report.
    let home = tempfile::tempdir().expect("a temporary folder");
    let dir = home.path().join("reports");
    std::fs::create_dir(&dir).expect("the reports folder is made");
    for n in 0..10 {
        let mut dataset = other_report(n);
        dataset.document.date = format!("{}-11-15", 2010 + n).into();
        let name = c34::library::file_name(&dataset.document.symbol).expect("a symbol");
        std::fs::write(dir.join(name), dataset.to_json()).expect("a report is written");
    }
    let library = c34::library::Library::at(dir);
    c.bench_function(
        "open the newest report: ten added (front matter of each)",
        |b| {
            b.iter(|| library.open(None).expect("the library opens"));
        },
    );
    let dataset = Dataset::embedded();
    c.bench_function("documents cited (refs::references), report", |b| {
        b.iter(|| c34::refs::references(black_box(&dataset)));
    });

    let series = series(10);
    c.bench_function("series worker: ten similarity and search indexes", |b| {
        b.iter_batched(
            || {
                App::with_series(
                    Dataset::embedded(),
                    series.clone(),
                    Size::new(120, 40),
                    true,
                )
            },
            |mut app| {
                app.series_builder()();
                app
            },
            BatchSize::SmallInput,
        );
    });
}

/// The last character of each query typed into a search of every report (the open one and
/// ten others): update (eleven reports searched) and a full 120x40 frame.
fn keystroke(c: &mut Criterion) {
    for query in ["pe", "minusma", "contractors", "peacekeping inteligence"] {
        let (typed, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a query has a last character");
        let mut before =
            App::with_series(Dataset::embedded(), series(10), Size::new(120, 40), true);
        before.series_builder()();
        before.update(Command::Idle);
        before.update(Command::OpenSearch);
        before.update(Command::ToggleAllReports);
        for ch in typed.chars() {
            before.update(Command::Edit(Edit::Insert(ch)));
        }
        c.bench_function(
            &format!("keystroke to frame 120x40, all 11 reports: search {query:?}"),
            |b| {
                b.iter_batched_ref(
                    || {
                        let terminal =
                            Terminal::new(TestBackend::new(120, 40)).expect("a test backend opens");
                        (before.clone(), terminal)
                    },
                    |(app, terminal)| {
                        app.update(black_box(Command::Edit(Edit::Insert(last))));
                        terminal
                            .draw(|frame| ui::render(frame, app))
                            .expect("a test backend draws");
                    },
                    BatchSize::SmallInput,
                );
            },
        );
    }
}

criterion_group!(benches, first_frame, keystroke);
criterion_main!(benches);
