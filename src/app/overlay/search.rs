//! The `/` overlay: a query, its ranked results as you type, and the search history
//! (`Alt-↑` an older query, `Alt-↓` a newer one and, past the newest, what was being typed).
//!
//! Drawn as the query, the number of hits, and the results, each as `¶ 165 · VIII. Safety and
//! security` over the sentence that matched best, clipped around the match, with the matched
//! characters highlighted; a partial hit says what it lacks (`(missing: targets)`), one found
//! by forgiving a typo `(approximate)`. An empty query shows the query syntax; no results, how
//! many responses have the words of a quoted phrase the report does not hold.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Action, Component, Context};
use crate::app::WHEEL_LINES;
use crate::app::finding::Found;
use crate::app::{Chooser, Prompt};
use crate::command::{Command, Edit, Keymap};
use crate::dataset::Dataset;
use crate::layout;
use crate::paint::{Theme, map_ranges, marked_spans, prompt_box, row, safe_line, safe_span};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::{Hit, SearchIndex, Snippet};
use crate::series::recommendations::{FoundIn, RecommendationIndex, merged_order};

/// Results asked of the search engine: more than the report has recommendations, so the count
/// shown is the real one.
pub const SEARCH_LIMIT: usize = 1000;

/// Characters accepted in a search or picker query: more than any real query, and a bound on
/// the work one keystroke can cause.
pub const QUERY_CHARS: usize = 200;

/// The search: a query and its results, and where it is in the search history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPicker {
    results: Chooser<Hit>,
    recall: Recall,
    /// Whether every report of the library is searched (Ctrl-t), not only the open one.
    all_reports: bool,
    /// The report of each result: an index into [`Context::reports`], `None` for the open
    /// report.
    origins: Vec<Option<usize>>,
    /// Whether the Special Committee's recommendations are searched too (Ctrl-r).
    recommendations: bool,
    /// Where each result was found: in a response, or in the Committee's recommendation
    /// it answers (its location is then in [`RecommendationIndex::dataset`]).
    found_in: Vec<FoundIn>,
    /// When nothing matches: each quoted phrase the report does not hold, and how many
    /// responses have all its words.
    phrase_counts: Vec<(String, usize)>,
}

impl SearchPicker {
    /// The search as it opens: the last search, its cursor at the end, if there was one. A
    /// mission pick opens the search for the mission's acronym, typed as a user could type it
    /// (a dataset's acronym may hold anything).
    pub fn open(last: Option<&Found>, index: &SearchIndex) -> SearchPicker {
        let results = match last {
            Some(found) if found.mission.is_some() => {
                let query: String = found
                    .query
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(QUERY_CHARS)
                    .collect();
                let hits = index.search(&query, SEARCH_LIMIT);
                Chooser::new(Prompt::from(query.as_str()), hits)
            }
            Some(found) => {
                let mut results =
                    Chooser::new(Prompt::from(found.query.as_str()), found.hits.clone());
                results.scroll.selected = found.chosen;
                results
            }
            None => Chooser::default(),
        };
        let origins = vec![None; results.items.len()];
        let found_in = vec![FoundIn::Response; results.items.len()];
        SearchPicker {
            results,
            recall: Recall::default(),
            all_reports: false,
            origins,
            recommendations: false,
            found_in,
            phrase_counts: Vec::new(),
        }
    }

    /// Whether every report of the library is searched.
    pub fn all_reports(&self) -> bool {
        self.all_reports
    }

    /// The report of result `index`: an index into [`Context::reports`], `None` for the open
    /// report.
    pub fn origin(&self, index: usize) -> Option<usize> {
        self.origins.get(index).copied().flatten()
    }

    /// Whether the Committee's recommendations are searched too.
    pub fn recommendations(&self) -> bool {
        self.recommendations
    }

    /// The Committee's recommendations result `index` was found in, when it was found in one
    /// rather than in a response: what its location and highlights refer to.
    pub fn recommendation_of<'a>(
        &self,
        index: usize,
        context: &Context<'a>,
    ) -> Option<&'a RecommendationIndex> {
        if self.found_in.get(index) != Some(&FoundIn::Recommendation) {
            return None;
        }
        match self.origin(index) {
            None => context.recommendations,
            Some(report) => context
                .report_recommendations
                .get(report)
                .and_then(Option::as_deref),
        }
    }

    /// Runs the query again (on the open report, or on every report; on their responses, or
    /// on those and the Committee's recommendations they answer) and shows its results.
    fn search(&mut self, context: &Context) {
        let query = self.results.query();
        let mut hits: Vec<(Option<usize>, FoundIn, Hit)> = Vec::new();
        let mut add = |report: Option<usize>, found_in: FoundIn, found: Vec<Hit>| {
            hits.extend(found.into_iter().map(|hit| (report, found_in, hit)));
        };
        add(
            None,
            FoundIn::Response,
            context.index.search(query, SEARCH_LIMIT),
        );
        if self.recommendations
            && let Some(index) = context.recommendations
        {
            add(
                None,
                FoundIn::Recommendation,
                index.search(query, SEARCH_LIMIT),
            );
        }
        if self.all_reports {
            for (report, index) in context.report_indexes.iter().enumerate() {
                if let Some(index) = index {
                    add(
                        Some(report),
                        FoundIn::Response,
                        index.search(query, SEARCH_LIMIT),
                    );
                }
            }
            if self.recommendations {
                for (report, index) in context.report_recommendations.iter().enumerate() {
                    if let Some(index) = index {
                        let found = index.search(query, SEARCH_LIMIT);
                        add(Some(report), FoundIn::Recommendation, found);
                    }
                }
            }
        }
        let report_order = |report: &Option<usize>| report.map_or(0, |r| r + 1);
        if self.recommendations {
            // Full hits first, best first; on a tie a response, then the open report, then
            // the reports newest first.
            hits.sort_by_key(|(report, found_in, hit)| {
                (merged_order(hit, *found_in), report_order(report))
            });
        } else if self.all_reports {
            // Best first; between equal scores the open report, then the reports newest first.
            hits.sort_by_key(|(report, _, hit)| {
                (std::cmp::Reverse(hit.score), report_order(report))
            });
        }
        hits.truncate(SEARCH_LIMIT);
        let mut origins = Vec::with_capacity(hits.len());
        let mut found_in = Vec::with_capacity(hits.len());
        let hits: Vec<Hit> = hits
            .into_iter()
            .map(|(report, kind, hit)| {
                origins.push(report);
                found_in.push(kind);
                hit
            })
            .collect();
        self.phrase_counts = if hits.is_empty() {
            context.index.phrase_words_counts(query)
        } else {
            Vec::new()
        };
        self.origins = origins;
        self.found_in = found_in;
        self.results.replace_items(hits);
    }

    /// For a query with no results: each quoted phrase the report does not hold, and how many
    /// responses have all its words (in any order).
    pub fn phrase_counts(&self) -> &[(String, usize)] {
        &self.phrase_counts
    }

    /// The query and its results.
    pub fn results(&self) -> &Chooser<Hit> {
        &self.results
    }

    /// Enter (or a click on the chosen result): the result opens at its first hit, the query
    /// goes into the search history. A hit in a Committee's recommendation opens the response
    /// to its paragraph with the recommendation unfolded.
    fn open_result(&self) -> Action {
        let Some(chosen_hit) = self.results.selected() else {
            return Action::Stay;
        };
        let (location, para) = (chosen_hit.location, chosen_hit.para);
        let selected = self.results.scroll.selected;
        let origin = self.origin(selected);
        let in_recommendation = self.found_in.get(selected) == Some(&FoundIn::Recommendation);
        // The response hits of the chosen result's report: `n` and `N` go through those.
        let mine: Vec<usize> = (0..self.results.items.len())
            .filter(|&i| {
                self.origin(i) == origin && self.found_in.get(i) != Some(&FoundIn::Recommendation)
            })
            .collect();
        let chosen = mine
            .iter()
            .position(|&i| i == selected)
            .or_else(|| {
                // A recommendation: the response to its paragraph, if the search found it.
                mine.iter()
                    .position(|&i| self.results.items.get(i).is_some_and(|h| h.para == para))
            })
            .unwrap_or(0);
        let hits = mine
            .into_iter()
            .filter_map(|i| self.results.items.get(i).cloned())
            .collect();
        let found = Found {
            query: self.results.query().to_string(),
            hits,
            chosen,
            current: None,
            mission: None,
        };
        match origin {
            _ if in_recommendation => Action::then(move |app| {
                app.open_found_recommendation(origin, found, para);
            }),
            Some(report) => {
                Action::then(move |app| app.open_found_in_report(report, found, location))
            }
            None => Action::then(move |app| app.open_found(found, location)),
        }
    }

    /// A click: on a result, select it (open it, when it is already selected); outside the
    /// box, close it.
    fn click(&mut self, column: u16, row: u16, area: ratatui::layout::Rect) -> Action {
        let parts = layout::search_box(area);
        let position = ratatui::layout::Position::new(column, row);
        if !parts.frame.contains(position) {
            return Action::Close;
        }
        if !parts.list.contains(position) {
            return Action::Stay;
        }
        let rows_per_item = layout::result_height(parts.list).max(1);
        let row = usize::from((row - parts.list.y) / rows_per_item);
        let Some(index) = self.results.scroll.row_at(row, self.results.items.len()) else {
            return Action::Stay;
        };
        if index == self.results.scroll.selected {
            return self.open_result();
        }
        self.results.select(index, layout::search_page(area));
        Action::Stay
    }
}

impl Component for SearchPicker {
    const KEYMAP: Keymap = Keymap::Search;

    fn text_input(&mut self) -> Option<super::TextInput<'_>> {
        Some(super::TextInput {
            prompt: &mut self.results.prompt,
            limit: QUERY_CHARS,
            accepts: |_| true,
        })
    }

    fn handle(&mut self, command: Command, context: &Context) -> Action {
        let page = layout::search_page(context.area).max(1);
        match command {
            // Backspace on an empty prompt closes it.
            Command::Edit(Edit::DeleteBack) if self.results.prompt.is_empty() => {
                return Action::Close;
            }
            Command::Edit(edit) => {
                if self.results.prompt.edit(edit, QUERY_CHARS, |_| true) {
                    self.recall.reset();
                    self.search(context);
                }
            }
            Command::RecallOlder | Command::RecallNewer => {
                let older = command == Command::RecallOlder;
                if let Some(text) = self
                    .recall
                    .step(context.queries, older, self.results.query())
                {
                    self.results.prompt = Prompt::from(text.as_str());
                    self.search(context);
                }
            }
            Command::OpenResult => return self.open_result(),
            Command::ToggleAllReports => {
                if context.library_pending {
                    return Action::Say(
                        "Still reading the library's reports: try again in a moment".into(),
                    );
                }
                if context.reports.len() < 2 {
                    return Action::Say(
                        "Only this report in the library: c34 add adds another".into(),
                    );
                }
                self.all_reports = !self.all_reports;
                self.search(context);
            }
            Command::ToggleRecommendations => {
                if context.committee.is_none() {
                    return Action::Say(
                        "No report of the Special Committee for this report in the library: \
                         c34 add adds it"
                            .into(),
                    );
                }
                self.recommendations = !self.recommendations;
                self.search(context);
            }
            Command::Close => return Action::Close,
            Command::Click { column, row } => return self.click(column, row, context.area),
            Command::WheelUp { .. } => self.results.wheel(false, WHEEL_LINES, page),
            Command::WheelDown { .. } => self.results.wheel(true, WHEEL_LINES, page),
            _ => {
                if let Some(motion) = command.motion() {
                    self.results.apply(motion, 1, page);
                }
            }
        }
        Action::Stay
    }

    fn settle(&mut self, context: &Context) {
        self.results
            .settle(layout::search_page(context.area).max(1));
    }

    fn draw(&self, frame: &mut Frame, context: &Context, theme: &Theme) {
        let search = self.results();
        let parts = layout::search_box(context.area);
        if parts.frame.is_empty() {
            return;
        }
        let position = (!search.items.is_empty())
            .then(|| format!("{}/{}", search.scroll.selected + 1, search.items.len()));
        let title = title(self, context);
        prompt_box::render_frame(frame, &parts, &SafeText::new(&title), position, theme);
        prompt_box::render_query(
            frame,
            parts.query,
            "/ ",
            (
                &SafeText::line(search.prompt.value()),
                search.prompt.cursor(),
            ),
            &count(search),
            theme,
        );
        if search.query().trim().is_empty() {
            prompt_box::render_hint(frame, parts.list, &syntax_lines(*theme));
            return;
        }
        if search.items.is_empty() {
            let mut lines = vec![
                Line::from(vec![
                    Span::raw(" No response matches “"),
                    safe_span(&SafeText::line(search.query().trim()), Style::default()),
                    Span::raw("”."),
                ])
                .style(theme.muted()),
            ];
            lines.extend(phrase_lines(self.phrase_counts(), *theme));
            prompt_box::render_hint(frame, parts.list, &lines);
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
            let report = if self.all_reports() {
                Some(
                    self.origin(index)
                        .and_then(|r| context.reports.get(r))
                        .map_or(context.dataset, |r| &*r.dataset),
                )
            } else {
                None
            };
            // A hit in the Committee's recommendation says so.
            let recommendation = self.recommendation_of(index, context);
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
}

/// Where the prompt is in the search history while recalling: the entry shown, and the text
/// typed before recalling began.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Recall {
    browsing: Option<(usize, String)>,
}

impl Recall {
    /// Forgets where the prompt was (an edit).
    fn reset(&mut self) {
        self.browsing = None;
    }

    /// The text one step older (`older`) or newer in `queries` (oldest first), given the
    /// prompt's text now; `None` when there is nowhere to go.
    fn step(&mut self, queries: &[SafeText], older: bool, typed: &str) -> Option<String> {
        let last = queries.len().checked_sub(1)?;
        let next = match (&self.browsing, older) {
            (None, true) => Some(last),
            // Nothing newer than the draft, nothing older than the oldest.
            (None, false) | (Some((0, _)), true) => return None,
            (Some((index, _)), true) => Some(index - 1),
            (Some((index, _)), false) if *index < last => Some(index + 1),
            (Some(_), false) => None,
        };
        match next {
            Some(index) => {
                let draft = match self.browsing.take() {
                    Some((_, draft)) => draft,
                    None => typed.to_string(),
                };
                self.browsing = Some((index, draft));
                // The query as shown: history is made safe as it is read.
                queries.get(index).map(|query| query.as_str().to_string())
            }
            // Past the newest: back to what was typed.
            None => self.browsing.take().map(|(_, draft)| draft),
        }
    }
}

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
        .map_or(String::new(), crate::dataset::Section::heading);
    let mut spans = report_span(report, theme);
    spans.extend([
        Span::styled(format!(" ¶ {}", hit.para), theme.heading()),
        own_marks(context, report, hit, theme),
    ]);
    spans.extend(recommendation_mark(recommendation, true, theme));
    spans.extend(partial_marks(hit, theme));
    spans.push(safe_span(&safe_format!(" · {section}"), theme.section()));
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
            safe_format!(" recommendation {}", index.symbol())
        } else {
            SafeText::new(" rec.")
        };
        safe_span(&text, theme.recommendation())
    })
}

/// What a hit lacks, after its paragraph number: ` (missing: targets)` for a partial hit,
/// ` (approximate)` for one found only by forgiving a typo; nothing for an exact full hit.
fn partial_marks(hit: &Hit, theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if !hit.missing.is_empty() {
        spans.push(safe_span(
            &safe_format!(" (missing: {})", hit.missing.join(", ")),
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
            safe_line(
                &safe_format!(" {count} {have} all the words of “{phrase}”."),
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
        safe_span(&safe_format!("{} ", labels.join(" · ")), style)
    })
}

/// The snippet after `indent`, clipped to the row around its first highlight.
fn snippet_line(hit: &Hit, cells: usize, indent: &str, theme: Theme) -> Line<'static> {
    let room = cells.saturating_sub(crate::paint::width(indent) + 1);
    let mut spans = vec![Span::raw(indent.to_string())];
    spans.extend(snippet_spans(&hit.snippet, room, theme));
    row(spans, None, cells)
}

/// ` ★✎` after a result's paragraph, as lists mark what the user keeps; empty without.
fn marks(context: &Context, hit: &Hit, theme: Theme) -> Span<'static> {
    let marks = crate::paint::marks::of(context.annotations.get(&hit.para));
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
    let text = SafeText::line(snippet.text.as_str());
    let safe = Snippet {
        highlights: map_ranges(&snippet.text, &text, &snippet.highlights),
        text: text.to_string(),
    };
    let clipped = safe.clip(cells);
    marked_spans(
        // Safe text cut and an ellipsis: nothing to change, so no copy.
        &SafeText::line(clipped.text),
        &clipped.highlights,
        theme.plain(),
        theme.matched(),
    )
}

/// The hint shown for an empty query.
fn syntax_lines(theme: Theme) -> Vec<Line<'static>> {
    let example_width = SYNTAX
        .iter()
        .map(|(example, _)| crate::paint::width(example))
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
                format!(" {}", crate::paint::fit(example, example_width)),
                theme.key(),
            ),
            Span::styled(format!("  {meaning}"), theme.muted()),
        ]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recalling_walks_back_and_returns_to_the_draft() {
        let queries = vec![SafeText::new("mali"), SafeText::new("unmiss")];
        let mut recall = Recall::default();
        assert_eq!(
            recall.step(&queries, false, "pea"),
            None,
            "nothing newer than the draft"
        );
        assert_eq!(
            recall.step(&queries, true, "pea").as_deref(),
            Some("unmiss")
        );
        assert_eq!(
            recall.step(&queries, true, "unmiss").as_deref(),
            Some("mali")
        );
        assert_eq!(
            recall.step(&queries, true, "mali"),
            None,
            "the oldest stays"
        );
        assert_eq!(recall.browsing.as_ref().map(|(index, _)| *index), Some(0));
        assert_eq!(
            recall.step(&queries, false, "mali").as_deref(),
            Some("unmiss")
        );
        assert_eq!(
            recall.step(&queries, false, "unmiss").as_deref(),
            Some("pea"),
            "the draft"
        );
        assert_eq!(recall.browsing.as_ref().map(|(index, _)| *index), None);
        let mut empty = Recall::default();
        assert_eq!(empty.step(&[], true, "x"), None);
    }
}
