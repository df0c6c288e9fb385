//! Terminal setup and the event loop (the browser is being built).

use crate::dataset::Dataset;

pub fn run(dataset: Dataset) -> std::io::Result<()> {
    let _ = dataset;
    Ok(())
}
