//! The staff downloads of the coverage matrix: `GET /staff/coverage.csv` and
//! `GET /staff/coverage.xlsx`, with the page's options (`by`, `verified`). Staff of the
//! region only; never cached.

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use super::{to_csv, to_xlsx, Coverage, CoverageOptions};
use crate::accounts::authz;
use crate::error::AppError;
use crate::search::params::query_pairs;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::{Asker, Lang};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/coverage.csv", get(csv))
        .route("/staff/coverage.xlsx", get(xlsx))
}

enum Kind {
    Csv,
    Xlsx,
}

async fn csv(state: State<AppState>, asker: Asker, query: RawQuery, lang: Lang) -> PageResult {
    download(state, asker, query, lang, Kind::Csv).await
}

async fn xlsx(state: State<AppState>, asker: Asker, query: RawQuery, lang: Lang) -> PageResult {
    download(state, asker, query, lang, Kind::Xlsx).await
}

async fn download(
    State(state): State<AppState>,
    Asker(auth): Asker,
    RawQuery(query): RawQuery,
    Lang(i18n): Lang,
    kind: Kind,
) -> PageResult {
    authz::require_staff(&auth, state.region.id)?;
    let pairs = query_pairs(query.as_deref().unwrap_or_default());
    let options = CoverageOptions::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let name = format!(
        "attachment; filename=\"coverage-{}-{date}.{}\"",
        options.axis.as_str(),
        match kind {
            Kind::Csv => "csv",
            Kind::Xlsx => "xlsx",
        }
    );
    let job = move |s: &crate::state::Core| -> Result<(Vec<u8>, &'static str), AppError> {
        let c = Coverage::compute(&s.search, options, &i18n).map_err(|e| anyhow::anyhow!(e))?;
        Ok(match kind {
            Kind::Csv => (to_csv(&c, &i18n)?, "text/csv; charset=utf-8"),
            Kind::Xlsx => (
                to_xlsx(&c, &i18n, &date).map_err(|e| anyhow::anyhow!(e))?,
                XLSX,
            ),
        })
    };
    let (body, mime) = crate::blocking::off_the_workers(&state, job).await??;
    Ok(attachment(body, mime, &name))
}

/// The MIME type of a workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A staff download: never cached, saved under `disposition`'s file name.
pub fn attachment(
    body: Vec<u8>,
    mime: &'static str,
    disposition: &str,
) -> axum::response::Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
