//! The map's API through the real router: server-side clusters (nothing lost or counted
//! twice at any zoom, the same organizations as the list for words, new ones at once, the
//! bbox filter exact, at most 300 features), the okrug boundaries
//! with per-okrug counts, the marker card, and clear 400s.

use std::collections::BTreeSet;

use http::StatusCode;
use poputchiki_tests::TestApp;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let page = app.get(path).await;
    let value = serde_json::from_str(&page.body)
        .unwrap_or_else(|_| panic!("{path}: not JSON: {}", page.body));
    (page.status, value)
}

async fn search_total(app: &TestApp, query: &str) -> u64 {
    let (status, v) = json(app, &format!("/api/v1/search?per_page=1&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v["total"].as_u64().expect("total")
}

fn features(v: &Value) -> &Vec<Value> {
    v["features"].as_array().expect("features")
}

/// Sum of the counts, and the ids of single markers (which must be distinct).
fn tally(v: &Value) -> (u64, BTreeSet<i64>) {
    let mut sum = 0;
    let mut ids = BTreeSet::new();
    for f in features(v) {
        let p = &f["properties"];
        if p["cluster"] == Value::Bool(true) {
            sum += p["count"].as_u64().expect("count");
        } else {
            sum += 1;
            assert!(
                ids.insert(p["id"].as_i64().expect("id")),
                "marker twice: {p}"
            );
        }
    }
    (sum, ids)
}

/// Every zoom's clusters of the whole region (the default view) add up to the list's
/// total for each filter, asked twice (the second answer is the kept view).
async fn region_views_add_up(app: &TestApp) {
    for filters in ["", "direction=social_services", "audience=elderly&kind=ngo"] {
        let total = search_total(app, filters).await;
        assert!(total > 0, "{filters}: no organizations");
        for zoom in 0..=20 {
            for _ in 0..2 {
                let (status, v) =
                    json(app, &format!("/api/v1/map/clusters?zoom={zoom}&{filters}")).await;
                assert_eq!(status, StatusCode::OK, "{v}");
                assert_eq!(v["type"], "FeatureCollection");
                assert!(features(&v).len() <= 300);
                let (sum, _) = tally(&v);
                assert_eq!(sum, total, "zoom {zoom}, filters {filters:?}");
                assert_eq!(v["total"].as_u64(), Some(total));
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_counts_add_up_to_the_search_total_at_every_zoom() {
    let app = TestApp::with_demo().await;
    region_views_add_up(&app).await;
    // A new organization (of every filter above) changes the kept region-wide views.
    let before = search_total(&app, "audience=elderly&kind=ngo").await;
    app.import_json(
        r#"[{"name": "Клуб «Шелкопряды»", "kind": "ngo", "okrug": "ketovsky",
             "directions": ["social_services"], "audiences": ["elderly"]}]"#,
    )
    .await;
    assert_eq!(
        search_total(&app, "audience=elderly&kind=ngo").await,
        before + 1
    );
    region_views_add_up(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_shows_what_the_list_finds_for_words() {
    let app = TestApp::with_demo().await;
    // Whole region, and Kurgan city's centre, where a few words match fewer than ten
    // organizations and the list also admits those missing one word.
    let boxes = ["", "&bbox=65.28,55.40,65.40,55.48"];
    for q in [
        "помощь+",
        "совет+ветеранов+",
        "помощь+пож",
        "валантёры+",
        "библиотека+детям+",
    ] {
        for bbox in boxes {
            let query = format!("q={q}{bbox}");
            let total = search_total(&app, &query).await;
            // Twice: the second answer comes from the kept word set and must not differ.
            for _ in 0..2 {
                let (status, v) =
                    json(&app, &format!("/api/v1/map/clusters?zoom=12&{query}")).await;
                assert_eq!(status, StatusCode::OK, "{v}");
                assert_eq!(tally(&v).0, total, "{query}");
            }
        }
    }
    // A new organization is on the map for its words at once, though they were asked for
    // (and found nowhere) just before.
    let word = "q=шелкопряды+";
    let (_, before) = json(&app, &format!("/api/v1/map/clusters?zoom=8&{word}")).await;
    assert_eq!(before["total"].as_u64(), Some(0), "{before}");
    app.import_json(r#"[{"name": "Клуб «Шелкопряды»", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await;
    let (_, after) = json(&app, &format!("/api/v1/map/clusters?zoom=8&{word}")).await;
    assert_eq!(after["total"].as_u64(), Some(1), "{after}");
    assert_eq!(search_total(&app, word).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markers_and_clusters_carry_what_the_map_needs() {
    let app = TestApp::with_demo().await;
    let (_, v) = json(&app, "/api/v1/map/clusters?zoom=7").await;
    let clusters: Vec<&Value> = features(&v)
        .iter()
        .filter(|f| f["properties"]["cluster"] == Value::Bool(true))
        .collect();
    assert!(
        !clusters.is_empty(),
        "300 organizations at zoom 7 make clusters"
    );
    for c in clusters {
        assert_eq!(c["geometry"]["type"], "Point");
        let p = &c["properties"];
        assert!(p["count"].as_u64().unwrap_or(0) >= 2);
        if let Some(z) = p["expansion_zoom"].as_u64() {
            assert!(z > 7, "a cluster expands deeper: {p}");
        }
    }
    // At the deepest zoom only organizations at the very same spot (approximate locations
    // at a settlement centre) stay together, and then they are listed.
    let (_, deep) = json(&app, "/api/v1/map/clusters?zoom=20").await;
    for f in features(&deep) {
        let p = &f["properties"];
        if p["cluster"] == Value::Bool(true) {
            assert!(p["expansion_zoom"].is_null(), "{p}");
            let members = p["members"].as_array().expect("members");
            let count = p["count"].as_u64().unwrap_or(0) as usize;
            assert_eq!(members.len(), count.min(20));
            assert!(members[0]["url"]
                .as_str()
                .unwrap_or("")
                .starts_with("/org/"));
        } else {
            for key in ["id", "name", "kind", "url", "approximate"] {
                assert!(!p[key].is_null(), "marker lacks {key}: {p}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bbox_filter_is_exact() {
    let app = TestApp::with_demo().await;
    // Kurgan city and its surroundings.
    let (min_lon, min_lat, max_lon, max_lat) = (65.1, 55.3, 65.6, 55.6);
    let bbox = format!("bbox={min_lon},{min_lat},{max_lon},{max_lat}");
    let total = search_total(&app, &bbox).await;
    let all = search_total(&app, "").await;
    assert!(total > 0 && total < all, "{total} of {all}");
    let (_, v) = json(&app, &format!("/api/v1/map/clusters?zoom=17&{bbox}")).await;
    let (sum, _) = tally(&v);
    assert_eq!(sum, total);
    for f in features(&v) {
        let c = &f["geometry"]["coordinates"];
        let (lon, lat) = (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(0.0));
        assert!(
            (min_lon..=max_lon).contains(&lon) && (min_lat..=max_lat).contains(&lat),
            "outside the box: {f}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_bbox_or_zoom_get_a_clear_400() {
    let app = TestApp::with_demo().await;
    for (path, param) in [
        ("/api/v1/map/clusters?bbox=1,2,3", "bbox"),
        ("/api/v1/map/clusters?zoom=7&bbox=66,55,65,56", "bbox"),
        ("/api/v1/map/clusters", "zoom"),
        ("/api/v1/map/clusters?zoom=21", "zoom"),
        ("/api/v1/map/clusters?zoom=-1", "zoom"),
        ("/api/v1/map/clusters?zoom=abc", "zoom"),
        (
            "/api/v1/map/clusters?zoom=5&direction=nonsense",
            "direction",
        ),
        ("/api/v1/okrugs.geojson?audience=nonsense", "audience"),
    ] {
        let (status, v) = json(&app, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {v}");
        let params: Vec<&str> = v["params"]
            .as_array()
            .expect("params")
            .iter()
            .filter_map(|p| p["param"].as_str())
            .collect();
        assert!(params.contains(&param), "{path}: {params:?}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn okrug_boundaries_carry_counts_for_the_filters() {
    let app = TestApp::with_demo().await;
    let (status, v) = json(&app, "/api/v1/okrugs.geojson").await;
    assert_eq!(status, StatusCode::OK);
    let okrugs = features(&v);
    assert_eq!(okrugs.len(), 26);
    for o in okrugs {
        assert_eq!(o["geometry"]["type"], "MultiPolygon");
        assert!(o["properties"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()));
    }
    let sum = |v: &Value| -> u64 {
        features(v)
            .iter()
            .map(|o| o["properties"]["count"].as_u64().unwrap_or(0))
            .sum()
    };
    assert_eq!(sum(&v), search_total(&app, "").await);
    assert!(v["attribution"]
        .as_str()
        .is_some_and(|a| a.contains("OpenStreetMap")));

    let filter = "audience=elderly";
    let (_, filtered) = json(&app, &format!("/api/v1/okrugs.geojson?{filter}")).await;
    assert_eq!(sum(&filtered), search_total(&app, filter).await);
    assert!(sum(&filtered) < sum(&v));
    // Each okrug's count is that okrug's search total; an okrug filter does not blank the
    // other okrugs (the choropleth shows the whole region).
    let (_, with_okrug) = json(
        &app,
        &format!("/api/v1/okrugs.geojson?{filter}&okrug=shumikhinsky"),
    )
    .await;
    for o in features(&with_okrug) {
        let slug = o["properties"]["slug"].as_str().expect("slug");
        let expected = search_total(&app, &format!("{filter}&okrug={slug}")).await;
        assert_eq!(o["properties"]["count"].as_u64(), Some(expected), "{slug}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_marker_card_names_the_organization_in_russian() {
    let app = TestApp::with_demo().await;
    let (_, s) = json(&app, "/api/v1/search?per_page=1").await;
    let id = s["items"][0]["id"].as_i64().expect("id");
    let (status, card) = json(&app, &format!("/api/v1/map/cards/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(card["name"], s["items"][0]["name"]);
    assert_eq!(card["url"], s["items"][0]["url"]);
    let kind = card["kind"].as_str().expect("kind label");
    assert!(
        kind.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
        "{kind}"
    );
    assert!(card["directions"].as_array().is_some_and(|d| !d.is_empty()));
    assert_eq!(
        app.get("/api/v1/map/cards/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/map/cards/abc").await.status,
        StatusCode::NOT_FOUND
    );
}
