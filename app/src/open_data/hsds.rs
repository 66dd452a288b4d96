//! The Open Referral HSDS 3.0 API under `/hsds/` (organizations, services,
//! service-at-locations, taxonomies and terms, with the spec's paging and parameters), and
//! the whole directory as HSDS: `/api/v1/hsds.zip` (the tabular data package) and
//! `/api/v1/hsds.json` (every organization fully nested). Public data only.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use poputchiki_core::accounts::throttle::EXPORT_IP;
use poputchiki_core::export::{self, Chunk};
use poputchiki_core::hsds::api::{self as hsds, HsdsQuery};
use poputchiki_core::hsds::ids::Kind;
use poputchiki_core::hsds::map::Context;
use poputchiki_core::hsds::stream::{self, Listing};
use poputchiki_core::hsds::{objects, package, HSDS_VERSION};
use serde_json::{json, Value};

use super::download::{body_of, busy, export_slot};
use crate::error::{json_error, AppError};
use crate::search::api::bad_params;
use crate::state::AppState;
use crate::web::extract::{Asker, SearchQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hsds", get(info))
        .route("/hsds/", get(info))
        .route("/hsds/organizations", get(organizations))
        .route("/hsds/organizations/{id}", get(organization))
        .route("/hsds/services", get(services))
        .route("/hsds/services/{id}", get(service))
        .route("/hsds/service_at_locations", get(service_at_locations))
        .route("/hsds/service_at_locations/{id}", get(service_at_location))
        .route("/hsds/taxonomies", get(taxonomies))
        .route("/hsds/taxonomies/{id}", get(taxonomy))
        .route("/hsds/taxonomy_terms", get(taxonomy_terms))
        .route("/hsds/taxonomy_terms/{id}", get(taxonomy_term))
        .route("/api/v1/hsds.zip", get(zip))
        .route("/api/v1/hsds.json", get(full_json))
}

fn licensed(mut r: Response) -> Response {
    if let Ok(v) = format!("<{}>; rel=\"license\"", export::LICENCE_URL).parse() {
        r.headers_mut().insert(header::LINK, v);
    }
    r
}

async fn info(State(state): State<AppState>) -> Response {
    let site = state.config.public_url.trim_end_matches('/');
    licensed(
        Json(json!({
            "version": HSDS_VERSION,
            "profile": format!("{site}/open-data#hsds"),
            "openapi_url": format!("{site}/api/v1/openapi.json"),
        }))
        .into_response(),
    )
}

/// The query, or the 400 that explains what is wrong with it.
fn parse(query: &SearchQuery) -> Result<HsdsQuery, Box<Response>> {
    HsdsQuery::from_pairs(query.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|errors| Box::new(bad_params(&errors, &query.i18n)))
}

fn answer(result: Result<Value, AppError>) -> Response {
    match result {
        Ok(v) => licensed(Json(v).into_response()),
        Err(e) => json_error(e),
    }
}

/// The selected objects streamed on a task of their own while an export slot is held:
/// NDJSON, or with `as_array` the one JSON array of the full export. `Err` is the refusal.
async fn stream_body(
    state: &AppState,
    asker: &Asker,
    q: HsdsQuery,
    listing: Listing,
    as_array: bool,
) -> Result<Body, Response> {
    let permit = export_slot(state, asker).await.map_err(|r| *r)?;
    let ids = hsds::select(state, &q).await.map_err(json_error)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Chunk>(4);
    let core = state.core.clone();
    tokio::spawn(async move {
        stream::run(core, ids, listing, q, as_array, tx).await;
        drop(permit);
    });
    Ok(body_of(rx))
}

/// `format=ndjson`: every selected object, one a line, as a download (a few at a time).
async fn ndjson(state: AppState, asker: Asker, q: HsdsQuery, listing: Listing) -> Response {
    let body = match stream_body(&state, &asker, q, listing, false).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let headers = [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")];
    licensed((StatusCode::OK, headers, body).into_response())
}

/// A list request: a page of JSON, or every result as NDJSON.
async fn list(state: AppState, asker: Asker, query: SearchQuery, listing: Listing) -> Response {
    let q = match parse(&query) {
        Ok(q) => q,
        Err(r) => return *r,
    };
    if q.ndjson {
        return ndjson(state, asker, q, listing).await;
    }
    answer(match listing {
        Listing::Organizations => hsds::organizations(&state, &q).await,
        Listing::Services => hsds::services(&state, &q, Kind::Service).await,
        Listing::ServiceAtLocations => hsds::services(&state, &q, Kind::ServiceAtLocation).await,
    })
}

async fn organizations(
    State(state): State<AppState>,
    asker: Asker,
    query: SearchQuery,
) -> Response {
    list(state, asker, query, Listing::Organizations).await
}

async fn services(State(state): State<AppState>, asker: Asker, query: SearchQuery) -> Response {
    list(state, asker, query, Listing::Services).await
}

async fn service_at_locations(
    State(state): State<AppState>,
    asker: Asker,
    query: SearchQuery,
) -> Response {
    list(state, asker, query, Listing::ServiceAtLocations).await
}

async fn one(state: &AppState, kind: Kind, id: &str) -> Response {
    match hsds::one(state, kind, id).await {
        Ok(Some(v)) => licensed(Json(v).into_response()),
        Ok(None) => json_error(AppError::NotFound),
        Err(e) => json_error(e),
    }
}

async fn organization(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    one(&state, Kind::Organization, &id).await
}

async fn service(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    one(&state, Kind::Service, &id).await
}

async fn service_at_location(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    one(&state, Kind::ServiceAtLocation, &id).await
}

/// A page (or NDJSON) of an in-memory list: taxonomies and terms are a few hundred at most.
fn listed(items: Vec<Value>, q: &HsdsQuery) -> Response {
    let words = q.search.trim().to_lowercase();
    let items: Vec<Value> = items
        .into_iter()
        .filter(|t| {
            words.is_empty()
                || ["name", "code", "description"].iter().any(|k| {
                    t[k].as_str()
                        .is_some_and(|s| s.to_lowercase().contains(&words))
                })
        })
        .collect();
    if q.ndjson {
        let mut body = Vec::new();
        for t in &items {
            if serde_json::to_writer(&mut body, t).is_ok() {
                body.push(b'\n');
            }
        }
        let headers = [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")];
        return licensed((StatusCode::OK, headers, body).into_response());
    }
    let per = q.per_page as usize;
    let from = ((q.page - 1) as usize * per).min(items.len());
    let total = items.len();
    let contents = items.into_iter().skip(from).take(per).collect();
    licensed(Json(hsds::page(total, q, contents)).into_response())
}

async fn taxonomies(State(state): State<AppState>, query: SearchQuery) -> Response {
    let q = match parse(&query) {
        Ok(q) => q,
        Err(r) => return *r,
    };
    let cx = Context::new(&state.region, &state.config.public_url);
    listed(objects::taxonomies(&cx), &q)
}

async fn taxonomy_terms(State(state): State<AppState>, query: SearchQuery) -> Response {
    let q = match parse(&query) {
        Ok(q) => q,
        Err(r) => return *r,
    };
    let cx = Context::new(&state.region, &state.config.public_url);
    let parent = query
        .pairs
        .iter()
        .any(|(k, v)| k == "parent_id" && !v.trim().is_empty());
    let terms = objects::taxonomy_terms(&cx)
        .into_iter()
        .filter(|t| {
            q.taxonomy_id
                .as_ref()
                .is_none_or(|tax| t["taxonomy_id"] == **tax)
        })
        // Our vocabularies are flat: no term has a parent.
        .filter(|_| !parent)
        .collect();
    listed(terms, &q)
}

fn by_id(items: Vec<Value>, id: &str) -> Response {
    let id = id.trim().to_ascii_lowercase();
    match items.into_iter().find(|t| t["id"] == *id) {
        Some(t) => licensed(Json(t).into_response()),
        None => json_error(AppError::NotFound),
    }
}

async fn taxonomy(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let cx = Context::new(&state.region, &state.config.public_url);
    by_id(objects::taxonomies(&cx), &id)
}

async fn taxonomy_term(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let cx = Context::new(&state.region, &state.config.public_url);
    by_id(objects::taxonomy_terms(&cx), &id)
}

/// The tabular data package, built again only after the directory changed.
async fn zip(State(state): State<AppState>, asker: Asker) -> Response {
    let key = format!("export:{}", asker.0.client_ip);
    if let Some(wait) = state.throttle.wait_needed(&key, &EXPORT_IP).await {
        return busy(wait);
    }
    state.throttle.hit(&key, &EXPORT_IP).await;
    let path = match package::current(&state).await {
        Ok(p) => p,
        Err(e) => return json_error(AppError::Internal(e)),
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) => return json_error(AppError::Internal(e.into())),
    };
    let len = file.metadata().await.map(|m| m.len()).unwrap_or(0);
    let headers = [
        (header::CONTENT_TYPE, "application/zip".to_owned()),
        (header::CONTENT_DISPOSITION, attachment(&state, "zip")),
        (header::CONTENT_LENGTH, len.to_string()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
    ];
    let body = Body::from_stream(file_chunks(file));
    licensed((StatusCode::OK, headers, body).into_response())
}

/// `Content-Disposition` of the region's HSDS export with this extension.
fn attachment(state: &AppState, ext: &str) -> String {
    format!(
        "attachment; filename=\"poputchiki-{}-hsds.{ext}\"",
        state.region.slug
    )
}

/// A file as a stream of 64 KiB pieces.
fn file_chunks(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<axum::body::Bytes>> {
    use futures_util::StreamExt;
    use tokio::io::AsyncReadExt;
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(axum::body::Bytes::from(buf)), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
    .fuse()
}

/// Every published organization, fully nested, as one JSON array.
async fn full_json(State(state): State<AppState>, asker: Asker) -> Response {
    let q = HsdsQuery {
        full: true,
        ..Default::default()
    };
    let body = match stream_body(&state, &asker, q, Listing::Organizations, true).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let headers = [
        (header::CONTENT_TYPE, "application/json".to_owned()),
        (header::CONTENT_DISPOSITION, attachment(&state, "json")),
    ];
    licensed((StatusCode::OK, headers, body).into_response())
}
