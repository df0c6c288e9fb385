//! A large dataset read in parts, one a thread: the search index and the missions check each
//! read every recommendation on its own, so the recommendations can be cut into runs of about
//! the same size of text, read at once on the machine's cores, and the results joined in order.

use crate::dataset::{Location, Recommendation};

/// Text of at least this many bytes (UTF-8) is read in parts; below it a thread costs more
/// than it saves (the report itself is about 100 kB).
pub const PARTS_FROM: usize = 1 << 20;

/// The most threads a dataset is read on.
const MAX_THREADS: usize = 4;

/// The bytes of response text in `recommendations`.
pub fn text_size(recommendations: &[(Location, &Recommendation)]) -> usize {
    recommendations.iter().map(size).sum()
}

fn size((_, recommendation): &(Location, &Recommendation)) -> usize {
    recommendation.paragraphs.iter().map(|p| p.len()).sum()
}

/// How many threads to read `size` bytes of text on: one below [`PARTS_FROM`], else as many
/// as there are cores, at most four.
pub fn threads_for(size: usize) -> usize {
    if size < PARTS_FROM {
        return 1;
    }
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS)
}

/// `recommendations` cut into at most `parts` runs of about the same size of text, in order.
pub fn split_by_size<'a, 'd>(
    recommendations: &'a [(Location, &'d Recommendation)],
    parts: usize,
) -> Vec<&'a [(Location, &'d Recommendation)]> {
    let total = text_size(recommendations);
    let share = total.div_ceil(parts.max(1)).max(1);
    let mut runs = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (i, recommendation) in recommendations.iter().enumerate() {
        filled += size(recommendation);
        if filled >= share {
            runs.push(&recommendations[start..=i]);
            (start, filled) = (i + 1, 0);
        }
    }
    if start < recommendations.len() {
        runs.push(&recommendations[start..]);
    }
    runs
}

/// `read` applied to `recommendations` cut into `threads` parts (see [`split_by_size`]), one
/// a thread, the results in the order of the parts; on this thread when there is one part.
/// A part's panic reaches the caller, as it would unthreaded.
pub fn read_in_parts<'a, 'd, T: Send>(
    recommendations: &'a [(Location, &'d Recommendation)],
    threads: usize,
    read: impl Fn(&'a [(Location, &'d Recommendation)]) -> T + Sync,
) -> Vec<T> {
    let parts = split_by_size(recommendations, threads);
    if parts.len() <= 1 {
        return vec![read(recommendations)];
    }
    std::thread::scope(|scope| {
        let read = &read;
        let workers: Vec<_> = parts
            .iter()
            .map(|&part| scope.spawn(move || read(part)))
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn parts_cover_every_recommendation_once_in_order() {
        let dataset = Dataset::embedded();
        let recommendations: Vec<_> = dataset.recommendations().collect();
        for threads in [1, 2, 3, 7, 500] {
            let parts = split_by_size(&recommendations, threads);
            assert!(parts.len() <= threads, "{threads}");
            assert!(parts.iter().all(|part| !part.is_empty()));
            let joined: Vec<u32> = parts.concat().iter().map(|(_, r)| r.para).collect();
            let all: Vec<u32> = recommendations.iter().map(|(_, r)| r.para).collect();
            assert_eq!(joined, all, "{threads}");
            let read = read_in_parts(&recommendations, threads, |part| {
                part.iter().map(|(_, r)| r.para).collect::<Vec<_>>()
            });
            assert_eq!(read.concat(), all, "{threads}");
        }
        assert_eq!(split_by_size(&recommendations, 3).len(), 3);
        assert_eq!(threads_for(PARTS_FROM - 1), 1);
    }
}
