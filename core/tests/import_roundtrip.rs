//! Import against a real temporary SQLite database, then read everything back.

use app::i18n::I18n;
use app::organizations::{ContactKind, Cost};
use app::queries;
use poputchiki_core as app;
use poputchiki_core::testing::TestCore as TestApp;

fn full_record(lat: f64, lon: f64) -> String {
    serde_json::json!([{
        "name": "АНО «Тестовая забота»",
        "kind": "ngo",
        "legal_form": "ano",
        "okrug": "Кетовский",
        "settlement": "с. Кетово",
        "address": "с. Кетово, ул. Ленина, 1",
        "lat": lat, "lon": lon,
        "phone": "8 (35231) 2-11-11",
        "email": "Test@Example.org",
        "website": "example.org",
        "vk": "@testzabota",
        "telegram": "https://t.me/testzabota",
        "inn": "7707083893",
        "ogrn": "1027700132195",
        "directions": ["social_services"],
        "audiences": ["elderly", "Люди с инвалидностью"],
        "event_formats": ["home_care"],
        "description": "Помогаем пожилым жить дома.\n\nВторой абзац.",
        "services": [{"name": "Помощь на дому", "description": "Уборка и продукты", "audiences": ["elderly"],
                      "cost": "частично", "how_to_apply": "Позвоните", "schedule": "Пн–пт, 9:00–17:00"}],
        "events": [{"title": "Школа ухода", "starts_at": "2099-01-15 14:00", "place": "Кетово", "format": "training_seminar"},
                   {"title": "Давно прошло", "starts_at": "2001-01-01"}],
        "needs": [{"kind": "volunteers", "title": "Водители"}],
        "verification": {"method": "registry", "verified_by": "Ресурсный центр", "verified_at": "2026-10-01", "note": "Сверено"}
    }])
    .to_string()
}

/// The centre of the Ketovo okrug, where the full record sits.
fn ketovo_centre(app: &TestApp) -> app::region::LatLon {
    app.state
        .region
        .okrug_by_slug("ketovsky")
        .expect("okrug")
        .center
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_record_comes_back_with_all_its_parts() {
    let app = TestApp::empty().await;
    let ketovo = ketovo_centre(&app);
    let report = app.import_json(&full_record(ketovo.lat, ketovo.lon)).await;
    assert_eq!(
        (report.created, report.rejected_rows),
        (1, 0),
        "{}",
        report.render()
    );

    let page = queries::page(&app.state, report.changed_ids[0], &I18n::default())
        .await
        .expect("page");
    assert_eq!(page.name, "АНО «Тестовая забота»");
    assert_eq!(page.kind_label, "Некоммерческая организация");
    assert_eq!(
        page.legal_form_label.as_deref(),
        Some("Автономная некоммерческая организация (АНО)")
    );
    assert_eq!(page.okrug.slug, "ketovsky");
    assert!(!page.approximate);
    let contacts: Vec<(ContactKind, &str)> = page
        .contacts
        .iter()
        .map(|c| (c.kind, c.value.as_str()))
        .collect();
    assert_eq!(
        contacts,
        vec![
            (ContactKind::Phone, "8 (35231) 2-11-11"),
            (ContactKind::Email, "test@example.org"),
            (ContactKind::Website, "https://example.org"),
            (ContactKind::Vk, "https://vk.com/testzabota"),
            (ContactKind::Telegram, "https://t.me/testzabota"),
        ]
    );
    assert_eq!(
        page.directions
            .iter()
            .map(|t| t.code.as_str())
            .collect::<Vec<_>>(),
        ["social_services"]
    );
    assert_eq!(page.audiences.len(), 2);
    assert_eq!(page.event_formats[0].code, "home_care");
    assert_eq!(page.services.len(), 1);
    assert_eq!(page.services[0].cost, Cost::Partly);
    assert_eq!(page.services[0].audiences[0].label, "Пожилые люди");
    assert_eq!(
        page.upcoming_events.len(),
        1,
        "past events are not upcoming"
    );
    assert_eq!(page.upcoming_events[0].when, "15 января 2099, 14:00");
    assert_eq!(page.needs[0].kind.code, "volunteers");
    assert_eq!(page.inn.as_deref(), Some("7707083893"));
    assert_eq!(page.ogrn.as_deref(), Some("1027700132195"));
    let v = page.verification.expect("verified");
    assert_eq!(
        (v.date.as_str(), v.method_label.as_str()),
        ("1 октября 2026", "по реестру (ИНН/ОГРН)")
    );
    assert_eq!(page.summary, "Помогаем пожилым жить дома.");
    assert!(page.minimap.point.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reimporting_updates_instead_of_duplicating() {
    let app = TestApp::empty().await;
    let c = app
        .state
        .region
        .okrug_by_slug("ketovsky")
        .expect("okrug")
        .center;
    app.import_json(&full_record(c.lat, c.lon)).await;
    let again = app.import_json(&full_record(c.lat, c.lon)).await;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 1));
    let version = || async {
        sqlx::query_scalar::<_, i64>("select version from organization")
            .fetch_one(&app.state.db)
            .await
            .expect("row")
    };
    assert_eq!(version().await, 1, "the same record again writes nothing");
    // A changed phone updates the stored organization instead of adding one.
    let changed = full_record(c.lat, c.lon).replace("8 (35231) 2-11-11", "8 (35231) 2-22-22");
    let third = app.import_json(&changed).await;
    assert_eq!((third.created, third.updated), (0, 1), "{}", third.render());
    assert_eq!(app.count().await, 1);
    assert_eq!(version().await, 2, "each real update bumps the version");
}

const CSV: &str = "name;kind;okrug;lat;lon;inn;directions;audiences\n\
Совет ветеранов;ngo;Шумихинский;;;7707083893;social_services;elderly\n\
ТОС «Опечатка»;initiative_group;Шумихинский;;;7707083894;;\n\
Клуб «Москва»;initiative_group;;55,75;37,62;;;\n\
Клуб «Неизвестный»;клуб;Нигдеевский;;;;полёты;\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_rows_go_in_and_bad_rows_are_reported_by_row_and_column() {
    let app = TestApp::empty().await;
    let report = app.import_csv(CSV, false).await;
    assert_eq!(
        (report.rows, report.created, report.rejected_rows),
        (4, 1, 3),
        "{}",
        report.render()
    );
    // An unknown kind or direction is dropped with a warning; the unknown okrug (with no
    // point to place the row instead) refuses it.
    let noted: Vec<(usize, &str)> = report
        .warnings
        .iter()
        .map(|e| (e.row, e.field.as_str()))
        .collect();
    assert_eq!(
        noted,
        vec![(5, "kind"), (5, "directions")],
        "{}",
        report.render()
    );
    assert_eq!(app.count().await, 1);
    let where_: Vec<(usize, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str()))
        .collect();
    assert!(where_.contains(&(3, "inn")), "{where_:?}");
    assert!(where_.contains(&(4, "lat")), "{where_:?}");
    assert!(where_.contains(&(5, "okrug")), "{where_:?}");
    let inn_error = report.errors.iter().find(|e| e.row == 3).expect("row 3");
    assert!(
        inn_error.message.contains("контрольная цифра"),
        "{}",
        inn_error.message
    );
    let rendered = report.render();
    assert!(rendered.contains(
        "строка 4, столбец lat (отклонена): Точка находится за пределами региона «Курганская область»"
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_reports_but_writes_nothing() {
    let app = TestApp::empty().await;
    let report = app.import_csv(CSV, true).await;
    assert!(report.dry_run);
    assert_eq!((report.created, report.rejected_rows), (1, 3));
    assert_eq!(app.count().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_without_coordinates_sit_at_the_okrug_centre_flagged_approximate() {
    let app = TestApp::empty().await;
    app.import_csv(
        "name,kind,okrug\nТОС «Рассвет»,initiative_group,shumikhinsky\n",
        false,
    )
    .await;
    let (lat, lon, approximate): (f64, f64, poputchiki_core::db::Flag) =
        sqlx::query_as("select lat, lon, location_approximate from organization")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    let centre = app
        .state
        .region
        .okrug_by_slug("shumikhinsky")
        .expect("okrug")
        .center;
    assert_eq!((lat, lon, approximate.0), (centre.lat, centre.lon, true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_file_imports_completely() {
    let app = TestApp::with_demo().await;
    assert_eq!(app.count().await, 300);
    let okrugs: i64 = sqlx::query_scalar("select count(distinct okrug_id) from organization")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(okrugs, 26, "demo data covers every okrug");
    let demo: i64 = sqlx::query_scalar("select count(*) from organization where is_demo = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(demo, 300, "demo records are marked as demo");
}

/// A statement is prepared once per connection and keeps the parameter types of its first
/// run: a missing coordinate (null) first and a present one later must both store, on
/// SQLite and PostgreSQL alike (sqlx's `Any` sent a float null as 4 bytes).
#[tokio::test]
async fn a_missing_and_a_present_coordinate_go_through_the_same_statement() {
    use app::db::{OptF64, Values};
    let app = TestApp::empty().await;
    let mut conn = app.state.db.acquire().await.expect("connection");
    sqlx::query("create temporary table points (n bigint, x double precision)")
        .execute(&mut *conn)
        .await
        .expect("table");
    for (n, x) in [(1_i64, None), (2, Some(65.25)), (3, None), (4, Some(-1.5))] {
        let mut rows = Values::new("insert into points (n, x)");
        rows.row(|mut b| {
            b.push_bind(n).push_bind(OptF64(x));
        });
        rows.execute(&mut conn).await.expect("insert");
    }
    let stored: Vec<(i64, Option<f64>)> = sqlx::query_as("select n, x from points order by n")
        .fetch_all(&mut *conn)
        .await
        .expect("read");
    assert_eq!(
        stored,
        vec![(1, None), (2, Some(65.25)), (3, None), (4, Some(-1.5))]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_whose_inn_a_proposal_holds_is_refused_and_the_others_go_in() {
    let app = TestApp::empty().await;
    let ketovo = ketovo_centre(&app);
    let first = app.import_json(&full_record(ketovo.lat, ketovo.lon)).await;
    let id = first.changed_ids[0];
    // The organization becomes a proposal awaiting moderation: its ИНН is still taken.
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("pending");
    let rows = serde_json::json!([
        {"name": "Другая забота", "kind": "ngo", "okrug": "ketovsky", "inn": "7707083893"},
        {"name": "Клуб «Рассвет»", "kind": "initiative_group", "okrug": "ketovsky"}
    ]);
    let report = app.import_json(&rows.to_string()).await;
    assert_eq!(
        (report.created, report.rejected_rows),
        (1, 1),
        "{}",
        report.render()
    );
    let refused = report.errors.first().expect("an error");
    assert!(
        refused.message.contains(&format!("№ {id}")),
        "names the proposal: {}",
        refused.message
    );
}
