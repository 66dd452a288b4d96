//! Start-up: open the database, load the seed regions, optionally the demo data, and build
//! the one `AppState`.

use app::state::{AppState, Core, MailSettings};
use leptos::config::LeptosOptions;

use crate::config::CommonArgs;
pub use poputchiki_cli::startup::{
    app_config, init_tracing, limit_malloc_arenas, open_region, release_freed_memory, search_dir,
    session_policy,
};

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

/// Opens the domain (`Core::open`: database, seeds, search, mailer) for `common.region` and
/// adds the Leptos options.
pub async fn build_state(common: &CommonArgs, options: LeptosOptions) -> anyhow::Result<AppState> {
    let mail = MailSettings {
        smtp_url: common.smtp_url.0.clone(),
        from: common.mail_from.clone(),
    };
    let core = Core::open(app_config(common)?, &mail).await?;
    Ok(AppState::new(core, options))
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

/// Loads the region's demo organizations unless it has organizations already.
pub async fn load_demo_if_empty(state: &AppState) -> anyhow::Result<()> {
    app::demo::load_demo_if_empty(&state.core).await
}
