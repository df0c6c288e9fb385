//! `c34 man`: one manual page for the whole command line, made by `clap_mangen` from the same
//! definitions as `--help`, and the browser's keys from the same table as its `?` help.
//!
//! c34 has one page, so the page is put together from `clap_mangen`'s section renderers rather
//! than its `render`: the subcommands are listed as commands (`c34 show`, not the page
//! `c34-show(1)` that `clap_mangen` would name), the exit status is a section of its own, its
//! table kept line for line, and KEYS, FILES, ENVIRONMENT and EXAMPLES follow, built with the
//! same roff writer.

use std::fmt::Write as _;
use std::io::Write;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use c34::bindings::{BINDINGS, START_HERE, keys_label};
use c34::command::Keymap;

use super::{EXIT_STATUS, command};

/// The roff source of `c34(1)`.
pub(super) fn page() -> std::io::Result<Vec<u8>> {
    let command = command();
    let man = Man::new(command.clone());
    let mut roff = Vec::new();
    render(&man, &command, &mut roff)?;
    Ok(roff)
}

fn render(man: &Man, command: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    render_commands(command, out)?;
    render_keys(out)?;
    render_files(out)?;
    render_environment(out)?;
    render_exit_status(out)?;
    render_examples(out)?;
    man.render_version_section(out)?;
    Ok(())
}

/// The after-help's list of the essential browser keys, each with the words of the `?` help.
pub(super) fn essential_keys() -> String {
    // The `?` help's first group, from the same table: its first key each.
    let keys: Vec<(String, &str)> = BINDINGS
        .iter()
        .filter(|binding| binding.group == START_HERE && binding.keymaps.contains(&Keymap::Normal))
        .filter_map(|binding| Some((binding.keys.first()?.0.label(), binding.help)))
        .collect();
    let column = keys
        .iter()
        .map(|(label, _)| c34::text::width(label))
        .max()
        .unwrap_or(0);
    let mut text =
        String::from("Browser keys (c34 with no command; ? lists them all, and so does c34 man):");
    for (label, help) in keys {
        let pad = column.saturating_sub(c34::text::width(&label));
        // Writing to a String cannot fail.
        write!(text, "\n  {label}{}  {help}", " ".repeat(pad)).unwrap_or(());
    }
    text
}

/// `KEYS`: every binding of the browser, grouped as the `?` help groups them, from the same
/// table (so the page cannot name a key the browser does not have, nor miss one).
fn render_keys(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "With no command c34 opens the browser: a tree of sections, a list of responses and \
         a reader. Its keys, as the ? help lists them:",
    )]);
    let mut group = "";
    for binding in BINDINGS {
        if binding.group != group {
            group = binding.group;
            roff.control("SS", [group]);
        }
        roff.control("TP", []);
        roff.text([bold(keys_label(binding))]);
        roff.text([roman(binding.help)]);
    }
    roff.to_writer(out)
}

/// A section of term–description pairs.
fn render_pairs(
    out: &mut Vec<u8>,
    title: &str,
    intro: Option<&str>,
    pairs: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", [title]);
    if let Some(intro) = intro {
        roff.text([roman(intro)]);
    }
    for (term, description) in pairs {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*description)]);
    }
    roff.to_writer(out)
}

/// `FILES`: the user's data (see docs/user-data.md).
fn render_files(out: &mut Vec<u8>) -> std::io::Result<()> {
    render_pairs(
        out,
        "FILES",
        Some(
            "c34 keeps your data in $XDG_DATA_HOME/c34 when XDG_DATA_HOME is an absolute path, \
             else in the platform's data directory (~/.local/share/c34 on Linux, \
             ~/Library/Application Support/c34 on macOS, %APPDATA%\\c34 on Windows). Every \
             change is written atomically under a lock; a file c34 cannot read is left as it is.",
        ),
        &[
            (
                "$XDG_DATA_HOME/c34/notes.json",
                "bookmarks and notes, by document symbol and paragraph (c34 notes, c34 \
                 bookmark, c34 note; b and a in the browser)",
            ),
            (
                "$XDG_DATA_HOME/c34/history",
                "the last 100 search queries submitted in the browser, one a line, oldest first",
            ),
            (
                "$XDG_DATA_HOME/c34/reports/",
                "the datasets of reports added to the library, beside the embedded one",
            ),
            (
                "$XDG_DATA_HOME/c34/*.lock",
                "empty files c34 locks while it changes the file beside them",
            ),
            (
                "$XDG_CACHE_HOME/c34/",
                "what c34 derives from a dataset (its search index, the missions its responses \
                 name), so that it is not derived again at every start: one file each, named \
                 by a hash of the responses and of this c34, at most 32 files and 512 MiB, the oldest \
                 removed first. Only ever saves time: a damaged entry is ignored, a cache that \
                 cannot be written changes nothing, and the folder can be deleted at any time \
                 (~/.cache/c34 on Linux without XDG_CACHE_HOME)",
            ),
        ],
    )
}

/// `ENVIRONMENT`.
fn render_environment(out: &mut Vec<u8>) -> std::io::Result<()> {
    render_pairs(
        out,
        "ENVIRONMENT",
        None,
        &[
            (
                "XDG_DATA_HOME",
                "where your bookmarks, notes, history and reports live (see FILES)",
            ),
            (
                "XDG_CACHE_HOME",
                "where c34 keeps what it derives from a dataset (see FILES)",
            ),
            (
                "NO_COLOR",
                "set to anything but the empty string: no colour in the browser, no styles in \
                 the commands' output",
            ),
            (
                "COLUMNS",
                "the width show, list, missions and notes wrap to (kept within 20 and 100) and \
                 search clips to; show --width overrides it; without either, the terminal's \
                 width, or 80 when piped",
            ),
            (
                "TERM",
                "dumb: the commands print no styles; the browser needs a terminal that \
                 understands ANSI escape sequences",
            ),
            ("CLICOLOR", "0: the commands print no styles"),
        ],
    )
}

/// `EXAMPLES`: one line each, as a user would type them.
fn render_examples(out: &mut Vec<u8>) -> std::io::Result<()> {
    let examples: [(&str, &str); 8] = [
        ("c34", "open the browser; ? shows its keys, q quits"),
        (
            "c34 show 37 41-42",
            "the responses to paragraphs 37, 41 and 42",
        ),
        (
            "c34 search mali --json | jq -r '.[].para'",
            "every paragraph whose response matches mali (JSON is never cut unless --limit \
             says so)",
        ),
        ("c34 cite 165 166", "how to cite two responses"),
        (
            "c34 export --format csv > report.csv",
            "the whole report, one row per response, with its section and citation",
        ),
        (
            "c34 notes --format markdown > briefing.md",
            "your bookmarks and notes, each with its response, as a briefing",
        ),
        ("c34 missions --matrix", "missions × sections at a glance"),
        (
            "c34 man > ~/.local/share/man/man1/c34.1",
            "install this page (then: man c34)",
        ),
    ];
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in examples {
        roff.control("TP", []);
        roff.text([bold(command)]);
        roff.text([italic(what)]);
    }
    roff.to_writer(out)
}

/// `COMMANDS`: each subcommand as `c34 NAME` and its one-line description.
fn render_commands(command: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        roff.control("TP", []);
        roff.text([bold(format!("c34 {}", sub.get_name()))]);
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
    }
    roff.to_writer(out)
}

/// `EXIT STATUS`: the table of `--help`, without its title, in no-fill mode.
fn render_exit_status(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    roff.control("nf", []);
    for line in EXIT_STATUS.lines().skip(1) {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.to_writer(out)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page as a reader sees its words: roff's escapes undone, fonts dropped.
    fn plain(roff: &str) -> String {
        roff.replace("\\fB", "")
            .replace("\\fR", "")
            .replace("\\fI", "")
            .replace("\\-", "-")
            .replace("\\*(Aq", "'")
            .replace("\\&", "")
            .replace("\\\\", "\\")
    }

    #[test]
    fn the_page_has_keys_files_environment_and_examples_in_order() {
        let page = String::from_utf8(page().unwrap()).unwrap();
        let at = |title: &str| {
            page.find(&format!(".SH {title}\n"))
                .unwrap_or_else(|| panic!("no {title} section: {page}"))
        };
        let order = [
            at("COMMANDS"),
            at("KEYS"),
            at("FILES"),
            at("ENVIRONMENT"),
            at("\"EXIT STATUS\""),
            at("EXAMPLES"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        let text = plain(&page);
        for variable in ["XDG_DATA_HOME", "NO_COLOR", "COLUMNS", "TERM", "CLICOLOR"] {
            assert!(text.contains(&format!("\n{variable}\n")), "{variable}");
        }
        for file in ["notes.json", "history", "reports/"] {
            assert!(
                text.contains(&format!("$XDG_DATA_HOME/c34/{file}\n")),
                "{file}"
            );
        }
    }

    #[test]
    fn the_after_help_names_the_essential_keys_with_the_help_s_words() {
        let keys = essential_keys();
        let lines: Vec<&str> = keys.lines().skip(1).collect();
        // Nine keys, each once, search first and quit last, as a newcomer needs them.
        assert_eq!(lines.len(), 9, "{keys}");
        assert!(lines[0].trim_start().starts_with("/ "), "{keys}");
        assert!(lines[8].trim_start().starts_with("q ") && lines[8].ends_with("quit"));
        assert!(lines.iter().any(|l| l.contains("Backspace")), "{keys}");
    }

    #[test]
    fn subcommands_are_commands_and_the_exit_status_keeps_its_lines() {
        let page = String::from_utf8(page().unwrap()).unwrap();
        assert!(page.contains("\n\\fBc34 show\\fR\n"), "{page}");
        assert!(!page.contains("(1)\n"), "{page}");
        assert!(!page.contains("EXTRA"));
        let exit = page.split(".SH \"EXIT STATUS\"\n").nth(1).unwrap();
        assert!(exit.starts_with(".nf\n  0  success\n"), "{exit}");
        assert!(exit.contains("\n.fi\n"), "{exit}");
    }
}
