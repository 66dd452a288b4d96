//! Posters for the noticeboard, as a plain HTTP client gets them: what an organization's and
//! an okrug's poster say, that only public organizations get one, and that the pages link
//! them. Printing to PDF and reading the QR code back is the browser test's part
//! (tests/e2e/posters.spec.ts).

use http::StatusCode;
use poputchiki_tests::{occurrences, TestApp};

const ORG: &str = r#"[{
    "name": "АНО «Плакат для всех»",
    "kind": "ngo",
    "okrug": "ketovsky",
    "settlement": "с. Кетово",
    "address": "ул. Космонавтов, 5",
    "phone": "8 (35231) 2-33-44",
    "summary": "Помогаем пожилым жить дома. Приезжаем по звонку в любое село округа.",
    "directions": ["social_services"],
    "audiences": ["elderly", "disabled"],
    "services": [
        {"name": "Уборка и продукты на дом"},
        {"name": "Сопровождение к врачу"}
    ]
}]"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_poster_has_what_a_villager_needs_and_a_qr_code_to_its_page() {
    let app = TestApp::empty().await;
    let id = app.import_json(ORG).await.changed_ids[0];
    let page = app.get(&format!("/org/{id}")).await;
    let link = format!("/org/{id}-");
    let poster_link = page
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.starts_with(&link) && h.ends_with("/poster"))
        .expect("the organization page links its poster")
        .to_owned();
    let poster = app.get(&poster_link).await;
    assert_eq!(poster.status, StatusCode::OK);
    let body = &poster.body;
    for text in [
        "АНО «Плакат для всех»",
        "Помогаем пожилым жить дома.",
        "8 (35231) 2-33-44",
        "с. Кетово, ул. Космонавтов, 5",
        "Уборка и продукты на дом",
        "Сопровождение к врачу",
        "Чем помогаем",
        "пожилые",
    ] {
        assert!(
            body.to_lowercase().contains(&text.to_lowercase()),
            "{text} is missing"
        );
    }
    // One sentence only: the summary's second is for the page, not the poster.
    assert!(!body.contains("Приезжаем по звонку"));
    // The QR code is drawn in the page (no image to fetch) and its address is printed too.
    assert_eq!(occurrences(body, "class=\"poster-qr\""), 1);
    assert!(body.contains("<svg"), "the QR code is inline SVG");
    let url = format!(
        "http://127.0.0.1:3000{}",
        poster_link.trim_end_matches("/poster")
    );
    assert!(body.contains(&url), "the address {url} is printed");
    assert!(body.contains("name=\"robots\" content=\"noindex\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_organizations_on_the_map_have_a_poster() {
    let app = TestApp::empty().await;
    let id = app.import_json(ORG).await.changed_ids[0];
    assert_eq!(
        app.get(&format!("/org/{id}/poster")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/org/987654/poster").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/org/not-a-number/poster").await.status,
        StatusCode::NOT_FOUND
    );
    for status in ["pending", "archived"] {
        sqlx::query("update organization set status = $1 where id = $2")
            .bind(status)
            .bind(id)
            .execute(&app.state.db)
            .await
            .expect("status");
        let poster = app.get(&format!("/org/{id}/poster")).await;
        assert_eq!(poster.status, StatusCode::NOT_FOUND, "{status}");
        assert!(!poster.body.contains("Плакат для всех"), "{status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_okrug_poster_lists_its_organizations_by_direction_with_phones() {
    let app = TestApp::with_demo().await;
    let okrug = app.get("/okrug/ketovsky").await;
    assert!(okrug.body.contains("href=\"/okrug/ketovsky/poster\""));
    let poster = app.get("/okrug/ketovsky/poster").await;
    assert_eq!(poster.status, StatusCode::OK);
    let body = &poster.body;
    assert!(body.contains("Кто помогает в вашем округе"));
    let published = app
        .scalar_i64(
            "select count(*) from organization o join okrug k on k.id = o.okrug_id
             where k.slug = 'ketovsky' and o.status = 'published'",
        )
        .await;
    assert!(published > 0, "the demo has organizations in Кетовский");
    let listed = occurrences(body, "<li><strong>") as i64;
    assert_eq!(
        listed,
        published.min(40),
        "each organization once, at most 40"
    );
    // Grouped under direction headings, with phones in bold.
    assert!(occurrences(body, "class=\"poster-group\"") >= 2);
    assert!(occurrences(body, "class=\"poster-tel\"") > 0);
    let names: Vec<String> = sqlx::query_scalar(
        "select o.name from organization o join okrug k on k.id = o.okrug_id
         where k.slug = 'ketovsky' and o.status = 'published' order by o.sort_name limit 40",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("names");
    for name in names {
        let escaped = name.replace('&', "&amp;").replace('"', "&quot;");
        assert!(
            body.contains(&name) || body.contains(&escaped),
            "{name} is missing"
        );
    }
    assert!(body.contains("http://127.0.0.1:3000/okrug/ketovsky"));
    assert_eq!(
        app.get("/okrug/nowhere/poster").await.status,
        StatusCode::NOT_FOUND
    );
}
