//! Re-confirmation reminders: each due round is mailed exactly once (two workers at once,
//! and passes after a restart, find nothing more to send); the links' pages change nothing
//! until their button is pressed; used, spent and expired links are refused.

use chrono::{Duration, Utc};
use poputchiki_tests::{location, TestApp};

use app::reconfirm::run::{self, Ctx};

const PW: &str = "рыжий кот на крыше";

const ORGS: &str = r#"[
  {"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Помогаем пожилым.", "email": "alfa@example.org"},
  {"name": "ТОС «Бета»", "kind": "initiative_group", "okrug": "shumikhinsky", "description": "Благоустройство.", "email": "beta@example.org"},
  {"name": "Клуб «Гамма»", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Без адреса."}
]"#;

/// Three organizations last touched seven months ago: Альфа has an editor, Бета only a
/// public address, Гамма nothing to write to.
async fn world() -> TestApp {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let alfa = app.org_id("Альфа").await;
    app.editor("lead@example.ru", PW, alfa).await;
    sqlx::query("update organization set updated_at = $1")
        .bind(poputchiki_core::db::from_now(-Duration::days(213)))
        .execute(&app.state.db)
        .await
        .expect("age");
    app
}

fn ctx(app: &TestApp) -> Ctx<'_> {
    Ctx::from(&*app.state)
}

/// The three links of a reminder mail, in the mail's order: confirm, update, closed.
fn links(body: &str) -> Vec<String> {
    body.split("/confirm/")
        .skip(1)
        .map(|rest| rest.chars().take(32).collect())
        .collect()
}

async fn mails(app: &TestApp, to: &str) -> Vec<String> {
    app.mails_to(to).await.into_iter().map(|(_, b)| b).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_round_is_mailed_once_across_two_workers_and_restarts() {
    let app = world().await;
    let now = Utc::now();
    // Two workers at the same moment.
    let (a, b) = tokio::join!(run::run_once(ctx(&app), now), run::run_once(ctx(&app), now));
    let (a, b) = (a.expect("worker a"), b.expect("worker b"));
    assert_eq!(a.sent.len() + b.sent.len(), 2, "{a:?} {b:?}");
    assert_eq!(a.no_address.len() + b.no_address.len(), 1);
    let lead = mails(&app, "lead@example.ru").await;
    assert_eq!(
        lead.len(),
        1,
        "the editor gets one mail, not the public address"
    );
    assert!(mails(&app, "alfa@example.org").await.is_empty());
    assert_eq!(mails(&app, "beta@example.org").await.len(), 1);
    let (subject, body) = app.mails_to("beta@example.org").await.remove(0);
    assert_eq!(subject, "Ваши сведения на карте ещё верны?");
    assert!(body.contains("ТОС «Бета»"));
    assert!(body.contains("Всё верно:") && body.contains("Мы больше не работаем:"));
    assert_eq!(links(&body).len(), 3);
    let gamma = app
        .scalar_text("select state from reconfirm_job j join organization o on o.id = j.organization_id where o.name like '%Гамма%'")
        .await;
    assert_eq!(gamma, "no_address");

    // A pass after a restart (all state is in the database) sends nothing more.
    let again = run::run_once(ctx(&app), now + Duration::hours(1))
        .await
        .expect("pass");
    assert!(
        again.sent.is_empty() && again.no_address.is_empty(),
        "{again:?}"
    );
    let dry = run::dry_run(ctx(&app), now + Duration::hours(1))
        .await
        .expect("dry");
    assert!(dry.sent.is_empty());

    // Two weeks before the listing turns stale: the second reminder, once.
    let later = now + Duration::days(140);
    let dry = run::dry_run(ctx(&app), later).await.expect("dry");
    assert_eq!(dry.sent.len(), 2, "dry run lists what would go out");
    assert_eq!(
        mails(&app, "lead@example.ru").await.len(),
        1,
        "a dry run writes nothing"
    );
    let second = run::run_once(ctx(&app), later).await.expect("pass");
    assert_eq!(second.sent.len(), 2);
    assert!(second
        .sent
        .iter()
        .all(|r| r.round.starts_with("pre_stale:")));
    run::run_once(ctx(&app), later).await.expect("pass");
    assert_eq!(mails(&app, "lead@example.ru").await.len(), 2);
    assert_eq!(mails(&app, "beta@example.org").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_link_changes_nothing_and_pressing_it_works_once() {
    let app = world().await;
    run::run_once(ctx(&app), Utc::now()).await.expect("pass");
    let beta = app.org_id("Бета").await;
    let body = mails(&app, "beta@example.org").await.remove(0);
    let [confirm, update, closed] = <[String; 3]>::try_from(links(&body)).expect("three links");

    let mut visitor = app.browser();
    let page = visitor.get(&format!("/confirm/{confirm}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Да, всё верно"));
    assert!(page
        .body
        .contains(r#"<meta name="robots" content="noindex""#));
    let untouched = app
        .scalar_i64(&format!(
            "select count(*) from organization where id = {beta} and confirmed_at is null"
        ))
        .await;
    assert_eq!(untouched, 1, "a GET never confirms");
    assert_eq!(
        app.scalar_i64("select count(used_at) from reconfirm_token")
            .await,
        0
    );

    let done = visitor.post(&format!("/confirm/{confirm}"), &[]).await;
    assert_eq!(done.status, 303);
    assert!(
        location(&done).ends_with("?notice=confirmed"),
        "{}",
        location(&done)
    );
    let org_page = app.get(&location(&done)).await;
    assert!(org_page.body.contains("Спасибо! Сведения подтверждены."));
    assert!(!org_page.body.contains("Организация ещё не подтверждала"));

    // Used: the same link, and the other two of that mail, are spent.
    let reused = visitor.post(&format!("/confirm/{confirm}"), &[]).await;
    assert_eq!(location(&reused), format!("/confirm/{confirm}"));
    for t in [&confirm, &closed] {
        let gone = visitor.get(&format!("/confirm/{t}")).await;
        assert_eq!(gone.status, 410);
        assert!(gone.body.contains("Ссылка больше не действует"));
    }
    let after = visitor.post(&format!("/confirm/{closed}"), &[]).await;
    assert_eq!(location(&after), format!("/confirm/{closed}"));
    let status = app
        .scalar_text(&format!(
            "select status from organization where id = {beta}"
        ))
        .await;
    assert_eq!(
        status, "published",
        "a spent «closed» link archives nothing"
    );
    let gone = visitor.get(&format!("/confirm/{update}")).await;
    assert_eq!(gone.status, 410);
    assert_eq!(visitor.get("/confirm/not-a-token").await.status, 410);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn we_no_longer_work_archives_and_tells_staff_and_expired_links_do_nothing() {
    let app = world().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    run::run_once(ctx(&app), Utc::now()).await.expect("pass");
    let beta = app.org_id("Бета").await;
    let body = mails(&app, "beta@example.org").await.remove(0);
    let [_, update, closed] = <[String; 3]>::try_from(links(&body)).expect("three links");
    let lead_body = mails(&app, "lead@example.ru").await.remove(0);
    let [lead_confirm, lead_update, _] =
        <[String; 3]>::try_from(links(&lead_body)).expect("three links");

    // «Обновить»: the editor lands on the edit form; with no editor, on the correction form.
    let mut visitor = app.browser();
    let to_form = visitor.post(&format!("/confirm/{lead_update}"), &[]).await;
    assert_eq!(
        location(&to_form),
        format!("/org/{}/edit", app.org_id("Альфа").await)
    );
    let to_report = visitor.post(&format!("/confirm/{update}"), &[]).await;
    assert!(
        location(&to_report).ends_with("#report"),
        "{}",
        location(&to_report)
    );

    // «Мы больше не работаем»: the page asks once more; the button archives.
    let ask = visitor.get(&format!("/confirm/{closed}")).await;
    assert!(ask.body.contains("Да, мы больше не работаем"));
    let done = visitor.post(&format!("/confirm/{closed}"), &[]).await;
    assert!(location(&done).ends_with("?notice=archived"));
    let status = app
        .scalar_text(&format!(
            "select status from organization where id = {beta}"
        ))
        .await;
    assert_eq!(status, "archived");
    let told = app.mails_to("staff@example.ru").await;
    assert_eq!(told.len(), 1);
    assert!(told[0].0.contains("больше не работает"));
    assert!(told[0].1.contains(&format!("/org/{beta}/manage")));
    let page = app.get(&location(&done)).await;
    assert!(page
        .body
        .contains("Организация сообщила, что больше не работает."));

    // An expired link: its page says so, and pressing it confirms nothing.
    sqlx::query("update reconfirm_token set expires_at = $1")
        .bind(poputchiki_core::db::from_now(-Duration::minutes(1)))
        .execute(&app.state.db)
        .await
        .expect("expire");
    assert_eq!(
        visitor
            .get(&format!("/confirm/{lead_confirm}"))
            .await
            .status,
        410
    );
    visitor.post(&format!("/confirm/{lead_confirm}"), &[]).await;
    let confirmed = app
        .scalar_i64("select count(confirmed_at) from organization")
        .await;
    assert_eq!(confirmed, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_the_mail_server_refuses_goes_straight_to_the_call_queue() {
    let sink = poputchiki_tests::smtp::SmtpSink::start().await;
    let app = TestApp::with_smtp(&sink.url()).await;
    app.import_json(
        r#"[{"name": "Клуб «Дельта»", "kind": "initiative_group", "okrug": "ketovsky", "email": "delta@no-such-mailbox.test"},
            {"name": "ТОС «Бета»", "kind": "initiative_group", "okrug": "shumikhinsky", "email": "beta@example.org"}]"#,
    )
    .await;
    sqlx::query("update organization set updated_at = $1")
        .bind(poputchiki_core::db::from_now(-Duration::days(213)))
        .execute(&app.state.db)
        .await
        .expect("age");
    run::run_once(ctx(&app), Utc::now())
        .await
        .expect("reminders");
    assert_eq!(
        app.deliver_mail().await,
        1,
        "the good address gets its mail"
    );
    assert_eq!(sink.received().len(), 1);
    // 550 "no such user": given up at once, not retried for a day.
    let attempts = app
        .scalar_i64(
            "select attempts from outgoing_mail where recipient = 'delta@no-such-mailbox.test'",
        )
        .await;
    assert_eq!(attempts, app::mail_queue::MAX_ATTEMPTS);
    assert_eq!(app.deliver_mail().await, 0);
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let queue = b.get("/staff/queue/call").await.body;
    assert!(queue.contains("Клуб «Дельта»"), "{queue}");
    assert!(queue.contains("Письмо с напоминанием не дошло"));
    assert!(
        !queue.contains("ТОС «Бета»"),
        "a delivered reminder waits for its answer"
    );
}
