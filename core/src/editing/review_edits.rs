//! Moderation after the fact: an editor's change to the name, ИНН/ОГРН or location of an
//! organization approved in the last [`RECENT_DAYS`] is published at once (nobody waits)
//! and put in the staff queue «Существенные правки», where staff accept it or revert it.

use crate::db::Conn;

use crate::db::{from_now, now, Db};

/// The fields whose change needs a staff look.
pub const SIGNIFICANT: &[&str] = &[
    "name",
    "inn",
    "ogrn",
    "lat",
    "lon",
    "okrug",
    "settlement",
    "address",
];

/// How long after its approval an organization's significant edits are reviewed.
pub const RECENT_DAYS: i64 = 90;

/// The significant fields among `changed`.
pub fn significant(changed: &[String]) -> Vec<String> {
    changed
        .iter()
        .filter(|f| SIGNIFICANT.contains(&f.as_str()))
        .cloned()
        .collect()
}

/// Whether the organization was approved by staff within [`RECENT_DAYS`].
pub async fn recently_approved(db: &Db, organization_id: i64) -> sqlx::Result<bool> {
    let since = from_now(-chrono::Duration::days(RECENT_DAYS));
    sqlx::query_scalar::<_, crate::db::Flag>(
        "select exists (select 1 from organization where id = $1 and status = 'published'
                          and moderated_at is not null and moderated_at >= $2)",
    )
    .bind(organization_id)
    .bind(since)
    .fetch_one(db)
    .await
    .map(bool::from)
}

/// Puts a saved revision in the queue.
pub async fn flag(conn: &mut Conn, organization_id: i64, number: i64) -> sqlx::Result<()> {
    sqlx::query(
        "update revision set review = 'pending' where organization_id = $1 and number = $2",
    )
    .bind(organization_id)
    .bind(number)
    .execute(conn)
    .await?;
    Ok(())
}

/// Staff reverted the organization: its waiting edits are settled.
pub async fn settle_reverted(conn: &mut Conn, organization_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "update revision set review = 'reverted', updated_at = $1 where organization_id = $2 and review = 'pending'",
    )
    .bind(now())
    .bind(organization_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A waiting significant edit.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingEdit {
    pub revision_id: i64,
    pub organization_id: i64,
    pub slug: String,
    pub name: String,
    pub okrug_id: i64,
    pub number: i64,
    pub changed: String,
    pub editor: Option<String>,
    pub created_at: String,
    /// The revision before it: what "revert" restores.
    pub previous: Option<i64>,
}

/// The region's waiting significant edits, oldest first.
pub async fn pending(db: &Db, region_id: i64) -> sqlx::Result<Vec<PendingEdit>> {
    sqlx::query_as(
        "select r.id as revision_id, r.organization_id, o.slug, o.name, o.okrug_id, r.number, r.changed,
                a.email as editor, r.created_at,
                (select max(p.number) from revision p where p.organization_id = r.organization_id and p.number < r.number) as previous
         from revision r join organization o on o.id = r.organization_id
         left join account a on a.id = r.account_id
         where o.region_id = $1 and r.review = 'pending' order by r.created_at, r.id limit 200",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// The organization and region of a revision, for the staff check.
pub async fn revision_owner(db: &Db, revision_id: i64) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as(
        "select o.region_id, o.id from revision r join organization o on o.id = r.organization_id where r.id = $1",
    )
    .bind(revision_id)
    .fetch_optional(db)
    .await
}

/// Staff accept a waiting edit; false if it was not waiting.
pub async fn accept(db: &Db, revision_id: i64) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update revision set review = 'accepted', updated_at = $1 where id = $2 and review = 'pending'",
    )
    .bind(now())
    .bind(revision_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_name_identifiers_and_location_need_a_look() {
        let changed: Vec<String> = ["summary", "inn", "phone", "lat"].map(String::from).into();
        assert_eq!(
            significant(&changed),
            vec!["inn".to_owned(), "lat".to_owned()]
        );
        assert!(significant(&["description".to_owned()]).is_empty());
    }
}
