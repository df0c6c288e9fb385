//! Helpers shared by the integration tests.

pub(crate) mod cli;
pub(crate) mod home;
pub(crate) mod keys;
pub(crate) mod pty;
pub(crate) mod screen;

/// The `XDG_CACHE_HOME` every c34 a test runs gets unless the test gives its own: a path no
/// directory can be made at, so the cache of derived data (`c34::cache`) is neither read nor
/// written, and never the real home's.
pub(crate) const NO_CACHE: &str = "/dev/null/c34-cache";
