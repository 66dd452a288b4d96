//! Matching offers and needs (all SQL here): the organizations that offer a kind of help,
//! or that need it, with their points, ordered by distance from one organization in Rust.

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
    db: impl crate::db::AnyExecutor<'_>,
    region: &RegionCatalog,
    kind: &str,
    from: LatLon,
    except: i64,
    i18n: &I18n,
) -> sqlx::Result<Vec<Match>> {
    let rows = read(db, region.id, kind, except, None).await?;
    Ok(nearest(rows, region, from, i18n))
}

/// Open needs of `kind` (still needed, not past their date on `today`) of published
/// organizations other than `except`, nearest to `from` first.
pub async fn needing(
    db: impl crate::db::AnyExecutor<'_>,
    region: &RegionCatalog,
    kind: &str,
    from: LatLon,
    except: i64,
    today: &str,
    i18n: &I18n,
) -> sqlx::Result<Vec<Match>> {
    let rows = read(db, region.id, kind, except, Some(today)).await?;
    Ok(nearest(rows, region, from, i18n))
}

/// The offers of `kind` (`open_on: None`), or the needs of `kind` open on that day, of the
/// region's published organizations other than `except`.
async fn read(
    db: impl crate::db::AnyExecutor<'_>,
    region_id: i64,
    kind: &str,
    except: i64,
    open_on: Option<&str>,
) -> sqlx::Result<Vec<Side>> {
    let (table, open) = match open_on {
        None => ("offer", ""),
        Some(_) => (
            "need",
            "and p.active = 1 and (p.until is null or p.until >= $5)",
        ),
    };
    // The table name comes from the two above, never from input.
    let sql = format!(
        "select o.id as organization_id, o.slug, o.name, o.okrug_id, o.lat, o.lon, p.title
         from {table} p join organization o on o.id = p.organization_id
         where o.region_id = $1 and o.status = 'published' and p.kind = $2 and o.id <> $3 {open}
         order by p.id limit $4"
    );
    let query = sqlx::query_as(&sql)
        .bind(region_id)
        .bind(kind)
        .bind(except)
        .bind(RANKED);
    match open_on {
        Some(today) => query.bind(today).fetch_all(db).await,
        None => query.fetch_all(db).await,
    }
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
