//! The matrix read from PDFs: four producers' typesetting of the embedded report (made by
//! `scripts/make_report_pdf.py` with reportlab, `scripts/make_report_pdf_groff.py` with
//! groff's PDF driver and with groff's PostScript through Ghostscript, and
//! `scripts/make_report_pdf_fpdf.py` with fpdf2 and an embedded TrueType font)
//! must import to exactly the embedded dataset; a scanned page and a broken file are refused.

use std::path::Path;

use c34::dataset::Dataset;
use c34::import::{ImportOptions, import};
use c34::series::pdf::{PdfError, extract, report_text};

const REPORTLAB: &[u8] = include_bytes!("../fixtures/report-reportlab.pdf");
const GROFF: &[u8] = include_bytes!("../fixtures/report-groff.pdf");
const GHOSTSCRIPT: &[u8] = include_bytes!("../fixtures/report-ghostscript.pdf");
const FPDF: &[u8] = include_bytes!("../fixtures/report-fpdf.pdf");
const SCANNED: &[u8] = include_bytes!("../fixtures/scanned-page-2.pdf");
const REPORT_JSON: &str = include_str!("../../assets/report.json");

fn imported(pdf: &[u8], name: &str) -> Dataset {
    let text = report_text(pdf, Path::new(name)).expect("the PDF is read");
    import(&text, &ImportOptions::default()).unwrap_or_else(|error| {
        let line = text.lines().nth(error.line - 1).unwrap_or_default();
        panic!("{name}: {error}\n{line}")
    })
}

/// The paragraphs of every recommendation, as the dataset JSON has them.
fn responses(dataset: &Dataset) -> Vec<(u32, Vec<String>)> {
    dataset
        .recommendations()
        .map(|(_, rec)| {
            let paragraphs = rec.paragraphs.iter().map(ToString::to_string).collect();
            (rec.para, paragraphs)
        })
        .collect()
}

fn assert_same_as_the_embedded_report(dataset: &Dataset) {
    let expected: Dataset = serde_json::from_str(REPORT_JSON).unwrap();
    assert_eq!(responses(&expected).len(), 123);
    let got = responses(dataset);
    assert_eq!(got.len(), 123);
    for (want, have) in responses(&expected).iter().zip(&got) {
        assert_eq!(want, have, "the response to paragraph {} differs", want.0);
    }
    assert_eq!(dataset.document, expected.document);
    assert_eq!(dataset, &expected);
}

#[test]
fn the_reportlab_pdf_gives_the_123_responses_word_for_word() {
    assert_same_as_the_embedded_report(&imported(REPORTLAB, "report-reportlab.pdf"));
}

#[test]
fn the_groff_pdf_gives_the_123_responses_word_for_word() {
    assert_same_as_the_embedded_report(&imported(GROFF, "report-groff.pdf"));
}

#[test]
fn the_ghostscript_pdf_gives_the_123_responses_word_for_word() {
    // groff's PostScript through ps2pdf: lines shown with the `'` operator, spaces kerned over.
    assert_same_as_the_embedded_report(&imported(GHOSTSCRIPT, "report-ghostscript.pdf"));
}

#[test]
fn the_fpdf_pdf_gives_the_123_responses_word_for_word() {
    // An embedded TrueType subset with a ToUnicode map, ragged front matter, no table: the
    // number and the response side by side; a paragraph's last word alone at a page's foot.
    assert_same_as_the_embedded_report(&imported(FPDF, "report-fpdf.pdf"));
}

#[test]
fn headers_footers_and_repeated_column_headings_are_dropped() {
    // The raw text shows the fixture has the furniture on every page …
    let raw = pdf_extract::extract_text_from_mem(GROFF).unwrap();
    let pages = pdf_extract::Document::load_mem(GROFF)
        .unwrap()
        .get_pages()
        .len();
    assert!(pages >= 10, "{pages} pages");
    assert!(raw.matches("21-15942").count() >= pages);
    assert!(raw.matches("Status of implementation").count() >= pages - 1);
    assert!(raw.matches("Para. in").count() >= pages - 1);
    assert!(raw.matches("A/76/505/Add.1").count() >= pages);
    // … and the report text has none of it.
    let text = report_text(GROFF, Path::new("report-groff.pdf")).unwrap();
    assert!(!text.contains("21-15942"));
    assert!(!text.contains("Status of implementation"));
    assert_eq!(text.matches("Para. in").count(), 1);
    assert_eq!(text.matches("A/76/505/Add.1").count(), 1);
    assert!(
        !text
            .lines()
            .any(|line| line.trim().parse::<u32>().is_ok_and(|n| n <= 30)),
        "a page number is left"
    );
}

#[test]
fn every_line_names_its_page() {
    let extracted = extract(GROFF, Path::new("report-groff.pdf")).unwrap();
    assert_eq!(extracted.text.lines().count(), extracted.line_pages.len());
    let line_of = |prefix: &str| {
        extracted
            .text
            .lines()
            .position(|line| line.starts_with(prefix))
            .unwrap()
            + 1
    };
    assert_eq!(extracted.page_of_line(1), Some(1));
    assert_eq!(extracted.page_of_line(line_of("18\t")), Some(1));
    let last = extracted.page_of_line(extracted.line_pages.len()).unwrap();
    assert!(last > 10, "the last line is on page {last}");
    assert_eq!(extracted.page_of_line(0), None);
}

#[test]
fn a_page_without_text_is_refused_naming_the_page() {
    let error = report_text(SCANNED, Path::new("scan.pdf")).unwrap_err();
    assert!(
        matches!(
            error,
            PdfError::NoText {
                page: 2,
                pages: 2,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("scan.pdf: page 2 of 2 has no text"),
        "{message}"
    );
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused() {
    let error = report_text(b"Para. in A/75/19\n18 Text.\n", Path::new("notes.txt")).unwrap_err();
    assert!(matches!(error, PdfError::Unreadable { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("notes.txt: not a readable PDF")
    );
}

#[test]
fn a_truncated_pdf_is_refused_without_a_panic() {
    for cut in [
        10,
        REPORTLAB.len() / 3,
        REPORTLAB.len() / 2,
        REPORTLAB.len() - 200,
    ] {
        let result = report_text(&REPORTLAB[..cut], Path::new("cut.pdf"));
        if let Err(error) = &result {
            assert!(error.to_string().starts_with("cut.pdf: "), "{error}");
        }
    }
    assert!(report_text(&REPORTLAB[..10], Path::new("cut.pdf")).is_err());
}

#[test]
fn damaged_pdfs_give_errors_not_panics() {
    // pdf-extract panics on many damaged files (reported as the file or the page being
    // unreadable); every outcome must be a value. A fixed-seed generator keeps this repeatable.
    const SMALL: &[u8] = include_bytes!("../fixtures/committee-A_75_19.pdf");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1_000_003).unwrap()
    };
    let mut refused = 0;
    for round in 0..60 {
        let mut bytes = SMALL.to_vec();
        for _ in 0..[1, 3, 10, 50][round % 4] {
            let at = next() % bytes.len();
            bytes[at] = u8::try_from(next() % 256).unwrap();
        }
        let path = Path::new("damaged.pdf");
        for result in [
            report_text(&bytes, path).map(drop),
            c34::series::pdf::document_text(&bytes, path).map(drop),
        ] {
            if let Err(error) = result {
                assert!(error.to_string().starts_with("damaged.pdf: "), "{error}");
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "no damage was noticed");
}
