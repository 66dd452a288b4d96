//! Freshness as visitors see it: the three dates in words on an organization's page, and
//! stale listings faded (with their one-line explanation) in lists, still findable.

use chrono::{Duration, Utc};
use poputchiki_tests::{encode, TestApp};

fn days_ago(days: i64) -> String {
    poputchiki_core::db::from_now(-Duration::days(days))
}

/// The (id, slug, name) of the first demo organization matching the condition.
async fn demo_org(app: &TestApp, condition: &str, stamp: &str) -> (i64, String, String) {
    sqlx::query_as(&format!(
        "select o.id, o.slug, o.name from organization o where o.is_demo = 1 and {condition}
         order by o.id limit 1"
    ))
    .bind(stamp)
    .fetch_one(&app.state.db)
    .await
    .expect("the demo has such an organization")
}

const NEVER_CHECKED: &str = "o.confirmed_at is null
    and not exists (select 1 from verification v where v.organization_id = o.id)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_untouched_for_over_a_year_is_stale_and_says_so() {
    let app = TestApp::with_demo().await;
    let (id, slug, name) = demo_org(
        &app,
        &format!("o.updated_at < $1 and {NEVER_CHECKED}"),
        &days_ago(370),
    )
    .await;
    let page = app.get(&format!("/org/{id}-{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Сведения давно не обновлялись и могли устареть"));
    assert!(
        page.body.contains("1 год назад ("),
        "the edit date in words"
    );
    assert!(page
        .body
        .contains("Организация ещё не подтверждала сведения на карте"));
    assert!(page.body.contains("Ещё не проверялась"));

    // Still findable, and faded in the results with its explanation.
    let found = app.get(&format!("/?q={}", encode(&name))).await;
    let card = found
        .body
        .split(&format!("id=\"org-{id}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the stale organization is among the results");
    let at = found
        .body
        .find(&format!("id=\"org-{id}\""))
        .expect("the card has its id");
    let start = found.body[..at].rfind("<li").unwrap_or(at);
    let end = at + found.body[at..].find('>').unwrap_or(0);
    let opening = &found.body[start..end];
    assert!(opening.contains("data-freshness=\"stale\""), "{opening}");
    assert!(card.contains("Сведения давно не обновлялись — уточните по телефону."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_listing_is_fresh_and_shows_when_it_was_confirmed() {
    let app = TestApp::with_demo().await;
    let (id, slug, _) = demo_org(&app, "o.confirmed_at > $1", &days_ago(60)).await;
    let page = app.get(&format!("/org/{id}-{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Сведения давно не обновлялись"));
    let confirmed = page
        .body
        .split("<dt>Организация подтвердила сведения")
        .nth(1)
        .and_then(|rest| rest.split("<dd>").nth(1))
        .and_then(|rest| rest.split("</dd>").next())
        .expect("the confirmation date is shown");
    assert!(
        ["назад", "сегодня", "вчера"]
            .iter()
            .any(|w| confirmed.contains(w)),
        "{confirmed}"
    );

    // The demo spreads its listings' ages, so a good number of them are stale.
    let stale_total = app
        .scalar_i64(&format!(
            "select count(*) from organization o where o.is_demo = 1 and o.updated_at < '{}'
             and (o.confirmed_at is null or o.confirmed_at < '{0}')
             and not exists (select 1 from verification v where v.organization_id = o.id and v.verified_at >= '{1}')",
            days_ago(366),
            (Utc::now() - Duration::days(366)).format("%Y-%m-%d")
        ))
        .await;
    assert!(
        stale_total > 10,
        "the demo shows stale listings: {stale_total}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_filter_the_search_by_freshness_and_visitors_do_not_see_that_filter() {
    const PW: &str = "рыжий кот на крыше";
    let app = TestApp::with_demo().await;
    let visitor = app.get("/").await;
    assert!(visitor.body.contains("id=\"f-verified-true\""));
    assert!(!visitor.body.contains("id=\"f-freshness-stale\""));
    // A shared link with the filter on shows its box, so a visitor can clear it.
    let shared = app.get("/?freshness=stale").await;
    assert!(shared.body.contains("id=\"f-freshness-stale\""));

    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let desk = b.get("/").await;
    assert!(desk.body.contains("id=\"f-freshness-stale\""));
    assert!(desk.body.contains("Давно не обновлялись"));
    let stale = b.get("/?freshness=stale&per_page=100").await;
    let found = poputchiki_tests::found_count(&stale.body).expect("a count");
    assert!(found > 10, "{found} stale");
    // Every card listed is a faded one, and the ageing and fresh ones make up the rest.
    let cards = stale.body.matches("<li id=\"org-").count() as i64;
    assert_eq!(cards, found.min(100));
    assert_eq!(
        stale.body.matches(" data-freshness=\"stale\"").count() as i64,
        cards
    );
    let fresh = poputchiki_tests::found_count(&b.get("/?freshness=fresh").await.body);
    let ageing = poputchiki_tests::found_count(&b.get("/?freshness=ageing").await.body);
    assert_eq!(
        fresh.unwrap_or(0) + ageing.unwrap_or(0) + found,
        app.count().await
    );
}
