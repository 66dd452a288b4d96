//! The web layer: what every request and handler shares.
//!
//! - [`gate`]: the middleware every request passes (session → viewer, CSRF cookie, and for
//!   mutations the CSRF check and form parsing), built from [`cookies`], [`csrf`], [`body`]
//!   and [`refusal`];
//! - [`extract`]: `FormPost` and `Lang`, the extractors handlers share;
//! - [`error`]: `PageError`, the one error of form handlers, drawn as a localized page;
//! - [`redirect`]: the 303 answers of form posts and the draft round trip of a failed one.

pub mod body;
pub mod cookies;
pub mod csrf;
pub mod error;
pub mod extract;
pub mod gate;
pub mod redirect;
pub mod refusal;
