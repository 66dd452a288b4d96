//! The parts of an organization's HSDS rows that hang off its services and its history:
//! services (its own, or one for its activity when it lists none) with their place, area,
//! schedule and attributes; metadata; and the documented extensions (events, needs).

use serde_json::{json, Value};

use super::ids::Kind;
use super::map::{attribute, compact, day, Context, Rows, Shared};
use crate::organizations::store::OrganizationRecord;
use crate::organizations::Cost;
use crate::taxonomy::{Term, Vocabulary};

/// One service to publish, before it becomes rows.
struct Offer {
    /// 0: the organization's own activity; 1…: its listed services in order.
    slot: u32,
    name: String,
    description: String,
    cost: Option<String>,
    apply: String,
    schedule: String,
    audiences: Vec<i64>,
}

fn offers(rec: &OrganizationRecord, org_terms: &[(Vocabulary, &Term)]) -> Vec<Offer> {
    if rec.services.is_empty() {
        let audiences = org_terms
            .iter()
            .filter(|(v, _)| *v == Vocabulary::Audience)
            .map(|(_, t)| t.id)
            .collect();
        return vec![Offer {
            slot: 0,
            name: rec.org.name.clone(),
            description: rec.org.summary.clone(),
            cost: None,
            apply: String::new(),
            schedule: String::new(),
            audiences,
        }];
    }
    rec.services
        .iter()
        .enumerate()
        .map(|(i, (s, audiences))| Offer {
            slot: i as u32 + 1,
            name: s.name.clone(),
            description: s.description.clone(),
            cost: Some(s.cost.clone()),
            apply: s.how_to_apply.clone(),
            schedule: s.schedule.clone(),
            audiences: audiences.clone(),
        })
        .collect()
}

/// The services of `rec` and what hangs from them, into `out`.
pub(super) fn services(
    cx: &Context,
    rec: &OrganizationRecord,
    org_terms: &[(Vocabulary, &Term)],
    sh: &Shared,
    out: &mut Rows,
) {
    let o = &rec.org;
    for offer in offers(rec, org_terms) {
        let sid = cx.ids.service(o.id, offer.slot);
        let fees = offer
            .cost
            .as_deref()
            .and_then(Cost::parse)
            .map(|c| cx.i18n.t(&format!("cost-{}", c.as_str())));
        out.services.push(compact(json!({
            "id": sid,
            "organization_id": sh.org_id,
            "name": offer.name,
            "description": offer.description,
            "url": sh.page,
            "email": sh.email,
            "status": "active",
            "application_process": offer.apply,
            "fees_description": fees,
            "assured_date": sh.assured,
            "last_modified": o.updated_at,
        })));
        out.service_at_locations.push(json!({
            "id": cx.ids.service_at_location(o.id, offer.slot),
            "service_id": sid,
            "location_id": sh.location_id,
        }));
        if let Some((slug, name)) = &sh.okrug {
            out.service_areas.push(json!({
                "id": cx.ids.hashed(Kind::ServiceArea, &[&sid, slug]),
                "service_id": sid,
                "name": name,
                "extent_type": "okrug",
                "uri": format!("{}/okrug/{slug}", cx.site),
            }));
        }
        if !offer.schedule.trim().is_empty() {
            out.schedules.push(json!({
                "id": cx.ids.hashed(Kind::Schedule, &[&sid]),
                "service_id": sid,
                "description": offer.schedule,
            }));
        }
        for id in &offer.audiences {
            if let Some((vocab, t)) = cx.term(*id) {
                out.attributes
                    .push(attribute(cx, &sid, "service", vocab, t));
            }
        }
        for (vocab, t) in org_terms.iter().filter(|(v, _)| *v != Vocabulary::Audience) {
            out.attributes
                .push(attribute(cx, &sid, "service", *vocab, t));
        }
    }
}

/// Upcoming events, open needs and offers of help: documented extensions (`x_events`,
/// `x_needs`, `x_offers`).
pub(super) fn extensions(cx: &Context, rec: &OrganizationRecord, today: &str, out: &mut Rows) {
    let format_code = |id: Option<i64>| id.and_then(|id| cx.term(id)).map(|(_, t)| t.code.clone());
    out.events = rec
        .events
        .iter()
        .filter(|e| {
            let end = e.ends_at.as_deref().unwrap_or(&e.starts_at);
            end.get(..10).unwrap_or_default() >= today
        })
        .map(|e| {
            compact(json!({
                "title": e.title,
                "description": e.description,
                "starts_at": e.starts_at,
                "ends_at": e.ends_at,
                "place": e.place,
                "latitude": e.point_lat,
                "longitude": e.point_lon,
                "event_format": format_code(e.format_term_id),
            }))
        })
        .collect();
    out.needs = rec
        .needs
        .iter()
        .filter(|n| n.open_on(today))
        .map(|n| {
            compact(json!({
                "need_kind": n.kind,
                "title": n.title,
                "description": n.description,
                "until": n.until,
            }))
        })
        .collect();
    out.offers = rec
        .offers
        .iter()
        .map(|f| {
            compact(json!({
                "need_kind": f.kind,
                "title": f.title,
                "description": f.description,
            }))
        })
        .collect();
}

/// The organization's history as HSDS metadata: created, last saved (its version), last
/// confirmed by the organization itself, last checked by staff. Who exactly is never said.
pub(super) fn metadata(cx: &Context, rec: &OrganizationRecord, org_id: &str) -> Vec<Value> {
    let o = &rec.org;
    let mut out = Vec::new();
    let mut row =
        |action: &str, date: &str, field: &str, before: String, after: String, by: &str| {
            out.push(json!({
                "id": cx.ids.hashed(Kind::Metadata, &[org_id, action]),
                "resource_id": org_id,
                "resource_type": "organization",
                "last_action_date": day(date),
                "last_action_type": action,
                "field_name": field,
                "previous_value": before,
                "replacement_value": after,
                "updated_by": by,
            }));
        };
    row(
        "create",
        &o.created_at,
        "organization",
        "none".into(),
        "published".into(),
        "poputchiki",
    );
    if o.version > 1 {
        row(
            "update",
            &o.updated_at,
            "version",
            (o.version - 1).to_string(),
            o.version.to_string(),
            "poputchiki",
        );
    }
    if let Some(at) = &o.confirmed_at {
        row(
            "confirm",
            at,
            "confirmed_at",
            "none".into(),
            day(at),
            "organization",
        );
    }
    if let Some(v) = &rec.verification {
        row(
            "verify",
            &v.verified_at,
            "assured_date",
            "none".into(),
            day(&v.verified_at),
            &format!("staff ({})", v.method),
        );
    }
    out
}
