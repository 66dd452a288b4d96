//! GET /a/{hash}/{*path}: the site's files under their content hashes (`crate::assets`),
//! precompressed when the browser takes it, cached for a year when the hash is current.

use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use crate::state::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// GET /a/{hash}/{*path}: a site file. Only files of the manifest are served; a hash that
/// is not the file's current one (an old page asking for an old version) still gets the
/// current file, but without the long cache.
pub async fn serve(
    State(state): State<AppState>,
    UrlPath((hash, path)): UrlPath<(String, String)>,
    req: Request<Body>,
) -> Response {
    let assets = &state.assets;
    let Some(current) = assets.files.get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let file = tower_http::services::ServeFile::new(assets.root.join(&path))
        .precompressed_br()
        .precompressed_gzip();
    let mut resp = match file.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    let cache = if *current == hash && resp.status().is_success() {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // A cache between us and the phone must not hand the brotli twin to a browser that
    // did not ask for it.
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    resp
}
