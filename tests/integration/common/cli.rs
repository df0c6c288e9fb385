#![allow(dead_code)] // each test file uses its own part of the helpers

//! The `c34` binary run as a user would run it from a script.

use assert_cmd::Command;

/// c34 with a predictable environment: no colour, no `COLUMNS`, and user data in a folder
/// that holds none (never the real home: reports added there would change what c34 opens).
/// Tests that write user data give their own `XDG_DATA_HOME`.
pub(crate) fn c34() -> Command {
    let mut command = Command::cargo_bin("c34").expect("the binary is built");
    let no_user_data = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-data");
    command
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", no_user_data)
        .env("XDG_CACHE_HOME", super::NO_CACHE);
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
