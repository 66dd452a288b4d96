//! Poputchiki's domain, without Leptos or axum: the types pages and islands share, and (with
//! the `server` feature) validation, every SQL statement (the `store` modules), search,
//! import, seeds, accounts and editing logic, mail and the periodic jobs.
//!
//! The app crate puts the web on top: pages, server fns, form handlers and the gate. The
//! browser build uses this crate without `server`, so it gets the plain types only.

pub mod accounts;
pub mod audit;
pub mod coverage;
pub mod editing;
pub mod error;
pub mod events;
pub mod forms;
pub mod freshness;
pub mod gazetteer;
pub mod i18n;
pub mod identifiers;
pub mod import_view;
pub mod kinds;
pub mod map;
pub mod merge;
pub mod needs;
pub mod offers;
pub mod organizations;
pub mod partners;
pub mod posters;
pub mod reconfirm;
pub mod region;
pub mod search;
pub mod staff_desk;
pub mod subscriptions;
pub mod taxonomy;
pub mod text;

#[cfg(feature = "server")]
pub mod blocking;
#[cfg(feature = "server")]
pub mod db;
#[cfg(feature = "server")]
pub mod demo;
#[cfg(feature = "server")]
pub mod duplicates;
#[cfg(feature = "server")]
pub mod export;
#[cfg(feature = "server")]
pub mod hsds;
#[cfg(feature = "server")]
pub mod import;
#[cfg(feature = "server")]
pub mod mail;
#[cfg(feature = "server")]
pub mod mail_queue;
#[cfg(feature = "server")]
pub mod notify;
#[cfg(feature = "server")]
pub mod qr;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod scheduler;
#[cfg(feature = "server")]
pub mod seed;
#[cfg(feature = "server")]
pub mod staff_import;
#[cfg(feature = "server")]
pub mod state;
#[cfg(feature = "testing")]
pub mod testing;
