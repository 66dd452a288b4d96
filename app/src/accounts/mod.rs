//! Accounts on the web: the gate every request passes, the account form posts and pages.
//! The domain side (viewers, sessions, passwords, throttles, authorization, the account
//! stores) is `poputchiki_core::accounts`, re-exported here.

pub use poputchiki_core::accounts::*;

pub mod admin_pages;
pub mod pages;
pub mod security_fns;
pub mod security_pages;
mod server_fns;
pub use server_fns::*;

#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod login;
#[cfg(feature = "ssr")]
pub mod registration;
#[cfg(feature = "ssr")]
pub mod second_factor;

#[cfg(feature = "ssr")]
pub use crate::web::request::request_auth;
pub use crate::web::request::{current_csrf_token, current_viewer};
