//! Data access for editing: reading an organization back into the form's input shape,
//! saving with optimistic concurrency, proposals, revisions, moderation, verification and
//! error reports.

use std::collections::HashMap;

mod review;
pub use review::*;

use crate::db::Tx;

use crate::db::{now, Db};
use crate::kinds::OrgStatus;
use crate::organizations::input::{
    EventInput, NeedInput, OfferInput, OrganizationInput, ServiceInput,
};
use crate::organizations::store::{
    self, ContactRow, EventRow, NeedRow, OfferRow, OrganizationRecord, OrganizationRow, ServiceRow,
};
use crate::organizations::validate::ValidOrganization;
use crate::region::RegionCatalog;
use crate::taxonomy::Vocabulary;

/// An organization as the edit form starts from it, with the facts around it.
#[derive(Clone, Debug)]
pub struct Editable {
    pub input: OrganizationInput,
    pub row: OrganizationRow,
    pub logo: Option<String>,
    pub moderation_note: String,
}

fn code_of(catalog: &RegionCatalog, id: i64) -> Option<(Vocabulary, String)> {
    catalog.taxonomy.by_id(id).map(|(v, t)| (v, t.code.clone()))
}

/// Reads an organization (whatever its status) into the edit form's input shape, through
/// the one read path ([`store::read`]).
pub async fn load_editable(
    db: &Db,
    catalog: &RegionCatalog,
    id: i64,
) -> sqlx::Result<Option<Editable>> {
    let Some(rec) = store::read(db, id, false, store::Events::All).await? else {
        return Ok(None);
    };
    Ok(Some(Editable {
        input: input_of(&rec, catalog),
        logo: rec.org.logo.clone(),
        moderation_note: rec.org.moderation_note.clone(),
        row: rec.org,
    }))
}

/// Events as the read path returns them: by start time (a stable sort keeps the file's
/// order among events at the same time, as their ids do).
fn events_in_read_order(v: &ValidOrganization) -> Vec<EventRow> {
    let mut events: Vec<EventRow> = v
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| EventRow {
            title: e.title.clone(),
            description: e.description.clone(),
            starts_at: e.starts_at.clone(),
            ends_at: e.ends_at.clone(),
            place: e.place.clone(),
            format_term_id: e.format_term_id,
            uid: crate::organizations::store::event_uid(&v.slug, i, e),
            registration_url: e.registration_url.clone(),
            registration_phone: e.registration_phone,
            online: e.online,
            report: e.report.clone(),
            point_lat: e.point.map(|p| p.0),
            point_lon: e.point.map(|p| p.1),
        })
        .collect();
    events.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
    events
}

/// A checked organization as the one write path stores it, in the read path's shape (ids,
/// versions and dates are left empty): what a save will leave in the database.
pub fn record_of(v: &ValidOrganization) -> OrganizationRecord {
    let mut term_ids = v.term_ids.clone();
    term_ids.sort_unstable();
    OrganizationRecord {
        org: OrganizationRow {
            id: 0,
            region_id: 0,
            okrug_id: v.okrug_id,
            slug: v.slug.clone(),
            name: v.name.clone(),
            sort_name: crate::text::collation_key(&v.name),
            kind: v.kind.clone(),
            legal_form: v.legal_form.clone(),
            inn: v.inn.clone(),
            ogrn: v.ogrn.clone(),
            summary: v.summary.clone(),
            description: v.description.clone(),
            address: v.address.clone(),
            settlement: v.settlement.clone(),
            lat: v.location.lat,
            lon: v.location.lon,
            location_approximate: v.approximate,
            status: OrgStatus::default(),
            is_demo: v.is_demo,
            version: 0,
            created_at: String::new(),
            updated_at: String::new(),
            logo: None,
            moderation_note: String::new(),
            confirmed_at: None,
            archived_at: None,
            archive_note: String::new(),
        },
        term_ids,
        contacts: v
            .contacts
            .iter()
            .map(|(kind, value)| ContactRow {
                kind: kind.as_str().to_owned(),
                value: value.clone(),
            })
            .collect(),
        services: v
            .services
            .iter()
            .map(|s| {
                let mut audiences = s.audience_term_ids.clone();
                audiences.sort_unstable();
                let row = ServiceRow {
                    id: 0,
                    name: s.name.clone(),
                    description: s.description.clone(),
                    cost: s.cost.as_str().to_owned(),
                    how_to_apply: s.how_to_apply.clone(),
                    schedule: s.schedule.clone(),
                };
                (row, audiences)
            })
            .collect(),
        events: events_in_read_order(v),
        needs: v
            .needs
            .iter()
            .map(|n| NeedRow {
                kind: n.kind.clone(),
                title: n.title.clone(),
                description: n.description.clone(),
                active: !n.met,
                until: n.until.clone(),
            })
            .collect(),
        offers: v
            .offers
            .iter()
            .map(|f| OfferRow {
                kind: f.kind.clone(),
                title: f.title.clone(),
                description: f.description.clone(),
            })
            .collect(),
        ties: vec![],
        verification: None,
    }
}

/// A stored organization in the input shape: what the edit form starts from and what a
/// revision of it records. The inverse of validation, field for field (the "every field"
/// round-trip test in tests/editing_flows.rs holds them together).
pub fn input_of(rec: &OrganizationRecord, catalog: &RegionCatalog) -> OrganizationInput {
    let row = &rec.org;
    let code = |t: &i64| code_of(catalog, *t);
    let mut input = OrganizationInput {
        name: row.name.clone(),
        kind: row.kind.clone(),
        legal_form: row.legal_form.clone().unwrap_or_default(),
        okrug: catalog
            .okrug_by_id(row.okrug_id)
            .map(|o| o.slug.clone())
            .unwrap_or_default(),
        settlement: row.settlement.clone(),
        address: row.address.clone(),
        // An approximate point is the okrug's centre: the form shows no coordinates, so
        // saving keeps it approximate.
        lat: (!row.location_approximate).then_some(row.lat),
        lon: (!row.location_approximate).then_some(row.lon),
        inn: row.inn.clone().unwrap_or_default(),
        ogrn: row.ogrn.clone().unwrap_or_default(),
        summary: row.summary.clone(),
        description: row.description.clone(),
        demo: row.is_demo,
        ..Default::default()
    };
    if !row.location_approximate {
        input.okrug.clear();
    }
    for (vocab, code) in rec.term_ids.iter().filter_map(code) {
        match vocab {
            Vocabulary::Direction => input.directions.push(code),
            Vocabulary::Audience => input.audiences.push(code),
            Vocabulary::EventFormat => input.event_formats.push(code),
            _ => {}
        }
    }
    let mut by_kind: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in &rec.contacts {
        by_kind.entry(&c.kind).or_default().push(&c.value);
    }
    let mut take = |k: &str| by_kind.remove(k).map(|v| v.join(", ")).unwrap_or_default();
    input.phone = take("phone");
    input.email = take("email");
    input.website = take("website");
    input.vk = take("vk");
    input.ok = take("ok");
    input.telegram = take("telegram");
    input.services = rec
        .services
        .iter()
        .map(|(s, audiences)| ServiceInput {
            name: s.name.clone(),
            description: s.description.clone(),
            audiences: audiences.iter().filter_map(code).map(|(_, c)| c).collect(),
            cost: s.cost.clone(),
            how_to_apply: s.how_to_apply.clone(),
            schedule: s.schedule.clone(),
        })
        .collect();
    input.events = rec
        .events
        .iter()
        .map(|e| EventInput {
            title: e.title.clone(),
            description: e.description.clone(),
            starts_at: e.starts_at.clone(),
            ends_at: e.ends_at.clone().unwrap_or_default(),
            place: e.place.clone(),
            format: e
                .format_term_id
                .as_ref()
                .and_then(code)
                .map(|(_, c)| c)
                .unwrap_or_default(),
            uid: e.uid.clone(),
            registration_url: e.registration_url.clone(),
            registration_phone: e.registration_phone,
            online: e.online,
            report: e.report.clone(),
            point: crate::organizations::validate::point_text(e.point_lat, e.point_lon),
        })
        .collect();
    input.needs = rec
        .needs
        .iter()
        .map(|n| NeedInput {
            kind: n.kind.clone(),
            title: n.title.clone(),
            description: n.description.clone(),
            met: !n.active,
            until: n.until.clone().unwrap_or_default(),
        })
        .collect();
    input.offers = rec
        .offers
        .iter()
        .map(|f| OfferInput {
            kind: f.kind.clone(),
            title: f.title.clone(),
            description: f.description.clone(),
        })
        .collect();
    input
}

/// Which of the organization's ИНН/ОГРН another organization of the region already has.
pub async fn identifiers_taken(
    db: &Db,
    region_id: i64,
    o: &ValidOrganization,
    except: Option<i64>,
) -> sqlx::Result<Vec<&'static str>> {
    identifiers_taken_except(db, region_id, o, except.as_slice()).await
}

/// Which of the organization's ИНН/ОГРН an organization of the region other than `except`
/// already has (a merge frees the second record's numbers in its own transaction).
pub async fn identifiers_taken_except(
    db: &Db,
    region_id: i64,
    o: &ValidOrganization,
    except: &[i64],
) -> sqlx::Result<Vec<&'static str>> {
    let mut taken = vec![];
    for (field, sql, value) in [
        (
            "inn",
            "select id from organization where region_id = $1 and inn = $2",
            &o.inn,
        ),
        (
            "ogrn",
            "select id from organization where region_id = $1 and ogrn = $2",
            &o.ogrn,
        ),
    ] {
        let Some(value) = value else { continue };
        let holders: Vec<i64> = sqlx::query_scalar(sql)
            .bind(region_id)
            .bind(value)
            .fetch_all(db)
            .await?;
        if holders.iter().any(|id| !except.contains(id)) {
            taken.push(field);
        }
    }
    Ok(taken)
}

/// Saves an edit if the stored version is still `base_version`: the new version, or `None`
/// when someone else saved in between (nothing is written then).
pub async fn update_if_version(
    tx: &mut Tx<'_>,
    id: i64,
    base_version: i64,
    o: &ValidOrganization,
    new_status: Option<OrgStatus>,
) -> sqlx::Result<Option<i64>> {
    let how = store::Write::Update {
        id,
        base_version: Some(base_version),
        status: new_status,
        is_demo: None,
    };
    Ok(store::write(tx, o, how).await?.map(|(_, version)| version))
}

/// Stores a proposed organization, unpublished until staff approve it, with its proposer as
/// its first editor.
pub async fn insert_pending(
    tx: &mut Tx<'_>,
    region_id: i64,
    o: &ValidOrganization,
    proposed_by: i64,
) -> sqlx::Result<i64> {
    let how = store::Write::Insert {
        region_id,
        status: OrgStatus::Pending,
        is_demo: false,
        proposed_by: Some(proposed_by),
    };
    let (id, _) = store::write(tx, o, how)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let ts = now();
    sqlx::query(
        "insert into membership (account_id, organization_id, added_by, created_at, updated_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(proposed_by)
    .bind(id)
    .bind(proposed_by)
    .bind(&ts)
    .bind(&ts)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}
