//! Downloads of a search view: `GET /api/v1/organizations.{csv,xlsx,geojson,jsonl}` take the
//! parameters of `/api/v1/search` (paging aside) and stream every organization of the view
//! in its order; with no parameters, the whole directory. Public data only, under CC BY 4.0
//! (the `Link: rel="license"` header says so). A few at a time, and a few per visitor.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::StreamExt;
use poputchiki_core::accounts::throttle::EXPORT_IP;
use poputchiki_core::export::{self, About, Chunk, Format};

use crate::error::{json_error, AppError};
use crate::search::api::bad_params;
use crate::search::engine::SearchError;
use crate::state::AppState;
use crate::web::extract::{Asker, SearchQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/organizations.csv", get(csv))
        .route("/api/v1/organizations.xlsx", get(xlsx))
        .route("/api/v1/organizations.geojson", get(geojson))
        .route("/api/v1/organizations.jsonl", get(jsonl))
}

async fn csv(state: State<AppState>, asker: Asker, query: SearchQuery) -> Response {
    download(state, asker, query, Format::Csv).await
}

async fn xlsx(state: State<AppState>, asker: Asker, query: SearchQuery) -> Response {
    download(state, asker, query, Format::Xlsx).await
}

async fn geojson(state: State<AppState>, asker: Asker, query: SearchQuery) -> Response {
    download(state, asker, query, Format::GeoJson).await
}

async fn jsonl(state: State<AppState>, asker: Asker, query: SearchQuery) -> Response {
    download(state, asker, query, Format::Jsonl).await
}

/// The view's own parameters, re-encoded (paging dropped): its address on the site and the
/// download's link.
pub fn view_query(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if k != "page" && k != "per_page" && !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    s.finish()
}

/// 429 with the wait in `Retry-After`.
pub(super) fn busy(wait: Duration) -> Response {
    let mut r = json_error(AppError::TooManyRequests("err-busy".into()));
    if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// One of the few download slots, for one of the asker's downloads this hour; `Err` is the
/// 429 that says how long to wait.
pub(super) async fn export_slot(
    state: &AppState,
    asker: &Asker,
) -> Result<tokio::sync::OwnedSemaphorePermit, Box<Response>> {
    let key = format!("export:{}", asker.0.client_ip);
    if let Some(wait) = state.throttle.wait_needed(&key, &EXPORT_IP).await {
        return Err(Box::new(busy(wait)));
    }
    let Ok(permit) = state.export_permits.clone().try_acquire_owned() else {
        return Err(Box::new(busy(Duration::from_secs(30))));
    };
    state.throttle.hit(&key, &EXPORT_IP).await;
    Ok(permit)
}

/// A response body that forwards the chunks a writer task sends, ending with its channel.
pub(super) fn body_of(rx: tokio::sync::mpsc::Receiver<Chunk>) -> Body {
    // Fused: compression polls the body once more after its end.
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        let chunk = rx.recv().await?;
        Some((chunk.map(Bytes::from), rx))
    })
    .fuse();
    Body::from_stream(stream)
}

async fn download(
    State(state): State<AppState>,
    asker: Asker,
    query: SearchQuery,
    format: Format,
) -> Response {
    let i18n = query.i18n;
    let params = match query.params() {
        Ok(p) => p,
        Err(errors) => return bad_params(&errors, &i18n),
    };
    let permit = match export_slot(&state, &asker).await {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let job = move |s: &crate::state::Core| s.search.ordered_ids(&params, &i18n);
    let ids = match crate::blocking::off_the_workers(&state, job).await {
        Ok(Ok(ids)) => ids,
        Ok(Err(SearchError::Params(errors))) => return bad_params(&errors, &i18n),
        Ok(Err(SearchError::Internal(e))) => return json_error(AppError::Internal(e)),
        Err(busy) => return json_error(busy),
    };
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let about = About::new(&state, &i18n, &view_query(&query.pairs), &date);
    let total = ids.len();
    let (tx, rx) = tokio::sync::mpsc::channel::<Chunk>(4);
    let core = state.core.clone();
    tokio::spawn(async move {
        export::run(&core, &ids, format, i18n, about, tx).await;
        drop(permit);
    });
    let name = format!(
        "attachment; filename=\"poputchiki-{}-{date}.{}\"",
        state.region.slug,
        format.extension()
    );
    let headers = [
        (header::CONTENT_TYPE, format.mime().to_owned()),
        (header::CONTENT_DISPOSITION, name),
        (
            header::LINK,
            format!("<{}>; rel=\"license\"", export::LICENCE_URL),
        ),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
        (
            header::HeaderName::from_static("x-total-count"),
            total.to_string(),
        ),
    ];
    (StatusCode::OK, headers, body_of(rx)).into_response()
}
