//! The public JSON API (docs/API.md): `GET /api/v1/search` and
//! `GET /api/v1/organizations/{id}`. It is the map's and other clients' data source, so its
//! shape is a promise: add fields, never rename or remove them.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::engine::SearchError;
use super::params::ParamError;
use crate::i18n::I18n;
use crate::organizations::store::{self, OrganizationRecord};
use crate::state::AppState;
use crate::taxonomy::Vocabulary;
use crate::web::extract::SearchQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/search", get(search))
        .route("/api/v1/organizations/{id}", get(organization))
}

/// A 400 with one message per refused parameter, in the reader's language.
pub fn bad_params(errors: &[ParamError], i18n: &I18n) -> Response {
    let details: Vec<_> = errors
        .iter()
        .map(|e| {
            let message = i18n.t_with(&e.key, &[("value", e.value.as_str().into())]);
            serde_json::json!({ "param": e.param, "value": e.value, "message": message })
        })
        .collect();
    let body = serde_json::json!({
        "error": "bad_request",
        "message": i18n.t("err-param-summary"),
        "params": details,
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

async fn search(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let params = match query.params() {
        Ok(p) => p,
        Err(errors) => return bad_params(&errors, &i18n),
    };
    let job = move |s: &crate::state::Core| s.search.search(&params, &i18n);
    match crate::blocking::off_the_workers(&state, job).await {
        Ok(Ok(resp)) => Json(resp).into_response(),
        Ok(Err(SearchError::Params(errors))) => bad_params(&errors, &i18n),
        Ok(Err(SearchError::Internal(e))) => {
            crate::error::json_error(crate::error::AppError::Internal(e))
        }
        Err(busy) => crate::error::json_error(busy),
    }
}

/// The full public record of an organization, with taxonomy codes (labels are in the
/// taxonomy; clients localize).
#[derive(Debug, Serialize)]
pub struct PublicRecord {
    pub id: i64,
    pub slug: String,
    pub url: String,
    pub name: String,
    pub kind: String,
    pub legal_form: Option<String>,
    pub okrug: String,
    pub settlement: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub approximate_location: bool,
    pub contacts: Vec<serde_json::Value>,
    pub summary: String,
    pub description: String,
    pub directions: Vec<String>,
    pub audiences: Vec<String>,
    pub event_formats: Vec<String>,
    pub services: Vec<serde_json::Value>,
    pub upcoming_events: Vec<serde_json::Value>,
    pub needs: Vec<serde_json::Value>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub last_verified: Option<serde_json::Value>,
    pub is_demo: bool,
}

fn codes(catalog: &crate::region::RegionCatalog, vocab: Vocabulary, ids: &[i64]) -> Vec<String> {
    catalog
        .taxonomy
        .terms(vocab)
        .iter()
        .filter(|t| ids.contains(&t.id))
        .map(|t| t.code.clone())
        .collect()
}

impl PublicRecord {
    pub fn from_record(catalog: &crate::region::RegionCatalog, rec: OrganizationRecord) -> Self {
        let o = rec.org;
        let code_of = |id: Option<i64>| {
            id.and_then(|id| catalog.taxonomy.by_id(id))
                .map(|(_, t)| t.code.clone())
        };
        PublicRecord {
            url: crate::organizations::org_url(o.id, &o.slug),
            okrug: catalog.okrug_by_id(o.okrug_id).map(|k| k.slug.clone()).unwrap_or_default(),
            contacts: rec.contacts.iter().map(|c| serde_json::json!({"kind": c.kind, "value": c.value})).collect(),
            directions: codes(catalog, Vocabulary::Direction, &rec.term_ids),
            audiences: codes(catalog, Vocabulary::Audience, &rec.term_ids),
            event_formats: codes(catalog, Vocabulary::EventFormat, &rec.term_ids),
            services: rec
                .services
                .iter()
                .map(|(s, aud)| {
                    serde_json::json!({"name": s.name, "description": s.description, "cost": s.cost,
                        "audiences": codes(catalog, Vocabulary::Audience, aud),
                        "how_to_apply": s.how_to_apply, "schedule": s.schedule})
                })
                .collect(),
            upcoming_events: rec
                .events
                .iter()
                .map(|e| {
                    serde_json::json!({"title": e.title, "description": e.description, "starts_at": e.starts_at,
                        "ends_at": e.ends_at, "place": e.place, "format": code_of(e.format_term_id)})
                })
                .collect(),
            needs: rec
                .needs
                .iter()
                .map(|n| serde_json::json!({"kind": n.kind, "title": n.title, "description": n.description}))
                .collect(),
            last_verified: rec.verification.map(|v| serde_json::json!({"at": v.verified_at, "method": v.method})),
            id: o.id,
            slug: o.slug,
            name: o.name,
            kind: o.kind,
            legal_form: o.legal_form,
            settlement: o.settlement,
            address: o.address,
            lat: o.lat,
            lon: o.lon,
            approximate_location: o.location_approximate,
            summary: o.summary,
            description: o.description,
            inn: o.inn,
            ogrn: o.ogrn,
            created_at: o.created_at,
            updated_at: o.updated_at,
            is_demo: o.is_demo,
        }
    }
}

async fn organization(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return crate::error::json_error(crate::error::AppError::NotFound);
    };
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    match store::get_record(&state.db, id, &today).await {
        Ok(Some(rec)) => Json(PublicRecord::from_record(&state.region, rec)).into_response(),
        Ok(None) => crate::error::json_error(crate::error::AppError::NotFound),
        Err(e) => crate::error::json_error(crate::error::AppError::Database(e)),
    }
}
