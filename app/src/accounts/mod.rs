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

/// What the request's gate found (server only): the viewer, the CSRF token and the rest.
#[cfg(feature = "ssr")]
pub fn request_auth() -> Option<RequestAuth> {
    leptos::prelude::use_context::<http::request::Parts>()?
        .extensions
        .get::<RequestAuth>()
        .cloned()
}

/// The logged-in viewer of the current render, if any. Always `None` in the browser: pages
/// that depend on it are rendered on the server only.
pub fn current_viewer() -> Option<Viewer> {
    #[cfg(feature = "ssr")]
    {
        request_auth().and_then(|a| a.viewer)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The CSRF token to embed in forms of the current render ("" in the browser).
pub fn current_csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        request_auth().map(|a| a.csrf_token).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}
