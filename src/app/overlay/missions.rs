//! The `m` overlay: the missions the responses name, filtered as you type (whole words of
//! acronym, name and place); Enter lists the chosen mission's recommendations (its mentions,
//! then the responses that name only its place). A mission the gazetteer knows but the report
//! does not name is said to be so.
//!
//! Drawn one mission per row: acronym, place, name (the characters the query matched
//! highlighted), and how many recommendations its list holds (those naming it, then those
//! naming only its place).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::search::QUERY_CHARS;
use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::{Chooser, Pane, Prompt};
use crate::command::{Command, Edit, Keymap};
use crate::layout;
use crate::missions::{MissionMatch, match_missions, not_named};
use crate::paint::{Theme, char_spans, list_rows, prompt_box, row, safe_line, safe_span, width};
use crate::safe_format;
use crate::sanitize::SafeText;

/// The mission picker: a query and the missions it matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissionPicker {
    matches: Chooser<MissionMatch>,
    /// When nothing matches: the gazetteer's missions the query names that the report does
    /// not ("UNIFIL is not named in this report").
    not_named: Vec<&'static str>,
}

impl MissionPicker {
    /// Every mission, `selected` (an index into the dataset's missions) chosen; `None` when
    /// the report names no missions.
    pub fn open(context: &Context, selected: Option<usize>) -> Option<MissionPicker> {
        if context.dataset.missions.is_empty() {
            return None;
        }
        let mut matches = Chooser::new(
            Prompt::default(),
            match_missions(&context.dataset.missions, ""),
        );
        if let Some(m) = selected {
            matches.scroll.selected = matches
                .items
                .iter()
                .position(|x| x.mission == m)
                .unwrap_or(0);
        }
        Some(MissionPicker {
            matches,
            not_named: Vec::new(),
        })
    }

    /// The query and the missions it matches.
    pub fn matches(&self) -> &Chooser<MissionMatch> {
        &self.matches
    }

    /// The missions the query names that the report does not, when it matches none of the
    /// report's: the gazetteer's acronyms, in its order.
    pub fn not_named(&self) -> &[&'static str] {
        &self.not_named
    }

    /// Enter (or a click on the chosen mission): its recommendations in the list.
    fn list_mission(&self) -> Action {
        let Some(mission) = self.matches.selected().map(|x| x.mission) else {
            return Action::Stay;
        };
        Action::then(move |app| {
            app.jump_and_record(|app| app.pick_mission(mission));
            app.focus = Pane::List;
        })
    }

    /// A click: on a mission, select it (list it, when it is already selected); outside the
    /// box, close it.
    fn click(&mut self, position: Position, area: Rect, missions: usize) -> Action {
        let parts = layout::picker_box(area, missions);
        if !parts.frame.contains(position) {
            return Action::Close;
        }
        if !parts.list.contains(position) {
            return Action::Stay;
        }
        let row = usize::from(position.y - parts.list.y);
        let Some(index) = self.matches.scroll.row_at(row, self.matches.items.len()) else {
            return Action::Stay;
        };
        if index == self.matches.scroll.selected {
            return self.list_mission();
        }
        self.matches
            .select(index, layout::picker_page(area, missions));
        Action::Stay
    }
}

impl Component for MissionPicker {
    const KEYMAP: Keymap = Keymap::Missions;

    fn text_input(&mut self) -> Option<super::TextInput<'_>> {
        Some(super::TextInput {
            prompt: &mut self.matches.prompt,
            limit: QUERY_CHARS,
            accepts: |_| true,
        })
    }

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let missions = context.dataset.missions.len();
        let page = layout::picker_page(context.area, missions).max(1);
        match command {
            // Backspace on an empty prompt closes it.
            Command::Edit(Edit::DeleteBack) if self.matches.prompt.is_empty() => {
                return Action::Close;
            }
            Command::Edit(edit) => {
                if self.matches.prompt.edit(edit, QUERY_CHARS, |_| true) {
                    let missions = &context.dataset.missions;
                    let matches = match_missions(missions, self.matches.query());
                    self.not_named = if matches.is_empty() {
                        not_named(missions, self.matches.query())
                    } else {
                        Vec::new()
                    };
                    self.matches.replace_items(matches);
                }
            }
            Command::ListMission => return self.list_mission(),
            Command::Close => return Action::Close,
            Command::Click { column, row } => {
                return self.click(Position::new(column, row), context.area, missions);
            }
            Command::WheelUp { .. } => self.matches.wheel(false, WHEEL_LINES, page),
            Command::WheelDown { .. } => self.matches.wheel(true, WHEEL_LINES, page),
            _ => {
                if let Some(motion) = command.motion() {
                    self.matches.apply(motion, 1, page);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        let missions = context.dataset.missions.len();
        self.matches
            .settle(layout::picker_page(context.area, missions).max(1));
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let named_elsewhere = self.not_named();
        let picker = self.matches();
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
        prompt_box::render_frame(frame, &parts, &SafeText::new("Missions"), position, theme);
        prompt_box::render_query(
            frame,
            parts.query,
            "Mission: ",
            (
                &SafeText::line(picker.prompt.value()),
                picker.prompt.cursor(),
            ),
            &count,
            theme,
        );
        if picker.items.is_empty() {
            let line = nothing_matches(picker.query(), named_elsewhere).style(theme.muted());
            prompt_box::render_hint(frame, parts.list, &[line]);
            return;
        }
        let acronym_width = missions
            .iter()
            .map(|mission| width(&mission.acronym.one_line()))
            .max()
            .unwrap_or(0);
        let cells = usize::from(parts.list.width);
        let scroll = (picker.scroll.offset, picker.scroll.selected);
        list_rows(
            frame,
            parts.list,
            scroll,
            |index| {
                let found = picker.items.get(index)?;
                Some(mission_row(context, found, acronym_width, cells, *theme))
            },
            theme,
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
            safe_span(&SafeText::line(query.trim()), Style::default()),
            Span::raw("”."),
        ]);
    };
    let names = if others.is_empty() {
        format!("{last} is")
    } else {
        format!("{} and {last} are", others.join(", "))
    };
    safe_line(
        &safe_format!(" {names} not named in this report."),
        Style::default(),
    )
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
    // Making text safe replaces characters one for one, so the matched indices still apply.
    let acronym = mission.acronym.one_line();
    let mut spans = vec![Span::raw(" ")];
    spans.extend(char_spans(
        &mission.acronym,
        &found.acronym,
        theme.acronym(),
        theme.matched(),
    ));
    spans.push(Span::raw(
        " ".repeat(acronym_width.saturating_sub(width(&acronym)) + 2),
    ));
    spans.extend(char_spans(
        &mission.location,
        &found.location,
        theme.plain(),
        theme.matched(),
    ));
    spans.push(Span::styled(" · ", theme.muted()));
    spans.extend(char_spans(
        &mission.name,
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
