//! Any string given to the query parser and the search engine yields hits or none, never a
//! panic; every highlight range it returns lies inside its text on character boundaries.
#![no_main]

use std::sync::LazyLock;

use c34::dataset::Dataset;
use c34::search::{Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

static DATASET: LazyLock<Dataset> = LazyLock::new(Dataset::embedded);
static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| SearchIndex::new(&DATASET));

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Query::parse(input);
    for hit in INDEX.search(input, 50) {
        let rec = DATASET.get(hit.location).expect("hits point at recommendations");
        for highlight in &hit.highlights {
            let paragraph = &rec.paragraphs[highlight.paragraph];
            assert!(paragraph.get(highlight.range.clone()).is_some());
        }
        for range in &hit.snippet.highlights {
            assert!(hit.snippet.text.get(range.clone()).is_some());
        }
        for found in &hit.missions {
            assert!(c34::missions::entry(&found.acronym).is_some());
        }
        let clipped = hit.snippet.clip(20);
        for range in &clipped.highlights {
            assert!(clipped.text.get(range.clone()).is_some());
        }
    }
});
