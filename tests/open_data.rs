//! Downloads of a search view through the real router: the CSV that Russian Excel opens
//! (byte-order mark, `;`, Russian headings, formulas neutralized), the workbook with its
//! «О данных» sheet, GeoJSON in lon/lat order, JSON Lines that an empty instance imports
//! back into the same directory, exactly the view's organizations, and nothing private.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use http::StatusCode;
use poputchiki_tests::TestApp;
use serde_json::Value;

#[path = "open_data_feed.rs"]
mod feed;

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// The CSV's rows after the byte-order mark, split on `;` as a spreadsheet does.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

async fn search_total(app: &TestApp, query: &str) -> u64 {
    let page = app.get(&format!("/api/v1/search?{query}")).await;
    let v: Value = serde_json::from_str(&page.body).expect("JSON");
    v["total"].as_u64().expect("total")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_opens_in_russian_excel_and_lists_exactly_the_view() {
    let app = TestApp::with_demo().await;
    let page = app.get("/api/v1/search?per_page=1").await;
    let v: Value = serde_json::from_str(&page.body).expect("JSON");
    let okrug = v["facets"]["okrug"]
        .as_array()
        .and_then(|a| a.iter().find(|o| o["count"].as_u64() > Some(3)))
        .and_then(|o| o["code"].as_str())
        .expect("an okrug with organizations")
        .to_owned();
    let view = format!("okrug={okrug}&sort=name");
    let (status, headers, body) = app
        .get_bytes(&format!("/api/v1/organizations.csv?{view}&page=3"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"poputchiki-kurgan-"),
        "{disposition}"
    );
    assert!(disposition.ends_with(".csv\""), "{disposition}");
    assert_eq!(
        headers["link"],
        "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""
    );
    let rows = csv_rows(&body);
    let head = &rows[0];
    for heading in [
        "Название",
        "ИНН",
        "ОГРН",
        "Округ",
        "Широта",
        "Долгота",
        "Направления",
        "Обновлено",
        "Проверено сотрудниками",
    ] {
        assert!(
            head.iter().any(|h| h == heading),
            "no «{heading}» column in {head:?}"
        );
    }
    assert!(
        rows.iter().all(|r| r.len() == head.len()),
        "every row has every column"
    );
    // Every organization of the view, paging ignored, in the view's order.
    let total = search_total(&app, &view).await;
    assert_eq!(rows.len() as u64 - 1, total);
    assert_eq!(headers["x-total-count"], total.to_string().as_str());
    let col = |name: &str| head.iter().position(|h| h == name).expect("column");
    let okrug_code = col("Код округа");
    assert!(
        rows[1..].iter().all(|r| r[okrug_code] == okrug),
        "only the okrug's organizations"
    );
    let api = app
        .get(&format!("/api/v1/search?{view}&per_page=100"))
        .await;
    let api: Value = serde_json::from_str(&api.body).expect("JSON");
    let first_names: Vec<&str> = api["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    let names: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col("Название")].as_str())
        .collect();
    assert_eq!(
        names[..first_names.len()],
        first_names[..],
        "the view's order"
    );
    // The whole directory without parameters.
    let (_, _, all) = app.get_bytes("/api/v1/organizations.csv").await;
    assert_eq!(
        csv_rows(&all).len() as u64 - 1,
        search_total(&app, "").await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cells_that_look_like_formulas_are_neutralized() {
    let app = TestApp::empty().await;
    let report = app
        .import_json(
            r#"[{"name": "=HYPERLINK(\"http://evil.example\",\"Жми\")", "okrug": "ketovsky",
                 "kind": "ngo", "summary": "@SUM(1+1)", "phone": "+7 912 000-00-00"},
                {"name": "-2+3 Совет ветеранов", "okrug": "ketovsky", "kind": "ngo"}]"#,
        )
        .await;
    assert_eq!(report.created, 2, "{report:?}");
    let (_, _, body) = app.get_bytes("/api/v1/organizations.csv").await;
    let rows = csv_rows(&body);
    for row in &rows[1..] {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    let all: Vec<&String> = rows.iter().flatten().collect();
    assert!(all
        .iter()
        .any(|c| c.as_str() == "'=HYPERLINK(\"http://evil.example\",\"Жми\")"));
    assert!(
        all.iter().any(|c| c.as_str() == "'+7 912 000-00-00"),
        "the phone kept, made inert"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workbook_has_the_rows_and_a_sheet_about_the_data() {
    let app = TestApp::with_demo().await;
    let (status, headers, body) = app
        .get_bytes("/api/v1/organizations.xlsx?q=%D0%B4%D0%B5%D1%82%D0%B8")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut book = Xlsx::new(Cursor::new(body)).expect("a workbook");
    assert_eq!(book.sheet_names(), vec!["Организации", "О данных"]);
    let sheet = book.worksheet_range("Организации").expect("the sheet");
    let total = search_total(&app, "q=%D0%B4%D0%B5%D1%82%D0%B8").await;
    assert!(total > 0);
    assert_eq!(sheet.height() as u64, total + 1);
    assert_eq!(
        sheet.get((0, 1)).map(|c| c.to_string()),
        Some("Название".into())
    );
    let lat = sheet.get((1, 12)).expect("a latitude");
    assert!(
        matches!(lat, calamine::Data::Float(x) if (54.0..57.0).contains(x)),
        "{lat:?}"
    );
    let about = book.worksheet_range("О данных").expect("the about sheet");
    let about: String = about
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(about.contains("CC BY 4.0"), "{about}");
    assert!(
        about.contains("OpenStreetMap"),
        "the boundaries' attribution: {about}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn geojson_is_a_feature_collection_in_lon_lat_order() {
    let app = TestApp::with_demo().await;
    let (status, headers, body) = app.get_bytes("/api/v1/organizations.geojson").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/geo+json");
    let v: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["license"], "CC-BY-4.0");
    let features = v["features"].as_array().expect("features");
    assert_eq!(features.len() as u64, search_total(&app, "").await);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"]
            .as_array()
            .expect("coordinates");
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        // Kurgan Oblast: longitude 61–69° E, latitude 54–57° N.
        assert!(
            (61.0..69.0).contains(&lon) && (54.0..57.0).contains(&lat),
            "{c:?}"
        );
        assert!(f["properties"]["name"].is_string() && f["properties"]["directions"].is_array());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_lines_import_into_an_empty_instance_reproduces_the_directory() {
    let first = TestApp::with_demo().await;
    let (status, _, exported) = first.get_bytes("/api/v1/organizations.jsonl").await;
    assert_eq!(status, StatusCode::OK);
    let lines: BTreeSet<&str> = text(&exported).lines().collect();
    assert_eq!(lines.len() as u64, search_total(&first, "").await);
    let second = TestApp::empty().await;
    let report = second.import_file("poputchiki.jsonl", &exported).await;
    assert_eq!(
        report.created as u64,
        search_total(&first, "").await,
        "{report:?}"
    );
    let (_, _, again) = second.get_bytes("/api/v1/organizations.jsonl").await;
    let again: BTreeSet<&str> = text(&again).lines().collect();
    let lost: Vec<_> = lines.difference(&again).take(2).collect();
    assert!(
        lost.is_empty(),
        "changed on the way: {lost:?}\nbecame {:?}",
        again.difference(&lines).take(2).collect::<Vec<_>>()
    );
    assert_eq!(
        search_total(&second, "").await,
        search_total(&first, "").await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_refuse_bad_parameters_with_the_api_error() {
    let app = TestApp::empty().await;
    let (status, _, body) = app
        .get_bytes("/api/v1/organizations.csv?direction=flying_saucers&sort=random")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let v: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(v["error"], "bad_request");
    assert!(v["params"].as_array().is_some_and(|p| !p.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_page_links_its_downloads() {
    let app = TestApp::with_demo().await;
    let page = app.get("/?q=%D0%B4%D0%B5%D1%82%D0%B8&page=2").await;
    assert!(
        page.body
            .contains("href=\"/api/v1/organizations.csv?q=%D0%B4%D0%B5%D1%82%D0%B8\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("/api/v1/organizations.geojson?q="));
    assert!(
        page.body.contains("href=\"/api/v1/organizations.xlsx\""),
        "the whole directory"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_published_data_is_downloaded() {
    let app = TestApp::empty().await;
    let report = app
        .import_json(
            r#"[{"name": "Совет ветеранов Кетово", "okrug": "ketovsky", "kind": "ngo"},
                {"name": "Ожидает проверки МАРКЕР-1", "okrug": "ketovsky", "kind": "ngo"},
                {"name": "Больше не работает МАРКЕР-2", "okrug": "ketovsky", "kind": "ngo"}]"#,
        )
        .await;
    assert_eq!(report.created, 3, "{report:?}");
    let kept = app.org_id("Кетово").await;
    let pending = app.org_id("МАРКЕР-1").await;
    let gone = app.org_id("МАРКЕР-2").await;
    let db = &app.state.db;
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(pending)
        .execute(db)
        .await
        .expect("pending");
    poputchiki_core::organizations::store::archive::archive(db, gone, "закрылись")
        .await
        .expect("archived");
    sqlx::query("update organization set moderation_note = 'МАРКЕР-3' where id = $1")
        .bind(kept)
        .execute(db)
        .await
        .expect("note");
    poputchiki_core::editing::store::add_verification(
        db,
        kept,
        "visit",
        "Иванова МАРКЕР-4",
        "МАРКЕР-5",
    )
    .await
    .expect("verified");
    app.state
        .search
        .refresh(db, &[kept, pending, gone])
        .await
        .expect("refresh");
    for ext in ["csv", "geojson", "jsonl"] {
        let (status, _, body) = app.get_bytes(&format!("/api/v1/organizations.{ext}")).await;
        assert_eq!(status, StatusCode::OK);
        let body = text(&body);
        assert!(body.contains("Совет ветеранов Кетово"), "{ext}: {body}");
        assert!(!body.contains("МАРКЕР"), "{ext} leaks: {body}");
    }
    let (_, headers, body) = app.get_bytes("/api/v1/organizations.csv").await;
    assert_eq!(headers["x-total-count"], "1");
    let rows = csv_rows(&body);
    let verified = rows[0]
        .iter()
        .position(|h| h == "Проверено сотрудниками")
        .expect("column");
    assert_eq!(
        rows[1][verified].len(),
        10,
        "the check's date is public: {:?}",
        rows[1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compressed_download_arrives_whole() {
    let app = TestApp::with_demo().await;
    for encoding in ["br", "gzip"] {
        // A browser asks for compression; the body must end cleanly (it once panicked here).
        let page = app
            .get_with(
                "/api/v1/organizations.csv",
                &[("accept-encoding", encoding)],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.headers["content-encoding"], encoding);
        assert!(page.body.len() > 1000);
    }
}
