//! The other reports of the series in the browser: the reports the library holds (the `R`
//! picker opens one, the app being made again on its dataset), the Special Committee's
//! recommendation above the response (folded to a few lines, `r` or Enter unfolds it), and
//! the most similar response in each other report (the header lists them, `c` compares).
//!
//! Everything here comes in as plain data when the app is made ([`Series`]): the event loop
//! reads the library, the state never reads a file. Similarity indexes of the other reports
//! (and their search indexes, for a search of every report) are built by a worker after the
//! first frame ([`App::series_builder`]), or by the first use when no worker builds them; the
//! comparisons of a response once per response, not per frame.

use std::sync::{Arc, OnceLock};

use super::reader::{ReaderLayout, ReaderLine, wrapped};
use super::{App, Effect};
use crate::dataset::{Dataset, Location};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::SearchIndex;
use crate::series::committee::{CommitteeRecommendation, CommitteeReport};
use crate::series::compare::{Comparison, ResponseIndex, compare_with};
use crate::series::recommendations::RecommendationIndex;
use crate::text::wrap;

/// Lines of the Committee's recommendation shown while it is folded.
pub const FOLDED_LINES: usize = 3;

/// A report the browser can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    pub dataset: Arc<Dataset>,
    /// `embedded` or `added`, as `c34 reports` says.
    pub source: String,
}

impl ReportEntry {
    pub fn new(dataset: Dataset, source: &str) -> ReportEntry {
        ReportEntry {
            dataset: Arc::new(dataset),
            source: source.to_string(),
        }
    }

    pub fn symbol(&self) -> &str {
        &self.dataset.document.symbol
    }

    pub fn date(&self) -> &str {
        &self.dataset.document.date
    }

    /// How many recommendations the report answers.
    pub fn recommendations(&self) -> usize {
        self.dataset.recommendations().count()
    }
}

/// What the browser knows of the series besides the open report: every report of the library
/// (newest first, the open one among them) and the Special Committee's reports.
#[derive(Debug, Clone, Default)]
pub struct Series {
    pub reports: Vec<ReportEntry>,
    pub committees: Vec<Arc<CommitteeReport>>,
}

/// The app's share of the series: what it was given, and what it computed from it.
#[derive(Debug, Clone, Default)]
pub(super) struct SeriesState {
    pub(super) series: Series,
    /// The Committee's report the open report responds to, if the library has it.
    pub(super) committee: Option<Arc<CommitteeReport>>,
    /// Whether the Committee's recommendation is shown whole.
    pub(super) unfolded: bool,
    /// Whether the first frame is out ([`crate::command::Command::Idle`]): responses are
    /// compared from then on, so many reports do not slow the first frame.
    pub(super) started: bool,
    /// The similarity index of each report of `series.reports`: built by the worker
    /// ([`App::series_builder`]) or on first use, shared with the worker.
    pub(super) indexes: Vec<Arc<OnceLock<Arc<ResponseIndex>>>>,
    /// The search index of each report of `series.reports` but the open one as the search
    /// reads it: taken from `built_search_indexes` the first time the search is asked to
    /// search every report.
    pub(super) search_indexes: Vec<Option<Arc<SearchIndex>>>,
    /// The same search indexes as the worker builds them (or the first search, waiting for it).
    pub(super) built_search_indexes: Vec<Arc<OnceLock<Arc<SearchIndex>>>>,
    /// The search indexes of the Committee's recommendations, built the first time the
    /// search is asked to include them (Ctrl-r).
    pub(super) recommendations: Option<RecommendationIndexes>,
    /// Whether a worker was handed the building of the indexes: until it is done the
    /// responses are not compared (the event loop sends `Idle` again when it is).
    pub(super) worker: bool,
    /// The comparisons of the response at this place, most similar first.
    pub(super) comparisons: Option<(Location, Arc<Vec<Comparison>>)>,
    /// Whether the library's reports are in yet (they are read after the first frame): until
    /// they come, the picker and the search of every report say so instead of "only this
    /// report".
    pub(super) library: Library,
}

/// Whether the library's reports are in [`SeriesState::series`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Library {
    /// They are, or none are coming.
    #[default]
    Read,
    /// A worker is reading them; they come as [`super::Outcome::Library`].
    Reading,
}

impl SeriesState {
    pub(super) fn new(dataset: &Dataset, series: Series) -> SeriesState {
        let committee = series
            .committees
            .iter()
            .find(|committee| same_symbol(&committee.symbol, &dataset.document.responds_to))
            .cloned();
        SeriesState {
            indexes: cells(series.reports.len()),
            search_indexes: vec![None; series.reports.len()],
            built_search_indexes: cells(series.reports.len()),
            recommendations: None,
            worker: false,
            series,
            committee,
            unfolded: false,
            started: false,
            comparisons: None,
            library: Library::Read,
        }
    }
}

/// The search indexes of the Committee's recommendations the reports answer.
#[derive(Debug, Clone, Default)]
pub(super) struct RecommendationIndexes {
    /// The open report's; `None` when the library lacks its Committee report.
    pub(super) open: Option<Arc<RecommendationIndex>>,
    /// Each report's of `series.reports` (`None` for the open report, which is `open`).
    pub(super) reports: Vec<Option<Arc<RecommendationIndex>>>,
}

/// `n` empty cells, each its own (not `vec![…; n]`, which would share one).
fn cells<T>(n: usize) -> Vec<Arc<OnceLock<T>>> {
    (0..n).map(|_| Arc::new(OnceLock::new())).collect()
}

impl App {
    /// The work of building the other reports' similarity indexes, then their search
    /// indexes, to run on another thread after the first frame (after
    /// [`super::Outcome::Library`]). Until it is done the reader's header lists no similar
    /// responses; a search of every report asked for sooner waits for it (or builds what it
    /// has not started). Running it after the indexes are built does nothing.
    pub fn series_builder(&mut self) -> impl FnOnce() + Send + 'static {
        self.series.worker = true;
        let open = self.dataset.document.symbol.clone();
        let work: Vec<_> = self
            .series
            .series
            .reports
            .iter()
            .zip(&self.series.indexes)
            .zip(&self.series.built_search_indexes)
            .filter(|((report, _), _)| !same_symbol(report.symbol(), &open))
            .map(|((report, index), search)| {
                (
                    Arc::clone(&report.dataset),
                    Arc::clone(index),
                    Arc::clone(search),
                )
            })
            .collect();
        move || {
            for (dataset, index, _) in &work {
                index.get_or_init(|| Arc::new(ResponseIndex::new(dataset)));
            }
            for (dataset, _, search) in &work {
                search.get_or_init(|| Arc::new(SearchIndex::new(dataset)));
            }
        }
    }

    /// The library's reports are being read, and will come as [`super::Outcome::Library`].
    pub fn expect_library(&mut self) {
        self.series.library = Library::Reading;
    }

    /// True from [`App::expect_library`] until the library's reports have come.
    pub fn library_pending(&self) -> bool {
        self.series.library == Library::Reading
    }

    /// No worker builds the indexes after all (no thread could be started): the next
    /// comparison builds them.
    pub fn forget_series_worker(&mut self) {
        self.series.worker = false;
    }

    /// True while a worker builds the other reports' similarity indexes (the responses are
    /// compared once it is done).
    pub fn series_pending(&self) -> bool {
        self.series.worker && !self.other_indexes_ready()
    }

    /// Whether the similarity index of every other report is built.
    fn other_indexes_ready(&self) -> bool {
        let open = &self.dataset.document.symbol;
        self.series
            .series
            .reports
            .iter()
            .zip(&self.series.indexes)
            .all(|(report, index)| same_symbol(report.symbol(), open) || index.get().is_some())
    }

    /// Every report the browser can open, newest first.
    pub fn reports(&self) -> &[ReportEntry] {
        &self.series.series.reports
    }

    /// The Special Committee's report the open report responds to, if the library has it.
    pub fn committee(&self) -> Option<&CommitteeReport> {
        self.series.committee.as_deref()
    }

    /// The Committee's recommendation the open response answers.
    pub fn committee_recommendation(&self) -> Option<CommitteeRecommendation> {
        let (_, recommendation) = self.current()?;
        self.committee()?.recommendation(recommendation.para)
    }

    /// Whether the Committee's recommendation is shown whole.
    pub fn recommendation_unfolded(&self) -> bool {
        self.series.unfolded
    }

    /// Folds or unfolds the Committee's recommendation (`r`, Enter in the reader).
    pub(super) fn toggle_recommendation(&mut self) {
        if self.committee_recommendation().is_none() {
            self.message = Some(match self.committee() {
                None => "No report of the Special Committee for this report in the library".into(),
                Some(committee) => {
                    safe_format!("{} has no paragraph for this response", committee.symbol)
                }
            });
            return;
        }
        self.series.unfolded = !self.series.unfolded;
    }

    /// The most similar response in each other report, most similar first (computed once
    /// per response).
    pub fn comparisons(&self) -> &[Comparison] {
        match (&self.series.comparisons, self.current()) {
            (Some((at, comparisons)), Some((location, _))) if *at == location => comparisons,
            _ => &[],
        }
    }

    /// Builds the search index of every report but the open one, if not built yet.
    pub(super) fn build_search_indexes(&mut self) {
        for ((report, index), built) in self
            .series
            .series
            .reports
            .iter()
            .zip(&mut self.series.search_indexes)
            .zip(&self.series.built_search_indexes)
        {
            if index.is_none() && !same_symbol(report.symbol(), &self.dataset.document.symbol) {
                // Waits for the worker if it is building this one.
                let built = built.get_or_init(|| Arc::new(SearchIndex::new(&report.dataset)));
                *index = Some(Arc::clone(built));
            }
        }
    }

    /// Builds the search indexes of the Committee's recommendations the open report and each
    /// other report answer, if not built yet (the search asked to include them).
    pub(super) fn build_recommendation_indexes(&mut self) {
        let built = self.series.recommendations.get_or_insert_with(|| {
            let open = self
                .series
                .committee
                .as_deref()
                .map(|committee| Arc::new(RecommendationIndex::new(committee, &self.dataset)));
            RecommendationIndexes {
                open,
                reports: Vec::new(),
            }
        });
        let reports = &self.series.series.reports;
        built.reports.resize(reports.len(), None);
        for (report, index) in reports.iter().zip(&mut built.reports) {
            if index.is_some() || same_symbol(report.symbol(), &self.dataset.document.symbol) {
                continue;
            }
            *index = self
                .series
                .series
                .committees
                .iter()
                .find(|c| same_symbol(&c.symbol, &report.dataset.document.responds_to))
                .map(|committee| Arc::new(RecommendationIndex::new(committee, &report.dataset)));
        }
    }

    /// Whether the search index of the Committee's recommendations the open report answers
    /// is built (not before the search is asked to include them).
    pub fn recommendation_index_built(&self) -> bool {
        self.recommendation_index().is_some()
    }

    /// The search index of the Committee's recommendations the open report answers, once
    /// built.
    pub(super) fn recommendation_index(&self) -> Option<&RecommendationIndex> {
        self.series.recommendations.as_ref()?.open.as_deref()
    }

    /// The same for each report of [`App::reports`] (none for the open report).
    pub(super) fn report_recommendation_indexes(&self) -> &[Option<Arc<RecommendationIndex>>] {
        self.series
            .recommendations
            .as_ref()
            .map_or(&[], |built| built.reports.as_slice())
    }

    /// Opens a search hit in a Committee's recommendation: the response to its paragraph in
    /// the report at `report` of [`App::reports`] (`None`: the open one) with the
    /// recommendation unfolded above it, shown from the top; `found` (the responses the
    /// search found in that report) stays for `n`/`N`.
    pub(super) fn open_found_recommendation(
        &mut self,
        report: Option<usize>,
        found: super::Found,
        para: u32,
    ) {
        if let Some(report) = report {
            self.open_report(report);
        }
        let Some(location) = self.dataset.find(para) else {
            self.message = Some(SafeText::line(self.dataset.no_response_message(para)));
            return;
        };
        self.series.unfolded = true;
        self.open_found(found, location);
        // The recommendation is what was found: it is at the top, above the response.
        self.reader.scroll = 0;
        self.settle();
    }

    /// How many other reports' search indexes are built (none until a search of every report).
    pub fn search_indexes_built(&self) -> usize {
        self.series
            .search_indexes
            .iter()
            .filter(|index| index.is_some())
            .count()
    }

    /// Opens the report at `index` of [`App::reports`], then the search `found` of it at
    /// `location` (a hit of a search of every report).
    pub(super) fn open_found_in_report(
        &mut self,
        index: usize,
        found: super::Found,
        location: Location,
    ) {
        self.open_report(index);
        self.open_found(found, location);
    }

    /// The library's reports, read after the first frame ([`super::Outcome::Library`]): the
    /// picker lists them, the comparisons and the search of every report use them.
    pub(super) fn set_reports(&mut self, reports: Vec<ReportEntry>) {
        self.series.library = Library::Read;
        self.series.indexes = cells(reports.len());
        self.series.search_indexes = vec![None; reports.len()];
        self.series.built_search_indexes = cells(reports.len());
        self.series.worker = false;
        self.series.comparisons = None;
        self.series.series.reports = reports;
        if let Some(built) = &mut self.series.recommendations {
            // Built for the old list: made again for the new one.
            built.reports.clear();
            self.build_recommendation_indexes();
        }
    }

    /// How many reports' similarity indexes are built (none before the first frame).
    pub fn similarity_indexes_built(&self) -> usize {
        self.series
            .indexes
            .iter()
            .filter(|index| index.get().is_some())
            .count()
    }

    /// Compares the open response with the other reports, if not done for it yet.
    pub(super) fn refresh_comparisons(&mut self) {
        if !self.series.started || self.series.series.reports.len() < 2 || self.series_pending() {
            return;
        }
        let Some((location, recommendation)) = self.current() else {
            self.series.comparisons = None;
            return;
        };
        if self
            .series
            .comparisons
            .as_ref()
            .is_some_and(|(at, _)| *at == location)
        {
            return;
        }
        let para = recommendation.para;
        let mut comparisons = Vec::new();
        for (i, report) in self.series.series.reports.iter().enumerate() {
            if same_symbol(report.symbol(), &self.dataset.document.symbol) {
                continue;
            }
            let index = self.series.indexes[i]
                .get_or_init(|| Arc::new(ResponseIndex::new(&report.dataset)));
            if let Some(comparison) = compare_with(
                &self.dataset,
                para,
                &report.dataset,
                index,
                crate::series::compare::THRESHOLD,
            ) {
                comparisons.push(comparison);
            }
        }
        comparisons.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        self.series.comparisons = Some((location, Arc::new(comparisons)));
    }

    /// Opens the report at `index` of [`App::reports`]: the app is made again on its dataset
    /// (at the same size, with the same search history), and the notes of that report are
    /// asked for.
    pub(super) fn open_report(&mut self, index: usize) {
        let Some(report) = self.series.series.reports.get(index) else {
            return;
        };
        if same_symbol(report.symbol(), &self.dataset.document.symbol) {
            self.message = Some(safe_format!("{} is open", report.symbol()));
            return;
        }
        let dataset = Dataset::clone(&report.dataset);
        let mut series = std::mem::take(&mut self.series);
        // The similarity indexes stay: they do not depend on the report open.
        let indexes = std::mem::take(&mut series.indexes);
        let search_indexes = std::mem::take(&mut series.search_indexes);
        let built_search_indexes = std::mem::take(&mut series.built_search_indexes);
        let mut app = App::with_series(dataset, series.series, self.size, self.color);
        app.series.indexes = indexes;
        app.series.search_indexes = search_indexes;
        app.series.built_search_indexes = built_search_indexes;
        // A worker still building goes on for the old report's others; what this report
        // lacks (the old open report's index) is built on first use.
        app.series.worker = false;
        // The open report is searched with the app's own index.
        if let Some(own) = app.series.search_indexes.get_mut(index) {
            *own = None;
        }
        app.series.started = true;
        app.queries = std::mem::take(&mut self.queries);
        app.message = Some(safe_format!("Opened {}", app.dataset.document.symbol));
        app.effects.push(Effect::OpenedReport);
        app.settle();
        *self = app;
    }

    /// Adds the Committee's recommendation and the similar responses of other reports to the
    /// reader's header, after the heading.
    pub(super) fn add_series_header(&self, layout: &mut ReaderLayout) {
        let width = layout.inputs.width.max(1);
        let mut lines = Vec::new();
        if let Some(recommendation) = self.committee_recommendation() {
            lines.extend(recommendation_lines(
                &recommendation,
                width,
                layout.inputs.recommendation_unfolded,
            ));
        }
        let comparisons = self.comparisons();
        if !comparisons.is_empty() {
            if !lines.is_empty() {
                lines.push(ReaderLine::Blank);
            }
            for comparison in comparisons.iter().take(SIMILAR_IN_HEADER) {
                let text = similar_line(comparison);
                lines.extend(wrapped(&text, width, ReaderLine::Similar));
            }
            let more = comparisons.len().saturating_sub(SIMILAR_IN_HEADER);
            let last = if more == 0 {
                SafeText::new("c compares")
            } else {
                safe_format!("and {more} more · c compares them all")
            };
            lines.extend(wrapped(&last, width, ReaderLine::Similar));
        }
        layout.insert_header(lines);
    }
}

/// The most similar responses the reader's header names, most similar first; the comparison
/// (`c`) shows every report's. With a report a year, ten would push the response itself
/// below the fold of a 24-line terminal.
pub const SIMILAR_IN_HEADER: usize = 3;

/// Whether two document symbols are the same, letter case and spaces aside.
pub fn same_symbol(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// `Similar in A/77/999/Add.1: ¶ 1040 · 83% similar`.
pub fn similar_line(comparison: &Comparison) -> SafeText {
    safe_format!(
        "Similar in {}: ¶ {} · {}% similar",
        comparison.symbol,
        comparison.para,
        percent(comparison.similarity)
    )
}

/// A similarity as a whole percentage.
pub fn percent(similarity: f64) -> u32 {
    // 0..=1 → 0..=100: the cast cannot truncate or lose a sign.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let percent = (similarity.clamp(0.0, 1.0) * 100.0).round() as u32;
    percent
}

/// The Committee's recommendation as the reader shows it: a heading naming it, then its text
/// indented, folded to [`FOLDED_LINES`] with a line saying how to see the rest.
fn recommendation_lines(
    recommendation: &CommitteeRecommendation,
    width: usize,
    unfolded: bool,
) -> Vec<ReaderLine> {
    let heading = safe_format!(
        "Special Committee, {} ¶ {}:",
        recommendation.symbol,
        recommendation.para
    );
    let mut lines: Vec<ReaderLine> = wrapped(&heading, width, ReaderLine::Recommendation).collect();
    let indent = if width > 10 { 2 } else { 0 };
    let mut text = Vec::new();
    for paragraph in &recommendation.text {
        let paragraph = SafeText::line(paragraph.as_str());
        for range in wrap(&paragraph, width - indent) {
            if let Some(piece) = paragraph.slice(range) {
                let mut line = SafeText::line(" ".repeat(indent));
                line.push(&piece);
                text.push(line);
            }
        }
    }
    let hidden = text.len().saturating_sub(FOLDED_LINES);
    let shown = if unfolded || hidden == 0 {
        text.len()
    } else {
        FOLDED_LINES
    };
    lines.extend(text.into_iter().take(shown).map(ReaderLine::Recommendation));
    if hidden > 0 {
        let more = if unfolded {
            "r folds".to_string()
        } else if hidden == 1 {
            "… 1 more line · r unfolds".to_string()
        } else {
            format!("… {hidden} more lines · r unfolds")
        };
        lines.push(ReaderLine::Fold(safe_format!(
            "{}{more}",
            " ".repeat(indent)
        )));
    }
    lines
}
