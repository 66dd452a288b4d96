//! Subscriptions by mail and Atom feeds: anyone, without an account, follows an okrug and/or
//! a direction or audience and gets a weekly digest of what is new there (organizations,
//! upcoming events, open needs); any search filter is also an Atom feed with the same
//! content. `store.rs` holds the SQL, `service.rs` subscribing, confirming and
//! unsubscribing, `digest.rs` the digest's content and the weekly run, `atom.rs` the feed.

#[cfg(feature = "server")]
pub mod atom;
#[cfg(feature = "server")]
pub mod digest;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

use serde::{Deserialize, Serialize};

use crate::staff_desk::OkrugOption;
use crate::taxonomy::TermLabel;

/// How long a confirmation link works; an unconfirmed subscription is deleted after it.
pub const CONFIRM_DAYS: i64 = 7;
/// The most subscriptions one address may have (more are silently not created).
pub const MAX_PER_ADDRESS: i64 = 20;

/// What a subscription follows: an okrug, a direction and an audience, each optional (none:
/// the whole region). It is a search filter, so the same words find the same organizations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// An okrug's slug.
    pub okrug: Option<String>,
    /// A direction's code.
    pub direction: Option<String>,
    /// An audience's code.
    pub audience: Option<String>,
}

impl Topic {
    /// From a query or form; empty values are no filter.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut t = Self::default();
        for (k, v) in pairs {
            let v = v.trim();
            let value = (!v.is_empty()).then(|| v.chars().take(100).collect());
            match k {
                "okrug" => t.okrug = value,
                "direction" => t.direction = value,
                "audience" => t.audience = value,
                _ => {}
            }
        }
        t
    }

    /// Its (name, value) pairs, in a fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("okrug", &self.okrug),
            ("direction", &self.direction),
            ("audience", &self.audience),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

/// The page `/subscribe`: the topic asked for (unknown values dropped) and the choices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribePage {
    pub topic: Topic,
    pub okrugs: Vec<OkrugOption>,
    pub directions: Vec<TermLabel>,
    pub audiences: Vec<TermLabel>,
    /// The topic in words («Округ: …; направление: …»), or the region's name.
    pub description: String,
    /// The topic's search query (for the Atom feed's and the search page's links).
    pub query: String,
}

/// A mailed link's page (confirm or unsubscribe): what the subscription follows. None when
/// the link is unknown, used or expired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPage {
    pub description: String,
}
