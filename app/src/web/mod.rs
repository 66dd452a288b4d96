//! The web layer: what every request and handler shares.
//!
//! - [`gate`]: the middleware every request passes (session → viewer, CSRF cookie, and for
//!   mutations the CSRF check and form parsing), built from [`cookies`], [`csrf`], [`body`]
//!   and [`refusal`];
//! - [`extract`]: `FormPost` and `Lang`, the extractors handlers share;
//! - [`error`]: `PageError`, the one error of form handlers, drawn as a localized page;
//! - [`request`]: the viewer and CSRF token of the request being rendered;
//! - [`redirect`]: the 303 answers of form posts and the draft round trip of a failed one;
//! - [`assets`]: static files under content-hashed names, precompressed, cached for a year;
//! - [`html_cache`]: ETag and a short private cache for anonymous pages;
//! - [`page_cache`]: public pages rendered once and served to every anonymous visitor.

pub mod request;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod body;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod csrf;
#[cfg(feature = "ssr")]
pub mod error;
#[cfg(feature = "ssr")]
pub mod extract;
#[cfg(feature = "ssr")]
pub mod gate;
#[cfg(feature = "ssr")]
pub mod html_cache;
#[cfg(feature = "ssr")]
pub mod page_cache;
#[cfg(feature = "ssr")]
pub mod redirect;
#[cfg(feature = "ssr")]
pub mod refusal;
