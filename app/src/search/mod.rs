//! Search on the web: the search page with its island, and the JSON API. The engine, the
//! index and the URL parameters are `poputchiki_core::search`.

pub use poputchiki_core::search::*;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod dom;
mod form;
mod island;
pub mod near;
pub mod page;
