//! `search` and `missions` (implemented with the search engine).

use std::io::Write;

use c34::dataset::Dataset;

use super::{Failure, Outcome};

pub fn search(
    dataset: &Dataset,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let _ = (dataset, query, limit, json, out);
    Err(Failure::Message("search is not built yet".into()))
}

pub fn missions(dataset: &Dataset, json: bool, out: &mut impl Write) -> Result<Outcome, Failure> {
    let _ = (dataset, json, out);
    Err(Failure::Message("missions are not built yet".into()))
}
