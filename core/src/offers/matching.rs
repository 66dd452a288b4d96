//! Matching offers and needs (all SQL here): the organizations that offer a kind of help,
//! or that need it, with their points, ordered by distance from one organization in Rust.

use crate::db::Db;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::organizations::view::okrug_ref;
use crate::region::{LatLon, RegionCatalog};
use crate::search::engine::distance_km;

use super::{Match, SHOWN};

/// One side of a match as stored.
#[derive(Debug, sqlx::FromRow)]
struct Side {
    organization_id: i64,
    slug: String,
    name: String,
    okrug_id: i64,
    lat: f64,
    lon: f64,
    title: String,
}

/// At most this many rows of one kind are ranked (the nearest come from them).
const RANKED: i64 = 5_000;

/// Published organizations other than `except` that offer `kind`, nearest to `from` first.
pub async fn offering(
    db: &Db,
    region: &RegionCatalog,
    kind: &str,
    from: LatLon,
    except: i64,
    i18n: &I18n,
) -> sqlx::Result<Vec<Match>> {
    let rows: Vec<Side> = sqlx::query_as(
        "select o.id as organization_id, o.slug, o.name, o.okrug_id, o.lat, o.lon, f.title
         from offer f join organization o on o.id = f.organization_id
         where o.region_id = ? and o.status = 'published' and f.kind = ? and o.id <> ?
         order by f.id limit ?",
    )
    .bind(region.id)
    .bind(kind)
    .bind(except)
    .bind(RANKED)
    .fetch_all(db)
    .await?;
    Ok(nearest(rows, region, from, i18n))
}

/// Open needs of `kind` (still needed, not past their date on `today`) of published
/// organizations other than `except`, nearest to `from` first.
pub async fn needing(
    db: &Db,
    region: &RegionCatalog,
    kind: &str,
    from: LatLon,
    except: i64,
    today: &str,
    i18n: &I18n,
) -> sqlx::Result<Vec<Match>> {
    let rows: Vec<Side> = sqlx::query_as(
        "select o.id as organization_id, o.slug, o.name, o.okrug_id, o.lat, o.lon, n.title
         from need n join organization o on o.id = n.organization_id
         where o.region_id = ? and o.status = 'published' and n.kind = ? and o.id <> ?
           and n.active = 1 and (n.until is null or n.until >= ?)
         order by n.id limit ?",
    )
    .bind(region.id)
    .bind(kind)
    .bind(except)
    .bind(today)
    .bind(RANKED)
    .fetch_all(db)
    .await?;
    Ok(nearest(rows, region, from, i18n))
}

/// The [`SHOWN`] nearest, one per organization.
fn nearest(rows: Vec<Side>, region: &RegionCatalog, from: LatLon, i18n: &I18n) -> Vec<Match> {
    let mut ranked: Vec<(f64, Side)> = rows
        .into_iter()
        .map(|r| {
            (
                distance_km(
                    from,
                    LatLon {
                        lat: r.lat,
                        lon: r.lon,
                    },
                ),
                r,
            )
        })
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    let mut seen = std::collections::HashSet::new();
    ranked
        .into_iter()
        .filter(|(_, r)| seen.insert(r.organization_id))
        .take(SHOWN)
        .map(|(km, r)| Match {
            url: org_url(r.organization_id, &r.slug),
            okrug: okrug_ref(region, r.okrug_id, i18n).name,
            organization: r.name,
            title: r.title,
            km: km.round() as u32,
        })
        .collect()
}
