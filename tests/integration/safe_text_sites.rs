//! Untrusted text is made safe once, where it enters: outside `src/sanitize*`, nothing calls the
//! `&str` sanitisers (`for_line`, `for_terminal`), which are private to `sanitize`, so text is
//! made safe only by building a `SafeText`; nothing prints around the command line's `Printer`.
//! Read from the source text, as the module-graph test is, so a new call site fails here rather
//! than in a review.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of each file under `src/` (comments and the tests at its end left out), with its
/// path relative to `src/`, `/`-separated.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let text = fs::read_to_string(&file).expect("a source file is readable");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: Vec<&str> = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect();
            let name = file
                .strip_prefix(&src)
                .expect("under src")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (name, code.join("\n"))
        })
        .collect()
}

#[test]
fn only_the_sanitiser_sanitises_plain_strings() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("sanitize"))
        .filter(|(_, code)| code.contains("for_line") || code.contains("for_terminal"))
        .map(|(name, _)| name)
        .collect();
    assert!(
        offenders.is_empty(),
        "make the text SafeText where it enters instead: {offenders:?}"
    );
}

/// The `&str` sanitisers are declared with no visibility at all (not `pub`, not `pub(crate)`),
/// so the compiler refuses a call from outside `sanitize` before this file's grep does.
#[test]
fn the_plain_string_sanitisers_are_private() {
    let sources = sources();
    let code = sources
        .iter()
        .find(|(name, _)| name == "sanitize.rs")
        .map(|(_, code)| code)
        .expect("src/sanitize.rs");
    for function in ["fn for_line(", "fn for_terminal("] {
        let declarations: Vec<&str> = code
            .lines()
            .map(str::trim)
            .filter(|line| line.contains(function))
            .collect();
        assert_eq!(
            declarations.len(),
            1,
            "one declaration of {function}: {declarations:?}"
        );
        assert!(
            declarations[0].starts_with(function),
            "{function} is private to sanitize: {declarations:?}"
        );
    }
}

#[test]
fn the_command_line_prints_only_through_the_printer() {
    // `output.rs` makes the stream the printer wraps; `manual.rs` and `mod.rs` write what clap
    // generates (the man page, completions, help), not data.
    let writers = ["cli/output.rs", "cli/manual.rs", "cli/mod.rs"];
    for (name, code) in sources() {
        if !name.starts_with("cli/") {
            continue;
        }
        let mut forbidden = vec!["println!", "print!(", "eprintln!", "eprint!("];
        if !writers.contains(&name.as_str()) {
            forbidden.extend(["writeln!(", "write!("]);
        }
        for call in forbidden {
            assert!(
                !code.contains(call),
                "{name} writes with {call}; print through the Printer"
            );
        }
    }
}

/// A file name with an escape sequence in it (Linux allows any byte but `/` and NUL) prints
/// as visible text: the path enters the printer as `SafeText`.
#[cfg(unix)]
#[test]
fn a_hostile_file_name_prints_as_visible_text() {
    let home = tempfile::tempdir().expect("a temporary directory");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("notes\u{1b}]0;pwned\u{7}.json");
    fs::write(&path, "[]").expect("write the export");
    let output = crate::common::cli::c34()
        .env("XDG_DATA_HOME", home.path())
        .args(["notes", "import"])
        .arg(&path)
        .output()
        .expect("c34 runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(output.status.success(), "{stdout}");
    // ESC and BEL as their control pictures, U+241B and U+2407.
    assert!(
        stdout.contains("notes\u{241b}]0;pwned\u{2407}.json"),
        "{stdout:?}"
    );
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
}

/// A symbol typed on the command line is quoted in the message on standard error as visible
/// text.
#[test]
fn a_hostile_symbol_in_a_message_prints_as_visible_text() {
    let home = tempfile::tempdir().expect("a temporary directory");
    let output = crate::common::cli::c34()
        .env("XDG_DATA_HOME", home.path())
        .args(["remove", "A/1\u{1b}]52;c;eA==\u{7}"])
        .output()
        .expect("c34 runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("A/1\u{241b}]52;c;eA==\u{2407}"),
        "{stderr:?}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

/// A bad argument is quoted in clap's usage error: one holding a character a terminal would
/// obey is quoted as visible text.
#[test]
fn a_hostile_argument_in_a_usage_error_prints_as_visible_text() {
    let output = crate::common::cli::c34()
        .args(["show", "1x\u{202e}txt.exe"])
        .output()
        .expect("c34 runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The right-to-left override as U+FFFD, as every other unsafe character past C0 and DEL.
    assert!(stderr.contains("1x\u{fffd}txt.exe"), "{stderr:?}");
    assert!(!stderr.contains('\u{202e}'), "{stderr:?}");
}
