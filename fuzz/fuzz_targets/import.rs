//! Any bytes given to the importer yield a dataset or an error, never a panic; a dataset it
//! returns is valid and survives a JSON round trip.
#![no_main]

use c34::dataset::Dataset;
use c34::import::{ImportOptions, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(dataset) = import(&text, &ImportOptions::default()) {
        assert!(dataset.validate().is_ok());
        assert_eq!(Dataset::from_json(&dataset.to_json()).ok(), Some(dataset));
    }
});
