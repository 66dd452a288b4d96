//! The region's needs, "Кому нужна помощь": every open need of a published organization
//! (still needed, not past its "до" date), by kind and okrug, for volunteers, donors and
//! other NGOs; and the staff summary, need kind × okrug, in the coverage matrix's shape so
//! it downloads the same way.

#[cfg(feature = "server")]
pub mod build;

use serde::{Deserialize, Serialize};

use crate::staff_desk::OkrugOption;
use crate::taxonomy::TermLabel;

/// One open need, with its organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedItem {
    pub organization: String,
    /// The organization's page (its contacts are there).
    pub url: String,
    pub okrug: String,
    pub kind: TermLabel,
    pub title: String,
    pub description: String,
    /// "до 1 мая 2027".
    pub until: Option<String>,
}

/// A need kind with how many open needs of it the filter finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindCount {
    pub code: String,
    pub label: String,
    pub count: usize,
}

/// The `/needs` page: the filter, the counts, one page of needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsPage {
    pub kind: Option<String>,
    pub okrug: Option<String>,
    pub kinds: Vec<KindCount>,
    pub okrugs: Vec<OkrugOption>,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<NeedItem>,
}

/// Needs per page.
pub const PER_PAGE: usize = 30;
