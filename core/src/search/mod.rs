//! Search: full text with Russian morphology and typo tolerance (tantivy), facets with
//! counts, geo filters and sorting. Shared request/response types live here; the engine
//! is server-only.
//!
//! Design: tantivy answers only "which organizations match these words, and how well".
//! Everything else (facet filters and their counts, the geo radius and bbox, sorting) runs
//! over [`table::OrgTable`], an in-memory table of every published organization with its
//! facet codes as bitmasks. That keeps geo filters exact (haversine, not just a bbox),
//! makes disjunctive facet counts one pass, and lets the map reuse the same filtering.

pub mod params;
pub mod view;

#[cfg(feature = "server")]
pub mod analyzer;
#[cfg(feature = "server")]
pub mod consistency;
#[cfg(feature = "server")]
pub mod engine;
#[cfg(feature = "server")]
pub mod index;
#[cfg(feature = "server")]
pub mod page_data;
#[cfg(feature = "server")]
pub mod records;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod table;
#[cfg(feature = "server")]
pub mod watch;

#[cfg(all(test, feature = "server"))]
mod fuzz_tests;

use serde::{Deserialize, Serialize};

pub use params::{BBox, Facet, SearchParams, SortOrder, FACETS};

/// One facet value with how many organizations have it (given the other active filters).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    pub code: String,
    pub label: String,
    pub count: u64,
    /// Whether this value is among the active filters.
    #[serde(default)]
    pub selected: bool,
}

/// One search result, as the public API promises it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The organization-kind code.
    pub kind: String,
    /// The okrug slug.
    pub okrug: String,
    pub lat: f64,
    pub lon: f64,
    pub approximate_location: bool,
    pub directions: Vec<String>,
    pub audiences: Vec<String>,
    /// A fragment of text with the matched words in `<mark>`; HTML-escaped otherwise.
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    pub url: String,
}

/// A hint shown instead of a bare "nothing found".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Suggestion {
    /// Dropping this filter would give `count` results.
    DropFilter {
        facet: String,
        code: String,
        label: String,
        count: u64,
    },
    /// Did you mean this spelling? `count` results.
    Spelling { query: String, count: u64 },
    /// Without the geo limit there would be `count` results.
    DropGeo { count: u64 },
}

/// The answer to a search, as `GET /api/v1/search` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SearchHit>,
    /// Facet name → values with counts, in the vocabulary's order.
    pub facets: std::collections::BTreeMap<String, Vec<FacetCount>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}
