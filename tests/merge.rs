//! Staff merge two records of one organization from the duplicates queue: field by field,
//! with the second record's editors, history, checks and reports moving over, an audit
//! entry, and its old addresses answering 301; a stale page is sent back to look again,
//! and a pair can be marked as two organizations instead.

use poputchiki_tests::{encode, found_count, location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

const PAIR: &str = r#"[
  {"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Первая запись.", "phone": "8 (35200) 1-11-11"},
  {"name": "Совет ветеранов с. Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Вторая запись.", "phone": "+7 35200 2-22-22", "email": "alfa@example.org", "inn": "4501000009"}
]"#;

/// Two records of Альфа, each with an editor; the second edited once, checked by staff and
/// reported; staff logged in.
async fn pair() -> (TestApp, Browser, i64, i64) {
    let app = TestApp::empty().await;
    app.import_json(PAIR).await;
    let a = app.org_id("села Альфа").await;
    let b = app.org_id("с. Альфа").await;
    app.editor("first@example.ru", PW, a).await;
    app.editor("second@example.ru", PW, b).await;
    let mut lead = app.browser();
    lead.login("second@example.ru", PW).await;
    let mut f = app.edit_form(b).await;
    f.retain(|(k, _)| k != "summary");
    f.push(("summary".into(), "Совет ветеранов, с 1987 года".into()));
    assert_eq!(
        lead.post_fields(&format!("/org/{b}/edit"), &f).await.status,
        303
    );
    sqlx::query("insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at) values ($1, 'visit', 'Staff', '', '2026-10-01', '2026-10-01', '2026-10-01')")
        .bind(b)
        .execute(&app.state.db)
        .await
        .expect("check");
    sqlx::query("insert into error_report (organization_id, message, created_at, updated_at) values ($1, 'Телефон не отвечает', '2026-11-01', '2026-11-01')")
        .bind(b)
        .execute(&app.state.db)
        .await
        .expect("report");
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;
    (app, staff, a, b)
}

/// The hidden versions and the picks a staff member makes on the page.
fn choices(page: &str, picks: &[(&str, &str)]) -> Vec<(String, String)> {
    let hidden = |name: &str| {
        let at = page
            .find(&format!("name=\"{name}\" value=\""))
            .expect("hidden version");
        let rest = &page[at + name.len() + 15..];
        rest[..rest.find('"').expect("value")].to_owned()
    };
    let mut f = vec![
        ("version_a".to_owned(), hidden("version_a")),
        ("version_b".to_owned(), hidden("version_b")),
    ];
    f.extend(
        picks
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    f
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_merge_two_records_and_the_old_address_redirects_for_good() {
    let (app, mut staff, a, b) = pair().await;
    let queue = staff.get("/staff/queue/duplicates").await.body;
    assert!(
        queue.contains(&format!("href=\"/staff/merge/{a}/{b}\"")),
        "a link to compare"
    );
    let page = staff.get(&format!("/staff/merge/{a}/{b}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Вторая запись.") && page.body.contains("Первая запись."));
    assert!(
        page.body
            .contains("name=\"pick_email\" value=\"b\" checked"),
        "the survivor has no email: the other's is proposed"
    );
    let picks = [
        ("keep", "a"),
        ("pick_name", "b"),
        ("pick_description", "a"),
        ("pick_phone", "both"),
        ("pick_email", "b"),
        ("pick_inn", "b"),
        ("pick_summary", "b"),
    ];
    let done = staff
        .post_fields(
            &format!("/staff/merge/{a}/{b}"),
            &choices(&page.body, &picks),
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(location(&done).starts_with(&format!("/org/{a}-")));
    assert!(location(&done).contains("notice=merged"));

    let row = |sql: String| {
        let app = &app;
        async move { app.scalar_text(&sql).await }
    };
    assert_eq!(
        row(format!("select name from organization where id = {a}")).await,
        "Совет ветеранов с. Альфа"
    );
    assert_eq!(
        row(format!(
            "select description from organization where id = {a}"
        ))
        .await,
        "Первая запись."
    );
    assert_eq!(
        row(format!("select inn from organization where id = {a}")).await,
        "4501000009"
    );
    assert_eq!(
        row(format!("select string_agg(value, ' | ') from (select value from contact where organization_id = {a} order by kind, position) t")).await,
        "alfa@example.org | 8 (35200) 1-11-11 | +7 35200 2-22-22"
    );
    assert_eq!(
        row(format!("select status || ' ' || merged_into || ' ' || coalesce(inn, '-') from organization where id = {b}")).await,
        format!("merged {a} -")
    );
    let n = |sql: String| {
        let app = &app;
        async move { app.scalar_i64(&sql).await }
    };
    assert_eq!(
        n(format!(
            "select count(*) from membership where organization_id = {a}"
        ))
        .await,
        2,
        "both editors"
    );
    assert_eq!(
        n(format!(
            "select count(*) from verification where organization_id = {a}"
        ))
        .await,
        1
    );
    assert_eq!(
        n(format!(
            "select count(*) from error_report where organization_id = {a}"
        ))
        .await,
        1
    );
    assert_eq!(
        n(format!(
            "select count(*) from revision where organization_id = {a} and merged_from = {b}"
        ))
        .await,
        2,
        "B's baseline and edit"
    );
    assert_eq!(
        n(format!("select count(*) from revision r join organization o on o.id = r.organization_id where o.id = {a} and r.kind = 'merge' and r.number = o.version")).await,
        1
    );
    assert!(
        row("select detail from audit_event where action = 'org_merged'".into())
            .await
            .contains(&format!("№{b}"))
    );
    let found = app
        .get(&format!("/?q={}", encode("совет ветеранов")))
        .await
        .body;
    assert_eq!(found_count(&found), Some(1), "one organization on the map");

    // Every old address leads to the survivor, permanently, with the rest of the path.
    let old = app.get(&format!("/org/{b}-sovet-veteranov-s-alfa")).await;
    assert_eq!(old.status, 301);
    assert!(location(&old).starts_with(&format!("/org/{a}-")));
    let hist = app.get(&format!("/org/{b}/history")).await;
    assert_eq!(hist.status, 301);
    assert!(location(&hist).ends_with("/history"));
    let api = app.get(&format!("/api/v1/organizations/{b}")).await;
    assert_eq!(api.status, 301);
    assert_eq!(location(&api), format!("/api/v1/organizations/{a}"));

    let history = staff.get(&format!("/org/{a}/history")).await.body;
    assert!(history.contains("Объединение записей"));
    assert!(history.contains(&format!("из записи № {b}")));
    let lead = {
        let mut l = app.browser();
        l.login("second@example.ru", PW).await;
        l.get(&format!("/org/{a}/edit")).await.status
    };
    assert_eq!(lead, 200, "the second record's editor edits the survivor");
    assert!(!staff
        .get("/staff/queue/duplicates")
        .await
        .body
        .contains("/staff/merge/"));
    // Pressing again (a second tab, a slow connection) merges nothing twice.
    let again = staff
        .post_fields(
            &format!("/staff/merge/{a}/{b}"),
            &choices(&page.body, &picks),
        )
        .await;
    assert_eq!(again.status, 400);
    assert!(again
        .body
        .contains("Объединять можно только опубликованные записи"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_changed_while_comparing_sends_staff_back_with_their_choices() {
    let (app, mut staff, a, b) = pair().await;
    let page = staff.get(&format!("/staff/merge/{a}/{b}")).await.body;
    let mut lead = app.browser();
    lead.login("first@example.ru", PW).await;
    let mut f = app.edit_form(a).await;
    f.retain(|(k, _)| k != "description");
    f.push((
        "description".into(),
        "Исправлено, пока сотрудник сравнивал.".into(),
    ));
    assert_eq!(
        lead.post_fields(&format!("/org/{a}/edit"), &f).await.status,
        303
    );
    let back = staff
        .post_fields(
            &format!("/staff/merge/{a}/{b}"),
            &choices(&page, &[("keep", "b"), ("pick_name", "a")]),
        )
        .await;
    assert_eq!(back.status, 303);
    assert!(location(&back).contains("draft="));
    let again = staff.get(&location(&back)).await.body;
    assert!(again.contains("Пока вы сравнивали, одну из записей изменили"));
    assert!(
        again.contains("name=\"keep\" value=\"b\" checked"),
        "the choice is kept"
    );
    assert!(
        again.contains("Исправлено, пока сотрудник сравнивал."),
        "the page shows the change"
    );
    let status = app
        .scalar_text("select string_agg(status, ',') from organization")
        .await;
    assert_eq!(status, "published,published", "nothing merged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_marked_as_two_organizations_leaves_the_queue_and_editors_cannot_merge() {
    let (app, mut staff, a, b) = pair().await;
    let mut lead = app.browser();
    lead.login("first@example.ru", PW).await;
    assert_eq!(lead.get(&format!("/staff/merge/{a}/{b}")).await.status, 403);
    assert_eq!(
        lead.post(&format!("/staff/merge/{a}/{b}"), &[("keep", "a")])
            .await
            .status,
        403
    );
    assert_eq!(
        lead.post(&format!("/staff/duplicates/{a}/{b}/dismiss"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        app.scalar_i64("select count(*) from organization where status = 'published'")
            .await,
        2
    );
    let done = staff
        .post(&format!("/staff/duplicates/{a}/{b}/dismiss"), &[])
        .await;
    assert_eq!(done.status, 303);
    let queue = staff.get(&location(&done)).await.body;
    assert!(queue.contains("Отмечено: это разные организации"));
    assert!(!queue.contains(&format!("/staff/merge/{a}/{b}")));
    assert_eq!(
        app.scalar_i64("select count(*) from audit_event where action = 'duplicate_dismissed'")
            .await,
        1
    );
}
