//! The region's published organizations as the duplicate detector needs them.

use std::collections::HashMap;

use super::{phone_key, Record};
use crate::db::Db;

/// An organization row: id, okrug, name, point, ИНН, ОГРН.
type Row = (i64, i64, String, f64, f64, Option<String>, Option<String>);

/// Every published organization of the region, with its phones and emails.
pub async fn records(db: &Db, region_id: i64) -> sqlx::Result<Vec<Record>> {
    let rows: Vec<Row> = sqlx::query_as(
        "select id, okrug_id, name, lat, lon, inn, ogrn from organization
         where region_id = $1 and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    let contacts: Vec<(i64, String, String)> = sqlx::query_as(
        "select c.organization_id, c.kind, c.value from contact c join organization o on o.id = c.organization_id
         where o.region_id = $1 and o.status = 'published' and c.kind in ('phone', 'email')",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    let mut by_org: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    for (id, kind, value) in contacts {
        let e = by_org.entry(id).or_default();
        if kind == "phone" {
            e.0.extend(phone_key(&value));
        } else {
            e.1.push(value.trim().to_lowercase());
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, okrug_id, name, lat, lon, inn, ogrn)| {
            let (phones, emails) = by_org.remove(&id).unwrap_or_default();
            Record {
                id,
                okrug_id,
                name,
                lat,
                lon,
                inn,
                ogrn,
                phones,
                emails,
            }
        })
        .collect())
}

/// Published organizations that look like `input` (a proposal), at most five: (id, name,
/// page). Nothing when the input does not validate (the form's own errors come first).
pub async fn similar_to(
    db: &Db,
    catalog: &crate::region::RegionCatalog,
    input: &crate::organizations::input::OrganizationInput,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    let Ok(v) = crate::organizations::validate::validate(input, catalog) else {
        return Ok(vec![]);
    };
    let new = super::record_of(0, &v);
    let mut out = vec![];
    for r in records(db, catalog.id).await? {
        if out.len() < 5 && super::judge(&new, &r).is_some() {
            if let Some(o) = crate::organizations::store::access(db, r.id).await? {
                out.push((o.id, o.name, crate::organizations::org_url(o.id, &o.slug)));
            }
        }
    }
    Ok(out)
}

/// Staff say `a` and `b` are two different organizations: the pair leaves the queue.
pub async fn dismiss(db: &Db, region_id: i64, a: i64, b: i64, account_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "insert into duplicate_dismissal (region_id, low_id, high_id, account_id, created_at)
         values ($1, $2, $3, $4, $5) on conflict (low_id, high_id) do nothing",
    )
    .bind(region_id)
    .bind(a.min(b))
    .bind(a.max(b))
    .bind(account_id)
    .bind(crate::db::now())
    .execute(db)
    .await
    .map(|_| ())
}

/// The pairs staff marked as different organizations, (lower id, higher id).
pub async fn dismissed(
    db: &Db,
    region_id: i64,
) -> sqlx::Result<std::collections::HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("select low_id, high_id from duplicate_dismissal where region_id = $1")
            .bind(region_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}
