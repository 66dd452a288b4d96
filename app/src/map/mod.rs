//! The map's JSON routes. Clustering and okrug outlines are `poputchiki_core::map`.

#[cfg(feature = "ssr")]
pub use poputchiki_core::map::*;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod ties;
