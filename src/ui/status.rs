//! The bottom line: where you are (section, ¶, n of m) or a message, the `:` prompt when it is
//! open, and the keys that work in the focused pane.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, clip, safe_span, width};
use crate::app::{App, Keymap, Overlay, Source};
use crate::bindings;
use crate::dataset::Location;
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::safe_format;
use crate::sanitize::SafeText;

pub fn render(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let cells = usize::from(rect.width);
    let mut hints = bindings::hints(app.keymap(), app.focus());
    if app.keymap() == Keymap::Normal && app.found().is_some() {
        hints.insert(0, bindings::CLEAR_HITS_HINT);
    }
    // With the mouse left to the terminal, the bar says so while it lasts (the `M` hint
    // names the key otherwise).
    if !app.mouse_captured() {
        hints.retain(|hint| hint.0 != bindings::MOUSE_OFF_HINT.0);
        hints.insert(0, bindings::MOUSE_OFF_HINT);
    }
    let (left, left_style) = match (app.overlay(), app.message_text()) {
        // The paragraph being left stays in view after what is typed.
        (Some(Overlay::Jump(jump)), _) => (
            safe_format!(" :{} · from {}", jump.prompt().value(), para(app)),
            theme.status(),
        ),
        // The paragraph stays in view beside a message.
        (_, Some(message)) => (
            safe_format!(" {}{} · {message}", count(app), para(app)),
            theme.message(),
        ),
        _ => (
            safe_format!(" {}{}", count(app), location(app, cells)),
            theme.status(),
        ),
    };
    // In the search and the picker their keys come first; the location only if it still fits.
    // A message comes first anyway: it answers the key just pressed (Ctrl-t in the search).
    let keys_first = app.message_text().is_none()
        && matches!(
            app.keymap(),
            Keymap::Search | Keymap::Missions | Keymap::Note
        );
    let full_left = left;
    let left = if keys_first {
        SafeText::default()
    } else {
        // Safe text cut to fit: checked again, without a copy.
        SafeText::line(clip(&full_left, cells))
    };
    let mut used = width(&left);
    // Hints go right-aligned, as many as fit after the location: help (and Esc) first, then
    // search and quit, then the rest.
    let tier = |hint: &(&str, &str)| match hint.0 {
        _ if *hint == bindings::MOUSE_OFF_HINT => 0,
        "?" | "Esc" => 0,
        "/" | "q" => 1,
        _ => 2,
    };
    let item_width = |(key, action): &(&str, &str)| width(key) + 1 + width(action) + 2;
    let mut room = cells.saturating_sub(used + 2);
    let mut shown = vec![false; hints.len()];
    for pass in 0..3 {
        for (index, hint) in hints.iter().enumerate() {
            if tier(hint) == pass && item_width(hint) <= room {
                shown[index] = true;
                room -= item_width(hint);
            }
        }
    }
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    for (hint, _) in hints.iter().zip(&shown).filter(|(_, shown)| **shown) {
        right.push(Span::styled(hint.0.to_string(), theme.key()));
        right.push(Span::raw(format!(" {}  ", hint.1)));
        right_width += item_width(hint);
    }
    let left = if keys_first && width(&full_left) + right_width < cells {
        full_left
    } else {
        left
    };
    used = width(&left) + right_width;
    let mut spans = vec![safe_span(&left, left_style)];
    spans.push(Span::raw(" ".repeat(cells.saturating_sub(used))));
    spans.extend(right);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        rect,
    );
    if let Some(Overlay::Jump(jump)) = app.overlay() {
        let x = u16::try_from(2 + jump.prompt().visual_cursor()).unwrap_or(u16::MAX);
        if x < rect.width {
            frame.set_cursor_position(Position::new(rect.x + x, rect.y));
        }
    }
}

/// The count typed so far before a motion (`5` of `5j`), as the status bar shows it.
fn count(app: &App) -> String {
    app.pending_count()
        .map_or(String::new(), |count| format!("{count}… "))
}

/// `¶ 165`, or what the reader shows instead.
fn para(app: &App) -> String {
    app.current()
        .map_or("no ¶".to_string(), |(_, r)| format!("¶ {}", r.para))
}

/// How far back (and forward) the trail goes: ` · ←2 →1`, empty when it is empty.
fn trail_depth(app: &App) -> String {
    let back = app.trail().back.len();
    let forward = app.trail().forward.len();
    match (back, forward) {
        (0, 0) => String::new(),
        (back, 0) => format!(" · ←{back}"),
        (0, forward) => format!(" · →{forward}"),
        (back, forward) => format!(" · ←{back} →{forward}"),
    }
}

/// `VIII. Safety and security · ¶ 165 · 10 of 22`, shortened to fit `cells`; while the reader
/// highlights search hits, `hit 2/5 · result 1/20 · ` (and `missing: targets · ` or
/// `approximate · ` for such a result) first; the trail's depth last.
fn location(app: &App, cells: usize) -> SafeText {
    if let Some(Overlay::Matrix(cursor)) = app.overlay() {
        return crate::app::overlay::matrix::status(app.matrix(), cursor);
    }
    let Some((location, recommendation)) = app.current() else {
        return SafeText::new("nothing selected");
    };
    let result = app
        .result_position()
        .map_or(String::new(), |(index, count)| {
            format!(
                "result {}/{count} · {}",
                index + 1,
                partial_marks(app, location)
            )
        });
    let hits = match app.hit_position() {
        Some((Some(current), count)) => format!("hit {}/{count} · {result}", current + 1),
        Some((None, 1)) => format!("1 hit · {result}"),
        Some((None, count)) => format!("{count} hits · {result}"),
        None => result,
    };
    let trail = trail_depth(app);
    let count = app.list().items.len();
    let n = app.list().scroll.selected + 1;
    let section = app.dataset().sections.get(location.section);
    let para = recommendation.para;
    let long_section = section.map_or(SafeText::default(), |s| SafeText::line(s.heading()));
    let short_section = section.map_or(SafeText::default(), |s| s.number.to_line());
    let (long, short) = match app.list().source {
        Source::Section(_) => (
            format!("{long_section} · ¶ {para} · {n} of {count}"),
            format!("{short_section} · ¶ {para} · {n}/{count}"),
        ),
        Source::Mission(m) => {
            let acronym = app
                .dataset()
                .missions
                .get(m)
                .map_or(SafeText::default(), |mission| mission.acronym.to_line());
            (
                format!("{acronym} · ¶ {para} · {n} of {count} · {long_section}"),
                format!("{acronym} · ¶ {para} · {n}/{count}"),
            )
        }
        Source::Bookmarks | Source::Cell { .. } | Source::Document(_) => {
            let label = super::list::source_label(app).unwrap_or_default();
            (
                format!("{label} · ¶ {para} · {n} of {count} · {long_section}"),
                format!("{label} · ¶ {para} · {n}/{count}"),
            )
        }
    };
    // The long form only when it leaves room for a few key hints; the paragraph first when
    // even the short one does not fit.
    let long = safe_format!("{hits}{long}{trail}");
    let short = safe_format!("{hits}{short}{trail}");
    if width(&long) + 30 <= cells {
        long
    } else if width(&short) + 2 <= cells {
        short
    } else {
        safe_format!("¶ {para} · {hits}{short}")
    }
}

/// What the reader's result lacks: `missing: targets · ` for a partial hit, `approximate · `
/// for one found by forgiving a typo, `place only · ` for a response a mission's list holds
/// for naming only its place; nothing for a full one.
fn partial_marks(app: &App, location: Location) -> SafeText {
    let Some(hit) = app.found().and_then(|found| found.hit_at(location)) else {
        return SafeText::default();
    };
    let missing =
        (!hit.missing.is_empty()).then(|| safe_format!("missing: {} · ", hit.missing.join(", ")));
    let approximate = hit.approximate.then_some("approximate · ");
    let place_only = app.is_place_only(location).then_some("place only · ");
    safe_format!(
        "{}{}{}",
        missing.unwrap_or_default(),
        approximate.unwrap_or_default(),
        place_only.unwrap_or_default()
    )
}

/// The one line drawn when the terminal is below the minimum size.
pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let cells = usize::from(area.width);
    let need = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
    let text = [
        format!("Terminal too small: need {need} · q quits"),
        format!("Too small: need {need}"),
        format!("Need {need}"),
    ]
    .into_iter()
    .find(|text| width(text) <= cells)
    .unwrap_or_else(|| clip("Too small", cells));
    let y = area.y + area.height / 2;
    let line = Line::styled(text, theme.message()).centered();
    frame.render_widget(
        line,
        Rect {
            y,
            height: 1.min(area.height),
            ..area
        },
    );
}
