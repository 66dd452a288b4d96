//! HSDS 3.0 JSON objects built from an organization's [`Rows`]: the fully nested
//! organization, service and service-at-location of the spec's compiled schemas, their list
//! shapes, and the region's taxonomies and terms.

use serde_json::{json, Map, Value};

use super::map::{ru, Context, Rows};
use crate::taxonomy::Vocabulary;

/// The vocabularies published as HSDS taxonomies.
pub const TAXONOMIES: [Vocabulary; 6] = Vocabulary::ALL;

fn obj(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn of<'a>(rows: &'a [Value], key: &str, id: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    let key = key.to_owned();
    rows.iter().filter(move |r| r[&key] == *id)
}

/// Attributes of `link` with their taxonomy term nested.
fn attributes(cx: &Context, rows: &Rows, link: &str) -> Vec<Value> {
    of(&rows.attributes, "link_id", link)
        .map(|a| {
            let mut m = obj(a);
            let term = a["taxonomy_term_id"]
                .as_str()
                .and_then(|id| cx.term_by_uuid(id))
                .map(|(v, t)| term_object(cx, v, t));
            if let Some(t) = term {
                m.insert("taxonomy_term".into(), t);
            }
            Value::Object(m)
        })
        .collect()
}

fn term_object(cx: &Context, vocab: Vocabulary, t: &crate::taxonomy::Term) -> Value {
    let label = ru(&t.label);
    let description = t.description.as_ref().map(ru).filter(|d| !d.is_empty());
    json!({
        "id": cx.term_id(vocab, &t.code),
        "code": t.code,
        "name": label,
        "description": description.unwrap_or_else(|| label.clone()),
        "taxonomy": vocab.as_str(),
        "taxonomy_id": cx.taxonomy_id(vocab),
        "language": "ru",
    })
}

/// Every term of the published vocabularies.
pub fn taxonomy_terms(cx: &Context) -> Vec<Value> {
    TAXONOMIES
        .into_iter()
        .flat_map(|v| {
            cx.catalog
                .taxonomy
                .terms(v)
                .iter()
                .map(move |t| term_object(cx, v, t))
        })
        .collect()
}

pub fn taxonomies(cx: &Context) -> Vec<Value> {
    let region = ru(&cx.catalog.name);
    TAXONOMIES
        .into_iter()
        .map(|v| {
            let name = cx.i18n.t(&format!("hsds-taxonomy-{}", v.as_str()));
            let id = cx.taxonomy_id(v);
            json!({
                "uri": format!("{}/hsds/taxonomies/{id}", cx.site),
                "id": id,
                "name": name,
                "description": cx.i18n.t_with("hsds-taxonomy-description", &[
                    ("name", name.as_str().into()),
                    ("region", region.as_str().into()),
                ]),
            })
        })
        .collect()
}

/// A service with what hangs from it (schedules, areas, attributes, and its places: bare
/// links, or with the location nested when `nest_location`).
fn service_body(
    cx: &Context,
    rows: &Rows,
    service: &Value,
    nest_location: bool,
) -> Map<String, Value> {
    let sid = service["id"].as_str().unwrap_or_default();
    let mut m = obj(service);
    m.insert(
        "schedules".into(),
        of(&rows.schedules, "service_id", sid).cloned().collect(),
    );
    m.insert(
        "service_areas".into(),
        of(&rows.service_areas, "service_id", sid)
            .cloned()
            .collect(),
    );
    let places: Vec<Value> = of(&rows.service_at_locations, "service_id", sid)
        .map(|sal| {
            let mut s = obj(sal);
            if nest_location {
                s.insert("location".into(), location(cx, rows));
            }
            Value::Object(s)
        })
        .collect();
    m.insert("service_at_locations".into(), places.into());
    m.insert("attributes".into(), attributes(cx, rows, sid).into());
    m
}

fn location(cx: &Context, rows: &Rows) -> Value {
    let lid = rows.location["id"].as_str().unwrap_or_default();
    let mut m = obj(&rows.location);
    m.insert("attributes".into(), attributes(cx, rows, lid).into());
    Value::Object(m)
}

/// The fully nested organization (schema `compiled/organization.json`), with the
/// documented extensions `x_events`, `x_needs` and `x_offers`.
pub fn organization(cx: &Context, rows: &Rows) -> Value {
    let oid = rows.organization["id"].as_str().unwrap_or_default();
    let mut m = obj(&rows.organization);
    m.insert("phones".into(), rows.phones.clone().into());
    m.insert("locations".into(), vec![location(cx, rows)].into());
    m.insert(
        "organization_identifiers".into(),
        rows.organization_identifiers.clone().into(),
    );
    m.insert("attributes".into(), attributes(cx, rows, oid).into());
    m.insert("metadata".into(), rows.metadata.clone().into());
    let services: Vec<Value> = rows
        .services
        .iter()
        .map(|s| Value::Object(service_body(cx, rows, s, false)))
        .collect();
    m.insert("services".into(), services.into());
    m.insert("x_events".into(), rows.events.clone().into());
    m.insert("x_needs".into(), rows.needs.clone().into());
    m.insert("x_offers".into(), rows.offers.clone().into());
    Value::Object(m)
}

/// One service, fully nested (schema `compiled/service.json`): its organization, places
/// with their location, schedules, areas and attributes.
pub fn service(cx: &Context, rows: &Rows, service: &Value) -> Value {
    let mut m = service_body(cx, rows, service, true);
    m.insert("organization".into(), rows.organization.clone());
    Value::Object(m)
}

/// A service in a list (schema `compiled/service_list.json`): its own fields and its
/// organization's; `minimal` keeps only what a sync needs.
pub fn service_summary(rows: &Rows, service: &Value, minimal: bool) -> Value {
    if minimal {
        return json!({
            "id": service["id"], "name": service["name"], "status": service["status"],
            "last_modified": service["last_modified"],
        });
    }
    let mut m = obj(service);
    m.insert("organization".into(), rows.organization.clone());
    Value::Object(m)
}

/// A service at its location (schema `compiled/service_at_location.json`).
pub fn service_at_location(cx: &Context, rows: &Rows, sal: &Value) -> Value {
    let mut m = obj(sal);
    m.insert("location".into(), location(cx, rows));
    let sid = sal["service_id"].as_str().unwrap_or_default();
    if let Some(s) = rows.services.iter().find(|s| s["id"] == *sid) {
        let mut body = service_body(cx, rows, s, false);
        body.remove("service_at_locations");
        body.insert("organization".into(), rows.organization.clone());
        m.insert("service".into(), Value::Object(body));
    }
    m.insert("attributes".into(), Vec::<Value>::new().into());
    Value::Object(m)
}
