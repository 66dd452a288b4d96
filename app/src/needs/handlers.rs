//! The staff summary of needs, need kind × okrug, as CSV and Excel: `GET
//! /staff/needs.csv`, `GET /staff/needs.xlsx`. Staff of the region only; never cached.

use axum::extract::State;
use axum::routing::get;
use axum::Router;

use crate::accounts::authz;
use crate::coverage::handlers::{attachment, XLSX};
use crate::coverage::{to_csv, to_xlsx_with};
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::{Asker, Lang};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/needs.csv", get(csv))
        .route("/staff/needs.xlsx", get(xlsx))
}

async fn csv(State(state): State<AppState>, Asker(auth): Asker, Lang(i18n): Lang) -> PageResult {
    authz::require_staff(&auth, state.region.id)?;
    let summary = poputchiki_core::needs::build::summary(&state, &i18n).await?;
    let date = chrono::Local::now().format("%Y-%m-%d");
    let body = to_csv(&summary, &i18n)?;
    let name = format!("attachment; filename=\"needs-{date}.csv\"");
    Ok(attachment(body, "text/csv; charset=utf-8", &name))
}

async fn xlsx(State(state): State<AppState>, Asker(auth): Asker, Lang(i18n): Lang) -> PageResult {
    authz::require_staff(&auth, state.region.id)?;
    let summary = poputchiki_core::needs::build::summary(&state, &i18n).await?;
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let title = i18n.t("needs-summary-title");
    let body = to_xlsx_with(&summary, &i18n, &date, &title, None)
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!(e)))?;
    let name = format!("attachment; filename=\"needs-{date}.xlsx\"");
    Ok(attachment(body, XLSX, &name))
}
