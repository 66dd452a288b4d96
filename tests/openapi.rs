//! The OpenAPI description against the code: it is OpenAPI 3.1, every public GET route of
//! the router (read from the source) is in it, every path in it answers, and `/api` shows it
//! to people. (schemathesis fuzzes a running server with it: scripts/schemathesis.sh, run by
//! the test command.)

use std::collections::BTreeSet;

use poputchiki_tests::{repo_root, TestApp};
use serde_json::Value;

/// The public GET routes the app registers: every `.route("…", get(…))` in its source whose
/// path is open data (the JSON API, HSDS, the sitemap and robots.txt).
fn public_routes() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![repo_root().join("app/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for piece in text.split(".route(\"").skip(1) {
                let Some((route, rest)) = piece.split_once('"') else {
                    continue;
                };
                let open = route.starts_with("/api/v1/")
                    || route.starts_with("/hsds")
                    || route == "/sitemap.xml"
                    || route == "/robots.txt";
                let get = rest
                    .trim_start_matches(',')
                    .trim_start()
                    .starts_with("get(");
                if open && get {
                    out.insert(route.to_owned());
                }
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_description_covers_every_public_route_and_each_path_answers() {
    let app = TestApp::with_demo().await;
    let page = app.get("/api/v1/openapi.json").await;
    assert_eq!(page.status, 200);
    let doc: Value = serde_json::from_str(&page.body).expect("JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "http://127.0.0.1:3000");
    let paths: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let routes = public_routes();
    assert!(routes.len() > 20, "the routes were read: {routes:?}");
    let missing: Vec<&String> = routes
        .iter()
        .filter(|r| {
            let described = if r.as_str() == "/hsds" {
                "/hsds/"
            } else {
                r.as_str()
            };
            !paths.contains(described) && r.as_str() != "/sitemap-{part}"
        })
        .collect();
    assert!(
        missing.is_empty(),
        "routes missing from the description: {missing:?}"
    );

    // Every described path answers (ids taken from the data itself).
    let hsds_first = |body: &str| -> String {
        let v: Value = serde_json::from_str(body).expect("JSON");
        v["contents"][0]["id"].as_str().expect("an id").to_owned()
    };
    let org_uuid = hsds_first(&app.get("/hsds/organizations?per_page=1").await.body);
    let service = hsds_first(&app.get("/hsds/services?per_page=1").await.body);
    let sal = hsds_first(&app.get("/hsds/service_at_locations?per_page=1").await.body);
    let taxonomy = hsds_first(&app.get("/hsds/taxonomies").await.body);
    let term = hsds_first(&app.get("/hsds/taxonomy_terms?per_page=1").await.body);
    for path in &paths {
        let concrete = match path.as_str() {
            "/api/v1/organizations/{id}" | "/api/v1/map/cards/{id}" => path.replace("{id}", "1"),
            "/hsds/organizations/{id}" => path.replace("{id}", &org_uuid),
            "/hsds/services/{id}" => path.replace("{id}", &service),
            "/hsds/service_at_locations/{id}" => path.replace("{id}", &sal),
            "/hsds/taxonomies/{id}" => path.replace("{id}", &taxonomy),
            "/hsds/taxonomy_terms/{id}" => path.replace("{id}", &term),
            p if p.contains("/map/") || p.contains("places") => format!("{p}?zoom=8"),
            p => p.to_owned(),
        };
        assert!(
            !concrete.contains('{'),
            "{path} has an id this test does not know"
        );
        let status = app.get_bytes(&concrete).await.0;
        assert_eq!(status, 200, "{concrete}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_read_the_description_at_api() {
    let app = TestApp::with_demo().await;
    let page = app.get("/api").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<h1>API «Попутчиков»"),
        "{:.500}",
        page.body
    );
    assert!(page.body.contains("GET /api/v1/search"));
    assert!(page
        .body
        .contains("Поиск организаций с фильтрами и счётчиками"));
    assert!(page.body.contains("GET /hsds/services/{id}"));
    assert!(page.body.contains("href=\"/api/v1/openapi.json\""));
    let slash = app.get("/api/").await;
    assert_eq!(slash.status, 308);
    assert_eq!(slash.headers["location"], "/api");
    // In English with the language cookie, like every page.
    let en = app
        .get_with("/api/v1/openapi.json", &[("cookie", "lang=en")])
        .await;
    assert!(en.body.contains("Search organizations, with facets"));
}
