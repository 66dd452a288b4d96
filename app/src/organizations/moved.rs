//! Permanent redirects from a merged record's addresses to the record it was merged into:
//! its page and every page under it (`/org/{id}-…[/history…]`) and its JSON record, with
//! the query kept. Runs before the session gate: a redirect needs no session.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::organizations::{org_url, parse_id};
use crate::state::AppState;

/// The merged record's id and what follows it, for the addresses that can move.
fn moved_part(path: &str) -> Option<(&'static str, i64, &str)> {
    for prefix in ["/org/", "/api/v1/organizations/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            let (segment, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            return parse_id(segment).map(|id| (prefix, id, tail));
        }
    }
    None
}

pub async fn follow_merge(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let Some((prefix, id, tail)) = moved_part(req.uri().path()) else {
        return next.run(req).await;
    };
    // A published organization (the search table has it) was not merged away: most
    // requests need no lookup at all.
    let published = state.search.table.read().is_ok_and(|t| t.get(id).is_some());
    if published {
        return next.run(req).await;
    }
    let target = match poputchiki_core::merge::store::merged_into(&state.db, id).await {
        Ok(Some(t)) => t,
        Ok(None) => return next.run(req).await,
        Err(e) => {
            tracing::error!(error = %e, id, "looking up a merged record failed");
            return next.run(req).await;
        }
    };
    let base = if prefix == "/org/" {
        org_url(target.0, &target.1)
    } else {
        format!("{prefix}{}", target.0)
    };
    let query = req
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let location = format!("{base}{tail}{query}");
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location)],
    )
        .into_response()
}
