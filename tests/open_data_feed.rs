//! The changes feed a mirror syncs by, and the «Открытые данные» page every page links to
//! (a module of the `open_data` test binary).

use http::StatusCode;
use poputchiki_tests::TestApp;
use serde_json::Value;

async fn changes(app: &TestApp, query: &str) -> Value {
    let page = app.get(&format!("/api/v1/changes?{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    serde_json::from_str(&page.body).expect("JSON")
}

fn ids_and_states(v: &Value) -> Vec<(i64, String)> {
    v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().expect("id"),
                c["state"].as_str().expect("state").to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_changes_feed_tells_a_mirror_what_to_fetch_and_drop() {
    let app = TestApp::empty().await;
    app.import_json(
        r#"[{"name": "Совет ветеранов Кетово", "okrug": "ketovsky", "kind": "ngo"},
            {"name": "Клуб «Рассвет»", "okrug": "ketovsky", "kind": "initiative_group"},
            {"name": "Библиотека Лесников", "okrug": "ketovsky", "kind": "state_institution"}]"#,
    )
    .await;
    let (a, b, c) = (
        app.org_id("Кетово").await,
        app.org_id("Рассвет").await,
        app.org_id("Лесников").await,
    );
    let db = &app.state.db;
    // A proposal that was never public: out of the feed altogether.
    sqlx::query("delete from change_log where organization_id = $1")
        .bind(c)
        .execute(db)
        .await
        .expect("log");
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(c)
        .execute(db)
        .await
        .expect("pending");
    let first = changes(&app, "").await;
    let mut seen = ids_and_states(&first);
    seen.sort();
    assert_eq!(seen, vec![(a, "published".into()), (b, "published".into())]);
    assert_eq!(first["has_more"], false);
    let cursor = first["next_cursor"].as_str().expect("cursor").to_owned();
    assert_eq!(
        ids_and_states(&changes(&app, &format!("cursor={cursor}")).await),
        vec![]
    );
    // Later: one archived, one checked by staff. Each comes once, with its state now.
    poputchiki_core::organizations::store::archive::archive(db, a, "закрылись")
        .await
        .expect("archive");
    poputchiki_core::editing::store::add_verification(db, b, "visit", "staff", "")
        .await
        .expect("verify");
    poputchiki_core::editing::store::add_verification(db, b, "registry", "staff", "")
        .await
        .expect("verify");
    let later = changes(&app, &format!("cursor={cursor}")).await;
    assert_eq!(
        ids_and_states(&later),
        vec![(a, "archived".into()), (b, "published".into())]
    );
    // Paging by one.
    let one = changes(&app, &format!("cursor={cursor}&limit=1")).await;
    assert_eq!(ids_and_states(&one), vec![(a, "archived".into())]);
    assert_eq!(one["has_more"], true);
    let next = one["next_cursor"].as_str().expect("cursor");
    let two = changes(&app, &format!("cursor={next}&limit=1")).await;
    assert_eq!(ids_and_states(&two), vec![(b, "published".into())]);
    assert_eq!(two["has_more"], false);
    // By time: nothing after a moment in the future.
    assert_eq!(
        ids_and_states(&changes(&app, "since=2999-01-01T00:00:00%2B05:00").await),
        vec![]
    );
    assert_eq!(
        ids_and_states(&changes(&app, "since=2000-01-01T00:00:00Z").await).len(),
        2
    );
    for bad in ["since=вчера", "cursor=-1", "limit=5000"] {
        let page = app.get(&format!("/api/v1/changes?{bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        let v: Value = serde_json::from_str(&page.body).expect("JSON");
        assert_eq!(v["error"], "bad_request");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_data_page_is_linked_from_every_page() {
    let app = TestApp::with_demo().await;
    let home = app.get("/").await;
    assert!(home.body.contains("href=\"/open-data\""));
    let page = app.get("/open-data").await;
    assert_eq!(page.status, StatusCode::OK);
    for link in [
        "/api/v1/organizations.xlsx",
        "/api/v1/organizations.csv",
        "/api/v1/organizations.geojson",
        "/api/v1/organizations.jsonl",
        "creativecommons.org/licenses/by/4.0",
    ] {
        assert!(page.body.contains(link), "no {link}");
    }
}
