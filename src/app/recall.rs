//! Search history in the `/` prompt: `Alt-↑` recalls an older query, `Alt-↓` a newer one and,
//! past the newest, what was being typed. The queries come from the history file through an
//! [`Outcome`](super::Outcome); a submitted query goes back to it as an
//! [`Effect`](super::Effect).

use super::{App, Overlay, Prompt};

/// Where the `/` prompt is in the history while recalling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recall {
    /// The queries, oldest first, as the history file holds them.
    pub queries: Vec<String>,
    /// The entry shown, and the text typed before recalling began.
    browsing: Option<(usize, String)>,
}

impl Recall {
    /// Forgets where the prompt was (a new search, an edit).
    pub fn reset(&mut self) {
        self.browsing = None;
    }

    /// The entry shown, if recalling.
    pub fn position(&self) -> Option<usize> {
        self.browsing.as_ref().map(|(index, _)| *index)
    }

    /// The text for one step older (`older`) or newer, given the prompt's text now; `None`
    /// when there is nowhere to go.
    fn step(&mut self, older: bool, typed: &str) -> Option<String> {
        let last = self.queries.len().checked_sub(1)?;
        let next = match (&self.browsing, older) {
            (None, true) => Some(last),
            // Nothing newer than the draft, nothing older than the oldest.
            (None, false) | (Some((0, _)), true) => return None,
            (Some((index, _)), true) => Some(index - 1),
            (Some((index, _)), false) if *index < last => Some(index + 1),
            (Some(_), false) => None,
        };
        match next {
            Some(index) => {
                let draft = match self.browsing.take() {
                    Some((_, draft)) => draft,
                    None => typed.to_string(),
                };
                self.browsing = Some((index, draft));
                self.queries.get(index).cloned()
            }
            // Past the newest: back to what was typed.
            None => self.browsing.take().map(|(_, draft)| draft),
        }
    }
}

impl App {
    /// `Alt-↑` / `Alt-↓` in the search: the previous or next query of the history, searched.
    pub(super) fn recall(&mut self, older: bool) {
        let Some(Overlay::Search(search)) = &mut self.overlay else {
            return;
        };
        let Some(text) = self.recall.step(older, search.query()) else {
            return;
        };
        search.prompt = Prompt::from(text.as_str());
        let hits = self
            .index
            .search(search.query(), super::finding::SEARCH_LIMIT);
        search.replace_items(hits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recalling_walks_back_and_returns_to_the_draft() {
        let mut recall = Recall {
            queries: vec!["mali".into(), "unmiss".into()],
            browsing: None,
        };
        assert_eq!(
            recall.step(false, "pea"),
            None,
            "nothing newer than the draft"
        );
        assert_eq!(recall.step(true, "pea").as_deref(), Some("unmiss"));
        assert_eq!(recall.step(true, "unmiss").as_deref(), Some("mali"));
        assert_eq!(recall.step(true, "mali"), None, "the oldest stays");
        assert_eq!(recall.position(), Some(0));
        assert_eq!(recall.step(false, "mali").as_deref(), Some("unmiss"));
        assert_eq!(
            recall.step(false, "unmiss").as_deref(),
            Some("pea"),
            "the draft"
        );
        assert_eq!(recall.position(), None);
        let mut empty = Recall::default();
        assert_eq!(empty.step(true, "x"), None);
    }
}
