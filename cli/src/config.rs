//! The settings every command shares (data, seeds, region, mail, sessions), read once from
//! flags and environment variables with defaults that work on a fresh machine, and the
//! commands that need no web server: import, reminders, the index, benchmarks, accounts.

use std::path::PathBuf;

use clap::{Args, Subcommand};

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
    /// The database: `postgres://user@host:port/name` for PostgreSQL, or `sqlite://path`.
    /// Empty (the default): SQLite in `poputchiki.db` under the data directory.
    #[arg(
        long,
        env = "POPUTCHIKI_DATABASE_URL",
        default_value = "",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Secret,
    /// Logos and event photos. Empty (the default): `uploads/` in the data directory.
    /// Several instances behind one balancer share one (a shared or network directory).
    #[arg(
        long,
        env = "POPUTCHIKI_UPLOADS_DIR",
        default_value = "",
        global = true
    )]
    pub uploads_dir: String,
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
    /// Megabytes of rendered public pages kept for anonymous visitors (0 turns the cache off).
    #[arg(
        long,
        env = "POPUTCHIKI_PAGE_CACHE_MB",
        default_value_t = 32,
        global = true
    )]
    pub page_cache_mb: u32,
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

impl CommonArgs {
    /// Where logos and event photos are kept: the setting, else `<data dir>/uploads`.
    pub fn uploads_dir(&self) -> PathBuf {
        match self.uploads_dir.trim() {
            "" => self.data_dir.join("uploads"),
            dir => PathBuf::from(dir),
        }
    }

    /// The database URL, if one is set (else SQLite under the data directory).
    pub fn database_url(&self) -> Option<&str> {
        Some(self.database_url.0.trim()).filter(|u| !u.is_empty())
    }
}

/// A setting that must never be printed (the SMTP and database URLs can hold a password).
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

/// The commands that need the domain only (no pages, no HTTP): the `poputchiki` binary runs
/// them, and `server` takes the same ones.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
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
