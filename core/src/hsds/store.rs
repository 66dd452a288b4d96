//! The SQL of the HSDS export and API: which organizations, and since when.

use crate::db::Db;

/// The change log's last entry for the region (0 before any): a new one means the package
/// is out of date.
pub async fn last_change(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("select coalesce(max(seq), 0) from change_log where region_id = $1")
        .bind(region_id)
        .fetch_one(db)
        .await
}

/// Organizations with a change logged at or after `since` (RFC 3339, UTC).
pub async fn changed_since(db: &Db, region_id: i64, since: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select distinct organization_id from change_log where region_id = $1 and at >= $2",
    )
    .bind(region_id)
    .bind(since)
    .fetch_all(db)
    .await
}

/// Published organizations of one legal form.
pub async fn with_legal_form(db: &Db, region_id: i64, code: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = $1 and status = 'published' and legal_form = $2",
    )
    .bind(region_id)
    .bind(code)
    .fetch_all(db)
    .await
}

/// Published organizations of the region that have any legal form.
pub async fn with_any_legal_form(db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = $1 and status = 'published' and legal_form is not null",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// How many services each of `ids` has, in the order of `ids`, for paging services.
pub async fn service_counts(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(crate::organizations::store::BATCH) {
        let list = serde_json::to_string(chunk).unwrap_or_else(|_| "[]".into());
        let counts: std::collections::HashMap<i64, i64> =
            sqlx::query_as::<_, (i64, i64)>(&format!(
                "select organization_id, count(*) from service
             where organization_id in ({}) group by organization_id",
                crate::db::json_ids(crate::db::Backend::of(db), "$1")
            ))
            .bind(list)
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();
        out.extend(
            chunk
                .iter()
                .map(|id| (*id, counts.get(id).copied().unwrap_or(0))),
        );
    }
    Ok(out)
}
