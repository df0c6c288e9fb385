//! The reader's text laid out for a width: computed once per (recommendation, width, search)
//! and kept in the state as plain line ranges and hit lines, so a key that only scrolls does no
//! wrapping, and the renderer only styles the lines it shows.

use std::borrow::Cow;
use std::ops::Range;

use crate::dataset::{Dataset, Location, Mission, roman_value};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::Hit;
use crate::text::{clip, wrap};

/// What the reader's layout depends on: when any of it changes, the layout is made again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderInputs {
    pub location: Option<Location>,
    pub width: usize,
    /// Changes whenever the highlighted search changes.
    pub found_version: u64,
    /// Changes whenever the bookmarks or notes change (the header shows them).
    pub annotations_version: u64,
    /// The cited document whose citations stand out (an index into `App::references`).
    pub cited_document: Option<usize>,
    /// Whether the Special Committee's recommendation is shown whole.
    pub recommendation_unfolded: bool,
    /// Whether the response is compared with the other reports yet (the header lists the
    /// most similar responses once it is).
    pub compared: bool,
}

/// One line of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLine {
    /// `¶ 165 of A/75/19`, wrapped.
    Heading(SafeText),
    /// `VIII. Safety and security`, wrapped.
    Section(SafeText),
    Blank,
    /// A wrapped line of paragraph `paragraph` (an index into [`ReaderLayout::paragraphs`]).
    Text {
        paragraph: usize,
        range: Range<usize>,
    },
    /// What the header remarks about the response (the missions it names, a repeated text),
    /// wrapped.
    Remark(SafeText),
    /// Shown when there is nothing to read.
    Empty(SafeText),
    /// The user's own: `★ bookmarked`, or a wrapped line of their note (the first starts `✎ `).
    Annotation(SafeText),
    /// A wrapped line of the documents the response cites, with their links.
    Cites(SafeText),
    /// A line of the Special Committee's recommendation the response answers (its heading
    /// first).
    Recommendation(SafeText),
    /// How much of the Committee's recommendation is folded away, and the key that unfolds it.
    Fold(SafeText),
    /// The most similar response of another report (`Similar in A/77/…: ¶ 40 · 83% similar`).
    Similar(SafeText),
}

/// A mission the response names, as the reader's header lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedMission {
    pub acronym: String,
    /// Named only by its place (`Mali`), not by acronym or official name.
    pub by_place: bool,
}

/// A response paragraph as drawn, with what stands out in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderParagraph {
    /// The paragraph as drawn (see [`readable`]).
    pub text: SafeText,
    /// Acronyms and document symbols, in order.
    pub marks: Vec<(Range<usize>, Mark)>,
    /// Search hits on `text`, in order, with their index among the response's hits.
    pub hits: Vec<(Range<usize>, usize)>,
}

/// The reader's text for one recommendation at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLayout {
    pub inputs: ReaderInputs,
    pub lines: Vec<ReaderLine>,
    pub paragraphs: Vec<ReaderParagraph>,
    /// The line each search hit starts on, in hit order.
    pub hit_lines: Vec<usize>,
    /// True for a response "not addressed to the Secretariat".
    pub not_addressed: bool,
    /// The missions the response names, in the order first named.
    pub missions: Vec<NamedMission>,
    /// Other paragraphs whose response is word for word this one.
    pub same_as: Vec<u32>,
}

impl ReaderLayout {
    /// Lays out the recommendation at `inputs.location` for `inputs.width` cells: a header
    /// (paragraph of the Special Committee's report and section), a blank line, then the response's
    /// paragraphs separated by blank lines; `hit` holds the search hits to highlight.
    pub fn new(dataset: &Dataset, inputs: ReaderInputs, hit: Option<&Hit>) -> ReaderLayout {
        let width = inputs.width.max(1);
        let mut layout = ReaderLayout {
            inputs,
            lines: Vec::new(),
            paragraphs: Vec::new(),
            hit_lines: Vec::new(),
            not_addressed: false,
            missions: Vec::new(),
            same_as: Vec::new(),
        };
        let Some((location, recommendation)) = inputs
            .location
            .and_then(|location| Some((location, dataset.get(location)?)))
        else {
            layout.lines.push(ReaderLine::Empty(SafeText::line(clip(
                "No recommendations to show.",
                width,
            ))));
            return layout;
        };
        layout.not_addressed = recommendation.is_not_addressed();
        let header = safe_format!(
            "¶ {} of {}",
            recommendation.para,
            dataset.document.responds_to
        );
        layout
            .lines
            .extend(wrapped(&header, width, ReaderLine::Heading));
        if let Some(section) = dataset.sections.get(location.section) {
            let heading = SafeText::line(section.heading());
            layout
                .lines
                .extend(wrapped(&heading, width, ReaderLine::Section));
        }
        layout.missions = named_missions(dataset, &recommendation.paragraphs);
        if !layout.not_addressed {
            layout.same_as = dataset
                .recommendations()
                .filter(|&(other, r)| {
                    other != location && r.paragraphs == recommendation.paragraphs
                })
                .map(|(_, r)| r.para)
                .collect();
        }
        for remark in layout.remarks() {
            layout
                .lines
                .extend(wrapped(&remark, width, ReaderLine::Remark));
        }
        let mut hit_index = 0;
        for (index, paragraph) in recommendation.paragraphs.iter().enumerate() {
            layout.lines.push(ReaderLine::Blank);
            let text = readable(paragraph);
            let marks = highlights(&text, &dataset.missions);
            let raw: Vec<Range<usize>> = hit
                .iter()
                .flat_map(|hit| hit.highlights.iter())
                .filter(|highlight| highlight.paragraph == index)
                .map(|highlight| highlight.range.clone())
                .collect();
            let hits: Vec<(Range<usize>, usize)> = crate::text::map_ranges(paragraph, &text, &raw)
                .into_iter()
                .enumerate()
                .map(|(i, range)| (range, hit_index + i))
                .collect();
            hit_index += raw.len();
            let ranges = wrap(&text, width);
            for (range, _) in &hits {
                let line = ranges
                    .iter()
                    .position(|line| range.start < line.end)
                    .unwrap_or(ranges.len().saturating_sub(1));
                layout.hit_lines.push(layout.lines.len() + line);
            }
            for range in ranges {
                layout.lines.push(ReaderLine::Text {
                    paragraph: layout.paragraphs.len(),
                    range,
                });
            }
            layout.paragraphs.push(ReaderParagraph {
                // Safe text with its tabs expanded: checked again, without a copy.
                text: SafeText::new(text.into_owned()),
                marks,
                hits,
            });
        }
        layout
    }
}

impl ReaderLayout {
    /// The header's remarks: `Missions: UNMOGIP, UNTSO, MINUSMA (place only)`,
    /// `Same text as ¶ 159`.
    pub fn remarks(&self) -> Vec<SafeText> {
        let mut remarks = Vec::new();
        if !self.missions.is_empty() {
            let names: Vec<SafeText> = self
                .missions
                .iter()
                .map(|mission| {
                    let mut name = SafeText::line(mission.acronym.as_str());
                    if mission.by_place {
                        name.push_literal(" (place only)");
                    }
                    name
                })
                .collect();
            let mut remark = SafeText::new("Missions: ");
            remark.push(&SafeText::join(&names, ", "));
            remarks.push(remark);
        }
        if !self.same_as.is_empty() {
            let paras: Vec<String> = self
                .same_as
                .iter()
                .map(|para| format!("¶ {para}"))
                .collect();
            remarks.push(safe_format!("Same text as {}", paras.join(", ")));
        }
        remarks
    }
}

/// The missions `paragraphs` name by acronym or official name, then the United Nations
/// missions they name only by a place, if the report names that mission somewhere and no
/// mission named outright is at that place (a place alone is a weak sign: "Mali" next to
/// MINUSMA says nothing more, and a partner's place is not one of its mentions).
fn named_missions(dataset: &Dataset, paragraphs: &[SafeText]) -> Vec<NamedMission> {
    use crate::missions::{By, Kind, entries};
    let mut found: Vec<(usize, bool)> = Vec::new();
    for paragraph in paragraphs {
        for (mission, by) in crate::missions::gazetteer().named_in(paragraph) {
            let by_place = by == By::Place;
            match found.iter_mut().find(|(m, _)| *m == mission) {
                Some(entry) => entry.1 &= by_place,
                None => found.push((mission, by_place)),
            }
        }
    }
    let entry = |mission: usize| entries().get(mission);
    let named_places: Vec<&str> = found
        .iter()
        .filter(|(_, by_place)| !by_place)
        .filter_map(|&(mission, _)| Some(entry(mission)?.location))
        .collect();
    let in_report = |acronym: &str| dataset.missions.iter().any(|m| m.acronym == acronym);
    let (named, placed): (Vec<_>, Vec<_>) = found
        .into_iter()
        .filter_map(|(mission, by_place)| {
            let entry = entry(mission)?;
            let weak = by_place
                && (entry.kind == Kind::Partner
                    || !in_report(entry.acronym)
                    || named_places.contains(&entry.location));
            (!weak).then(|| NamedMission {
                acronym: entry.acronym.to_string(),
                by_place,
            })
        })
        .partition(|mission| !mission.by_place);
    named.into_iter().chain(placed).collect()
}

/// A paragraph as it may be drawn: safe text (unsafe characters made visible where it
/// entered), tabs as spaces.
pub fn readable(paragraph: &SafeText) -> Cow<'_, str> {
    crate::text::expand_tabs(paragraph)
}

/// `text` wrapped to `width` (see [`crate::text::wrap`]), each line made a reader line by
/// `line`: pieces of safe text, so nothing is sanitised again.
pub fn wrapped(
    text: &SafeText,
    width: usize,
    line: fn(SafeText) -> ReaderLine,
) -> impl Iterator<Item = ReaderLine> {
    wrap(text, width)
        .into_iter()
        .filter_map(move |range| text.slice(range).map(line))
}

/// What a highlighted stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A mission or other acronym (MINUSMA, UNMISS, ECOWAS).
    Acronym,
    /// A document symbol (A/75/19, S/PRST/2021/11) or a numbered resolution.
    Symbol,
    /// A citation of the document the list shows the citing recommendations of.
    Cited,
}

/// The stretches of `text` to make stand out, in order and not overlapping: the citations
/// [`crate::refs::find`] finds, and acronyms outside them.
pub fn highlights(text: &str, missions: &[Mission]) -> Vec<(Range<usize>, Mark)> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    let citations = crate::refs::find(text);
    let mut citations = citations.iter().peekable();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while citations.next_if(|c| c.range.end <= i).is_some() {}
        if let Some(citation) = citations.next_if(|c| c.range.start <= i) {
            marks.push((citation.range.clone(), Mark::Symbol));
            i = citation.range.end;
            continue;
        }
        let at_word_start = is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1]));
        if !at_word_start {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| is_word(b)).count();
        // A word that runs into a citation stops there (the citation is marked next).
        let end = citations
            .peek()
            .map_or(end, |c| end.min(c.range.start.max(i + 1)));
        let word = &text[i..end];
        if is_acronym(word, missions) {
            marks.push((i..end, Mark::Acronym));
        }
        i = end;
    }
    marks
}

/// All capitals, four letters or more (not a roman numeral), or a mission's acronym.
fn is_acronym(word: &str, missions: &[Mission]) -> bool {
    let all_caps = word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && roman_value(word).is_none();
    all_caps || missions.iter().any(|mission| mission.acronym == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(&str, Mark)> {
        highlights(text, &[])
            .into_iter()
            .map(|(range, mark)| (&text[range], mark))
            .collect()
    }

    #[test]
    fn acronyms_symbols_and_resolutions_are_found() {
        let text = "MINUSCA, MINUSMA and MONUSCO's support (S/2020/1179, S/PRST/2021/11.) under \
                    resolution 2589 (2021) and resolution 72/262 C, in chapter VIII of A/75/19.";
        assert_eq!(
            marked(text),
            vec![
                ("MINUSCA", Mark::Acronym),
                ("MINUSMA", Mark::Acronym),
                ("MONUSCO", Mark::Acronym),
                ("S/2020/1179", Mark::Symbol),
                ("S/PRST/2021/11", Mark::Symbol),
                ("resolution 2589 (2021)", Mark::Symbol),
                ("resolution 72/262 C", Mark::Symbol),
                ("A/75/19", Mark::Symbol),
            ]
        );
    }

    #[test]
    fn ordinary_words_are_not_marked() {
        assert!(marked("conflict resolution and the UN in A/B testing, and US/UK").is_empty());
        assert!(marked("resolution of 39 conflicts").is_empty());
    }

    #[test]
    fn known_short_acronyms_are_marked() {
        let missions = [Mission {
            acronym: "UNV".into(),
            name: "".into(),
            location: "".into(),
            paras: vec![],
        }];
        let text = "with UNV volunteers";
        let marks = highlights(text, &missions);
        assert_eq!(marks, vec![(5..8, Mark::Acronym)]);
    }

    #[test]
    fn control_characters_in_data_are_shown_not_sent() {
        let hostile = SafeText::new("a\u{1b}]0;x\u{7}\tb");
        assert_eq!(readable(&hostile), "a\u{241b}]0;x\u{2407} b");
        let plain = SafeText::new("plain");
        assert!(matches!(readable(&plain), Cow::Borrowed("plain")));
    }
}
