//! Soak test: a million random events through the key table, `update` and a full render at
//! random sizes; memory at the end must be within 10% of memory after the first thousand.
//!
//! It takes a few minutes, so it is ignored by `cargo test`; run it in release:
//! `cargo test --release --test soak -- --ignored --nocapture`.

use c34::app::{App, Command};
use c34::dataset::Dataset;
use c34::{keys, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Size;

const EVENTS: usize = 1_000_000;
const WARM_UP: usize = 1_000;

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::try_from(self.below(items.len() as u64)).unwrap()]
    }

    fn u16_in(&mut self, low: u16, high: u16) -> u16 {
        low + u16::try_from(self.below(u64::from(high - low) + 1)).unwrap()
    }
}

fn random_event(random: &mut Random, size: Size) -> Event {
    const CHARS: &[char] = &[
        'j', 'k', 'h', 'l', 'g', 'G', ' ', '[', ']', ':', '?', '/', 'n', 'N', 'm', 'a', 'e', 'i',
        'o', 's', 'u', 'M', 'I', '\'', '^', '!', '"', '0', '1', '5', '6', '9',
    ];
    const CODES: &[KeyCode] = &[
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ];
    match random.below(20) {
        0..=9 => Event::Key(KeyEvent::new(
            KeyCode::Char(random.pick(CHARS)),
            KeyModifiers::NONE,
        )),
        10..=13 => Event::Key(KeyEvent::new(random.pick(CODES), KeyModifiers::NONE)),
        14 => Event::Key(KeyEvent::new(
            KeyCode::Char(random.pick(&['d', 'u', 'n', 'p', 'w'])),
            KeyModifiers::CONTROL,
        )),
        15..=17 => Event::Mouse(MouseEvent {
            kind: random.pick(&[
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
            ]),
            column: random.u16_in(0, size.width.saturating_sub(1)),
            row: random.u16_in(0, size.height.saturating_sub(1)),
            modifiers: KeyModifiers::NONE,
        }),
        _ => Event::Resize(random.u16_in(1, 220), random.u16_in(1, 70)),
    }
}

/// Resident memory of this process in kB, from /proc.
fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

#[test]
#[ignore = "takes minutes; run in release with --ignored"]
fn a_million_random_events_keep_memory_flat() {
    let mut random = Random(0x0c34_5eed);
    let mut app = App::new(Dataset::embedded(), Size::new(120, 40), true);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut after_warm_up = 0;
    for step in 1..=EVENTS {
        let event = random_event(&mut random, app.size());
        // Quitting would end a real session; the soak goes on with the same state.
        if let Some(command) = keys::command(&event, app.keymap()).filter(|&c| c != Command::Quit) {
            app.update(command);
        }
        if terminal.size().unwrap() != app.size() {
            terminal =
                Terminal::new(TestBackend::new(app.size().width, app.size().height)).unwrap();
        }
        terminal.draw(|frame| ui::render(frame, &app)).unwrap();
        if step == WARM_UP {
            after_warm_up = resident_kb();
        }
    }
    let at_end = resident_kb();
    println!(
        "resident memory: {after_warm_up} kB after {WARM_UP} events, {at_end} kB after {EVENTS}"
    );
    assert!(
        at_end * 10 <= after_warm_up * 11,
        "memory grew from {after_warm_up} kB to {at_end} kB"
    );
}
