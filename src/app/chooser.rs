//! One chooser for every picker: a prompt, the items it finds, and a scrolled selection. The
//! search results and the mission picker are both `Chooser`s.

use super::prompt::Prompt;
use super::scroll::{Motion, Scroll};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser<T> {
    pub prompt: Prompt,
    /// What the prompt finds, best first.
    pub items: Vec<T>,
    pub scroll: Scroll,
}

impl<T> Default for Chooser<T> {
    fn default() -> Chooser<T> {
        Chooser::new(Prompt::default(), Vec::new())
    }
}

impl<T> Chooser<T> {
    pub fn new(prompt: Prompt, items: Vec<T>) -> Chooser<T> {
        Chooser {
            prompt,
            items,
            scroll: Scroll::default(),
        }
    }

    /// The prompt's text.
    pub fn query(&self) -> &str {
        self.prompt.value()
    }

    pub fn selected(&self) -> Option<&T> {
        self.items.get(self.scroll.selected)
    }

    /// New items for an edited query; the best is selected.
    pub fn replace_items(&mut self, items: Vec<T>) {
        self.items = items;
        self.scroll = Scroll::default();
    }

    /// Moves the selection `times` times; a page is `page` items.
    pub fn apply(&mut self, motion: Motion, times: usize, page: usize) {
        self.scroll.apply(motion, times, self.items.len(), page);
    }

    /// The mouse wheel: the selection `lines` items down (or up), kept in view.
    pub fn wheel(&mut self, down: bool, lines: usize, page: usize) {
        let at = self.scroll.selected;
        let index = if down {
            at.saturating_add(lines)
        } else {
            at.saturating_sub(lines)
        };
        self.select(index, page);
    }

    /// Selects item `index` (clamped) and keeps it in view.
    pub fn select(&mut self, index: usize, page: usize) {
        self.scroll.select(index, self.items.len(), page);
    }

    /// Keeps the selection inside the items and in view for a page of `page` items.
    pub fn settle(&mut self, page: usize) {
        let page = page.max(1);
        self.scroll.clamp(self.items.len(), Some(page));
        self.scroll.reveal(page);
    }
}
