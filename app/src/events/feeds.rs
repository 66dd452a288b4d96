//! The iCal feeds (RFC 5545): `GET /events.ics`, `/org/{id}/events.ics` and
//! `/okrug/{slug}/events.ics`, each taking the calendar's filter as its query. Public data; at most `MAX_FEED` events each, one query.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use poputchiki_core::events::build::{self, Feed};

use super::CalendarFilter;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events.ics", get(region))
        .route("/org/{id_slug}/events.ics", get(organization))
        .route("/okrug/{slug}/events.ics", get(okrug))
}

fn filter_of(query: Option<String>) -> CalendarFilter {
    let query = query.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .take(32)
        .collect();
    CalendarFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

async fn region(
    State(state): State<AppState>,
    Lang(i18n): Lang,
    RawQuery(q): RawQuery,
) -> PageResult {
    let name = i18n.t_with(
        "ical-name-region",
        &[(
            "region",
            state.region.name.get(i18n.locale).to_owned().into(),
        )],
    );
    let filter = filter_of(q);
    respond(build::feed(&state, Feed { name, filter }, &i18n).await?)
}

async fn organization(
    State(state): State<AppState>,
    Lang(i18n): Lang,
    Path(id_slug): Path<String>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let id = crate::organizations::parse_id(&id_slug).ok_or(AppError::NotFound)?;
    let name: String = poputchiki_core::events::build::published_name(&state, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = CalendarFilter {
        org: Some(id),
        ..filter_of(q)
    };
    let name = i18n.t_with("ical-name-org", &[("name", name.into())]);
    respond(build::feed(&state, Feed { name, filter }, &i18n).await?)
}

async fn okrug(
    State(state): State<AppState>,
    Lang(i18n): Lang,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let okrug = state
        .region
        .okrug_by_slug(&slug)
        .ok_or(AppError::NotFound)?;
    let filter = CalendarFilter {
        okrug: Some(okrug.slug.clone()),
        ..filter_of(q)
    };
    let name = i18n.t_with(
        "ical-name-okrug",
        &[("okrug", okrug.name.get(i18n.locale).to_owned().into())],
    );
    respond(build::feed(&state, Feed { name, filter }, &i18n).await?)
}

fn respond(body: String) -> PageResult {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"events.ics\""),
    );
    // Calendar apps poll; ten minutes is fresh enough for a village noticeboard.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=600"),
    );
    Ok(r)
}
