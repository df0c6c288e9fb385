//! `c34 notes`, `c34 bookmark` and `c34 note` run as separate processes, as a user or a script
//! would: notes survive a restart, kill -9 in the middle of a stream of changes, two processes
//! at once, a corrupt file, a read-only place and a failing write.
//!
//! Every run gets its own temporary `XDG_DATA_HOME` (and `HOME`): never the real home.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common::home::Home;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");
const CITATION_165: &str = "A/76/505/Add.1 (2 November 2021), response to para. 165 of A/75/19";

/// A temporary data home and the commands that use it.
impl Home {
    fn notes_file(&self) -> PathBuf {
        self.data_home().join("c34").join("notes.json")
    }

    /// The binary as a plain process, for tests that kill it or run several at once.
    fn process(&self) -> Process {
        let mut command = Process::new(env!("CARGO_BIN_EXE_c34"));
        command
            .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
            .env("XDG_DATA_HOME", self.data_home())
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1");
        command
    }

    fn bookmarked(&self) -> Vec<u32> {
        let text = fs::read_to_string(self.notes_file()).unwrap_or_default();
        if text.is_empty() {
            return Vec::new();
        }
        let json: Value = serde_json::from_str(&text).expect("the notes file always parses");
        let mut paras: Vec<u32> = json["documents"]["A/76/505/Add.1"]
            .as_object()
            .map(|paras| {
                paras
                    .iter()
                    .filter(|(_, a)| a["bookmark"] == true)
                    .map(|(p, _)| p.parse().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        paras.sort_unstable();
        paras
    }
}

/// Every paragraph number of the report, from the dataset JSON itself.
fn all_paras() -> Vec<u32> {
    let report: Value = serde_json::from_str(REPORT_JSON).unwrap();
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap())
        .map(|r| u32::try_from(r["para"].as_u64().unwrap()).unwrap())
        .collect()
}

/// The response's paragraphs, from the dataset JSON.
fn response(para: u32) -> Vec<String> {
    let report: Value = serde_json::from_str(REPORT_JSON).unwrap();
    report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["recommendations"].as_array().unwrap())
        .find(|r| r["para"] == para)
        .unwrap()["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// A number that differs from run to run, without a random crate.
fn seed() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()));
    nanos ^ u64::from(std::process::id()).rotate_left(32)
}

fn next(state: &mut u64) -> u64 {
    // xorshift64
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn bookmarks_and_notes_survive_a_restart_and_list_in_every_format() {
    let home = Home::new();
    home.c34()
        .args(["bookmark", "165", "18"])
        .assert()
        .success()
        .stdout("bookmarked 165\nbookmarked 18\n");
    home.c34()
        .args(["note", "165", "Raise", "with\nDPO", "--", "urgently"])
        .assert()
        .success()
        .stdout("saved the note on 165\n");
    home.c34()
        .args(["note", "22", "Memorial"])
        .assert()
        .success();
    home.c34()
        .args(["note", "22"])
        .assert()
        .success()
        .stdout("Memorial\n");
    home.c34()
        .args(["note", "22", "--delete"])
        .assert()
        .success()
        .stdout("deleted the note on 22\n");
    home.c34()
        .args(["bookmark", "--remove", "18"])
        .assert()
        .success();

    // Each of those was its own process; this one reads what they left.
    let json = home.c34().args(["notes", "--json"]).assert().success();
    let list: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        list,
        serde_json::json!([{
            "symbol": "A/76/505/Add.1",
            "para": 165,
            "bookmark": true,
            "note": "Raise with DPO -- urgently",
            "citation": CITATION_165,
            "text": response(165).join("\n\n"),
            "section": "VIII",
            "section_title": "Safety and security",
        }])
    );

    let text = stdout(&home.c34().arg("notes").assert().success());
    assert!(
        text.starts_with(&format!(
            "{CITATION_165}  [bookmarked]\nNote: Raise with DPO -- urgently\n\n    "
        )),
        "{text}"
    );
    let first_words: String = response(165)[0]
        .split(' ')
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&first_words), "{text}");
    assert!(!text.contains("para. 18 "), "the removed bookmark is gone");

    let markdown = stdout(
        &home
            .c34()
            .args(["notes", "--format", "markdown"])
            .assert()
            .success(),
    );
    // The heading every markdown response has: the paragraph and its section, then the
    // citation.
    let expected_start = format!(
        "# Bookmarks and notes on A/76/505/Add.1\n\n## ¶ 165 · VIII. Safety and security\n\n{CITATION_165}\n\n> Raise with DPO -- urgently\n\n{}\n",
        response(165)[0]
    );
    assert!(markdown.starts_with(&expected_start), "{markdown}");
    assert_eq!(
        markdown.matches("\n\n").count(),
        3 + response(165).len(),
        "one blank line before each block: {markdown}"
    );
}

#[test]
fn no_notes_yet() {
    let home = Home::new();
    home.c34()
        .args(["notes", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    home.c34()
        .arg("notes")
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("no bookmarks or notes"));
}

#[test]
fn an_unknown_paragraph_changes_nothing_and_exits_1() {
    let home = Home::new();
    home.c34()
        .args(["bookmark", "18", "65"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("c34: no response to ¶ 65 · nearest: ¶ 64, ¶ 66\n");
    home.c34().args(["note", "65", "x"]).assert().code(1);
    assert!(!home.notes_file().exists());
}

#[test]
fn an_unreadable_notes_file_is_named_and_left_byte_for_byte() {
    let home = Home::new();
    let path = home.notes_file();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let contents = b"{\"version\": 1,\n  \"documents\": {\"A/76/505/Add.1\": {\"165\": {\"bookmark\": tru}}}}\n";
    fs::write(&path, contents).unwrap();
    let at = format!("c34: {}:2:", path.display());
    home.c34()
        .arg("notes")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with(format!(
            "{at}59: not a c34 notes file: expected ident"
        )));
    home.c34()
        .args(["bookmark", "18"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "c34 leaves it as it is and saves no changes",
        ));
    home.c34().args(["note", "18", "x"]).assert().code(2);
    assert_eq!(fs::read(&path).unwrap(), contents);

    fs::write(&path, br#"{"version": 7, "documents": {}}"#).unwrap();
    home.c34()
        .arg("notes")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "written by a newer c34 (format version 7",
        ));
    assert_eq!(
        fs::read(&path).unwrap(),
        br#"{"version": 7, "documents": {}}"#
    );

    // Root reads any file, so a directory stands for a file c34 cannot read.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    home.c34().arg("notes").assert().code(2).stderr(format!(
        "c34: {}: is a directory, not a file\n",
        path.display()
    ));
    assert!(path.is_dir());
}

#[cfg(target_os = "linux")]
#[test]
fn without_xdg_data_home_notes_go_to_the_home_directory() {
    let home = Home::new();
    // A relative XDG_DATA_HOME is invalid by the spec and ignored.
    home.c34()
        .env("XDG_DATA_HOME", "relative/dir")
        .args(["bookmark", "165"])
        .assert()
        .success();
    let file = home.dir.path().join(".local/share/c34/notes.json");
    assert!(fs::read_to_string(file).unwrap().contains("\"165\""));
    home.c34()
        .env_remove("XDG_DATA_HOME")
        .args(["notes", "--json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(CITATION_165));
}

#[test]
fn a_data_directory_that_cannot_be_created_is_an_error_not_a_panic() {
    let home = Home::new();
    // A regular file where the directory should be: not even root can create it.
    fs::write(home.data_home(), "a file").unwrap();
    home.c34()
        .args(["bookmark", "165"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot create the directory"));
    assert_eq!(fs::read_to_string(home.data_home()).unwrap(), "a file");
}

/// Disk full, simulated: the shell sets a file-size limit (`ulimit -f`) and ignores SIGXFSZ,
/// so writing past the limit fails with EFBIG part-way through the temporary file — the same
/// path as ENOSPC. The old file stays, the temporary file is removed, and c34 says why.
#[cfg(unix)]
#[test]
fn a_write_that_fails_half_way_leaves_the_old_file() {
    let home = Home::new();
    home.c34().args(["bookmark", "18"]).assert().success();
    let before = fs::read(home.notes_file()).unwrap();
    let long_note = "word ".repeat(700);
    let output = Process::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .args(["note", "165", &long_note])
        .env("XDG_DATA_HOME", home.data_home())
        .env("HOME", home.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write: File too large"), "{stderr}");
    assert_eq!(fs::read(home.notes_file()).unwrap(), before);
    assert_eq!(leftovers(&home.notes_file()), Vec::<String>::new());
    // And the store still works once there is room.
    home.c34()
        .args(["note", "165", &long_note])
        .assert()
        .success();
}

/// Files beside the notes file other than itself and its lock.
fn leftovers(notes_file: &Path) -> Vec<String> {
    fs::read_dir(notes_file.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "notes.json" && n != "notes.json.lock")
        .collect()
}

#[cfg(unix)]
#[test]
fn kill_9_mid_stream_keeps_every_acknowledged_bookmark() {
    let paras = all_paras();
    let mut random = seed() | 1;
    let mut killed_mid_write = 0;
    for round in 0..8 {
        let home = Home::new();
        let mut child = home
            .process()
            .arg("bookmark")
            .args(paras.iter().map(u32::to_string))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wanted = usize::try_from(next(&mut random) % 100).unwrap() + 1;
        let mut acknowledged = Vec::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        while acknowledged.len() < wanted {
            let Some(Ok(line)) = lines.next() else { break };
            let para: u32 = line.strip_prefix("bookmarked ").unwrap().parse().unwrap();
            acknowledged.push(para);
        }
        // Let it get some way into the next write, then kill it without warning.
        std::thread::sleep(Duration::from_micros(next(&mut random) % 3000));
        child.kill().unwrap(); // SIGKILL on Unix
        let _ = child.wait();
        // Read what it acknowledged in the pipe meanwhile: those are on disk too.
        for line in lines.map_while(Result::ok) {
            if let Some(para) = line.strip_prefix("bookmarked ") {
                acknowledged.push(para.parse().unwrap());
            }
        }

        let on_disk = home.bookmarked();
        for para in &acknowledged {
            assert!(
                on_disk.contains(para),
                "round {round}: {para} was acknowledged but is not on disk"
            );
        }
        // At most the one unacknowledged change in flight got through.
        assert!(on_disk.len() <= acknowledged.len() + 1, "round {round}");
        // And c34 reads the file afterwards, and can change it; the next change removes a
        // temporary file the killed process left.
        let stray = leftovers(&home.notes_file());
        if !stray.is_empty() {
            killed_mid_write += 1;
        }
        home.c34().args(["notes", "--json"]).assert().success();
        home.c34()
            .args(["bookmark", "--remove", "18"])
            .assert()
            .success();
        assert_eq!(leftovers(&home.notes_file()), Vec::<String>::new());
    }
    eprintln!("{killed_mid_write} of 8 kills left a temporary file (killed mid-write)");
}

#[test]
fn two_processes_at_once_keep_both_their_bookmarks() {
    let paras = all_paras();
    // Alternate paragraphs, so the two processes write interleaved all the way through.
    let half = |parity: usize| -> Vec<String> {
        paras
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, p)| p.to_string())
            .collect()
    };
    for round in 0..6 {
        let home = Home::new();
        let spawn = |paras: Vec<String>| {
            home.process()
                .arg("bookmark")
                .args(paras)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let first = spawn(half(0));
        let second = spawn(half(1));
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(home.bookmarked(), paras, "round {round}: a change was lost");
    }
}

#[test]
fn two_processes_taking_turns_on_notes_and_bookmarks() {
    // One removes bookmarks while the other writes notes on the same paragraphs.
    let home = Home::new();
    let paras: Vec<String> = all_paras().iter().take(40).map(u32::to_string).collect();
    home.c34().arg("bookmark").args(&paras).assert().success();
    let remover = home
        .process()
        .args(["bookmark", "--remove"])
        .args(&paras)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut noters = Vec::new();
    for para in paras.iter().take(10) {
        let status = home
            .process()
            .args(["note", para, "kept"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        noters.push(para.clone());
    }
    assert!(remover.wait_with_output().unwrap().status.success());
    let json: Value =
        serde_json::from_str(&fs::read_to_string(home.notes_file()).unwrap()).unwrap();
    let doc = &json["documents"]["A/76/505/Add.1"];
    for para in &noters {
        assert_eq!(doc[para]["note"], "kept", "{para}");
        assert_eq!(doc[para]["bookmark"], false, "{para}");
    }
    assert_eq!(doc.as_object().unwrap().len(), noters.len());
}

#[test]
fn note_without_text_prints_it_and_deleting_takes_delete() {
    let home = Home::new();
    home.c34()
        .args(["note", "165"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("c34: no note on ¶ 165 (c34 note 165 TEXT writes one)\n");
    assert!(!home.notes_file().exists(), "reading writes nothing");
    home.c34()
        .args(["note", "165", "Raise", "with", "DPO"])
        .assert()
        .success();
    for _ in 0..2 {
        // Reading twice: the first read did not delete it.
        home.c34()
            .args(["note", "165"])
            .assert()
            .success()
            .stdout("Raise with DPO\n");
    }
    home.c34()
        .args(["note", "--delete", "165"])
        .assert()
        .success()
        .stdout("deleted the note on 165\n");
    home.c34().args(["note", "165"]).assert().code(1);
    home.c34()
        .args(["note", "165", "--delete", "x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

/// Runs c34 with a bound: a call that blocks (on a FIFO) is killed and fails the test.
#[cfg(unix)]
fn within_two_seconds(home: &Home, args: &[&str]) -> std::process::Output {
    let started = std::time::Instant::now();
    let output = home
        .c34()
        .args(args)
        .timeout(Duration::from_secs(2))
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2) && output.status.code().is_some(),
        "c34 {args:?} was still running after 2 s"
    );
    output
}

#[cfg(unix)]
#[test]
fn a_named_pipe_at_the_notes_file_or_its_lock_exits_2_at_once() {
    use crate::userdata_notes::mkfifo;
    let home = Home::new();
    mkfifo(&home.notes_file());
    for args in [
        &["notes"][..],
        &["bookmark", "18"],
        &["note", "18", "x"],
        &["note", "18"],
    ] {
        let output = within_two_seconds(&home, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "c34 {args:?}: {stderr}");
        assert!(
            stderr.contains("notes.json: is a named pipe (FIFO), not a regular file"),
            "c34 {args:?}: {stderr}"
        );
    }

    let home = Home::new();
    mkfifo(&home.notes_file().with_file_name("notes.json.lock"));
    let output = within_two_seconds(&home, &["bookmark", "18"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("notes.json.lock: is a named pipe"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_notes_file_stays_a_link_and_its_target_changes() {
    let home = Home::new();
    let dotfiles = home.dir.path().join("dotfiles");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(home.notes_file().parent().unwrap()).unwrap();
    let target = dotfiles.join("notes.json");
    std::os::unix::fs::symlink(&target, home.notes_file()).unwrap();
    home.c34().args(["bookmark", "165"]).assert().success();
    home.c34()
        .args(["note", "165", "kept", "in", "dotfiles"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(home.notes_file())
            .unwrap()
            .is_symlink()
    );
    let json: Value = serde_json::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(
        json["documents"]["A/76/505/Add.1"]["165"],
        serde_json::json!({"bookmark": true, "note": "kept in dotfiles"})
    );
    assert_eq!(home.bookmarked(), [165], "read back through the link");
}

#[test]
fn a_utf16_notes_file_is_named_as_utf16() {
    let home = Home::new();
    fs::create_dir_all(home.notes_file().parent().unwrap()).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        r#"{"version": 1, "documents": {}}"#
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(home.notes_file(), &bytes).unwrap();
    home.c34()
        .arg("notes")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "notes.json: UTF-16 text; c34 reads UTF-8",
        ));
    assert_eq!(fs::read(home.notes_file()).unwrap(), bytes);
}
