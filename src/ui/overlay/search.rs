//! The `/` overlay: the query, the number of hits, and the results, each as `¶ 165 · VIII.
//! Safety and security` over the sentence that matched best, clipped around the match, with
//! the matched characters highlighted; a partial hit says what it lacks (`(missing: targets)`),
//! one found by forgiving a typo `(approximate)`. An empty query shows the query syntax; no
//! results, how many responses have the words of a quoted phrase the report does not hold.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::overlay::SearchPicker;
use crate::app::{Chooser, Context};
use crate::dataset::Dataset;
use crate::layout;
use crate::sanitize::for_line;
use crate::search::{Hit, Snippet};
use crate::series::recommendations::RecommendationIndex;
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

pub fn render(frame: &mut Frame, picker: &SearchPicker, context: &Context, theme: &Theme) {
    let search = picker.results();
    let parts = layout::search_box(context.area);
    if parts.frame.is_empty() {
        return;
    }
    let position = (!search.items.is_empty())
        .then(|| format!("{}/{}", search.scroll.selected + 1, search.items.len()));
    let title = title(picker, context);
    overlay::render_frame(frame, &parts, &title, position, theme);
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
        let mut lines = vec![
            Line::from(vec![
                Span::raw(" No response matches “"),
                Span::raw(for_line(search.query().trim()).into_owned()),
                Span::raw("”."),
            ])
            .style(theme.muted()),
        ];
        lines.extend(phrase_lines(picker.phrase_counts(), *theme));
        overlay::render_hint(frame, parts.list, &lines);
        return;
    }
    let rows = layout::result_height(parts.list);
    let cells = usize::from(parts.list.width);
    let items = search.items.iter().enumerate().skip(search.scroll.offset);
    let tops = (parts.list.y..parts.list.bottom()).step_by(usize::from(rows));
    // Only whole results: a heading without its snippet would read as a result of its own.
    let tops = tops.filter(|&y| y + rows <= parts.list.bottom());
    for ((index, hit), y) in items.zip(tops) {
        // A hit of another report names it.
        let report = if picker.all_reports() {
            Some(
                picker
                    .origin(index)
                    .and_then(|r| context.reports.get(r))
                    .map_or(context.dataset, |r| &*r.dataset),
            )
        } else {
            None
        };
        // A hit in the Committee's recommendation says so.
        let recommendation = picker.recommendation_of(index, context);
        let lines = if rows == 2 {
            vec![
                heading(context, report, recommendation, hit, cells, *theme),
                snippet_line(hit, cells, "   ", *theme),
            ]
        } else {
            vec![one_line(
                context,
                report,
                recommendation,
                hit,
                cells,
                *theme,
            )]
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

/// What is searched, and the keys that change it: `Search this report · Ctrl-t: every
/// report`, with ` and recommendations` and `Ctrl-r` when the Committee's report is known.
fn title(picker: &SearchPicker, context: &Context) -> String {
    let several = context.reports.len() > 1;
    let mut title = match (several, picker.all_reports()) {
        (false, _) => "Search",
        (true, false) => "Search this report",
        (true, true) => "Search every report",
    }
    .to_string();
    if picker.recommendations() {
        title.push_str(" and recommendations");
    }
    if several {
        title.push_str(if picker.all_reports() {
            " · Ctrl-t: this one"
        } else {
            " · Ctrl-t: every report"
        });
    }
    if context.committee.is_some() {
        title.push_str(if picker.recommendations() {
            " · Ctrl-r: responses only"
        } else {
            " · Ctrl-r: recommendations too"
        });
    }
    title
}

/// ` ¶ 165 · VIII. Safety and security`
/// In a search of every report, ` A/77/999/Add.1 ¶ 1165 · VIII. Safety and security`.
/// A hit in the Committee's recommendation: ` ¶ 37 recommendation A/75/19 · B. Conduct …`.
fn heading(
    context: &Context,
    report: Option<&Dataset>,
    recommendation: Option<&RecommendationIndex>,
    hit: &Hit,
    cells: usize,
    theme: Theme,
) -> Line<'static> {
    let section = recommendation
        .map(RecommendationIndex::dataset)
        .or(report)
        .unwrap_or(context.dataset)
        .sections
        .get(hit.location.section)
        .map_or(String::new(), |section| {
            for_line(&section.heading()).into_owned()
        });
    let mut spans = report_span(report, theme);
    spans.extend([
        Span::styled(format!(" ¶ {}", hit.para), theme.heading()),
        own_marks(context, report, hit, theme),
    ]);
    spans.extend(recommendation_mark(recommendation, true, theme));
    spans.extend(partial_marks(hit, theme));
    spans.push(Span::styled(format!(" · {section}"), theme.section()));
    row(spans, why(hit, theme), cells)
}

/// ` recommendation A/75/19` (` rec.` on one row) after the paragraph number of a hit in the
/// Committee's recommendation; nothing for a hit in a response.
fn recommendation_mark(
    recommendation: Option<&RecommendationIndex>,
    long: bool,
    theme: Theme,
) -> Option<Span<'static>> {
    recommendation.map(|index| {
        let text = if long {
            format!(" recommendation {}", for_line(index.symbol()))
        } else {
            " rec.".to_string()
        };
        Span::styled(text, theme.recommendation())
    })
}

/// What a hit lacks, after its paragraph number: ` (missing: targets)` for a partial hit,
/// ` (approximate)` for one found only by forgiving a typo; nothing for an exact full hit.
fn partial_marks(hit: &Hit, theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if !hit.missing.is_empty() {
        let missing = for_line(&hit.missing.join(", ")).into_owned();
        spans.push(Span::styled(
            format!(" (missing: {missing})"),
            theme.muted(),
        ));
    }
    if hit.approximate {
        spans.push(Span::styled(" (approximate)", theme.muted()));
    }
    spans
}

/// Under "No response matches": for each quoted phrase the report does not hold, how many
/// responses have all its words.
fn phrase_lines(counts: &[(String, usize)], theme: Theme) -> Vec<Line<'static>> {
    counts
        .iter()
        .map(|(phrase, count)| {
            let have = if *count == 1 {
                "response has"
            } else {
                "responses have"
            };
            let phrase = for_line(phrase);
            Line::styled(
                format!(" {count} {have} all the words of “{phrase}”."),
                theme.muted(),
            )
        })
        .collect()
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
fn one_line(
    context: &Context,
    report: Option<&Dataset>,
    recommendation: Option<&RecommendationIndex>,
    hit: &Hit,
    cells: usize,
    theme: Theme,
) -> Line<'static> {
    let label = format!(" ¶ {}", hit.para);
    let mut spans = report_span(report, theme);
    spans.extend([
        Span::styled(label, theme.heading()),
        own_marks(context, report, hit, theme),
    ]);
    spans.extend(recommendation_mark(recommendation, false, theme));
    spans.extend(partial_marks(hit, theme));
    spans.push(Span::styled(" ", theme.heading()));
    let used: usize = spans.iter().map(Span::width).sum();
    let room = cells.saturating_sub(used + 1);
    spans.extend(snippet_spans(&hit.snippet, room, theme));
    row(spans, None, cells)
}

/// The bookmark and note marks of a hit of the open report (those of another report's are
/// not loaded).
fn own_marks(
    context: &Context,
    report: Option<&Dataset>,
    hit: &Hit,
    theme: Theme,
) -> Span<'static> {
    match report {
        Some(dataset) if !std::ptr::eq(dataset, context.dataset) => Span::raw(""),
        _ => marks(context, hit, theme),
    }
}

/// The report a hit is in, in a search of every report (` A/77/999/Add.1`); nothing otherwise.
fn report_span(report: Option<&Dataset>, theme: Theme) -> Vec<Span<'static>> {
    report
        .map(|dataset| {
            Span::styled(
                format!(" {}", dataset.document.symbol.one_line()),
                theme.title(),
            )
        })
        .into_iter()
        .collect()
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
            " Search the responses: all words, then most.",
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
