//! The series of reports: a matrix read from its PDF ([`pdf`]), the Special Committee's
//! recommendations its paragraph numbers refer to ([`committee`]), what changed between two
//! years' responses ([`compare`]), and the Committee's text as the search engine reads it
//! ([`recommendations`]). Nothing here knows about terminals.
//!
//! [`read_report`] takes any file `c34 add` accepts — a matrix or a committee report, as a PDF
//! or as converted text, or a dataset JSON — and says which it is.

pub mod committee;
pub mod compare;
pub mod pdf;
pub mod recommendations;

use std::path::{Path, PathBuf};

use crate::dataset::Dataset;
use crate::import::{ImportOptions, import};
use committee::{CHAPTER_TITLE, CommitteeError, CommitteeReport};
use pdf::PdfError;

/// A report read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// A matrix of responses (from its text, its PDF or a dataset JSON).
    Matrix(Box<Dataset>),
    /// A Special Committee report's recommendations.
    Committee(CommitteeReport),
}

/// Why a file is not a report.
#[derive(Debug, thiserror::Error)]
pub enum SeriesError {
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Committee(#[from] CommitteeError),
    /// The importer refused the text; `message` is its `line:column: problem`, and `page` the
    /// PDF page that line came from.
    #[error("{}:{message}{}", file.display(), page.map(|p| format!(" (page {p} of the PDF)")).unwrap_or_default())]
    Import {
        file: PathBuf,
        page: Option<u32>,
        message: String,
    },
    #[error("{}: {message}", file.display())]
    Dataset { file: PathBuf, message: String },
    #[error("{}: not UTF-8 text (at byte {offset}) and not a PDF", file.display())]
    NotText { file: PathBuf, offset: usize },
}

/// True when `bytes` are a PDF (its header may follow up to 1024 bytes of junk, as readers allow).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|window| window == b"%PDF-")
}

/// True when a text holds the Special Committee's chapter of proposals rather than a matrix.
pub fn is_committee_text(text: &str) -> bool {
    let heading = |line: &str| {
        let line = line.trim();
        line.len() >= CHAPTER_TITLE.len()
            && line
                .get(line.len() - CHAPTER_TITLE.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(CHAPTER_TITLE))
    };
    text.lines().any(heading) && !text.lines().any(|line| line.trim().starts_with("Para. in"))
}

/// Reads a matrix or a committee report from a file's bytes: a PDF is read with [`pdf`]; a text
/// starting with `{` is a dataset JSON; any other text is a committee report when it has the
/// chapter "Proposals, recommendations and conclusions" and no `Para. in` column heading, and a
/// matrix otherwise. `file` names the file in errors.
pub fn read_report(
    bytes: &[u8],
    file: &Path,
    options: &ImportOptions,
) -> Result<Report, SeriesError> {
    let (text, line_pages) = if is_pdf(bytes) {
        let extracted = pdf::extract(bytes, file)?;
        if !extracted.text.contains("Para. in") {
            // No column heading: running text, which only a committee report is.
            let text = pdf::document_text(bytes, file)?;
            if is_committee_text(&text) {
                return Ok(Report::Committee(committee::parse(&text, file)?));
            }
        }
        (extracted.text, Some(extracted.line_pages))
    } else {
        let text = std::str::from_utf8(bytes).map_err(|error| SeriesError::NotText {
            file: file.to_path_buf(),
            offset: error.valid_up_to(),
        })?;
        (text.to_string(), None)
    };
    if text.trim_start().starts_with('{') {
        return Dataset::from_json(&text)
            .map(|dataset| Report::Matrix(Box::new(dataset)))
            .map_err(|error| SeriesError::Dataset {
                file: file.to_path_buf(),
                message: error.to_string(),
            });
    }
    if is_committee_text(&text) {
        return Ok(Report::Committee(committee::parse(&text, file)?));
    }
    import(&text, options)
        .map(|dataset| Report::Matrix(Box::new(dataset)))
        .map_err(|error| {
            let message = error.to_string();
            // The importer's message starts with the line: "12:5: problem".
            let line: Option<usize> = message.split(':').next().and_then(|n| n.parse().ok());
            SeriesError::Import {
                file: file.to_path_buf(),
                page: line
                    .zip(line_pages.as_ref())
                    .and_then(|(line, pages)| pages.get(line.checked_sub(1)?).copied()),
                message,
            }
        })
}
