//! Every SQL statement of search: the projections the index and the in-memory table are
//! built from (streamed, one query per part, for 100,000 organizations), and the small
//! questions the watcher and the consistency check ask.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use sqlx::Row;

use super::index::IndexDoc;
use super::table::{flag, mercator, unix, OrgRow, Positions};
use crate::db::Db;
use crate::region::{LatLon, RegionCatalog};
use crate::taxonomy::Vocabulary;

/// (id, version) of every published organization of the region, by id.
pub async fn published_versions(db: &Db, region_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select id, version from organization where region_id = ? and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// The ids of every published organization of the region, in order.
pub async fn published_ids(db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = ? and status = 'published' order by id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// How many organizations of the region are published.
pub async fn published_count(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from organization where region_id = ? and status = 'published'",
    )
    .bind(region_id)
    .fetch_one(db)
    .await
}

/// The newest `updated_at` of the region's organizations, and which ones carry it.
pub async fn newest_change(db: &Db, region_id: i64) -> sqlx::Result<(String, Vec<i64>)> {
    let last: Option<String> =
        sqlx::query_scalar("select max(updated_at) from organization where region_id = ?")
            .bind(region_id)
            .fetch_one(db)
            .await?;
    let last = last.unwrap_or_default();
    let ids =
        sqlx::query_scalar("select id from organization where region_id = ? and updated_at = ?")
            .bind(region_id)
            .bind(&last)
            .fetch_all(db)
            .await?;
    Ok((last, ids))
}

/// (id, updated_at) of the region's organizations changed at or after `since`.
pub async fn changed_since(
    db: &Db,
    region_id: i64,
    since: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "select id, updated_at from organization where region_id = ? and updated_at >= ?",
    )
    .bind(region_id)
    .bind(since)
    .fetch_all(db)
    .await
}

/// Loads every published organization of the region (or only `ids`, for updates).
#[tracing::instrument(skip_all, err)]
pub async fn table_rows(
    db: &Db,
    catalog: &RegionCatalog,
    ids: Option<&[i64]>,
) -> sqlx::Result<Vec<OrgRow>> {
    let pos = Positions::new(catalog);
    // Needs past their "до" date no longer count (the flag follows at the next refresh).
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let id_filter = ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    let mut rows = sqlx::query(
        "select o.id, o.slug, o.name, o.sort_name, o.summary, o.settlement, o.kind, o.okrug_id, o.lat, o.lon,
                o.location_approximate, o.is_demo, o.updated_at, o.confirmed_at,
                (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at,
                exists (select 1 from need n where n.organization_id = o.id and n.active = 1 and (n.until is null or n.until >= ?)) as has_needs,
                exists (select 1 from need n where n.organization_id = o.id and n.active = 1 and (n.until is null or n.until >= ?) and n.kind = 'volunteers') as wants_volunteers
         from organization o
         where o.region_id = ? and o.status = 'published'
           and (? is null or o.id in (select value from json_each(?)))",
    )
    .bind(&today)
    .bind(&today)
    .bind(catalog.id)
    .bind(&id_filter)
    .bind(&id_filter)
    .fetch(db);
    // Streamed one row at a time: collecting 100,000 full rows first left ~300 MB of
    // freed buffers pinned between the table's own strings (measured with VmRSS).
    let mut out = Vec::new();
    let mut index = HashMap::new();
    while let Some(r) = rows.try_next().await? {
        let row = row_from(&r, &pos)?;
        index.insert(row.id, out.len());
        out.push(row);
    }
    drop(rows);
    let mut links = sqlx::query_as::<_, (i64, i64)>(
        "select ot.organization_id, ot.term_id from organization_term ot join organization o on o.id = ot.organization_id
         where o.region_id = ? and o.status = 'published' and (? is null or o.id in (select value from json_each(?)))",
    )
    .bind(catalog.id)
    .bind(&id_filter)
    .bind(&id_filter)
    .fetch(db);
    while let Some((org, term)) = links.try_next().await? {
        if let Some(&i) = index.get(&org) {
            pos.set_term(&mut out[i], term);
        }
    }
    out.shrink_to_fit();
    Ok(out)
}

fn row_from(r: &sqlx::sqlite::SqliteRow, pos: &Positions) -> sqlx::Result<OrgRow> {
    let mut flags = 0;
    let verified_at: Option<String> = r.try_get("verified_at")?;
    for (on, f) in [
        (verified_at.is_some(), flag::VERIFIED),
        (r.try_get::<bool, _>("has_needs")?, flag::HAS_NEEDS),
        (
            r.try_get::<bool, _>("wants_volunteers")?,
            flag::ACCEPTS_VOLUNTEERS,
        ),
        (
            r.try_get::<bool, _>("location_approximate")?,
            flag::APPROXIMATE,
        ),
        (r.try_get::<bool, _>("is_demo")?, flag::DEMO),
    ] {
        if on {
            flags |= f;
        }
    }
    let kind: String = r.try_get("kind")?;
    let okrug_id: i64 = r.try_get("okrug_id")?;
    let at = LatLon {
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
    };
    Ok(OrgRow {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        summary: r.try_get("summary")?,
        settlement: r.try_get("settlement")?,
        kind: pos.kinds.get(&kind).copied().unwrap_or(u8::MAX),
        okrug: pos.okrugs.get(&okrug_id).copied().unwrap_or(u8::MAX),
        directions: 0,
        audiences: 0,
        event_formats: 0,
        flags,
        at,
        merc: mercator(at),
        name_rank: 0,
        sort_name: r.try_get("sort_name")?,
        updated_at: unix(&r.try_get::<String, _>("updated_at")?),
        verified_at: verified_at.as_deref().map(unix).unwrap_or(0),
        confirmed_at: r
            .try_get::<Option<String>, _>("confirmed_at")?
            .as_deref()
            .map_or(0, unix),
    })
}

/// Appends `s` to `out` with a separating newline.
fn push(out: &mut String, s: &str) {
    if !s.trim().is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(s);
    }
}

/// Loads the text of every published organization (or only `ids`) from the database.
#[tracing::instrument(skip_all, err)]
pub async fn index_docs(
    db: &Db,
    catalog: &RegionCatalog,
    ids: Option<&[i64]>,
) -> anyhow::Result<Vec<IndexDoc>> {
    let filter = ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    let scope = "o.region_id = ? and o.status = 'published' and (? is null or o.id in (select value from json_each(?)))";
    let mut docs: Vec<IndexDoc> = vec![];
    let mut at: HashMap<i64, usize> = HashMap::new();
    let sql = format!(
        "select o.id, o.version, o.name, o.summary, o.description, o.settlement, o.address, o.okrug_id, o.kind, o.legal_form
         from organization o where {scope}"
    );
    for r in sqlx::query(&sql)
        .bind(catalog.id)
        .bind(&filter)
        .bind(&filter)
        .fetch_all(db)
        .await?
    {
        let id: i64 = r.try_get("id")?;
        let mut d = IndexDoc {
            id,
            version: r.try_get("version")?,
            name: r.try_get("name")?,
            ..Default::default()
        };
        push(&mut d.body, r.try_get("summary")?);
        push(&mut d.body, r.try_get("description")?);
        push(&mut d.place, r.try_get("settlement")?);
        push(&mut d.place, r.try_get("address")?);
        if let Some(o) = catalog.okrug_by_id(r.try_get("okrug_id")?) {
            for text in [&o.name, &o.full_name, &o.admin_center] {
                text.0.values().for_each(|v| push(&mut d.place, v));
            }
        }
        let tax = &catalog.taxonomy;
        let kind: String = r.try_get("kind")?;
        let legal_form: Option<String> = r.try_get("legal_form")?;
        for (vocab, code) in [
            (Vocabulary::OrgKind, Some(kind)),
            (Vocabulary::LegalForm, legal_form),
        ] {
            if let Some(t) = code.and_then(|c| tax.by_code(vocab, &c)) {
                t.label.0.values().for_each(|v| push(&mut d.labels, v));
            }
        }
        at.insert(id, docs.len());
        docs.push(d);
    }
    add_parts(db, catalog, &filter, scope, &mut docs, &at).await?;
    Ok(docs)
}

/// Adds services, events, needs and taxonomy labels to the loaded documents.
async fn add_parts(
    db: &Db,
    catalog: &RegionCatalog,
    filter: &Option<String>,
    scope: &str,
    docs: &mut [IndexDoc],
    at: &HashMap<i64, usize>,
) -> anyhow::Result<()> {
    let parts = [
        // Cost words go in too, so "бесплатно" finds free services.
        "select s.organization_id, s.name || '. ' || s.description || ' ' ||
           case s.cost when 'free' then 'бесплатно' when 'partly' then 'частично платно' else 'платно' end
         from service s join organization o on o.id = s.organization_id",
        "select e.organization_id, e.title || '. ' || e.description || ' ' || e.place
         from event e join organization o on o.id = e.organization_id",
        "select n.organization_id, n.title || '. ' || n.description
         from need n join organization o on o.id = n.organization_id where n.active = 1 and",
    ];
    for sql in parts {
        let joiner = if sql.ends_with(" and") {
            " "
        } else {
            " where "
        };
        let sql = format!("{sql}{joiner}{scope}");
        let rows: Vec<(i64, String)> = sqlx::query_as(&sql)
            .bind(catalog.id)
            .bind(filter)
            .bind(filter)
            .fetch_all(db)
            .await?;
        for (org, text) in rows {
            if let Some(&i) = at.get(&org) {
                push(&mut docs[i].body, &text);
            }
        }
    }
    let sql = format!(
        "select ot.organization_id, ot.term_id from organization_term ot join organization o on o.id = ot.organization_id where {scope}"
    );
    let links: Vec<(i64, i64)> = sqlx::query_as(&sql)
        .bind(catalog.id)
        .bind(filter)
        .bind(filter)
        .fetch_all(db)
        .await?;
    for (org, term) in links {
        if let (Some(&i), Some((_, t))) = (at.get(&org), catalog.taxonomy.by_id(term)) {
            t.label
                .0
                .values()
                .for_each(|v| push(&mut docs[i].labels, v));
        }
    }
    Ok(())
}
