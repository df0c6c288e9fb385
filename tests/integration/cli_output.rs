//! Writing output: every subcommand, `--help` and `--version` included, ends quietly with
//! status 0 when the reader of its pipe has gone, and with status 2 and one `c34: <reason>`
//! line on any other write error (a full disk: `/dev/full`); nothing panics. And `import -o`
//! replaces its file atomically: killed mid-write, the old file is intact.

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const REPORT_TEXT: &str = include_str!("../../assets/A_76_505_Add.1.txt");

/// Every way c34 writes to standard output, each with enough output to fill a pipe's buffer
/// several times where the command has that much to say. `{report}` is a report's text.
const COMMANDS: &[&[&str]] = &[
    &["--help"],
    &["-h"],
    &["--version"],
    &["help", "show"],
    &["show", "--help"],
    &["list"],
    &["list", "--json"],
    &["show", "18-192"],
    &["show", "18-192", "--format", "markdown"],
    &["show", "18-192", "--json"],
    &["cite", "18-192"],
    &["export"],
    &["export", "--format", "markdown"],
    &["export", "--format", "csv"],
    &["import", "{report}"],
    &["search", "peacekeeping", "--limit", "200"],
    &["search", "peacekeeping", "--limit", "200", "--json"],
    &[
        "search",
        "peacekeeping",
        "--limit",
        "200",
        "--format",
        "markdown",
    ],
    &["missions"],
    &["missions", "--json"],
    &["missions", "--matrix"],
    &["missions", "--matrix", "--format", "json"],
    &["missions", "--matrix", "--format", "csv"],
    &["refs"],
    &["refs", "--json"],
    &["completions", "bash"],
    &["completions", "zsh"],
    &["completions", "fish"],
    &["completions", "elvish"],
    &["completions", "powershell"],
    &["man"],
    // A bookmark and a note first, so that `notes` has something to print.
    &["bookmark", "18"],
    &["note", "18", "a", "note"],
    &["notes"],
    &["notes", "--json"],
    &["notes", "--format", "markdown"],
];

/// Runs c34 with `args` (`{report}` replaced) and standard output on `stdout`.
fn run(args: &[&str], stdout: Stdio, data_home: &Path, report: &Path) -> Output {
    let args: Vec<&std::ffi::OsStr> = args
        .iter()
        .map(|arg| {
            if *arg == "{report}" {
                report.as_os_str()
            } else {
                std::ffi::OsStr::new(arg)
            }
        })
        .collect();
    Command::new(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .args(&args)
        .env("XDG_DATA_HOME", data_home)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("c34 runs")
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    fs::write(&report, REPORT_TEXT).unwrap();
    (dir, report)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_status_0() {
    let (dir, report) = setup();
    for args in COMMANDS {
        // The reading end is closed before c34 starts, so every write meets a closed pipe.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run(args, Stdio::from(writer), dir.path(), &report);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} said: {stderr}");
    }
}

#[test]
fn a_full_disk_ends_every_command_with_status_2_and_the_reason() {
    let (dir, report) = setup();
    for args in COMMANDS {
        let full = File::options().write(true).open("/dev/full").unwrap();
        let output = run(args, Stdio::from(full), dir.path(), &report);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: one message, got {stderr}");
        assert!(
            lines[0].starts_with("c34: ") && lines[0].contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn import_killed_mid_write_leaves_the_old_file_intact() {
    let (dir, report) = setup();
    let target = dir.path().join("dataset.json");
    let old = "{\"the old dataset\": true}\n".repeat(100);
    fs::write(&target, &old).unwrap();
    // A file size limit of 8 KiB: the kernel stops c34 with SIGXFSZ at the first write past
    // it, in the middle of the ~200 KB dataset. No core file is left behind.
    let script = format!(
        "ulimit -c 0; ulimit -f 16; exec '{}' import '{}' -o '{}'",
        env!("CARGO_BIN_EXE_c34"),
        report.display(),
        target.display()
    );
    let status = Command::new("sh")
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("-c")
        .arg(&script)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the limit must stop the import");
    assert_eq!(fs::read_to_string(&target).unwrap(), old);

    // With SIGXFSZ ignored the write fails with EFBIG instead, as on a full disk: c34 says so,
    // exits 2, and removes its temporary file. (The kill above left one: remove it first.)
    for entry in fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".c34-import-")
        {
            fs::remove_file(entry.path()).unwrap();
        }
    }
    let output = Command::new("sh")
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("-c")
        .arg(format!("trap '' XFSZ; {script}"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("c34: {}: cannot write: ", target.display())),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), old);
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|name| !name.starts_with(".c34-import-")),
        "{left:?}"
    );

    // Without the limit, the same command replaces the file whole, keeping its mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("import")
        .arg(&report)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let written = fs::read_to_string(&target).unwrap();
    assert_eq!(written, include_str!("../../assets/report.json"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn import_into_a_directory_it_cannot_write_says_so_and_changes_nothing() {
    let (dir, report) = setup();
    let missing = dir.path().join("no-such-dir").join("dataset.json");
    let output = Command::new(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("import")
        .arg(&report)
        .arg("-o")
        .arg(&missing)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("c34: {}: cannot write: ", missing.display())),
        "{stderr}"
    );
    assert!(!missing.exists());
}

#[test]
fn import_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let (dir, report) = setup();
    let kept = dir.path().join("kept");
    fs::create_dir(&kept).unwrap();
    let target = kept.join("dataset.json");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_c34"))
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("import")
        .arg(&report)
        .arg("-o")
        .arg(&link)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        include_str!("../../assets/report.json")
    );
}
