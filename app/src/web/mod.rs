//! The web layer: what every handler shares. Redirects and the draft round trip of a failed
//! form post ([`redirect`]).

pub mod redirect;
