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
         where region_id = ? and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    let contacts: Vec<(i64, String, String)> = sqlx::query_as(
        "select c.organization_id, c.kind, c.value from contact c join organization o on o.id = c.organization_id
         where o.region_id = ? and o.status = 'published' and c.kind in ('phone', 'email')",
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
