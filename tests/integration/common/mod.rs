//! Helpers shared by the integration tests.

pub(crate) mod cli;
pub(crate) mod keys;
pub(crate) mod pty;
pub(crate) mod screen;
