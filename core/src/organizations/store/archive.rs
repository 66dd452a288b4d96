//! Archiving ("больше не работает") and restoring: the status change, with when and why.
//! An archived organization leaves search, the map and every count (they all read
//! published ones only); its page stays.

use crate::db::{now, Db};

/// Archives a published organization; false if it was not published (nothing changes).
/// The version moves, so the search index drops it.
pub async fn archive(db: &Db, id: i64, note: &str) -> sqlx::Result<bool> {
    let ts = now();
    let done = sqlx::query(
        "update organization set status = 'archived', archived_at = $1, archive_note = $2,
             version = version + 1
         where id = $3 and status = 'published'",
    )
    .bind(&ts)
    .bind(note)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Publishes an archived organization again; false if it was not archived.
pub async fn restore(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update organization set status = 'published', archived_at = null, archive_note = '',
             version = version + 1
         where id = $1 and status = 'archived'",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
