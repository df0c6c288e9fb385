//! `c34 man`: one manual page for the whole command line, made by `clap_mangen` from the same
//! definitions as `--help`.

use std::io;

use clap::CommandFactory;

use super::Cli;

/// The roff source of `c34(1)`.
pub(super) fn page() -> io::Result<String> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut roff)?;
    Ok(adjust(&String::from_utf8_lossy(&roff)))
}

/// `clap_mangen` names each subcommand as a page of its own (`c34\-show(1)`), but c34 has one
/// page: name them as commands. It titles `after_help` "EXTRA": c34's is the exit status, a
/// table whose lines must stay as they are.
fn adjust(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut section = "";
    for line in page.lines() {
        if let Some(title) = line.strip_prefix(".SH ") {
            if section == "EXTRA" {
                out.push_str(".fi\n");
            }
            section = title;
            if title == "EXTRA" {
                out.push_str(".SH \"EXIT STATUS\"\n.nf\n");
                continue;
            }
        } else if section == "SUBCOMMANDS" {
            if let Some(name) = line
                .strip_prefix("c34\\-")
                .and_then(|rest| rest.strip_suffix("(1)"))
            {
                out.push_str("\\fBc34 ");
                out.push_str(name);
                out.push_str("\\fR\n");
                continue;
            }
        } else if section == "EXTRA" && line == "Exit status:" {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if section == "EXTRA" {
        out.push_str(".fi\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subcommands_are_commands_and_the_exit_status_keeps_its_lines() {
        let page = page().unwrap();
        assert!(page.contains("\n\\fBc34 show\\fR\n"), "{page}");
        assert!(!page.contains("(1)\n"), "{page}");
        assert!(!page.contains("EXTRA"));
        let exit = page.split(".SH \"EXIT STATUS\"\n").nth(1).unwrap();
        assert!(exit.starts_with(".nf\n  0  success\n"), "{exit}");
        assert!(exit.contains("\n.fi\n.SH VERSION"), "{exit}");
    }
}
