//! Coverage, where help is missing (`/coverage`, public): the okrug × direction (audience)
//! matrix of `poputchiki_core::coverage` as a page, and for staff as CSV and Excel
//! downloads (`/staff/coverage.csv`, `/staff/coverage.xlsx`).

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod page;

pub use poputchiki_core::coverage::*;
