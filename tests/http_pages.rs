//! HTTP tests through the real router: what a visitor's browser (or a plain HTTP client with
//! no JavaScript) gets back.

use http::StatusCode;
use poputchiki_tests::{found_count, occurrences, TestApp};

#[path = "event_photos.rs"]
mod event_photos;
#[path = "events.rs"]
mod events;
#[path = "offers.rs"]
mod offers;
#[path = "page_cache.rs"]
mod page_cache;
#[path = "partners.rs"]
mod partners;
#[path = "posters.rs"]
mod posters;
#[path = "subscriptions.rs"]
mod subscriptions;

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
async fn the_search_server_fn_answers_the_rendered_form_for_the_island() {
    let app = TestApp::with_demo().await;
    let page = app.get("/api/search/view?query=okrug%3Dshumikhinsky").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // A JSON string: the search form as the server renders it for this query, so the
    // browser patches it in and never builds cards or counts itself.
    let json: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    let html = json.as_str().expect("the form's html");
    assert!(
        html.starts_with("<section ") && html.contains("class=\"wrap search\""),
        "{html}"
    );
    let heading = html
        .split("id=\"results-heading\"")
        .nth(1)
        .and_then(|h| h.split('>').nth(1))
        .unwrap_or_default();
    let total: u64 = heading
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    assert!(heading.starts_with("Найдено: ") && total > 0, "{heading}");
    let cards = html.matches("<li id=\"org-").count();
    assert!(
        cards > 0 && cards as u64 <= total,
        "{cards} cards of {total}: {html}"
    );
    assert_eq!(
        html.matches("href=\"/okrug/").count(),
        html.matches("href=\"/okrug/shumikhinsky\"").count()
    );
    // The filter it ran with is ticked, and counted on the toggle.
    assert!(
        html.contains("id=\"f-okrug-shumikhinsky\" name=\"okrug\" value=\"shumikhinsky\" checked")
    );
    assert!(html.contains(">Фильтры (1)<"), "{html}");
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

/// The headers every response must carry, whatever it is.
fn assert_security_headers(what: &str, page: &poputchiki_tests::Page) {
    let h = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let csp = h("content-security-policy");
    assert!(csp.contains("default-src 'self'"), "{what}: CSP {csp:?}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(h("x-frame-options"), "DENY", "{what}");
    assert_eq!(h("x-content-type-options"), "nosniff", "{what}");
    assert!(h("permissions-policy").contains("camera=()"), "{what}");
    assert_eq!(h("cross-origin-opener-policy"), "same-origin", "{what}");
    assert!(!h("referrer-policy").is_empty(), "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::with_demo().await;
    let mut b = app.browser();
    let home = b.get("/").await;
    assert_security_headers("page", &home);
    // The page's inline bootstrap script carries the nonce the policy names, and nothing
    // else inline may run.
    let csp = home.headers["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the page's policy");
    assert!(
        home.body.contains(&format!("nonce=\"{nonce}\"")),
        "the script has the nonce"
    );
    let again = b.get("/").await;
    assert!(
        !again.headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains(nonce),
        "a new nonce for every page"
    );
    for (what, path) in [
        ("JSON API", "/api/v1/search?q=пожилым"),
        ("GeoJSON", "/api/v1/okrugs.geojson"),
        ("server fn", "/api/search/view?query=q%3D1"),
        ("404 page", "/no-such-page"),
        ("health", "/healthz"),
    ] {
        assert_security_headers(what, &b.get(path).await);
    }
    let redirect = b.get("/lang/en").await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_security_headers("redirect", &redirect);
    let refused = b.post_raw("/login", &[("email", "x")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_security_headers("refusal", &refused);
    assert!(
        home.headers.get("strict-transport-security").is_none(),
        "no HSTS on plain-HTTP localhost"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_for_a_logged_in_viewer_is_never_cached() {
    let app = TestApp::with_demo().await;
    app.account("ed@example.ru", "рыжий кот на крыше").await;
    let anon = app.get("/api/v1/search?q=пожилым").await;
    assert_ne!(
        anon.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let mut b = app.browser();
    b.login("ed@example.ru", "рыжий кот на крыше").await;
    for path in ["/api/v1/search?q=пожилым", "/api/account/page", "/account"] {
        let page = b.get(path).await;
        assert_eq!(
            page.headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_the_data_and_the_query_never_reaches_a_page_or_api_as_markup() {
    let app = TestApp::empty().await;
    let xss = "<img src=x onerror=alert(1)> <script>alert(2)</script> пожилым";
    let json = serde_json::json!([{
        "name": format!("Клуб {xss}"),
        "kind": "ngo",
        "okrug": "ketovsky",
        "summary": xss,
        "description": format!("Помогаем {xss} людям"),
    }])
    .to_string();
    let id = app.import_json(&json).await.changed_ids[0];
    let query =
        "q=%3Cscript%3Ealert(3)%3C%2Fscript%3E%20%D0%BF%D0%BE%D0%B6%D0%B8%D0%BB%D1%8B%D0%BC";
    // Pages: the raw HTML must carry no markup from the data or the query.
    for path in [
        format!("/?{query}"),
        "/?q=пожилым".to_owned(),
        format!("/org/{id}"),
    ] {
        let body = app.get(&path).await.body;
        for bad in ["<script>alert", "<img src=x", "onerror=alert(1)>"] {
            assert!(!body.contains(bad), "{path} carries {bad:?}");
        }
    }
    // JSON: names are plain strings (clients insert them as text), but every field that is
    // HTML (the highlighted snippets) must be escaped.
    let mut found = 0;
    for path in [
        format!("/api/v1/search?{query}"),
        "/api/v1/search?q=пожилым".to_owned(),
        format!("/api/search/view?query={}", poputchiki_tests::encode(query)),
        "/api/search/view?query=q%3D%D0%BF%D0%BE%D0%B6%D0%B8%D0%BB%D1%8B%D0%BC".to_owned(),
        format!("/api/v1/map/cards/{id}"),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let value: serde_json::Value = serde_json::from_str(&page.body).expect("json");
        let mut check = |field: &str, html: &str| {
            for bad in ["<script", "<img"] {
                assert!(!html.contains(bad), "{path}: {field} holds {html}");
            }
        };
        found += match &value {
            // The search island's answer is one string of HTML.
            serde_json::Value::String(html) => {
                check("html", html);
                1
            }
            other => html_fields(other, &mut check),
        };
    }
    assert!(found >= 4, "snippets were checked ({found})");
}

/// Calls `check` on every string under a key that holds HTML; returns how many.
fn html_fields(v: &serde_json::Value, check: &mut dyn FnMut(&str, &str)) -> usize {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) if k.contains("snippet") || k.contains("html") => {
                    check(k, s);
                    1
                }
                other => html_fields(other, check),
            })
            .sum(),
        serde_json::Value::Array(items) => items.iter().map(|i| html_fields(i, check)).sum(),
        _ => 0,
    }
}
