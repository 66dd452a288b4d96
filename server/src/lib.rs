#![recursion_limit = "256"]
//! The Poputchiki server as a library: configuration, start-up and the axum router. The
//! binary (`main.rs`) only parses the command line; tests build the very same router.

pub mod admin;
pub mod bench;
pub mod bench_duplicates;
pub mod bench_edit;
pub mod bench_map;
pub mod config;
pub mod listen;
pub mod loadgen;
pub mod remind;
pub mod routes;
pub mod startup;

pub use routes::router;
pub use startup::{build_state, init_tracing};
