//! The SQL of open data: the change log that the feed reads (triggers fill it; see
//! migration 0015).

use crate::db::Db;

/// An organization's latest entry in the log, with its state now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ChangeRow {
    pub organization_id: i64,
    pub seq: i64,
    pub at: String,
    pub status: String,
    pub merged_into: Option<i64>,
}

/// Organizations of the region with log entries after `after_seq` and at or after `since`
/// (empty: any time), each once, ordered by their latest entry; only those that were ever
/// public.
pub async fn changes(
    db: &Db,
    region_id: i64,
    since: &str,
    after_seq: i64,
    limit: i64,
) -> sqlx::Result<Vec<ChangeRow>> {
    sqlx::query_as::<_, ChangeRow>(
        "select c.organization_id, max(c.seq) as seq, max(c.at) as at, o.status, o.merged_into
         from change_log c join organization o on o.id = c.organization_id
         where c.region_id = $1 and c.seq > $2 and c.at >= $3
           and exists (select 1 from change_log p where p.organization_id = c.organization_id
                       and p.status in ('published', 'archived', 'merged'))
         group by c.organization_id, o.status, o.merged_into
         order by max(c.seq)
         limit $4",
    )
    .bind(region_id)
    .bind(after_seq)
    .bind(since)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// One page of published organizations in id order: id, slug and last update.
pub async fn published_pages(
    db: &Db,
    region_id: i64,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "select id, slug, updated_at from organization
         where region_id = $1 and status = 'published' order by id limit $2 offset $3",
    )
    .bind(region_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// The latest update among each okrug's published organizations (okrugs with none are
/// missing).
pub async fn okrug_lastmods(db: &Db, region_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "select okrug_id, max(updated_at) from organization
         where region_id = $1 and status = 'published' group by okrug_id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}
