//! The command line's conventions: shell completions, the man page, exit codes in `--help`,
//! colour only on a terminal and never with `NO_COLOR`, and one output width for every command
//! that wraps.

use std::io::Read;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::common::cli::{c34, stdout_of};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use predicates::str::contains;

const SUBCOMMANDS: [&str; 9] = [
    "list",
    "show",
    "cite",
    "export",
    "import",
    "search",
    "missions",
    "completions",
    "man",
];

#[test]
fn help_lists_the_exit_codes() {
    for flag in ["-h", "--help"] {
        let out = stdout_of(c34().arg(flag));
        let exit = out
            .split("Exit status:\n")
            .nth(1)
            .expect("an exit status table");
        let codes: Vec<&str> = exit
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .filter(|word| word.parse::<u8>().is_ok())
            .collect();
        assert_eq!(codes, ["0", "1", "2"], "{out}");
        assert!(exit.contains("nothing found") && exit.contains("bad input"));
    }
}

#[test]
fn bash_completions_name_every_subcommand() {
    let out = stdout_of(c34().args(["completions", "bash"]));
    assert!(out.contains("complete -F"), "{out}");
    for name in SUBCOMMANDS {
        assert!(out.contains(name), "no {name} in the bash completions");
    }
    // Options of a subcommand, and the formats, complete too.
    assert!(out.contains("--format") && out.contains("markdown"));
}

#[test]
fn every_shell_gets_completions() {
    for (shell, marker) in [
        ("bash", "complete"),
        ("zsh", "#compdef c34"),
        ("fish", "complete -c c34"),
        ("elvish", "edit:completion"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = stdout_of(c34().args(["completions", shell]));
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("cite"), "{shell}");
    }
    c34()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("invalid value"));
}

#[test]
fn man_prints_a_roff_page_naming_every_subcommand() {
    let out = stdout_of(c34().arg("man"));
    // roff's apostrophe string comes first (clap_mangen defines \*(Aq), then the title.
    let macros: Vec<&str> = out
        .lines()
        .filter(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .collect();
    assert!(macros[0].starts_with(".TH c34 1"), "{out}");
    assert!(out.contains("\n.SH NAME\n") && out.contains("\n.SH SYNOPSIS\n"));
    for name in SUBCOMMANDS {
        assert!(
            out.contains(&format!("\\fBc34 {name}\\fR\n")),
            "no {name} in the man page"
        );
    }
    let exit = out
        .split(".SH \"EXIT STATUS\"\n")
        .nth(1)
        .expect("EXIT STATUS");
    assert!(exit.starts_with(".nf\n  0  success\n"), "{exit}");
    // No data needed: the man page works with a broken --data.
    c34()
        .args(["--data", "no/such/file.json", "man"])
        .assert()
        .success();
}

/// The commands whose text output could carry styles.
const TEXT_COMMANDS: [&[&str]; 6] = [
    &["list"],
    &["show", "165"],
    &["show", "37", "41-42"],
    &["cite", "18-22"],
    &["export", "--format", "markdown"],
    &["export", "--format", "csv"],
];

#[test]
fn piped_output_has_no_escape_bytes_even_without_no_color() {
    for args in TEXT_COMMANDS {
        let output = c34()
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(!output.stdout.contains(&0x1b), "{args:?}");
    }
}

/// Runs c34 in a 100×40 pseudo-terminal and returns all it wrote.
fn in_terminal(args: &[&str], no_color: Option<&str>) -> String {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_c34"));
    command.env("XDG_CACHE_HOME", crate::common::NO_CACHE);
    command.args(args);
    command.env("TERM", "xterm-256color");
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS"] {
        command.env_remove(name);
    }
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut all = Vec::new();
        let mut buffer = [0; 8192];
        // Linux ends a pty's reads with EIO once the child is gone.
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buffer[..n]);
        }
        let _ = sender.send(all);
    });
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?}");
    let all = receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("the output ends");
    String::from_utf8_lossy(&all).into_owned()
}

#[test]
fn on_a_terminal_headings_are_bold_unless_no_color_is_set_and_non_empty() {
    let bold = "\u{1b}[1m";
    let plain = in_terminal(&["list"], None);
    assert!(
        plain.contains(&format!("{bold}I. Introduction (2)")),
        "{plain:?}"
    );
    let several = in_terminal(&["show", "37", "41"], None);
    assert!(
        several.contains(&format!("{bold}¶ 37 · II.")),
        "{several:?}"
    );
    // NO_COLOR="" is not set, as in the browser (https://no-color.org).
    assert!(in_terminal(&["list"], Some("")).contains(bold));
    for (args, shown) in [
        (&["list"][..], "I. Introduction (2)"),
        (&["show", "37", "41"], "¶ 41 · II."),
        (&["cite", "18"], "response to para. 18"),
    ] {
        let out = in_terminal(args, Some("1"));
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(out.contains(shown), "{args:?}: {out:?}");
    }
}

#[test]
fn search_matches_are_bold_on_a_terminal_under_the_same_no_color_rule() {
    let bold = "\u{1b}[1m";
    assert!(in_terminal(&["search", "minusma"], None).contains(&format!("{bold}MINUSMA")));
    assert!(in_terminal(&["search", "minusma"], Some("")).contains(bold));
    let plain = in_terminal(&["search", "minusma"], Some("1"));
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("MINUSMA"), "{plain:?}");
}

/// The longest line of `c34 show 43` with `COLUMNS` (and `--width`) as given.
fn longest_show_line(columns: Option<&str>, width: Option<&str>) -> usize {
    let mut command = c34();
    command.args(["show", "43"]);
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    if let Some(width) = width {
        command.args(["--width", width]);
    }
    let out = stdout_of(&mut command);
    out.lines().map(|line| line.chars().count()).max().unwrap()
}

#[test]
fn show_wraps_to_width_then_columns_then_80_at_most_100() {
    // Paragraph 43 is long enough that a full line comes within a word of the width.
    let longest = longest_show_line(None, None);
    assert!((70..=80).contains(&longest), "piped: {longest}");
    let longest = longest_show_line(Some("50"), None);
    assert!((40..=50).contains(&longest), "COLUMNS=50: {longest}");
    let longest = longest_show_line(Some("250"), None);
    assert!((90..=100).contains(&longest), "COLUMNS=250: {longest}");
    let longest = longest_show_line(Some("wide"), None);
    assert!((70..=80).contains(&longest), "COLUMNS=wide: {longest}");
    let longest = longest_show_line(Some("50"), Some("30"));
    assert!(
        (20..=30).contains(&longest),
        "--width beats COLUMNS: {longest}"
    );
    let longest = longest_show_line(None, Some("140"));
    assert!(
        (130..=140).contains(&longest),
        "--width is not capped: {longest}"
    );
}

#[test]
fn list_wraps_to_columns_too() {
    let out = stdout_of(c34().env("COLUMNS", "30").arg("list"));
    let numbers: Vec<&str> = out.lines().filter(|l| l.starts_with("    ")).collect();
    assert!(
        numbers.iter().all(|line| line.chars().count() <= 30),
        "{out}"
    );
    assert!(
        numbers.iter().any(|line| line.chars().count() > 25),
        "{out}"
    );
}

#[test]
fn the_long_help_names_the_embedded_report_from_its_dataset() {
    let dataset: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/report.json")).unwrap();
    let symbol = dataset["document"]["symbol"].as_str().unwrap();
    let responds_to = dataset["document"]["responds_to"].as_str().unwrap();
    // Unwrapped: clap wraps the description to the terminal's width.
    let help = stdout_of(c34().env("COLUMNS", "1000").arg("--help"));
    assert!(
        help.contains(&format!("({symbol}, responding to {responds_to})")),
        "{help}"
    );
    // The subcommands' help speaks of "the report", whatever the dataset.
    let show = stdout_of(c34().args(["show", "--help"]));
    assert!(show.contains("the Special Committee's report"), "{show}");
}
