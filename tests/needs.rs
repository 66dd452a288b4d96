//! "Кому нужна помощь": the public list of open needs (met ones and those past their date
//! are gone), its filters, and the staff summary downloads.

use poputchiki_tests::{Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

/// The number in «N открытых просьб».
fn found(body: &str) -> i64 {
    let text = body.split("role=\"status\">").nth(1).unwrap_or("");
    text.split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn open_in_db(app: &TestApp, extra: &str) -> i64 {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    app.scalar_i64(&format!(
        "select count(*) from need n join organization o on o.id = n.organization_id
         where o.status = 'published' and n.active = 1 and (n.until is null or n.until >= '{today}') {extra}"
    ))
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_needs_are_listed_filtered_and_leave_when_met_or_past_their_date() {
    let app = TestApp::with_demo().await;
    let all = app.get("/needs").await;
    assert_eq!(all.status, 200);
    let total = open_in_db(&app, "").await;
    assert!(total > 20, "the demo has needs: {total}");
    assert_eq!(found(&all.body), total);

    let volunteers = app.get("/needs?kind=volunteers&okrug=ketovsky").await;
    let ketovsky = app
        .scalar_i64("select id from okrug where slug = 'ketovsky'")
        .await;
    let expected = open_in_db(
        &app,
        &format!("and n.kind = 'volunteers' and o.okrug_id = {ketovsky}"),
    )
    .await;
    assert_eq!(found(&volunteers.body), expected);
    assert!(volunteers
        .body
        .contains(r#"<option value="volunteers" selected"#));

    // One need met, another past its date: both leave the list and the page.
    let (first, second): (i64, i64) = sqlx::query_as(
        "select min(n.id), max(n.id) from need n join organization o on o.id = n.organization_id where o.status = 'published'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("needs");
    sqlx::query("update need set active = 0 where id = $1")
        .bind(first)
        .execute(&app.state.db)
        .await
        .expect("met");
    sqlx::query("update need set until = '2020-01-01' where id = $1")
        .bind(second)
        .execute(&app.state.db)
        .await
        .expect("past");
    // Changed straight in the database: the page cache would see it only after its 10 s.
    app.state.pages.clear();
    assert_eq!(found(&app.get("/needs").await.body), total - 2);

    // A need with a date in the future shows it.
    sqlx::query(
        "update need set until = '2099-05-01', active = 1, updated_at = '2999-01-01' where id = $1",
    )
    .bind(first)
    .execute(&app.state.db)
    .await
    .expect("dated");
    app.state.pages.clear();
    let page = app.get("/needs").await;
    assert_eq!(found(&page.body), total - 1);
    assert!(
        page.body.contains("до 1 мая 2099"),
        "the «до» date in words"
    );
    assert!(
        page.body.contains("#contacts\""),
        "each need links to its contacts"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_download_the_needs_summary_and_visitors_cannot() {
    let app = TestApp::with_demo().await;
    assert_eq!(app.get("/staff/needs.csv").await.status, 401);
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b: Browser = app.browser();
    b.login("staff@example.ru", PW).await;
    let page = b.get("/needs").await;
    assert!(page.body.contains("href=\"/staff/needs.xlsx\""));
    let csv = b.get("/staff/needs.csv").await;
    assert_eq!(csv.status, 200);
    let text = csv.body.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Округ,"), "{}", lines[0]);
    assert!(
        lines[0].contains("Волонт"),
        "need kinds as columns: {}",
        lines[0]
    );
    assert_eq!(
        lines.len(),
        1 + 26 + 1,
        "a row per okrug and the region's totals"
    );
    let with_needs = app
        .scalar_i64(
            "select count(distinct o.id) from need n join organization o on o.id = n.organization_id
             where o.status = 'published' and n.active = 1",
        )
        .await;
    let region_total = lines[27].rsplit(',').next().unwrap_or("");
    assert_eq!(region_total, with_needs.to_string());
    let xlsx = b.get("/staff/needs.xlsx").await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with("PK"), "a workbook (zip)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_need_past_its_date_leaves_the_search_filter_the_next_day() {
    let app = TestApp::empty().await;
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d");
    app.import_json(&format!(
        r#"[{{"name": "Клуб «Дельта»", "kind": "initiative_group", "okrug": "ketovsky",
             "needs": [{{"kind": "volunteers", "title": "Помощь на субботнике", "until": "{tomorrow}"}}]}}]"#
    ))
    .await;
    let search = "/?has_needs=true";
    assert_eq!(
        poputchiki_tests::found_count(&app.get(search).await.body),
        Some(1)
    );
    // The days pass: the date is now yesterday, and nothing about the organization changed.
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).format("%Y-%m-%d");
    sqlx::query("update need set until = $1")
        .bind(yesterday.to_string())
        .execute(&app.state.db)
        .await
        .expect("time passes");
    assert_eq!(
        poputchiki_tests::found_count(&app.get(search).await.body),
        Some(1)
    );
    let since = (chrono::Utc::now() - chrono::Duration::days(2)).format("%Y-%m-%d");
    let refreshed = poputchiki_core::scheduler::expire_needs(&app.state, &since.to_string())
        .await
        .expect("expire");
    assert_eq!(refreshed, 1);
    assert_eq!(
        poputchiki_tests::found_count(&app.get(search).await.body),
        Some(0)
    );
}
