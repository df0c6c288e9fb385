//! The overlays draw data and typed text only as safe text: a dataset's symbol, date, section
//! headings and mission acronyms holding escape sequences or bidirectional overrides show as
//! visible symbols in the report picker, the comparison and the matrix, and so does an
//! override typed into the help's filter. Each expected text is the hostile one with ESC as
//! U+241B, BEL as U+2407 and anything else unsafe as U+FFFD, written out here by that rule.

use crate::common::keys::ch;
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Command, Edit, Keymap, Overlay, ReportEntry, Series};
use c34::dataset::Dataset;
use ratatui::layout::Size;

/// `text` as it must be drawn: the characters these tests plant, made visible by rule.
fn visible(text: &str) -> String {
    text.replace('\u{1b}', "\u{241b}")
        .replace('\u{7}', "\u{2407}")
        .replace('\u{202e}', "\u{fffd}")
}

/// The screen's text, with no character a terminal would obey.
fn safe_screen(app: &App) -> String {
    let text = screen_text(draw(app).backend().buffer());
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !text.contains(c),
            "U+{:04X} on screen: {text}",
            u32::from(c)
        );
    }
    text
}

const SYMBOL: &str = "A/77\u{1b}]0;pwned\u{7}/Add.1";
const DATE: &str = "2022\u{202e}-11-15";
const INSERTED: &str = "keeps \u{1b}[2J taking";

/// The embedded report open, beside a hostile one: its symbol retitles the window, its date
/// holds a right-to-left override and its response to ¶ 37 clears the screen.
fn app_beside_a_hostile_report() -> App {
    let mut hostile = Dataset::embedded();
    hostile.document.symbol = SYMBOL.into();
    hostile.document.date = DATE.into();
    for section in &mut hostile.sections {
        for recommendation in &mut section.recommendations {
            if recommendation.para == 37 {
                let text = recommendation.paragraphs[0].replace("continues to take", INSERTED);
                recommendation.paragraphs[0] = text.into();
            }
        }
    }
    let series = Series {
        reports: vec![
            ReportEntry::new(hostile, "added"),
            ReportEntry::new(Dataset::embedded(), "embedded"),
        ],
        ..Series::default()
    };
    let mut app = App::with_series(Dataset::embedded(), series, Size::new(160, 50), true);
    app.update(Command::Idle);
    app
}

#[test]
fn the_report_picker_draws_a_hostile_symbol_and_date_as_visible_text() {
    let mut app = app_beside_a_hostile_report();
    assert!(ch(&mut app, 'R'));
    assert_eq!(app.keymap(), Keymap::Reports);
    let text = safe_screen(&app);
    // The picker's row of the hostile report: its date, then its symbol before it.
    let row = text
        .lines()
        .find(|line| line.contains(&visible(DATE)))
        .unwrap_or_else(|| panic!("the hostile report is listed: {text}"));
    assert!(
        row.contains(&format!("{}  {}", visible(SYMBOL), visible(DATE))),
        "{row}"
    );
}

#[test]
fn the_comparison_draws_a_hostile_symbol_and_diff_as_visible_text() {
    let mut app = app_beside_a_hostile_report();
    app.update(Command::OpenJump);
    for c in "37".chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    app.update(Command::JumpToParagraph);
    assert!(ch(&mut app, 'c'));
    assert_eq!(app.keymap(), Keymap::Compare);
    let text = safe_screen(&app);
    assert!(
        text.contains(&format!("¶ 37 → {} ¶ 37", visible(SYMBOL))),
        "{text}"
    );
    // The legend names both reports; the inserted words are marked as the other's.
    assert!(
        text.contains(&format!("only in {}", visible(SYMBOL))),
        "{text}"
    );
    assert!(text.contains(&visible("\u{1b}[2J")), "{text}");
}

#[test]
fn the_matrix_draws_hostile_headings_and_acronyms_as_visible_text() {
    let mut dataset = Dataset::embedded();
    for section in &mut dataset.sections {
        section.number = format!("{}\u{202e}", section.number.original()).into();
        section.title = format!("{}\u{1b}]0;x\u{7}", section.title.original()).into();
    }
    for mission in &mut dataset.missions {
        mission.acronym = format!("{}\u{7}", mission.acronym.original()).into();
    }
    let mut app = App::new(dataset.clone(), Size::new(200, 60), true);
    assert!(ch(&mut app, 'o'));
    let Some(Overlay::Matrix(cursor)) = app.overlay() else {
        panic!("the matrix is open");
    };
    let (row, col) = (cursor.row, cursor.col);
    let acronym = visible(app.matrix().rows[row].acronym.original());
    let section = &dataset.sections[col];
    let number = visible(section.number.original());
    let title = visible(section.title.original());
    let text = safe_screen(&app);
    // The key to the sections, the description of the cell, the status bar.
    assert!(text.contains(&format!("{number} {title}")), "{text}");
    assert!(text.contains(&format!("× {number}. {title}: ")), "{text}");
    let status = text.lines().last().unwrap_or_default();
    assert!(
        status.contains(&format!("{acronym} × {number}: ")),
        "{status}"
    );
}

#[test]
fn an_override_typed_into_the_help_filter_is_drawn_as_visible_text() {
    let mut app = App::new(Dataset::embedded(), Size::new(120, 40), true);
    assert!(ch(&mut app, '?'));
    let typed = "zq\u{202e}x";
    for c in typed.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    let text = safe_screen(&app);
    assert!(
        text.contains(&format!("Keys matching: {}", visible(typed))),
        "{text}"
    );
    assert!(
        text.contains(&format!("No key matches “{}”", visible(typed))),
        "{text}"
    );
}
