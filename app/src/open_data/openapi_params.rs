//! The parameters of the OpenAPI description: the search's filters (facet codes from the
//! region's vocabularies), paging with the handlers' own limits, HSDS's list parameters and
//! path ids. An empty value is described as allowed wherever the handlers read it as absent.

use poputchiki_core::hsds::api::{MAX_PAGE as HSDS_MAX_PAGE, MAX_PER_PAGE as HSDS_MAX_PER_PAGE};
use poputchiki_core::region::RegionCatalog;
use poputchiki_core::search::params::MAX_RADIUS_KM;
use poputchiki_core::search::table::TIE_VALUES;
use poputchiki_core::taxonomy::Vocabulary;
use serde_json::{json, Value};

use crate::i18n::I18n;

/// `schema`, or an empty value: the API reads `name=` as no value, as forms send it.
pub(super) fn or_empty(schema: Value) -> Value {
    json!({"anyOf": [schema, {"const": ""}]})
}

pub(super) fn query(name: &str, schema: Value, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn codes(catalog: &RegionCatalog, vocab: Vocabulary) -> Vec<String> {
    catalog
        .taxonomy
        .terms(vocab)
        .iter()
        .map(|t| t.code.clone())
        .collect()
}

fn with_empty(mut values: Vec<String>) -> Vec<String> {
    values.push(String::new());
    values
}

/// The calendar's filters (`/events.ics`). Any text is accepted: an unknown value is no
/// filter (an old link still shows events), so each is a plain string and the accepted
/// values are in the words.
pub(super) fn calendar_params(catalog: &RegionCatalog, t: &I18n) -> Vec<Value> {
    let okrugs: Vec<String> = catalog.okrugs.iter().map(|o| o.slug.clone()).collect();
    let text = || json!({"type": "string"});
    let one_of = |what: String, values: Vec<String>| format!("{what} ({})", values.join(", "));
    vec![
        query("from", text(), &t.t("api-p-from")),
        query("to", text(), &t.t("api-p-to")),
        query("okrug", text(), &one_of(t.t("api-p-okrug"), okrugs)),
        query(
            "format",
            text(),
            &one_of(
                t.t("api-p-event-format"),
                codes(catalog, Vocabulary::EventFormat),
            ),
        ),
        query(
            "audience",
            text(),
            &one_of(t.t("api-p-audience"), codes(catalog, Vocabulary::Audience)),
        ),
        query("org", text(), &t.t("api-p-org-id")),
    ]
}

/// The search's filters, shared by search, downloads, clusters and okrugs.
pub(super) fn filters(catalog: &RegionCatalog, t: &I18n) -> Vec<Value> {
    let facet = |name: &str, values: Vec<String>, what: &str| {
        json!({"name": name, "in": "query", "required": false, "style": "form", "explode": true,
               "description": what, "schema": {"type": "array", "items": {"enum": with_empty(values)}}})
    };
    let okrugs = catalog.okrugs.iter().map(|o| o.slug.clone()).collect();
    let flag = |name: &str, what: &str| {
        query(
            name,
            json!({"enum": ["true", "false", "1", "0", "yes", "no", ""]}),
            what,
        )
    };
    vec![
        query("q", json!({"type": "string"}), &t.t("api-p-q")),
        facet(
            "direction",
            codes(catalog, Vocabulary::Direction),
            &t.t("api-p-direction"),
        ),
        facet(
            "audience",
            codes(catalog, Vocabulary::Audience),
            &t.t("api-p-audience"),
        ),
        facet(
            "event_format",
            codes(catalog, Vocabulary::EventFormat),
            &t.t("api-p-event-format"),
        ),
        facet(
            "kind",
            codes(catalog, Vocabulary::OrgKind),
            &t.t("api-p-kind"),
        ),
        facet("okrug", okrugs, &t.t("api-p-okrug")),
        facet(
            "offer",
            codes(catalog, Vocabulary::NeedKind),
            &t.t("api-p-offer"),
        ),
        facet(
            "partners",
            TIE_VALUES.iter().map(|v| (*v).to_owned()).collect(),
            &t.t("api-p-partners"),
        ),
        facet(
            "freshness",
            vec!["fresh".into(), "ageing".into(), "stale".into()],
            &t.t("api-p-freshness"),
        ),
        flag("verified", &t.t("api-p-verified")),
        flag("has_needs", &t.t("api-p-has-needs")),
        flag("accepts_volunteers", &t.t("api-p-accepts-volunteers")),
        query("near", json!({"type": "string"}), &t.t("api-p-near")),
        query(
            "radius_km",
            or_empty(json!({"type": "number", "exclusiveMinimum": 0, "maximum": MAX_RADIUS_KM})),
            &t.t("api-p-radius"),
        ),
        query("bbox", json!({"type": "string"}), &t.t("api-p-bbox")),
        query(
            "sort",
            json!({"enum": ["relevance", "name", "distance", "updated", "verified", ""]}),
            &t.t("api-p-sort"),
        ),
    ]
}

/// `page` and `per_page`; `lenient`: an empty value means the default (the search), else
/// it is refused (HSDS).
pub(super) fn paging(max_page: u32, max: u32, lenient: bool, t: &I18n) -> Vec<Value> {
    let int = |lo: u32, hi: u32| {
        let s = json!({"type": "integer", "minimum": lo, "maximum": hi});
        if lenient {
            or_empty(s)
        } else {
            s
        }
    };
    vec![
        query("page", int(1, max_page), &t.t("api-p-page")),
        query("per_page", int(1, max), &t.t("api-p-per-page")),
    ]
}

pub(super) fn id_param(what: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": what, "schema": {"type": "string"}})
}

/// HSDS list parameters (the spec's).
pub(super) fn hsds_list(t: &I18n) -> Vec<Value> {
    let flag = |name: &str, what: &str| {
        query(name, json!({"enum": ["true", "false", "1", "0", ""]}), what)
    };
    let uuid = || or_empty(json!({"type": "string", "format": "uuid"}));
    let mut p = vec![
        query("search", json!({"type": "string"}), &t.t("api-p-search")),
        query("taxonomy_term_id", uuid(), &t.t("api-p-term")),
        query("taxonomy_id", uuid(), &t.t("api-p-taxonomy")),
        query("organization_id", uuid(), &t.t("api-p-organization")),
        query(
            "modified_after",
            json!({"anyOf": [
                {"type": "string", "format": "date-time"},
                {"type": "string", "format": "date"},
                {"const": ""},
            ]}),
            &t.t("api-p-modified-after"),
        ),
        query(
            "format",
            json!({"enum": ["json", "ndjson", ""]}),
            &t.t("api-p-format"),
        ),
        flag("full", &t.t("api-p-full")),
        flag("minimal", &t.t("api-p-minimal")),
        flag("full_service", &t.t("api-p-full-service")),
    ];
    p.extend(paging(HSDS_MAX_PAGE, HSDS_MAX_PER_PAGE, false, t));
    p
}
