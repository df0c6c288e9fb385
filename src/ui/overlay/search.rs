//! The `/` overlay: the query, the number of hits, and the results, each as `¶ 165 · VIII.
//! Safety and security` over the sentence that matched best, clipped around the match, with
//! the matched characters highlighted. An empty query shows the query syntax.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::overlay::SearchPicker;
use crate::app::{Chooser, Context};
use crate::layout;
use crate::sanitize::for_line;
use crate::search::{Hit, Snippet};
use crate::ui::overlay;
use crate::ui::{Theme, map_ranges, marked_spans, row};

/// The query syntax, shown while the query is empty: (example, what it finds).
pub const SYNTAX: &[(&str, &str)] = &[
    ("mali", "words or missions; typos forgiven"),
    ("'word", "exactly this word"),
    ("^pre", "words starting with pre"),
    ("!word", "leave out responses with it"),
    ("\"a phrase\"", "these words in this order"),
];

/// `12 hits`, `1 hit`, `no hits`; nothing for an empty query.
pub fn count(search: &Chooser<Hit>) -> String {
    if search.query().trim().is_empty() {
        return String::new();
    }
    match search.items.len() {
        0 => "no hits".into(),
        1 => "1 hit".into(),
        n => format!("{n} hits"),
    }
}

pub fn render(frame: &mut Frame, search: &SearchPicker, context: &Context, theme: &Theme) {
    let search = search.results();
    let parts = layout::search_box(context.area);
    if parts.frame.is_empty() {
        return;
    }
    let position = (!search.items.is_empty())
        .then(|| format!("{}/{}", search.scroll.selected + 1, search.items.len()));
    overlay::render_frame(frame, &parts, "Search", position, theme);
    overlay::render_query(
        frame,
        parts.query,
        "/ ",
        &search.prompt,
        &count(search),
        theme,
    );
    if search.query().trim().is_empty() {
        overlay::render_hint(frame, parts.list, &syntax_lines(*theme));
        return;
    }
    if search.items.is_empty() {
        let line = Line::from(vec![
            Span::raw(" No response matches “"),
            Span::raw(for_line(search.query().trim()).into_owned()),
            Span::raw("”."),
        ])
        .style(theme.muted());
        overlay::render_hint(frame, parts.list, &[line]);
        return;
    }
    let rows = layout::result_height(parts.list);
    let cells = usize::from(parts.list.width);
    let items = search.items.iter().enumerate().skip(search.scroll.offset);
    let tops = (parts.list.y..parts.list.bottom()).step_by(usize::from(rows));
    // Only whole results: a heading without its snippet would read as a result of its own.
    let tops = tops.filter(|&y| y + rows <= parts.list.bottom());
    for ((index, hit), y) in items.zip(tops) {
        let lines = if rows == 2 {
            vec![
                heading(context, hit, cells, *theme),
                snippet_line(hit, cells, "   ", *theme),
            ]
        } else {
            vec![one_line(context, hit, cells, *theme)]
        };
        for (line, y) in lines.into_iter().zip(y..parts.list.bottom()) {
            let line = if index == search.scroll.selected {
                line.style(theme.selected(true))
            } else {
                line
            };
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
}

/// ` ¶ 165 · VIII. Safety and security`
fn heading(context: &Context, hit: &Hit, cells: usize, theme: Theme) -> Line<'static> {
    let section = context
        .dataset
        .sections
        .get(hit.location.section)
        .map_or(String::new(), |section| {
            for_line(&section.heading()).into_owned()
        });
    row(
        vec![
            Span::styled(format!(" ¶ {}", hit.para), theme.heading()),
            marks(context, hit, theme),
            Span::styled(format!(" · {section}"), theme.section()),
        ],
        why(hit, theme),
        cells,
    )
}

/// Why the hit matched the query's missions, at the right of its heading: `MINUSMA`,
/// `MINUSMA (name)`, `Mali (place)`.
fn why(hit: &Hit, theme: Theme) -> Option<Span<'static>> {
    let labels = crate::search::mission_labels(&hit.missions);
    (!labels.is_empty()).then(|| {
        let style = if hit
            .missions
            .iter()
            .any(|m| m.by == crate::search::By::Place)
        {
            theme.muted()
        } else {
            theme.acronym()
        };
        Span::styled(format!("{} ", for_line(&labels.join(" · "))), style)
    })
}

/// The snippet after `indent`, clipped to the row around its first highlight.
fn snippet_line(hit: &Hit, cells: usize, indent: &str, theme: Theme) -> Line<'static> {
    let room = cells.saturating_sub(crate::ui::width(indent) + 1);
    let mut spans = vec![Span::raw(indent.to_string())];
    spans.extend(snippet_spans(&hit.snippet, room, theme));
    row(spans, None, cells)
}

/// ` ★✎` after a result's paragraph, as lists mark what the user keeps; empty without.
fn marks(context: &Context, hit: &Hit, theme: Theme) -> Span<'static> {
    let marks = crate::ui::marks::of(context.annotations.get(&hit.para));
    if marks.is_empty() {
        Span::raw("")
    } else {
        Span::styled(format!(" {marks}"), theme.key())
    }
}

/// ` 165  snippet…` on one row, for short screens.
fn one_line(context: &Context, hit: &Hit, cells: usize, theme: Theme) -> Line<'static> {
    let label = format!(" ¶ {}", hit.para);
    let mark = marks(context, hit, theme);
    let room = cells.saturating_sub(crate::ui::width(&label) + mark.width() + 2);
    let mut spans = vec![
        Span::styled(label, theme.heading()),
        mark,
        Span::styled(" ", theme.heading()),
    ];
    spans.extend(snippet_spans(&hit.snippet, room, theme));
    row(spans, None, cells)
}

/// A snippet made safe to draw, clipped to `cells` around its first highlight, as spans.
pub fn snippet_spans(snippet: &Snippet, cells: usize, theme: Theme) -> Vec<Span<'static>> {
    let text = for_line(&snippet.text);
    let safe = Snippet {
        highlights: map_ranges(&snippet.text, &text, &snippet.highlights),
        text: text.into_owned(),
    };
    let clipped = safe.clip(cells);
    marked_spans(
        &clipped.text,
        &clipped.highlights,
        theme.plain(),
        theme.matched(),
    )
}

/// The hint shown for an empty query.
fn syntax_lines(theme: Theme) -> Vec<Line<'static>> {
    let example_width = SYNTAX
        .iter()
        .map(|(example, _)| crate::ui::width(example))
        .max()
        .unwrap_or(0);
    let mut lines = vec![
        Line::styled(
            " Search the responses: all words must match.",
            theme.muted(),
        ),
        Line::default(),
    ];
    for (example, meaning) in SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {}", crate::ui::fit(example, example_width)),
                theme.key(),
            ),
            Span::styled(format!("  {meaning}"), theme.muted()),
        ]));
    }
    lines
}
