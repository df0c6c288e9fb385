//! `c34 man`: one manual page for the whole command line, made by `clap_mangen` from the same
//! definitions as `--help`.
//!
//! c34 has one page, so the page is put together from `clap_mangen`'s section renderers rather
//! than its `render`: the subcommands are listed as commands (`c34 show`, not the page
//! `c34-show(1)` that `clap_mangen` would name), and the exit status is a section of its own,
//! its table kept line for line.

use std::io::Write;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

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
    render_exit_status(out)?;
    man.render_version_section(out)?;
    Ok(())
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
