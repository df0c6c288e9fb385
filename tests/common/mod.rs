//! Helpers shared by the integration tests.

pub mod cli;
pub mod keys;
pub mod pty;
pub mod screen;
