//! The shared state of the domain: the database, the region, search, mail and throttles,
//! made once by the server binary. The app wraps it with its Leptos options (`AppState`);
//! services take `&Core`, so they run the same from a handler, a job or the CLI.

use std::path::PathBuf;
use std::sync::Arc;

use crate::db::Db;
use crate::region::RegionCatalog;

/// Settings the app code needs at run time. Filled once from flags and env vars by the
/// server binary; app code never reads env vars itself.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// Holds the SQLite file and, later, the search index and uploads.
    pub data_dir: PathBuf,
    /// Holds one folder per region with its seed files.
    pub seed_dir: PathBuf,
    /// The slug of the region this instance serves.
    pub region: String,
    /// Raster tile URL template for the map, if any (see the server's `--tiles-url`).
    pub tiles_url: Option<String>,
    /// The tile server's origin, which the Content-Security-Policy lets images come from
    /// (worked out once from `tiles_url`).
    pub tiles_origin: Option<String>,
    pub tiles_attribution: String,
    /// The address people reach the site at, for links in emails (no trailing slash).
    pub public_url: String,
    /// Session lifetimes and cookie security.
    pub session: crate::accounts::session::SessionPolicy,
    /// Trust the last `X-Forwarded-For` entry as the client address (behind a reverse proxy).
    pub behind_proxy: bool,
}

#[derive(Clone)]
pub struct Core {
    pub db: Db,
    pub region: Arc<RegionCatalog>,
    /// Full-text search and facets over the region's published organizations.
    pub search: Arc<crate::search::engine::SearchEngine>,
    pub config: Arc<AppConfig>,
    /// Outgoing mail (SMTP, or the outbox directory).
    pub mailer: Arc<crate::mail::Mailer>,
    /// Failed logins and rate-limited forms.
    pub throttle: Arc<crate::accounts::throttle::Throttle>,
    /// Wakes the mail queue's worker when a mail is queued.
    pub mail_wake: Arc<tokio::sync::Notify>,
    /// CPU-heavy search requests running at once (the rest wait, then get "busy").
    pub search_permits: Arc<tokio::sync::Semaphore>,
}

impl Core {
    /// Queues a mail; the worker (`mail_queue::spawn`) sends it.
    pub async fn queue_mail(&self, to: &str, subject: &str, body: &str) -> sqlx::Result<()> {
        crate::mail_queue::enqueue(&self.db, &self.mail_wake, to, subject, body).await
    }
}
