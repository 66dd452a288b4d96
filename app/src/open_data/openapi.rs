//! The OpenAPI 3.1 description of every public endpoint (search, records, downloads, the
//! map, changes, HSDS, the sitemap), built from the code's own limits and the region's
//! vocabularies, served at `/api/v1/openapi.json`; `/api/` renders it for people. A test
//! checks it against the router's routes, and schemathesis fuzzes the running server with it.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use poputchiki_core::export::changes::MAX_LIMIT;
use poputchiki_core::hsds::api::{MAX_PAGE as HSDS_MAX_PAGE, MAX_PER_PAGE as HSDS_MAX_PER_PAGE};
use poputchiki_core::region::RegionCatalog;
use poputchiki_core::search::params::MAX_PER_PAGE;
use serde_json::{json, Map, Value};

use super::openapi_params::{
    calendar_params, filters, hsds_list, id_param, or_empty, paging, query,
};
use crate::i18n::I18n;
use crate::state::AppState;
use crate::web::extract::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(serve))
        // The page for people is `/api`; `/api/` is where people also type it.
        .route(
            "/api/",
            get(|| async { axum::response::Redirect::permanent("/api") }),
        )
}

async fn serve(State(state): State<AppState>, Lang(t): Lang) -> Response {
    Json(description(&state.region, &state.config.public_url, &t)).into_response()
}

fn json_body(schema: &str) -> Value {
    json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}})
}

/// The answers every endpoint may give besides its 200.
fn with_errors(ok: Value, codes: &[u16]) -> Value {
    let mut r = Map::new();
    r.insert("200".into(), ok);
    for code in codes {
        let (what, schema) = match code {
            400 => ("A parameter was not understood.", "BadParameters"),
            404 => ("No such public object.", "Error"),
            _ => (
                "Too many requests at once or from this address: try again later.",
                "Error",
            ),
        };
        r.insert(
            code.to_string(),
            json!({"description": what, "content": json_body(schema)}),
        );
    }
    Value::Object(r)
}

fn op(summary: &str, params: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"summary": summary, "parameters": params, "responses": responses}})
}

fn ok_json(what: &str, schema: &str) -> Value {
    json!({"description": what, "content": json_body(schema)})
}

/// A file: JSON ones are an object (GeoJSON) or an array; the rest are bytes.
fn ok_file(what: &str, mime: &str) -> Value {
    let schema = match mime {
        "application/geo+json" => json!({"type": "object", "required": ["type", "features"]}),
        "application/json" => json!({"type": "array"}),
        _ => json!({"type": "string"}),
    };
    json!({"description": what, "content": {mime: {"schema": schema}}})
}

/// A GeoJSON answer with its schema.
fn ok_geojson(what: &str, schema: &str) -> Value {
    json!({"description": what, "content": {"application/geo+json": {
        "schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn hsds_page(what: &str, item: &str) -> Value {
    json!({"description": what, "content": {
        "application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/HsdsPage"}, {
            "properties": {"contents": {"type": "array", "items": {"$ref": format!("#/components/schemas/hsds_{item}")}}}}]}},
        "application/x-ndjson": {"schema": {"type": "string"}},
    }})
}

/// OpenAPI links from a list's answer to its items (`expr` picks the first item's id), so
/// a client, or a fuzzer, can walk from one to the other.
fn link(paths: &mut Map<String, Value>, list: &str, item: &str, op_id: &str, expr: &str) {
    if let Some(get) = paths.get_mut(item).and_then(|p| p.get_mut("get")) {
        get["operationId"] = op_id.into();
    }
    let ok = paths
        .get_mut(list)
        .and_then(|p| p.get_mut("get"))
        .and_then(|g| g.get_mut("responses"))
        .and_then(|r| r.get_mut("200"));
    if let Some(ok) = ok {
        ok["links"][op_id] = json!({"operationId": op_id, "parameters": {"id": expr}});
    }
}

/// The whole description for this region and public address, its words in `t`'s language.
pub fn description(catalog: &RegionCatalog, site: &str, t: &I18n) -> Value {
    let site = site.trim_end_matches('/');
    let search_params = || {
        let mut p = filters(catalog, t);
        p.extend(paging(10_000, MAX_PER_PAGE, true, t));
        p
    };
    let mut paths = Map::new();
    let mut add = |path: &str, v: Value| {
        paths.insert(path.to_owned(), v);
    };
    add(
        "/api/v1/search",
        op(
            &t.t("api-op-search"),
            search_params(),
            with_errors(ok_json("Results", "SearchResponse"), &[400, 429]),
        ),
    );
    add(
        "/api/v1/organizations/{id}",
        op(
            &t.t("api-op-record"),
            vec![id_param(&t.t("api-p-org-id"))],
            with_errors(ok_json("The record", "Organization"), &[404]),
        ),
    );
    for (ext, mime, what) in [
        ("csv", "text/csv", &t.t("api-op-csv")),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &t.t("api-op-xlsx"),
        ),
        ("geojson", "application/geo+json", &t.t("api-op-geojson")),
        ("jsonl", "application/jsonl", &t.t("api-op-jsonl")),
    ] {
        add(
            &format!("/api/v1/organizations.{ext}"),
            op(
                what,
                search_params(),
                with_errors(ok_file(what, mime), &[400, 429]),
            ),
        );
    }
    add(
        "/api/v1/changes",
        op(
            &t.t("api-op-changes"),
            vec![
                query(
                    "since",
                    or_empty(json!({"type": "string", "format": "date-time"})),
                    &t.t("api-p-since"),
                ),
                query(
                    "cursor",
                    or_empty(json!({"type": "string", "pattern": "^-?[0-9]{1,18}$"})),
                    &t.t("api-p-cursor"),
                ),
                query(
                    "limit",
                    or_empty(json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT})),
                    &t.t("api-p-limit"),
                ),
            ],
            with_errors(ok_json("Changes", "Changes"), &[400]),
        ),
    );
    let mut map_params = vec![
        json!({"name": "zoom", "in": "query", "required": true, "description": &t.t("api-p-zoom"), "schema": {"type": "number", "minimum": 0, "maximum": 20}}),
    ];
    map_params.extend(filters(catalog, t));
    add(
        "/api/v1/map/clusters",
        op(
            &t.t("api-op-clusters"),
            map_params,
            with_errors(ok_geojson("Clusters", "Clusters"), &[400, 429]),
        ),
    );
    add(
        "/api/v1/map/cards/{id}",
        op(
            &t.t("api-op-card"),
            vec![id_param(&t.t("api-p-org-id"))],
            with_errors(ok_json("The card", "Card"), &[404]),
        ),
    );
    add(
        "/api/v1/okrugs.geojson",
        op(
            &t.t("api-op-okrugs"),
            filters(catalog, t),
            with_errors(ok_geojson("Okrugs", "Okrugs"), &[400, 429]),
        ),
    );
    add(
        "/api/v1/map/ties.geojson",
        op(
            &t.t("api-op-ties"),
            filters(catalog, t),
            with_errors(ok_geojson("Ties", "Ties"), &[400, 429]),
        ),
    );
    add(
        "/feed.atom",
        op(
            &t.t("api-op-feed"),
            filters(catalog, t),
            with_errors(ok_file("Atom", "application/atom+xml"), &[400, 429]),
        ),
    );
    add(
        "/events.ics",
        op(
            &t.t("api-op-ical"),
            calendar_params(catalog, t),
            with_errors(ok_file("iCalendar", "text/calendar"), &[]),
        ),
    );
    add(
        "/api/v1/places.geojson",
        op(
            &t.t("api-op-places"),
            vec![
                json!({"name": "zoom", "in": "query", "required": true, "description": &t.t("api-p-zoom"), "schema": {"type": "number", "minimum": 0, "maximum": 20}}),
                query("bbox", json!({"type": "string"}), &t.t("api-p-bbox")),
            ],
            with_errors(ok_geojson("Places", "Places"), &[400]),
        ),
    );
    add(
        "/hsds/",
        op(
            &t.t("api-op-hsds"),
            vec![],
            with_errors(ok_json("About", "HsdsInfo"), &[]),
        ),
    );
    for (path, item, what) in [
        (
            "organizations",
            "organization",
            &t.t("api-op-hsds-organizations"),
        ),
        ("services", "service", &t.t("api-op-hsds-services")),
        (
            "service_at_locations",
            "service_at_location",
            &t.t("api-op-hsds-sal"),
        ),
    ] {
        add(
            &format!("/hsds/{path}"),
            op(
                what,
                hsds_list(t),
                with_errors(hsds_page(what, item), &[400, 429]),
            ),
        );
        add(
            &format!("/hsds/{path}/{{id}}"),
            op(
                what,
                vec![id_param(&t.t("api-p-uuid"))],
                with_errors(ok_json(what, &format!("hsds_{item}")), &[404]),
            ),
        );
    }
    for (path, item) in [
        ("taxonomies", "taxonomy"),
        ("taxonomy_terms", "taxonomy_term"),
    ] {
        let mut params = vec![
            query("search", json!({"type": "string"}), &t.t("api-p-words")),
            query(
                "format",
                json!({"enum": ["json", "ndjson", ""]}),
                &t.t("api-p-format"),
            ),
        ];
        if path == "taxonomy_terms" {
            params.push(query(
                "taxonomy_id",
                or_empty(json!({"type": "string", "format": "uuid"})),
                &t.t("api-p-taxonomy"),
            ));
        }
        params.extend(paging(HSDS_MAX_PAGE, HSDS_MAX_PER_PAGE, false, t));
        add(
            &format!("/hsds/{path}"),
            op(item, params, with_errors(hsds_page(item, item), &[400])),
        );
        add(
            &format!("/hsds/{path}/{{id}}"),
            op(
                item,
                vec![id_param(&t.t("api-p-uuid"))],
                with_errors(ok_json(item, &format!("hsds_{item}")), &[404]),
            ),
        );
    }
    add(
        "/api/v1/hsds.zip",
        op(
            &t.t("api-op-hsds-zip"),
            vec![],
            with_errors(ok_file("A zip", "application/zip"), &[429]),
        ),
    );
    add(
        "/api/v1/hsds.json",
        op(
            &t.t("api-op-hsds-json"),
            vec![],
            with_errors(ok_file("A JSON array", "application/json"), &[429]),
        ),
    );
    add(
        "/api/v1/openapi.json",
        op(
            &t.t("api-op-openapi"),
            vec![],
            with_errors(
                json!({"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}),
                &[],
            ),
        ),
    );
    add(
        "/sitemap.xml",
        op(
            &t.t("api-op-sitemap"),
            vec![],
            with_errors(ok_file("XML", "application/xml"), &[429]),
        ),
    );
    add(
        "/robots.txt",
        op(
            &t.t("api-op-robots"),
            vec![],
            with_errors(ok_file("Text", "text/plain"), &[]),
        ),
    );
    let first = "$response.body#/contents/0/id";
    for (list, item, id) in [
        (
            "/hsds/organizations",
            "/hsds/organizations/{id}",
            "hsdsOrganization",
        ),
        ("/hsds/services", "/hsds/services/{id}", "hsdsService"),
        (
            "/hsds/service_at_locations",
            "/hsds/service_at_locations/{id}",
            "hsdsServiceAtLocation",
        ),
        ("/hsds/taxonomies", "/hsds/taxonomies/{id}", "hsdsTaxonomy"),
        (
            "/hsds/taxonomy_terms",
            "/hsds/taxonomy_terms/{id}",
            "hsdsTaxonomyTerm",
        ),
    ] {
        link(&mut paths, list, item, id, first);
    }
    let hit = "$response.body#/items/0/id";
    link(
        &mut paths,
        "/api/v1/search",
        "/api/v1/organizations/{id}",
        "organization",
        hit,
    );
    link(
        &mut paths,
        "/api/v1/search",
        "/api/v1/map/cards/{id}",
        "mapCard",
        hit,
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Poputchiki open data API",
            "version": "1",
            "description": "Read-only, no key. Data under CC BY 4.0 (credit: «Попутчики»); okrug boundaries © OpenStreetMap contributors, ODbL. Fields may be added, never renamed or removed.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": site}],
        "paths": paths,
        "components": {"schemas": super::openapi_schemas::components()},
    })
}
