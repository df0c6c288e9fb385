#![allow(dead_code)] // each test file uses its own part of the helpers

//! The `c34` binary run as a user would run it from a script.

use assert_cmd::Command;

/// c34 with a predictable environment: no colour, no `COLUMNS`.
pub(crate) fn c34() -> Command {
    let mut command = Command::cargo_bin("c34").expect("the binary is built");
    command.env_remove("COLUMNS").env("NO_COLOR", "1");
    command
}

pub(crate) fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("c34 runs");
    assert!(
        output.status.success(),
        "c34 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}
