//! `GET /api/v1/changes?since=…&cursor=…&limit=…`: the organizations that became public,
//! changed or stopped being public, for mirrors that sync without downloading everything.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use poputchiki_core::export::changes::{self, ChangesQuery};

use crate::error::{json_error, AppError};
use crate::search::api::bad_params;
use crate::state::AppState;
use crate::web::extract::SearchQuery;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/changes", get(feed))
}

async fn feed(State(state): State<AppState>, query: SearchQuery) -> Response {
    let pairs = query.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let q = match ChangesQuery::from_pairs(pairs) {
        Ok(q) => q,
        Err(errors) => return bad_params(&errors, &query.i18n),
    };
    match changes::page(&state.db, state.region.id, &q).await {
        Ok(page) => Json(page).into_response(),
        Err(e) => json_error(AppError::Database(e)),
    }
}
