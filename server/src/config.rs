//! Configuration, read once from command-line flags and environment variables. Every
//! setting has a default that works on a fresh machine.

use std::net::SocketAddr;
use std::path::PathBuf;

pub use poputchiki_cli::config::{CommonArgs, Secret};

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Poputchiki: the road map of rural NGOs and initiative groups"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub serve: ServeArgs,
    /// What to do; without a command the server starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `server` does: serve (the default), the tools that need the web app or HTTP, and
/// every domain command of the `poputchiki` binary under the same names.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Start the web server (the default).
    Serve,
    /// Accounts and editing benchmark on the current database: argon2id hashing alone and
    /// under load, and N edits saved through the edit form's path (see docs/BENCHMARKS.md).
    /// It writes: use a copy of the database.
    BenchEdit {
        #[arg(long, default_value_t = 200)]
        edits: usize,
    },
    /// Reliability: make the load account (a verified editor of the first N organizations).
    LoadSetup {
        #[arg(long, default_value_t = 40)]
        orgs: i64,
    },
    /// Reliability: edit and propose through a running server until killed, logging each
    /// acknowledged write to LOG (see scripts/crash-test.sh).
    CrashLoad {
        #[arg(long)]
        target: std::net::SocketAddr,
        #[arg(long)]
        log: PathBuf,
        #[arg(long, default_value_t = 4)]
        workers: usize,
    },
    /// Reliability: check the stopped server's database and search index against LOG:
    /// every acknowledged write stored, nothing half-written, index = database. Exit 1 if not.
    CrashCheck {
        #[arg(long)]
        log: PathBuf,
    },
    /// Reliability: mixed traffic at a fixed rate against a running server, with latency
    /// percentiles per kind and the server's memory and file descriptors (scripts/soak.sh).
    Soak {
        #[arg(long)]
        target: std::net::SocketAddr,
        #[arg(long, default_value_t = 20.0)]
        rate: f64,
        #[arg(long, default_value_t = 600)]
        seconds: u64,
        /// The server's process id, to sample its memory and descriptors.
        #[arg(long)]
        pid: Option<u32>,
    },
    #[command(flatten)]
    Domain(poputchiki_cli::config::Command),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "POPUTCHIKI_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Load the region's demo organizations when the database has none.
    #[arg(long, env = "POPUTCHIKI_DEMO", global = true, action = clap::ArgAction::SetTrue,
          value_parser = clap::builder::FalseyValueParser::new())]
    pub demo: bool,
    /// The built site (CSS, JS, WASM, static files); cargo-leptos sets LEPTOS_SITE_ROOT.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
}
