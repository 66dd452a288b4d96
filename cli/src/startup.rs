//! Start-up shared by every command: logging, the database and region, the domain's
//! configuration from the common settings, and the allocator's limits.

use std::sync::Arc;

use poputchiki_core::region::RegionCatalog;
use poputchiki_core::state::AppConfig;

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

/// Opens the database, stores the seed regions and loads the catalog of `common.region`.
/// Enough for the CLI commands that do not serve pages (and must not hold the search
/// index's writer lock, which belongs to the running server).
pub async fn open_region(
    common: &CommonArgs,
) -> anyhow::Result<(poputchiki_core::db::Db, Arc<RegionCatalog>)> {
    poputchiki_core::state::open_region(
        &common.data_dir,
        common.database_url(),
        &common.seed_dir,
        &common.region,
    )
    .await
}

/// Where the region's search index lives.
pub fn search_dir(common: &CommonArgs) -> std::path::PathBuf {
    common.data_dir.join("search").join(&common.region)
}

/// The configuration the domain runs with, from the command line and environment.
pub fn app_config(common: &CommonArgs) -> anyhow::Result<AppConfig> {
    Ok(AppConfig {
        data_dir: common.data_dir.clone(),
        database_url: common.database_url().map(str::to_owned),
        uploads_dir: common.uploads_dir(),
        seed_dir: common.seed_dir.clone(),
        region: common.region.clone(),
        tiles_url: Some(common.tiles_url.trim().to_owned()).filter(|u| !u.is_empty()),
        tiles_origin: poputchiki_core::state::tiles_origin(common.tiles_url.trim()),
        tiles_attribution: common.tiles_attribution.clone(),
        public_url: common.public_url.trim_end_matches('/').to_owned(),
        session: session_policy(common)?,
        behind_proxy: common.behind_proxy,
        page_cache_bytes: (common.page_cache_mb as usize) << 20,
    })
}

/// Cookie security follows the public URL: HTTPS gets `Secure`, `__Host-` cookies. Plain
/// HTTP is for a developer's own machine; anywhere else it is refused, because session
/// cookies would travel in the clear.
pub fn session_policy(
    common: &CommonArgs,
) -> anyhow::Result<poputchiki_core::accounts::session::SessionPolicy> {
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
    Ok(poputchiki_core::accounts::session::SessionPolicy {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn common(public_url: &str) -> CommonArgs {
        crate::Cli::parse_from(["poputchiki", "--public-url", public_url, "reindex"]).common
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
