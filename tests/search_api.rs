//! The public JSON API through the real router: the contract of /api/v1/search and
//! /api/v1/organizations/{id}, and clear 400s for bad input.

#[path = "instances.rs"]
mod instances;

use http::StatusCode;
use poputchiki_tests::TestApp;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let page = app.get(path).await;
    let value = serde_json::from_str(&page.body)
        .unwrap_or_else(|_| panic!("{path}: not JSON: {}", page.body));
    (page.status, value)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_answers_with_the_documented_shape() {
    let app = TestApp::with_demo().await;
    let (status, v) = json(
        &app,
        "/api/v1/search?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C&per_page=5",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["total"].as_u64().unwrap_or(0) > 0);
    assert_eq!(
        (v["page"].as_u64(), v["per_page"].as_u64()),
        (Some(1), Some(5))
    );
    let item = &v["items"][0];
    for key in [
        "id",
        "slug",
        "name",
        "kind",
        "okrug",
        "lat",
        "lon",
        "approximate_location",
        "directions",
        "audiences",
        "snippet",
        "url",
    ] {
        assert!(!item[key].is_null(), "item lacks {key}: {item}");
    }
    assert!(item["distance_km"].is_null(), "no distance without a point");
    for facet in [
        "direction",
        "audience",
        "event_format",
        "kind",
        "okrug",
        "verified",
        "has_needs",
        "accepts_volunteers",
    ] {
        let values = v["facets"][facet]
            .as_array()
            .unwrap_or_else(|| panic!("facet {facet} missing"));
        assert!(values
            .iter()
            .all(|x| x["code"].is_string() && x["label"].is_string() && x["count"].is_u64()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_facets_okrug_slugs_geo_and_paging() {
    let app = TestApp::with_demo().await;
    let (_, one) = json(&app, "/api/v1/search?okrug=ketovsky").await;
    let (_, two) = json(&app, "/api/v1/search?okrug=ketovsky&okrug=kurgan").await;
    assert!(
        two["total"].as_u64() > one["total"].as_u64(),
        "OR within a facet"
    );
    assert!(one["items"]
        .as_array()
        .is_some_and(|a| a.iter().all(|i| i["okrug"] == "ketovsky")));
    let (_, near) = json(
        &app,
        "/api/v1/search?near=55.44905,65.34344&radius_km=20&sort=distance&per_page=100",
    )
    .await;
    let d: Vec<f64> = near["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["distance_km"].as_f64().expect("distance"))
        .collect();
    assert!(!d.is_empty() && d.iter().all(|x| *x <= 20.0) && d.windows(2).all(|w| w[0] <= w[1]));
    let (_, p2) = json(&app, "/api/v1/search?per_page=7&page=2").await;
    assert_eq!(p2["items"].as_array().map(Vec::len), Some(7));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_get_a_clear_400() {
    let app = TestApp::with_demo().await;
    for (path, param) in [
        ("/api/v1/search?bbox=1,2,3", "bbox"),
        ("/api/v1/search?near=91,65", "near"),
        ("/api/v1/search?near=55,65&radius_km=-3", "radius_km"),
        ("/api/v1/search?per_page=101", "per_page"),
        ("/api/v1/search?sort=random", "sort"),
        ("/api/v1/search?direction=flying_saucers", "direction"),
        ("/api/v1/search?okrug=%3Cscript%3E", "okrug"),
        ("/api/v1/search?sort=distance", "sort"),
    ] {
        let (status, v) = json(&app, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(v["params"][0]["param"], param, "{path}: {v}");
        assert!(
            v["params"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_query_text_is_accepted() {
    let app = TestApp::with_demo().await;
    for q in [
        "%22AND%20OR%20NOT%20(%20)%20%3A%20*%20~%20%5E",
        "%F0%9F%99%82",
        &"%D1%8F".repeat(5000),
    ] {
        let (status, _) = json(&app, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organization_records_are_public_json() {
    let app = TestApp::with_demo().await;
    let id: i64 =
        sqlx::query_scalar("select id from organization where inn is not null order by id limit 1")
            .fetch_one(&app.state.db)
            .await
            .expect("id");
    let (status, v) = json(&app, &format!("/api/v1/organizations/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["id"], id);
    assert!(v["url"]
        .as_str()
        .is_some_and(|u| u.starts_with(&format!("/org/{id}-"))));
    assert!(v["services"].is_array() && v["contacts"].is_array() && v["directions"].is_array());
    assert!(v["inn"].is_string());
    assert_eq!(
        json(&app, "/api/v1/organizations/999999").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json(&app, "/api/v1/organizations/abc").await.0,
        StatusCode::NOT_FOUND
    );
}
