//! `GET /api/v1/map/ties.geojson?…filters`: the «связи» layer, a line between each pair of
//! partners (active ties) when both are in the search's view, with the tie's kind. Filters
//! are exactly `/api/v1/search`'s.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use poputchiki_core::region::LatLon;
use serde_json::json;

use super::api::{geojson, search_failure};
use crate::search::api::bad_params;
use crate::search::engine::SearchError;
use crate::state::AppState;
use crate::web::extract::SearchQuery;

pub async fn ties(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let params = match query.params() {
        Ok(p) => p,
        Err(errors) => return bad_params(&errors, &i18n),
    };
    let job = move |s: &crate::state::Core| {
        let (table, rows) = s.search.matching(&params, &i18n)?;
        let at: HashMap<i64, LatLon> = rows
            .into_iter()
            .map(|i| (table.rows()[i].id, table.rows()[i].at))
            .collect();
        Ok::<_, SearchError>(at)
    };
    let at = match crate::blocking::off_the_workers(&state, job).await {
        Ok(Ok(at)) => at,
        Ok(Err(e)) => return search_failure(e, &i18n),
        Err(busy) => return crate::error::json_error(busy),
    };
    let ties = match poputchiki_core::partners::store::active_in_region(&state.db, state.region.id)
        .await
    {
        Ok(t) => t,
        Err(e) => return crate::error::json_error(crate::error::AppError::from(e)),
    };
    let features: Vec<_> = ties
        .into_iter()
        .filter_map(|(from, to, kind)| {
            let (a, b) = (at.get(&from)?, at.get(&to)?);
            Some(json!({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
                "properties": {"from": from, "to": to, "kind": kind.as_str(),
                               "label": i18n.t(&format!("partner-kind-{}", kind.as_str().replace('_', "-")))},
            }))
        })
        .collect();
    geojson(json!({"type": "FeatureCollection", "features": features}))
}
