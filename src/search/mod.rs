//! The search engine (being built).
