//! The middle pane: the recommendations of the selected section or mission, `¶ 37` and the
//! first words of each response; those "not addressed to the Secretariat" are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, clip, first_words, keep, row};
use crate::app::{App, Pane, Source};
use crate::sanitize::for_line;

/// What the list shows for a response the Secretariat does not act on.
pub const NOT_ADDRESSED_LABEL: &str = "· not addressed to the Secretariat";

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::List;
    let title = clip(&title(app), usize::from(rect.width.saturating_sub(2)));
    let block = theme.block(focused).title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cells = usize::from(inner.width);
    let para_width = app
        .list
        .items
        .iter()
        .filter_map(|&location| app.dataset.get(location))
        .map(|recommendation| recommendation.para.to_string().len())
        .max()
        .unwrap_or(0);
    for (index, y) in (app.list.scroll.offset..app.list.items.len()).zip(inner.y..inner.bottom()) {
        let Some(recommendation) = app.dataset.get(app.list.items[index]) else {
            continue;
        };
        let (words, style) = if recommendation.is_not_addressed() {
            (NOT_ADDRESSED_LABEL.to_string(), theme.not_addressed())
        } else {
            let words = recommendation
                .paragraphs
                .first()
                .map_or(String::new(), |p| first_words(p));
            (words, theme.plain())
        };
        let marks = keep::marks(app, recommendation.para);
        let marks = Some(Span::styled(marks, theme.key())).filter(|span| span.width() > 0);
        let mut line = row(
            vec![
                Span::styled(
                    format!("¶ {:>para_width$} ", recommendation.para),
                    theme.heading(),
                ),
                Span::styled(words, style),
            ],
            marks,
            cells,
        );
        if index == app.list.scroll.selected {
            line = line.style(theme.selected(focused));
        }
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

/// The section heading or the mission's acronym and place.
fn title(app: &App) -> String {
    if let Some(title) = keep::list_title(app) {
        return title;
    }
    match app.list.source {
        Source::Section(s) => app
            .dataset
            .sections
            .get(s)
            .map_or(String::new(), |section| {
                format!(" {} ", for_line(&section.heading()))
            }),
        Source::Mission(m) => app
            .dataset
            .missions
            .get(m)
            .map_or(String::new(), |mission| {
                format!(
                    " {} · {} ",
                    for_line(&mission.acronym),
                    for_line(&mission.location)
                )
            }),
        Source::Bookmarks | Source::Cell { .. } | Source::Document(_) => String::new(),
    }
}
