//! The axum router: Leptos pages and server fns, plus the few plain routes (health check,
//! language switch), static files and the 404 fallback.

use std::time::Duration;

use app::i18n::{Locale, LOCALE_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest request body read at all: a multipart form with a too-big logo is still read to
/// the end (and the file dropped), so the form comes back with its text. The CSRF gate holds
/// url-encoded forms and everything else to far smaller limits.
const BODY_LIMIT: usize = app::web::gate::MAX_MULTIPART_STREAM as usize;

/// The Leptos pages' routes, worked out once per process. Working them out renders the app
/// with every resource held back by a process-wide switch, and a resource first polled
/// anywhere in the process while the switch is on never loads (leptos-rs/leptos#4773): a
/// second router built while the first serves (tests build one per temporary site) hung
/// random pages until the 30-second timeout.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application. Tests call this too, so they exercise the real routes.
pub fn router(state: AppState) -> Router {
    let routes = page_routes();
    let options = state.leptos_options.clone();
    let uploads = tower_http::services::ServeDir::new(&state.config.uploads_dir);
    let fallback_state = state.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(set_language))
        .merge(app::search::api::router())
        .merge(app::open_data::router())
        .merge(app::map::api::router())
        .merge(app::accounts::handlers::router())
        .merge(app::editing::handlers::router())
        .merge(app::editing::archive::router())
        .merge(app::editing::reports::router())
        .merge(app::reconfirm::handlers::router())
        .merge(app::staff_import::handlers::router())
        .merge(app::coverage::handlers::router())
        .merge(app::needs::handlers::router())
        .merge(app::events::feeds::router())
        .merge(app::events::photo_posts::router())
        .merge(app::offers::handlers::router())
        .merge(app::partners::handlers::router())
        .merge(app::subscriptions::handlers::router())
        .merge(app::staff_desk::handlers::router())
        .merge(app::staff_desk::merge_post::router())
        .nest_service("/uploads", uploads)
        .leptos_routes_with_context(&state, routes, || {}, move || shell(options.clone()))
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            move || leptos::prelude::provide_context(fallback_state.clone()),
            shell,
        ))
        // Sessions, the CSRF check and form parsing, for every route.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::web::gate::gate,
        ))
        // A merged record's old addresses answer 301 before any session work.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::organizations::moved::follow_merge,
        ))
        // Hashed static files need no session: no cookie ever rides on them.
        .route("/a/{hash}/{*path}", get(app::web::assets::serve))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::security_headers::security_headers,
        ))
        // Public pages for anonymous visitors, rendered once (security headers included).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::web::page_cache::page_cache,
        ))
        .layer(axum::middleware::from_fn(app::web::html_cache::html_cache))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if app::db::ping(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// A local path that is safe to redirect to: starts with one slash, no scheme or host.
fn safe_local_path(p: &str) -> Option<String> {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(char::is_control);
    ok.then(|| p.to_owned())
}

/// The path of the page the visitor came from, if it was this site.
fn same_site_referer(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let rest = referer.split_once("://")?.1;
    let path = rest.strip_prefix(host)?;
    safe_local_path(if path.is_empty() { "/" } else { path })
}

/// GET /lang/{code}: remembers the language in a cookie and goes back to the page.
/// Works without JavaScript; a preference, not a state change, so no CSRF token is needed.
async fn set_language(
    Path(code): Path<String>,
    Query(query): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(locale) = Locale::parse(&code).filter(|l| l.code() == code) else {
        return app::error::json_error(app::error::AppError::NotFound);
    };
    let back = query
        .get("next")
        .and_then(|n| safe_local_path(n))
        .or_else(|| same_site_referer(&headers))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    let mut resp = (StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(
            safe_local_path("/okrug/ketovsky?page=2").as_deref(),
            Some("/okrug/ketovsky?page=2")
        );
        assert_eq!(safe_local_path("//evil.example/"), None);
        assert_eq!(safe_local_path("https://evil.example/"), None);
        assert_eq!(safe_local_path("/\\evil"), None);
    }

    #[test]
    fn referer_from_another_site_is_ignored() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:3000/okrug"),
        );
        assert_eq!(same_site_referer(&h).as_deref(), Some("/okrug"));
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://evil.example/okrug"),
        );
        assert_eq!(same_site_referer(&h), None);
    }
}
