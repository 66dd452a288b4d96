//! Configuration, read once from command-line flags and environment variables. Every
//! setting has a default that works on a fresh machine.

use std::net::SocketAddr;
use std::path::PathBuf;

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

/// Settings every command shares.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Holds the SQLite database (and later the search index and uploads).
    #[arg(
        long,
        env = "POPUTCHIKI_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Holds one folder per region with its seed files.
    #[arg(
        long,
        env = "POPUTCHIKI_SEED_DIR",
        default_value = "./seed/regions",
        global = true
    )]
    pub seed_dir: PathBuf,
    /// The region this instance serves (a folder name under the seed directory).
    #[arg(
        long,
        env = "POPUTCHIKI_REGION",
        default_value = "kurgan",
        global = true
    )]
    pub region: String,
    /// Optional raster tiles under the map's okrug layer, as a Leaflet URL template, e.g.
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. Empty (the default): no tiles; the
    /// okrug boundaries from the seed data are the base layer and need no network.
    #[arg(long, env = "POPUTCHIKI_TILES_URL", default_value = "", global = true)]
    pub tiles_url: String,
    /// The attribution the tile provider requires, shown on the map.
    #[arg(
        long,
        env = "POPUTCHIKI_TILES_ATTRIBUTION",
        default_value = "© OpenStreetMap contributors",
        global = true
    )]
    pub tiles_attribution: String,
    /// The address people reach the site at, used in emailed links. `https://…` turns on
    /// `Secure`, `__Host-` cookies; plain `http://` is meant for localhost only.
    #[arg(
        long,
        env = "POPUTCHIKI_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,
    /// Outgoing mail server as a URL, e.g. `smtp://user:pass@mail.example.org:587?tls=required`.
    /// Empty (the default): mail is written to `<data dir>/outbox/` and its links are logged.
    #[arg(
        long,
        env = "POPUTCHIKI_SMTP_URL",
        default_value = "",
        global = true,
        hide_env_values = true
    )]
    pub smtp_url: Secret,
    /// The sender of outgoing mail.
    #[arg(
        long,
        env = "POPUTCHIKI_MAIL_FROM",
        default_value = "Poputchiki <no-reply@poputchiki.localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Behind a reverse proxy: take the client address from the last `X-Forwarded-For` entry.
    #[arg(long, env = "POPUTCHIKI_BEHIND_PROXY", global = true, action = clap::ArgAction::SetTrue,
          value_parser = clap::builder::FalseyValueParser::new())]
    pub behind_proxy: bool,
    /// Days without activity after which a session ends.
    #[arg(
        long,
        env = "POPUTCHIKI_SESSION_IDLE_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub session_idle_days: u32,
    /// Days after which a session ends whatever the activity.
    #[arg(
        long,
        env = "POPUTCHIKI_SESSION_MAX_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub session_max_days: u32,
}

/// A setting that must never be printed (the SMTP URL can hold a password).
#[derive(Clone, Default)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Start the web server (the default).
    Serve,
    /// Import organizations from a CSV, JSON or JSON Lines file (see docs/IMPORT.md).
    Import {
        file: PathBuf,
        /// Check every row and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Send the re-confirmation reminders that are due now (the server does this every hour
    /// by itself); with --dry-run, list what would be sent and write nothing.
    Remind {
        #[arg(long)]
        dry_run: bool,
    },
    /// Rebuild the search index from the database (stop the server first; it also rebuilds
    /// by itself at start-up whenever the index is missing or stale).
    Reindex,
    /// Search benchmark on the current database: rebuild time, index size, query latency
    /// percentiles and RSS (see docs/BENCHMARKS.md).
    BenchSearch {
        /// How many times the fixed query mix runs.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Map benchmark on the current database: cluster response time, features and gzip
    /// size over many viewports and zooms (see docs/BENCHMARKS.md).
    BenchMap {
        /// How many viewports per screen size and filter.
        #[arg(long, default_value_t = 500)]
        viewports: usize,
    },
    /// The duplicate detector on COUNT synthetic organizations (all pairs, as the staff
    /// queue computes them) and on a LIST-row upload against them (see docs/BENCHMARKS.md).
    BenchDuplicates {
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        #[arg(long, default_value_t = 1000)]
        list: usize,
        /// Compare with checking every pair on this many of them (quadratic: keep it small).
        #[arg(long, default_value_t = 10_000)]
        exhaustive: usize,
    },
    /// Accounts and editing benchmark on the current database: argon2id hashing alone and
    /// under load, and N edits saved through the edit form's path (see docs/BENCHMARKS.md).
    /// It writes: use a copy of the database.
    BenchEdit {
        #[arg(long, default_value_t = 200)]
        edits: usize,
    },
    /// Create an administrator (or, with --existing, make an existing account one). The
    /// password comes from POPUTCHIKI_ADMIN_PASSWORD or, if that is unset, from the first line
    /// of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// The name shown on pages.
        #[arg(long, default_value = "")]
        name: String,
        /// Make an existing account an administrator; its current password is required.
        #[arg(long)]
        existing: bool,
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
    /// Write N synthetic organizations as JSON Lines (demo data and benchmarks).
    Generate {
        /// How many organizations to write.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Random seed: the same seed gives the same file.
        #[arg(long, default_value_t = 45)]
        seed: u64,
        /// Where to write (`-` for standard output).
        #[arg(long, default_value = "-")]
        out: PathBuf,
    },
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
