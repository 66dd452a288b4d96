//! Components every page shares (cards, chips, the pager, the mini-map, the 404 and load
//! errors). Everything renders on the server first; the only code that runs in the browser
//! is inside `#[island]` components. Pages live with their feature (`organizations`,
//! `search`, `editing`, `accounts`); `shell.rs` composes them into the router.

pub mod meta;
pub mod parts;
