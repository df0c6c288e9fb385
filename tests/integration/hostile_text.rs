//! Text from a dataset is untrusted: escape sequences, control characters and bidirectional
//! overrides inside it never reach the terminal raw from any subcommand, while the embedded
//! report comes out unchanged.

use std::fs;

use assert_cmd::Command;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

/// OSC 52 (write the clipboard), OSC 0 (retitle the window), CSI (clear the screen), an 8-bit
/// CSI, DCS, a backspace trick and a right-to-left override.
const HOSTILE: &str = "Clip\u{1b}]52;c;cm0gLXJmIC8=\u{7} title\u{1b}]0;pwned\u{7} clear\u{1b}[2J 8bit\u{9b}31m dcs\u{1b}Pq\u{1b}\\ bs\u{8}\u{8}x rtl\u{202e}cod.exe";

fn hostile_dataset() -> tempfile::NamedTempFile {
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    dataset["document"]["responds_to"] = Value::from(format!("A/75/19{HOSTILE}"));
    dataset["sections"][0]["title"] = Value::from(format!("Introduction {HOSTILE}"));
    dataset["sections"][0]["recommendations"][0]["paragraphs"][0] = Value::from(HOSTILE);
    let file = tempfile::NamedTempFile::new().unwrap();
    fs::write(file.path(), dataset.to_string()).unwrap();
    file
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let file = hostile_dataset();
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(file.path())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// No C0 control but newline, no DEL or C1, no bidi embedding, override or isolate.
fn assert_terminal_safe(text: &str) {
    for c in text.chars() {
        let unsafe_char = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !unsafe_char,
            "U+{:04X} reached the terminal in {text:?}",
            u32::from(c)
        );
    }
}

#[test]
fn show_makes_escape_sequences_visible() {
    let (code, stdout, _) = run(&["show", "18", "--width", "400"]);
    assert_eq!(code, Some(0));
    assert_terminal_safe(&stdout);
    assert!(
        stdout.contains("Clip\u{241b}]52;c;cm0gLXJmIC8=\u{2407}"),
        "{stdout}"
    );
    assert!(stdout.contains("clear\u{241b}[2J"));
    assert!(stdout.contains("8bit\u{fffd}31m"));
    assert!(stdout.contains("rtl\u{fffd}cod.exe"));
}

#[test]
fn list_makes_titles_safe() {
    let (code, stdout, _) = run(&["list"]);
    assert_eq!(code, Some(0));
    assert_terminal_safe(&stdout);
    assert!(stdout.starts_with("I. Introduction Clip\u{241b}]52;"));
}

#[test]
fn json_output_escapes_them_and_keeps_the_data() {
    for args in [
        &["show", "18", "--json"][..],
        &["list", "--json"],
        &["export", "--format", "json"],
    ] {
        let (code, stdout, _) = run(args);
        assert_eq!(code, Some(0));
        assert_terminal_safe(&stdout);
        assert!(stdout.contains("\\u001b]52;c;"), "{args:?}");
        assert!(stdout.contains("\\u009b31m"), "{args:?}");
        assert!(stdout.contains("\\u202e"), "{args:?}");
        // A JSON reader still gets the very same text.
        let value: Value = serde_json::from_str(&stdout).unwrap();
        assert!(value.to_string().contains("Clip\\u001b]52"));
    }
    let (_, stdout, _) = run(&["show", "18", "--json"]);
    let rec: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rec["paragraphs"][0], HOSTILE);
}

#[test]
fn markdown_output_is_safe() {
    let (code, stdout, _) = run(&["export", "--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert_terminal_safe(&stdout);
}

#[test]
fn error_messages_quote_data_safely() {
    let (code, _, stderr) = run(&["show", "19"]);
    assert_eq!(code, Some(1));
    assert_terminal_safe(&stderr);
    // The message no longer quotes `responds_to` (it is the browser's, with ¶ numbers only).
    assert_eq!(stderr, "c34: no response to ¶ 19 · nearest: ¶ 18, ¶ 22\n");
}

#[test]
fn a_hostile_file_name_is_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil\u{1b}]0;pwned\u{7}.json");
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(&path)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_terminal_safe(&stderr);
    assert!(
        stderr.contains("evil\u{241b}]0;pwned\u{2407}.json: cannot read"),
        "{stderr}"
    );
}

#[test]
fn the_embedded_report_comes_out_unchanged() {
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), REPORT_JSON);
    assert_terminal_safe(REPORT_JSON);
}

/// A dataset whose response to 18 holds `paragraph`.
fn dataset_with(paragraph: &str) -> tempfile::NamedTempFile {
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    dataset["sections"][0]["recommendations"][0]["paragraphs"][0] = Value::from(paragraph);
    let file = tempfile::NamedTempFile::new().unwrap();
    fs::write(file.path(), dataset.to_string()).unwrap();
    file
}

fn show_18(file: &tempfile::NamedTempFile, width: &str) -> String {
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(file.path())
        .args(["show", "18", "--width", width])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn zero_width_and_direction_marks_are_shown() {
    // Zero width space, right-to-left mark, left-to-right mark, Arabic letter mark, word
    // joiner, zero width no-break space: each could hide or reorder text unseen.
    let file = dataset_with(
        "pay\u{200b}pal rtl\u{200f}mark ltr\u{200e}mark alm\u{61c}mark wj\u{2060}x bom\u{feff}y",
    );
    let stdout = show_18(&file, "400");
    assert_eq!(
        stdout,
        "pay\u{fffd}pal rtl\u{fffd}mark ltr\u{fffd}mark alm\u{fffd}mark wj\u{fffd}x bom\u{fffd}y\n"
    );
    // JSON keeps them, escaped.
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(file.path())
        .args(["show", "18", "--json"])
        .output()
        .unwrap();
    let json = String::from_utf8(output.stdout).unwrap();
    assert!(
        json.contains("pay\\u200bpal") && json.contains("rtl\\u200fmark"),
        "{json}"
    );
}

#[test]
fn tabs_reach_show_expanded_to_the_next_tab_stop() {
    let file = dataset_with("Item\tCost\nab\tc");
    let stdout = show_18(&file, "400");
    assert!(!stdout.contains('\t'), "{stdout:?}");
    // Tab stops every 8 columns, counted from the start of each line.
    assert_eq!(stdout, "Item    Cost\nab      c\n");
    // Wrapped at 12 columns, the expanded spaces count: "Item    Cost" is 12 cells wide.
    let narrow = dataset_with("Item\tCost and more");
    let stdout = show_18(&narrow, "12");
    assert_eq!(stdout.lines().next(), Some("Item    Cost"), "{stdout:?}");
}
