//! Builds the localized view models pages render, from stored rows and the region catalog.

use chrono::{NaiveDate, NaiveDateTime};

use super::store::{CardRow, OrganizationRecord};
use super::{
    minimap, org_url, ArchivedView, ContactKind, ContactView, Cost, EventView, FreshnessView,
    NeedView, OrgCard, OrganizationPage, ServiceView, VerificationMethod, VerificationView,
};
use crate::freshness::{ago, last_alive, last_sign_of_life, unix};
use crate::i18n::I18n;
use crate::region::{LatLon, OkrugRef, RegionCatalog};
use crate::taxonomy::{TermLabel, Vocabulary};

/// The okrug link for an okrug id (an unknown id gives an empty reference).
pub fn okrug_ref(catalog: &RegionCatalog, okrug_id: i64, i18n: &I18n) -> OkrugRef {
    catalog
        .okrug_by_id(okrug_id)
        .map(|o| OkrugRef {
            slug: o.slug.clone(),
            name: o.name.get(i18n.locale).to_owned(),
        })
        .unwrap_or_else(|| OkrugRef {
            slug: String::new(),
            name: String::new(),
        })
}

/// A list card. `term_ids` are the organization's taxonomy links.
pub fn card(catalog: &RegionCatalog, row: CardRow, term_ids: &[i64], i18n: &I18n) -> OrgCard {
    let tax = &catalog.taxonomy;
    let last = last_alive(
        &row.updated_at,
        row.confirmed_at.as_deref(),
        row.verified_at.as_deref(),
    );
    let freshness = catalog.policy.thresholds(chrono::Utc::now()).state(last);
    OrgCard {
        id: row.id,
        url: org_url(row.id, &row.slug),
        kind_label: tax.label(Vocabulary::OrgKind, &row.kind, i18n.locale),
        okrug: okrug_ref(catalog, row.okrug_id, i18n),
        directions: tax.labels_of_ids(Vocabulary::Direction, term_ids, i18n.locale),
        audiences: tax.labels_of_ids(Vocabulary::Audience, term_ids, i18n.locale),
        verified: row.verified_at.is_some(),
        name: row.name,
        settlement: row.settlement,
        summary: row.summary,
        snippet_html: None,
        distance_km: None,
        at: None,
        is_demo: row.is_demo,
        freshness,
    }
}

/// "5 декабря 2026, 14:00" (the time is left out when it is midnight).
fn when(i18n: &I18n, starts_at: &str, ends_at: Option<&str>) -> String {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
    let Some(start) = parse(starts_at) else {
        return starts_at.to_owned();
    };
    let one = |dt: NaiveDateTime| {
        let date = i18n.date(dt.date());
        if dt.time() == chrono::NaiveTime::MIN {
            date
        } else {
            format!("{date}, {}", dt.format("%H:%M"))
        }
    };
    match ends_at.and_then(parse) {
        Some(end) if end.date() != start.date() => format!("{} — {}", one(start), one(end)),
        _ => one(start),
    }
}

/// An event as people read it: the time in words, the format's label, the calendar's parts.
pub fn event_view(
    tax: &crate::taxonomy::Taxonomy,
    i18n: &I18n,
    e: super::store::EventRow,
) -> EventView {
    EventView {
        when: when(i18n, &e.starts_at, e.ends_at.as_deref()),
        format: e
            .format_term_id
            .and_then(|id| tax.by_id(id))
            .map(|(_, t)| TermLabel {
                code: t.code.clone(),
                label: t.label.get(i18n.locale).to_owned(),
            }),
        title: e.title,
        description: e.description,
        place: e.place,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        online: e.online,
        registration_url: e.registration_url,
        registration_phone: e.registration_phone,
        report: e.report,
        point: e.point_lat.zip(e.point_lon),
        uid: e.uid,
        photos: vec![],
    }
}

/// A stored date or timestamp (`YYYY-MM-DD…`) as a readable date.
pub fn date_text(i18n: &I18n, stamp: &str) -> String {
    stamp
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| i18n.date(d))
        .unwrap_or_else(|| stamp.to_owned())
}

/// The whole organization page.
pub fn page(catalog: &RegionCatalog, rec: OrganizationRecord, i18n: &I18n) -> OrganizationPage {
    let tax = &catalog.taxonomy;
    let loc = i18n.locale;
    let o = rec.org;
    let location = LatLon {
        lat: o.lat,
        lon: o.lon,
    };
    let minimap = catalog
        .okrug_by_id(o.okrug_id)
        .map(|okrug| minimap::draw(okrug, Some(location)))
        .unwrap_or_else(|| super::MiniMap {
            view_box: "0 0 1 1".into(),
            outline: String::new(),
            point: None,
        });
    let contacts = rec
        .contacts
        .into_iter()
        .filter_map(|c| {
            let kind = ContactKind::parse(&c.kind)?;
            Some(ContactView {
                kind,
                href: kind.href(&c.value),
                value: c.value,
            })
        })
        .collect();
    let services = rec
        .services
        .into_iter()
        .map(|(s, audience_ids)| ServiceView {
            audiences: tax.labels_of_ids(Vocabulary::Audience, &audience_ids, loc),
            cost: Cost::parse(&s.cost).unwrap_or(Cost::Free),
            name: s.name,
            description: s.description,
            how_to_apply: s.how_to_apply,
            schedule: s.schedule,
        })
        .collect();
    let upcoming_events = rec
        .events
        .into_iter()
        .map(|e| event_view(tax, i18n, e))
        .collect();
    // Only open needs are shown: met ones and those past their date stay in the record.
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let needs = rec
        .needs
        .into_iter()
        .enumerate()
        .filter(|(_, n)| n.open_on(&today))
        .map(|(i, n)| NeedView {
            kind: TermLabel {
                label: tax.label(Vocabulary::NeedKind, &n.kind, loc),
                code: n.kind,
            },
            until: n.until.as_deref().map(|d| date_text(i18n, d)),
            title: n.title,
            description: n.description,
            number: i + 1,
            helpers: vec![],
        })
        .collect();
    let offers = rec
        .offers
        .into_iter()
        .map(|f| super::OfferView {
            kind: TermLabel {
                label: tax.label(Vocabulary::NeedKind, &f.kind, loc),
                code: f.kind,
            },
            title: f.title,
            description: f.description,
            answers: vec![],
        })
        .collect();
    let now = chrono::Utc::now();
    let (updated, confirmed) = (unix(&o.updated_at), o.confirmed_at.as_deref().map(unix));
    let verified = rec.verification.as_ref().map(|v| unix(&v.verified_at));
    let freshness = catalog.policy.thresholds(now).state(last_sign_of_life(
        updated,
        confirmed.unwrap_or(0),
        verified.unwrap_or(0),
    ));
    let in_words = |t: i64| ago(i18n, t, now.timestamp());
    let verification = rec.verification.map(|v| VerificationView {
        date: date_text(i18n, &v.verified_at),
        method_label: VerificationMethod::parse(&v.method)
            .map(|m| i18n.t(&m.label_key()))
            .unwrap_or(v.method),
        note: v.note,
    });
    OrganizationPage {
        id: o.id,
        url: org_url(o.id, &o.slug),
        kind: o.kind.clone(),
        kind_label: tax.label(Vocabulary::OrgKind, &o.kind, loc),
        legal_form_label: o
            .legal_form
            .as_deref()
            .map(|f| tax.label(Vocabulary::LegalForm, f, loc)),
        okrug: okrug_ref(catalog, o.okrug_id, i18n),
        directions: tax.labels_of_ids(Vocabulary::Direction, &rec.term_ids, loc),
        audiences: tax.labels_of_ids(Vocabulary::Audience, &rec.term_ids, loc),
        event_formats: tax.labels_of_ids(Vocabulary::EventFormat, &rec.term_ids, loc),
        updated: date_text(i18n, &o.updated_at),
        freshness: FreshnessView {
            state: freshness,
            updated_ago: in_words(updated),
            confirmed: o
                .confirmed_at
                .as_deref()
                .zip(confirmed)
                .map(|(d, t)| format!("{} ({})", in_words(t), date_text(i18n, d))),
            verified_ago: verified.map(in_words),
        },
        name: o.name,
        settlement: o.settlement,
        address: o.address,
        lat: o.lat,
        lon: o.lon,
        approximate: o.location_approximate,
        contacts,
        summary: o.summary,
        description: o.description,
        services,
        upcoming_events,
        past_events: vec![],
        needs,
        offers,
        inn: o.inn,
        ogrn: o.ogrn,
        verification,
        minimap,
        is_demo: o.is_demo,
        status: o.status,
        archived: (o.status == crate::kinds::OrgStatus::Archived).then(|| ArchivedView {
            since: o
                .archived_at
                .as_deref()
                .map(|d| date_text(i18n, d))
                .unwrap_or_default(),
            note: o.archive_note.clone(),
        }),
        moderation_note: String::new(),
        logo_url: None,
        can_edit: false,
        helper_orgs: vec![],
        partners: vec![],
        can_manage: false,
    }
}
