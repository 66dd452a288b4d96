//! Helpers shared by the integration tests: a real app on a throwaway SQLite database in a
//! temporary directory, loaded with the repository's real Kurgan seed files.

use std::path::PathBuf;

use app::import::{import_rows, parse_csv, ImportReport};
use app::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{Request, StatusCode};
use server::config::CommonArgs;
use tempfile::TempDir;
use tower::ServiceExt;

/// The repository root, so tests read the same seed files the app ships with.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A running app (without a socket) over its own temporary database.
pub struct TestApp {
    pub state: AppState,
    _dir: TempDir,
}

/// A response as a test sees it.
pub struct Page {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl TestApp {
    /// The Kurgan region with no organizations yet.
    pub async fn empty() -> Self {
        Self::with_seed_dir(repo_root().join("seed/regions"), "kurgan").await
    }

    /// A region from another seed directory (for example a test fixture).
    pub async fn with_seed_dir(seed_dir: PathBuf, region: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let common = CommonArgs {
            data_dir: dir.path().join("data"),
            seed_dir,
            region: region.to_owned(),
            tiles_url: String::new(),
            tiles_attribution: String::new(),
        };
        let options = server::startup::leptos_options("target/site", ([127, 0, 0, 1], 0).into());
        let state = server::build_state(&common, options)
            .await
            .expect("app state");
        Self { state, _dir: dir }
    }

    /// The Kurgan region with the 300 demo organizations, loaded the way the run command does.
    pub async fn with_demo() -> Self {
        let app = Self::empty().await;
        server::startup::load_demo_if_empty(&app.state)
            .await
            .expect("demo loads");
        app
    }

    pub fn router(&self) -> Router {
        server::router(self.state.clone())
    }

    /// GETs a path through the real router, with optional extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = self
            .router()
            .oneshot(req.body(Body::empty()).expect("request"))
            .await
            .expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }

    /// Imports CSV text through the real import path, then updates search as the running
    /// server's watcher would.
    pub async fn import_csv(&self, text: &str, dry_run: bool) -> ImportReport {
        let (rows, _) = parse_csv(text.as_bytes()).expect("CSV parses");
        let report = import_rows(&self.state.db, &self.state.region, rows, dry_run)
            .await
            .expect("import runs");
        self.refresh_search(&report).await;
        report
    }

    /// Imports JSON records (an array) through the real import path, then updates search.
    pub async fn import_json(&self, json: &str) -> ImportReport {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("orgs.json");
        std::fs::write(&path, json).expect("write");
        let (rows, _) = app::import::read_file(&path).expect("JSON parses");
        let report = import_rows(&self.state.db, &self.state.region, rows, false)
            .await
            .expect("import runs");
        self.refresh_search(&report).await;
        report
    }

    async fn refresh_search(&self, report: &ImportReport) {
        self.state
            .search
            .refresh(&self.state.db, &report.changed_ids)
            .await
            .expect("search refresh");
    }

    /// Number of organizations stored, whatever their status.
    pub async fn count(&self) -> i64 {
        app::organizations::store::count_all(&self.state.db, self.state.region.id)
            .await
            .expect("count")
    }
}

/// How many times `needle` occurs in `hay`.
pub fn occurrences(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The number in "Найдено: N организаций".
pub fn found_count(body: &str) -> Option<i64> {
    let start = body.find("Найдено: ")? + "Найдено: ".len();
    body[start..].split(' ').next()?.parse().ok()
}
