//! The columns of a download and one row per organization: the same cells for CSV, Excel
//! and GeoJSON, labels in the reader's language with the codes beside them, built from the
//! published record only (nothing private is ever a column).

use std::collections::HashMap;

use crate::i18n::{I18n, Locale};
use crate::organizations::org_url;
use crate::organizations::store::OrganizationRecord;
use crate::region::RegionCatalog;
use crate::taxonomy::Vocabulary;

/// One cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    Bool(bool),
    /// Several values: joined with "; " in a spreadsheet, an array in GeoJSON.
    List(Vec<String>),
    Empty,
}

/// The columns in order: the key (a GeoJSON property name, stable for programs) and the
/// message of its heading.
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "export-col-id"),
    ("name", "export-col-name"),
    ("kind", "export-col-kind"),
    ("kind_code", "export-col-kind-code"),
    ("legal_form", "export-col-legal-form"),
    ("legal_form_code", "export-col-legal-form-code"),
    ("inn", "export-col-inn"),
    ("ogrn", "export-col-ogrn"),
    ("okrug", "export-col-okrug"),
    ("okrug_code", "export-col-okrug-code"),
    ("settlement", "export-col-settlement"),
    ("address", "export-col-address"),
    ("lat", "export-col-lat"),
    ("lon", "export-col-lon"),
    ("location_approximate", "export-col-approximate"),
    ("directions", "export-col-directions"),
    ("direction_codes", "export-col-direction-codes"),
    ("audiences", "export-col-audiences"),
    ("audience_codes", "export-col-audience-codes"),
    ("event_formats", "export-col-event-formats"),
    ("event_format_codes", "export-col-event-format-codes"),
    ("offers", "export-col-offers"),
    ("offer_codes", "export-col-offer-codes"),
    ("phones", "export-col-phones"),
    ("email", "export-col-email"),
    ("website", "export-col-website"),
    ("vk", "export-col-vk"),
    ("ok", "export-col-ok"),
    ("telegram", "export-col-telegram"),
    ("summary", "export-col-summary"),
    ("updated", "export-col-updated"),
    ("confirmed", "export-col-confirmed"),
    ("verified", "export-col-verified"),
    ("url", "export-col-url"),
];

/// The column headings in the reader's language.
pub fn headings(i18n: &I18n) -> Vec<String> {
    COLUMNS.iter().map(|(_, key)| i18n.t(key)).collect()
}

/// The catalog's names looked up by id once per download, not once per cell.
pub struct Labels {
    locale: Locale,
    /// Absolute page addresses start with this (no trailing slash).
    site: String,
    terms: HashMap<i64, (Vocabulary, String, String)>,
    okrugs: HashMap<i64, (String, String)>,
    kinds: HashMap<String, String>,
    legal_forms: HashMap<String, String>,
    need_kinds: HashMap<String, String>,
}

impl Labels {
    pub fn new(catalog: &RegionCatalog, locale: Locale, site: &str) -> Self {
        let tax = &catalog.taxonomy;
        let mut terms = HashMap::new();
        for vocab in [
            Vocabulary::Direction,
            Vocabulary::Audience,
            Vocabulary::EventFormat,
        ] {
            for t in tax.terms(vocab) {
                terms.insert(
                    t.id,
                    (vocab, t.code.clone(), t.label.get(locale).to_owned()),
                );
            }
        }
        let by_code = |vocab| {
            tax.terms(vocab)
                .iter()
                .map(|t| (t.code.clone(), t.label.get(locale).to_owned()))
                .collect()
        };
        Self {
            locale,
            site: site.trim_end_matches('/').to_owned(),
            terms,
            okrugs: catalog
                .okrugs
                .iter()
                .map(|o| (o.id, (o.slug.clone(), o.name.get(locale).to_owned())))
                .collect(),
            kinds: by_code(Vocabulary::OrgKind),
            legal_forms: by_code(Vocabulary::LegalForm),
            need_kinds: by_code(Vocabulary::NeedKind),
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The labels and the codes of the record's terms of one vocabulary.
    fn terms_of(&self, ids: &[i64], vocab: Vocabulary) -> (Cell, Cell) {
        let (labels, codes): (Vec<String>, Vec<String>) = ids
            .iter()
            .filter_map(|id| self.terms.get(id))
            .filter(|(v, _, _)| *v == vocab)
            .map(|(_, code, label)| (label.clone(), code.clone()))
            .unzip();
        (Cell::List(labels), Cell::List(codes))
    }

    /// The cells of one organization, in [`COLUMNS`] order.
    pub fn row(&self, rec: &OrganizationRecord) -> Vec<Cell> {
        let o = &rec.org;
        let text = |s: &str| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_owned())
            }
        };
        let opt = |s: &Option<String>| s.as_deref().map_or(Cell::Empty, text);
        let date = |s: Option<&str>| s.map_or(Cell::Empty, |s| text(s.get(..10).unwrap_or(s)));
        let contacts = |kind: &str| {
            rec.contacts
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.value.clone())
                .collect::<Vec<_>>()
        };
        let one = |kind: &str| text(&contacts(kind).join(", "));
        let (okrug_code, okrug) = self.okrugs.get(&o.okrug_id).cloned().unwrap_or_default();
        let legal = o.legal_form.as_deref().unwrap_or_default();
        let (directions, direction_codes) = self.terms_of(&rec.term_ids, Vocabulary::Direction);
        let (audiences, audience_codes) = self.terms_of(&rec.term_ids, Vocabulary::Audience);
        let (formats, format_codes) = self.terms_of(&rec.term_ids, Vocabulary::EventFormat);
        // «Консультации специалистов: Юридическая консультация», or the kind alone.
        let offers = rec
            .offers
            .iter()
            .map(|f| {
                let kind = self.need_kinds.get(&f.kind).unwrap_or(&f.kind);
                if f.title.trim().is_empty() {
                    kind.clone()
                } else {
                    format!("{kind}: {}", f.title)
                }
            })
            .collect();
        let offer_codes = rec.offers.iter().map(|f| f.kind.clone()).collect();
        vec![
            Cell::Int(o.id),
            text(&o.name),
            text(
                self.kinds
                    .get(&o.kind)
                    .map_or(o.kind.as_str(), String::as_str),
            ),
            text(&o.kind),
            text(self.legal_forms.get(legal).map_or(legal, String::as_str)),
            text(legal),
            opt(&o.inn),
            opt(&o.ogrn),
            text(&okrug),
            text(&okrug_code),
            text(&o.settlement),
            text(&o.address),
            Cell::Number(o.lat),
            Cell::Number(o.lon),
            Cell::Bool(o.location_approximate),
            directions,
            direction_codes,
            audiences,
            audience_codes,
            formats,
            format_codes,
            Cell::List(offers),
            Cell::List(offer_codes),
            Cell::List(contacts("phone")),
            one("email"),
            one("website"),
            one("vk"),
            one("ok"),
            one("telegram"),
            text(&o.summary),
            date(Some(&o.updated_at)),
            date(o.confirmed_at.as_deref()),
            date(rec.verification.as_ref().map(|v| v.verified_at.as_str())),
            Cell::Text(format!("{}{}", self.site, org_url(o.id, &o.slug))),
        ]
    }
}

/// Yes or no in the reader's language, for a spreadsheet cell.
pub fn yes_no(i18n: &I18n, b: bool) -> String {
    i18n.t(if b { "export-yes" } else { "export-no" })
}
