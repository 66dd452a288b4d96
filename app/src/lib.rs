#![recursion_limit = "256"]
//! Poputchiki ("Попутчики"): an open road map of rural NGOs and volunteer initiative groups.
//!
//! This crate is the web: Leptos components and routes, `#[server]` fns, the form handlers
//! and the gate every request passes. The domain (types, validation, stores, search, import,
//! accounts and editing logic, jobs) is the Leptos-free `poputchiki_core`; its modules are
//! re-exported here under the same names, so `crate::db` or `crate::organizations::store`
//! mean the core's. Server-only code sits behind the `ssr` feature; the browser build
//! (`hydrate`) only wakes the islands.

pub mod accounts;
pub mod coverage;
pub mod editing;
pub mod error;
pub mod events;
pub mod forms;
pub mod i18n;
pub mod map;
pub mod needs;
pub mod offers;
pub mod open_data;
pub mod organizations;
pub mod partners;
pub mod places;
pub mod posters;
pub mod reconfirm;
pub mod search;
pub mod shell;
pub mod staff_desk;
pub mod staff_import;
pub mod subscriptions;
pub mod ui;
pub mod web;

pub use poputchiki_core::{
    audit, freshness, gazetteer, identifiers, kinds, region, taxonomy, text,
};

#[cfg(feature = "ssr")]
pub use poputchiki_core::{
    blocking, db, demo, duplicates, import, mail, mail_queue, notify, queries, scheduler, seed,
};
#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod page_store;
#[cfg(feature = "ssr")]
pub mod security_headers;
#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};
