//! The Special Committee's recommendation beside a response, in `show` and `export`: found in
//! the Committee's report the open matrix responds to, when the library keeps it
//! (`c34 add A_75_19.pdf`; `c34::library::Library::committee`).

use std::io::Write;

use serde_json::Value;

use c34::dataset::Dataset;
use c34::library::Library;
use c34::safe_format;
use c34::sanitize::{Printer, SafeText};
use c34::series::committee::CommitteeReport;

use super::data::{markdown_text, write_wrapped};
use super::output::HEADING;
use super::{Failure, warn};

/// The Committee's report `dataset` responds to, if the library keeps it. One that cannot be
/// read is named on standard error and left out.
pub(super) fn committee_of(dataset: &Dataset) -> Option<CommitteeReport> {
    match Library::open_default().committee(&dataset.document.responds_to) {
        Ok(report) => report,
        Err(error) => {
            warn(&safe_format!("{error} (skipped)"));
            None
        }
    }
}

/// `Recommendation (A/75/19, para. 37)`, its text wrapped, then `Response`: printed above a
/// response in `show` when the Committee's paragraph is known; nothing otherwise.
pub(super) fn write_text(
    committee: Option<&CommitteeReport>,
    para: u32,
    width: usize,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let Some(recommendation) = committee.and_then(|c| c.recommendation(para)) else {
        return Ok(());
    };
    let heading = safe_format!("Recommendation ({}, para. {para})", recommendation.symbol);
    out.styled_line(HEADING, &heading)?;
    for paragraph in &recommendation.text {
        write_wrapped(&SafeText::new(paragraph.as_str()), width, out)?;
    }
    out.blank()?;
    out.styled_line(HEADING, &SafeText::new("Response"))?;
    Ok(())
}

/// The recommendation as a quote (`> **A/75/19, para. 37:** …`) under a response's heading in
/// markdown, with a blank line before; nothing when it is not known.
pub(super) fn write_markdown(
    committee: Option<&CommitteeReport>,
    para: u32,
    out: &mut Printer<impl Write>,
) -> Result<(), Failure> {
    let Some(recommendation) = committee.and_then(|c| c.recommendation(para)) else {
        return Ok(());
    };
    out.blank()?;
    for (i, paragraph) in recommendation.text.iter().enumerate() {
        let paragraph = markdown_text(&SafeText::new(paragraph.as_str()));
        if i == 0 {
            let mut line = SafeText::new("> **");
            line.push(&markdown_text(&SafeText::line(
                recommendation.symbol.as_str(),
            )));
            line.push(&safe_format!(", para. {para}:** "));
            line.push(&paragraph);
            out.line(&line)?;
        } else {
            out.line(&SafeText::new(">"))?;
            let mut line = SafeText::new("> ");
            line.push(&paragraph);
            out.line(&line)?;
        }
    }
    Ok(())
}

/// The dataset as `export --format json` prints it with the Committee's report known: each
/// response object gains `"recommendation"` (or `null`). Without the report the dataset is
/// printed as it is, so that it reads back with `--data`.
pub(super) fn exported(dataset: &Dataset, committee: &CommitteeReport) -> Result<Value, Failure> {
    let mut value = serde_json::to_value(dataset).map_err(Failure::Json)?;
    let sections = value
        .get_mut("sections")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten();
    for section in sections {
        let responses = section
            .get_mut("recommendations")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten();
        for response in responses {
            let para = response
                .get("para")
                .and_then(Value::as_u64)
                .and_then(|para| u32::try_from(para).ok());
            let recommendation = para.and_then(|para| committee.recommendation(para));
            if let Some(object) = response.as_object_mut() {
                object.insert(
                    "recommendation".into(),
                    serde_json::to_value(recommendation).map_err(Failure::Json)?,
                );
            }
        }
    }
    Ok(value)
}
