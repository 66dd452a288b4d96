//! Editing on the web: the form posts, pages and server fns of self-editing, revisions and
//! moderation. The service, store, diff and form mapping are `poputchiki_core::editing`.

pub use poputchiki_core::editing::*;

mod fields;
pub mod helper;
pub mod history_pages;
pub mod pages;
mod server_fns;
pub use server_fns::*;
#[cfg(feature = "ssr")]
pub mod archive;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod reports;
