//! The integration tests, one binary (as bottom and tealdeer do): one link instead of one per
//! file. Each module is one area; `common` holds the helpers they share.

mod common;

mod bindings;
mod browser_cited;
mod browser_history;
mod browser_keep;
mod browser_keys;
mod browser_matrix;
mod browser_paste;
mod browser_properties;
mod browser_pty;
mod browser_reading;
mod browser_search;
mod browser_sizes;
mod browser_snapshots;
mod cli_conventions;
mod cli_data;
mod cli_notes;
mod cli_output;
mod cli_overview;
mod cli_search;
mod cli_selections;
mod hostile_files;
mod hostile_text;
mod import_fidelity;
mod import_layouts;
mod import_properties;
mod library;
mod module_graph;
mod overview;
mod refs;
mod search_engine;
mod search_labelled;
mod series_committee;
mod series_compare;
mod series_pdf;
mod series_read;
mod soak;
mod terminal_moments;
mod terminal_signals;
mod text_layout;
mod userdata_browser;
mod userdata_history;
mod userdata_notes;
mod userdata_properties;
