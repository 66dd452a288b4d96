//! Re-confirmation links on the web: `/confirm/{token}` shows the page with its one button
//! (opening a link changes nothing), and the button's POST does the action. The scheduler,
//! tokens and actions are `poputchiki_core::reconfirm`.

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod page;

pub use poputchiki_core::reconfirm::*;
