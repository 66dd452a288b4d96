//! The dates freshness is derived from, as stored: the demo's spread of ages, and (for the
//! re-confirmation links) the organization's own confirmation.

use crate::db::Db;

/// Ids of the region's demo organizations, in id order.
pub async fn demo_ids(db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = $1 and is_demo = $2 order by id",
    )
    .bind(region_id)
    .bind(1_i64)
    .fetch_all(db)
    .await
}

/// Sets when each organization was last edited and last confirmed, in one transaction
/// (the demo spreads its listings over the past months so that some are stale).
pub async fn set_dates(db: &Db, dates: &[(i64, String, Option<String>)]) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    for (id, updated_at, confirmed_at) in dates {
        sqlx::query("update organization set updated_at = $1, confirmed_at = $2 where id = $3")
            .bind(updated_at)
            .bind(confirmed_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}
