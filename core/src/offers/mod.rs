//! Offers of help and the needs they answer: an organization lists what it can give other
//! organizations (consultations, mentoring, training, premises, equipment, transport,
//! volunteers: the region's need vocabulary), and each open need shows who offers that kind
//! of help, nearest first; each offer shows the open needs it could answer. `matching.rs` holds
//! the SQL and the ordering; `help.rs` sends «Могу помочь».

#[cfg(feature = "server")]
pub mod help;
#[cfg(feature = "server")]
pub mod matching;

pub use crate::organizations::{Match, OfferView};

/// How many matches a need or an offer shows on a page.
pub const SHOWN: usize = 5;
