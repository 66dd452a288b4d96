//! The map's JSON routes (docs/API.md):
//! - `GET /api/v1/map/clusters?bbox=&zoom=&…filters`: GeoJSON clusters and markers;
//! - `GET /api/v1/okrugs.geojson?…filters`: boundaries with per-okrug counts;
//! - `GET /api/v1/map/cards/{id}`: the small card a marker shows, in the reader's language.
//!
//! Filters are exactly `/api/v1/search`'s, parsed by the same code.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::cluster::{cluster, Feature, Grid, MAX_ZOOM};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::region::RegionCatalog;
use crate::search::api::bad_params;
use crate::search::engine::SearchError;
use crate::search::params::{BBox, Facet, ParamError, SearchParams};
use crate::search::table::{flag, OrgRow};
use crate::state::AppState;
use crate::taxonomy::Vocabulary;
use crate::web::extract::{Lang, SearchQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/map/clusters", get(clusters))
        .route("/api/v1/map/cards/{id}", get(card))
        .route("/api/v1/okrugs.geojson", get(okrugs))
        .route("/api/v1/places.geojson", get(places))
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

/// The box around all of the region's okrugs: the default viewport.
pub fn region_bbox(catalog: &RegionCatalog) -> BBox {
    catalog.okrugs.iter().fold(
        BBox {
            min_lon: 180.0,
            min_lat: 90.0,
            max_lon: -180.0,
            max_lat: -90.0,
        },
        |b, o| BBox {
            min_lon: b.min_lon.min(o.bbox.min().x),
            min_lat: b.min_lat.min(o.bbox.min().y),
            max_lon: b.max_lon.max(o.bbox.max().x),
            max_lat: b.max_lat.max(o.bbox.max().y),
        },
    )
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

fn point(lon: f64, lat: f64) -> Value {
    json!({ "type": "Point", "coordinates": [round5(lon), round5(lat)] })
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

/// Whether a row is stale now, under the region's policy (drawn faded, with a note).
fn stale_test(catalog: &RegionCatalog) -> impl Fn(&OrgRow) -> bool {
    let thresholds = catalog.policy.thresholds(chrono::Utc::now());
    move |r| thresholds.state(r.last_sign_of_life()) == crate::freshness::Freshness::Stale
}

fn geojson(body: Value) -> Response {
    let mut resp = Json(body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    resp
}

fn search_failure(e: SearchError, i18n: &I18n) -> Response {
    match e {
        SearchError::Params(errors) => bad_params(&errors, i18n),
        SearchError::Internal(e) => crate::error::json_error(AppError::Internal(e)),
    }
}

/// The clusters response for already parsed parameters (also used by the benchmark).
pub fn cluster_collection(
    state_search: &crate::search::engine::SearchEngine,
    params: &SearchParams,
    zoom: u8,
    i18n: &I18n,
) -> Result<Value, SearchError> {
    let catalog = &state_search.catalog;
    let mut params = params.clone();
    let bbox = *params.bbox.get_or_insert_with(|| region_bbox(catalog));
    let grid = Grid::new(bbox, zoom);
    let (table, rows) = state_search.matching(&params, i18n)?;
    let all = table.rows();
    let features = cluster(&grid, rows.iter().map(|&i| (i, all[i].merc, all[i].at)));
    let stale = stale_test(catalog);
    let kind_code = |r: &OrgRow| {
        catalog
            .taxonomy
            .org_kind
            .get(usize::from(r.kind))
            .map(|t| t.code.as_str())
            .unwrap_or("")
    };
    let out: Vec<Value> = features
        .iter()
        .map(|f| match f {
            Feature::Single(i) => {
                let r = &all[*i];
                json!({
                    "type": "Feature",
                    "geometry": point(r.at.lon, r.at.lat),
                    "properties": {
                        "cluster": false,
                        "id": r.id,
                        "name": r.name,
                        "kind": kind_code(r),
                        "url": org_url(r.id, &r.slug),
                        "approximate": r.has(flag::APPROXIMATE),
                        "stale": stale(r),
                    },
                })
            }
            Feature::Cluster {
                count,
                at,
                expansion_zoom,
                members,
            } => {
                let mut props = json!({
                    "cluster": true,
                    "count": count,
                    "expansion_zoom": expansion_zoom,
                });
                if expansion_zoom.is_none() {
                    props["members"] = members
                        .iter()
                        .map(|&i| {
                            let r = &all[i];
                            json!({ "id": r.id, "name": r.name, "url": org_url(r.id, &r.slug) })
                        })
                        .collect();
                }
                json!({ "type": "Feature", "geometry": point(at.lon, at.lat), "properties": props })
            }
        })
        .collect();
    Ok(json!({
        "type": "FeatureCollection",
        "total": rows.len(),
        "zoom": grid.zoom,
        "cell_px": grid.cell_px,
        "features": out,
    }))
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
    let job = move |s: &crate::state::Core| {
        let (table, rows) = s.search.matching(&params, &i18n)?;
        let mut counts = vec![0u64; s.search.catalog.okrugs.len()];
        for i in rows {
            if let Some(c) = counts.get_mut(usize::from(table.rows()[i].okrug)) {
                *c += 1;
            }
        }
        Ok::<_, SearchError>(counts)
    };
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
