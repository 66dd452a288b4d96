//! Every SQL statement of search: the small questions the watcher, the rebuild and the
//! consistency check ask (which organizations, which versions, what changed). The table and
//! the index themselves are built from the one read path (`records.rs`).

use crate::db::Db;

/// (id, version) of every published organization of the region, by id.
pub async fn published_versions(db: &Db, region_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select id, version from organization where region_id = $1 and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// The ids of every published organization of the region, in order.
pub async fn published_ids(db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = $1 and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// How many organizations of the region are published.
pub async fn published_count(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from organization where region_id = $1 and status = 'published'",
    )
    .bind(region_id)
    .fetch_one(db)
    .await
}

/// The newest `updated_at` of the region's organizations, and which ones carry it.
pub async fn newest_change(db: &Db, region_id: i64) -> sqlx::Result<(String, Vec<i64>)> {
    let last: Option<String> =
        sqlx::query_scalar("select max(updated_at) from organization where region_id = $1")
            .bind(region_id)
            .fetch_one(db)
            .await?;
    let last = last.unwrap_or_default();
    let ids =
        sqlx::query_scalar("select id from organization where region_id = $1 and updated_at = $2")
            .bind(region_id)
            .bind(&last)
            .fetch_all(db)
            .await?;
    Ok((last, ids))
}

/// (id, updated_at) of the region's organizations changed at or after `since`.
pub async fn changed_since(
    db: &Db,
    region_id: i64,
    since: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "select id, updated_at from organization where region_id = $1 and updated_at >= $2",
    )
    .bind(region_id)
    .bind(since)
    .fetch_all(db)
    .await
}
