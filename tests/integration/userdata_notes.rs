//! The notes store as a library: changes saved at once and read back, two stores on one file,
//! and every file it cannot read left byte for byte as it was.
//!
//! Tests run as root on CI, and root reads any file whatever its mode, so "unreadable" is made
//! with what even root cannot read as notes: a directory at the path, invalid UTF-8.

use std::fs;
use std::path::{Path, PathBuf};

use c34::userdata::notes::MAX_NOTE_CHARS;
use c34::userdata::{Annotation, NotesStore, StoreError, write_atomically};
use serde_json::{Value, json};

const DOC: &str = "A/76/505/Add.1";
const OTHER: &str = "A/77/571/Add.1";

fn notes_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("c34").join("notes.json")
}

fn file_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("the notes file exists");
    serde_json::from_str(&text).expect("the notes file is JSON")
}

/// Names in the directory besides the notes file and its lock: leftover temporary files.
fn strays(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name != "notes.json" && name != "notes.json.lock")
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_missing_file_is_an_empty_writable_store_and_nothing_is_created_until_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let store = NotesStore::open(path.clone());
    assert!(store.read_only_reason().is_none());
    assert!(store.annotated(DOC).is_empty());
    assert_eq!(store.annotation(DOC, 165), None);
    assert!(!path.parent().unwrap().exists(), "opening writes nothing");
}

#[test]
fn changes_are_on_disk_at_once_and_a_new_store_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut store = NotesStore::open(path.clone());
    assert!(
        store
            .set_bookmark(DOC, 165, true)
            .unwrap()
            .annotation
            .bookmark
    );
    store.set_note(DOC, 165, "Raise with DPO").unwrap();
    store.set_bookmark(DOC, 18, true).unwrap();
    store.set_note(DOC, 22, "Memorial: follow up").unwrap();

    // The format, as the README documents it.
    assert_eq!(
        file_json(&path),
        json!({"version": 1, "documents": {DOC: {
            "18": {"bookmark": true},
            "22": {"bookmark": false, "note": "Memorial: follow up"},
            "165": {"bookmark": true, "note": "Raise with DPO"},
        }}})
    );
    // Paragraphs in numeric order in the file, so it reads well by hand.
    let text = fs::read_to_string(&path).unwrap();
    let at = |key: &str| text.find(key).unwrap();
    assert!(at("\"18\"") < at("\"22\"") && at("\"22\"") < at("\"165\""));

    let reopened = NotesStore::open(path);
    assert_eq!(
        reopened.annotated(DOC),
        vec![
            (18, &Annotation::new(true, None)),
            (
                22,
                &Annotation::new(false, Some("Memorial: follow up".into()))
            ),
            (165, &Annotation::new(true, Some("Raise with DPO".into()))),
        ]
    );
    assert!(reopened.is_bookmarked(DOC, 165));
    assert!(!reopened.is_bookmarked(DOC, 22));
}

#[test]
fn an_entry_without_bookmark_or_note_disappears() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 165, true).unwrap();
    store.set_note(DOC, 165, "x").unwrap();
    store.set_note(DOC, 165, "  \n\t ").unwrap();
    assert_eq!(
        store.annotation(DOC, 165),
        Some(&Annotation::new(true, None))
    );
    assert!(
        !store
            .set_bookmark(DOC, 165, false)
            .unwrap()
            .annotation
            .bookmark
    );
    assert_eq!(store.annotation(DOC, 165), None);
    assert_eq!(file_json(&path), json!({"version": 1, "documents": {}}));

    store.set_note(DOC, 18, "gone soon").unwrap();
    store.set_bookmark(DOC, 18, true).unwrap();
    store.set_bookmark(DOC, 18, false).unwrap();
    store.set_note(DOC, 18, "").unwrap();
    assert_eq!(file_json(&path), json!({"version": 1, "documents": {}}));
}

#[test]
fn notes_are_one_bounded_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut store = NotesStore::open(path.clone());
    store
        .set_note(DOC, 165, "  first line\r\nsecond\n\n  third\tpart ")
        .unwrap();
    assert_eq!(
        store.annotation(DOC, 165).unwrap().note.as_deref(),
        Some("first line second third part")
    );

    let longest = "é".repeat(MAX_NOTE_CHARS);
    store.set_note(DOC, 18, &longest).unwrap();
    let before = fs::read(&path).unwrap();
    let too_long = "é".repeat(MAX_NOTE_CHARS + 1);
    match store.set_note(DOC, 22, &too_long) {
        Err(StoreError::NoteTooLong { chars, max }) => {
            assert_eq!((chars, max), (4001, 4000));
        }
        other => panic!("expected NoteTooLong, got {other:?}"),
    }
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "a refused note writes nothing"
    );
    assert_eq!(store.annotation(DOC, 22), None);
}

#[test]
fn documents_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = NotesStore::open(notes_path(&dir));
    store.set_note(DOC, 165, "ours").unwrap();
    store.set_note(OTHER, 165, "theirs").unwrap();
    store.set_note(OTHER, 165, "").unwrap();
    assert_eq!(
        store.annotation(DOC, 165).unwrap().note.as_deref(),
        Some("ours")
    );
    assert!(store.annotated(OTHER).is_empty());
}

#[test]
fn two_stores_on_one_file_keep_both_changes_and_see_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut first = NotesStore::open(path.clone());
    let mut second = NotesStore::open(path.clone());
    first.set_bookmark(DOC, 18, true).unwrap();
    second.set_bookmark(DOC, 22, true).unwrap();
    // The second store merged with what the first saved, and now holds both.
    let paras =
        |store: &NotesStore| -> Vec<u32> { store.annotated(DOC).iter().map(|&(p, _)| p).collect() };
    assert_eq!(paras(&second), [18, 22]);
    assert_eq!(paras(&first), [18], "the first has not looked again yet");
    first.reload();
    assert_eq!(paras(&first), [18, 22]);

    // A change applies to what is on disk, not a stale copy, and says it was stale.
    let mut stale = NotesStore::open(path.clone());
    let fresh = first.set_bookmark(DOC, 165, true).unwrap();
    assert!(!fresh.changed_elsewhere);
    let applied = stale.set_bookmark(DOC, 165, false).unwrap();
    assert!(
        applied.changed_elsewhere,
        "the stale store had not seen 165"
    );
    assert_eq!(paras(&NotesStore::open(path)), [18, 22]);
}

#[test]
fn fields_c34_does_not_know_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let original = json!({
        "version": 1,
        "synced_at": "2026-01-01",
        "documents": {DOC: {"165": {"bookmark": true, "colour": "red"}}}
    });
    fs::write(&path, original.to_string()).unwrap();
    let mut store = NotesStore::open(path.clone());
    store.set_note(DOC, 165, "kept").unwrap();
    assert_eq!(
        file_json(&path),
        json!({
            "version": 1,
            "synced_at": "2026-01-01",
            "documents": {DOC: {"165": {"bookmark": true, "note": "kept", "colour": "red"}}}
        })
    );
}

#[test]
fn a_blank_file_is_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "\n  \n").unwrap();
    let mut store = NotesStore::open(path.clone());
    assert!(store.read_only_reason().is_none());
    store.set_bookmark(DOC, 18, true).unwrap();
    assert!(NotesStore::open(path).is_bookmarked(DOC, 18));
}

/// Opens a store on `contents`, checks it is read-only with a reason containing `expected`,
/// that every change is refused, and that the file is byte for byte as it was.
fn assert_left_alone(contents: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let c34_dir = path.parent().unwrap();
    fs::create_dir_all(c34_dir).unwrap();
    fs::write(&path, contents).unwrap();

    let mut store = NotesStore::open(path.clone());
    let reason = store.read_only_reason().expect("read-only").to_string();
    assert!(reason.starts_with(&path.display().to_string()), "{reason}");
    assert!(reason.contains(expected), "{reason:?} lacks {expected:?}");
    assert!(store.annotated(DOC).is_empty());
    assert!(matches!(
        store.set_bookmark(DOC, 165, true),
        Err(StoreError::ReadOnly(r)) if r.to_string() == reason
    ));
    assert!(store.set_bookmark(DOC, 165, false).is_err());
    assert!(store.set_note(DOC, 165, "x").is_err());
    assert!(store.set_note(DOC, 165, "").is_err());
    assert_eq!(fs::read(&path).unwrap(), contents);
    assert!(strays(c34_dir).is_empty(), "{:?}", strays(c34_dir));
    assert!(!c34_dir.join("notes.json.lock").exists(), "not even locked");
}

#[test]
fn a_corrupt_file_is_left_alone_and_changes_are_refused() {
    // Truncated: the error is at line 3, column 1 (after the last newline).
    assert_left_alone(
        b"{\"version\": 1, \"documents\": {\n  \"A/76/505/Add.1\": {\"165\": {\"bookmark\": true}\n",
        ":3:1: not a c34 notes file: EOF while parsing",
    );
    assert_left_alone(
        b"[1, 2",
        ":1:5: not a c34 notes file: EOF while parsing a list",
    );
    assert_left_alone(b"[1, 2]", ":1:1: not a c34 notes file: not a JSON object");
    assert_left_alone(b"{\"documents\": {}}", "no \"version\" field");
    assert_left_alone(
        b"{\"version\": 1, \"documents\": {\"A\": {\"0165\": {}}}}",
        "\"0165\" is not a paragraph number",
    );
    assert_left_alone(
        b"{\"version\": 1, \"documents\": {\"A\": {\"165\": {\"bookmark\": \"yes\"}}}}",
        "not a c34 notes file: invalid type",
    );
}

#[test]
fn a_file_from_a_newer_c34_is_left_alone() {
    assert_left_alone(
        br#"{"version": 2, "documents": {"A/76/505/Add.1": {"165": {"bookmark": true, "tags": ["x"]}}}}"#,
        "written by a newer c34 (format version 2; this c34 reads version 1)",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_left_alone() {
    // Root can read any file, so "unreadable" here is content c34 cannot read as text.
    assert_left_alone(
        b"{\"version\": 1,\n \"documents\": {\"caf\xe9\": {}}}",
        ":2:20: not valid UTF-8 text",
    );
}

#[test]
fn a_directory_at_the_path_is_left_alone() {
    // A directory is what even root cannot read as a file.
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.join("inside")).unwrap();
    let mut store = NotesStore::open(path.clone());
    let reason = store.read_only_reason().expect("read-only").to_string();
    assert!(
        reason.ends_with("notes.json: is a directory, not a file"),
        "{reason}"
    );
    assert!(store.set_bookmark(DOC, 165, true).is_err());
    assert!(path.join("inside").is_dir());
}

#[test]
fn a_file_spoiled_after_opening_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 18, true).unwrap();
    // Another program (or a user's editor) leaves the file half-written.
    fs::write(&path, b"{\"version\": 1, \"docu").unwrap();
    let error = store.set_bookmark(DOC, 22, true).unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly(_)), "{error}");
    assert_eq!(fs::read(&path).unwrap(), b"{\"version\": 1, \"docu");
    assert!(store.read_only_reason().is_some(), "read-only from now on");
}

#[test]
fn a_directory_that_cannot_be_created_gives_an_error_not_a_panic() {
    // A regular file where the data directory should be: even root cannot create it.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("c34");
    fs::write(&blocker, "not a directory").unwrap();
    let mut store = NotesStore::open(blocker.join("notes.json"));
    assert!(
        store.read_only_reason().is_none(),
        "a missing file is empty"
    );
    let error = store.set_bookmark(DOC, 165, true).unwrap_err();
    assert!(
        matches!(&error, StoreError::Io { action, .. } if *action == "create the directory"),
        "{error:?}"
    );
    assert!(error.to_string().contains("cannot create the directory"));
    assert_eq!(store.annotation(DOC, 165), None, "memory follows the disk");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a directory");
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_file_system_gives_an_error_not_a_panic() {
    // /proc refuses new files even to root: the read-only directory of this machine.
    let mut store = NotesStore::open(PathBuf::from("/proc/c34-test/notes.json"));
    assert!(store.set_bookmark(DOC, 165, true).is_err());
    assert!(store.set_note(DOC, 165, "x").is_err());
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_gives_an_error_not_a_panic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let c34_dir = path.parent().unwrap();
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 18, true).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(c34_dir, fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into a mode 555 directory anyway; then there is nothing to check here
    // (the two tests above cover root).
    let root = fs::write(c34_dir.join("probe"), "").is_ok();
    let result = store.set_bookmark(DOC, 22, true);
    fs::set_permissions(c34_dir, fs::Permissions::from_mode(0o755)).unwrap();
    if !root {
        assert!(result.is_err());
        assert_eq!(fs::read(&path).unwrap(), before);
        assert!(!store.is_bookmarked(DOC, 22));
    }
}

#[test]
fn a_failed_replace_leaves_the_old_file_and_no_temporary_file() {
    // The write fails at its last step: the target is a directory with something in it,
    // so rename cannot replace it. What was there stays; the temporary file is removed.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.json");
    fs::create_dir_all(target.join("keep")).unwrap();
    let error = write_atomically(&target, b"{}").unwrap_err();
    assert!(error.to_string().contains("cannot replace"), "{error}");
    assert!(target.join("keep").is_dir());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.json"]);
}

#[test]
fn a_write_replaces_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("history");
    fs::write(&target, "a much longer old content than the new one").unwrap();
    write_atomically(&target, b"new").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"new");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["history"]);
}

#[cfg(unix)]
#[test]
fn a_new_file_is_private_and_an_existing_one_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 18, true).unwrap();
    assert_eq!(mode(&path), 0o600);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    store.set_bookmark(DOC, 22, true).unwrap();
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn a_change_removes_temporary_files_a_killed_process_left() {
    // Temporary files are written only under the lock: any found while holding it are stale.
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let c34_dir = path.parent().unwrap();
    fs::create_dir_all(c34_dir).unwrap();
    fs::write(
        c34_dir.join(".notes.json.4242.0.tmp"),
        "{\"version\": 1, \"docu",
    )
    .unwrap();
    fs::write(c34_dir.join("keep.tmp"), "not ours").unwrap();
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 18, true).unwrap();
    assert_eq!(strays(c34_dir), ["keep.tmp"]);
}

// Files the user arranged, and things that are not files (issue 16).

/// Makes a named pipe at `path` (with `mkfifo`: the tests forbid `unsafe`, so no libc call).
#[cfg(unix)]
pub(crate) fn mkfifo(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs `work` on another thread and fails the test if it takes longer than `limit`: a call
/// that blocks for ever (opening a FIFO nobody writes) fails instead of hanging the suite.
pub(crate) fn within<T: Send + 'static>(
    limit: std::time::Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(work()));
    receiver
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still blocked after {limit:?}"))
}

const TWO_SECONDS: std::time::Duration = std::time::Duration::from_secs(2);

#[cfg(unix)]
#[test]
fn a_named_pipe_at_the_notes_file_is_refused_without_waiting() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    mkfifo(&path);
    let (reason, refused) = within(TWO_SECONDS, {
        let path = path.clone();
        move || {
            let mut store = NotesStore::open(path);
            let reason = store.read_only_reason().map(ToString::to_string);
            (reason, store.set_bookmark(DOC, 18, true).is_err())
        }
    });
    let reason = reason.expect("read-only");
    assert!(
        reason.contains("is a named pipe (FIFO), not a regular file"),
        "{reason}"
    );
    assert!(refused);
    assert!(
        fs::metadata(&path).unwrap().file_type().is_fifo(),
        "left as it was"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_at_the_lock_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    mkfifo(&c34::userdata::lock_path(&path));
    let result = within(TWO_SECONDS, {
        let path = path.clone();
        move || {
            let mut store = NotesStore::open(path);
            store.set_bookmark(DOC, 18, true).map_err(|e| e.to_string())
        }
    });
    let error = result.expect_err("refused");
    assert!(
        error.contains("notes.json.lock: is a named pipe"),
        "{error}"
    );
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn a_socket_and_a_device_at_the_notes_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let store = within(TWO_SECONDS, {
        let path = path.clone();
        move || NotesStore::open(path)
    });
    let reason = store.read_only_reason().expect("read-only").to_string();
    assert!(
        reason.contains("is a socket, not a regular file"),
        "{reason}"
    );

    // A link to a device: what counts is what the link leads to.
    let linked = dir.path().join("device").join("notes.json");
    fs::create_dir_all(linked.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/null", &linked).unwrap();
    let mut store = NotesStore::open(linked.clone());
    let reason = store.read_only_reason().expect("read-only").to_string();
    assert!(
        reason.contains("is a device, not a regular file"),
        "{reason}"
    );
    assert!(store.set_bookmark(DOC, 18, true).is_err());
    assert!(fs::symlink_metadata(&linked).unwrap().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_symlinked_notes_file_is_written_through_to_its_target_and_the_link_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let dotfiles = dir.path().join("dotfiles");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let target = dotfiles.join("c34-notes.json");
    fs::write(
        &target,
        json!({"version": 1, "documents": {DOC: {"18": {"bookmark": true}}}}).to_string(),
    )
    .unwrap();
    // A relative link, as `ln -s ../dotfiles/...` makes it.
    std::os::unix::fs::symlink("../dotfiles/c34-notes.json", &path).unwrap();

    let mut store = NotesStore::open(path.clone());
    assert!(store.is_bookmarked(DOC, 18), "read through the link");
    store.set_note(DOC, 165, "through the link").unwrap();
    store.set_bookmark(DOC, 22, true).unwrap();

    assert!(
        fs::symlink_metadata(&path).unwrap().is_symlink(),
        "the link survives"
    );
    assert_eq!(
        fs::read_link(&path).unwrap(),
        Path::new("../dotfiles/c34-notes.json")
    );
    assert_eq!(
        file_json(&target),
        json!({"version": 1, "documents": {DOC: {
            "18": {"bookmark": true},
            "22": {"bookmark": true},
            "165": {"bookmark": false, "note": "through the link"},
        }}})
    );
    // The temporary files were made beside the target (a rename cannot cross file systems)
    // and none is left anywhere.
    assert!(strays(path.parent().unwrap()).is_empty());
    let beside_target: Vec<_> = fs::read_dir(&dotfiles)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside_target, ["c34-notes.json"]);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_not_yet_made_is_created_at_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let target = dir.path().join("elsewhere.json");
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let mut store = NotesStore::open(path.clone());
    assert!(store.read_only_reason().is_none());
    store.set_bookmark(DOC, 18, true).unwrap();
    assert!(fs::symlink_metadata(&path).unwrap().is_symlink());
    assert_eq!(
        file_json(&target),
        json!({"version": 1, "documents": {DOC: {"18": {"bookmark": true}}}})
    );
}

#[cfg(unix)]
#[test]
fn data_directories_are_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // XDG_DATA_HOME itself may be missing too: every directory made is 0700 (the XDG spec).
    let path = dir.path().join("share").join("c34").join("notes.json");
    let mut store = NotesStore::open(path.clone());
    store.set_bookmark(DOC, 18, true).unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("share")), 0o700);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(
        mode(dir.path()),
        0o755,
        "an existing directory keeps its mode"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = json!({"version": 1, "documents": {DOC: {"165": {"note": "from Notepad"}}}});
    fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let mut store = NotesStore::open(path.clone());
    assert!(store.read_only_reason().is_none());
    assert_eq!(
        store.annotation(DOC, 165).and_then(|a| a.note.as_deref()),
        Some("from Notepad")
    );
    store.set_bookmark(DOC, 18, true).unwrap();
    assert!(NotesStore::open(path).is_bookmarked(DOC, 18));
}

#[test]
fn utf16_is_named_as_such_and_left_alone() {
    let text = json!({"version": 1, "documents": {}}).to_string();
    let little_endian = |bom: bool| -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let big_endian: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for contents in [little_endian(true), little_endian(false), big_endian] {
        assert_left_alone(&contents, ": UTF-16 text; c34 reads UTF-8");
    }
}

#[test]
fn a_store_tells_cheaply_when_another_changed_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut browser = NotesStore::open(path.clone());
    let mut other = NotesStore::open(path.clone());
    assert!(!browser.changed_on_disk(), "no file, none seen");
    other.set_bookmark(DOC, 165, true).unwrap();
    assert!(browser.changed_on_disk());
    browser.reload();
    assert!(!browser.changed_on_disk());
    assert!(browser.is_bookmarked(DOC, 165));
    // Its own change is not someone else's.
    browser.set_note(DOC, 18, "mine").unwrap();
    assert!(!browser.changed_on_disk());
    assert!(other.changed_on_disk());
    // A change of the same size within the same clock tick is still seen: a new file.
    other.reload();
    browser.set_note(DOC, 18, "MINE").unwrap();
    assert!(other.changed_on_disk());
}

#[test]
fn a_note_edited_from_a_stale_base_keeps_both_versions() {
    use c34::userdata::notes::NoteChange;
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    let mut other = NotesStore::open(path.clone());
    other.set_note(DOC, 165, "first").unwrap();
    let mut browser = NotesStore::open(path.clone());
    // The editor opens on "first"; meanwhile another c34 saves "theirs".
    other.set_note(DOC, 165, "theirs").unwrap();
    let edited = NoteChange::EditedNote {
        note: Some("mine"),
        base: Some("first"),
    };
    let applied = browser.apply(DOC, 165, edited, &mut || {}).unwrap();
    assert!(applied.kept_other_version && applied.changed_elsewhere);
    assert_eq!(
        file_json(&path)["documents"][DOC]["165"],
        json!({"bookmark": false, "note": "mine", "other_notes": ["theirs"]})
    );

    // Edited from what is stored: a plain replacement, nothing kept beside.
    let current = NoteChange::EditedNote {
        note: Some("mine, revised"),
        base: Some("mine"),
    };
    let applied = browser.apply(DOC, 165, current, &mut || {}).unwrap();
    assert!(!applied.kept_other_version);
    assert_eq!(
        file_json(&path)["documents"][DOC]["165"],
        json!({"bookmark": false, "note": "mine, revised", "other_notes": ["theirs"]})
    );

    // Deleting a note that changed meanwhile deletes nothing.
    other.set_note(DOC, 22, "new elsewhere").unwrap();
    let deletion = NoteChange::EditedNote {
        note: None,
        base: None,
    };
    let applied = browser.apply(DOC, 22, deletion, &mut || {}).unwrap();
    assert!(applied.kept_other_version);
    assert_eq!(
        file_json(&path)["documents"][DOC]["22"],
        json!({"bookmark": false, "note": "new elsewhere"})
    );
    // And `c34 note N --delete` (a plain deletion) removes every version.
    browser.set_note(DOC, 165, "").unwrap();
    assert_eq!(browser.annotation(DOC, 165), None);
}

#[test]
fn a_change_that_must_wait_for_the_lock_says_so_before_waiting() {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Another c34 holds the lock (flock: a second open file conflicts even in one process).
    let held = fs::File::create(c34::userdata::lock_path(&path)).unwrap();
    held.lock().unwrap();
    let (told, heard) = mpsc::channel();
    let worker = std::thread::spawn({
        let path = path.clone();
        move || {
            let mut store = NotesStore::open(path);
            let change = c34::userdata::notes::NoteChange::Bookmark(true);
            store
                .apply(DOC, 18, change, &mut || told.send(Instant::now()).unwrap())
                .map(|applied| applied.annotation.bookmark)
                .map_err(|e| e.to_string())
        }
    });
    let started = Instant::now();
    let told_at = heard
        .recv_timeout(Duration::from_secs(2))
        .expect("told at once that it waits");
    assert!(told_at.duration_since(started) < Duration::from_secs(1));
    std::thread::sleep(Duration::from_millis(100));
    assert!(!path.exists(), "still waiting: nothing written");
    drop(held);
    assert_eq!(worker.join().unwrap(), Ok(true));
    assert!(NotesStore::open(path).is_bookmarked(DOC, 18));
}

#[test]
fn a_note_read_from_disk_is_safe_text_and_is_written_back_as_it_came() {
    let dir = tempfile::tempdir().unwrap();
    let path = notes_path(&dir);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let raw = "clip\u{1b}]52;c;eA==\u{7} rtl\u{202e}x";
    let file = json!({"version": 1, "documents": {DOC: {
        "18": {"bookmark": false, "note": raw, "other_notes": ["\u{9b}31m"]},
    }}});
    fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
    let mut store = NotesStore::open(path.clone());
    let annotation = store.annotation(DOC, 18).unwrap().clone();
    // ESC, BEL as control pictures (U+241B, U+2407); the override and the C1 CSI as U+FFFD.
    let note = annotation.note.as_ref().unwrap();
    assert_eq!(note.as_str(), "clip\u{241b}]52;c;eA==\u{2407} rtl\u{fffd}x");
    assert_eq!(note.original(), raw);
    assert_eq!(annotation.other_notes[0].as_str(), "\u{fffd}31m");
    // Another paragraph changed: this one is written back exactly as it was.
    store.set_bookmark(DOC, 22, true).unwrap();
    assert_eq!(
        file_json(&path)["documents"][DOC]["18"],
        file["documents"][DOC]["18"]
    );
}
