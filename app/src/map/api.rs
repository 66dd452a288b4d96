//! The map's JSON routes (docs/API.md):
//! - `GET /api/v1/map/clusters?bbox=&zoom=&…filters`: GeoJSON clusters and markers;
//! - `GET /api/v1/okrugs.geojson?…filters`: boundaries with per-okrug counts;
//! - `GET /api/v1/map/cards/{id}`: the small card a marker shows, in the reader's language;
//! - `GET /api/v1/map/ties.geojson?…filters`: the partners' lines (`ties.rs`).
//!
//! Filters are exactly `/api/v1/search`'s, parsed by the same code.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::cluster::MAX_ZOOM;
use super::features::{cluster_collection, point, region_bbox, stale_test};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::search::api::bad_params;
use crate::search::engine::SearchError;
use crate::search::params::{Facet, ParamError};
use crate::search::table::flag;
use crate::state::AppState;
use crate::taxonomy::Vocabulary;
use crate::web::extract::{Lang, SearchQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/map/clusters", get(clusters))
        .route("/api/v1/map/cards/{id}", get(card))
        .route("/api/v1/okrugs.geojson", get(okrugs))
        .route("/api/v1/places.geojson", get(places))
        .route("/api/v1/map/ties.geojson", get(super::ties::ties))
}

/// How many settlement labels a map at this zoom gets: none while the okrug names are
/// enough, then the most prominent places first, as a basemap would.
fn place_labels_at(zoom: u8) -> usize {
    match zoom {
        0..=8 => 0,
        9 => 30,
        10 => 80,
        _ => 200,
    }
}

/// The gazetteer's settlements inside `bbox` for labels on a map without tiles.
async fn places(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let (zoom, params) = match (parse_zoom(&query.pairs), query.params()) {
        (Ok(z), Ok(p)) => (z, p),
        (z, p) => {
            let mut errors = p.err().unwrap_or_default();
            errors.extend(z.err());
            return bad_params(&errors, &i18n);
        }
    };
    let bbox = params.bbox.unwrap_or_else(|| region_bbox(&state.region));
    let mut inside: Vec<&crate::gazetteer::Settlement> = state
        .region
        .settlements
        .iter()
        .filter(|s| bbox.contains(s.at))
        .collect();
    inside.sort_by_key(|s| -s.rank());
    inside.truncate(place_labels_at(zoom));
    let features: Vec<Value> = inside
        .into_iter()
        .map(|s| {
            json!({
                "type": "Feature",
                "geometry": point(s.at.lon, s.at.lat),
                "properties": { "name": s.name, "label": s.label(), "kind": s.kind },
            })
        })
        .collect();
    geojson(json!({ "type": "FeatureCollection", "features": features }))
}

/// The zoom parameter: a number from 0 to [`MAX_ZOOM`] (fractions are rounded down, as a
/// map between two zoom levels shows the coarser grid).
fn parse_zoom(pairs: &[(String, String)]) -> Result<u8, ParamError> {
    let raw = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "zoom")
        .map(|(_, v)| v.trim())
        .unwrap_or("");
    match raw.parse::<f64>() {
        Ok(z) if z.is_finite() && (0.0..=f64::from(MAX_ZOOM)).contains(&z) => Ok(z.floor() as u8),
        _ => Err(ParamError::new("zoom", "err-param-zoom", raw)),
    }
}

pub(super) fn geojson(body: Value) -> Response {
    let mut resp = Json(body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    resp
}

pub(crate) fn search_failure(e: SearchError, i18n: &I18n) -> Response {
    match e {
        SearchError::Params(errors) => bad_params(&errors, i18n),
        SearchError::Internal(e) => crate::error::json_error(AppError::Internal(e)),
    }
}

async fn clusters(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let zoom = parse_zoom(&query.pairs);
    let params = query.params();
    let (zoom, params) = match (zoom, params) {
        (Ok(z), Ok(p)) => (z, p),
        (z, p) => {
            let mut errors = p.err().unwrap_or_default();
            errors.extend(z.err());
            return bad_params(&errors, &i18n);
        }
    };
    let job = move |s: &crate::state::Core| cluster_collection(&s.search, &params, zoom, &i18n);
    match crate::blocking::off_the_workers(&state, job).await {
        Ok(Ok(body)) => geojson(body),
        Ok(Err(e)) => search_failure(e, &i18n),
        Err(busy) => crate::error::json_error(busy),
    }
}

async fn okrugs(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let mut params = match query.params() {
        Ok(p) => p,
        Err(errors) => return bad_params(&errors, &i18n),
    };
    // The choropleth shows the whole region: every okrug's count for the other filters.
    params.bbox = None;
    params.filters.retain(|(f, _)| *f != Facet::Okrug);
    let job = move |s: &crate::state::Core| s.search.okrug_counts(&params, &i18n);
    let counts = match crate::blocking::off_the_workers(&state, job).await {
        Ok(Ok(counts)) => counts,
        Ok(Err(e)) => return search_failure(e, &i18n),
        Err(busy) => return crate::error::json_error(busy),
    };
    geojson(super::okrugs::feature_collection(
        &state.search.catalog,
        &counts,
        &i18n,
    ))
}

async fn card(State(state): State<AppState>, Path(id): Path<String>, Lang(i18n): Lang) -> Response {
    let catalog = &state.search.catalog;
    let Ok(table) = state.search.table.read() else {
        return crate::error::json_error(AppError::Internal(anyhow::anyhow!(
            "search table lock poisoned"
        )));
    };
    let Some(r) = id.parse::<i64>().ok().and_then(|id| table.get(id)) else {
        return crate::error::json_error(AppError::NotFound);
    };
    let labels = |vocab: Vocabulary, mask: u128| -> Vec<String> {
        catalog
            .taxonomy
            .terms(vocab)
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 128 && mask & (1u128 << i) != 0)
            .map(|(_, t)| t.label.get(i18n.locale).to_owned())
            .collect()
    };
    let okrug = catalog.okrugs.get(usize::from(r.okrug));
    Json(json!({
        "id": r.id,
        "name": r.name,
        "url": org_url(r.id, &r.slug),
        "kind": catalog.taxonomy.org_kind.get(usize::from(r.kind)).map(|t| t.label.get(i18n.locale).to_owned()),
        "okrug": okrug.map(|o| o.name.get(i18n.locale).to_owned()),
        "settlement": r.settlement,
        "summary": r.summary,
        "directions": labels(Vocabulary::Direction, r.directions),
        "approximate": r.has(flag::APPROXIMATE),
        "verified": r.has(flag::VERIFIED),
        "stale": stale_test(catalog)(r),
        "lat": r.at.lat,
        "lon": r.at.lon,
    }))
    .into_response()
}
