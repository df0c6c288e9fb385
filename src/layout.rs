//! Where everything goes on the screen, as plain functions of sizes and counts. Below both the
//! state ([`crate::app`]) and the drawing ([`crate::ui`]): the state asks it how many rows a pane
//! shows and where a click lands, the renderer draws inside the same rectangles, so the two
//! always agree. No `App`, no widgets, no terminal.

use ratatui::layout::{Margin, Position, Rect};

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    List,
    Reader,
}

/// Below this width the section tree is not beside the list: it takes the list's place while
/// it has the focus, so the list and a reader of 50 cells or more fit (at 80 columns: a list
/// of 24, a reader of 56).
pub const TREE_MIN_WIDTH: u16 = 100;
/// The narrowest tree, list and reader when all three are shown.
pub const TREE_MIN: u16 = 22;
pub const LIST_MIN: u16 = 24;
pub const READER_MIN: u16 = TREE_MIN_WIDTH - TREE_MIN - LIST_MIN;
/// A reader this wide (borders included) reads well; past it the tree and the list grow first.
pub const READER_COMFORT: u16 = 66;
/// The list grows to this width along with the reader: two rows of about 20 characters.
pub const LIST_COMFORT: u16 = 30;
/// The widest a list gets by default (its entries' opening words, two rows each).
pub const LIST_WANT: u16 = 60;
/// Below this width only the focused pane (tree, list or reader) is shown, full width.
pub const SPLIT_MIN_WIDTH: u16 = 60;
/// Below this size only a one-line "terminal too small" message is drawn.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// The title line is shown only when there is room to spare for it.
pub const TITLE_MIN_HEIGHT: u16 = 15;
/// The tree's expand marker (`▸ `): a click on these cells toggles the branch.
pub const TREE_MARKER_WIDTH: u16 = 2;
/// The longest line the reader wraps to: on wide screens longer lines are hard to follow.
pub const READER_MAX_MEASURE: u16 = 90;
/// The widest the search box and the mission picker get.
pub const OVERLAY_MAX_WIDTH: u16 = 110;
/// Below this width an overlay covers the whole screen above the status bar.
pub const OVERLAY_FULL_SCREEN_BELOW: u16 = 60;
/// The widest the help box gets.
pub const HELP_MAX_WIDTH: u16 = 70;

/// Where each part of the screen goes; panes that do not fit are `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Option<Rect>,
    pub tree: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Option<Rect>,
}

impl Screen {
    /// True when the terminal is below the minimum size and nothing but a message is drawn.
    pub fn too_small(&self) -> bool {
        self.status.is_none()
    }

    /// The outer rectangle (borders included) of a pane, if it is on screen.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Tree => self.tree,
            Pane::List => self.list,
            Pane::Reader => self.reader,
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, position: Position) -> Option<Pane> {
        [Pane::Tree, Pane::List, Pane::Reader]
            .into_iter()
            .find(|&pane| self.pane(pane).is_some_and(|rect| rect.contains(position)))
    }

    /// The rows of a pane inside its borders.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        self.pane(pane).map(inner)
    }

    /// Where the reader's text goes.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.and_then(reader_text_area)
    }
}

/// The panes, left to right: the focus reaches each at every width (a pane that does not fit
/// beside the others takes a neighbour's place while it has the focus).
pub const PANES: [Pane; 3] = [Pane::Tree, Pane::List, Pane::Reader];

/// Whether a body `width` cells wide shows the tree beside the list.
pub fn tree_beside_list(width: u16) -> bool {
    width >= TREE_MIN_WIDTH
}

/// How wide the tree and the list would like to be, borders included: the tree as wide as its
/// widest section row (so every title shows in full when there is room), the list as wide as
/// its entries' opening words are worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreferredWidths {
    pub tree: u16,
    pub list: u16,
}

impl Default for PreferredWidths {
    fn default() -> PreferredWidths {
        PreferredWidths {
            tree: 40,
            list: LIST_WANT,
        }
    }
}

/// The widths of the tree, the list and the reader on a body `width` cells wide, all three
/// shown (`width` at least [`TREE_MIN_WIDTH`]): each starts at its minimum; then the three
/// grow a cell at a time each, until the reader is comfortable and the list shows about 40
/// characters of each entry; then the tree grows to show every
/// title, the list to show more words, and the reader takes the rest (its text stays capped at
/// [`READER_MAX_MEASURE`]).
pub fn three_panes(width: u16, preferred: PreferredWidths) -> (u16, u16, u16) {
    let mut tree = TREE_MIN;
    let mut list = LIST_MIN;
    let mut reader = READER_MIN.min(width.saturating_sub(tree + list));
    let mut spare = width.saturating_sub(tree + list + reader);
    let give = |spare: &mut u16, size: &mut u16, cap: u16, most: u16| {
        let add = cap.saturating_sub(*size).min(*spare).min(most);
        *size += add;
        *spare -= add;
        add
    };
    loop {
        let given = give(&mut spare, &mut reader, READER_COMFORT, 1)
            + give(&mut spare, &mut tree, preferred.tree, 1)
            + give(&mut spare, &mut list, LIST_COMFORT.min(preferred.list), 1);
        if given == 0 {
            break;
        }
    }
    give(&mut spare, &mut tree, preferred.tree, u16::MAX);
    give(&mut spare, &mut list, preferred.list, u16::MAX);
    reader += spare;
    (tree, list, reader)
}

/// The layout of a screen of `area` with `focus` on a pane, the tree and the list growing
/// towards `preferred` when there is room.
pub fn screen_for(area: Rect, focus: Pane, preferred: PreferredWidths) -> Screen {
    let mut screen = Screen {
        area,
        ..Screen::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return screen;
    }
    let mut body = area;
    if area.height >= TITLE_MIN_HEIGHT {
        screen.title = Some(Rect { height: 1, ..area });
        body.y += 1;
        body.height -= 1;
    }
    body.height -= 1;
    screen.status = Some(Rect {
        y: body.bottom(),
        height: 1,
        ..body
    });
    if tree_beside_list(body.width) {
        let (tree, list, _) = three_panes(body.width, preferred);
        screen.tree = Some(take_left(&mut body, tree));
        screen.list = Some(take_left(&mut body, list));
        screen.reader = Some(body);
    } else if body.width >= SPLIT_MIN_WIDTH {
        let list = u16::try_from(u32::from(body.width) * 3 / 10)
            .unwrap_or(u16::MAX)
            .clamp(18, 28);
        // The tree, focused, takes the list's place beside the reader.
        let left = Some(take_left(&mut body, list));
        if focus == Pane::Tree {
            screen.tree = left;
        } else {
            screen.list = left;
        }
        screen.reader = Some(body);
    } else {
        match focus {
            Pane::Tree => screen.tree = Some(body),
            Pane::List => screen.list = Some(body),
            Pane::Reader => screen.reader = Some(body),
        }
    }
    screen
}

/// Cuts a column of `width` cells off the left of `area`.
fn take_left(area: &mut Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    let left = Rect { width, ..*area };
    area.x += width;
    area.width -= width;
    left
}

/// Rows per entry of the list whose inside is `inner`: two (the paragraph number and the
/// opening words, then more of them) when it is tall enough, else one.
pub fn list_item_height(inner: Rect) -> u16 {
    if inner.height >= LIST_TWO_LINES_MIN_HEIGHT {
        2
    } else {
        1
    }
}

/// A list at least this tall gives each entry two rows.
pub const LIST_TWO_LINES_MIN_HEIGHT: u16 = 8;

/// A bordered box's inside.
pub fn inner(rect: Rect) -> Rect {
    rect.inner(Margin::new(1, 1))
}

/// The text area of a reader pane: inside the borders, one cell of padding either side, at
/// most [`READER_MAX_MEASURE`] cells wide.
pub fn reader_text_area(pane: Rect) -> Option<Rect> {
    let area = inner(pane).inner(Margin::new(1, 0));
    Some(Rect {
        width: area.width.min(READER_MAX_MEASURE),
        ..area
    })
    .filter(|r| !r.is_empty())
}

/// The largest first-row offset for `rows` rows in a viewport of `height` rows.
pub fn max_offset(rows: usize, height: usize) -> usize {
    rows.saturating_sub(height)
}

/// The box of a prompt overlay (search, mission picker, note editor): where its frame, query
/// line, rule and list go; all empty when the screen has no room for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromptBox {
    /// The box, borders included.
    pub frame: Rect,
    pub query: Rect,
    pub rule: Rect,
    /// The rows of results.
    pub list: Rect,
}

/// The parts of a box at most `max_width` cells wide and `wanted_height` rows tall on a screen
/// of `area` (the last row is the status bar's).
pub fn prompt_box(area: Rect, max_width: u16, wanted_height: u16) -> PromptBox {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return PromptBox::default();
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let frame = if body.width < OVERLAY_FULL_SCREEN_BELOW {
        body
    } else {
        let width = (body.width - 4).min(max_width);
        let height = body.height.saturating_sub(2).min(wanted_height);
        Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        }
    };
    let inside = frame.inner(Margin::new(1, 1));
    if inside.is_empty() {
        return PromptBox {
            frame,
            ..PromptBox::default()
        };
    }
    let query = Rect {
        height: 1,
        ..inside
    };
    let mut list = Rect {
        y: inside.y + 1,
        height: inside.height - 1,
        ..inside
    };
    let mut rule = Rect::default();
    if list.height >= 3 {
        rule = Rect { height: 1, ..list };
        list.y += 1;
        list.height -= 1;
    }
    PromptBox {
        frame,
        query,
        rule,
        list,
    }
}

/// The search box on a screen of `area`.
pub fn search_box(area: Rect) -> PromptBox {
    prompt_box(area, OVERLAY_MAX_WIDTH, u16::MAX)
}

/// Rows per search result: the heading line over the snippet, or one line when space is short.
pub fn result_height(list: Rect) -> u16 {
    if list.height >= 6 { 2 } else { 1 }
}

/// How many search results are shown at once on a screen of `area`.
pub fn search_page(area: Rect) -> usize {
    let list = search_box(area).list;
    usize::from(list.height / result_height(list))
}

/// The mission picker on a screen of `area` for `missions` missions: tall enough for all of
/// them, so it keeps its size while the list is filtered.
pub fn picker_box(area: Rect, missions: usize) -> PromptBox {
    // Borders, the query line and the rule.
    let wanted = u16::try_from(missions)
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    prompt_box(area, OVERLAY_MAX_WIDTH, wanted)
}

/// How many missions the picker shows at once.
pub fn picker_page(area: Rect, missions: usize) -> usize {
    usize::from(picker_box(area, missions).list.height)
}

/// The width of the help box's text on a screen of `area`.
pub fn help_text_width(area: Rect) -> usize {
    usize::from(
        area.width
            .saturating_sub(4)
            .min(HELP_MAX_WIDTH)
            .saturating_sub(2),
    )
}

/// The help box on a screen of `area` for a help text of `lines` lines: centred, at most
/// [`HELP_MAX_WIDTH`] cells wide, as tall as it needs.
pub fn help_frame(area: Rect, lines: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(HELP_MAX_WIDTH);
    let needed = u16::try_from(lines).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(needed.saturating_add(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The rows of help text shown at once in a help box of `frame`.
pub fn help_viewport(frame: Rect) -> Rect {
    inner(frame)
}

/// The widest cell of the missions × sections matrix: a space, three shading characters, a
/// count of up to three digits.
pub const MATRIX_CELL_WIDTH: u16 = 7;
/// The narrowest: a space, one shading character, the count. Every section fits at 80
/// columns with cells between the two.
pub const MATRIX_MIN_CELL_WIDTH: u16 = 5;
/// The width of the matrix's total column.
pub const MATRIX_TOTAL_WIDTH: u16 = 8;
/// Lines under the matrix kept while the mission rows scroll: the legend, then the cell under
/// the cursor.
pub const MATRIX_FOOTER_LINES: u16 = 2;
/// Mission rows kept in view before the footer takes more lines (the key to the sections).
pub const MATRIX_MIN_ROWS: u16 = 8;

/// What the matrix has to show, for [`matrix_view`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixShape {
    /// The mission column's width.
    pub label_width: u16,
    /// Each cell's width, [`MATRIX_MIN_CELL_WIDTH`] to [`MATRIX_CELL_WIDTH`].
    pub cell_width: u16,
    /// Missions (rows) and sections (columns).
    pub rows: usize,
    pub cols: usize,
    /// The lines the footer would like: the key to the sections, the legend, the cell.
    pub footer_lines: u16,
}

/// Where the parts of the full-screen matrix go; all empty when the screen has no room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixView {
    /// The box, borders included: everything above the status bar.
    pub frame: Rect,
    /// The column headings.
    pub header: Rect,
    /// The mission rows shown.
    pub body: Rect,
    /// The total row.
    pub totals: Rect,
    /// The key, the legend and the line about the cell under the cursor (as many as fit, the
    /// last ones first).
    pub footer: Rect,
    /// The mission column's width.
    pub label_width: u16,
    /// Each cell's width.
    pub cell_width: u16,
    /// How many rows and columns of cells are shown at once.
    pub rows: usize,
    pub cols: usize,
}

impl MatrixView {
    /// The rectangle of the cell shown `row` rows and `col` columns from the top left.
    pub fn cell(&self, row: usize, col: usize) -> Option<Rect> {
        if row >= self.rows || col >= self.cols {
            return None;
        }
        let x = u16::try_from(col).ok()?.checked_mul(self.cell_width)?;
        Some(Rect {
            x: self.body.x + self.label_width + x,
            y: self.body.y + u16::try_from(row).ok()?,
            width: self.cell_width,
            height: 1,
        })
    }

    /// The cell shown under a screen position, as (row, column) from the top left.
    pub fn cell_at(&self, position: Position) -> Option<(usize, usize)> {
        if !self.body.contains(position)
            || position.x < self.body.x + self.label_width
            || self.cell_width == 0
        {
            return None;
        }
        let row = usize::from(position.y - self.body.y);
        let col = usize::from((position.x - self.body.x - self.label_width) / self.cell_width);
        (row < self.rows && col < self.cols).then_some((row, col))
    }
}

/// The width inside the matrix's box on a screen `width` cells wide.
pub fn matrix_inner_width(width: u16) -> u16 {
    width.saturating_sub(2)
}

/// The matrix of `shape` on a screen of `area`: as many rows and columns as fit, the total
/// row and column always shown; the footer's first two lines kept, more of it (the key) only
/// while [`MATRIX_MIN_ROWS`] mission rows stay in view.
pub fn matrix_view(area: Rect, shape: MatrixShape) -> MatrixView {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return MatrixView::default();
    }
    let frame = Rect {
        height: area.height - 1,
        ..area
    };
    let inside = inner(frame);
    // The heading and the total row come first; the footer only if there is room.
    let fixed = 2;
    let free = inside.height.saturating_sub(fixed);
    let base = free
        .saturating_sub(1)
        .min(MATRIX_FOOTER_LINES)
        .min(shape.footer_lines);
    let rows = u16::try_from(shape.rows).unwrap_or(u16::MAX);
    let extra = free
        .saturating_sub(base + rows.min(MATRIX_MIN_ROWS))
        .min(shape.footer_lines.saturating_sub(base));
    let footer_height = base + extra;
    let room = free.saturating_sub(footer_height);
    let shown_rows = rows.min(room);
    let label_width = shape.label_width.min(inside.width);
    let cell_width = shape.cell_width.max(1);
    let cells_room = inside
        .width
        .saturating_sub(label_width)
        .saturating_sub(MATRIX_TOTAL_WIDTH);
    let shown_cols = usize::from(cells_room / cell_width).min(shape.cols);
    let line = |y: u16, height: u16| Rect {
        y,
        height,
        ..inside
    };
    let header = line(inside.y, inside.height.min(1));
    let body = line(inside.y + header.height, shown_rows);
    let totals = line(
        body.bottom(),
        inside.height.saturating_sub(1 + shown_rows).min(1),
    );
    let footer = line(totals.bottom(), footer_height);
    MatrixView {
        frame,
        header,
        body,
        totals,
        footer,
        label_width,
        cell_width,
        rows: usize::from(shown_rows),
        cols: shown_cols,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout of a screen of `area` with `focus` on a pane, for a tree and a list of the
    /// default [`PreferredWidths`].
    fn screen(area: Rect, focus: Pane) -> Screen {
        screen_for(area, focus, PreferredWidths::default())
    }

    #[test]
    fn layout_degrades_with_width() {
        let wide = screen(Rect::new(0, 0, 120, 40), Pane::Tree);
        assert!(wide.tree.is_some() && wide.list.is_some() && wide.reader.is_some());
        assert!(wide.title.is_some());
        let total: u16 = [wide.tree, wide.list, wide.reader]
            .iter()
            .flatten()
            .map(|r| r.width)
            .sum();
        assert_eq!(total, 120);

        let medium = screen(Rect::new(0, 0, 80, 20), Pane::List);
        assert!(medium.tree.is_none() && medium.list.is_some() && medium.reader.is_some());

        let narrow = screen(Rect::new(0, 0, 40, 12), Pane::Reader);
        assert!(narrow.list.is_none() && narrow.reader.is_some() && narrow.title.is_none());

        assert!(screen(Rect::new(0, 0, 20, 5), Pane::List).too_small());
        assert!(screen(Rect::new(0, 0, 200, 3), Pane::List).too_small());
        assert!(screen(Rect::new(0, 0, 1, 1), Pane::List).too_small());
    }

    #[test]
    fn the_width_goes_to_the_reader_then_the_tree_then_the_list() {
        let preferred = PreferredWidths { tree: 63, list: 60 };
        let at = |width| three_panes(width, preferred);
        for width in [100, 120, 160, 200, 400] {
            let (tree, list, reader) = at(width);
            assert_eq!(tree + list + reader, width);
            assert!(tree >= TREE_MIN && list >= LIST_MIN && reader >= READER_MIN);
        }
        assert_eq!(at(100), (22, 24, 54));
        let (tree, list, reader) = at(120);
        assert!(reader >= 60 && tree >= 26 && list >= 30, "{:?}", at(120));
        assert_eq!(at(160).0, 63, "every title in full at 160");
        let (_, list, reader) = at(200);
        assert_eq!(list, 60);
        assert!(reader >= READER_COMFORT);
        // At 80 the tree is hidden and the reader has 50 cells of text or more.
        let screen = screen(Rect::new(0, 0, 80, 24), Pane::List);
        assert!(screen.tree.is_none());
        assert!(screen.reader_text().unwrap().width >= 50);
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_pointer() {
        let screen = screen(Rect::new(0, 0, 120, 40), Pane::Tree);
        let list = screen.list.unwrap();
        assert_eq!(
            screen.pane_at(Position::new(list.x + 1, list.y + 1)),
            Some(Pane::List)
        );
        assert_eq!(screen.pane_at(Position::new(0, 0)), None);
    }

    #[test]
    fn the_box_is_centred_or_full_screen() {
        let wide = prompt_box(Rect::new(0, 0, 120, 40), 100, u16::MAX);
        assert_eq!(wide.frame, Rect::new(10, 1, 100, 37));
        assert_eq!(wide.query.y, 2);
        assert_eq!(wide.list.y, 4);
        let narrow = prompt_box(Rect::new(0, 0, 50, 16), 100, u16::MAX);
        assert_eq!(
            narrow.frame,
            Rect::new(0, 0, 50, 15),
            "all but the status bar"
        );
        let short = prompt_box(Rect::new(0, 0, 120, 40), 100, 10);
        assert_eq!(short.frame.height, 10);
        assert_eq!(
            prompt_box(Rect::new(0, 0, 1, 1), 100, 10),
            PromptBox::default()
        );
        assert_eq!(prompt_box(Rect::new(0, 0, 30, 6), 100, 10).list.height, 2);
    }

    #[test]
    fn the_matrix_shows_what_fits_and_keeps_its_totals() {
        let shape = |label, cell_width, footer_lines| MatrixShape {
            label_width: label,
            cell_width,
            rows: 14,
            cols: 9,
            footer_lines,
        };
        let wide = matrix_view(Rect::new(0, 0, 120, 40), shape(9, 7, 2));
        assert_eq!((wide.rows, wide.cols), (14, 9));
        assert_eq!(wide.frame, Rect::new(0, 0, 120, 39));
        assert_eq!((wide.header.y, wide.body.y, wide.totals.y), (1, 2, 16));
        assert_eq!(wide.footer, Rect::new(1, 17, 118, 2));
        assert_eq!(wide.cell(0, 0), Some(Rect::new(10, 2, 7, 1)));
        assert_eq!(wide.cell_at(Position::new(17, 3)), Some((1, 1)));
        assert_eq!(
            wide.cell_at(Position::new(9, 3)),
            None,
            "the mission column"
        );
        // 78 inner cells: 9 for the missions, 8 for the totals, 8 cells of 7 or 9 of 6.
        let small = matrix_view(Rect::new(0, 0, 80, 12), shape(9, 7, 2));
        assert_eq!((small.rows, small.cols), (5, 8));
        let narrower = matrix_view(Rect::new(0, 0, 80, 12), shape(9, 6, 2));
        assert_eq!(narrower.cols, 9);
        assert_eq!(narrower.cell_at(Position::new(1 + 9 + 6, 2)), Some((0, 1)));
        // A footer of six lines: all of it while eight rows stay (21 inner rows: heading,
        // total, 6 footer, 13 missions), else its last two (11: heading, total, 2, 7).
        let keyed = matrix_view(Rect::new(0, 0, 80, 24), shape(9, 6, 6));
        assert_eq!((keyed.rows, keyed.footer.height), (13, 6));
        let short = matrix_view(Rect::new(0, 0, 80, 14), shape(9, 6, 6));
        assert_eq!((short.rows, short.footer.height), (7, 2));
        assert_eq!(
            matrix_view(Rect::new(0, 0, 1, 1), shape(9, 7, 2)),
            MatrixView::default()
        );
        let tiny = matrix_view(Rect::new(0, 0, 24, 6), shape(9, 7, 2));
        assert_eq!((tiny.rows, tiny.cols, tiny.footer.height), (1, 0, 0));
    }

    #[test]
    fn the_help_box_fits_its_text_or_the_screen() {
        let area = Rect::new(0, 0, 120, 40);
        assert_eq!(help_text_width(area), 68);
        assert_eq!(help_frame(area, 10), Rect::new(25, 14, 70, 12));
        assert_eq!(help_frame(area, 100).height, 38);
        assert_eq!(help_frame(Rect::new(0, 0, 1, 1), 5).width, 0);
    }
}
