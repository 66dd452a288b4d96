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

/// The newest entry of the region's change log (0 when it has none).
pub async fn newest_change(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("select coalesce(max(seq), 0) from change_log where region_id = $1")
        .bind(region_id)
        .fetch_one(db)
        .await
}

/// (seq, organization id) of the region's change-log entries after `after`, oldest first,
/// at most `limit`.
pub async fn changes_after(
    db: &Db,
    region_id: i64,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select seq, organization_id from change_log where region_id = $1 and seq > $2
         order by seq limit $3",
    )
    .bind(region_id)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}
