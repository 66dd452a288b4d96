//! Test support (feature `testing`): the real domain over a throwaway SQLite database in a
//! temporary directory, loaded with the repository's real seed files. The app's test
//! harness (`tests/src/lib.rs`) builds its `TestApp` on the same [`open`].

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::import::{import_rows, parse_csv, read_file, ImportReport};
use crate::state::{AppConfig, Core, MailSettings};

/// The repository root, so tests read the same seed files the app ships with.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The domain for `region` of `seed_dir` over a new temporary database; mail goes to
/// `smtp_url`, or to the outbox folder when it is empty. Keep the directory alive as long
/// as the state.
pub async fn open(seed_dir: PathBuf, region: &str, smtp_url: &str) -> (Core, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = AppConfig {
        data_dir: dir.path().join("data"),
        database_url: test_database(&dir).await,
        uploads_dir: dir.path().join("data").join("uploads"),
        seed_dir,
        region: region.to_owned(),
        tiles_url: None,
        tiles_origin: None,
        tiles_attribution: String::new(),
        public_url: "http://127.0.0.1:3000".into(),
        session: crate::accounts::session::SessionPolicy {
            idle: chrono::Duration::days(7),
            absolute: chrono::Duration::days(30),
            secure_cookies: false,
        },
        behind_proxy: false,
        page_cache_bytes: 8 << 20,
    };
    let mail = test_mail(smtp_url);
    let core = Core::open(config, &mail).await.expect("core state");
    (core, dir)
}

/// Mail for tests: to `smtp_url`, or to the outbox folder when it is empty.
fn test_mail(smtp_url: &str) -> MailSettings {
    MailSettings {
        smtp_url: smtp_url.to_owned(),
        from: "Poputchiki <no-reply@poputchiki.localhost>".into(),
    }
}

/// A second instance beside `core`: the same database, its own data directory (search
/// index, outbox) and its own search table, as a second server process would have.
pub async fn open_beside(core: &Core) -> (Core, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = core.config.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}",
            core.config.data_dir.join("poputchiki.db").display()
        )
    });
    let mut config = (*core.config).clone();
    config.data_dir = dir.path().join("data");
    config.database_url = Some(database_url);
    let mail = test_mail("");
    let core = Core::open(config, &mail).await.expect("second instance");
    (core, dir)
}

/// Imports CSV text through the real import path, then updates search.
pub async fn import_csv(core: &Core, text: &str, dry_run: bool) -> ImportReport {
    let (rows, _) = parse_csv(text.as_bytes()).expect("CSV parses");
    let report = import_rows(&core.db, &core.region, rows, dry_run)
        .await
        .expect("import runs");
    refresh_search(core, &report).await;
    report
}

/// Imports JSON records (an array) through the real import path, then updates search.
pub async fn import_json(core: &Core, json: &str) -> ImportReport {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("orgs.json");
    std::fs::write(&path, json).expect("write");
    let (rows, _) = read_file(&path).expect("JSON parses");
    let report = import_rows(&core.db, &core.region, rows, false)
        .await
        .expect("import runs");
    refresh_search(core, &report).await;
    report
}

/// Imports a file's bytes as `server import` reads a file of that name (the extension picks
/// the format), then updates search.
pub async fn import_file(core: &Core, name: &str, bytes: &[u8]) -> ImportReport {
    let (rows, _) = crate::import::read_bytes(name, bytes).expect("file parses");
    let report = import_rows(&core.db, &core.region, rows, false)
        .await
        .expect("import runs");
    refresh_search(core, &report).await;
    report
}

async fn refresh_search(core: &Core, report: &ImportReport) {
    core.search
        .refresh(&core.db, &report.changed_ids)
        .await
        .expect("search refresh");
}

/// Number of organizations stored, whatever their status.
pub async fn count(core: &Core) -> i64 {
    crate::organizations::store::count_all(&core.db, core.region.id)
        .await
        .expect("count")
}

/// The domain alone, for tests that need no web: the Kurgan region, or another seed folder.
pub struct TestCore {
    pub state: Core,
    _dir: TempDir,
}

impl TestCore {
    /// The Kurgan region with no organizations yet.
    pub async fn empty() -> Self {
        Self::with_seed_dir(repo_root().join("seed/regions"), "kurgan").await
    }

    /// A region from another seed directory (for example a test fixture).
    pub async fn with_seed_dir(seed_dir: PathBuf, region: &str) -> Self {
        let (state, _dir) = open(seed_dir, region, "").await;
        Self { state, _dir }
    }

    /// The Kurgan region with the 300 demo organizations, loaded the way the run command does.
    pub async fn with_demo() -> Self {
        let core = Self::empty().await;
        crate::demo::load_demo_if_empty(&core.state)
            .await
            .expect("demo loads");
        core
    }

    pub async fn import_csv(&self, text: &str, dry_run: bool) -> ImportReport {
        import_csv(&self.state, text, dry_run).await
    }

    pub async fn import_json(&self, json: &str) -> ImportReport {
        import_json(&self.state, json).await
    }

    pub async fn count(&self) -> i64 {
        count(&self.state).await
    }

    /// Where this state keeps its files.
    pub fn data_dir(&self) -> &Path {
        &self.state.config.data_dir
    }
}

/// With `POPUTCHIKI_TEST_POSTGRES` set (a `postgres://` URL of a throwaway cluster, as
/// `scripts/test.sh` starts one), each test gets a schema of its own in that database and
/// runs on PostgreSQL; otherwise on SQLite in the temporary directory.
async fn test_database(dir: &TempDir) -> Option<String> {
    use sqlx::Connection;
    let base = std::env::var("POPUTCHIKI_TEST_POSTGRES").ok()?;
    let name = dir
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let schema: String = format!("t_{name}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut conn = sqlx::postgres::PgConnection::connect(&base)
        .await
        .expect("the test PostgreSQL answers");
    sqlx::query(&format!("create schema \"{schema}\""))
        .execute(&mut conn)
        .await
        .expect("create a test schema");
    let _ = conn.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(format!("{base}{sep}options=-c%20search_path%3D{schema}"))
}
