//! The gazetteer file's format (`assets/gazetteer.toml`), as serde reads it: shared by the
//! library and the build script (`build.rs`), which parses the TOML once at build time and
//! embeds it as JSON. Nothing here names the rest of the crate, so the build script can
//! include it as it is.

use serde::{Deserialize, Serialize};

/// What sort of presence a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Kind {
    #[serde(rename = "peacekeeping")]
    PeacekeepingOperation,
    #[serde(rename = "political")]
    SpecialPoliticalMission,
    /// An office that is neither (for example the Office to the African Union).
    #[serde(rename = "office")]
    Office,
    /// An operation of a regional organisation or a Member State that works alongside the
    /// United Nations (AMISOM, Operation Barkhane); its acronym field holds a short name when
    /// it has no acronym.
    #[serde(rename = "partner")]
    Partner,
}

/// The file as written; optional fields default to empty.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    #[serde(default)]
    pub(super) mission: Vec<MissionRecord>,
    #[serde(default)]
    pub(super) place: Vec<PlaceRecord>,
    #[serde(default)]
    pub(super) alias: Vec<AliasRecord>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MissionRecord {
    pub(super) acronym: String,
    pub(super) name: String,
    pub(super) location: String,
    pub(super) kind: Kind,
    #[serde(default)]
    pub(super) places: Vec<String>,
    #[serde(default)]
    pub(super) other_names: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PlaceRecord {
    pub(super) name: String,
    #[serde(default)]
    pub(super) french: Vec<String>,
    #[serde(default)]
    pub(super) spanish: Vec<String>,
    #[serde(default)]
    pub(super) abbreviations: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AliasRecord {
    pub(super) short: String,
    pub(super) means: Vec<String>,
    #[serde(default)]
    pub(super) capitals_only: bool,
}
