//! Organizations: the NGOs, initiative groups and institutions on the map, with their
//! services, events, needs, contacts and verification. This module holds the shared types
//! (used by the server and by islands in the browser) and the server fns; the SQL, the
//! validation and the view-model building are server-only submodules.

use serde::{Deserialize, Serialize};

use crate::region::OkrugRef;
use crate::taxonomy::TermLabel;

#[cfg(feature = "server")]
pub mod contacts;
pub mod input;
pub mod jsonld;
#[cfg(feature = "server")]
pub mod minimap;
mod pages;
pub use pages::{
    ContactView, EventView, Match, MiniMap, NeedView, OfferView, OkrugCount, OkrugPage,
    OrganizationPage, PartnerView, PhotoView, ServiceView, VerificationView,
};
pub mod standing;
pub use standing::{ArchivedView, FreshnessView};
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod validate;
#[cfg(feature = "server")]
pub mod view;

/// How much a service costs the person who uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cost {
    Free,
    Paid,
    Partly,
}

impl Cost {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Paid => "paid",
            Self::Partly => "partly",
        }
    }

    /// Accepts the code or the Russian words people write in spreadsheets.
    pub fn parse(s: &str) -> Option<Self> {
        match crate::text::fold(s).as_str() {
            "" | "free" | "бесплатно" | "бесплатная" | "бесплатный" => {
                Some(Self::Free)
            }
            "paid" | "платно" | "платная" | "платный" => Some(Self::Paid),
            "partly" | "частично" | "частично платно" | "частично бесплатно" | "льготно" => {
                Some(Self::Partly)
            }
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Free => "cost-free",
            Self::Paid => "cost-paid",
            Self::Partly => "cost-partly",
        }
    }
}

/// How staff checked that an organization is real and active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// ИНН/ОГРН checked in the state register.
    Registry,
    /// Reports to the Ministry of Justice or a grant-maker were seen.
    Reports,
    RecommendationLetter,
    Visit,
    Note,
}

impl VerificationMethod {
    pub const ALL: [Self; 5] = [
        Self::Registry,
        Self::Reports,
        Self::RecommendationLetter,
        Self::Visit,
        Self::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registry => "registry",
            Self::Reports => "reports",
            Self::RecommendationLetter => "recommendation_letter",
            Self::Visit => "visit",
            Self::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s.trim())
    }

    pub fn label_key(self) -> String {
        format!("verify-method-{}", self.as_str().replace('_', "-"))
    }
}

/// The kinds of contact channel an organization page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Phone,
    Email,
    Website,
    Vk,
    Ok,
    Telegram,
}

impl ContactKind {
    pub const ALL: [Self; 6] = [
        Self::Phone,
        Self::Email,
        Self::Website,
        Self::Vk,
        Self::Ok,
        Self::Telegram,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Website => "website",
            Self::Vk => "vk",
            Self::Ok => "ok",
            Self::Telegram => "telegram",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The link a contact opens: `tel:`, `mailto:` or the web address.
    pub fn href(self, value: &str) -> String {
        match self {
            Self::Phone => {
                let digits: String = value
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                format!("tel:{digits}")
            }
            Self::Email => format!("mailto:{value}"),
            _ => value.to_owned(),
        }
    }
}

/// A list filter kept in the URL (the okrug page uses its page number).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgFilter {
    pub okrug: Option<String>,
    pub direction: Option<String>,
    pub audience: Option<String>,
    /// 1-based.
    pub page: u32,
}

/// How many organizations one page of a list shows.
pub const PAGE_SIZE: u32 = 20;

impl OrgFilter {
    /// Builds a filter from query-string pairs; empty values mean "any".
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = OrgFilter {
            page: 1,
            ..Default::default()
        };
        let keep = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty() && v.len() <= 100);
        for (k, v) in pairs {
            match k {
                "okrug" => f.okrug = keep(v),
                "direction" => f.direction = keep(v),
                "audience" => f.audience = keep(v),
                "page" => f.page = v.trim().parse().unwrap_or(1).clamp(1, 100_000),
                _ => {}
            }
        }
        f
    }

    /// The query string for this filter ("?okrug=…&page=2"), or "" when it is empty.
    pub fn query_string(&self) -> String {
        let mut parts = vec![];
        for (k, v) in [
            ("okrug", &self.okrug),
            ("direction", &self.direction),
            ("audience", &self.audience),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", url_encode(v)));
            }
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The same filter on another page.
    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

/// Percent-encodes a query value (codes are ASCII, but be safe with anything).
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Parses the leading id of "{id}-{slug}" (an [`org_url`]); the slug part is decoration.
pub fn parse_id(id_slug: &str) -> Option<i64> {
    let digits: String = id_slug.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|id| *id > 0)
}

/// The public address of an organization's logo file.
pub fn logo_url(name: &str) -> String {
    format!("/uploads/logos/{name}")
}

/// The public URL of an organization page.
pub fn org_url(id: i64, slug: &str) -> String {
    format!("/org/{id}-{slug}")
}

/// One organization in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgCard {
    pub id: i64,
    pub url: String,
    pub name: String,
    pub kind_label: String,
    pub okrug: OkrugRef,
    pub settlement: String,
    pub directions: Vec<TermLabel>,
    pub audiences: Vec<TermLabel>,
    pub summary: String,
    /// From search: the matched words highlighted in `<mark>`, otherwise HTML-escaped text.
    #[serde(default)]
    pub snippet_html: Option<String>,
    /// From a search near a point.
    #[serde(default)]
    pub distance_km: Option<f64>,
    /// Where the map shows it (search results; lists without a map leave it out).
    #[serde(default)]
    pub at: Option<crate::region::LatLon>,
    pub verified: bool,
    pub is_demo: bool,
    /// Stale ones are faded, with a one-line explanation.
    #[serde(default)]
    pub freshness: crate::freshness::Freshness,
}

/// One page of a filtered list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgListPage {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub cards: Vec<OrgCard>,
}

impl OrgListPage {
    pub fn page_count(&self) -> u32 {
        ((self.total.max(0) as u32).div_ceil(self.per_page.max(1))).max(1)
    }
}

#[cfg(test)]
mod id_tests {
    #[test]
    fn id_comes_from_the_start_of_the_segment() {
        assert_eq!(super::parse_id("42-sovet-veteranov"), Some(42));
        assert_eq!(super::parse_id("42"), Some(42));
        assert_eq!(super::parse_id("sovet"), None);
        assert_eq!(super::parse_id("0-x"), None);
        assert_eq!(super::parse_id("99999999999999999999999-x"), None);
    }
}
