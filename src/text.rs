//! Plain text below both the search engine and the gazetteer: words and sentences (the one
//! tokenizer shared by the index, the query parser and the mission gazetteer, so that all three
//! cut text the same way), case folding, and widths and clipping in terminal cells.
//!
//! A word is a maximal run of alphanumeric characters: `MINUSMA-funded` is `MINUSMA` and
//! `funded`, `Secretary-General’s` is `Secretary`, `General` and `s`, `COVID-19` is `COVID` and
//! `19`. Sentences end at `.`, `!` or `?` (after any closing quotes or brackets) when followed
//! by a space and a capital, a digit or an opening quote or bracket, unless the word before the
//! stop is an abbreviation such as `e.g` or `para`.
//!
//! Layout (widths, clipping, wrapping) never cuts a grapheme cluster: a flag (two regional
//! indicators), an emoji sequence or a letter with its combining accents stays whole. Tabs are
//! expanded to spaces ([`expand_tabs`]) before text is wrapped.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (is_word, len) = class_at(text, at)?;
            if is_word {
                break at;
            }
            at += len;
        };
        while let Some((true, len)) = class_at(text, at) {
            at += len;
        }
        Some(start..at)
    })
}

/// Whether the character at byte `at` (a char boundary) is part of a word, and its length;
/// bytes are read directly for ASCII, which is most of the text.
fn class_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((byte.is_ascii_alphanumeric(), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// The sentences of `text` that have at least one word, each with its words' byte ranges.
/// The index numbers sentences and words in exactly this order.
pub fn sentence_words(text: &str) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
    sentences(text)
        .into_iter()
        .filter_map(|sentence| {
            let offset = sentence.start;
            let words: Vec<Range<usize>> = words(&text[sentence.clone()])
                .map(|word| word.start + offset..word.end + offset)
                .collect();
            (!words.is_empty()).then_some((sentence, words))
        })
        .collect()
}

/// The byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    // Stops are rare: jump from one to the next (memchr reads many bytes at once).
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &bytes[at..]) {
        at += found;
        let stop = bytes[at];
        // The stop may be followed by closing quotes or brackets that belong to the sentence.
        let mut end = at + 1;
        while let Some(c) = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
        {
            end += c.len_utf8();
        }
        let before = &text[start..at];
        at = end;
        if stop == b'.' && is_abbreviation(before) {
            continue;
        }
        let rest = &text[end..];
        let after_space = rest.trim_start();
        let has_space = after_space.len() < rest.len();
        let next_starts_sentence = after_space.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '"' | '(' | '‘' | '[')
        });
        if has_space && next_starts_sentence {
            push_trimmed(&mut out, text, start..end);
            start = end;
        }
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing < slice.len() {
        out.push(range.start + leading..range.end - trailing);
    }
}

/// True when the text before a full stop ends with an abbreviation (`e.g`, `para`, `No`) or a
/// single letter (an initial), so the stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: [&str; 14] = [
        "e.g", "i.e", "para", "paras", "No", "Nos", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "cf", "al",
    ];
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    ABBREVIATIONS.contains(&last)
        || (last.chars().count() == 1 && last.chars().all(char::is_alphabetic))
}

/// The folded form used for case- and accent-insensitive matching: lower case, and Latin
/// letters without their accents (`Ségou` is `segou`), as fzf normalises them.
pub fn fold(word: &str) -> String {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word.to_string();
    }
    word.to_lowercase().chars().map(strip_accent).collect()
}

/// Appends the folded form of `word` (see [`fold`]) to `out`, without allocating for it.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        // Rare: whole-string lower-casing knows context (a final sigma), so fold as `fold` does.
        out.push_str(&fold(word));
    }
}

/// Base letters of U+00C0..U+00FF and U+0100..U+017F (`.`: none; ligatures and `ß` stay).
const LATIN_1: &[u8; 64] = b"aaaaaa.ceeeeiiii.nooooo.ouuuuy..aaaaaa.ceeeeiiii.nooooo.ouuuuy.y";
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll..llnnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.";

/// A Latin letter without its accent; any other character as it is.
fn strip_accent(c: char) -> char {
    let code = u32::from(c);
    let base = match code {
        0xC0..=0xFF => LATIN_1[(code - 0xC0) as usize],
        0x100..=0x17F => LATIN_EXTENDED_A[(code - 0x100) as usize],
        _ => b'.',
    };
    if base == b'.' { c } else { char::from(base) }
}

/// True when a word has a letter with an accent that [`fold`] removes.
pub fn has_accent(word: &str) -> bool {
    word.chars().any(|c| strip_accent(c) != c)
}

/// True when a query word asks for its exact capitals: an acronym (two or more capitals:
/// `CAR`, `SEA`, `TCCs`) or a word with a capital inside (`PoC`, `ClearCheck`). A word whose
/// only capital is its first letter (`Covid`, `Sexual`) is prose, typed at the start of a
/// sentence: it matches without regard to case.
pub fn is_case_sensitive(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// True when a query word has a capital only as its first letter (`Covid`, `Ségou`): case is
/// ignored, accents are not (see [`is_case_sensitive`]).
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !is_case_sensitive(word)
}

/// English function words. In an unquoted query they are optional (see [`crate::search`]);
/// in mission names they neither start nor end a key ("Mission in the Sudan" matches
/// "mission sudan"). `not` and `no` are left out: they change what a sentence says.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "each", "for",
    "from", "had", "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "may",
    "more", "most", "must", "of", "on", "onto", "or", "other", "our", "over", "s", "shall", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "under", "until", "upon", "was", "we",
    "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "would",
];

/// True for a folded word of [`STOPWORDS`]. Asked for every word of every text indexed, so
/// it looks only at the few stopwords of the word's length and first letter.
pub fn is_stopword(folded: &str) -> bool {
    /// The stopwords by first letter (a–z), as ranges of [`STOPWORDS`] (it is sorted).
    static BY_LETTER: std::sync::LazyLock<[(usize, usize); 26]> = std::sync::LazyLock::new(|| {
        let mut table = [(0, 0); 26];
        for (letter, range) in table.iter_mut().enumerate() {
            let first = b'a' + u8::try_from(letter).unwrap_or(0);
            let start = STOPWORDS.partition_point(|w| w.as_bytes()[0] < first);
            let end = STOPWORDS.partition_point(|w| w.as_bytes()[0] <= first);
            *range = (start, end);
        }
        table
    });
    const LONGEST: usize = 7;
    let bytes = folded.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    if bytes.len() > LONGEST || !first.is_ascii_lowercase() {
        return false;
    }
    let (start, end) = BY_LETTER[usize::from(first - b'a')];
    STOPWORDS[start..end].contains(&folded)
}

/// Plurals Snowball does not know, with their singulars.
const IRREGULAR: &[(&str, &str)] = &[
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("people", "person"),
    ("personnel", "personnel"),
];

/// The stem of a folded word (Snowball English, with a few irregular plurals), so that
/// `deploying`, `deployed` and `deployment` meet at `deploy`.
pub fn stem(folded: &str) -> std::borrow::Cow<'_, str> {
    static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> = std::sync::LazyLock::new(|| {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
    });
    if let Some((_, base)) = IRREGULAR.iter().find(|(word, _)| *word == folded) {
        return std::borrow::Cow::Borrowed(base);
    }
    STEMMER.stem(folded)
}

/// Endings that leave a word's meaning as it is, once a plural `s` and a verb ending are
/// off: `evaluate`, `evaluation`, `evaluators`; `deploy`, `deployment`; `protect`,
/// `protective`; `peacekeeper`.
const SAME_MEANING_ENDINGS: &[&str] = &["", "at", "ation", "ator", "er", "ion", "iv", "ment", "or"];

/// The inflection class of a folded word that has Snowball stem `stem`: two words with the
/// same stem are forms of one word when their classes are equal. The class is what follows
/// the stem once a plural (`s`) and a verb ending (`ing`, `ed`, `e`, `d`, `y`) are off, or
/// nothing when that is an ending that keeps the meaning (`SAME_MEANING_ENDINGS`): so
/// `organs` (class "") is not `organization` (class "ization"), while `deploying` and
/// `deployment` are one word. Irregular plurals (`women`) are forms of their singular.
pub fn inflection_class<'a>(folded: &'a str, stem: &str) -> &'a str {
    if IRREGULAR.iter().any(|(word, _)| *word == folded) {
        return "";
    }
    let common = folded
        .char_indices()
        .zip(stem.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((at, c), _)| at + c.len_utf8());
    let mut ending = &folded[common..];
    if let Some(rest) = ending.strip_suffix('s')
        && !rest.ends_with('s')
    {
        ending = rest;
    }
    for verb in ["ing", "ed", "e", "d", "y"] {
        if let Some(rest) = ending.strip_suffix(verb) {
            ending = rest;
            break;
        }
    }
    if SAME_MEANING_ENDINGS.contains(&ending) {
        ""
    } else {
        ending
    }
}

/// Display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Display width of one character in terminal cells (0 for control characters).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` cut to at most `max` terminal cells, ending in `…` when something was cut.
pub fn clip(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = width(cluster);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(cluster);
    }
    out.push('…');
    out
}

/// The end of `text` that fits in `cells` cells, starting with `…` when the start was cut.
pub fn tail(text: &str, cells: usize) -> String {
    if width(text) <= cells {
        return text.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut start = text.len();
    let mut used = 1;
    for (at, cluster) in text.grapheme_indices(true).rev() {
        let w = width(cluster);
        if used + w > cells {
            break;
        }
        used += w;
        start = at;
    }
    format!("…{}", &text[start..])
}

/// The columns a tab moves to the next multiple of, as `expand(1)` and most terminals.
pub const TAB_STOP: usize = 8;

/// `text` with each tab replaced by the spaces that reach the next tab stop (every
/// [`TAB_STOP`] cells, counted from the start of its line); borrowed when it has no tab.
pub fn expand_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += char_width(c);
            }
        }
    }
    Cow::Owned(out)
}

/// `text` cut or padded with spaces to exactly `cells` terminal cells.
pub fn fit(text: &str, cells: usize) -> String {
    let mut out = clip(text, cells);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(used)));
    out
}

/// The byte ranges of `text`'s wrapped lines at `width` cells: line breaks fall on spaces or after
/// the hyphen of a hyphenated word (no hyphen is ever added); words wider than a line are split,
/// between grapheme clusters. Expand tabs first ([`expand_tabs`]). The reader, the help and
/// `c34 show` all wrap with this, so they agree.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let options = textwrap::Options::new(width).word_separator(textwrap::WordSeparator::AsciiSpace);
    let mut cursor = 0;
    let lines: Vec<Range<usize>> = textwrap::wrap(text, options)
        .iter()
        .map(|line| {
            // Lines are slices of `text` in order, with the spaces at the breaks dropped.
            let start = text[cursor..]
                .find(line.as_ref())
                .map_or(cursor, |at| cursor + at);
            let mut end = (start + line.len()).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            cursor = end;
            start..end
        })
        .collect();
    if text.is_ascii() {
        // Every ASCII character is a cluster of its own (CR LF aside, which wrapped text
        // does not hold), and one cell wide.
        return lines;
    }
    keep_clusters_whole(text, lines, width)
}

/// `lines` (textwrap's, which splits long words between characters) with every break moved
/// out of a grapheme cluster, and lines still wider than `width` split between clusters.
fn keep_clusters_whole(text: &str, lines: Vec<Range<usize>>, width: usize) -> Vec<Range<usize>> {
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .collect();
    let floor = |at: usize| bounds[bounds.partition_point(|&b| b <= at).saturating_sub(1)];
    let ceil = |at: usize| bounds[bounds.partition_point(|&b| b < at).min(bounds.len() - 1)];
    let mut whole = Vec::with_capacity(lines.len());
    // Where the next line starts when a break inside a word moved.
    let mut next_start: Option<usize> = None;
    for line in lines {
        let start = next_start.take().unwrap_or(line.start);
        if start >= line.end {
            // A cluster the line before took whole reached past this line.
            next_start = Some(start);
            continue;
        }
        let mut end = line.end;
        if floor(end) != end {
            // Back to the cluster's start; forward to its end when it is all the line has.
            end = if floor(end) > start {
                floor(end)
            } else {
                ceil(end)
            };
            next_start = Some(end);
        }
        whole.push(start..end);
    }
    let mut out = Vec::with_capacity(whole.len());
    for line in whole {
        if self::width(&text[line.clone()]) <= width {
            out.push(line);
            continue;
        }
        let (mut start, mut used) = (line.start, 0);
        for (at, cluster) in text[line.clone()].grapheme_indices(true) {
            let at = line.start + at;
            let cells = self::width(cluster);
            if used > 0 && used + cells > width {
                out.push(start..at);
                (start, used) = (at, 0);
            }
            used += cells;
        }
        out.push(start..line.end);
    }
    out
}

/// Byte ranges of `original` moved onto `safe`, the same text after `sanitize` replaced some
/// characters one for one (a replacement can be longer in bytes). Ranges that do not fall on
/// character boundaries of `original` are dropped.
pub fn map_ranges<'a>(
    original: &str,
    safe: &str,
    ranges: impl IntoIterator<Item = &'a Range<usize>>,
) -> Vec<Range<usize>> {
    let valid = |range: &Range<usize>| {
        range.start < range.end
            && original.is_char_boundary(range.start)
            && original.is_char_boundary(range.end)
    };
    if original.len() == safe.len() {
        // A replacement is never shorter, so equal lengths mean equal offsets.
        return ranges.into_iter().filter(|r| valid(r)).cloned().collect();
    }
    let starts: Vec<(usize, usize)> = original
        .char_indices()
        .map(|(i, _)| i)
        .zip(safe.char_indices().map(|(i, _)| i))
        .chain(std::iter::once((original.len(), safe.len())))
        .collect();
    let at = |byte: usize| {
        let i = starts.partition_point(|&(o, _)| o < byte);
        starts.get(i).map_or(safe.len(), |&(_, s)| s)
    };
    ranges
        .into_iter()
        .filter(|r| valid(r))
        .map(|range| at(range.start)..at(range.end))
        .collect()
}

/// The opening words of a response on one line: what the list and the tree show of it. Words
/// of safe text, joined by spaces: still safe.
pub fn opening_words(text: &crate::sanitize::SafeText) -> crate::sanitize::SafeText {
    crate::sanitize::SafeText::line(
        text.split_whitespace()
            .take(40)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The first line of `text` (words separated by single spaces) at `cells` cells, breaking
/// after whole words, and the rest of the text. A first word wider than the line is cut with a
/// hyphen, its remainder starting the rest.
pub fn split_first_line(text: &str, cells: usize) -> (String, &str) {
    let mut used = 0;
    let mut end = 0;
    let mut start = 0;
    for word in text.split(' ') {
        let needed = usize::from(used > 0) + width(word);
        if used + needed > cells {
            break;
        }
        used += needed;
        end = start + word.len();
        start = end + 1;
    }
    if end > 0 || text.is_empty() {
        let rest = text.get(end..).unwrap_or("").trim_start_matches(' ');
        return (text[..end].to_string(), rest);
    }
    // Not even the first word fits: cut it, leaving a cell for the hyphen.
    let mut cut = 0;
    let mut used = 0;
    for (at, cluster) in text.grapheme_indices(true) {
        let w = width(cluster);
        if used + w + 1 > cells {
            break;
        }
        used += w;
        cut = at + cluster.len();
    }
    if cut == 0 {
        return (String::new(), text);
    }
    (format!("{}-", &text[..cut]), &text[cut..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<&str> {
        words(text).map(|range| &text[range]).collect()
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let text = "MINUSCA, MINUSMA and MONUSCO provided technical assistance and \
                    capacity-building to facilitate relevant investigations.";
        for cells in 1..40 {
            let ranges = wrap(text, cells);
            let joined: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(
                joined.concat().replace(' ', ""),
                text.replace(' ', ""),
                "width {cells}"
            );
            assert!(
                joined.iter().all(|line| width(line) <= cells),
                "width {cells}: {joined:?}"
            );
        }
    }

    /// True when `c` is a regional indicator (half of a flag).
    fn regional(c: char) -> bool {
        ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
    }

    #[test]
    fn wrapping_never_splits_a_flag() {
        // Mali, Senegal, Central African Republic, DR Congo: two regional indicators each.
        let flags = "\u{1F1F2}\u{1F1F1}\u{1F1F8}\u{1F1F3}\u{1F1E8}\u{1F1EB}\u{1F1E8}\u{1F1E9}";
        for text in [
            flags.to_string(),
            format!("Missions {flags} deployed"),
            format!("x{flags}{flags}y and more"),
        ] {
            for cells in 1..24 {
                let lines: Vec<&str> = wrap(&text, cells).into_iter().map(|r| &text[r]).collect();
                for line in &lines {
                    let halves = line.chars().filter(|&c| regional(c)).count();
                    assert!(halves % 2 == 0, "width {cells}: a flag cut in {lines:?}");
                    // A flag is two cells: wider lines only when a line holds one flag alone.
                    assert!(width(line) <= cells.max(2), "width {cells}: {lines:?}");
                }
                assert_eq!(
                    lines.concat().replace(' ', ""),
                    text.replace(' ', ""),
                    "width {cells}: nothing lost"
                );
            }
        }
    }

    #[test]
    fn a_combining_accent_stays_with_its_letter() {
        // `e` + U+0301: one cluster of one cell.
        let text = "cafe\u{301}cafe\u{301}cafe\u{301}";
        for cells in 1..8 {
            for range in wrap(text, cells) {
                assert!(!text[range].starts_with('\u{301}'), "width {cells}");
            }
        }
        let flags = "\u{1F1F2}\u{1F1F1}\u{1F1F8}\u{1F1F3}x";
        assert_eq!(clip(flags, 4), "\u{1F1F2}\u{1F1F1}…");
        let three = "\u{1F1F2}\u{1F1F1}\u{1F1F8}\u{1F1F3}\u{1F1E8}\u{1F1EB}";
        assert_eq!(tail(three, 4), "…\u{1F1E8}\u{1F1EB}");
    }

    #[test]
    fn tabs_expand_to_the_next_stop_of_eight() {
        assert_eq!(expand_tabs("no tab"), "no tab");
        assert_eq!(expand_tabs("\tx"), "        x");
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("abcdefgh\tx"), "abcdefgh        x");
        assert_eq!(expand_tabs("ab\ncd\te"), "ab\ncd      e");
        // A wide character takes two columns.
        assert_eq!(expand_tabs("和\tx"), "和      x");
        let text = expand_tabs("Item\tMINUSMA\tMINUSCA\tUNMISS and more words");
        for range in wrap(&text, 12) {
            assert!(width(&text[range]) <= 12);
        }
    }

    #[test]
    fn the_first_line_breaks_after_whole_words() {
        let text = "Reimbursements for contingent-owned equipment";
        assert_eq!(
            split_first_line(text, 30),
            ("Reimbursements for".into(), "contingent-owned equipment")
        );
        assert_eq!(
            split_first_line(text, 14),
            ("Reimbursements".into(), "for contingent-owned equipment")
        );
        assert_eq!(
            split_first_line(text, 11),
            ("Reimbursem-".into(), "ents for contingent-owned equipment")
        );
        assert_eq!(split_first_line("", 5), (String::new(), ""));
        assert_eq!(split_first_line("ab", 1), (String::new(), "ab"));
        assert_eq!(split_first_line("和平 x", 3), ("和-".into(), "平 x"));
        let (first, rest) = split_first_line(text, 18);
        assert_eq!(format!("{first} {rest}"), text, "nothing lost at a break");
    }

    #[test]
    fn clip_measures_cells_not_bytes() {
        assert_eq!(clip("peacekeeping", 5), "peac…");
        assert_eq!(clip("“quoted”", 8), "“quoted”");
        // Wide characters take two cells each; never split one.
        assert_eq!(clip("和平和平", 5), "和平…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(width(&fit("和平和平", 5)), 5);
    }

    #[test]
    fn a_long_query_shows_its_end() {
        assert_eq!(tail("peacekeeping", 20), "peacekeeping");
        assert_eq!(tail("peacekeeping", 6), "…eping");
        assert_eq!(tail("和平和平", 4), "…平");
        assert_eq!(tail("abc", 0), "");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_letters_and_digits_together() {
        assert_eq!(
            word_texts("MINUSMA-funded projects; COVID-19 (C4ISR) the Secretary-General’s"),
            [
                "MINUSMA",
                "funded",
                "projects",
                "COVID",
                "19",
                "C4ISR",
                "the",
                "Secretary",
                "General",
                "s"
            ]
        );
        assert_eq!(word_texts("Ségou d’état"), ["Ségou", "d", "état"]);
        assert!(word_texts(" — … ").is_empty());
        assert!(word_texts("").is_empty());
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        let text =
            "See, e.g., S/2020/1224. The board met. In Mali, para. 5 applies! “Quoted.” (Last)";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "See, e.g., S/2020/1224.",
                "The board met.",
                "In Mali, para. 5 applies!",
                "“Quoted.”",
                "(Last)"
            ]
        );
    }

    #[test]
    fn decimals_and_lower_case_continuations_do_not_split() {
        let text = "It rose by 0.21 per cent. to 3.5 million in total.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn sentence_words_keep_only_sentences_with_words() {
        let text = "One two. (—). Three.";
        let found: Vec<(&str, Vec<&str>)> = sentence_words(text)
            .into_iter()
            .map(|(s, words)| (&text[s], words.into_iter().map(|w| &text[w]).collect()))
            .collect();
        assert_eq!(
            found,
            [("One two.", vec!["One", "two"]), ("Three.", vec!["Three"])]
        );
    }

    #[test]
    fn smart_case_and_folding() {
        assert!(is_case_sensitive("UNMISS"));
        assert!(is_case_sensitive("PoC") && is_case_sensitive("TCCs"));
        assert!(!is_case_sensitive("unmiss"));
        // Only a first capital is prose: case ignored.
        assert!(!is_case_sensitive("Covid") && is_capitalised("Covid"));
        assert!(!is_capitalised("covid") && !is_capitalised("CAR"));
        assert_eq!(fold("ÉTAT"), "etat");
        assert_eq!(fold("Ségou"), "segou");
        assert_eq!(fold("Łódź"), "lodz");
        for word in ["ÉTAT", "Ségou", "Łódź", "peace", "MINUSMA", "ΟΔΟΣ"] {
            let mut out = String::from("x");
            fold_into(word, &mut out);
            assert_eq!(out, format!("x{}", fold(word)), "{word}");
        }
        assert!(has_accent("Ségou") && !has_accent("Segou"));
    }

    #[test]
    fn stopwords_are_sorted_and_stems_join_word_forms() {
        assert!(STOPWORDS.is_sorted());
        assert!(is_stopword("of") && !is_stopword("not") && !is_stopword("peace"));
        assert!(STOPWORDS.iter().all(|w| is_stopword(w) && w.len() <= 7));
        assert!(
            !is_stopword("")
                && !is_stopword("Of")
                && !is_stopword("éte")
                && !is_stopword("withins")
        );
        for (a, b) in [
            ("deploying", "deployment"),
            ("evaluate", "evaluations"),
            ("trained", "training"),
            ("women", "woman"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_ne!(stem("peace"), stem("police"));
    }

    #[test]
    fn inflections_are_one_word_and_derivations_are_not() {
        let class = |word: &str| inflection_class(word, &stem(word)).to_string();
        for (a, b) in [
            ("deploying", "deployment"),
            ("evaluate", "evaluations"),
            ("evaluate", "evaluators"),
            ("trained", "trainings"),
            ("protection", "protective"),
            ("women", "woman"),
            ("policy", "policies"),
            ("organization", "organizations"),
            ("peacekeepers", "peacekeeping"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
            assert_eq!(class(a), class(b), "{a} {b}");
        }
        assert_eq!(stem("organs"), stem("organization"));
        assert_ne!(class("organs"), class("organization"));
        assert_ne!(class("organs"), class("organized"));
    }
}
