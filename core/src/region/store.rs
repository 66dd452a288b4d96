//! Regions as stored: looked up by slug and listed (the seeds write them, `seed.rs`).

use crate::db::Db;

/// The id of the region with this slug.
pub async fn id_by_slug(db: &Db, slug: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("select id from region where slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await
}

/// Every region as (id, slug, name as stored: localized JSON), by slug.
pub async fn all(db: &Db) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as("select id, slug, name from region order by slug")
        .fetch_all(db)
        .await
}
