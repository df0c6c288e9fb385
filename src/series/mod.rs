//! The series of reports: a matrix read from its PDF ([`pdf`]), the Special Committee's
//! recommendations its paragraph numbers refer to ([`committee`]), and what changed between two
//! years' responses ([`compare`]). Nothing here knows about terminals.

pub mod committee;
pub mod compare;
pub mod pdf;
