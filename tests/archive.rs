//! Archive and restore: an organization that no longer works leaves search, the map and
//! the counts, its page stays public with a banner, `noindex` and a link to similar ones
//! nearby; staff bring it back.

use poputchiki_tests::{encode, location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

async fn staff(app: &TestApp) -> Browser {
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    b
}

/// The ids the search API returns for this query (first page of 100).
async fn found_ids(app: &TestApp, query: &str) -> (i64, Vec<i64>) {
    let page = app
        .get(&format!("/api/v1/search?per_page=100&{query}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let v: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    let ids = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    (v["total"].as_i64().expect("total"), ids)
}

/// The number of markers the whole-region map shows.
async fn map_total(app: &TestApp) -> i64 {
    let page = app.get("/api/v1/map/clusters?zoom=3").await;
    let v: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    v["total"].as_i64().expect("the clusters carry a total")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_organization_leaves_search_and_the_map_but_keeps_its_page() {
    let app = TestApp::with_demo().await;
    let (id, slug, name): (i64, String, String) = sqlx::query_as(
        "select id, slug, name from organization where status = 'published' order by id limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a published organization");
    let (total, _) = found_ids(&app, "").await;
    let (_, by_name) = found_ids(&app, &format!("q={}", encode(&name))).await;
    assert!(by_name.contains(&id), "findable before");
    let markers = map_total(&app).await;

    let mut b = staff(&app).await;
    let done = b
        .post(
            &format!("/org/{id}/archive"),
            &[("archive_note", "Объединилась с районным советом ветеранов")],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(location(&done), format!("/org/{id}/manage?notice=archived"));
    let manage = b.get(&format!("/org/{id}/manage?notice=archived")).await;
    assert!(manage.body.contains("Организация убрана в архив."));
    assert!(manage
        .body
        .contains(&format!("action=\"/org/{id}/restore\"")));

    // Gone from search, the totals and the map.
    let (after, _) = found_ids(&app, "").await;
    assert_eq!(after, total - 1);
    let (_, by_name) = found_ids(&app, &format!("q={}", encode(&name))).await;
    assert!(!by_name.contains(&id), "not findable once archived");
    assert_eq!(map_total(&app).await, markers - 1);

    // Its page stays, for anyone, with the banner and no indexing.
    let page = app.get(&format!("/org/{id}-{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Организация больше не работает (в архиве с"));
    assert!(page
        .body
        .contains("Объединилась с районным советом ветеранов"));
    assert!(page
        .body
        .contains(r#"<meta name="robots" content="noindex""#));
    assert!(page.body.contains("Похожие организации поблизости"));
    assert!(page.body.contains("sort=distance"));
    assert!(
        !page.body.contains(&format!("action=\"/org/{id}/report\"")),
        "no error reports for an archived organization"
    );

    // The similar link is a working search that does not contain it.
    let href = page
        .body
        .split("archived")
        .nth(1)
        .and_then(|rest| rest.split("href=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the banner links to similar organizations")
        .replace("&amp;", "&");
    let similar = app.get(&href).await;
    assert_eq!(similar.status, 200, "{href}");
    assert!(!similar.body.contains(&format!("id=\"org-{id}\"")));

    // A second press changes nothing and says it is done.
    let again = b.post(&format!("/org/{id}/archive"), &[]).await;
    assert_eq!(again.status, 303);
    assert_eq!(map_total(&app).await, markers - 1);

    // Restored: findable again, no banner.
    let back = b.post(&format!("/org/{id}/restore"), &[]).await;
    assert_eq!(back.status, 303);
    let (restored, _) = found_ids(&app, "").await;
    assert_eq!(restored, total);
    assert_eq!(map_total(&app).await, markers);
    let page = app.get(&format!("/org/{id}-{slug}")).await;
    assert!(!page.body.contains("Организация больше не работает"));
    assert!(!page.body.contains("noindex"));
    let audit = app
        .scalar_text("select string_agg(action, ',') from (select action from audit_event where action like 'org_%' order by id) t")
        .await;
    assert!(audit.contains("org_archived,org_restored"), "{audit}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_archive_keeps_the_typed_reason_and_changes_nothing() {
    let app = TestApp::with_demo().await;
    let id = app
        .scalar_i64("select min(id) from organization where status = 'published'")
        .await;
    let mut b = staff(&app).await;
    let long = "Очень длинная причина. ".repeat(60);
    let back = b
        .post(&format!("/org/{id}/archive"), &[("archive_note", &long)])
        .await;
    assert_eq!(back.status, 303);
    let form = b.get(&location(&back)).await;
    assert!(
        form.body.contains("Очень длинная причина."),
        "the text is kept"
    );
    let status = app
        .scalar_text(&format!("select status from organization where id = {id}"))
        .await;
    assert_eq!(status, "published");

    // A proposal still waiting for moderation cannot be archived or restored: a clear
    // refusal, not a silent success.
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("pending");
    let refused = b.post(&format!("/org/{id}/archive"), &[]).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("Эта организация ещё не опубликована"));
    let refused = b.post(&format!("/org/{id}/restore"), &[]).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("Эта организация не в архиве."));
}
