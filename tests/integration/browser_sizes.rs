//! Every pane reachable at every size: below 100 columns the tree takes the list's place (60 to
//! 99 columns) or the whole screen (below 60) while it has the focus, and going right brings
//! the list back; so Bookmarks, Missions and Documents cited are reached with `h`, `Tab` or
//! `Shift-Tab` and `j`/`Enter` alone.

use c34::app::{App, Pane, Source, TreeRow};
use ratatui::crossterm::event::KeyCode;

use crate::common::keys::{app_at, ch, press};
use crate::common::screen::{draw, screen_text};

fn screen(app: &App) -> String {
    screen_text(draw(app).backend().buffer())
}

/// The ways to the tree from the list that the issue names.
#[derive(Debug, Clone, Copy)]
enum Way {
    H,
    ShiftTab,
    Tab,
}

/// Moves the focus from the list to the tree the `way` says, and checks that the tree is on
/// screen in the list's place.
fn to_tree(app: &mut App, way: Way) {
    assert_eq!(app.focus(), Pane::List);
    match way {
        Way::H => assert!(ch(app, 'h')),
        Way::ShiftTab => assert!(press(app, KeyCode::BackTab)),
        // List, reader, then round to the tree.
        Way::Tab => {
            assert!(press(app, KeyCode::Tab));
            assert!(press(app, KeyCode::Tab));
        }
    }
    assert_eq!(app.focus(), Pane::Tree, "{way:?}");
    let layout = app.screen();
    assert!(layout.tree.is_some() && layout.list.is_none(), "{way:?}");
    assert!(screen(app).contains(" Sections "), "{}", screen(app));
}

/// `j` down the tree to the first row `wanted` accepts.
fn down_to(app: &mut App, wanted: impl Fn(TreeRow) -> bool) {
    for _ in 0..500 {
        if wanted(app.tree_rows()[app.tree().scroll.selected]) {
            return;
        }
        assert!(ch(app, 'j'));
    }
    panic!("no such row in the tree");
}

/// Enter on a tree row: the list comes back in the tree's place, showing `source`.
fn enter_list(app: &mut App, source: Source) {
    assert!(press(app, KeyCode::Enter));
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(app.list().source, source);
    assert!(app.screen().tree.is_none() && app.screen().list.is_some());
}

fn every_branch_is_reached(width: u16, height: u16, way: Way) {
    let mut app = app_at(width, height);
    let what = format!("{width}x{height} by {way:?}");

    to_tree(&mut app, way);
    down_to(&mut app, |row| row == TreeRow::Bookmarks);
    enter_list(&mut app, Source::Bookmarks);
    // The Bookmarks list's title: its name, then how many bookmarks and notes (none yet).
    assert!(
        screen(&app).contains("Bookmarks · ★ 0 ✎ 0"),
        "{what}\n{}",
        screen(&app)
    );

    to_tree(&mut app, way);
    down_to(&mut app, |row| row == TreeRow::Missions);
    assert!(press(&mut app, KeyCode::Enter), "Enter opens the branch");
    ch(&mut app, 'j');
    enter_list(&mut app, Source::Mission(0));
    let acronym = app.dataset().missions[0].acronym.clone();
    assert!(
        screen(&app).contains(acronym.as_str()),
        "{what}\n{}",
        screen(&app)
    );

    to_tree(&mut app, way);
    down_to(&mut app, |row| row == TreeRow::Documents);
    assert!(press(&mut app, KeyCode::Enter), "Enter opens the branch");
    ch(&mut app, 'j');
    enter_list(&mut app, Source::Document(0));
    let symbol = app.references()[0].symbol.clone();
    assert!(
        screen(&app).contains(symbol.as_str()),
        "{what}\n{}",
        screen(&app)
    );
}

#[test]
fn at_80x24_the_tree_takes_the_lists_place() {
    for way in [Way::H, Way::ShiftTab, Way::Tab] {
        every_branch_is_reached(80, 24, way);
    }
}

#[test]
fn at_40x12_the_tree_takes_the_whole_screen() {
    for way in [Way::H, Way::ShiftTab, Way::Tab] {
        every_branch_is_reached(40, 12, way);
    }
    let mut app = app_at(40, 12);
    to_tree(&mut app, Way::H);
    let layout = app.screen();
    assert!(layout.reader.is_none(), "only the tree below 60 columns");
    // Going right brings the list back.
    assert!(ch(&mut app, 'l'));
    assert_eq!(app.focus(), Pane::List);
    assert!(app.screen().list.is_some() && app.screen().tree.is_none());
}

#[test]
fn a_tree_reached_on_a_narrow_screen_keeps_the_focus_through_a_resize() {
    let mut app = app_at(80, 24);
    to_tree(&mut app, Way::H);
    app.update(c34::app::Command::Resize {
        width: 70,
        height: 24,
    });
    assert_eq!(app.focus(), Pane::Tree);
    // From three panes to two, the list takes the focus back, as before.
    let mut wide = app_at(120, 40);
    assert_eq!(wide.focus(), Pane::Tree);
    wide.update(c34::app::Command::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(wide.focus(), Pane::List);
}

/// The real binary in a pseudo-terminal: from the start, `h` (or `Tab`, `Tab`) reaches the tree
/// and `j`/`Enter` the Bookmarks, a mission and a cited document, at 80x24 and at 40x12. What
/// to expect comes from the embedded dataset: its first mission and first cited document.
#[test]
fn pty_every_branch_is_reached_at_80x24_and_40x12() {
    use crate::common::pty::Browser;
    let dataset = c34::dataset::Dataset::embedded();
    let acronym = dataset.missions[0].acronym.to_string();
    let symbol = c34::refs::references(&dataset)[0].symbol.to_string();
    for (width, height, to_tree) in [(80, 24, "h"), (40, 12, "\t\t")] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let home = dir.path().to_str().expect("a UTF-8 path");
        let mut browser =
            Browser::start_with_env(width, height, &[("XDG_DATA_HOME", home), ("HOME", home)]);
        browser.wait_for_text("¶ 18");
        let tree_shown = |screen: &str| screen.contains(" Sections ");
        // The tree starts on section I: nine sections down is Bookmarks.
        browser.send(to_tree);
        browser.wait_for("the tree", tree_shown);
        browser.send(&"j".repeat(9));
        browser.send("\r");
        browser.wait_for("the Bookmarks list", |s| {
            !tree_shown(s) && s.contains("Bookmarks · ★ 0 ✎ 0")
        });
        // Back to the tree (on Bookmarks), down to Missions, open it, its first mission.
        browser.send(to_tree);
        browser.wait_for("the tree again", tree_shown);
        browser.send("j\rj\r");
        browser.wait_for("the first mission's list", |s| {
            !tree_shown(s) && s.contains(acronym.as_str())
        });
        // The last branch is Documents cited: G, open it, its first document.
        browser.send(to_tree);
        browser.wait_for("the tree a third time", tree_shown);
        browser.send("G\rj\r");
        browser.wait_for("the first cited document's list", |s| {
            !tree_shown(s) && s.contains(symbol.as_str())
        });
        browser.send("q");
        assert!(browser.wait_exit(), "{width}x{height}: c34 quits");
    }
}
