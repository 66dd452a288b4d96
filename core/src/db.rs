//! The database connection: embedded SQLite in WAL mode under the data directory, with the
//! migrations applied at start-up (start-up fails loudly if they fail).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::ConnectOptions;

/// The pool every data-access function takes.
pub type Db = sqlx::SqlitePool;

/// A moment as stored in the database: UTC RFC 3339 with seconds.
pub fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The current time as stored in the database.
pub fn now() -> String {
    stamp(chrono::Utc::now())
}

/// A moment `d` from now (negative: ago), as stored in the database.
pub fn from_now(d: chrono::Duration) -> String {
    stamp(chrono::Utc::now() + d)
}

/// Opens (creating if needed) `poputchiki.db` in `data_dir` and runs the migrations.
pub async fn connect(data_dir: &Path) -> anyhow::Result<Db> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let path = data_dir.join("poputchiki.db");
    connect_file(&path).await
}

/// Opens a specific SQLite file; used by [`connect`] and by tests with temporary files.
pub async fn connect_file(path: &Path) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // A 16 MiB page cache per connection (the default is 2 MiB) helps big imports;
        // it is per connection, so more would multiply across the pool.
        .pragma("cache_size", "-16384")
        .pragma("temp_store", "memory")
        // Rows cross from SQLite's worker thread to the caller through a channel; at the
        // default 50 the two threads take turns every few rows (futex waits dominated a
        // 100,000-organization download's profile). 1,024 rows of one batch are a few MB.
        .row_buffer_size(1024)
        // Loading 100,000 organizations at start-up takes a second or two; that is expected.
        .log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(10));
    let db = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    sqlx::migrate!("../migrations/sqlite")
        .run(&db)
        .await
        .context("database migrations failed; the database was left as it was")?;
    Ok(db)
}

/// Whether the database answers; used by `/healthz`.
pub async fn ping(db: &Db) -> bool {
    sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(db)
        .await
        .is_ok()
}
