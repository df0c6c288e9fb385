#![allow(dead_code)] // each test file uses its own part of the helpers

//! A user's home of its own for a test: user data under `data/`, `HOME` pointing at it, so
//! notes and added reports are never the real home's. Test files add the methods they need
//! in their own `impl Home` blocks.

use std::path::PathBuf;

use super::cli::c34;

pub(crate) struct Home {
    pub(crate) dir: tempfile::TempDir,
}

impl Home {
    pub(crate) fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `XDG_DATA_HOME` of the c34 this home runs.
    pub(crate) fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// c34 as [`c34`] makes it, its user data in this home.
    pub(crate) fn c34(&self) -> assert_cmd::Command {
        let mut command = c34();
        command
            .env("XDG_DATA_HOME", self.data_home())
            .env("HOME", self.dir.path());
        command
    }
}
