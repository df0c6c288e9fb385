//! Whole-screen snapshots of the browser on a `TestBackend`, and what the styles must show
//! without colour.

use crate::common::keys::app_at;
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Command, Edit, Pane, TreeRow};
use c34::dataset::{Dataset, Mission};
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};

fn jump(app: &mut App, para: u32) {
    app.update(Command::OpenJump);
    for c in para.to_string().chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    app.update(Command::JumpToParagraph);
}

#[test]
fn start_120x40() {
    let app = app_at(120, 40);
    let terminal = draw(&app);
    insta::assert_snapshot!("start_120x40", terminal.backend());
}

/// The layout at five sizes, on ¶ 100 (its header names UNMOGIP and UNTSO, by full name
/// only) reached from ¶ 165, so the history shows: the reader takes what the list and the tree
/// leave, the tree shows every title at 160 columns and more, the list two rows per entry.
#[test]
fn reading_at_five_sizes() {
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 20), (40, 12)] {
        let mut app = app_at(width, height);
        jump(&mut app, 165);
        jump(&mut app, 100);
        let terminal = draw(&app);
        insta::assert_snapshot!(format!("reading_100_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn every_title_in_full_at_160_columns() {
    let app = app_at(160, 40);
    let text = screen_text(draw(&app).backend().buffer());
    for section in &app.dataset().sections {
        assert!(
            text.contains(section.title.as_str()),
            "{}: {text}",
            section.title
        );
    }
}

#[test]
fn list_entries_say_what_they_are_at_120_columns() {
    // Every entry of every section, as drawn: its two rows hold 30 characters or more of the
    // response's opening words.
    let mut app = app_at(120, 40);
    for section in 0..app.dataset().sections.len() {
        let first = app.dataset().sections[section].recommendations[0].para;
        jump(&mut app, first);
        app.update(Command::FocusLeft);
        let entries = app.list().items.len();
        for index in 0..entries {
            if index > 0 {
                app.update(Command::Down);
            }
            let text = screen_text(draw(&app).backend().buffer());
            let list = app.screen().inner(Pane::List).unwrap();
            let rows: Vec<String> = text
                .lines()
                .map(|line| {
                    line.chars()
                        .skip(usize::from(list.x))
                        .take(usize::from(list.width))
                        .collect::<String>()
                })
                .collect();
            let recommendation = app.dataset().get(app.list().items[index]).unwrap();
            if recommendation.is_not_addressed() {
                continue;
            }
            let number = format!("¶ {} ", recommendation.para);
            let at = rows
                .iter()
                .position(|row| {
                    row.trim_start_matches("¶ ")
                        .trim_start()
                        .starts_with(&number[3..])
                        && row.starts_with("¶")
                })
                .unwrap_or_else(|| panic!("{number} in the list:\n{text}"));
            let words = format!(
                "{} {}",
                rows[at]
                    .split_at(rows[at].find(&number[3..]).unwrap() + number.len() - 3)
                    .1,
                rows[at + 1].trim()
            );
            let words: Vec<&str> = words.trim_end_matches('…').split_whitespace().collect();
            let words = words.join(" ");
            assert!(
                words.chars().count() >= 30,
                "¶ {}: {words:?}",
                recommendation.para
            );
            // The same characters as the response's start (a line may break after a hyphen).
            let squeeze = |text: &str| text.split_whitespace().collect::<String>();
            let cut = words.trim_end_matches(|c: char| c.is_alphanumeric());
            assert!(
                squeeze(&recommendation.paragraphs[0]).starts_with(&squeeze(cut)),
                "¶ {}: {words:?}",
                recommendation.para
            );
        }
    }
}

#[test]
fn at_80x24_the_reader_has_50_columns() {
    let app = app_at(80, 24);
    assert!(app.screen().reader_text().unwrap().width >= 50);
}

#[test]
fn paragraph_165_at_80x24() {
    let mut app = app_at(80, 24);
    jump(&mut app, 165);
    let terminal = draw(&app);
    insta::assert_snapshot!("para_165_80x24", terminal.backend());
}

#[test]
fn help_at_80x24() {
    let mut app = app_at(80, 24);
    app.update(Command::ToggleHelp);
    let terminal = draw(&app);
    insta::assert_snapshot!("help_80x24", terminal.backend());
}

#[test]
fn start_40x12() {
    let app = app_at(40, 12);
    let terminal = draw(&app);
    insta::assert_snapshot!("start_40x12", terminal.backend());
}

#[test]
fn reader_scrolled_40x12() {
    let mut app = app_at(40, 12);
    jump(&mut app, 156);
    app.update(Command::PageDown);
    let terminal = draw(&app);
    insta::assert_snapshot!("reader_scrolled_40x12", terminal.backend());
}

#[test]
fn too_small_20x5() {
    let app = app_at(20, 5);
    let terminal = draw(&app);
    insta::assert_snapshot!("too_small_20x5", terminal.backend());
}

#[test]
fn missions_branch_120x40() {
    let mut dataset = Dataset::embedded();
    dataset.missions = vec![
        Mission {
            acronym: "MINUSMA".into(),
            name: "United Nations Multidimensional Integrated Stabilization Mission in Mali".into(),
            location: "Mali".into(),
            paras: vec![158, 165],
        },
        Mission {
            acronym: "UNMISS".into(),
            name: "United Nations Mission in South Sudan".into(),
            location: "South Sudan".into(),
            paras: vec![158],
        },
    ];
    let mut app = App::new(dataset, Size::new(120, 40), true);
    let missions = app
        .tree_rows()
        .iter()
        .position(|&row| row == TreeRow::Missions)
        .expect("a Missions branch");
    for _ in 0..missions {
        app.update(Command::Down);
    }
    app.update(Command::Toggle);
    app.update(Command::Down);
    let terminal = draw(&app);
    insta::assert_snapshot!("missions_120x40", terminal.backend());
}

#[test]
fn not_addressed_recommendations_are_marked_in_the_list() {
    let mut app = app_at(120, 40);
    // Section II holds responses the Secretariat says are not addressed to it.
    app.update(Command::Down);
    let screen = draw(&app);
    let text = screen_text(screen.backend().buffer());
    let marked = app
        .list()
        .items
        .iter()
        .filter(|&&location| {
            app.dataset()
                .get(location)
                .is_some_and(c34::dataset::Recommendation::is_not_addressed)
        })
        .count();
    assert!(marked > 0, "the fixture needs such a response");
    assert_eq!(text.matches("· not addr").count(), marked);
}

#[test]
fn without_colour_no_cell_has_a_colour_and_selection_stays_visible() {
    let mut app = App::new(Dataset::embedded(), Size::new(120, 40), false);
    jump(&mut app, 165);
    app.update(Command::FocusLeft);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "{:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset, "{:?}", cell.symbol());
    }
    // The list is focused: its selected row (¶ 165) is reversed.
    let list = app.screen().inner(Pane::List).unwrap();
    let entry = app.list().scroll.selected - app.list().scroll.offset;
    let row = list.y + u16::try_from(entry * app.list_item_height()).unwrap();
    assert!(
        buffer[(list.x + 1, row)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    // The unfocused tree still marks its selection.
    let tree = app.screen().inner(Pane::Tree).unwrap();
    let tree_row =
        tree.y + u16::try_from(app.tree().scroll.selected - app.tree().scroll.offset).unwrap();
    assert!(
        buffer[(tree.x + 1, tree_row)]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
    // Acronyms and resolutions stand out by modifier alone.
    let text = screen_text(buffer);
    let acronym = text.find("MINUSMA").expect("165 names MINUSMA");
    // Every cell here holds one narrow character, so characters count columns.
    let at = |byte: usize| {
        let line = text[..byte].matches('\n').count();
        let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..byte].chars().count();
        (u16::try_from(column).unwrap(), u16::try_from(line).unwrap())
    };
    assert!(buffer[at(acronym)].modifier.contains(Modifier::BOLD));
    let resolution = text
        .find("resolution 2589")
        .expect("165 cites the resolution");
    assert!(
        buffer[at(resolution)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn the_focused_pane_is_drawn_thick() {
    let app = app_at(120, 40);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let screen = app.screen();
    let tree = screen.tree.unwrap();
    let list = screen.list.unwrap();
    assert_eq!(buffer[(tree.x, tree.y)].symbol(), "┏");
    assert_eq!(buffer[(list.x, list.y)].symbol(), "┌");
}

#[test]
fn escape_sequences_in_the_data_are_drawn_as_visible_symbols() {
    let mut dataset = Dataset::embedded();
    dataset.sections[0].title = "Intro\u{1b}]0;owned\u{7}duction".into();
    dataset.sections[0].recommendations[0].paragraphs[0] =
        "Text \u{1b}[31mred\u{1b}[0m and \u{202e}reversed".into();
    let app = App::new(dataset, Size::new(120, 40), true);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    assert!(!text.contains('\u{1b}'));
    assert!(!text.contains('\u{7}'));
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("␛[31mred"), "{text}");
    assert!(text.contains("Intro␛]0;owned"), "{text}");
}

#[test]
fn the_status_bar_says_where_you_are() {
    let mut app = app_at(120, 40);
    jump(&mut app, 165);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    let status = text.lines().last().unwrap();
    assert!(
        status.contains("VIII. Safety and security · ¶ 165 · 10 of 22"),
        "{status}"
    );
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn an_unknown_paragraph_message_shows_in_the_status_bar() {
    let mut app = app_at(80, 24);
    jump(&mut app, 17);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    let status = text.lines().last().unwrap();
    assert!(
        status.contains("No response to ¶ 17 · nearest: ¶ 18"),
        "{status}"
    );
}

#[test]
fn the_jump_prompt_shows_what_was_typed_with_the_cursor_after_it() {
    let mut app = app_at(80, 24);
    app.update(Command::OpenJump);
    app.update(Command::Edit(Edit::Insert('1')));
    app.update(Command::Edit(Edit::Insert('6')));
    let mut terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.lines().last().unwrap().starts_with(" :16 "), "{text}");
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!((cursor.x, cursor.y), (4, 23));
}

#[test]
fn the_reader_shows_a_position_when_the_text_overflows() {
    let mut app = app_at(80, 24);
    jump(&mut app, 156);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    let total = app.reader_layout().lines.len();
    assert!(text.contains(&format!(" 1–20/{total} ")), "{text}");
    assert!(text.contains('█'), "a scrollbar thumb");

    jump(&mut app, 18);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    assert!(!text.contains('█'), "no scrollbar when the text fits");
}
