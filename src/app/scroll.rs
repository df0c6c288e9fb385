//! One scroll type for every list: a selected row and the first row shown.

pub use crate::command::Motion;

/// A selection in a list of `len` rows and the first row shown in a viewport of `height` rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Index of the selected row (0 when the list is empty).
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

/// A position after `motion` with pages of `page` rows, within `0..=last`.
pub fn moved(position: usize, motion: Motion, page: usize, last: usize) -> usize {
    moved_by(position, motion, 1, page, last)
}

/// A position after `motion` done `times` times (a count), within `0..=last`.
pub fn moved_by(position: usize, motion: Motion, times: usize, page: usize, last: usize) -> usize {
    let half = (page / 2).max(1);
    let target = match motion {
        Motion::Up | Motion::LineUp => position.saturating_sub(times),
        Motion::Down | Motion::LineDown => position.saturating_add(times),
        Motion::PageUp => position.saturating_sub(page.saturating_mul(times)),
        Motion::PageDown => position.saturating_add(page.saturating_mul(times)),
        Motion::HalfPageUp => position.saturating_sub(half.saturating_mul(times)),
        Motion::HalfPageDown => position.saturating_add(half.saturating_mul(times)),
        Motion::Top => 0,
        Motion::Bottom => last,
        Motion::To(row) => row,
    };
    target.min(last)
}

impl Scroll {
    /// Selects row `index` of a list of `len` (clamped) and keeps it in a view of `height`.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.reveal(height);
    }

    /// Moves the selection by `motion`, a page being the view's `height` rows.
    pub fn apply(&mut self, motion: Motion, times: usize, len: usize, height: usize) {
        let last = len.saturating_sub(1);
        let target = moved_by(self.selected, motion, times, height.max(1), last);
        self.select(target, len, height);
    }

    /// Moves the offset the least needed to show the selection in a view of `height` rows
    /// (nothing for a hidden view).
    pub fn reveal(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Puts the selection inside a list of `len` and the offset inside its view of `height`.
    pub fn clamp(&mut self, len: usize, height: Option<usize>) {
        self.selected = self.selected.min(len.saturating_sub(1));
        if let Some(height) = height {
            self.offset = self.offset.min(len.saturating_sub(height));
        } else {
            self.offset = 0;
        }
    }

    /// The row of a list under view row `row`, if there is one.
    pub fn row_at(&self, row: usize, len: usize) -> Option<usize> {
        Some(self.offset + row).filter(|&index| index < len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_stays_inside_the_range() {
        assert_eq!(moved(0, Motion::Up, 10, 5), 0);
        assert_eq!(moved(5, Motion::Down, 10, 5), 5);
        assert_eq!(moved(2, Motion::PageDown, 10, 5), 5);
        assert_eq!(moved(4, Motion::HalfPageUp, 10, 5), 0);
        assert_eq!(moved(3, Motion::Bottom, 10, 5), 5);
        assert_eq!(moved(3, Motion::HalfPageDown, 1, 9), 4);
        assert_eq!(moved_by(3, Motion::Down, 5, 10, 50), 8);
        assert_eq!(moved_by(3, Motion::PageDown, 3, 10, 50), 33);
        assert_eq!(moved_by(3, Motion::To(9), 1, 10, 50), 9);
        assert_eq!(moved_by(3, Motion::To(90), 1, 10, 50), 50);
        assert_eq!(moved_by(3, Motion::Up, usize::MAX, 10, 50), 0);
    }

    #[test]
    fn reveal_moves_the_offset_the_least() {
        let mut scroll = Scroll {
            selected: 12,
            offset: 0,
        };
        scroll.reveal(10);
        assert_eq!(scroll.offset, 3);
        scroll.selected = 5;
        scroll.reveal(10);
        assert_eq!(scroll.offset, 3);
        scroll.selected = 1;
        scroll.reveal(10);
        assert_eq!(scroll.offset, 1);
        scroll.selected = 50;
        scroll.reveal(0);
        assert_eq!(scroll.offset, 1);
    }

    #[test]
    fn clamp_keeps_selection_and_offset_inside() {
        let mut scroll = Scroll {
            selected: 30,
            offset: 25,
        };
        scroll.clamp(20, Some(10));
        assert_eq!(
            scroll,
            Scroll {
                selected: 19,
                offset: 10
            }
        );
        scroll.clamp(0, None);
        assert_eq!(scroll, Scroll::default());
    }
}
