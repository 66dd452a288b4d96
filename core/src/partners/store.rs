//! Partnerships in the database (all their SQL).

use crate::db::{now, Db};
use crate::kinds::{PartnershipKind, PartnershipStatus};

/// A tie seen from one organization: the other side and how it stands.
#[derive(Debug, sqlx::FromRow)]
pub struct TieRow {
    pub id: i64,
    pub kind: PartnershipKind,
    pub note: String,
    pub status: PartnershipStatus,
    pub other_id: i64,
    pub other_slug: String,
    pub other_name: String,
    /// The other organization invited this one.
    #[sqlx(try_from = "crate::db::Flag")]
    pub incoming: bool,
}

/// The ties of `org` with published organizations: active ones, and with `pending` also
/// those waiting for an answer, either way.
pub async fn of_org(
    db: impl crate::db::AnyExecutor<'_>,
    org: i64,
    pending: bool,
) -> sqlx::Result<Vec<TieRow>> {
    sqlx::query_as(
        "select p.id, p.kind, p.note, p.status, o.id as other_id, o.slug as other_slug,
                o.name as other_name, p.to_org = $1 as incoming
         from partnership p
         join organization o on o.id = case when p.from_org = $1 then p.to_org else p.from_org end
         where (p.from_org = $1 or p.to_org = $1) and o.status = 'published'
           and (p.status = 'active' or ($2 and p.status = 'proposed'))
         order by p.status, o.sort_name, p.id",
    )
    .bind(org)
    .bind(pending)
    .fetch_all(db)
    .await
}

/// The region's active ties between published organizations, as (inviting, invited, kind);
/// at most 20,000.
pub async fn active_in_region(
    db: &Db,
    region_id: i64,
) -> sqlx::Result<Vec<(i64, i64, PartnershipKind)>> {
    sqlx::query_as(
        "select p.from_org, p.to_org, p.kind from partnership p
         join organization a on a.id = p.from_org join organization b on b.id = p.to_org
         where p.status = 'active' and a.region_id = $1 and a.status = 'published' and b.status = 'published'
         order by p.id limit 20000",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// One tie's two sides and state.
#[derive(Debug, sqlx::FromRow)]
pub struct PartnershipRow {
    pub id: i64,
    pub from_org: i64,
    pub to_org: i64,
    pub kind: PartnershipKind,
    pub status: PartnershipStatus,
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<PartnershipRow>> {
    sqlx::query_as("select id, from_org, to_org, kind, status from partnership where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Whether the two already have a tie that is proposed or active, whichever way round.
pub async fn open_between(db: &Db, a: i64, b: i64) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "select 1 from partnership where status in ('proposed', 'active')
           and ((from_org = $1 and to_org = $2) or (from_org = $2 and to_org = $1))",
    )
    .bind(a)
    .bind(b)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// A new tie; `None` when the pair got an open one meanwhile (the unique index).
pub async fn create(
    db: &Db,
    from: i64,
    to: i64,
    kind: PartnershipKind,
    note: &str,
    status: PartnershipStatus,
    account: i64,
) -> sqlx::Result<Option<i64>> {
    let ts = now();
    let r = sqlx::query_scalar(
        "insert into partnership (from_org, to_org, kind, note, status, proposed_by, decided_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, case when $7 = 'active' then $8 end, $9, $10) returning id",
    )
    .bind(from)
    .bind(to)
    .bind(kind)
    .bind(note)
    .bind(status)
    .bind(account)
    .bind(status)
    .bind(account)
    .bind(&ts)
    .bind(&ts)
    .fetch_one(db)
    .await;
    match r {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Moves a tie from one of `from` to `to`; false when it was not in any of them.
pub async fn set_status(
    db: &Db,
    id: i64,
    from: &[PartnershipStatus],
    to: PartnershipStatus,
    account: i64,
) -> sqlx::Result<bool> {
    let allowed = serde_json::to_string(&from.iter().map(|s| s.as_str()).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into());
    let r = sqlx::query(&format!(
        "update partnership set status = $1, decided_by = $2, updated_at = $3
         where id = $4 and status in ({})",
        crate::db::json_texts(crate::db::Backend::of(db), "$5")
    ))
    .bind(to)
    .bind(account)
    .bind(now())
    .bind(id)
    .bind(allowed)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}
