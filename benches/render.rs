//! Rendering full frames of the browser on a 120x40 `TestBackend`: the start screen, the longest
//! response in the reader, and the help overlay. One frame must take well under 16 ms.
//!
//! And a keystroke in the search overlay as the user feels it: the query grows by a character,
//! the search runs on the real report, and the whole 120x40 frame is drawn. Target: under one
//! frame (16 ms).

use std::hint::black_box;

use c34::app::{App, Command, Edit};
use c34::dataset::Dataset;
use c34::ui;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

fn app() -> App {
    App::new(Dataset::embedded(), Size::new(120, 40), true)
}

/// The paragraph number of the longest response.
fn longest_para(dataset: &Dataset) -> u32 {
    dataset
        .recommendations()
        .max_by_key(|(_, r)| r.paragraphs.iter().map(|p| p.len()).sum::<usize>())
        .map_or(18, |(_, r)| r.para)
}

fn jump(app: &mut App, para: u32) {
    app.update(Command::OpenJump);
    for c in para.to_string().chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    app.update(Command::JumpToParagraph);
}

fn frame(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend opens");
    c.bench_function(name, |b| {
        b.iter(|| {
            // A cleared terminal makes every frame a full one, not a diff against the last.
            terminal.clear().expect("a test backend clears");
            terminal
                .draw(|frame| ui::render(frame, black_box(app)))
                .expect("a test backend draws");
        });
    });
}

fn render(c: &mut Criterion) {
    let start = app();
    frame(c, "frame 120x40: start", &start);

    let mut long = app();
    let para = longest_para(long.dataset());
    jump(&mut long, para);
    frame(c, "frame 120x40: longest response", &long);

    let mut help = app();
    help.update(Command::ToggleHelp);
    frame(c, "frame 120x40: help overlay", &help);

    // A key press as the user feels it: update, then draw.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend opens");
    let mut app = app();
    app.update(Command::FocusNext);
    c.bench_function("key j + frame 120x40 in the list", |b| {
        b.iter(|| {
            app.update(black_box(Command::Down));
            if app.list().scroll.selected + 1 == app.list().items.len() {
                app.update(Command::Top);
            }
            terminal
                .draw(|frame| ui::render(frame, &app))
                .expect("a test backend draws");
        });
    });
}

/// Scrolling a long response in the reader, one line a key, as the user feels it: update,
/// then draw. The reader's layout is cached, so a key that only scrolls wraps nothing.
fn reader_scroll(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend opens");
    let mut app = app();
    jump(&mut app, 184);
    let mut down = true;
    c.bench_function("key j + frame 120x40 in the reader on ¶ 184", |b| {
        b.iter(|| {
            if app.reader().scroll == app.max_scroll() {
                down = false;
            } else if app.reader().scroll == 0 {
                down = true;
            }
            app.update(black_box(if down { Command::Down } else { Command::Up }));
            terminal
                .draw(|frame| ui::render(frame, &app))
                .expect("a test backend draws");
        });
    });
}

/// Typing the last character of each query into the search overlay: update (the search runs)
/// and a full frame on a fresh 120x40 terminal. A two-letter prefix (most hits, every
/// snippet built), a mission, and a two-word query with typos.
fn keystroke(c: &mut Criterion) {
    for query in ["pe", "minusma", "peacekeping inteligence"] {
        let (typed, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a query has a last character");
        let mut before = app();
        before.update(Command::OpenSearch);
        for ch in typed.chars() {
            before.update(Command::Edit(Edit::Insert(ch)));
        }
        c.bench_function(
            &format!("keystroke to frame 120x40: search {query:?}"),
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

criterion_group!(benches, render, reader_scroll, keystroke);
criterion_main!(benches);
