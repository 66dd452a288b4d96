//! Helpers shared by the integration tests: a real app on a throwaway SQLite database in a
//! temporary directory, loaded with the repository's real Kurgan seed files.

use std::path::PathBuf;

use app::import::ImportReport;
use app::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{Request, StatusCode};
use poputchiki_core::testing;
use tempfile::TempDir;
use tower::ServiceExt;

pub mod browser;
pub mod smtp;

pub use browser::{totp_now, Browser, TEST_TOTP_SECRET};

/// The repository root, so tests read the same seed files the app ships with.
pub fn repo_root() -> PathBuf {
    testing::repo_root()
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
        Self::build(seed_dir, region, "").await
    }

    /// The Kurgan region, sending mail to an SMTP server (e.g. `smtp://127.0.0.1:2525`).
    pub async fn with_smtp(smtp_url: &str) -> Self {
        Self::build(repo_root().join("seed/regions"), "kurgan", smtp_url).await
    }

    async fn build(seed_dir: PathBuf, region: &str, smtp_url: &str) -> Self {
        // `TEST_LOG=warn cargo test … -- --nocapture` shows what the app logs.
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let (core, dir) = testing::open(seed_dir, region, smtp_url).await;
        let leptos_options =
            server::startup::leptos_options("target/site", ([127, 0, 0, 1], 0).into());
        let state = AppState::new(core, leptos_options);
        Self { state, _dir: dir }
    }

    /// The Kurgan region with the 300 demo organizations, loaded the way the run command does.
    /// A second instance on this one's database (see `testing::open_beside`).
    pub async fn beside(&self) -> Self {
        let (core, dir) = testing::open_beside(&self.state).await;
        let leptos_options =
            server::startup::leptos_options("target/site", ([127, 0, 0, 1], 0).into());
        Self {
            state: AppState::new(core, leptos_options),
            _dir: dir,
        }
    }

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
        testing::import_csv(&self.state, text, dry_run).await
    }

    /// Imports JSON records (an array) through the real import path, then updates search.
    pub async fn import_json(&self, json: &str) -> ImportReport {
        testing::import_json(&self.state, json).await
    }

    /// Imports a file's bytes the way `server import` reads a file of that name.
    pub async fn import_file(&self, name: &str, bytes: &[u8]) -> ImportReport {
        testing::import_file(&self.state, name, bytes).await
    }

    /// GETs a path and keeps the body as bytes (downloads, workbooks).
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, http::HeaderMap, Vec<u8>) {
        let resp = self
            .router()
            .oneshot(Request::get(path).body(Body::empty()).expect("request"))
            .await
            .expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 256 * 1024 * 1024)
            .await
            .expect("body");
        (status, headers, bytes.to_vec())
    }

    /// Number of organizations stored, whatever their status.
    pub async fn count(&self) -> i64 {
        testing::count(&self.state).await
    }
}

/// The data directory of the app (uploads, outbox).
impl TestApp {
    pub fn data_dir(&self) -> PathBuf {
        self.state.config.data_dir.clone()
    }

    /// A browser with no cookies yet.
    pub fn browser(&self) -> Browser {
        Browser::new(self.router(), self.state.db.clone())
    }

    /// Creates an account directly (argon2id hash and all, address verified) and returns
    /// its id.
    pub async fn account(&self, email: &str, password: &str) -> i64 {
        let id = self.unverified_account(email, password).await;
        app::accounts::security_store::mark_verified(&self.state.db, id)
            .await
            .expect("verify");
        id
    }

    /// An account whose address is not verified yet.
    pub async fn unverified_account(&self, email: &str, password: &str) -> i64 {
        let hash = app::accounts::password::hash_password(password)
            .await
            .expect("hash");
        app::accounts::store::create_account(&self.state.db, email, "", &hash, false)
            .await
            .expect("insert")
            .expect("new email")
    }

    /// Switches TOTP on for an account with [`TEST_TOTP_SECRET`] (no recovery codes).
    pub async fn enable_totp(&self, account_id: i64) {
        app::accounts::second_factor_store::enable_totp(
            &self.state.db,
            account_id,
            TEST_TOTP_SECRET,
            0,
            &[],
        )
        .await
        .expect("totp");
    }

    /// An account that is staff of `region_id`, with its second factor set up.
    pub async fn staff(&self, email: &str, password: &str, region_id: i64) -> i64 {
        let id = self.account(email, password).await;
        app::accounts::store::grant_staff(&self.state.db, id, region_id, id)
            .await
            .expect("grant");
        self.enable_totp(id).await;
        id
    }

    /// An administrator, with the second factor set up.
    pub async fn admin(&self, email: &str, password: &str) -> i64 {
        let id = self.account(email, password).await;
        app::accounts::store::set_admin(&self.state.db, id, true)
            .await
            .expect("admin");
        self.enable_totp(id).await;
        id
    }

    /// The edit form's fields for an organization as its page fills them, with the version.
    pub async fn edit_form(&self, id: i64) -> Vec<(String, String)> {
        let e = app::editing::store::load_editable(&self.state.db, &self.state.region, id)
            .await
            .expect("load")
            .expect("organization exists");
        let mut f = app::editing::form::to_fields(&e.input);
        f.push(("version".into(), e.row.version.to_string()));
        f
    }

    /// Registers through the real form, then follows the confirmation link from the queued
    /// mail, as a person would: the browser ends up logged in with a verified address.
    /// Returns where the confirmation sent it.
    pub async fn register(
        &self,
        b: &mut Browser,
        email: &str,
        password: &str,
        next: &str,
    ) -> String {
        let page = b
            .post(
                "/register",
                &[
                    ("email", email),
                    ("password", password),
                    ("password_again", password),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(
            location(&page),
            "/register?sent=1",
            "register {email}: {}",
            page.body
        );
        let mails = self.mails_to(&email.to_lowercase()).await;
        let body = &mails.last().expect("a confirmation mail").1;
        let link = body
            .split_whitespace()
            .find(|w| w.contains("/verify-email/"))
            .unwrap_or_else(|| panic!("a link in {body}"))
            .trim_start_matches("http://127.0.0.1:3000")
            .to_owned();
        let done = b.post(&link, &[]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        location(&done)
    }

    /// Sends every queued mail now (the server's worker would within seconds).
    pub async fn deliver_mail(&self) -> usize {
        app::mail_queue::deliver_due(&self.state.db, &self.state.mailer)
            .await
            .expect("mail queue")
    }

    /// The (subject, body) of every mail queued to `to`, oldest first, sent or not.
    pub async fn mails_to(&self, to: &str) -> Vec<(String, String)> {
        sqlx::query_as("select subject, body from outgoing_mail where recipient = $1 order by id")
            .bind(to)
            .fetch_all(&self.state.db)
            .await
            .expect("mails")
    }

    /// An account that edits `organization_id`.
    pub async fn editor(&self, email: &str, password: &str, organization_id: i64) -> i64 {
        let id = self.account(email, password).await;
        app::accounts::store::add_member(&self.state.db, id, organization_id, None)
            .await
            .expect("member");
        id
    }

    /// The id of the first organization whose name contains `part`.
    pub async fn org_id(&self, part: &str) -> i64 {
        sqlx::query_scalar("select id from organization where name like $1 order by id limit 1")
            .bind(format!("%{part}%"))
            .fetch_one(&self.state.db)
            .await
            .expect("organization exists")
    }

    pub async fn scalar_i64(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db)
            .await
            .expect("query")
    }

    pub async fn scalar_text(&self, sql: &str) -> String {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db)
            .await
            .expect("query")
    }
}

/// Where a redirect points.
pub fn location(page: &Page) -> String {
    page.headers
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
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

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Runs one of the repository's Python checkers (`scripts/<script>`) with the validators'
/// environment that scripts/setup.sh makes (`.venv`): its exit status and what it printed.
pub fn run_checker<S: AsRef<std::ffi::OsStr>>(script: &str, args: &[S]) -> (bool, String) {
    let python = repo_root().join(".venv/bin/python");
    let out = std::process::Command::new(&python)
        .arg(repo_root().join("scripts").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/setup.sh)", python.display()));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}
