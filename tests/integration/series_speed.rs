//! Fast with many reports (issue 19): with ten other reports in the library, the similarity
//! and search indexes of the other reports are built by a worker after the first frame
//! (`App::series_builder`); the app answers keys before the worker is done, and what it shows
//! once the worker is done is what it shows when the same indexes are built on first use.

use crate::common::keys::{ch, ctrl, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Command, ReportEntry, Series};
use c34::dataset::Dataset;
use ratatui::layout::Size;

/// The word only the edited responses of the other reports have.
const EDIT: &str = "contractors";

/// Report `n` of ten made from the embedded one: its own symbol and date, and the response to
/// paragraph 37 edited (a sentence added).
fn other_report(n: usize) -> Dataset {
    let mut dataset = Dataset::embedded();
    dataset.document.symbol = format!("A/{}/999/Add.1", 77 + n).into();
    dataset.document.date = format!("{}-11-15", 2022 + n).into();
    for section in &mut dataset.sections {
        for recommendation in &mut section.recommendations {
            if recommendation.para == 37 {
                let text = format!(
                    "Vetting now also covers {EDIT}. {}",
                    recommendation.paragraphs[0]
                );
                recommendation.paragraphs[0] = text.into();
            }
        }
    }
    dataset
}

/// The embedded report open, ten others in the library (newest first, the open one last).
fn app_with_ten_others() -> App {
    let series = Series {
        reports: (0..10)
            .rev()
            .map(|n| ReportEntry::new(other_report(n), "added"))
            .chain([ReportEntry::new(Dataset::embedded(), "embedded")])
            .collect(),
        committees: Vec::new(),
    };
    App::with_series(Dataset::embedded(), series, Size::new(120, 40), true)
}

fn jump(app: &mut App, para: u32) {
    ch(app, ':');
    typed(app, &para.to_string());
    app.update(Command::JumpToParagraph);
}

fn screen(app: &App) -> String {
    screen_text(draw(app).backend().buffer())
}

#[test]
fn keys_are_answered_before_the_series_worker_is_done_and_then_match_a_synchronous_build() {
    let mut app = app_with_ten_others();
    // The event loop's order: the worker is handed the work, then `Idle` (first frame out).
    let build = app.series_builder();
    app.update(Command::Idle);
    assert!(app.series_pending());
    assert_eq!(app.similarity_indexes_built(), 0);
    // Keys are answered while nothing is built.
    jump(&mut app, 37);
    assert_eq!(app.current().map(|(_, r)| r.para), Some(37));
    jump(&mut app, 38);
    assert_eq!(app.current().map(|(_, r)| r.para), Some(38));
    jump(&mut app, 37);
    assert_eq!(app.current().map(|(_, r)| r.para), Some(37));
    assert_eq!(app.similarity_indexes_built(), 0, "the keys built nothing");
    assert!(!screen(&app).contains("Similar in"));

    std::thread::spawn(build).join().expect("the worker ends");
    assert!(!app.series_pending());
    assert_eq!(app.similarity_indexes_built(), 10);
    // The event loop sends `Idle` again when the worker is done.
    app.update(Command::Idle);
    let with_worker = screen(&app);

    // The same app with no worker: `Idle` builds the indexes on first use.
    let mut synchronous = app_with_ten_others();
    synchronous.update(Command::Idle);
    for para in [37, 38, 37] {
        jump(&mut synchronous, para);
    }
    assert_eq!(synchronous.similarity_indexes_built(), 10);
    assert_eq!(with_worker, screen(&synchronous));
    // Each of the ten, its response to 37 being the embedded one with a sentence added: the
    // header names the three most similar, the comparison has them all.
    let similar = with_worker.matches("Similar in A/").count();
    assert_eq!(similar, 3, "{with_worker}");
    assert!(with_worker.contains("and 7 more"), "{with_worker}");
    for n in 0..10 {
        let symbol = format!("A/{}/999/Add.1", 77 + n);
        assert!(
            app.comparisons()
                .iter()
                .any(|c| c.symbol.as_str() == symbol && c.para == 37),
            "{symbol}"
        );
    }
}

/// `/`, the query, then `Ctrl-t` (search every report): the screen.
fn search_every_report(app: &mut App) -> String {
    ch(app, '/');
    typed(app, EDIT);
    ctrl(app, 't');
    screen(app)
}

#[test]
fn a_search_of_every_report_uses_the_worker_s_indexes_or_waits_for_them() {
    let mut synchronous = app_with_ten_others();
    synchronous.update(Command::Idle);
    let expected = search_every_report(&mut synchronous);
    // The edited response of each of the ten.
    assert!(expected.contains("10 hits"), "{expected}");
    assert_eq!(synchronous.search_indexes_built(), 10);

    // The worker done before the search.
    let mut done = app_with_ten_others();
    let build = done.series_builder();
    std::thread::spawn(build).join().expect("the worker ends");
    done.update(Command::Idle);
    assert_eq!(search_every_report(&mut done), expected);

    // The worker still running (or not started) when the search asks: it waits or builds.
    let mut racing = app_with_ten_others();
    let build = racing.series_builder();
    racing.update(Command::Idle);
    let worker = std::thread::spawn(build);
    // The hits are the same at once; the reader behind may still lack the similar responses.
    let first = search_every_report(&mut racing);
    assert_eq!(overlay_box(&first), overlay_box(&expected));
    worker.join().expect("the worker ends");
    assert_eq!(racing.search_indexes_built(), 10);
    // Once the worker is done (the event loop then sends `Idle`), the whole screen is the same.
    racing.update(Command::Idle);
    assert_eq!(screen(&racing), expected);
}

/// The search box of a 120-column screen: columns 5 to 114 of its rows (the box's borders
/// included), leaving out the panes around it.
fn overlay_box(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| line.chars().skip(5).take(110).collect())
        .collect()
}
