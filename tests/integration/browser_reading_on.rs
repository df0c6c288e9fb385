//! Reading on (issue 18): `Space` at the end of a response opens the next one, across
//! sections as `]` does; search results carry the `★` `✎` marks lists carry.

use std::collections::BTreeMap;

use crate::common::keys::{app_at, ch, press, typed};
use crate::common::screen::{draw, screen_text};
use c34::app::{App, Command, Edit, Outcome, Overlay, Pane};
use c34::userdata::Annotation;
use ratatui::crossterm::event::KeyCode;

fn para(app: &App) -> Option<u32> {
    app.current().map(|(_, r)| r.para)
}

fn jump(app: &mut App, para: u32) {
    app.update(Command::OpenJump);
    for c in para.to_string().chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    app.update(Command::JumpToParagraph);
}

#[test]
fn space_at_the_end_of_a_response_opens_the_next_across_sections() {
    let mut app = app_at(80, 24);
    let sections = &app.dataset().sections;
    // The last response of the first section, then the first of the second, from the data.
    let last_of_first = sections[0].recommendations.last().expect("a response").para;
    let first_of_second = sections[1].recommendations[0].para;
    jump(&mut app, last_of_first);
    while app.focus() != Pane::Reader {
        press(&mut app, KeyCode::Tab);
    }
    // Space pages through the response first: its paragraph stays until the last page.
    let mut presses = 0;
    while app.reader().scroll < app.max_scroll() {
        ch(&mut app, ' ');
        assert_eq!(para(&app), Some(last_of_first), "paging, not leaving");
        presses += 1;
        assert!(presses < 100, "Space reaches the end");
    }
    ch(&mut app, ' ');
    assert_eq!(
        para(&app),
        Some(first_of_second),
        "on into the next section"
    );
    assert_eq!(app.reader().scroll, 0, "from its top");
    assert_eq!(app.focus(), Pane::Reader);
}

#[test]
fn search_results_show_bookmark_and_note_marks() {
    let mut app = app_at(120, 40);
    typed(&mut app, "/mali");
    let Some(Overlay::Search(search)) = app.overlay() else {
        panic!("the search is open");
    };
    let first = search
        .results()
        .items
        .first()
        .map(|hit| hit.para)
        .expect("a hit");
    let mut annotations = BTreeMap::new();
    annotations.insert(first, Annotation::new(true, Some("a note".into())));
    app.receive(Outcome::Annotations(annotations));
    let text = screen_text(draw(&app).backend().buffer());
    let row = text
        .lines()
        .find(|line| line.contains(&format!("¶ {first} ")))
        .unwrap_or_else(|| panic!("¶ {first} in the results:\n{text}"));
    assert!(row.contains("★✎"), "{row}");
    let others = text
        .lines()
        .filter(|line| line.contains("¶ ") && !line.contains(&format!("¶ {first} ")))
        .filter(|line| line.contains('★') || line.contains('✎'))
        .count();
    assert_eq!(others, 0, "only the annotated result is marked:\n{text}");
}
