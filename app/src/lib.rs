#![recursion_limit = "256"]
//! Poputchiki ("Попутчики"): an open road map of rural NGOs and volunteer initiative groups.
//!
//! This crate holds everything shared between the server and the browser: domain types,
//! Leptos components, routes and server fns. Server-only code (database, import, geometry)
//! sits behind the `ssr` feature; the browser build (`hydrate`) only wakes the islands.

pub mod accounts;
pub mod audit;
pub mod editing;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod identifiers;
pub mod map;
pub mod organizations;
pub mod region;
pub mod search;
pub mod taxonomy;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod mail_queue;
#[cfg(feature = "ssr")]
pub mod scheduler;
#[cfg(feature = "ssr")]
pub mod security_headers;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod state;

pub mod ui;

pub use ui::shell::{shell, App};
