//! "My village": the okrug list leads to the okrug's villages from the gazetteer, each a link
//! to the search near it; the results come nearest first and the picker shows the village.

use poputchiki_tests::TestApp;

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dlat, dlon) = ((a.0 - b.0).to_radians(), (a.1 - b.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2)
        + a.0.to_radians().cos() * b.0.to_radians().cos() * (dlon / 2.0).sin().powi(2);
    12_742.0 * h.sqrt().asin()
}

/// The (lat, lon) of every card on a results page, in order.
fn card_points(body: &str) -> Vec<(f64, f64)> {
    body.split("data-lat=\"")
        .skip(1)
        .filter_map(|rest| {
            let lat: f64 = rest.split('"').next()?.parse().ok()?;
            let lon_at = rest.find("data-lon=\"")? + "data-lon=\"".len();
            let lon: f64 = rest[lon_at..].split('"').next()?.parse().ok()?;
            Some((lat, lon))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_villager_picks_their_village_and_gets_the_nearest_first() {
    let app = TestApp::with_demo().await;
    let okrugs = app.get("/places").await;
    assert!(
        okrugs.body.contains("/places?okrug=shumikhinsky"),
        "{}",
        okrugs.body
    );
    let villages = app.get("/places?okrug=shumikhinsky").await;
    assert!(
        villages.body.contains("Кипель"),
        "the gazetteer's villages are listed"
    );
    let start = villages.body.find("Кипель").expect("Кипель");
    let href_at = villages.body[..start].rfind("href=\"").expect("a link") + 6;
    let href = villages.body[href_at..]
        .split('"')
        .next()
        .expect("href")
        .replace("&amp;", "&");
    assert!(href.starts_with("/?near=55.30110,63.08610"), "{href}");

    let results = app.get(&href).await;
    let kipel = (55.3011, 63.0861);
    let points = card_points(&results.body);
    assert!(
        points.len() >= 3,
        "organizations within 25 km: {}",
        points.len()
    );
    let d: Vec<f64> = points.iter().map(|p| distance(kipel, *p)).collect();
    assert!(
        d.windows(2).all(|w| w[0] <= w[1] + 1e-6),
        "nearest first: {d:?}"
    );
    assert!(d.iter().all(|x| *x <= 25.5), "within the radius: {d:?}");
    assert!(
        results.body.contains("Кипель ("),
        "the picker shows the chosen village"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_labels_villages_from_a_middle_zoom_on_larger_ones_first() {
    let app = TestApp::empty().await;
    let bbox = "62.9,55.0,63.6,55.45"; // around Шумиха
    let far = app
        .get(&format!("/api/v1/places.geojson?bbox={bbox}&zoom=8"))
        .await;
    let far: serde_json::Value = serde_json::from_str(&far.body).expect("json");
    assert_eq!(
        far["features"].as_array().map(Vec::len),
        Some(0),
        "okrug names are enough"
    );
    let near = app
        .get(&format!("/api/v1/places.geojson?bbox={bbox}&zoom=10"))
        .await;
    let near: serde_json::Value = serde_json::from_str(&near.body).expect("json");
    let names: Vec<&str> = near["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str())
        .collect();
    assert_eq!(names.first(), Some(&"Шумиха"), "the town first: {names:?}");
    assert!(names.contains(&"Кипель"), "{names:?}");
    let bad = app.get("/api/v1/places.geojson?zoom=много").await;
    assert_eq!(bad.status, http::StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_a_village_suggests_it_with_its_okrug_and_point() {
    let app = TestApp::empty().await;
    let find = |q: &str| format!("/api/places/find?q={}", poputchiki_tests::encode(q));
    let page = app.get(&find("кип")).await;
    assert_eq!(page.status, http::StatusCode::OK, "{}", page.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    let options = json.as_array().expect("a list");
    let kipel = options
        .iter()
        .find(|o| o["label"].as_str().is_some_and(|l| l.contains("Кипель")))
        .expect("Кипель is suggested");
    assert_eq!(kipel["value"], "55.30110,63.08610");
    assert!(kipel["label"]
        .as_str()
        .is_some_and(|l| l.contains("Шумихинский")));
    // Towns come before villages that start the same way.
    let page = app.get(&find("Ш")).await;
    assert_eq!(page.body, "[]", "one letter matches too much to be useful");
    let page = app.get(&find("шу")).await;
    let first =
        serde_json::from_str::<serde_json::Value>(&page.body).expect("json")[0]["label"].clone();
    assert_eq!(first, "г. Шумиха (Шумихинский)");
    // Whatever a visitor sends, the answer stays small.
    let page = app.get(&find(&"а".repeat(5000))).await;
    assert_eq!(page.status, http::StatusCode::OK);
    let page = app.get(&find("ка")).await;
    let n = serde_json::from_str::<serde_json::Value>(&page.body)
        .expect("json")
        .as_array()
        .map_or(0, Vec::len);
    assert!((1..=10).contains(&n), "{n}");
}
