//! The search page's data: everything one rendering of `/` needs, already localized, so the
//! island renders the same in the browser as on the server. The results themselves (cards,
//! suggestions, refused parameters) are rendered on the server only: they are not
//! serialized, so the browser build never carries their types (see `app::search::page`).

use serde::{Deserialize, Serialize};

use super::params::{Facet, SortOrder};
use crate::organizations::OrgCard;
use crate::region::LatLon;

/// One facet with all its values and their counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub facet: Facet,
    pub title: String,
    pub values: Vec<super::FacetCount>,
}

/// A "did you mean" or "drop this filter" hint, as a ready link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionLink {
    pub text: String,
    pub href: String,
}

/// A place to search near: an okrug centre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceOption {
    pub label: String,
    /// "lat,lon", the value of the `near` parameter.
    pub value: String,
}

/// One rendering of the search page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchView {
    /// The normalised query string that produced this view, without "?".
    pub query: String,
    pub q: String,
    /// Localized messages about parameters that were refused (the rest still ran).
    /// Server-side only, like `cards` and `suggestions`.
    #[serde(skip)]
    pub errors: Vec<String>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// The sort actually used, and whether it was chosen explicitly.
    pub sort: SortOrder,
    pub sort_chosen: bool,
    pub near: Option<LatLon>,
    /// The `near` value as sent ("55.44,65.34"), to keep the picker in step.
    pub near_value: String,
    pub radius_km: Option<f64>,
    pub bbox_value: String,
    #[serde(skip)]
    pub cards: Vec<OrgCard>,
    pub facets: Vec<FacetGroup>,
    #[serde(skip)]
    pub suggestions: Vec<SuggestionLink>,
    pub places: Vec<PlaceOption>,
}

impl SearchView {
    /// How many filters narrow these results (ticked values, a place, a map area), for the
    /// «Фильтры (N)» toggle. The text query and the sort are not filters.
    pub fn active_filters(&self) -> usize {
        let ticked: usize = self
            .facets
            .iter()
            .map(|g| g.values.iter().filter(|v| v.selected).count())
            .sum();
        ticked + usize::from(self.near.is_some()) + usize::from(!self.bbox_value.is_empty())
    }

    pub fn is_selected(&self, facet: Facet, code: &str) -> bool {
        self.facets
            .iter()
            .find(|g| g.facet == facet)
            .and_then(|g| g.values.iter().find(|v| v.code == code))
            .is_some_and(|v| v.selected)
    }

    pub fn count(&self, facet: Facet, code: &str) -> u64 {
        self.facets
            .iter()
            .find(|g| g.facet == facet)
            .and_then(|g| g.values.iter().find(|v| v.code == code))
            .map_or(0, |v| v.count)
    }

    /// The link to another page of these results.
    /// The download of this view (every page) in a format: `csv`, `xlsx`, `geojson`.
    pub fn download_href(&self, extension: &str) -> String {
        self.href_without_page(&format!("/api/v1/organizations.{extension}"))
    }

    /// The Atom feed of this view's news (`/feed.atom`).
    pub fn feed_href(&self) -> String {
        self.href_without_page("/feed.atom")
    }

    /// The subscription form for this view's okrug, direction and audience (the first of
    /// each: a subscription follows one of each).
    pub fn subscribe_href(&self) -> String {
        let mut seen = vec![];
        let pairs: Vec<&str> = self
            .query
            .split('&')
            .filter(|p| {
                let key = p.split('=').next().unwrap_or_default();
                let wanted = matches!(key, "okrug" | "direction" | "audience");
                wanted && !seen.contains(&key) && {
                    seen.push(key);
                    true
                }
            })
            .collect();
        if pairs.is_empty() {
            "/subscribe".into()
        } else {
            format!("/subscribe?{}", pairs.join("&"))
        }
    }

    fn href_without_page(&self, path: &str) -> String {
        let pairs: Vec<&str> = self
            .query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("page="))
            .collect();
        if pairs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", pairs.join("&"))
        }
    }

    pub fn page_href(&self, page: u32) -> String {
        let mut pairs: Vec<String> = self
            .query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("page="))
            .map(str::to_owned)
            .collect();
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        if pairs.is_empty() {
            "/".into()
        } else {
            format!("/?{}", pairs.join("&"))
        }
    }
}
