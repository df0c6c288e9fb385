//! The middle pane: the recommendations of the selected section or mission, `¶ 37` and the
//! first words of each response; those "not addressed to the Secretariat" are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::marks::{self, BOOKMARK, NOTE};
use super::{Theme, clip, row, safe_span, width};
use crate::app::{App, Pane, Source};
use crate::dataset::Location;
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::text::split_first_line;

/// What a mission's list shows at the right of a response that names only the mission's place.
pub const PLACE_ONLY_LABEL: &str = "(place only)";

/// What the list shows for a response the Secretariat does not act on.
pub const NOT_ADDRESSED_LABEL: &str = "· not addressed to the Secretariat";

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::List;
    let title = title(app, usize::from(rect.width.saturating_sub(2)));
    let block = theme
        .block(focused)
        .title(safe_span(&title, Style::default()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cells = usize::from(inner.width);
    let para_width = app
        .list()
        .items
        .iter()
        .filter_map(|&location| app.dataset().get(location))
        .map(|recommendation| recommendation.para.to_string().len())
        .max()
        .unwrap_or(0);
    let item_height = crate::layout::list_item_height(inner);
    let rows = (inner.y..inner.bottom()).step_by(usize::from(item_height));
    for (index, y) in (app.list().scroll.offset..app.list().items.len()).zip(rows) {
        let location = app.list().items[index];
        let Some(recommendation) = app.dataset().get(location) else {
            continue;
        };
        let (words, style) = if recommendation.is_not_addressed() {
            (&SafeText::new(NOT_ADDRESSED_LABEL), theme.not_addressed())
        } else {
            (app.opening(location), theme.plain())
        };
        let number = format!("¶ {:>para_width$} ", recommendation.para);
        let indent = width(&number);
        // Two rows: the opening words wrapped once, the rest of them cut on the second row.
        let marks = marks::marks(app, recommendation.para);
        let mark_cells = if marks.is_empty() {
            0
        } else {
            width(&marks) + 1
        };
        // Pieces of safe text, cut to fit: checked again, without a copy.
        let (first, second) = if item_height > 1 {
            // The first row leaves room for the marks at its right (` ★✎`).
            let room = cells.saturating_sub(indent + mark_cells).max(1);
            let (line, more) = split_first_line(words, room);
            let more = SafeText::line(clip(more, cells.saturating_sub(indent)));
            (SafeText::line(line), Some(more))
        } else {
            (words.clone(), None)
        };
        let selected = index == app.list().scroll.selected;
        let marks = Some(Span::styled(marks, theme.key())).filter(|span| span.width() > 0);
        let mut lines = vec![row(
            vec![
                Span::styled(number, theme.heading()),
                safe_span(&first, style),
            ],
            marks,
            cells,
        )];
        let place_only = place_only_mark(app, location, *theme);
        if let Some(second) = second {
            lines.push(row(
                vec![Span::raw(" ".repeat(indent)), safe_span(&second, style)],
                place_only,
                cells,
            ));
        } else if let Some(mark) = place_only {
            // One row: the mark goes after the number, where the cut words cannot hide it.
            lines[0].spans.insert(1, Span::raw(" "));
            lines[0].spans.insert(1, mark);
        }
        for (line, y) in lines.into_iter().zip(y..inner.bottom()) {
            let line = if selected {
                line.style(theme.selected(focused))
            } else {
                line
            };
            frame.render_widget(
                line,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            );
        }
    }
}

/// `(place only)` for a response a mission's list holds only for naming its place.
fn place_only_mark(app: &App, location: Location, theme: Theme) -> Option<Span<'static>> {
    app.is_place_only(location)
        .then(|| Span::styled(PLACE_ONLY_LABEL, theme.muted()))
}

/// The section heading or the mission's acronym and place, then the position in the list
/// (`VIII. Safety and security · 3/22`); the numeral or acronym alone when the heading does
/// not fit in `cells`, so the position stays in view.
fn title(app: &App, cells: usize) -> SafeText {
    if let Some(title) = list_title(app) {
        return SafeText::line(clip(&title, cells));
    }
    let (long, short) = match app.list().source {
        Source::Section(s) => app
            .dataset()
            .sections
            .get(s)
            .map_or_else(Default::default, |section| {
                (SafeText::line(section.heading()), section.number.to_line())
            }),
        Source::Mission(m) => {
            app.dataset()
                .missions
                .get(m)
                .map_or_else(Default::default, |mission| {
                    (
                        safe_format!("{} · {}", mission.acronym, mission.location),
                        mission.acronym.to_line(),
                    )
                })
        }
        Source::Bookmarks | Source::Cell { .. } | Source::Document(_) => Default::default(),
    };
    let position = if app.list().items.is_empty() {
        String::new()
    } else {
        format!(
            " · {}/{}",
            app.list().scroll.selected + 1,
            app.list().items.len()
        )
    };
    [long, short]
        .into_iter()
        .map(|name| safe_format!(" {name}{position} "))
        .find(|title| width(title) <= cells)
        .unwrap_or_else(|| SafeText::line(clip(position.trim_start_matches(" · "), cells)))
}

/// What the list shows, for the sources that are not a section or a mission: `Bookmarks`,
/// `MINUSMA × VII`,
/// `S/RES/2589 (2021)`.
pub fn source_label(app: &App) -> Option<SafeText> {
    match app.list().source {
        Source::Bookmarks => Some(SafeText::new("Bookmarks")),
        Source::Cell { row, col } => {
            let mission = app.matrix().rows.get(row)?;
            let section = app.matrix().sections.get(col)?;
            Some(safe_format!("{} × {}", mission.acronym, section))
        }
        Source::Document(d) => Some(app.references().get(d)?.symbol.to_line()),
        Source::Section(_) | Source::Mission(_) => None,
    }
}

/// The list's title for the sources that are not a section or a mission.
pub fn list_title(app: &App) -> Option<SafeText> {
    let label = source_label(app)?;
    Some(match app.list().source {
        Source::Bookmarks => {
            let (bookmarks, notes) = marks::counts(app);
            safe_format!(" {label} · {BOOKMARK} {bookmarks} {NOTE} {notes} ")
        }
        _ => safe_format!(" {label} · {} ", app.list().items.len()),
    })
}
