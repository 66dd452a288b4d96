//! The staff workspace's queues: the counts on /staff, each queue's page with why every
//! organization is there and how to reach it, the okrug filter, and a bounced reminder
//! landing in "нужно позвонить".

use chrono::Duration;
use poputchiki_tests::{Browser, TestApp};

use app::reconfirm::run::{self, Ctx};

const PW: &str = "рыжий кот на крыше";

const ORGS: &str = r#"[
  {"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Помогаем пожилым.", "phone": "8 (35200) 1-11-11"},
  {"name": "ТОС «Бета»", "kind": "initiative_group", "okrug": "shumikhinsky", "description": "Благоустройство.", "email": "beta@example.org"},
  {"name": "Клуб «Гамма»", "kind": "initiative_group", "okrug": "shumikhinsky", "description": "Без адреса.", "phone": "8 (35200) 3-33-33"}
]"#;

async fn ago(app: &TestApp, sql: &str, days: i64) {
    sqlx::query(sql)
        .bind(poputchiki_core::db::from_now(-Duration::days(days)))
        .execute(&app.state.db)
        .await
        .expect("dates");
}

/// Альфа (Кетовский, has an editor) untouched for 13 months; Бета and Гамма (Шумихинский,
/// no editor) seven months, Бета checked by staff 30 months ago; reminders sent.
async fn world() -> (TestApp, Browser) {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let alfa = app.org_id("Альфа").await;
    app.editor("lead@example.ru", PW, alfa).await;
    ago(&app, "update organization set updated_at = $1", 213).await;
    ago(
        &app,
        &format!("update organization set updated_at = $1 where id = {alfa}"),
        400,
    )
    .await;
    let beta = app.org_id("Бета").await;
    let old = poputchiki_core::db::from_now(-Duration::days(900));
    sqlx::query("insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at) values ($1, 'visit', 'Staff', '', $2, $3, $4)")
        .bind(beta)
        .bind(&old[..10])
        .bind(&old)
        .bind(&old)
        .execute(&app.state.db)
        .await
        .expect("old check");
    run::run_once(Ctx::from(&*app.state), chrono::Utc::now())
        .await
        .expect("reminders");
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    (app, b)
}

/// The rows of a queue page's table, as text.
fn rows(body: &str) -> Vec<String> {
    body.split("<tbody>")
        .nth(1)
        .and_then(|t| t.split("</tbody>").next())
        .unwrap_or("")
        .split("<tr>")
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_queue_lists_what_needs_a_person_and_why() {
    let (_app, mut b) = world().await;
    let desk = b.get("/staff").await;
    assert_eq!(desk.status, 200);
    for q in ["stale", "call", "no-editor", "verification-expired"] {
        assert!(
            desk.body.contains(&format!("href=\"/staff/queue/{q}\"")),
            "{q}"
        );
    }

    let stale = b.get("/staff/queue/stale").await;
    let r = rows(&stale.body);
    assert_eq!(r.len(), 1, "only Альфа is over a year old");
    assert!(r[0].contains("Альфа") && r[0].contains("Последние сведения 1 год назад"));
    assert!(r[0].contains("href=\"tel:"), "a phone to tap: {}", r[0]);

    let none = b.get("/staff/queue/no-editor").await;
    let r = rows(&none.body);
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|row| !row.contains("Альфа")));

    let call = b.get("/staff/queue/call").await;
    let r = rows(&call.body);
    assert_eq!(r.len(), 1, "Гамма has nobody to mail: {r:?}");
    assert!(r[0].contains("Гамма") && r[0].contains("нет ни редактора, ни эл. почты"));
    assert!(r[0].contains("8 (35200) 3-33-33"), "the phone to call");

    let checks = b.get("/staff/queue/verification-expired").await;
    let r = rows(&checks.body);
    assert_eq!(r.len(), 1);
    assert!(r[0].contains("Бета") && r[0].contains("Проверено "));
    // Its manage page keeps every check, with method and who.
    let beta = _app.org_id("Бета").await;
    let manage = b.get(&format!("/org/{beta}/manage")).await;
    assert!(manage.body.contains("Все проверки"));
    assert!(manage.body.contains("при личном визите · Staff"));

    assert_eq!(b.get("/staff/queue/nonsense").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_okrug_filter_narrows_every_queue_and_a_bounced_reminder_needs_a_call() {
    let (app, mut b) = world().await;
    let ketovsky = b.get("/staff/queue/no-editor?okrug=ketovsky").await;
    assert!(rows(&ketovsky.body).is_empty());
    assert!(ketovsky.body.contains("Здесь пусто."));
    let shum = b.get("/staff/queue/no-editor?okrug=shumikhinsky").await;
    assert_eq!(rows(&shum.body).len(), 2);
    assert!(shum
        .body
        .contains(r#"<option value="shumikhinsky" selected"#));

    // The mail to Бета's public address bounced: the queue gave up on it.
    sqlx::query("update outgoing_mail set attempts = $1 where recipient = 'beta@example.org'")
        .bind(app::mail_queue::MAX_ATTEMPTS)
        .execute(&app.state.db)
        .await
        .expect("bounce");
    let call = b.get("/staff/queue/call?okrug=shumikhinsky").await;
    let r = rows(&call.body);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r
        .iter()
        .any(|row| row.contains("Бета") && row.contains("Письмо с напоминанием не дошло")));

    // The counts block agrees with the filtered queues.
    let desk = b.get("/staff?okrug=ketovsky").await;
    let counts = desk.body.split("desk-counts").nth(1).unwrap_or("");
    let count_of = |q: &str| -> String {
        counts
            .split(&format!("/staff/queue/{q}?okrug=ketovsky\""))
            .nth(1)
            .and_then(|s| s.split("class=\"count\">").nth(1))
            .and_then(|s| s.split('<').next())
            .unwrap_or("?")
            .to_owned()
    };
    assert_eq!(count_of("stale"), "1");
    assert_eq!(count_of("call"), "0");
    assert_eq!(count_of("no-editor"), "0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_resolve_or_dismiss_a_report_with_a_note_and_reply_by_mail() {
    let (app, mut b) = world().await;
    let alfa = app.org_id("Альфа").await;
    let db = &app.state.db;
    app::editing::store::add_report(db, alfa, "Телефон не отвечает", "maria@example.org")
        .await
        .expect("report");
    app::editing::store::add_report(db, alfa, "Адрес устарел", "8 912 000-00-00")
        .await
        .expect("report");
    let by_mail = app.scalar_i64("select min(id) from error_report").await;
    let by_phone = app.scalar_i64("select max(id) from error_report").await;
    let desk = b.get("/staff").await;
    assert!(desk.body.contains("Ответ автору на maria@example.org"));
    assert_eq!(
        desk.body.matches("Ответ автору на").count(),
        1,
        "no reply box for a phone number"
    );

    // A reply to a phone number is refused, with everything typed kept.
    let back = b
        .post(
            &format!("/staff/reports/{by_phone}/resolve"),
            &[
                ("decision", "resolve"),
                (&format!("note-{by_phone}"), "Уточнили адрес"),
                (&format!("reply-{by_phone}"), "Спасибо, исправили"),
            ],
        )
        .await;
    let form = b.get(&poputchiki_tests::location(&back)).await;
    assert!(form
        .body
        .contains("Автор не оставил адреса электронной почты"));
    assert!(form.body.contains("Уточнили адрес"));
    let open = app
        .scalar_text(&format!(
            "select status from error_report where id = {by_phone}"
        ))
        .await;
    assert_eq!(open, "open");

    let done = b
        .post(
            &format!("/staff/reports/{by_mail}/resolve"),
            &[
                ("decision", "resolve"),
                (&format!("note-{by_mail}"), "Позвонили, номер новый"),
                (
                    &format!("reply-{by_mail}"),
                    "Спасибо! Номер телефона обновили.",
                ),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    let mail = app.mails_to("maria@example.org").await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].1.contains("Спасибо! Номер телефона обновили."));
    assert!(mail[0].1.contains("Совет ветеранов села Альфа"));
    let (status, note): (String, String) =
        sqlx::query_as("select status, resolution_note from error_report where id = $1")
            .bind(by_mail)
            .fetch_one(db)
            .await
            .expect("report");
    assert_eq!(status, "resolved");
    assert!(note.contains("Позвонили, номер новый") && note.contains("Ответ: Спасибо!"));

    b.post(
        &format!("/staff/reports/{by_phone}/resolve"),
        &[
            ("decision", "dismiss"),
            (&format!("note-{by_phone}"), "Адрес верный"),
        ],
    )
    .await;
    let dismissed = app
        .scalar_text(&format!(
            "select status from error_report where id = {by_phone}"
        ))
        .await;
    assert_eq!(dismissed, "dismissed");
    assert!(!b.get("/staff").await.body.contains("Адрес устарел"));
}

/// Posts the edit form of `id` as `b`, with `changes` laid over what is stored.
async fn edit(app: &TestApp, b: &mut Browser, id: i64, changes: &[(&str, &str)]) -> u16 {
    let mut fields = app.edit_form(id).await;
    for (k, v) in changes {
        fields.retain(|(f, _)| f != k);
        fields.push(((*k).into(), (*v).into()));
    }
    b.post_fields(&format!("/org/{id}/edit"), &fields)
        .await
        .status
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn significant_edits_of_a_recently_approved_organization_wait_for_a_look() {
    let (app, mut staff) = world().await;
    let alfa = app.org_id("Альфа").await;
    sqlx::query("update organization set moderated_at = $1 where id = $2")
        .bind(poputchiki_core::db::from_now(-Duration::days(10)))
        .bind(alfa)
        .execute(&app.state.db)
        .await
        .expect("approved");
    let mut lead = app.browser();
    lead.login("lead@example.ru", PW).await;

    // A new summary is not significant; a new name is, and is published at once.
    assert_eq!(
        edit(
            &app,
            &mut lead,
            alfa,
            &[("summary", "Помогаем пожилым людям")]
        )
        .await,
        303
    );
    assert!(!staff.get("/staff").await.body.contains("Изменено:"));
    assert_eq!(
        edit(&app, &mut lead, alfa, &[("name", "Совет ветеранов Альфы")]).await,
        303
    );
    let name = app
        .scalar_text(&format!("select name from organization where id = {alfa}"))
        .await;
    assert_eq!(name, "Совет ветеранов Альфы");
    let desk = staff.get("/staff").await;
    let item = desk
        .body
        .split("id=\"edits\"")
        .nth(1)
        .and_then(|s| s.split("id=\"reports\"").next())
        .unwrap_or("")
        .to_owned();
    assert!(
        item.contains("Совет ветеранов Альфы") && item.contains("Изменено:"),
        "{item}"
    );
    let accept = item
        .split("action=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("an accept button")
        .to_owned();
    assert!(accept.ends_with("/accept"));
    assert_eq!(staff.post(&accept, &[]).await.status, 303);
    assert!(!staff
        .get("/staff")
        .await
        .body
        .contains("Совет ветеранов Альфы</a></h3>"));

    // Another one, reverted by staff: the old name is back and the queue is empty.
    assert_eq!(
        edit(&app, &mut lead, alfa, &[("address", "ул. Новая, 1")]).await,
        303
    );
    let revert = staff
        .get("/staff")
        .await
        .body
        .split(&format!("action=\"/org/{alfa}/revert/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|n| format!("/org/{alfa}/revert/{n}"))
        .expect("a revert button");
    assert_eq!(staff.post(&revert, &[]).await.status, 303);
    let address = app
        .scalar_text(&format!(
            "select address from organization where id = {alfa}"
        ))
        .await;
    assert_ne!(address, "ул. Новая, 1");
    let left = app
        .scalar_i64("select count(*) from revision where review = 'pending'")
        .await;
    assert_eq!(left, 0);

    // Staff's own significant edits need nobody's look.
    edit(
        &app,
        &mut staff,
        alfa,
        &[("name", "Совет ветеранов села Альфа")],
    )
    .await;
    let left = app
        .scalar_i64("select count(*) from revision where review = 'pending'")
        .await;
    assert_eq!(left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_record_of_an_organization_shows_in_the_duplicates_queue() {
    let (app, mut b) = world().await;
    assert!(rows(&b.get("/staff/queue/duplicates").await.body).is_empty());
    app.import_json(
        r#"[{"name": "Совет ветеранов с. Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Вторая запись."},
            {"name": "Клуб садоводов «Бета»", "kind": "initiative_group", "okrug": "kargapolsky", "email": "beta@example.org"}]"#,
    )
    .await;
    let page = b.get("/staff/queue/duplicates").await;
    let r = rows(&page.body);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r
        .iter()
        .any(|row| row.contains("Альфа") && row.contains("то же название в округе")));
    assert!(r
        .iter()
        .any(|row| row.contains("Бета") && row.contains("та же почта")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_raises_no_false_duplicate_alarms() {
    let app = TestApp::with_demo().await;
    let records = app::duplicates::store::records(&app.state.db, app.state.region.id)
        .await
        .expect("records");
    let started = std::time::Instant::now();
    let pairs = app::duplicates::pairs(&records);
    println!(
        "demo: {} organizations, {} suspected pairs in {:?}",
        records.len(),
        pairs.len(),
        started.elapsed()
    );
    for (a, b, why) in pairs.iter().take(10) {
        let name = |id: &i64| {
            records
                .iter()
                .find(|r| r.id == *id)
                .map(|r| r.name.clone())
                .unwrap_or_default()
        };
        println!("  {why:?}: {} / {}", name(a), name(b));
    }
    // The demo has no duplicates by construction: any pair is a false alarm.
    assert!(pairs.is_empty(), "{} false alarms", pairs.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposer_is_told_the_organization_may_be_on_the_map_before_sending() {
    let (app, _) = world().await;
    let alfa = app.org_id("Альфа").await;
    let mut lead = app.browser();
    lead.login("lead@example.ru", PW).await;
    let fields = [
        ("name", "Совет ветеранов с. Альфа"),
        ("kind", "ngo"),
        ("okrug", "ketovsky"),
    ];
    let before = app.scalar_i64("select count(*) from organization").await;
    let back = lead.post("/org/new", &fields).await;
    assert_eq!(back.status, 303);
    let form = lead.get(&poputchiki_tests::location(&back)).await;
    assert!(form
        .body
        .contains("Похоже, эта организация уже есть на карте:"));
    assert!(
        form.body.contains(&format!("href=\"/org/{alfa}-")),
        "a link to it"
    );
    assert!(
        form.body.contains("value=\"Совет ветеранов с. Альфа\""),
        "the text is kept"
    );
    let total = app.scalar_i64("select count(*) from organization").await;
    assert_eq!(total, before, "nothing was stored");

    let mut again: Vec<(&str, &str)> = fields.to_vec();
    again.push(("not_duplicate", "1"));
    let sent = lead.post("/org/new", &again).await;
    assert_eq!(
        poputchiki_tests::location(&sent),
        "/account?notice=proposed"
    );
    let pending = app
        .scalar_i64("select count(*) from organization where status = 'pending'")
        .await;
    assert_eq!(pending, 1);
}
