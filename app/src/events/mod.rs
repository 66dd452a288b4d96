//! The regional events calendar on the web: the page `/events` (list and month view), the
//! event item shared with organization pages, and the iCal feeds (`feeds.rs`). The reads are
//! `poputchiki_core::events`.

#[cfg(feature = "ssr")]
pub mod feeds;
pub mod item;
pub mod page;
#[cfg(feature = "ssr")]
pub mod photo_posts;
pub mod photos;

pub use poputchiki_core::events::*;

/// The `webcal://` form of a site path, which calendar apps open as a subscription.
pub fn webcal_url(path: &str) -> String {
    let url = crate::web::request::absolute_url(path);
    match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url,
    }
}
