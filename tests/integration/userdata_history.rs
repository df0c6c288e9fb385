//! Search history: the last 100 queries, newest last, each once; saved at once, merged between
//! processes, and a file it cannot read left alone (history is then off for the session).

use std::fs;
use std::path::PathBuf;

use c34::userdata::{QueryHistory, StoreError};

fn history_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("c34").join("history")
}

#[test]
fn queries_are_kept_newest_last_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    let mut history = QueryHistory::open(path.clone());
    assert!(history.is_off().is_none());
    assert!(history.entries().is_empty());
    for query in ["minusma", "south sudan", "'exact"] {
        history.push(query).unwrap();
    }
    assert_eq!(history.entries(), ["minusma", "south sudan", "'exact"]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "minusma\nsouth sudan\n'exact\n"
    );
    assert_eq!(
        QueryHistory::open(path).entries(),
        ["minusma", "south sudan", "'exact"]
    );
}

#[test]
fn a_repeated_query_moves_to_the_end_and_is_never_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = QueryHistory::open(history_path(&dir));
    for query in ["a", "b", "b", "c", "a"] {
        history.push(query).unwrap();
    }
    assert_eq!(history.entries(), ["b", "c", "a"]);
}

#[test]
fn only_the_last_hundred_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    let mut history = QueryHistory::open(path.clone());
    for i in 0..150 {
        history.push(&format!("query {i}")).unwrap();
    }
    let expected: Vec<String> = (50..150).map(|i| format!("query {i}")).collect();
    assert_eq!(history.entries(), expected.as_slice());
    assert_eq!(
        QueryHistory::open(path.clone()).entries(),
        expected.as_slice()
    );
    assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 100);
}

#[test]
fn blank_and_multi_line_queries() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = QueryHistory::open(history_path(&dir));
    history.push("   ").unwrap();
    history.push("").unwrap();
    history.push("  peacekeeping\nintelligence ").unwrap();
    history.push(&"x".repeat(1001)).unwrap();
    assert_eq!(history.entries(), ["peacekeeping intelligence"]);
}

#[test]
fn two_instances_merge_their_queries() {
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    let mut first = QueryHistory::open(path.clone());
    let mut second = QueryHistory::open(path.clone());
    first.push("mali").unwrap();
    second.push("cyprus").unwrap();
    first.push("congo").unwrap();
    assert_eq!(first.entries(), ["mali", "cyprus", "congo"]);
    assert_eq!(
        QueryHistory::open(path).entries(),
        ["mali", "cyprus", "congo"]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_left_alone_and_history_is_off() {
    // Root can read any file: invalid UTF-8 is what c34 itself cannot read.
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let contents = b"minusma\nmonusco \xff\xfe\n";
    fs::write(&path, contents).unwrap();
    let mut history = QueryHistory::open(path.clone());
    let reason = history.is_off().expect("off").to_string();
    assert!(
        reason.ends_with("history:2:9: not valid UTF-8 text"),
        "{reason}"
    );
    assert!(history.entries().is_empty());
    assert!(matches!(
        history.push("unmiss"),
        Err(StoreError::ReadOnly(_))
    ));
    assert_eq!(fs::read(&path).unwrap(), contents);
    assert!(!path.with_file_name("history.lock").exists());
}

#[test]
fn a_directory_at_the_path_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    fs::create_dir_all(path.join("x")).unwrap();
    let mut history = QueryHistory::open(path.clone());
    assert!(history.is_off().is_some());
    assert!(history.push("unmiss").is_err());
    assert!(path.join("x").is_dir());
}

#[test]
fn a_directory_that_cannot_be_created_gives_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("c34"), "a file").unwrap();
    let mut history = QueryHistory::open(history_path(&dir));
    assert!(matches!(history.push("x"), Err(StoreError::Io { .. })));
    assert!(history.entries().is_empty());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_at_the_history_file_turns_history_off_without_waiting() {
    use crate::userdata_notes::{mkfifo, within};
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    mkfifo(&path);
    let (off, pushed) = within(std::time::Duration::from_secs(2), move || {
        let mut history = QueryHistory::open(path);
        let off = history.is_off().map(ToString::to_string);
        (off, history.push("mali").is_err())
    });
    let off = off.expect("history is off");
    assert!(
        off.contains("is a named pipe (FIFO), not a regular file"),
        "{off}"
    );
    assert!(pushed, "a query is refused");
}

#[test]
fn lines_longer_than_the_prompt_are_skipped_when_read() {
    // The search prompt takes 200 characters; the rule is stated here, not read from the code.
    assert_eq!(c34::userdata::history::MAX_QUERY_CHARS, 200);
    assert_eq!(c34::app::QUERY_CHARS, 200);
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let longest = "é".repeat(200);
    let too_long = "x".repeat(201);
    let huge = "y".repeat(100_000);
    fs::write(
        &path,
        format!("mali\n{huge}\n{longest}\n{too_long}\ncyprus\n"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let mut history = QueryHistory::open(path.clone());
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(history.entries(), ["mali", longest.as_str(), "cyprus"]);
    // The next query rewrites the file without them.
    history.push("congo").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("mali\n{longest}\ncyprus\ncongo\n")
    );
}

#[test]
fn a_recorded_escape_sequence_is_read_back_visible_and_written_back_as_it_came() {
    let dir = tempfile::tempdir().unwrap();
    let path = history_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "title\u{1b}]0;pwned\u{7}\n").unwrap();
    let mut history = QueryHistory::open(path.clone());
    // ESC and BEL shown as their control pictures, U+241B and U+2407.
    assert_eq!(history.entries(), ["title\u{241b}]0;pwned\u{2407}"]);
    assert_eq!(history.entries()[0].original(), "title\u{1b}]0;pwned\u{7}");
    history.push("next").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "title\u{1b}]0;pwned\u{7}\nnext\n"
    );
}
