//! `search` and `missions`.
//!
//! `search` prints one hit per line: the paragraph number, the section numeral, the missions
//! of the query the response names (and how), for a partial hit the terms it lacks
//! (`(missing: targets)`), `(approximate)` for a hit found by forgiving a typo, and the best
//! sentence, clipped to the terminal's
//! width (or `$COLUMNS`, or 80 when piped) around a match, with the matches in bold on a
//! terminal (not with `NO_COLOR`). `--json` prints the hits with their scores, missions,
//! `matched` and `missing` terms, `approximate` flag and highlight ranges in **character** offsets (Unicode scalar values, end exclusive), as JSON
//! readers in other languages index strings; `--format markdown` prints each response whole
//! under a heading that cites it. Text prints the first 20 hits unless `--limit` says otherwise;
//! JSON and Markdown print every hit unless it does. When the limit cuts the list, a line on
//! standard error says so. Exit status 1 when nothing matches; for a quoted phrase the report
//! does not hold, the message says how many responses have all its words.

use std::cmp::Reverse;
use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use c34::dataset::{Dataset, Mission, Recommendation};
use c34::missions;
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::search::{Hit, MissionMatch, SearchIndex, Snippet, mission_labels};
use c34::series::recommendations::{FoundIn, RecommendationIndex, merged_order};

use super::data::{markdown_line, write_header, write_markdown_heading, write_row};
use super::output::{hanging, output_width, screen_width, write_json};
use super::overview::MissionsFormat;
use super::{Failure, Outcome, warn};

/// How matches stand out on a terminal.
const MATCH: anstyle::Style = anstyle::Style::new().bold();

/// How `c34 search` prints its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum SearchFormat {
    /// One line per hit
    Text,
    /// The hits with scores, missions and highlight ranges
    Json,
    /// Each response whole, under a heading that cites it
    Markdown,
}

/// How many hits the text format prints unless `--limit` says otherwise.
const TEXT_LIMIT: usize = 20;

/// `c34 search`.
#[derive(Debug, clap::Args)]
pub(super) struct SearchArgs {
    /// The query; missions match by acronym, name or place
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Print at most this many hits (at least 1). Without it, text prints the first 20
    /// (and says on standard error how many there were); json and markdown print every hit
    #[arg(long, value_name = "N", value_parser = super::output::positive_count)]
    limit: Option<usize>,
    /// Print the hits as JSON, with highlight ranges (same as --format json)
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Print one line per hit, JSON, or each response whole as Markdown
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    format: SearchFormat,
    /// Search every report c34 has; each hit names its report
    #[arg(long)]
    pub(super) all_reports: bool,
    /// Search the Special Committee's recommendations the responses answer too (their
    /// report added with `c34 add`); a hit in one is marked `[recommendation A/NN/19 ¶ N]`,
    /// in JSON `"in": "recommendation"` with the `"committee"` report's symbol
    #[arg(long)]
    pub(super) recommendations: bool,
}

impl SearchArgs {
    /// The query's words as one query.
    pub(super) fn query(&self) -> String {
        self.query.join(" ")
    }

    /// `--format`, or JSON for `--json`.
    pub(super) fn format(&self) -> SearchFormat {
        if self.json {
            SearchFormat::Json
        } else {
            self.format
        }
    }

    /// `--limit`, or else: text is read on a screen, the first few and a note of the rest; a
    /// script reading JSON (or a Markdown briefing) gets every hit unless it asks for fewer.
    pub(super) fn limit(&self) -> usize {
        self.limit.unwrap_or(match self.format() {
            SearchFormat::Text => TEXT_LIMIT,
            SearchFormat::Json | SearchFormat::Markdown => usize::MAX,
        })
    }
}

/// `c34 search`: loads the index from the cache (`c34::cache`) or builds it, checks the missions of the dataset read from `check` (a
/// `--data` file) with the keys the index found, then searches.
pub(super) fn run(
    dataset: &mut Dataset,
    check: Option<&std::path::Path>,
    args: &SearchArgs,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let cache = c34::cache::Cache::open_default();
    let (index, key, built) = c34::cache::index_in(&cache, dataset);
    if let Some(path) = check {
        super::library::check_missions(dataset, index.mentioned_missions(), path)?;
    }
    let outcome = search(dataset, &index, args, out)?;
    if built {
        // The answer first, then the cache (best effort; the next search loads it).
        out.flush()?;
        cache.store_index(key, &index);
        cache.store_missions(key, &index.mentioned_missions());
    }
    // The process ends next: freeing the index piece by piece would only cost time.
    std::mem::forget(index);
    Ok(outcome)
}

fn search(
    dataset: &Dataset,
    index: &SearchIndex,
    args: &SearchArgs,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let query = &args.query();
    let format = args.format();
    let recommendations = args.recommendations;
    let limit = args.limit();
    let (hits, mut total) = index.search_counted(query, limit);
    let phrases = |total: usize| {
        if total == 0 {
            index.phrase_words_counts(query)
        } else {
            Vec::new()
        }
    };
    if recommendations {
        let committee = committee_index(dataset);
        let mut found: Vec<Found> = hits
            .into_iter()
            .map(|hit| Found::response(dataset, hit))
            .collect();
        if let Some(committee) = &committee {
            let (hits, count) = committee.search_counted(query, limit);
            total += count;
            found.extend(
                hits.into_iter()
                    .map(|hit| Found::recommendation(dataset, committee, hit)),
            );
        }
        found.sort_by_key(Found::order);
        found.truncate(limit);
        write_found(&found, format, false, out)?;
        return finish(query, &phrases(total), found.len(), total, out);
    }
    match format {
        SearchFormat::Json => {
            let records: Vec<JsonHit> = hits.iter().map(|hit| json_hit(dataset, hit)).collect();
            write_json(out, &records)?;
        }
        SearchFormat::Markdown => {
            for (i, hit) in hits.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                write_markdown(dataset, hit, out)?;
            }
        }
        SearchFormat::Text => {
            let width = screen_width();
            for hit in &hits {
                write_hit(dataset, hit, &SafeText::default(), width, out)?;
            }
        }
    }
    finish(query, &phrases(total), hits.len(), total, out)
}

/// The index of the Special Committee's recommendations `dataset` answers, if the library
/// keeps that report; when it does not, standard error says so and only responses are
/// searched.
pub(super) fn committee_index(dataset: &Dataset) -> Option<RecommendationIndex> {
    let Some(committee) = super::recommendation::committee_of(dataset) else {
        warn(&safe_format!(
            "{}: the library has no report {} of the Special Committee (c34 add it); its \
             recommendations are not searched",
            dataset.document.symbol.one_line(),
            dataset.document.responds_to.one_line()
        ));
        return None;
    };
    Some(RecommendationIndex::new(&committee, dataset))
}

/// A hit of `search --recommendations`: in a response of a report, or in the Committee's
/// recommendation one of its responses answers.
pub(super) struct Found<'a> {
    /// The report whose paragraph it is.
    report: &'a Dataset,
    /// The recommendations searched, for a hit in one.
    committee: Option<&'a RecommendationIndex>,
    hit: Hit,
    /// The order of the report in a search of every report (0 for the only one).
    rank: usize,
}

impl<'a> Found<'a> {
    pub(super) fn response(report: &'a Dataset, hit: Hit) -> Found<'a> {
        Found {
            report,
            committee: None,
            hit,
            rank: 0,
        }
    }

    pub(super) fn recommendation(
        report: &'a Dataset,
        committee: &'a RecommendationIndex,
        hit: Hit,
    ) -> Found<'a> {
        Found {
            report,
            committee: Some(committee),
            hit,
            rank: 0,
        }
    }

    /// The hit of the report listed `rank`th in a search of every report.
    pub(super) fn ranked(self, rank: usize) -> Found<'a> {
        Found { rank, ..self }
    }

    fn found_in(&self) -> FoundIn {
        if self.committee.is_some() {
            FoundIn::Recommendation
        } else {
            FoundIn::Response
        }
    }

    /// Best first (see [`merged_order`]); between equals the report listed first.
    pub(super) fn order(&self) -> ((Reverse<bool>, Reverse<u32>, FoundIn), usize) {
        (merged_order(&self.hit, self.found_in()), self.rank)
    }

    /// The dataset the hit's location and highlights refer to.
    fn text(&self) -> &'a Dataset {
        self.committee
            .map_or(self.report, RecommendationIndex::dataset)
    }

    /// `[recommendation A/75/19 ¶ 37] ` before a recommendation's snippet; empty for a response.
    fn marker(&self) -> SafeText {
        self.committee.map_or(SafeText::default(), |committee| {
            safe_format!(
                "[recommendation {} ¶ {}] ",
                committee.symbol(),
                self.hit.para
            )
        })
    }
}

/// The hits of `search --recommendations`: each line of text marks a recommendation
/// (`[recommendation A/75/19 ¶ 37]`); each JSON record says where it was found (`"in"`), the
/// report's `"symbol"` and, for a recommendation, the `"committee"` report's; `symbols` puts
/// the report's symbol before each line of text (a search of every report).
pub(super) fn write_found(
    found: &[Found],
    format: SearchFormat,
    symbols: bool,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    match format {
        SearchFormat::Json => {
            let records: Vec<MarkedHit> = found
                .iter()
                .map(|found| MarkedHit {
                    found_in: found.found_in(),
                    symbol: found.report.document.symbol.as_str(),
                    committee: found.committee.map(RecommendationIndex::symbol),
                    hit: json_hit(found.text(), &found.hit),
                })
                .collect();
            write_json(out, &records)?;
        }
        SearchFormat::Markdown => {
            for (i, found) in found.iter().enumerate() {
                if i > 0 {
                    out.blank()?;
                }
                match found.committee {
                    None => write_markdown(found.report, &found.hit, out)?,
                    Some(committee) => {
                        write_markdown_recommendation(found.report, committee, &found.hit, out)?;
                    }
                }
            }
        }
        SearchFormat::Text => {
            let labels: Vec<SafeText> = found
                .iter()
                .map(|f| {
                    if symbols {
                        f.report.document.symbol.to_line()
                    } else {
                        SafeText::default()
                    }
                })
                .collect();
            let column = labels
                .iter()
                .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
                .max()
                .unwrap_or(0);
            let width = if symbols {
                screen_width().saturating_sub(column + 2)
            } else {
                screen_width()
            };
            for (found, label) in found.iter().zip(&labels) {
                if symbols {
                    let pad = column - unicode_width::UnicodeWidthStr::width(label.as_str());
                    out.text(&safe_format!("{label}{:pad$}  ", ""))?;
                }
                write_hit(found.text(), &found.hit, &found.marker(), width, out)?;
            }
        }
    }
    Ok(())
}

/// A record of `search --recommendations --json`: where the hit is, then the hit as `search`
/// prints it (for a recommendation, `section` is the Committee's lettered section and
/// `highlights` index the paragraphs of its text).
#[derive(Serialize)]
struct MarkedHit<'a> {
    #[serde(rename = "in")]
    found_in: FoundIn,
    /// The report whose paragraph it is.
    symbol: &'a str,
    /// The Special Committee's report, for a hit in a recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    committee: Option<&'a str>,
    #[serde(flatten)]
    hit: JsonHit,
}

/// Exit 1 when nothing matched (`phrases`: each quoted phrase of the query with how many
/// responses have all its words); a line on standard error when `--limit` cut the list.
pub(super) fn finish(
    query: &str,
    phrases: &[(String, usize)],
    shown: usize,
    total: usize,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    if total == 0 {
        // A quoted phrase the text does not hold: say how many responses have its words.
        let phrase_notes: Vec<String> = phrases
            .iter()
            .map(|(phrase, count)| {
                let responses = if *count == 1 {
                    "response has"
                } else {
                    "responses have"
                };
                format!(
                    "; {count} {responses} all the words of \"{}\"",
                    SafeText::new(phrase.as_str()).one_line()
                )
            })
            .collect();
        // The query as typed, made safe where it enters the message.
        let query = SafeText::new(format!("{query:?}"));
        return Ok(Outcome::NotFound(format!(
            "no recommendation matches {}{}",
            query.one_line(),
            phrase_notes.concat()
        )));
    }
    if shown < total {
        // On standard error, so that a pipe reads only hits.
        out.flush()?;
        let _ = Printer::new(std::io::stderr().lock()).line(&safe_format!(
            "{shown} of {total} shown; --limit {total} for all"
        ));
    }
    Ok(Outcome::Done)
}

pub(super) fn missions(
    dataset: &Dataset,
    format: MissionsFormat,
    out: &mut Printer<impl Write>,
) -> Result<Outcome, Failure> {
    let is_partner = |mission: &Mission| {
        missions::entry(&mission.acronym).is_some_and(missions::Entry::is_partner)
    };
    match format {
        MissionsFormat::Json => {
            let records: Vec<JsonMission> = dataset
                .missions
                .iter()
                .map(|mission| JsonMission {
                    mission,
                    partner: is_partner(mission),
                })
                .collect();
            write_json(out, &records)?;
        }
        MissionsFormat::Csv => {
            let mut writer = out.csv();
            let header = [
                "acronym",
                "name",
                "location",
                "partner",
                "responses",
                "paras",
            ];
            write_header(&mut writer, header)?;
            for mission in &dataset.missions {
                let paras: Vec<String> = mission.paras.iter().map(u32::to_string).collect();
                write_row(
                    &mut writer,
                    [
                        &mission.acronym.to_line(),
                        &mission.name.to_line(),
                        &mission.location.to_line(),
                        &SafeText::new(if is_partner(mission) { "true" } else { "false" }),
                        &safe_format!("{}", mission.paras.len()),
                        &SafeText::line(paras.join(" ")),
                    ],
                )?;
            }
            writer.flush()?;
        }
        MissionsFormat::Text => {
            let width = output_width(None);
            let (partners, own): (Vec<&Mission>, Vec<&Mission>) =
                dataset.missions.iter().partition(|m| is_partner(m));
            for mission in own {
                write_mission(mission, width, out)?;
            }
            if !partners.is_empty() {
                out.blank()?;
                out.line(&SafeText::new("Partner operations"))?;
                for mission in partners {
                    write_mission(mission, width, out)?;
                }
            }
        }
    }
    if dataset.missions.is_empty() {
        return Ok(Outcome::NotFound("the dataset names no missions".into()));
    }
    Ok(Outcome::Done)
}

/// `MINUSMA  United Nations … in Mali (Mali)`, then `    19 paras: 45 46 …`, each wrapped to
/// `width` with a hanging indent.
fn write_mission(
    mission: &Mission,
    width: usize,
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    let heading = safe_format!(
        "{}  {} ({})",
        mission.acronym.one_line(),
        mission.name.one_line(),
        mission.location.one_line()
    );
    let paras: Vec<String> = mission.paras.iter().map(u32::to_string).collect();
    let count = match mission.paras.len() {
        1 => "1 para".to_string(),
        n => format!("{n} paras"),
    };
    let paras = safe_format!("{count}: {}", paras.join(" "));
    for line in hanging(&heading, width, "", "    ")
        .into_iter()
        .chain(hanging(&paras, width, "    ", "        "))
    {
        out.line(&line)?;
    }
    Ok(())
}

/// A mission of `c34 missions --json`: the dataset's record, and `"partner": true` for a
/// partner's operation.
#[derive(Serialize)]
struct JsonMission<'a> {
    #[serde(flatten)]
    mission: &'a Mission,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partner: bool,
}

/// The heading every markdown response has (`write_markdown_heading`), then the response's
/// paragraphs with the matches in bold.
pub(super) fn write_markdown(
    dataset: &Dataset,
    hit: &Hit,
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    write_markdown_heading(dataset, hit.para, out)?;
    write_marked_paragraphs(dataset.get(hit.location), hit, out)
}

/// Each paragraph of the text a hit found, after a blank line, its matches in bold.
fn write_marked_paragraphs(
    text: Option<&Recommendation>,
    hit: &Hit,
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    let Some(recommendation) = text else {
        return Ok(());
    };
    for (i, paragraph) in recommendation.paragraphs.iter().enumerate() {
        let marked = Snippet {
            text: paragraph.to_string(),
            highlights: hit
                .highlights
                .iter()
                .filter(|h| h.paragraph == i)
                .map(|h| h.range.clone())
                .collect(),
        };
        out.blank()?;
        out.line(&marked_text(&sanitized(&marked), "**"))?;
    }
    Ok(())
}

/// `## Recommendation A/75/19, para. 37 · B. Conduct …`, the response that answers it, then the
/// recommendation's paragraphs with the matches in bold.
fn write_markdown_recommendation(
    report: &Dataset,
    committee: &RecommendationIndex,
    hit: &Hit,
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    let section = committee
        .dataset()
        .sections
        .get(hit.location.section)
        .map(|section| format!(" · {}", section.heading()))
        .unwrap_or_default();
    let heading = safe_format!(
        "Recommendation {}, para. {}{section}",
        committee.symbol(),
        hit.para
    );
    out.line(&markdown_line("## ", &heading))?;
    out.blank()?;
    out.line(&markdown_line(
        "Answered in ",
        &SafeText::line(report.document.citation(hit.para)),
    ))?;
    write_marked_paragraphs(committee.text(hit.location), hit, out)
}

/// The snippet's text (made safe: see [`sanitized`]) with each highlight between two `mark`s.
fn marked_text(snippet: &Snippet, mark: &'static str) -> SafeText {
    let text = SafeText::line(snippet.text.as_str());
    let mut line = SafeText::default();
    let mut at = 0;
    for range in &snippet.highlights {
        let (Some(before), Some(marked)) = (text.slice(at..range.start), text.slice(range.clone()))
        else {
            continue;
        };
        line.push(&before);
        line.push_literal(mark);
        line.push(&marked);
        line.push_literal(mark);
        at = range.end;
    }
    if let Some(rest) = text.slice(at..text.len()) {
        line.push(&rest);
    }
    line
}

/// `para  section  marker[missions] snippet` (`marker` a recommendation's label, or empty),
/// the snippet clipped to what is left of the line
/// around a match.
pub(super) fn write_hit(
    dataset: &Dataset,
    hit: &Hit,
    marker: &SafeText,
    width: usize,
    out: &mut Printer<impl Write>,
) -> std::io::Result<()> {
    let section = dataset
        .sections
        .get(hit.location.section)
        .map_or(SafeText::default(), |s| s.number.to_line());
    let mut prefix = safe_format!("{:>4}  {:<5} ", hit.para, section);
    prefix.push(marker);
    if !hit.missions.is_empty() {
        let labels = mission_labels(&hit.missions);
        prefix.push(&safe_format!("[{}] ", labels.join(", ")));
    }
    if !hit.missing.is_empty() {
        prefix.push(&safe_format!("(missing: {}) ", hit.missing.join(", ")));
    }
    if hit.approximate {
        prefix.push_literal("(approximate) ");
    }
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(prefix.as_str()));
    let snippet = focused_clip(&sanitized(&hit.snippet), room.max(10));
    // Bold matches; the output stream drops the style when colour is off. The snippet is
    // safe already (`sanitized`), so making it `SafeText` leaves its ranges where they are.
    out.text(&prefix)?;
    out.marked_line(
        &SafeText::line(snippet.text.as_str()),
        &snippet.highlights,
        MATCH,
    )
}

/// The snippet clipped to `width` around the first highlight that fits, or around the end of
/// the first one (a mission's long name ends with the words typed: "…in the Central African
/// Republic"), so that the line shows a match rather than only the opening of one.
fn focused_clip(snippet: &Snippet, width: usize) -> Snippet {
    if snippet.width() <= width || snippet.highlights.is_empty() {
        return snippet.clip(width);
    }
    let cells = |range: &Range<usize>| {
        snippet
            .text
            .get(range.clone())
            .map_or(0, unicode_width::UnicodeWidthStr::width)
    };
    let budget = width.saturating_sub(10).max(width / 2);
    let focus = snippet
        .highlights
        .iter()
        .find(|h| cells(h) <= budget)
        .cloned()
        .or_else(|| {
            // The tail of the first highlight, cut at a word start, that fits half the width.
            let first = snippet.highlights.first()?;
            let text = snippet.text.get(first.clone())?;
            let start = text
                .char_indices()
                .filter(|&(i, _)| i == 0 || text[..i].ends_with(' '))
                .map(|(i, _)| i)
                .find(|&i| unicode_width::UnicodeWidthStr::width(&text[i..]) <= width / 2)?;
            Some(first.start + start..first.end)
        });
    let Some(focus) = focus else {
        return snippet.clip(width);
    };
    // Clip with the focus first, then restore the highlights' reading order.
    let mut reordered = snippet.clone();
    reordered.highlights.retain(|h| *h != focus);
    reordered.highlights.insert(0, focus);
    let mut clipped = reordered.clip(width);
    clipped.highlights.sort_by_key(|h| h.start);
    // A tail focus overlaps the highlight it came from: merge what overlaps.
    clipped.highlights.dedup_by(|next, kept| {
        let overlaps = next.start < kept.end;
        if overlaps {
            kept.end = kept.end.max(next.end);
        }
        overlaps
    });
    clipped
}

/// The snippet made safe on one line ([`SafeText::line`]: one character for one), and the
/// highlight byte ranges moved to match.
fn sanitized(snippet: &Snippet) -> Snippet {
    let safe = SafeText::line(snippet.text.as_str());
    if safe.as_str() == snippet.text {
        return snippet.clone();
    }
    // new_offset[i] = where byte i of the old text starts in the new one.
    let mut new_offset = vec![0; snippet.text.len() + 1];
    for ((old, _), (new, _)) in snippet.text.char_indices().zip(safe.char_indices()) {
        new_offset[old] = new;
    }
    new_offset[snippet.text.len()] = safe.len();
    let highlights = snippet
        .highlights
        .iter()
        .map(|r| new_offset[r.start]..new_offset[r.end])
        .collect();
    Snippet {
        text: safe.as_str().to_string(),
        highlights,
    }
}

#[derive(Serialize)]
pub(super) struct JsonHit {
    para: u32,
    section: String,
    score: u32,
    /// The query's missions this response names: `{"acronym", "by"}`, `by` one of
    /// `acronym`, `name`, `place`.
    missions: Vec<MissionMatch>,
    /// The query's terms the response has, as typed.
    matched: Vec<String>,
    /// The terms it lacks: empty but for a partial hit (after every full one).
    missing: Vec<String>,
    /// A term matched only by forgiving a typo.
    approximate: bool,
    snippet: JsonSnippet,
    /// Character ranges in `paragraphs[paragraph]` of the recommendation.
    highlights: Vec<JsonHighlight>,
}

#[derive(Serialize)]
struct JsonSnippet {
    text: String,
    /// Character ranges in `text`.
    highlights: Vec<Range<usize>>,
}

#[derive(Serialize)]
struct JsonHighlight {
    paragraph: usize,
    start: usize,
    end: usize,
}

pub(super) fn json_hit(dataset: &Dataset, hit: &Hit) -> JsonHit {
    let section = dataset
        .sections
        .get(hit.location.section)
        .map_or(String::new(), c34::dataset::Section::heading);
    let paragraphs = dataset.get(hit.location).map(|r| r.paragraphs.as_slice());
    let highlights = hit
        .highlights
        .iter()
        .filter_map(|h| {
            let text = paragraphs?.get(h.paragraph)?;
            let chars = char_range(text, &h.range)?;
            Some(JsonHighlight {
                paragraph: h.paragraph,
                start: chars.start,
                end: chars.end,
            })
        })
        .collect();
    JsonHit {
        para: hit.para,
        section,
        score: hit.score,
        missions: hit.missions.clone(),
        matched: hit.matched.clone(),
        missing: hit.missing.clone(),
        approximate: hit.approximate,
        snippet: JsonSnippet {
            text: hit.snippet.text.clone(),
            highlights: hit
                .snippet
                .highlights
                .iter()
                .filter_map(|r| char_range(&hit.snippet.text, r))
                .collect(),
        },
        highlights,
    }
}

/// A byte range of `text` as a character range.
fn char_range(text: &str, bytes: &Range<usize>) -> Option<Range<usize>> {
    let start = text.get(..bytes.start)?.chars().count();
    let len = text.get(bytes.clone())?.chars().count();
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use c34::sanitize::is_unsafe;

    #[test]
    fn char_ranges_count_characters() {
        let text = "“Silencing” of the Guns";
        let start = text.find("of").unwrap();
        assert_eq!(char_range(text, &(start..start + 2)), Some(12..14));
        assert_eq!(char_range(text, &(1..2)), None);
    }

    #[test]
    fn a_long_first_highlight_shows_its_end() {
        let text = "Support to the United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic continued in 2021.";
        let start = text.find("United").unwrap();
        let end = text.find(" continued").unwrap();
        let snippet = Snippet {
            text: text.into(),
            highlights: std::iter::once(start..end).collect(),
        };
        let clipped = focused_clip(&snippet, 50);
        assert!(clipped.width() <= 50);
        assert!(
            clipped.text.contains("Central African Republic"),
            "{}",
            clipped.text
        );
        assert!(clipped.highlighted().concat().ends_with("Republic"));
    }

    #[test]
    fn a_highlight_that_fits_is_preferred_to_a_long_first_one() {
        let text = format!(
            "{} and then the word Mali at the end of it all.",
            "long ".repeat(30)
        );
        let snippet = Snippet {
            highlights: vec![
                0..100,
                text.find("Mali").unwrap()..text.find("Mali").unwrap() + 4,
            ],
            text,
        };
        let clipped = focused_clip(&snippet, 40);
        assert!(
            clipped.highlighted().contains(&"Mali"),
            "{:?}",
            clipped.text
        );
    }

    #[test]
    fn sanitising_moves_highlights_with_the_text() {
        let snippet = Snippet {
            text: "a\u{1b}]52 Mali\tend".into(),
            highlights: std::iter::once(6..10).collect(),
        };
        let clean = sanitized(&snippet);
        assert!(!clean.text.chars().any(is_unsafe));
        assert_eq!(clean.highlighted(), ["Mali"]);
    }
}
