//! The gazetteer's seed file and SQL: read `settlements.csv`, replace the region's
//! settlements at start-up (in the seed transaction), and load them into the catalog.

use std::path::Path;

use crate::db::Conn;
use anyhow::Context;
use sqlx::Row;

use super::Settlement;
use crate::db::{now, Db};
use crate::region::LatLon;

/// One row of `settlements.csv`.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct SettlementSeed {
    pub okrug: String,
    pub name: String,
    #[serde(default)]
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub population: Option<i64>,
    #[serde(default)]
    pub source: String,
}

/// Reads a region's gazetteer file.
pub fn read_seed(path: &Path) -> anyhow::Result<Vec<SettlementSeed>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = vec![];
    for (i, row) in rdr.deserialize().enumerate() {
        let s: SettlementSeed =
            row.with_context(|| format!("{} line {}", path.display(), i + 2))?;
        out.push(s);
    }
    Ok(out)
}

/// Replaces the region's settlements with the seed's, inside the seed transaction.
pub async fn store(tx: &mut Conn, region_id: i64, seeds: &[SettlementSeed]) -> anyhow::Result<()> {
    sqlx::query("delete from settlement where region_id = $1")
        .bind(region_id)
        .execute(&mut *tx)
        .await?;
    let ts = now();
    for s in seeds {
        let okrug_id: i64 =
            sqlx::query_scalar("select id from okrug where region_id = $1 and slug = $2")
                .bind(region_id)
                .bind(&s.okrug)
                .fetch_optional(&mut *tx)
                .await?
                .with_context(|| format!("settlement {}: unknown okrug `{}`", s.name, s.okrug))?;
        sqlx::query(
            "insert into settlement (region_id, okrug_id, name, kind, lat, lon, population, source, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (region_id, okrug_id, name) do nothing",
        )
        .bind(region_id)
        .bind(okrug_id)
        .bind(&s.name)
        .bind(&s.kind)
        .bind(s.lat)
        .bind(s.lon)
        .bind(s.population)
        .bind(&s.source)
        .bind(&ts)
        .bind(&ts)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The region's settlements, in Russian name order.
pub async fn load(db: &Db, region_id: i64) -> anyhow::Result<Vec<Settlement>> {
    let rows = sqlx::query(
        "select id, okrug_id, name, kind, lat, lon, population from settlement where region_id = $1",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    let mut out = rows
        .into_iter()
        .map(|r| {
            Ok(Settlement {
                id: r.try_get("id")?,
                okrug_id: r.try_get("okrug_id")?,
                name: r.try_get("name")?,
                kind: r.try_get("kind")?,
                at: LatLon {
                    lat: r.try_get("lat")?,
                    lon: r.try_get("lon")?,
                },
                population: r.try_get("population")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    out.sort_by_cached_key(|s| crate::text::collation_key(&s.name));
    Ok(out)
}
