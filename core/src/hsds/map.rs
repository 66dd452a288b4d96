//! Our organization as Open Referral HSDS 3.0 rows: one flat object per table row
//! (organization, its identifiers, its one location, phones, services, service at location,
//! service areas, schedules, attributes and metadata), from which both the tabular package
//! and the nested JSON objects are built. Only public data: a record read through the one
//! read path of published organizations (docs/OPEN-DATA.md has the mapping table).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::ids::{Ids, Kind};
use crate::i18n::{I18n, Locale};
use crate::organizations::org_url;
use crate::organizations::store::OrganizationRecord;
use crate::region::RegionCatalog;
use crate::taxonomy::{Term, Vocabulary};
use crate::text::LocalizedText;

/// What the mapping needs once per export or request.
pub struct Context<'a> {
    pub ids: Ids,
    pub catalog: &'a RegionCatalog,
    /// The site's public address, no trailing slash.
    pub site: String,
    /// Russian: the directory's own language, whatever the asker's.
    pub i18n: I18n,
    terms: HashMap<i64, (Vocabulary, &'a Term)>,
    /// Every term by its UUID, hashed once here rather than at every attribute.
    by_uuid: HashMap<String, (Vocabulary, &'a Term)>,
}

impl<'a> Context<'a> {
    pub fn new(catalog: &'a RegionCatalog, site: &str) -> Self {
        let ids = Ids::new(&catalog.slug);
        let mut terms = HashMap::new();
        let mut by_uuid = HashMap::new();
        for vocab in Vocabulary::ALL {
            for t in catalog.taxonomy.terms(vocab) {
                terms.insert(t.id, (vocab, t));
                let uuid = ids.hashed(Kind::TaxonomyTerm, &[vocab.as_str(), &t.code]);
                by_uuid.insert(uuid, (vocab, t));
            }
        }
        Self {
            ids,
            catalog,
            site: site.trim_end_matches('/').to_owned(),
            i18n: I18n::new(Locale::default()),
            terms,
            by_uuid,
        }
    }

    /// The UUID of a vocabulary's taxonomy.
    pub fn taxonomy_id(&self, vocab: Vocabulary) -> String {
        self.ids.hashed(Kind::Taxonomy, &[vocab.as_str()])
    }

    pub fn term_id(&self, vocab: Vocabulary, code: &str) -> String {
        self.ids.hashed(Kind::TaxonomyTerm, &[vocab.as_str(), code])
    }

    /// The vocabulary and term of a stored term id.
    pub(super) fn term(&self, id: i64) -> Option<(Vocabulary, &'a Term)> {
        self.terms.get(&id).copied()
    }

    fn term_by_code(&self, vocab: Vocabulary, code: &str) -> Option<&'a Term> {
        self.catalog.taxonomy.by_code(vocab, code)
    }

    /// The vocabulary and term of a taxonomy term UUID.
    pub fn term_by_uuid(&self, uuid: &str) -> Option<(Vocabulary, &'a Term)> {
        self.by_uuid.get(&uuid.trim().to_ascii_lowercase()).copied()
    }

    /// The vocabulary and code of a taxonomy term UUID.
    pub fn term_of(&self, uuid: &str) -> Option<(Vocabulary, String)> {
        self.term_by_uuid(uuid).map(|(v, t)| (v, t.code.clone()))
    }
}

pub(super) fn ru(t: &LocalizedText) -> String {
    t.get(Locale::default()).to_owned()
}

/// Drops null members and empty strings, which HSDS's schemas do not allow for its
/// optional fields.
pub fn compact(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_str() != Some(""))
                .map(|(k, v)| (k, compact(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(compact).collect()),
        other => other,
    }
}

/// The date part of a stored moment.
pub(super) fn day(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_owned()
}

/// One organization's rows, table by table.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub organization: Value,
    pub organization_identifiers: Vec<Value>,
    pub location: Value,
    pub phones: Vec<Value>,
    pub services: Vec<Value>,
    pub service_at_locations: Vec<Value>,
    pub service_areas: Vec<Value>,
    pub schedules: Vec<Value>,
    /// Each with its `link_id` (the organization or a service).
    pub attributes: Vec<Value>,
    pub metadata: Vec<Value>,
    /// Documented extensions (not HSDS tables): upcoming events, open needs and the help
    /// it offers other organizations.
    pub events: Vec<Value>,
    pub needs: Vec<Value>,
    pub offers: Vec<Value>,
}

/// The attribute linking `link` (an `organization` or a `service`) to a term.
pub(super) fn attribute(
    cx: &Context,
    link: &str,
    entity: &str,
    vocab: Vocabulary,
    term: &Term,
) -> Value {
    json!({
        "id": cx.ids.hashed(Kind::Attribute, &[link, vocab.as_str(), &term.code]),
        "link_id": link,
        "link_type": vocab.as_str(),
        "link_entity": entity,
        "taxonomy_term_id": cx.term_id(vocab, &term.code),
        "value": ru(&term.label),
    })
}

/// The rows of one published organization.
pub fn rows(cx: &Context, rec: &OrganizationRecord, today: &str) -> Rows {
    let o = &rec.org;
    let org_id = cx.ids.organization(o.id);
    let page = format!("{}{}", cx.site, org_url(o.id, &o.slug));
    let contacts = |kind: &'static str| rec.contacts.iter().filter(move |c| c.kind == kind);
    let email = contacts("email").next().map(|c| c.value.clone());
    let website = contacts("website").next().map(|c| c.value.clone());
    let okrug = cx.catalog.okrug_by_id(o.okrug_id);
    let okrug_name = okrug.map(|k| ru(&k.full_name)).unwrap_or_default();
    let legal_label = o
        .legal_form
        .as_deref()
        .and_then(|f| cx.term_by_code(Vocabulary::LegalForm, f))
        .map(|t| ru(&t.label));
    let description = [o.summary.as_str(), o.description.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut out = Rows {
        organization: compact(json!({
            "id": org_id,
            "name": o.name,
            "description": if description.is_empty() { o.name.clone() } else { description },
            "email": email,
            "website": website,
            "tax_id": o.inn,
            "legal_status": legal_label,
            "logo": o.logo.as_deref().map(|l| format!("{}{}", cx.site, crate::organizations::logo_url(l))),
            "uri": page,
        })),
        ..Rows::default()
    };
    for (scheme, kind, value) in [("RU-INN", "ИНН", &o.inn), ("RU-OGRN", "ОГРН", &o.ogrn)] {
        if let Some(v) = value {
            out.organization_identifiers.push(json!({
                "id": cx.ids.hashed(Kind::OrganizationIdentifier, &[&org_id, scheme]),
                "organization_id": org_id,
                "identifier_scheme": scheme,
                "identifier_type": kind,
                "identifier": v,
            }));
        }
    }
    let location_id = cx.ids.location(o.id);
    let place = [o.settlement.as_str(), o.address.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    out.location = compact(json!({
        "id": location_id,
        "location_type": "physical",
        "organization_id": org_id,
        "name": if place.is_empty() { okrug_name.clone() } else { place },
        "description": o.location_approximate.then(|| cx.i18n.t("org-approximate")),
        "latitude": o.lat,
        "longitude": o.lon,
        "url": page,
    }));
    for c in contacts("phone") {
        out.phones.push(json!({
            "id": cx.ids.hashed(Kind::Phone, &[&org_id, &c.value]),
            "organization_id": org_id,
            "number": c.value,
            "type": "voice",
        }));
    }
    let assured = rec.verification.as_ref().map(|v| day(&v.verified_at));
    let org_terms: Vec<(Vocabulary, &Term)> = rec
        .term_ids
        .iter()
        .filter_map(|id| cx.terms.get(id).copied())
        .collect();
    for vocab in [Vocabulary::OrgKind, Vocabulary::LegalForm] {
        let code = if vocab == Vocabulary::OrgKind {
            Some(o.kind.as_str())
        } else {
            o.legal_form.as_deref()
        };
        if let Some(t) = code.and_then(|c| cx.term_by_code(vocab, c)) {
            out.attributes
                .push(attribute(cx, &org_id, "organization", vocab, t));
        }
    }
    for (vocab, t) in &org_terms {
        out.attributes
            .push(attribute(cx, &org_id, "organization", *vocab, t));
    }
    let shared = Shared {
        org_id: &org_id,
        location_id: &location_id,
        page: &page,
        email: out.organization.get("email").cloned(),
        assured,
        okrug: okrug.map(|k| (k.slug.clone(), okrug_name.clone())),
    };
    super::offers::services(cx, rec, &org_terms, &shared, &mut out);
    out.metadata = super::offers::metadata(cx, rec, &org_id);
    super::offers::extensions(cx, rec, today, &mut out);
    out
}

/// What every service of an organization repeats from it.
pub(super) struct Shared<'a> {
    pub org_id: &'a str,
    pub location_id: &'a str,
    pub page: &'a str,
    pub email: Option<Value>,
    pub assured: Option<String>,
    /// The okrug's slug and full name.
    pub okrug: Option<(String, String)>,
}
