//! The `c34` command: the browser with no subcommand, or a scriptable subcommand.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
