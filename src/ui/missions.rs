//! The `m` overlay: the missions the responses name, filtered as you type (fuzzy over acronym,
//! name and place, matched characters highlighted), one per row: acronym, place, name, and how
//! many recommendations name it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::overlay::{self, Parts};
use super::{Theme, char_spans, row, width};
use crate::app::{App, MissionMatch, PickerState, Source};
use crate::sanitize::for_line;

/// The widest the box gets.
pub const MAX_WIDTH: u16 = 110;

/// The box on a screen of `area` for a report naming `missions` missions: tall enough for all
/// of them, so it keeps its size while the list is filtered.
pub fn parts(area: Rect, missions: usize) -> Parts {
    // Borders, the query line and the rule.
    let wanted = u16::try_from(missions)
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    overlay::parts(area, MAX_WIDTH, wanted)
}

/// How many missions are shown at once.
pub fn page(area: Rect, missions: usize) -> usize {
    usize::from(parts(area, missions).list.height)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, picker: &PickerState, theme: &Theme) {
    let missions = &app.dataset.missions;
    let parts = parts(area, missions.len());
    if parts.frame.is_empty() {
        return;
    }
    let total = missions.len();
    let count = if picker.query.trim().is_empty() {
        format!("{total} missions")
    } else {
        format!("{} of {total}", picker.matches.len())
    };
    let position = (!picker.matches.is_empty())
        .then(|| format!("{}/{}", picker.selected + 1, picker.matches.len()));
    overlay::render_frame(frame, &parts, "Missions", position, theme);
    overlay::render_query(
        frame,
        parts.query,
        "Mission: ",
        &picker.query,
        false,
        &count,
        theme,
    );
    if picker.matches.is_empty() {
        let line = Line::from(vec![
            Span::raw(" No mission matches “"),
            Span::raw(for_line(picker.query.trim()).into_owned()),
            Span::raw("”."),
        ])
        .style(theme.muted());
        overlay::render_note(frame, parts.list, &[line]);
        return;
    }
    let acronym_width = missions
        .iter()
        .map(|mission| width(&for_line(&mission.acronym)))
        .max()
        .unwrap_or(0);
    let cells = usize::from(parts.list.width);
    let items = picker.matches.iter().enumerate().skip(picker.offset);
    for ((index, found), y) in items.zip(parts.list.y..parts.list.bottom()) {
        let mut line = mission_row(app, found, acronym_width, cells, *theme);
        if index == picker.selected {
            line = line.style(theme.selected(true));
        }
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..parts.list
            },
        );
    }
}

/// ` UNMISS   South Sudan · United Nations Mission in South Sudan      16`
fn mission_row(
    app: &App,
    found: &MissionMatch,
    acronym_width: usize,
    cells: usize,
    theme: Theme,
) -> Line<'static> {
    let Some(mission) = app.dataset.missions.get(found.mission) else {
        return Line::default();
    };
    // `for_line` replaces characters one for one, so the matched indices still apply.
    let acronym = for_line(&mission.acronym);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(char_spans(
        &acronym,
        &found.acronym,
        theme.acronym(),
        theme.matched(),
    ));
    spans.push(Span::raw(
        " ".repeat(acronym_width.saturating_sub(width(&acronym)) + 2),
    ));
    spans.extend(char_spans(
        &for_line(&mission.location),
        &found.location,
        theme.plain(),
        theme.matched(),
    ));
    spans.push(Span::styled(" · ", theme.muted()));
    spans.extend(char_spans(
        &for_line(&mission.name),
        &found.name,
        theme.muted(),
        theme.matched(),
    ));
    let count = app.items_of(Source::Mission(found.mission)).len();
    row(
        spans,
        Some(Span::styled(format!("{count} "), theme.muted())).filter(|_| cells >= 40),
        cells,
    )
}
