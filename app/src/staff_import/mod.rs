//! The staff import pages (`/staff/import`): upload a list, check the preview (columns
//! mapped to fields, every row's status and reasons), fix cells or skip rows, import in one
//! transaction with a progress bar, then invite the leaders of what came in. Plain forms
//! that work without JavaScript.

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod pages;
pub mod server_fns;
