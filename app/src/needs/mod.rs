//! "Кому нужна помощь" on the web: the public page `/needs` and the staff summary
//! downloads `/staff/needs.{csv,xlsx}`. The reads are `poputchiki_core::needs`.

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod page;

pub use poputchiki_core::needs::*;
