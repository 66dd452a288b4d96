//! Start-up: open the database, load the seed regions, optionally the demo data, and build
//! the one `AppState`.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use app::region::RegionCatalog;
use app::search::engine::SearchEngine;
use app::state::{AppConfig, AppState, Core};
use leptos::config::LeptosOptions;

use crate::config::CommonArgs;

/// Logs to stderr; `RUST_LOG` overrides the default level.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The Leptos options: the output name is fixed so the HTML always asks for the files
/// cargo-leptos wrote.
pub fn leptos_options(site_root: &str, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("poputchiki")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

/// Stores every region folder found under the seed directory (an idempotent upsert).
pub async fn load_seed_regions(db: &app::db::Db, seed_dir: &Path) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(seed_dir)
        .with_context(|| format!("the seed directory {} cannot be read", seed_dir.display()))?;
    for entry in entries.flatten() {
        if entry.path().join("region.json").is_file() {
            let seed = app::seed::read_region_dir(&entry.path())?;
            app::seed::store_region(db, &seed).await?;
            tracing::info!(region = %seed.manifest.slug, okrugs = seed.okrugs.len(), "region loaded");
        }
    }
    Ok(())
}

/// Opens the database, stores the seed regions and loads the catalog of `common.region`.
/// Enough for the CLI commands that do not serve pages (and must not hold the search
/// index's writer lock, which belongs to the running server).
pub async fn open_region(common: &CommonArgs) -> anyhow::Result<(app::db::Db, Arc<RegionCatalog>)> {
    let db = app::db::connect(&common.data_dir).await?;
    load_seed_regions(&db, &common.seed_dir).await?;
    let region = app::seed::load_catalog(&db, &common.region).await?;
    Ok((db, Arc::new(region)))
}

/// Where the region's search index lives.
pub fn search_dir(common: &CommonArgs) -> std::path::PathBuf {
    common.data_dir.join("search").join(&common.region)
}

/// Opens the database, loads the regions and the search engine (rebuilding its index if
/// needed) and returns the state for `common.region`.
pub async fn build_state(common: &CommonArgs, options: LeptosOptions) -> anyhow::Result<AppState> {
    let (db, region) = open_region(common).await?;
    let search = SearchEngine::open(&search_dir(common), &db, region.clone(), true).await?;
    let session = session_policy(common)?;
    let mailer = app::mail::Mailer::new(
        &common.smtp_url.0,
        &common.mail_from,
        common.data_dir.join("outbox"),
    )?;
    let core = Core {
        db,
        region,
        search,
        config: Arc::new(AppConfig {
            data_dir: common.data_dir.clone(),
            seed_dir: common.seed_dir.clone(),
            region: common.region.clone(),
            tiles_url: Some(common.tiles_url.trim().to_owned()).filter(|u| !u.is_empty()),
            tiles_origin: app::security_headers::tiles_origin(common.tiles_url.trim()),
            tiles_attribution: common.tiles_attribution.clone(),
            public_url: common.public_url.trim_end_matches('/').to_owned(),
            session,
            behind_proxy: common.behind_proxy,
        }),
        mailer: Arc::new(mailer),
        throttle: Arc::default(),
        mail_wake: Arc::default(),
        search_permits: Arc::new(tokio::sync::Semaphore::new(
            app::blocking::CONCURRENT_SEARCHES,
        )),
    };
    Ok(AppState {
        core,
        leptos_options: options,
    })
}

/// Cookie security follows the public URL: HTTPS gets `Secure`, `__Host-` cookies. Plain
/// HTTP is for a developer's own machine; anywhere else it is refused, because session
/// cookies would travel in the clear.
pub fn session_policy(
    common: &CommonArgs,
) -> anyhow::Result<app::accounts::session::SessionPolicy> {
    let url = common.public_url.trim();
    let secure = if url.starts_with("https://") {
        true
    } else if let Some(rest) = url.strip_prefix("http://") {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        anyhow::ensure!(
            matches!(host, "127.0.0.1" | "localhost" | "[::1]"),
            "POPUTCHIKI_PUBLIC_URL {url} is plain HTTP on a public address; serve the site over HTTPS and give its https:// address"
        );
        false
    } else {
        anyhow::bail!("POPUTCHIKI_PUBLIC_URL must start with https:// (or http:// for localhost), not {url:?}");
    };
    anyhow::ensure!(
        common.session_idle_days >= 1 && common.session_max_days >= common.session_idle_days,
        "session lifetimes: idle days must be at least 1 and at most the maximum days"
    );
    Ok(app::accounts::session::SessionPolicy {
        idle: chrono::Duration::days(common.session_idle_days.into()),
        absolute: chrono::Duration::days(common.session_max_days.into()),
        secure_cookies: secure,
    })
}

/// Caps glibc's malloc arenas at two (one per core of the standard machine). glibc makes up
/// to eight per core, one for each thread that meets contention, and search work runs on
/// tokio's blocking pool, whose threads come and go: without the cap every new thread can
/// grow a fresh arena, and resident memory creeps up under steady traffic.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before other threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns freed heap to the operating system every minute, so resident memory follows
/// what is in use rather than the peak of the last burst.
pub fn spawn_memory_trim() {
    tokio::spawn(async {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            let _ = tokio::task::spawn_blocking(release_freed_memory).await;
        }
    });
}

/// Gives freed heap back to the operating system. Start-up reads every organization
/// (and a rebuild every text) in bulk; glibc keeps those freed pages unless asked, which
/// would count a few hundred MB of nothing against the server's memory.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Imports the region's demo file through the normal import path, if the region has no
/// organizations yet.
pub async fn load_demo_if_empty(state: &AppState) -> anyhow::Result<()> {
    let count = app::organizations::store::count_all(&state.db, state.region.id).await?;
    if count > 0 {
        tracing::info!(count, "organizations present; demo data not loaded");
        return Ok(());
    }
    let dir = state.config.seed_dir.join(&state.config.region);
    let seed = app::seed::read_region_dir(&dir)?;
    let file = seed.demo_file().context("the region has no demo file")?;
    let (rows, _) =
        app::import::read_file(&file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let report = app::import::import_rows(&state.db, &state.region, rows, false).await?;
    state.search.refresh(&state.db, &report.changed_ids).await?;
    tracing::info!(
        created = report.created,
        rejected = report.rejected_rows,
        "demo data loaded"
    );
    if report.rejected_rows > 0 {
        tracing::warn!("{}", report.render());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn common(public_url: &str) -> CommonArgs {
        crate::config::Cli::parse_from(["server", "--public-url", public_url]).common
    }

    #[test]
    fn https_sites_get_secure_host_cookies_and_plain_http_only_on_localhost() {
        let secure = session_policy(&common("https://poputchiki.example.org")).expect("https");
        assert!(secure.secure_cookies);
        assert_eq!(secure.cookie_name(), "__Host-poputchiki_session");
        assert!(secure
            .set_cookie("t")
            .contains("; Secure; HttpOnly; SameSite=Lax"));
        let dev = session_policy(&common("http://127.0.0.1:3000")).expect("localhost");
        assert!(!dev.secure_cookies);
        assert_eq!(dev.cookie_name(), "poputchiki_session");
        assert!(session_policy(&common("http://poputchiki.example.org")).is_err());
        assert!(session_policy(&common("ftp://x")).is_err());
    }
}
