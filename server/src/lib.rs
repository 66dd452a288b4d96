#![recursion_limit = "256"]
//! The Poputchiki server as a library: configuration, start-up and the axum router. The
//! binary (`main.rs`) only parses the command line; tests build the very same router.

pub mod bench_edit;
pub mod config;
pub mod listen;
pub mod loadgen;
pub mod routes;
pub mod startup;

/// The domain commands and their helpers live in the Leptos-free `poputchiki-cli` crate.
pub use poputchiki_cli::{admin, bench};

pub use routes::router;
pub use startup::{build_state, init_tracing};
