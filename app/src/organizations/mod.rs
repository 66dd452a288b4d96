//! Organizations on the web: the server fns behind the organization and okrug pages. The domain
//! (types, input, validation, store, view models) is `poputchiki_core::organizations`.

pub use poputchiki_core::organizations::*;

pub mod archived;
#[cfg(feature = "ssr")]
pub mod moved;
pub mod okrug_page;
pub mod page;
mod server_fns;
pub use server_fns::*;
