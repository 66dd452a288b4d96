//! Two instances on one database, as behind a load balancer: what one writes, the other's
//! search finds by itself (its change-log watcher), edits, verifications and ties alike.

use std::time::Duration;

use poputchiki_core::search::watch;
use poputchiki_tests::{encode, found_count, location, TestApp};

const ORGS: &str = r#"[
  {"name": "Клуб «Рябинушка»", "kind": "initiative_group", "okrug": "ketovsky", "summary": "Хор ветеранов"},
  {"name": "Фонд «Исток»", "kind": "nko", "okrug": "shumikhinsky", "summary": "Помощь семьям"}
]"#;

/// How many organizations a search page on `app` finds, waiting up to ten seconds for it
/// to become `want` (the watcher polls every second on SQLite; PostgreSQL notifies).
async fn found_eventually(app: &TestApp, query: &str, want: i64) -> Option<i64> {
    let mut last = None;
    for _ in 0..100 {
        last = found_count(&app.get(query).await.body);
        if last == Some(want) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_and_a_verification_through_one_instance_are_found_through_the_other() {
    let a = TestApp::empty().await;
    a.import_json(ORGS).await;
    let b = a.beside().await;
    watch::spawn(b.state.search.clone(), b.state.db.clone());
    let id = a.org_id("Рябинушка").await;
    let word = "/?q=".to_owned() + &encode("гармонь");
    assert_eq!(found_count(&b.get(&word).await.body), Some(0));

    // An editor saves through instance A.
    a.editor("lead@example.ru", "рыжий кот на крыше", id).await;
    let mut browser = a.browser();
    browser.login("lead@example.ru", "рыжий кот на крыше").await;
    let mut fields = a.edit_form(id).await;
    for (k, v) in fields.iter_mut() {
        if k == "summary" {
            *v = "Хор ветеранов и кружок гармони".into();
        }
    }
    let saved = browser
        .post_fields(&format!("/org/{id}/edit"), &fields)
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        found_eventually(&b, &word, 1).await,
        Some(1),
        "the edit reached B"
    );

    // Staff verify through instance A: a verification is no edit of the organization row.
    a.staff("staff@example.ru", "рыжий кот на крыше", a.state.region.id)
        .await;
    let mut staff = a.browser();
    staff.login("staff@example.ru", "рыжий кот на крыше").await;
    let verified = staff
        .post(
            &format!("/org/{id}/verify"),
            &[("method", "visit"), ("note", "Были в гостях")],
        )
        .await;
    assert_eq!(verified.status, 303, "{}", verified.body);
    assert_eq!(
        found_eventually(&b, "/?verified=true", 1).await,
        Some(1),
        "the verification reached B"
    );
}

/// Files in an instance's mail outbox (mail goes there when no SMTP server is set).
fn outbox(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("outbox"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_mail_goes_out_once_however_many_instances_send() {
    let a = TestApp::empty().await;
    let b = a.beside().await;
    for i in 0..20 {
        a.state
            .queue_mail(&format!("reader{i}@example.ru"), "Тема", "Текст")
            .await
            .expect("queued");
    }
    let (from_a, from_b) = tokio::join!(a.deliver_mail(), b.deliver_mail());
    assert_eq!(from_a + from_b, 20, "each mail sent by one instance");
    assert_eq!(outbox(&a) + outbox(&b), 20);
    assert_eq!(a.deliver_mail().await + b.deliver_mail().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_count_across_instances() {
    let a = TestApp::empty().await;
    let b = a.beside().await;
    a.account("anna@example.ru", "рыжий кот на крыше").await;
    // Alternate the instances, as a balancer would: after five free failures each one
    // doubles the wait, counted together, so the next try waits minutes on either.
    for i in 0..12 {
        let app = if i % 2 == 0 { &a } else { &b };
        let mut browser = app.browser();
        browser
            .post(
                "/login",
                &[("email", "anna@example.ru"), ("password", "неверно")],
            )
            .await;
    }
    for app in [&a, &b] {
        let mut browser = app.browser();
        let blocked = browser
            .post(
                "/login",
                &[
                    ("email", "anna@example.ru"),
                    ("password", "рыжий кот на крыше"),
                ],
            )
            .await;
        let form = browser.get(&location(&blocked)).await;
        assert!(
            form.body.contains("Слишком много неудачных попыток"),
            "the right password waits too, on either instance: {}",
            form.body
        );
    }
}
