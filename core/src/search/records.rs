//! Search's two caches built from the one read path of an organization
//! (`organizations::store::read_ahead`, a batch of 500 at a time): the in-memory table's
//! rows (from the listing's parts) and the index's documents (from every part). Search
//! has no reader of its own, so a field added to the read path is there for search too.

use super::index::IndexDoc;
use super::table::{flag, mercator, unix, OrgRow, Positions};
use crate::db::Db;
use crate::organizations::store::{self as org_store, Events, OrganizationRecord, Parts};
use crate::region::{LatLon, RegionCatalog};
use crate::taxonomy::Vocabulary;
use crate::text::LocalizedText;

/// The region's published organizations among `ids`, or all of them.
async fn scope(db: &Db, catalog: &RegionCatalog, ids: Option<&[i64]>) -> sqlx::Result<Vec<i64>> {
    match ids {
        Some(ids) => Ok(ids.to_vec()),
        None => super::store::published_ids(db, catalog.id).await,
    }
}

/// Reads `ids` through the one read path and keeps the region's published ones.
async fn each_record(
    db: &Db,
    catalog: &RegionCatalog,
    ids: Vec<i64>,
    parts: Parts<'static>,
    mut f: impl FnMut(OrganizationRecord),
) -> sqlx::Result<()> {
    let mut batches = org_store::read_ahead(db.clone(), ids, parts);
    while let Some(batch) = batches.recv().await {
        for rec in batch? {
            if rec.org.region_id == catalog.id {
                f(rec);
            }
        }
    }
    Ok(())
}

/// The table's rows of every published organization of the region (or only `ids`, for
/// updates), read with the listing's parts.
#[tracing::instrument(skip_all, err)]
pub async fn table_rows(
    db: &Db,
    catalog: &RegionCatalog,
    ids: Option<&[i64]>,
) -> sqlx::Result<Vec<OrgRow>> {
    let pos = Positions::new(catalog);
    // Needs past their "до" date no longer count (the flag follows at the next refresh).
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let ids = scope(db, catalog, ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    each_record(db, catalog, ids, Parts::Listing, |rec| {
        out.push(row_of(&rec, &pos, &today))
    })
    .await?;
    out.shrink_to_fit();
    Ok(out)
}

/// The index documents of every published organization of the region (or only `ids`),
/// read with every part.
#[tracing::instrument(skip_all, err)]
pub async fn index_docs(
    db: &Db,
    catalog: &RegionCatalog,
    ids: Option<&[i64]>,
) -> sqlx::Result<Vec<IndexDoc>> {
    let ids = scope(db, catalog, ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    each_record(db, catalog, ids, Parts::Whole(Events::All), |rec| {
        out.push((rec.org.sort_name.clone(), doc_of(&rec, catalog)))
    })
    .await?;
    // In name order: similar names and texts side by side compress better in the index
    // (74 MB instead of 62 at 100,000 when the documents came in id order).
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, doc)| doc).collect())
}

/// Both, for the organizations `ids` (a refresh after edits): one read.
pub async fn docs_and_rows(
    db: &Db,
    catalog: &RegionCatalog,
    ids: &[i64],
) -> sqlx::Result<(Vec<IndexDoc>, Vec<OrgRow>)> {
    let pos = Positions::new(catalog);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let (mut docs, mut rows) = (vec![], vec![]);
    each_record(
        db,
        catalog,
        ids.to_vec(),
        Parts::Whole(Events::All),
        |rec| {
            docs.push(doc_of(&rec, catalog));
            rows.push(row_of(&rec, &pos, &today));
        },
    )
    .await?;
    Ok((docs, rows))
}

/// The table's row of an organization: codes as positions, flags, dates as Unix seconds.
pub fn row_of(rec: &OrganizationRecord, pos: &Positions, today: &str) -> OrgRow {
    let o = &rec.org;
    let open = |n: &&org_store::NeedRow| n.open_on(today);
    let verified_at = rec.verification.as_ref().map(|v| v.verified_at.as_str());
    let mut flags = 0;
    for (on, f) in [
        (verified_at.is_some(), flag::VERIFIED),
        (rec.needs.iter().any(|n| open(&n)), flag::HAS_NEEDS),
        (
            rec.needs
                .iter()
                .filter(open)
                .any(|n| n.kind == "volunteers"),
            flag::ACCEPTS_VOLUNTEERS,
        ),
        (o.location_approximate, flag::APPROXIMATE),
        (o.is_demo, flag::DEMO),
    ] {
        if on {
            flags |= f;
        }
    }
    let at = LatLon {
        lat: o.lat,
        lon: o.lon,
    };
    let mut row = OrgRow {
        id: o.id,
        slug: o.slug.clone(),
        name: o.name.clone(),
        summary: o.summary.clone(),
        settlement: o.settlement.clone(),
        kind: pos.kinds.get(&o.kind).copied().unwrap_or(u8::MAX),
        okrug: pos.okrugs.get(&o.okrug_id).copied().unwrap_or(u8::MAX),
        directions: 0,
        audiences: 0,
        event_formats: 0,
        offers: 0,
        ties: 0,
        flags,
        at,
        merc: mercator(at),
        name_rank: 0,
        sort_name: o.sort_name.clone(),
        updated_at: unix(&o.updated_at),
        verified_at: verified_at.map_or(0, unix),
        confirmed_at: o.confirmed_at.as_deref().map_or(0, unix),
    };
    for &term in &rec.term_ids {
        pos.set_term(&mut row, term);
    }
    for offer in &rec.offers {
        if let Some(bit) = pos.need_kinds.get(&offer.kind) {
            row.offers |= 1u128 << bit;
        }
    }
    row.ties = ties_of(rec, today);
    row
}

/// The «Попутчики» facet's bits ([`TIE_VALUES`] order).
fn ties_of(rec: &OrganizationRecord, today: &str) -> u8 {
    let mentoring = |inviter: bool| {
        rec.ties
            .iter()
            .any(|t| t.kind == "mentoring" && t.inviter == inviter)
    };
    let seeking = rec
        .needs
        .iter()
        .any(|n| n.kind == "partners" && n.open_on(today));
    [
        seeking,
        !rec.ties.is_empty(),
        mentoring(false),
        mentoring(true),
    ]
    .into_iter()
    .enumerate()
    .fold(0, |bits, (i, on)| if on { bits | 1 << i } else { bits })
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

/// Every language's form of a term's label or an okrug's name.
fn push_all(out: &mut String, text: &LocalizedText) {
    text.0.values().for_each(|v| push(out, v));
}

/// The index document of an organization: its name, its text with services (cost words
/// included, so "бесплатно" finds free services), events and needs still wanted, the place
/// with the okrug's names, and the labels of its kind, legal form and terms.
pub fn doc_of(rec: &OrganizationRecord, catalog: &RegionCatalog) -> IndexDoc {
    let o = &rec.org;
    let mut d = IndexDoc {
        id: o.id,
        version: o.version,
        name: o.name.clone(),
        lat: o.lat,
        lon: o.lon,
        ..Default::default()
    };
    push(&mut d.body, &o.summary);
    push(&mut d.body, &o.description);
    for (s, _) in &rec.services {
        let cost = match s.cost.as_str() {
            "free" => "бесплатно",
            "partly" => "частично платно",
            _ => "платно",
        };
        push(
            &mut d.body,
            &format!("{}. {} {cost}", s.name, s.description),
        );
    }
    for e in &rec.events {
        push(
            &mut d.body,
            &format!("{}. {} {}", e.title, e.description, e.place),
        );
    }
    for n in rec.needs.iter().filter(|n| n.active) {
        push(&mut d.body, &format!("{}. {}", n.title, n.description));
    }
    // What it offers other organizations, with the kind's label ("Консультации специалистов").
    for f in &rec.offers {
        let kind = catalog
            .taxonomy
            .by_code(Vocabulary::NeedKind, &f.kind)
            .map(|t| t.label.get(Default::default()).to_owned())
            .unwrap_or_default();
        push(
            &mut d.body,
            &format!("{}. {} {kind}", f.title, f.description),
        );
    }
    push(&mut d.place, &o.settlement);
    push(&mut d.place, &o.address);
    if let Some(k) = catalog.okrug_by_id(o.okrug_id) {
        for text in [&k.name, &k.full_name, &k.admin_center] {
            push_all(&mut d.place, text);
        }
    }
    let tax = &catalog.taxonomy;
    for (vocab, code) in [
        (Vocabulary::OrgKind, Some(o.kind.as_str())),
        (Vocabulary::LegalForm, o.legal_form.as_deref()),
    ] {
        if let Some(t) = code.and_then(|c| tax.by_code(vocab, c)) {
            push_all(&mut d.labels, &t.label);
        }
    }
    for &term in &rec.term_ids {
        if let Some((_, t)) = tax.by_id(term) {
            push_all(&mut d.labels, &t.label);
        }
    }
    d
}
