//! Reads the gazetteer (`assets/gazetteer.toml`) once, at build time, and embeds it as JSON,
//! which c34 reads in a tenth of the time TOML takes: the browser's first frame needs it. A
//! broken file fails the build with the TOML error, which names its line and column.

use std::path::PathBuf;

#[allow(unreachable_pub, dead_code)]
#[path = "src/missions/file.rs"]
mod file;

fn main() {
    const SOURCE: &str = "assets/gazetteer.toml";
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/missions/file.rs");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|error| panic!("{SOURCE}: {error}"));
    let gazetteer: file::File =
        toml::from_str(&text).unwrap_or_else(|error| panic!("{SOURCE}: {error}"));
    let json =
        serde_json::to_string(&gazetteer).unwrap_or_else(|error| panic!("{SOURCE}: {error}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("gazetteer.json"), json)
        .unwrap_or_else(|error| panic!("{}: {error}", out.display()));
}
