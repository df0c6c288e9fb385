//! Going back and forward like a web browser: every jump (`:N`, a search result, a mission
//! pick, a click, `]` across a section, `}`) records the place it left; Backspace, `Ctrl-o` and
//! `Alt-←` go back, `Alt-→` forward.

use super::{App, Source};
use crate::dataset::Location;

/// The most places kept each way: more than anyone walks back through, and a bound on memory.
pub const TRAIL_LIMIT: usize = 100;

/// Where the reader was: the list it was reached through, the recommendation, the scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub source: Source,
    pub location: Location,
    /// The reader's first line shown (clamped to the text when the place is restored).
    pub scroll: usize,
}

/// The places behind and ahead, nearest last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}

impl Trail {
    /// Records `left` as the place a jump left; the places ahead are dropped, as in a browser.
    fn record(&mut self, left: Place) {
        if self.back.last() != Some(&left) {
            self.back.push(left);
            if self.back.len() > TRAIL_LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }
}

impl App {
    /// The place on screen now, if a recommendation is open.
    pub fn place(&self) -> Option<Place> {
        let (location, _) = self.current()?;
        Some(Place {
            source: self.list.source,
            location,
            scroll: self.reader.scroll,
        })
    }

    /// Runs a jump and records the place it left, if it went somewhere else.
    pub(super) fn jump_and_record(&mut self, jump: impl FnOnce(&mut App)) {
        let before = self.place();
        jump(self);
        let after = self.place();
        if let Some(before) = before
            && after.map(|place| (place.source, place.location))
                != Some((before.source, before.location))
        {
            self.trail.record(before);
        }
    }

    /// Backspace, `Ctrl-o`, `Alt-←`: the place before the last jump.
    pub(super) fn go_back(&mut self) {
        self.travel(true);
    }

    /// `Alt-→`: the place `go_back` left.
    pub(super) fn go_forward(&mut self) {
        self.travel(false);
    }

    fn travel(&mut self, back: bool) {
        let here = self.place();
        let (from, to) = if back {
            (&mut self.trail.back, &mut self.trail.forward)
        } else {
            (&mut self.trail.forward, &mut self.trail.back)
        };
        let Some(place) = from.pop() else {
            self.message = Some(if back {
                "Nothing to go back to".into()
            } else {
                "Nothing to go forward to".into()
            });
            return;
        };
        if let Some(here) = here {
            to.push(here);
        }
        self.restore(place);
    }

    /// Shows `place`: its list, its recommendation selected, the reader where it was.
    fn restore(&mut self, place: Place) {
        if let Source::Section(_) = place.source {
            self.open(place.location);
        } else {
            if self.list.source != place.source {
                self.set_source(place.source);
            }
            let index = self
                .list
                .items
                .iter()
                .position(|&location| location == place.location);
            match index {
                Some(index) => self.select_item(index),
                None => self.open(place.location),
            }
        }
        self.settle();
        self.reader.scroll = place.scroll.min(self.max_scroll());
    }
}
