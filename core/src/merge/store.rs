//! The merge's data moves, inside the caller's transaction: the second record steps aside
//! (status `merged`, `merged_into`, its ИНН/ОГРН freed), and its editors, open invitations,
//! revisions, staff checks, error reports and confirmation date move to the survivor.

use crate::db::Tx;

use crate::db::{now, Db};

/// What moved, for the audit entry.
#[derive(Debug, Default, PartialEq)]
pub struct Moved {
    pub editors: u64,
    pub revisions: u64,
    pub verifications: u64,
    pub reports: u64,
}

/// Marks `drop` as merged into `keep`, if it is still published at `drop_version`; false
/// (nothing written) when someone edited, archived or merged it meanwhile. Earlier merges into `drop` now point at
/// `keep`, so every old address redirects in one step.
pub async fn step_aside(
    tx: &mut Tx<'_>,
    keep: i64,
    drop: i64,
    drop_version: i64,
) -> sqlx::Result<bool> {
    let ts = now();
    let done = sqlx::query(
        "update organization set status = 'merged', merged_into = $1, inn = null, ogrn = null,
             version = version + 1, updated_at = $2
         where id = $3 and status = 'published' and version = $4",
    )
    .bind(keep)
    .bind(&ts)
    .bind(drop)
    .bind(drop_version)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query("update organization set merged_into = $1 where merged_into = $2")
            .bind(keep)
            .bind(drop)
            .execute(&mut **tx)
            .await?;
    }
    Ok(done)
}

/// The survivor's version inside the transaction.
pub async fn version(tx: &mut Tx<'_>, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("select version from organization where id = $1 and status = 'published'")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// Moves everything of `drop` that belongs to the organization rather than to the record.
/// Its revisions are numbered after the survivor's, in their order, and marked with where
/// they came from; the survivor's version moves past them, which the caller's save (based
/// on the returned version) then continues.
pub async fn move_parts(
    tx: &mut Tx<'_>,
    keep: i64,
    drop: i64,
    keep_version: i64,
) -> sqlx::Result<(Moved, i64)> {
    let ts = now();
    let editors = sqlx::query(
        "insert into membership (account_id, organization_id, added_by, created_at, updated_at)
         select account_id, $1, added_by, created_at, $2 from membership where organization_id = $3
         on conflict do nothing",
    )
    .bind(keep)
    .bind(&ts)
    .bind(drop)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query("delete from membership where organization_id = $1")
        .bind(drop)
        .execute(&mut **tx)
        .await?;
    move_partnerships(tx, keep, drop).await?;
    sqlx::query(
        "update invitation set organization_id = $1 where organization_id = $2 and used_at is null",
    )
    .bind(keep)
    .bind(drop)
    .execute(&mut **tx)
    .await?;
    let first: Option<i64> =
        sqlx::query_scalar("select min(number) from revision where organization_id = $1")
            .bind(drop)
            .fetch_one(&mut **tx)
            .await?;
    let mut revisions = 0;
    if let Some(first) = first {
        let offset = keep_version - first + 1;
        revisions = sqlx::query(
            "update revision set organization_id = $1, number = number + $2, merged_from = coalesce(merged_from, $3)
             where organization_id = $4",
        )
        .bind(keep)
        .bind(offset)
        .bind(drop)
        .bind(drop)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    let verifications = move_rows(tx, "verification", keep, drop).await?;
    let reports = move_rows(tx, "error_report", keep, drop).await?;
    // The second record's reminders die with it: their links would confirm a record that
    // is gone. The survivor's own schedule goes on.
    sqlx::query("delete from reconfirm_token where organization_id = $1")
        .bind(drop)
        .execute(&mut **tx)
        .await?;
    sqlx::query("delete from reconfirm_job where organization_id = $1")
        .bind(drop)
        .execute(&mut **tx)
        .await?;
    // The later confirmation by the organization counts, and a logo if the survivor has none.
    sqlx::query(
        "update organization set
             confirmed_at = (select max(coalesce(confirmed_at, '')) from organization where id in ($1, $2)),
             logo = coalesce(logo, (select logo from organization where id = $3)),
             version = (select case when version > r then version else r end
                        from (select coalesce(max(number), 0) as r from revision
                              where organization_id = $4) n),
             updated_at = $5
         where id = $6",
    )
    .bind(keep)
    .bind(drop)
    .bind(drop)
    .bind(keep)
    .bind(&ts)
    .bind(keep)
    .execute(&mut **tx)
    .await?;
    sqlx::query("update organization set confirmed_at = null where id = $1 and confirmed_at = ''")
        .bind(keep)
        .execute(&mut **tx)
        .await?;
    let version: i64 = sqlx::query_scalar("select version from organization where id = $1")
        .bind(keep)
        .fetch_one(&mut **tx)
        .await?;
    let moved = Moved {
        editors,
        revisions,
        verifications,
        reports,
    };
    Ok((moved, version))
}

/// Where a merged record's addresses go now: the survivor's id and slug.
/// Hands the second record's ties to the survivor. A tie between the two, or one the
/// survivor already has with the same organization, ends instead (one open tie a pair).
async fn move_partnerships(tx: &mut Tx<'_>, keep: i64, drop: i64) -> sqlx::Result<()> {
    sqlx::query(
        "update partnership set status = 'ended', updated_at = $3
         where status in ('proposed', 'active') and (from_org = $2 or to_org = $2)
           and (from_org = $1 or to_org = $1
                or exists (select 1 from partnership q
                           where q.status in ('proposed', 'active') and q.id <> partnership.id
                             and (q.from_org = $1 or q.to_org = $1)
                             and (q.from_org = case when partnership.from_org = $2
                                                    then partnership.to_org else partnership.from_org end
                                  or q.to_org = case when partnership.from_org = $2
                                                     then partnership.to_org else partnership.from_org end)))",
    )
    .bind(keep)
    .bind(drop)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    for side in ["from_org", "to_org"] {
        // The column comes from the two above, never from input.
        sqlx::query(&format!(
            "update partnership set {side} = $1 where {side} = $2"
        ))
        .bind(keep)
        .bind(drop)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Hands every row of `table` that belongs to `drop` to `keep`; how many moved.
async fn move_rows(
    tx: &mut Tx<'_>,
    table: &'static str,
    keep: i64,
    drop: i64,
) -> sqlx::Result<u64> {
    let sql = format!("update {table} set organization_id = $1 where organization_id = $2");
    Ok(sqlx::query(&sql)
        .bind(keep)
        .bind(drop)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

pub async fn merged_into(db: &Db, id: i64) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "select s.id, s.slug from organization o join organization s on s.id = o.merged_into
         where o.id = $1 and o.status = 'merged'",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A record's editors, revisions and staff checks: what the merge page shows about each.
pub async fn parts(db: &Db, id: i64) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "select (select count(*) from membership where organization_id = $1),
                (select count(*) from revision where organization_id = $1),
                (select count(*) from verification where organization_id = $1)",
    )
    .bind(id)
    .fetch_one(db)
    .await
}
