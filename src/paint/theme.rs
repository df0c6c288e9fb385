//! Every style the browser uses, in one place. Without colour (`NO_COLOR`) the styles keep their
//! modifiers (reverse, bold, underline, italic) so selection, focus and highlights stay visible.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The frame of a pane; the focused one is drawn thick (and coloured) so it shows without colour.
    pub fn block(self, focused: bool) -> Block<'static> {
        let block = Block::bordered().border_style(self.block_border(focused));
        if focused {
            block
                .border_type(BorderType::Thick)
                .title_style(Style::new().add_modifier(Modifier::BOLD))
        } else {
            block
        }
    }

    pub fn block_border(self, focused: bool) -> Style {
        self.fg(if focused {
            Color::Cyan
        } else {
            Color::DarkGray
        })
    }

    /// The selected row: reversed in the focused pane, bold and underlined elsewhere.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            self.fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn plain(self) -> Style {
        Style::new()
    }

    /// Secondary text: counts, first words in the tree.
    pub fn muted(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// A recommendation the Secretariat says is not addressed to it.
    pub fn not_addressed(self) -> Style {
        self.fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC | Modifier::DIM)
    }

    /// Paragraph numbers and headings.
    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn section(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::ITALIC)
    }

    /// Mission and other acronyms in the reader.
    pub fn acronym(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Document symbols (A/75/19, S/2020/1179) and resolutions in the reader.
    pub fn symbol(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::UNDERLINED)
    }

    pub fn status(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A key name in the status bar or the help.
    pub fn key(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A message in the status bar (e.g. an unknown paragraph).
    pub fn message(self) -> Style {
        if self.color {
            // Not reversed by the status bar it sits on.
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
                .remove_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    /// Characters a search or picker query matched, in a result row. Bold and underlined so
    /// they show without colour, in a reversed (selected) row too.
    pub fn matched(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A search hit in the reader; the one `n`/`N` moved to also bold and underlined.
    pub fn hit(self, current: bool) -> Style {
        let style = if self.color {
            let background = if current {
                Color::LightRed
            } else {
                Color::Yellow
            };
            Style::new().fg(Color::Black).bg(background)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        };
        if current {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        }
    }

    /// The query line's text while it is the last search's, replaced by the next edit.
    pub fn replaceable(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The user's bookmark and note above a response: italic, so it shows without colour.
    pub fn note(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::ITALIC)
    }

    /// The Special Committee's recommendation above a response: italic, so it shows without
    /// colour and reads apart from the response.
    pub fn recommendation(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::ITALIC)
    }

    /// Text only the other report's response has: underlined (and green), besides its `{+ +}`.
    pub fn diff_insert(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::UNDERLINED)
    }

    /// Text only the open response has: struck out (and red), besides its `[- -]`.
    pub fn diff_delete(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn scrollbar_thumb(self) -> Style {
        self.fg(Color::Cyan)
    }
}
