//! Poputchiki's command line without the web: the settings every command shares, start-up,
//! and the domain commands (import, reminders, the search index, benchmarks, administrator
//! accounts). It depends on the core only, so it builds without Leptos or axum; the
//! `server` binary takes the same commands by flattening [`config::Command`].

pub mod admin;
pub mod bench;
pub mod bench_duplicates;
pub mod bench_map;
pub mod commands;
pub mod config;
pub mod remind;
pub mod startup;

use clap::Parser;

/// The `poputchiki` binary's command line: the common settings and one domain command.
#[derive(Debug, Parser)]
#[command(
    name = "poputchiki",
    version,
    about = "Poputchiki's domain commands (import, reminders, index, benchmarks, accounts); `server` serves the site"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: config::CommonArgs,
    #[command(subcommand)]
    pub command: config::Command,
}
