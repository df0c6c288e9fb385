//! Browser state and its one update function (being built).
