//! The web layer: what every request and handler shares.
//!
//! - [`gate`]: the middleware every request passes (session → viewer, CSRF cookie, and for
//!   mutations the CSRF check and form parsing), built from [`cookies`], [`csrf`], [`body`]
//!   and [`refusal`];
//! - [`redirect`]: the 303 answers of form posts and the draft round trip of a failed one.

pub mod body;
pub mod cookies;
pub mod csrf;
pub mod gate;
pub mod redirect;
pub mod refusal;
