//! Rendering, one file per pane or overlay (being built).
