//! `GET /sitemap.xml`, `/sitemap-{n}.xml` and `/robots.txt` for search engines: the public
//! pages with their last change (poputchiki_core::export::sitemap builds them).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use poputchiki_core::accounts::throttle::SITEMAP_IP;
use poputchiki_core::export::sitemap::{self, PER_FILE};

use crate::error::{json_error, AppError};
use crate::state::AppState;
use crate::web::extract::Asker;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sitemap.xml", get(root))
        .route("/sitemap-{part}", get(part))
        .route("/robots.txt", get(robots))
}

/// An XML body crawlers may keep for an hour.
fn xml(body: String) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=3600"),
    ];
    (StatusCode::OK, headers, body).into_response()
}

/// `None` when the asker has read too many sitemap files this hour.
async fn allowed(state: &AppState, asker: &Asker) -> Option<Response> {
    let key = format!("sitemap:{}", asker.0.client_ip);
    if let Some(wait) = state.throttle.wait_needed(&key, &SITEMAP_IP).await {
        return Some(super::download::busy(wait));
    }
    state.throttle.hit(&key, &SITEMAP_IP).await;
    None
}

async fn root(State(state): State<AppState>, asker: Asker) -> Response {
    if let Some(refusal) = allowed(&state, &asker).await {
        return refusal;
    }
    match sitemap::root(&state.db, &state.region, &state.config.public_url, PER_FILE).await {
        Ok(body) => xml(body),
        Err(e) => json_error(AppError::Database(e)),
    }
}

async fn part(State(state): State<AppState>, asker: Asker, Path(file): Path<String>) -> Response {
    let Some(n) = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return json_error(AppError::NotFound);
    };
    if let Some(refusal) = allowed(&state, &asker).await {
        return refusal;
    }
    let site = &state.config.public_url;
    match sitemap::part(&state.db, &state.region, site, n, PER_FILE).await {
        Ok(Some(body)) => xml(body),
        Ok(None) => json_error(AppError::NotFound),
        Err(e) => json_error(AppError::Database(e)),
    }
}

async fn robots(State(state): State<AppState>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=86400"),
    ];
    (headers, sitemap::robots(&state.config.public_url)).into_response()
}
