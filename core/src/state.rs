//! The shared state of the domain: the database, the region, search, mail and throttles,
//! made once by the server binary. The app wraps it with its Leptos options (`AppState`);
//! services take `&Core`, so they run the same from a handler, a job or the CLI.

use std::path::PathBuf;
use std::sync::Arc;

use crate::db::Db;
use crate::region::RegionCatalog;

/// Searches running at once: two per core of the standard 2-core machine.
pub const CONCURRENT_SEARCHES: usize = 4;
/// Downloads being written at once (each holds one batch of organizations in memory and,
/// for Excel, a temporary file); more get "busy, try again".
pub const CONCURRENT_EXPORTS: usize = 2;

/// Settings the app code needs at run time. Filled once from flags and env vars by the
/// server binary; app code never reads env vars itself.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// Holds the SQLite file (unless `database_url` names another database), the search
    /// index and uploads.
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://…`; `None`: `poputchiki.db` in `data_dir`.
    pub database_url: Option<String>,
    /// Logos and event photos (`logos/`, `events/`), served under `/uploads/`. Instances
    /// behind one balancer share it (each has its own data directory).
    pub uploads_dir: PathBuf,
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
    /// Bytes of rendered public pages kept for anonymous visitors (0: no page cache).
    pub page_cache_bytes: usize,
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
    /// Downloads being written at once.
    pub export_permits: Arc<tokio::sync::Semaphore>,
}

impl Core {
    /// Queues a mail; the worker (`mail_queue::spawn`) sends it.
    pub async fn queue_mail(&self, to: &str, subject: &str, body: &str) -> sqlx::Result<()> {
        crate::mail_queue::enqueue(&self.db, &self.mail_wake, to, subject, body).await
    }
}

/// How outgoing mail leaves: an SMTP URL (empty: `.eml` files in `<data>/outbox/`) and the
/// sender.
#[derive(Clone, Debug)]
pub struct MailSettings {
    pub smtp_url: String,
    pub from: String,
}

/// Opens the database, stores every seed region found under `seed_dir` (an idempotent
/// upsert) and loads the catalog of `region`. Enough for the commands that do not serve
/// pages (and must not hold the search index's writer lock, which belongs to the server).
pub async fn open_region(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
    seed_dir: &std::path::Path,
    region: &str,
) -> anyhow::Result<(Db, Arc<RegionCatalog>)> {
    let db = crate::db::connect(data_dir, database_url).await?;
    crate::seed::store_all(&db, seed_dir).await?;
    let catalog = crate::seed::load_catalog(&db, region).await?;
    Ok((db, Arc::new(catalog)))
}

impl Core {
    /// Opens everything the domain needs for `config.region`: the database and seeds, the
    /// search engine (rebuilding its index if it is stale) and the mailer.
    pub async fn open(config: AppConfig, mail: &MailSettings) -> anyhow::Result<Self> {
        let (db, region) = open_region(
            &config.data_dir,
            config.database_url.as_deref(),
            &config.seed_dir,
            &config.region,
        )
        .await?;
        let search_dir = config.data_dir.join("search").join(&config.region);
        let search =
            crate::search::engine::SearchEngine::open(&search_dir, &db, region.clone(), true)
                .await?;
        let mailer =
            crate::mail::Mailer::new(&mail.smtp_url, &mail.from, config.data_dir.join("outbox"))?;
        let throttle = Arc::new(crate::accounts::throttle::Throttle::new(db.clone()));
        Ok(Self {
            db,
            region,
            search,
            config: Arc::new(config),
            mailer: Arc::new(mailer),
            throttle,
            mail_wake: Arc::default(),
            search_permits: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_SEARCHES)),
            export_permits: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_EXPORTS)),
        })
    }
}

/// The origin of a tile URL template (`https://tile.example.org/{z}/{x}/{y}.png` →
/// `https://tile.example.org`), which images may come from.
pub fn tiles_origin(template: &str) -> Option<String> {
    let cleaned = template
        .replace("{s}", "a")
        .replace("{z}", "0")
        .replace("{x}", "0")
        .replace("{y}", "0")
        .replace("{r}", "");
    let url = url::Url::parse(&cleaned).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    // `{s}` subdomains (a, b, c) all belong to the parent host.
    let host = if template.contains("{s}.") {
        format!(
            "*.{}",
            host.split_once('.').map(|(_, rest)| rest).unwrap_or(host)
        )
    } else {
        host.to_owned()
    };
    Some(match url.port() {
        Some(p) => format!("{}://{host}:{p}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}
