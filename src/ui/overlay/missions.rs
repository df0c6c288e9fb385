//! The `m` overlay: the missions the responses name, filtered as you type (fuzzy over acronym,
//! name and place, matched characters highlighted), one per row: acronym, place, name, and how
//! many recommendations its list holds (those naming it, then those naming only its place); a
//! mission the gazetteer knows but the report does not name is said to be so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Context;
use crate::app::overlay::MissionPicker;
use crate::layout;
use crate::missions::MissionMatch;
use crate::sanitize::for_line;
use crate::ui::overlay;
use crate::ui::{Theme, char_spans, row, width};

pub fn render(frame: &mut Frame, picker: &MissionPicker, context: &Context, theme: &Theme) {
    let named_elsewhere = picker.not_named();
    let picker = picker.matches();
    let missions = &context.dataset.missions;
    let parts = layout::picker_box(context.area, missions.len());
    if parts.frame.is_empty() {
        return;
    }
    let total = missions.len();
    let count = if picker.query().trim().is_empty() {
        format!("{total} missions")
    } else {
        format!("{} of {total}", picker.items.len())
    };
    let position = (!picker.items.is_empty())
        .then(|| format!("{}/{}", picker.scroll.selected + 1, picker.items.len()));
    overlay::render_frame(frame, &parts, "Missions", position, theme);
    overlay::render_query(
        frame,
        parts.query,
        "Mission: ",
        &picker.prompt,
        &count,
        theme,
    );
    if picker.items.is_empty() {
        let line = nothing_matches(picker.query(), named_elsewhere).style(theme.muted());
        overlay::render_hint(frame, parts.list, &[line]);
        return;
    }
    let acronym_width = missions
        .iter()
        .map(|mission| width(&mission.acronym.one_line()))
        .max()
        .unwrap_or(0);
    let cells = usize::from(parts.list.width);
    let items = picker.items.iter().enumerate().skip(picker.scroll.offset);
    for ((index, found), y) in items.zip(parts.list.y..parts.list.bottom()) {
        let mut line = mission_row(context, found, acronym_width, cells, *theme);
        if index == picker.scroll.selected {
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

/// What the picker says when no mission of the report matches: ` UNIFIL is not named in this
/// report.` when the gazetteer knows the missions the query names, else ` No mission matches
/// “query”.`
fn nothing_matches(query: &str, not_named: &[&str]) -> Line<'static> {
    let Some((last, others)) = not_named.split_last() else {
        return Line::from(vec![
            Span::raw(" No mission matches “"),
            Span::raw(for_line(query.trim()).into_owned()),
            Span::raw("”."),
        ]);
    };
    let names = if others.is_empty() {
        format!("{last} is")
    } else {
        format!("{} and {last} are", others.join(", "))
    };
    Line::raw(format!(" {} not named in this report.", for_line(&names)))
}

/// ` UNMISS   South Sudan · United Nations Mission in South Sudan      16`
fn mission_row(
    context: &Context,
    found: &MissionMatch,
    acronym_width: usize,
    cells: usize,
    theme: Theme,
) -> Line<'static> {
    let Some(mission) = context.dataset.missions.get(found.mission) else {
        return Line::default();
    };
    // `for_line` replaces characters one for one, so the matched indices still apply.
    let acronym = mission.acronym.one_line();
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
        &mission.location.one_line(),
        &found.location,
        theme.plain(),
        theme.matched(),
    ));
    spans.push(Span::styled(" · ", theme.muted()));
    spans.extend(char_spans(
        &mission.name.one_line(),
        &found.name,
        theme.muted(),
        theme.matched(),
    ));
    // The recommendations the mission's list shows: its mentions, then those naming only
    // its place.
    let count = context.index.mission_list(mission).len();
    row(
        spans,
        Some(Span::styled(format!("{count} "), theme.muted())).filter(|_| cells >= 40),
        cells,
    )
}
