//! c34: the Secretary-General's matrix of responses to the recommendations of the Special
//! Committee on Peacekeeping Operations, as a library (importer, dataset, search) and a terminal
//! browser.
//!
//! Data flows one way: report text → [`import`] → [`dataset`] → [`search`] index → [`app`]
//! state → [`ui`] frame. Only [`tui`], [`keys`] and [`ui`] know that a terminal exists.
//! [`refs`] (the documents a text cites) and [`overview`] (missions × sections) read the
//! dataset for the report at a glance. [`reports`] lists the reports built into c34; [`library`]
//! adds those the user keeps (`c34 add`). [`sanitize`] makes untrusted text safe once, where it enters ([`sanitize::SafeText`]). [`effects`] does what the browser's state asks of the
//! world (the clipboard, the notes file).

pub mod app;
pub mod bindings;
pub mod cache;
pub mod command;
pub mod dataset;
pub mod effects;
pub mod import;
pub mod keys;
pub mod layout;
pub mod library;
pub mod missions;
pub mod overview;
pub mod paint;
pub mod parts;
pub mod refs;
pub mod reports;
pub mod sanitize;
pub mod search;
pub mod series;
pub mod text;
pub mod tui;
pub mod ui;
pub mod userdata;
