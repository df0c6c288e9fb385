//! `series::read_report`: whatever `c34 add` is given — a matrix or a committee report, as PDF
//! or text, or a dataset JSON — comes back as what it is, or as an error naming the file.

use std::path::Path;

use c34::dataset::Dataset;
use c34::import::ImportOptions;
use c34::series::{Report, SeriesError, is_pdf, read_report};

fn read(bytes: &[u8], name: &str) -> Result<Report, SeriesError> {
    read_report(bytes, Path::new(name), &ImportOptions::default())
}

fn matrix(report: Report) -> Dataset {
    match report {
        Report::Matrix(dataset) => *dataset,
        Report::Committee(c) => panic!("a committee report: {}", c.symbol),
    }
}

#[test]
fn every_kind_of_file() {
    let embedded = Dataset::embedded();
    let text = include_bytes!("../../assets/A_76_505_Add.1.txt");
    let json = include_bytes!("../../assets/report.json");
    let pdf = include_bytes!("../fixtures/report-groff.pdf");
    assert_eq!(matrix(read(text, "r.txt").unwrap()), embedded);
    assert_eq!(matrix(read(json, "r.json").unwrap()), embedded);
    assert_eq!(matrix(read(pdf, "r.pdf").unwrap()), embedded);

    let committee_text = include_bytes!("../fixtures/committee-A_75_19.txt");
    let committee_pdf = include_bytes!("../fixtures/committee-A_75_19.pdf");
    for (bytes, name) in [
        (&committee_text[..], "c.txt"),
        (&committee_pdf[..], "c.pdf"),
    ] {
        match read(bytes, name).unwrap() {
            Report::Committee(report) => {
                assert_eq!(report.symbol, "A/75/19");
                assert_eq!(report.paragraph(37).unwrap().text.len(), 4);
            }
            Report::Matrix(_) => panic!("{name} read as a matrix"),
        }
    }
}

#[test]
fn errors_name_the_file() {
    let error = read(b"Just some notes.\n", "notes.txt").unwrap_err();
    assert!(
        matches!(error, SeriesError::Import { page: None, .. }),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("notes.txt:1:1: "), "{error}");

    let error = read(b"{\"document\": 3}", "bad.json").unwrap_err();
    assert!(error.to_string().starts_with("bad.json: "), "{error}");

    let error = read(&[b'a', 0xff, 0xfe], "binary.bin").unwrap_err();
    assert_eq!(
        error.to_string(),
        "binary.bin: not UTF-8 text (at byte 1) and not a PDF"
    );

    let scanned = include_bytes!("../fixtures/scanned-page-2.pdf");
    let error = read(scanned, "scan.pdf").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("scan.pdf: page 2 of 2 has no text"),
        "{error}"
    );
}

#[test]
fn pdfs_are_told_by_their_header() {
    assert!(is_pdf(b"%PDF-1.4\n..."));
    assert!(is_pdf(b"\xef\xbb\xbfjunk%PDF-1.7"));
    assert!(!is_pdf(b"Para. in A/75/19"));
    assert!(!is_pdf(b""));
}
