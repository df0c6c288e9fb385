//! Printing safe text: the command line writes text only through a [`Printer`], whose text
//! methods take a [`SafeText`], never a `&str` or a `String`, so a printer cannot forget to
//! sanitise. Styles (`anstyle`) are added by the printer around safe text, JSON goes out
//! through [`json_for_terminal`] and CSV through [`CsvPrinter`], whose fields are safe text too.

use std::io::{self, Write};
use std::ops::Range;

use anstyle::Style;

use super::{SafeText, json_for_terminal};

/// Standard output (or any writer) that takes only safe text.
///
/// ```
/// use c34::sanitize::{Printer, SafeText};
/// let mut printer = Printer::new(Vec::new());
/// printer.line(&SafeText::new("title\u{1b}]0;x\u{7}")).unwrap();
/// assert_eq!(printer.into_inner(), "title\u{241b}]0;x\u{2407}\n".as_bytes());
/// ```
///
/// A plain string is refused at compile time, borrowed or owned:
///
/// ```compile_fail,E0308
/// let mut printer = c34::sanitize::Printer::new(Vec::new());
/// printer.line("title\u{1b}]0;x\u{7}");
/// ```
///
/// ```compile_fail,E0308
/// let mut printer = c34::sanitize::Printer::new(Vec::new());
/// printer.line(&String::from("title\u{1b}]0;x\u{7}"));
/// ```
///
/// And it is no `Write`, so `writeln!` cannot reach past it:
///
/// ```compile_fail,E0599
/// use std::io::Write;
/// let mut printer = c34::sanitize::Printer::new(Vec::new());
/// writeln!(printer, "{}", "\u{1b}]52;c;x\u{7}");
/// ```
pub struct Printer<W: Write> {
    out: W,
}

impl<W: Write> Printer<W> {
    pub fn new(out: W) -> Printer<W> {
        Printer { out }
    }

    /// The writer back (for a test, or to hand it to something that prints bytes c34 made).
    pub fn into_inner(self) -> W {
        self.out
    }

    /// `text`, with no newline.
    pub fn text(&mut self, text: &SafeText) -> io::Result<()> {
        self.out.write_all(text.as_bytes())
    }

    /// `text` and a newline.
    pub fn line(&mut self, text: &SafeText) -> io::Result<()> {
        writeln!(self.out, "{}", text.as_str())
    }

    /// An empty line.
    pub fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// `text` in `style` (a stream that strips styles drops it when colour is off).
    pub fn styled(&mut self, style: Style, text: &SafeText) -> io::Result<()> {
        write!(self.out, "{style}{}{style:#}", text.as_str())
    }

    /// `text` in `style`, and a newline.
    pub fn styled_line(&mut self, style: Style, text: &SafeText) -> io::Result<()> {
        self.styled(style, text)?;
        self.blank()
    }

    /// `text` with the byte `ranges` (sorted, disjoint, on character boundaries) in `mark`,
    /// and a newline; a range that is not in the text is skipped.
    pub fn marked_line(
        &mut self,
        text: &SafeText,
        ranges: &[Range<usize>],
        mark: Style,
    ) -> io::Result<()> {
        let text = text.as_str();
        let mut at = 0;
        for range in ranges {
            let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
            else {
                continue;
            };
            write!(self.out, "{before}{mark}{marked}{mark:#}")?;
            at = range.end;
        }
        writeln!(self.out, "{}", text.get(at..).unwrap_or(""))
    }

    /// Pieces of text each in its style, filled to `width` cells at spaces (never inside a
    /// word), a blank line for each paragraph break; a style is closed and reopened around a
    /// break so that the break never carries it.
    pub fn filled(&mut self, pieces: &[(Style, SafeText)], width: usize) -> io::Result<()> {
        let mut styled = String::new();
        for (style, text) in pieces {
            if *style == Style::new() {
                styled.push_str(text);
                continue;
            }
            let parts: Vec<String> = text
                .split("\n\n")
                .map(|part| format!("{style}{part}{style:#}"))
                .collect();
            styled.push_str(&parts.join("\n\n"));
        }
        let options = textwrap::Options::new(width.max(20))
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for (i, paragraph) in styled.split("\n\n").enumerate() {
            if i > 0 {
                self.blank()?;
            }
            writeln!(self.out, "{}", textwrap::fill(paragraph, &options))?;
        }
        Ok(())
    }

    /// Serialised JSON and a newline, every character a terminal would obey inside it
    /// written as a `\uXXXX` escape ([`json_for_terminal`]): harmless whatever `json` holds.
    pub fn json(&mut self, json: &str) -> io::Result<()> {
        writeln!(self.out, "{}", json_for_terminal(json))
    }

    /// A CSV writer over this printer's output: a header row, then records of safe text,
    /// each ending with `\n`.
    pub fn csv(&mut self) -> CsvPrinter<&mut W> {
        CsvPrinter {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut self.out),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// CSV whose fields are safe text (the header's names are constants).
pub struct CsvPrinter<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvPrinter<W> {
    /// The header row: column names written in c34's code (checked like any text).
    pub fn header<const N: usize>(&mut self, names: [&'static str; N]) -> csv::Result<()> {
        self.writer
            .write_record(names.map(|name| super::for_line(name).into_owned()))
    }

    /// One record.
    pub fn row<const N: usize>(&mut self, fields: [&SafeText; N]) -> csv::Result<()> {
        self.writer.write_record(fields.map(SafeText::as_str))
    }

    /// One record of any length.
    pub fn record(&mut self, fields: &[SafeText]) -> csv::Result<()> {
        self.writer
            .write_record(fields.iter().map(SafeText::as_str))
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(print: impl FnOnce(&mut Printer<Vec<u8>>) -> io::Result<()>) -> String {
        let mut printer = Printer::new(Vec::new());
        print(&mut printer).unwrap();
        String::from_utf8(printer.into_inner()).unwrap()
    }

    #[test]
    fn marks_go_around_the_ranges_and_a_range_off_the_text_is_skipped() {
        let bold = Style::new().bold();
        let text = SafeText::new("find Mali\u{1b} here");
        // "Mali" is bytes 5..9; the ESC became U+241B (3 bytes), so "here" is 13..17.
        let out = printed(|p| p.marked_line(&text, &[5..9, 13..17, 40..44], bold));
        let (on, off) = (bold.render().to_string(), bold.render_reset().to_string());
        assert_eq!(out, format!("find {on}Mali{off}\u{241b} {on}here{off}\n"));
    }

    #[test]
    fn styles_close_around_paragraph_breaks() {
        let red = Style::new().italic();
        let pieces = [
            (Style::new(), SafeText::new("kept ")),
            (red, SafeText::new("gone\n\nalso")),
        ];
        let out = printed(|p| p.filled(&pieces, 40));
        let (on, off) = (red.render().to_string(), red.render_reset().to_string());
        assert_eq!(out, format!("kept {on}gone{off}\n\n{on}also{off}\n"));
    }

    #[test]
    fn csv_fields_are_safe_text_and_quoted_as_csv_quotes() {
        let mut printer = Printer::new(Vec::new());
        let mut csv = printer.csv();
        csv.header(["name", "note"]).unwrap();
        csv.row([&SafeText::new("a,b"), &SafeText::new("x\u{1b}[2J\ny")])
            .unwrap();
        csv.flush().unwrap();
        drop(csv);
        let out = String::from_utf8(printer.into_inner()).unwrap();
        assert_eq!(out, "name,note\n\"a,b\",\"x\u{241b}[2J\ny\"\n");
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let out = printed(|p| p.json("[\"a\u{9b}b\"]"));
        assert_eq!(out, "[\"a\\u009bb\"]\n");
    }
}
