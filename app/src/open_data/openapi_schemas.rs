//! The components of the OpenAPI description: the JSON shapes of the public API (search,
//! a record, map clusters and cards, okrugs, places, changes, errors) and the HSDS 3.0
//! objects, taken from the spec's own schemas (vendor/hsds-3.0) with their `$ref`s pointed
//! into the description.

use serde_json::{json, Map, Value};

/// The HSDS object schemas the API answers with.
const HSDS: [(&str, &str); 14] = [
    (
        "organization",
        include_str!("../../../vendor/hsds-3.0/schema/organization.json"),
    ),
    (
        "service",
        include_str!("../../../vendor/hsds-3.0/schema/service.json"),
    ),
    (
        "location",
        include_str!("../../../vendor/hsds-3.0/schema/location.json"),
    ),
    (
        "service_at_location",
        include_str!("../../../vendor/hsds-3.0/schema/service_at_location.json"),
    ),
    (
        "taxonomy",
        include_str!("../../../vendor/hsds-3.0/schema/taxonomy.json"),
    ),
    (
        "taxonomy_term",
        include_str!("../../../vendor/hsds-3.0/schema/taxonomy_term.json"),
    ),
    (
        "attribute",
        include_str!("../../../vendor/hsds-3.0/schema/attribute.json"),
    ),
    (
        "metadata",
        include_str!("../../../vendor/hsds-3.0/schema/metadata.json"),
    ),
    (
        "phone",
        include_str!("../../../vendor/hsds-3.0/schema/phone.json"),
    ),
    (
        "organization_identifier",
        include_str!("../../../vendor/hsds-3.0/schema/organization_identifier.json"),
    ),
    (
        "service_area",
        include_str!("../../../vendor/hsds-3.0/schema/service_area.json"),
    ),
    (
        "schedule",
        include_str!("../../../vendor/hsds-3.0/schema/schedule.json"),
    ),
    (
        "address",
        include_str!("../../../vendor/hsds-3.0/schema/address.json"),
    ),
    (
        "contact",
        include_str!("../../../vendor/hsds-3.0/schema/contact.json"),
    ),
];

/// Schemas HSDS objects refer to that we never publish: any object is accepted there.
const UNPUBLISHED: [&str; 8] = [
    "accessibility",
    "cost_option",
    "funding",
    "language",
    "program",
    "required_document",
    "meta_table_description",
    "service_capacity",
];

/// Keeps JSON Schema keywords (drops the spec's table metadata) and points `x.json` refs at
/// `#/components/schemas/hsds_x`.
fn clean(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                match k.as_str() {
                    "name"
                    | "path"
                    | "datapackage_metadata"
                    | "tabular_required"
                    | "constraints"
                    | "order"
                    | "example"
                    | "core"
                    | "$schema"
                    | "$id" => {
                        if k == "name" && v.is_object() {
                            out.insert(k, clean(v));
                        }
                    }
                    "$ref" => {
                        let target = v.as_str().unwrap_or_default().trim_end_matches(".json");
                        out.insert(k, format!("#/components/schemas/hsds_{target}").into());
                    }
                    "properties" => {
                        let props = v
                            .as_object()
                            .cloned()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(name, schema)| (name, clean(schema)))
                            .collect::<Map<_, _>>();
                        out.insert(k, Value::Object(props));
                    }
                    _ => {
                        out.insert(k, clean(v));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(clean).collect()),
        other => other,
    }
}

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string"}})
}

fn point_feature(props: Value) -> Value {
    json!({
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"const": "Feature"},
            "geometry": {
                "type": "object",
                "required": ["type", "coordinates"],
                "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
                },
            },
            "properties": props,
        },
    })
}

/// Every component schema.
pub fn components() -> Value {
    let mut schemas = Map::new();
    let error_param = json!({
        "type": "object",
        "required": ["param", "value", "message"],
        "properties": {"param": {"type": "string"}, "value": {"type": "string"}, "message": {"type": "string"}},
    });
    schemas.insert(
        "BadParameters".into(),
        json!({
            "type": "object",
            "description": "A parameter that was not understood: one entry per parameter.",
            "required": ["error", "message", "params"],
            "properties": {
                "error": {"const": "bad_request"},
                "message": {"type": "string"},
                "params": {"type": "array", "items": error_param},
            },
        }),
    );
    schemas.insert("Error".into(), json!({
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "description": "A stable code such as err-not-found or err-busy."},
            "message": {"type": "string"},
            "fields": {"type": "array"},
        },
    }));
    schemas.insert(
        "Facet".into(),
        json!({
            "type": "object",
            "required": ["code", "label", "count", "selected"],
            "properties": {
                "code": {"type": "string"}, "label": {"type": "string"},
                "count": {"type": "integer", "minimum": 0}, "selected": {"type": "boolean"},
            },
        }),
    );
    schemas.insert("SearchItem".into(), json!({
        "type": "object",
        "required": ["id", "slug", "name", "kind", "okrug", "lat", "lon", "approximate_location", "directions", "audiences", "snippet", "url"],
        "properties": {
            "id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"type": "string"},
            "kind": {"type": "string"}, "okrug": {"type": "string"},
            "lat": {"type": "number"}, "lon": {"type": "number"},
            "approximate_location": {"type": "boolean"},
            "directions": strings(), "audiences": strings(),
            "snippet": {"type": "string", "description": "HTML: escaped text, matched words in <mark>."},
            "distance_km": {"type": "number"}, "url": {"type": "string"},
        },
    }));
    schemas.insert("SearchResponse".into(), json!({
        "type": "object",
        "required": ["total", "page", "per_page", "items", "facets"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/SearchItem"}},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}}},
            "suggestions": {"type": "array", "items": {"type": "object", "required": ["type"], "properties": {"type": {"enum": ["drop_filter", "drop_geo", "spelling"]}}}},
        },
    }));
    schemas.insert("Organization".into(), json!({
        "type": "object",
        "description": "The full public record of a published organization, taxonomy codes as codes.",
        "required": ["id", "slug", "url", "name", "kind", "okrug", "lat", "lon", "contacts", "directions", "audiences", "event_formats", "services", "upcoming_events", "needs", "created_at", "updated_at", "is_demo"],
        "properties": {
            "id": {"type": "integer"}, "slug": {"type": "string"}, "url": {"type": "string"},
            "name": {"type": "string"}, "kind": {"type": "string"},
            "legal_form": {"type": ["string", "null"]}, "okrug": {"type": "string"},
            "settlement": {"type": "string"}, "address": {"type": "string"},
            "lat": {"type": "number"}, "lon": {"type": "number"}, "approximate_location": {"type": "boolean"},
            "contacts": {"type": "array", "items": {"type": "object", "required": ["kind", "value"], "properties": {"kind": {"type": "string"}, "value": {"type": "string"}}}},
            "summary": {"type": "string"}, "description": {"type": "string"},
            "directions": strings(), "audiences": strings(), "event_formats": strings(),
            "services": {"type": "array", "items": {"type": "object"}},
            "upcoming_events": {"type": "array", "items": {"type": "object"}},
            "needs": {"type": "array", "items": {"type": "object"}},
            "inn": {"type": ["string", "null"]}, "ogrn": {"type": ["string", "null"]},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "last_verified": {"type": ["object", "null"]},
            "is_demo": {"type": "boolean"},
        },
    }));
    schemas.insert(
        "Changes".into(),
        json!({
            "type": "object",
            "required": ["changes", "next_cursor", "has_more"],
            "properties": {
                "changes": {"type": "array", "items": {
                    "type": "object",
                    "required": ["id", "state", "changed_at", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "state": {"enum": ["published", "archived", "merged", "unpublished"]},
                        "changed_at": {"type": "string", "format": "date-time"},
                        "url": {"type": "string"},
                        "merged_into": {"type": ["integer", "null"]},
                    },
                }},
                "next_cursor": {"type": "string"},
                "has_more": {"type": "boolean"},
            },
        }),
    );
    schemas.insert("Clusters".into(), json!({
        "type": "object",
        "required": ["type", "features", "zoom", "total"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "zoom": {"type": "integer"}, "total": {"type": "integer"}, "cell_px": {"type": "number"},
            "features": {"type": "array", "items": point_feature(json!({
                "type": "object", "required": ["cluster"],
                "properties": {"cluster": {"type": "boolean"}, "count": {"type": "integer"}, "expansion_zoom": {"type": ["integer", "null"]}, "id": {"type": "integer"}, "name": {"type": "string"}, "url": {"type": "string"}, "members": {"type": "array"}},
            }))},
        },
    }));
    schemas.insert("Card".into(), json!({
        "type": "object",
        "required": ["id", "name", "url", "kind", "okrug", "lat", "lon"],
        "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}, "url": {"type": "string"},
            "kind": {"type": "string"}, "okrug": {"type": "string"}, "settlement": {"type": "string"},
            "summary": {"type": "string"}, "directions": strings(), "approximate": {"type": "boolean"},
            "verified": {"type": "boolean"}, "stale": {"type": "boolean"},
            "lat": {"type": "number"}, "lon": {"type": "number"},
        },
    }));
    schemas.insert("Okrugs".into(), json!({
        "type": "object",
        "required": ["type", "features", "total", "max_count"],
        "properties": {
            "type": {"const": "FeatureCollection"}, "attribution": {"type": "string"},
            "total": {"type": "integer"}, "max_count": {"type": "integer"},
            "features": {"type": "array", "items": {"type": "object", "required": ["type", "id", "geometry", "properties"], "properties": {
                "properties": {"type": "object", "required": ["slug", "name", "count"], "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "count": {"type": "integer"}}},
            }}},
        },
    }));
    schemas.insert("Ties".into(), json!({
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
                "geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {
                    "type": {"const": "LineString"},
                    "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}}}},
                "properties": {"type": "object", "required": ["from", "to", "kind", "label"], "properties": {
                    "from": {"type": "integer"}, "to": {"type": "integer"},
                    "kind": {"enum": ["joint_project", "mentoring", "resources", "information"]},
                    "label": {"type": "string"}}},
            }}},
        },
    }));
    schemas.insert("Places".into(), json!({
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": point_feature(json!({
                "type": "object", "required": ["name", "label", "kind"],
                "properties": {"name": {"type": "string"}, "label": {"type": "string"}, "kind": {"type": "string"}},
            }))},
        },
    }));
    schemas.insert("HsdsInfo".into(), json!({
        "type": "object",
        "required": ["version", "profile", "openapi_url"],
        "properties": {"version": {"type": "string"}, "profile": {"type": "string", "format": "uri"}, "openapi_url": {"type": "string", "format": "uri"}},
    }));
    schemas.insert("HsdsPage".into(), json!({
        "type": "object",
        "description": "HSDS's Page.",
        "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
        "properties": {
            "total_items": {"type": "integer"}, "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"}, "size": {"type": "integer"},
            "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"}, "contents": {"type": "array"},
        },
    }));
    for (name, text) in HSDS {
        let schema = serde_json::from_str(text)
            .map(clean)
            .unwrap_or_else(|_| json!({}));
        schemas.insert(format!("hsds_{name}"), schema);
    }
    for name in UNPUBLISHED {
        schemas.insert(format!("hsds_{name}"), json!({"type": "object"}));
    }
    Value::Object(schemas)
}
