//! Where a listing stands, as its page shows it: how fresh its details are, and whether it
//! was archived.

use serde::{Deserialize, Serialize};

/// How fresh a listing is, in words: "3 месяца назад".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FreshnessView {
    pub state: crate::freshness::Freshness,
    /// When the data was last edited.
    pub updated_ago: String,
    /// When the organization itself last confirmed it, with the date.
    pub confirmed: Option<String>,
    /// When staff last checked it.
    pub verified_ago: Option<String>,
}

/// An archived organization: since when, and staff's public note on why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArchivedView {
    pub since: String,
    pub note: String,
}
