//! Rendering full frames of the browser on a 120x40 `TestBackend`: the start screen, the longest
//! response in the reader, and the help overlay. One frame must take well under 16 ms.

use std::hint::black_box;

use c34::app::{App, Command};
use c34::dataset::Dataset;
use c34::ui;
use criterion::{Criterion, criterion_group, criterion_main};
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
        .max_by_key(|(_, r)| r.paragraphs.iter().map(String::len).sum::<usize>())
        .map_or(18, |(_, r)| r.para)
}

fn jump(app: &mut App, para: u32) {
    app.update(Command::OpenJump);
    for c in para.to_string().chars() {
        app.update(Command::JumpInput(c));
    }
    app.update(Command::SubmitJump);
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
    let para = longest_para(&long.dataset);
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
            if app.list.selected + 1 == app.list.items.len() {
                app.update(Command::Top);
            }
            terminal
                .draw(|frame| ui::render(frame, &app))
                .expect("a test backend draws");
        });
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
