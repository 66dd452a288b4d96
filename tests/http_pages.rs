//! HTTP tests through the real router: what a visitor's browser (or a plain HTTP client with
//! no JavaScript) gets back.

use http::StatusCode;
use poputchiki_tests::{found_count, occurrences, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_lists_the_demo_organizations_in_russian() {
    let app = TestApp::with_demo().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"ru\""));
    assert!(page.body.contains("Кто поможет рядом с вами"));
    assert_eq!(found_count(&page.body), Some(300));
    assert_eq!(
        occurrences(&page.body, "class=\"card\""),
        20,
        "first page shows 20 cards"
    );
    assert!(page.body.contains("Демо"), "demo data is marked");
    assert!(
        page.body.contains("© OpenStreetMap contributors"),
        "boundary attribution in the footer"
    );
    assert!(
        page.body.contains("CC BY 4.0"),
        "data licence in the footer"
    );
    assert!(
        page.body.contains("<form method=\"get\" action=\"/\""),
        "the search is a plain GET form"
    );
    assert!(
        page.body.contains("<label for=\"q\">Что вы ищете?"),
        "the search box is labelled"
    );
    assert!(
        page.body.contains("name=\"okrug\" value=\"shumikhinsky\""),
        "okrug facet checkboxes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_okrug_filter_narrows_the_list_to_that_okrug() {
    let app = TestApp::with_demo().await;
    let page = app.get("/?okrug=shumikhinsky").await;
    let n = found_count(&page.body).expect("count shown");
    let expected: i64 = sqlx::query_scalar(
        "select count(*) from organization o join okrug k on k.id = o.okrug_id where k.slug = 'shumikhinsky'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert!(n > 0 && n < 300);
    assert_eq!(n, expected);
    let cards = occurrences(&page.body, "class=\"card\"");
    assert_eq!(
        occurrences(
            &page.body,
            "href=\"/okrug/shumikhinsky\" class=\"okrug-link\""
        ),
        cards
    );
    assert!(
        page.body
            .contains("name=\"okrug\" value=\"shumikhinsky\" checked"),
        "the form shows the active filter"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direction_and_audience_filters_combine() {
    let app = TestApp::with_demo().await;
    let all = found_count(&app.get("/").await.body).expect("count");
    let by_direction =
        found_count(&app.get("/?direction=firefighting_rescue").await.body).expect("count");
    let both = found_count(
        &app.get("/?direction=social_services&audience=elderly")
            .await
            .body,
    )
    .expect("count");
    let direction_only =
        found_count(&app.get("/?direction=social_services").await.body).expect("count");
    assert!(by_direction > 0 && by_direction < all);
    assert!(both > 0 && both <= direction_only && direction_only < all);
    let page = app.get("/?direction=firefighting_rescue").await;
    assert_eq!(
        occurrences(&page.body, "data-code=\"firefighting_rescue\""),
        occurrences(&page.body, "class=\"card\""),
        "every card carries the chosen direction"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_filter_values_get_a_friendly_message_and_are_ignored() {
    let app = TestApp::with_demo().await;
    let page = app
        .get("/?okrug=atlantis&direction=%3Cscript%3E&page=-5")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(found_count(&page.body), Some(300));
    assert!(!page.body.contains("<script>"));
    assert!(
        page.body
            .contains("Такого значения фильтра нет: «atlantis»"),
        "a friendly message"
    );
    assert!(page.body.contains("role=\"alert\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_beyond_the_first_are_reachable() {
    let app = TestApp::with_demo().await;
    let page = app.get("/?page=2").await;
    assert!(page.body.contains("Страница 2 из 15"));
    assert!(page.body.contains("href=\"/?page=3\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_page_shows_every_section() {
    let app = TestApp::with_demo().await;
    let (id, slug, name): (i64, String, String) = sqlx::query_as(
        "select o.id, o.slug, o.name from organization o
         where o.inn is not null and exists (select 1 from need n where n.organization_id = o.id)
           and exists (select 1 from event e where e.organization_id = o.id)
         order by o.id limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a rich demo organization");
    let page = app.get(&format!("/org/{id}-{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("<h1>{name}")),
        "the name is the page heading"
    );
    for heading in [
        "О нас",
        "Направления деятельности",
        "Кому помогаем",
        "Форматы работы",
        "Услуги",
        "Ближайшие события",
        "Что нам нужно",
        "Контакты",
        "Где находится",
        "Реквизиты",
        "Сведения обновлены",
        "Проверено сотрудниками",
    ] {
        assert!(page.body.contains(heading), "missing section {heading}");
    }
    assert!(page.body.contains("ИНН"));
    assert!(
        page.body.contains("class=\"minimap\"") && page.body.contains("class=\"okrug-shape\""),
        "static okrug map"
    );
    assert!(
        page.body.contains("href=\"tel:"),
        "phone is a tap-to-call link"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_organizations_and_paths_get_a_real_404_page() {
    let app = TestApp::with_demo().await;
    for path in [
        "/org/999999-net-takoy",
        "/org/not-a-number",
        "/okrug/atlantis",
        "/no/such/page",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains("Страница не найдена"), "{path}");
        assert!(page.body.contains("href=\"/\""), "{path}: a way back");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn okrug_pages_list_their_organizations() {
    let app = TestApp::with_demo().await;
    let page = app.get("/okrug/shadrinsky").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Шадринский муниципальный округ"));
    let cards = occurrences(&page.body, "class=\"card\"");
    assert!(cards > 0);
    assert_eq!(
        occurrences(
            &page.body,
            "href=\"/okrug/shadrinsky\" class=\"okrug-link\""
        ),
        cards
    );
    let index = app.get("/okrug").await;
    assert_eq!(occurrences(&index.body, "href=\"/okrug/"), 26);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_is_remembered_in_a_cookie() {
    let app = TestApp::with_demo().await;
    let switch = app
        .get_with(
            "/lang/en",
            &[
                ("host", "example.test"),
                ("referer", "http://example.test/okrug"),
            ],
        )
        .await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(
        switch.headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/okrug")
    );
    let cookie = switch
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    let page = app.get_with("/", &[("cookie", "lang=en")]).await;
    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("Who can help near you"));
    assert!(page.body.contains("Found: 300 organizations"));
    assert!(page.body.contains(">Русский<"), "a way back to Russian");
    let evil = app
        .get_with(
            "/lang/en",
            &[("host", "example.test"), ("referer", "http://evil.test/x")],
        )
        .await;
    assert_eq!(
        evil.headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/")
    );
    assert_eq!(app.get("/lang/xx").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_answers_when_the_database_does() {
    let app = TestApp::empty().await;
    let page = app.get("/healthz").await;
    assert_eq!((page.status, page.body.as_str()), (StatusCode::OK, "ok"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_server_fn_answers_json_for_the_island() {
    let app = TestApp::with_demo().await;
    let page = app.get("/api/search/view?query=okrug%3Dshumikhinsky").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    assert!(json["total"].as_u64().unwrap_or(0) > 0);
    assert!(json["cards"]
        .as_array()
        .is_some_and(|c| c.iter().all(|c| c["okrug"]["slug"] == "shumikhinsky")));
    assert_eq!(json["query"], "okrug=shumikhinsky");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_query_in_the_url_renders_matching_results() {
    let app = TestApp::with_demo().await;
    let page = app
        .get("/?q=%D0%B2%D0%B5%D1%82%D0%B5%D1%80%D0%B0%D0%BD%D0%BE%D0%B2")
        .await;
    let n = found_count(&page.body).expect("count");
    assert!(n > 0 && n < 300, "ветеранов: {n}");
    assert!(
        page.body.contains("value=\"ветеранов\""),
        "the box keeps the query"
    );
    assert!(page.body.contains("<mark>"), "snippets highlight the match");
}
