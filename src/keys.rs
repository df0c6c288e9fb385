//! Key and mouse events to commands (being built).
