//! The `c34` command: the browser with no subcommand, or a scriptable subcommand.

mod cli;

fn main() -> std::process::ExitCode {
    // With no arguments c34 opens the browser: what its first frame needs is started now,
    // beside the reading of the command line and the report.
    if std::env::args_os().len() == 1 {
        c34::tui::prepare_first_frame();
    }
    cli::main()
}
