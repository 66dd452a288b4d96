//! What the gate found about the current request, for pages and server fns rendering it: the
//! viewer and the CSRF token to put into forms. In the browser there is no request: the
//! viewer is `None` and the token empty (pages that need them render on the server).

#[cfg(feature = "ssr")]
use crate::accounts::RequestAuth;
use crate::accounts::Viewer;

/// What the request's gate found (server only): the viewer, the CSRF token and the rest.
#[cfg(feature = "ssr")]
pub fn request_auth() -> Option<RequestAuth> {
    leptos::prelude::use_context::<http::request::Parts>()?
        .extensions
        .get::<RequestAuth>()
        .cloned()
}

/// The logged-in viewer of the current render, if any. Always `None` in the browser: pages
/// that depend on it are rendered on the server only.
pub fn current_viewer() -> Option<Viewer> {
    #[cfg(feature = "ssr")]
    {
        request_auth().and_then(|a| a.viewer)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The CSRF token to embed in forms of the current render ("" in the browser).
pub fn current_csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        request_auth().map(|a| a.csrf_token).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The state, the reader's language and what the gate found, for a server fn that reads
/// private data (it then checks who is asking). An error if the request skipped the gate.
#[cfg(feature = "ssr")]
pub fn server_fn_context(
) -> Result<(crate::state::AppState, crate::i18n::I18n, RequestAuth), crate::error::AppError> {
    let (state, i18n) = crate::state::request_context()?;
    let auth = request_auth().ok_or_else(|| {
        crate::error::AppError::Internal(anyhow::anyhow!("the request did not pass the gate"))
    })?;
    Ok((state, i18n, auth))
}

/// The URL of a site file ("pkg/poputchiki.css") for the page being rendered: under its
/// content hash on the server (`web::assets`), plain in the browser.
pub fn asset_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return state.assets.url(path);
    }
    format!("/{path}")
}

/// The URL prefix of a hashed file's group ("/a/{hash}", or "" without a built site), for
/// code that builds the file names itself (Leptos's hydration script).
pub fn asset_root(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return state.assets.root_of(path);
    }
    let _ = path;
    String::new()
}

/// `path` ("/org/42-…") as an absolute URL under the site's public address, for links that
/// must be absolute (the canonical link). Relative in the browser and in bare tests.
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return format!("{}{path}", state.config.public_url.trim_end_matches('/'));
    }
    path.to_owned()
}

/// The request's raw query string (server) or "" (never used in the browser).
pub fn current_query() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.uri.query().map(str::to_owned))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The region's name in `locale` (server), or "" (never used in the browser).
pub fn region_name(locale: crate::i18n::Locale) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() {
        return state.region.name.get(locale).to_owned();
    }
    let _ = locale;
    String::new()
}
