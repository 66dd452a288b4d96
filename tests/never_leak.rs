//! Nothing private ever reaches open data. A unique marker goes into every private place
//! (account emails and names, drafts, pending, rejected and merged proposals, staff
//! verification notes and who checked, error reports and their answers, moderation notes,
//! audit data, revisions, uploaded lists, outgoing mail), and no download, HSDS object or
//! package, changes feed, sitemap, robots.txt or public page with its JSON-LD contains any
//! of them, while the published organizations are there.

use std::io::Read;

use poputchiki_tests::TestApp;

const ORGS: &str = r#"[
  {"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Помогаем пожилым.", "inn": "4501000016", "phone": "8 (35231) 2-11-33"},
  {"name": "ТОС «Бета»", "kind": "initiative_group", "okrug": "shumikhinsky", "description": "Благоустройство."},
  {"name": "Группа МЕТКА-предложение", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Ждёт модерации."},
  {"name": "Группа МЕТКА-отклонено", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Отклонена."},
  {"name": "Клуб МЕТКА-объединено", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Второй экземпляр."}
]"#;

/// Every marker, each naming its place.
const MARKERS: [&str; 17] = [
    "МЕТКА-предложение",
    "МЕТКА-отклонено",
    "МЕТКА-объединено",
    "leak-account@example.ru",
    "МЕТКА-имя",
    "МЕТКА-черновик",
    "МЕТКА-проверка",
    "МЕТКА-сотрудник",
    "МЕТКА-сообщение",
    "leak-reporter@example.ru",
    "МЕТКА-решение",
    "МЕТКА-модерация",
    "МЕТКА-аудит",
    "203.0.113.77",
    "МЕТКА-ревизия",
    "МЕТКА-список",
    "МЕТКА-письмо",
];

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql)
        .execute(&app.state.db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn world() -> (TestApp, i64) {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let a = app.org_id("Альфа").await;
    let pending = app.org_id("МЕТКА-предложение").await;
    let rejected = app.org_id("МЕТКА-отклонено").await;
    let merged = app.org_id("МЕТКА-объединено").await;
    exec(
        &app,
        &format!("update organization set status = 'pending' where id = {pending}"),
    )
    .await;
    exec(&app, &format!("update organization set status = 'rejected', moderation_note = 'МЕТКА-модерация' where id = {rejected}")).await;
    exec(
        &app,
        &format!(
            "update organization set status = 'merged', merged_into = {a} where id = {merged}"
        ),
    )
    .await;
    exec(
        &app,
        &format!("update organization set moderation_note = 'МЕТКА-модерация' where id = {a}"),
    )
    .await;
    // The status changes above skipped the code paths that tell search; tell it now.
    app.state
        .search
        .refresh(&app.state.db, &[pending, rejected, merged])
        .await
        .expect("search refreshed");
    let editor = app
        .editor("leak-account@example.ru", "рыжий кот на крыше", a)
        .await;
    exec(
        &app,
        &format!("update account set display_name = 'МЕТКА-имя' where id = {editor}"),
    )
    .await;
    exec(&app, &format!(
        "insert into form_draft (id, owner, form, target_id, payload, created_at, updated_at)
         values ('d1', 'account:{editor}', 'edit', {a}, '{{\"name\": \"МЕТКА-черновик\"}}', '2026-01-01', '2026-01-01')"
    )).await;
    exec(&app, &format!(
        "insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at)
         values ({a}, 'visit', 'МЕТКА-сотрудник', 'МЕТКА-проверка', '2026-11-01T10:00:00Z', '2026-11-01', '2026-11-01')"
    )).await;
    exec(&app, &format!(
        "insert into error_report (organization_id, message, contact, resolution_note, created_at, updated_at)
         values ({a}, 'МЕТКА-сообщение', 'leak-reporter@example.ru', 'МЕТКА-решение', '2026-01-01', '2026-01-01')"
    )).await;
    exec(&app, &format!(
        "insert into audit_event (region_id, account_id, action, target_kind, target_id, detail, ip, created_at, updated_at)
         values ({}, {editor}, 'edit', 'organization', {a}, 'МЕТКА-аудит', '203.0.113.77', '2026-01-01', '2026-01-01')",
        app.state.region.id
    )).await;
    exec(&app, &format!(
        "insert into revision (organization_id, number, account_id, kind, snapshot, created_at, updated_at)
         values ({a}, 99, {editor}, 'edit', '{{\"name\": \"МЕТКА-ревизия\"}}', '2026-01-01', '2026-01-01')"
    )).await;
    sqlx::query(
        "insert into import_batch (region_id, account_id, file_name, file_data, created_at, updated_at)
         values ($1, $2, 'list.csv', $3, '2026-01-01', '2026-01-01')",
    )
    .bind(app.state.region.id)
    .bind(editor)
    .bind("name\nМЕТКА-список".as_bytes().to_vec())
    .execute(&app.state.db)
    .await
    .expect("import batch");
    exec(&app, "insert into outgoing_mail (recipient, subject, body, next_attempt_at, created_at, updated_at)
         values ('leak-account@example.ru', 'Тема', 'МЕТКА-письмо', '2026-01-01', '2026-01-01', '2026-01-01')").await;
    (app, a)
}

fn assert_clean(what: &str, text: &str) {
    for m in MARKERS {
        assert!(!text.contains(m), "{what} leaks {m}");
    }
}

/// Every file of a zip (the HSDS package, the workbook) as text.
fn unzip(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("a file");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("text");
        out.push_str(&s);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_open_data_carries_anything_private() {
    let (app, a) = world().await;
    let mut checked = 0;
    for path in [
        "/api/v1/organizations.csv",
        "/api/v1/organizations.geojson",
        "/api/v1/organizations.jsonl",
        "/api/v1/search?per_page=100",
        "/api/v1/changes",
        "/api/v1/hsds.json",
        "/hsds/",
        "/hsds/organizations?format=ndjson&full=true",
        "/hsds/services?format=ndjson&full=true",
        "/hsds/service_at_locations?format=ndjson&full=true",
        "/hsds/taxonomies",
        "/hsds/taxonomy_terms?per_page=100",
        "/sitemap.xml",
        "/robots.txt",
        "/",
        "/okrug/ketovsky",
        "/okrug/kargapolsky",
        "/open-data",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_clean(path, &page.body);
        checked += 1;
    }
    // The published organization itself is everywhere it should be, so the check has teeth.
    let hsds = app.get("/api/v1/hsds.json").await;
    assert!(hsds.body.contains("Совет ветеранов села Альфа"));
    assert!(hsds.body.contains("4501000016"));
    for zip_path in ["/api/v1/hsds.zip", "/api/v1/organizations.xlsx"] {
        let (status, _, bytes) = app.get_bytes(zip_path).await;
        assert_eq!(status, 200, "{zip_path}");
        let text = unzip(&bytes);
        assert!(text.contains("Альфа"), "{zip_path} was read");
        assert_clean(zip_path, &text);
        checked += 1;
    }
    // Every published page, with its JSON-LD and OpenGraph.
    let ids: Vec<i64> = sqlx::query_scalar("select id from organization order by id")
        .fetch_all(&app.state.db)
        .await
        .expect("ids");
    for id in ids {
        let page = app.get(&format!("/org/{id}")).await;
        assert_clean(&format!("/org/{id}"), &page.body);
        let hsds = app.get(&format!("/api/v1/organizations/{id}")).await;
        assert_clean(&format!("/api/v1/organizations/{id}"), &hsds.body);
        checked += 2;
    }
    let page = app.get(&format!("/org/{a}")).await;
    assert!(
        page.body.contains("application/ld+json"),
        "the JSON-LD was checked"
    );
    assert!(checked > 25);
}
