//! Editing on the web: the form posts, pages and server fns of self-editing, revisions and
//! moderation. The service, store, diff and form mapping are `poputchiki_core::editing`.

pub use poputchiki_core::editing::*;

pub mod helper;
pub mod pages;
mod server_fns;
pub use server_fns::*;
#[cfg(feature = "ssr")]
pub mod handlers;
