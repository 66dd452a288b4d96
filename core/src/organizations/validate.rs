//! Turns an [`OrganizationInput`] into a [`ValidOrganization`] or a list of field issues.
//! Every rule a person can break lives here: required fields, known taxonomy codes,
//! ИНН/ОГРН check digits, contacts, and a location inside the region (which also decides
//! the okrug, by point-in-polygon).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::contacts::contact_error;
pub use super::contacts::normalize_contact;
use super::input::{NeedInput, OfferInput, OrganizationInput, ServiceInput, VerificationInput};
use super::{ContactKind, Cost, VerificationMethod};
use crate::error::FieldIssue;
use crate::identifiers::{validate_inn, validate_ogrn};
use crate::region::{LatLon, RegionCatalog};
use crate::taxonomy::Vocabulary;
use crate::text::{one_line, slugify};

pub use super::input::{MAX_NAME, MAX_TEXT};
const MAX_SHORT: usize = 500;

pub use super::input::{
    too_long, MAX_ARCHIVE_NOTE, MAX_DISPLAY_NAME, MAX_REJECTION_REASON, MAX_REPORT,
    MAX_REPORT_CONTACT, MAX_VERIFICATION_NOTE,
};

/// A checked organization, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidOrganization {
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub legal_form: Option<String>,
    pub okrug_id: i64,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub summary: String,
    pub description: String,
    pub settlement: String,
    pub address: String,
    pub location: LatLon,
    pub approximate: bool,
    pub is_demo: bool,
    pub contacts: Vec<(ContactKind, String)>,
    pub term_ids: Vec<i64>,
    pub services: Vec<ValidService>,
    pub events: Vec<ValidEvent>,
    pub needs: Vec<ValidNeed>,
    pub offers: Vec<ValidOffer>,
    pub verification: Option<ValidVerification>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidService {
    pub name: String,
    pub description: String,
    pub cost: Cost,
    pub how_to_apply: String,
    pub schedule: String,
    pub audience_term_ids: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidEvent {
    pub title: String,
    pub description: String,
    /// Local time of the region, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub format_term_id: Option<i64>,
    /// The kept identity, or `None` for a new event (the write path gives it one).
    pub uid: Option<String>,
    pub registration_url: String,
    pub registration_phone: bool,
    pub online: bool,
    pub report: String,
    /// Latitude and longitude.
    pub point: Option<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidNeed {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub met: bool,
    pub until: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidOffer {
    pub kind: String,
    pub title: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidVerification {
    pub method: VerificationMethod,
    pub verified_by: String,
    pub verified_at: String,
    pub note: String,
}

mod events;
pub use events::point_text;
mod placement;

/// Collects issues while checking, so one pass reports every problem in a record.
struct Checker<'a> {
    catalog: &'a RegionCatalog,
    issues: Vec<FieldIssue>,
}

impl Checker<'_> {
    fn issue(&mut self, field: &str, key: &str) {
        self.issues.push(FieldIssue::new(field, key));
    }

    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) -> String {
        let v = value.trim();
        if required && v.is_empty() {
            self.issue(field, "err-required");
        } else if v.chars().count() > max {
            self.issues
                .push(FieldIssue::new(field, "err-too-long").arg("max", max.to_string()));
        }
        v.to_owned()
    }

    /// Resolves codes or labels of one vocabulary to term ids, reporting unknown ones.
    fn terms(&mut self, field: &str, vocab: Vocabulary, values: &[String]) -> Vec<i64> {
        let mut ids = vec![];
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            match self.catalog.taxonomy.find(vocab, v) {
                Some(t) if !ids.contains(&t.id) => ids.push(t.id),
                Some(_) => {}
                None => {
                    let issue = FieldIssue::new(field, "err-unknown-term").arg("value", v);
                    self.issues.push(issue);
                }
            }
        }
        ids
    }

    fn code(
        &mut self,
        field: &str,
        vocab: Vocabulary,
        value: &str,
        required: bool,
    ) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.issue(field, "err-required");
            }
            return None;
        }
        let found = self.catalog.taxonomy.find(vocab, v).map(|t| t.code.clone());
        if found.is_none() {
            self.issues
                .push(FieldIssue::new(field, "err-unknown-term").arg("value", v));
        }
        found
    }
}

/// Checks one organization against the region's okrugs and taxonomy.
pub fn validate(
    input: &OrganizationInput,
    catalog: &RegionCatalog,
) -> Result<ValidOrganization, Vec<FieldIssue>> {
    let mut c = Checker {
        catalog,
        issues: vec![],
    };
    let name = c.text("name", &input.name, MAX_NAME, true);
    let kind = c
        .code("kind", Vocabulary::OrgKind, &input.kind, true)
        .unwrap_or_default();
    let legal_form = c.code(
        "legal_form",
        Vocabulary::LegalForm,
        &input.legal_form,
        false,
    );
    let (inn, ogrn) = identifiers(&mut c, input);
    let location = placement::location(&mut c, input);
    let description = c.text("description", &input.description, MAX_TEXT, false);
    let summary = match c.text("summary", &input.summary, MAX_SHORT, false) {
        s if s.is_empty() => one_line(&description, 160),
        s => s,
    };
    let mut term_ids = c.terms("directions", Vocabulary::Direction, &input.directions);
    term_ids.extend(c.terms("audiences", Vocabulary::Audience, &input.audiences));
    term_ids.extend(c.terms(
        "event_formats",
        Vocabulary::EventFormat,
        &input.event_formats,
    ));
    let contacts = contacts(&mut c, input);
    let services = input
        .services
        .iter()
        .enumerate()
        .filter_map(|(i, s)| service(&mut c, i, s))
        .collect();
    let events = input
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| events::event(&mut c, i, e))
        .collect();
    let events = events::distinct_uids(events);
    let needs = input
        .needs
        .iter()
        .enumerate()
        .filter_map(|(i, n)| need(&mut c, i, n))
        .collect();
    let offers = input
        .offers
        .iter()
        .enumerate()
        .filter_map(|(i, o)| offer(&mut c, i, o))
        .collect();
    let verification = input
        .verification
        .as_ref()
        .and_then(|v| verification(&mut c, v));
    let settlement = c.text("settlement", &input.settlement, MAX_SHORT, false);
    let address = c.text("address", &input.address, MAX_SHORT, false);
    if !c.issues.is_empty() {
        return Err(c.issues);
    }
    let Some((okrug_id, location, approximate)) = location else {
        return Err(vec![FieldIssue::new("okrug", "err-required")]);
    };
    Ok(ValidOrganization {
        slug: slugify(&name),
        name,
        kind,
        legal_form,
        okrug_id,
        inn,
        ogrn,
        summary,
        description,
        settlement,
        address,
        location,
        approximate,
        is_demo: input.demo,
        contacts,
        term_ids,
        services,
        events,
        needs,
        offers,
        verification,
    })
}

fn identifiers(c: &mut Checker, input: &OrganizationInput) -> (Option<String>, Option<String>) {
    let checks_apply = c.catalog.identifier_scheme == "ru";
    let mut one =
        |field: &str,
         raw: &str,
         check: fn(&str) -> Result<String, crate::identifiers::IdentifierError>| {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            if !checks_apply {
                return Some(raw.to_owned());
            }
            match check(raw) {
                Ok(v) => Some(v),
                Err(e) => {
                    c.issues
                        .push(FieldIssue::new(field, e.message_key()).arg("value", raw));
                    None
                }
            }
        };
    (
        one("inn", &input.inn, validate_inn),
        one("ogrn", &input.ogrn, validate_ogrn),
    )
}

fn contacts(c: &mut Checker, input: &OrganizationInput) -> Vec<(ContactKind, String)> {
    let mut out = vec![];
    let fields = [
        (ContactKind::Phone, &input.phone),
        (ContactKind::Email, &input.email),
        (ContactKind::Website, &input.website),
        (ContactKind::Vk, &input.vk),
        (ContactKind::Ok, &input.ok),
        (ContactKind::Telegram, &input.telegram),
    ];
    for (kind, raw) in fields {
        // Several values may share one cell: "8 (35245) 2-13-45, 8 912 000-00-00".
        for value in raw
            .split([';', ','])
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            match normalize_contact(kind, value) {
                Some(v) => out.push((kind, v)),
                None => c
                    .issues
                    .push(FieldIssue::new(kind.as_str(), contact_error(kind)).arg("value", value)),
            }
        }
    }
    out
}

fn service(c: &mut Checker, i: usize, s: &ServiceInput) -> Option<ValidService> {
    let field = |f: &str| format!("services[{}].{f}", i + 1);
    let name = c.text(&field("name"), &s.name, MAX_NAME, true);
    let description = c.text(&field("description"), &s.description, MAX_TEXT, false);
    let cost = Cost::parse(&s.cost);
    if cost.is_none() {
        c.issues
            .push(FieldIssue::new(field("cost"), "err-cost").arg("value", s.cost.trim()));
    }
    let audience_term_ids = c.terms(&field("audiences"), Vocabulary::Audience, &s.audiences);
    Some(ValidService {
        name,
        description,
        cost: cost?,
        how_to_apply: c.text(&field("how_to_apply"), &s.how_to_apply, MAX_TEXT, false),
        schedule: c.text(&field("schedule"), &s.schedule, MAX_SHORT, false),
        audience_term_ids,
    })
}

/// Parses the date-times people write: "2026-12-05", "2026-12-05 14:00", "05.12.2026 14:00",
/// or RFC 3339. Returns the local `YYYY-MM-DDTHH:MM` form.
pub fn parse_local_datetime(s: &str) -> Option<String> {
    let t = s.trim();
    let dt = chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| d.naive_local())
        .ok()
        .or_else(|| {
            ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        })
        .or_else(|| {
            ["%Y-%m-%d", "%d.%m.%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
        })?;
    Some(dt.format("%Y-%m-%dT%H:%M").to_string())
}

fn need(c: &mut Checker, i: usize, n: &NeedInput) -> Option<ValidNeed> {
    let field = |f: &str| format!("needs[{}].{f}", i + 1);
    let kind = c.code(&field("kind"), Vocabulary::NeedKind, &n.kind, true)?;
    let title = match c.text(&field("title"), &n.title, MAX_NAME, false) {
        t if t.is_empty() => {
            c.catalog
                .taxonomy
                .label(Vocabulary::NeedKind, &kind, Default::default())
        }
        t => t,
    };
    let until = match n.until.trim() {
        "" => None,
        d => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(date) => Some(date.format("%Y-%m-%d").to_string()),
            Err(_) => {
                c.issues
                    .push(FieldIssue::new(field("until"), "err-need-until").arg("value", d));
                None
            }
        },
    };
    Some(ValidNeed {
        kind,
        title,
        description: c.text(&field("description"), &n.description, MAX_TEXT, false),
        met: n.met,
        until,
    })
}

fn offer(c: &mut Checker, i: usize, o: &OfferInput) -> Option<ValidOffer> {
    let field = |f: &str| format!("offers[{}].{f}", i + 1);
    let kind = c.code(&field("kind"), Vocabulary::NeedKind, &o.kind, true)?;
    let title = match c.text(&field("title"), &o.title, MAX_NAME, false) {
        t if t.is_empty() => {
            c.catalog
                .taxonomy
                .label(Vocabulary::NeedKind, &kind, Default::default())
        }
        t => t,
    };
    Some(ValidOffer {
        kind,
        title,
        description: c.text(&field("description"), &o.description, MAX_TEXT, false),
    })
}

fn verification(c: &mut Checker, v: &VerificationInput) -> Option<ValidVerification> {
    let method = VerificationMethod::parse(&v.method);
    if method.is_none() {
        c.issues.push(
            FieldIssue::new("verification.method", "err-verification-method")
                .arg("value", v.method.trim()),
        );
    }
    let verified_at = NaiveDate::parse_from_str(v.verified_at.trim(), "%Y-%m-%d").ok();
    if verified_at.is_none() {
        c.issues.push(
            FieldIssue::new("verification.verified_at", "err-date")
                .arg("value", v.verified_at.trim()),
        );
    }
    Some(ValidVerification {
        method: method?,
        verified_by: c.text("verification.verified_by", &v.verified_by, MAX_NAME, true),
        verified_at: verified_at?.format("%Y-%m-%d").to_string(),
        note: c.text("verification.note", &v.note, MAX_TEXT, false),
    })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
