//! Subscriptions as a villager uses them, without an account: subscribe to an okrug, confirm
//! by the mailed link (opening it changes nothing), get one weekly digest of what is new
//! there (exactly once, even with two workers), unsubscribe with one click from the mail
//! (RFC 8058: a POST with no cookie), and the same news as an Atom feed for any filter.

use http::StatusCode;
use poputchiki_tests::{location, run_checker, TestApp};

const READER: &str = "reader@example.ru";

/// Two Ketovo organizations (one asks for help, one holds an event in three days) and one in
/// Shumikha.
async fn app_at(app: TestApp) -> TestApp {
    let soon = (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d 14:00");
    let json = format!(
        r#"[
  {{"name": "Совет ветеранов Кетово", "kind": "ngo", "okrug": "ketovsky",
    "needs": [{{"kind": "volunteers", "title": "Помочь с дровами одиноким"}}]}},
  {{"name": "Клуб «Журавушка»", "kind": "initiative_group", "okrug": "ketovsky",
    "events": [{{"title": "Мастер-класс по народной кукле", "starts_at": "{soon}"}}]}},
  {{"name": "Шумихинский центр консультаций", "kind": "ngo", "okrug": "shumikhinsky",
    "needs": [{{"kind": "premises", "title": "Зал для встреч"}}]}}
]"#
    );
    let report = app.import_json(&json).await;
    assert_eq!(report.created, 3, "{:?}", report.errors);
    app
}

/// The first link in a mail that starts with `prefix`.
fn link(body: &str, prefix: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in {body}"))
        .trim_start_matches("http://127.0.0.1:3000")
        .to_owned()
}

/// A moment when this week's digest is due (not Monday before 08:00 in the region), a few
/// seconds after what the test wrote (a digest tells what happened before its own second).
fn due_now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    let now = chrono::Utc::now() + chrono::Duration::seconds(2);
    let (_, due) = app::subscriptions::digest::week_of(&app.state, now);
    if due {
        now
    } else {
        now + chrono::Duration::hours(9)
    }
}

async fn status_of(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("select coalesce(max(status), 'none') from subscription where email = $1")
        .bind(email)
        .fetch_one(&app.state.db)
        .await
        .expect("status")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_subscription_gets_one_digest_of_its_okrug_and_one_click_ends_it() {
    let app = app_at(TestApp::empty().await).await;
    let mut b = app.browser();
    let page = b.get("/subscribe?okrug=ketovsky").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("/feed.atom?okrug=ketovsky"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#"value="ketovsky" selected"#),
        "the okrug comes chosen"
    );

    let sent = b
        .post(
            "/subscribe",
            &[("email", " Reader@Example.ru "), ("okrug", "ketovsky")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(location(&sent), "/subscribe?okrug=ketovsky&sent=1");
    assert!(b
        .get(&location(&sent))
        .await
        .body
        .contains("Мы отправили письмо"));
    assert_eq!(status_of(&app, READER).await, "pending");

    // Not confirmed yet: no digest.
    let now = due_now(&app);
    let report = app::subscriptions::digest::run_once(&app.state, now)
        .await
        .expect("run");
    assert_eq!(report.sent, 0);

    let mails = app.mails_to(READER).await;
    assert_eq!(mails.len(), 1);
    let (subject, body) = &mails[0];
    assert!(subject.contains("подтвердите подписку"), "{subject}");
    assert!(body.contains("Кетовский"), "{body}");
    let confirm = link(body, "http://127.0.0.1:3000/subscribe/confirm/");

    // Opening the link changes nothing; its button does.
    let page = b.get(&confirm).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Подтвердить подписку"));
    assert!(!page.body.contains(READER), "the address is never shown");
    assert_eq!(status_of(&app, READER).await, "pending");
    let done = b.post(&confirm, &[]).await;
    assert_eq!(location(&done), "/subscribe?notice=subscribed");
    assert!(b
        .get(&location(&done))
        .await
        .body
        .contains("Подписка подтверждена"));
    assert_eq!(status_of(&app, READER).await, "active");
    assert_eq!(
        b.get(&confirm).await.status,
        StatusCode::GONE,
        "a used link"
    );

    // Two workers at once: the digest goes out once.
    let (a, c) = tokio::join!(
        app::subscriptions::digest::run_once(&app.state, now),
        app::subscriptions::digest::run_once(&app.state, now)
    );
    let (a, c) = (a.expect("run a"), c.expect("run c"));
    assert_eq!(a.sent + c.sent, 1, "{a:?} {c:?}");
    let again = app::subscriptions::digest::run_once(&app.state, now)
        .await
        .expect("run");
    assert_eq!(
        again.sent + again.queued as usize,
        0,
        "the week's digest is done"
    );

    let mails = app.mails_to(READER).await;
    assert_eq!(mails.len(), 2);
    let (subject, digest) = &mails[1];
    assert!(subject.contains("Кетовский"), "{subject}");
    for wanted in [
        "Совет ветеранов Кетово",
        "Клуб «Журавушка»",
        "Мастер-класс по народной кукле",
        "Помочь с дровами одиноким",
    ] {
        assert!(digest.contains(wanted), "{wanted} missing from {digest}");
    }
    for other in ["Шумихинский", "Зал для встреч"] {
        assert!(!digest.contains(other), "{other} is another okrug's");
    }

    // One click from the mail program: a POST with no cookie and no token.
    let unsubscribe = link(digest, "http://127.0.0.1:3000/unsubscribe/");
    let mut mail_program = app.browser();
    let req = http::Request::post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .expect("request");
    let gone = mail_program.send(req).await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER, "{}", gone.body);
    assert_eq!(
        status_of(&app, READER).await,
        "none",
        "the address is deleted"
    );
    let page = b.get(&unsubscribe).await;
    assert!(page.body.contains("Этой подписки уже нет"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscription_mail_carries_the_one_click_unsubscribe_headers_over_smtp() {
    let sink = poputchiki_tests::smtp::SmtpSink::start().await;
    let app = TestApp::with_smtp(&sink.url()).await;
    let mut b = app.browser();
    let sent = b
        .post(
            "/subscribe",
            &[("email", READER), ("direction", "nonsense")],
        )
        .await;
    assert_eq!(
        location(&sent),
        "/subscribe?sent=1",
        "an unknown direction is no filter"
    );
    assert_eq!(app.deliver_mail().await, 1);
    let raw = sink.received().remove(0);
    let head = raw.split("\r\n\r\n").next().unwrap_or_default();
    assert!(
        head.contains("List-Unsubscribe: <http://127.0.0.1:3000/unsubscribe/"),
        "{head}"
    );
    assert!(
        head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{head}"
    );
    // The link's secret is gone from the database once the mail is out.
    let left = app
        .scalar_i64("select count(*) from outgoing_mail where unsubscribe_url != '' or body != ''")
        .await;
    assert_eq!(left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_address_comes_back_with_what_was_typed_and_a_flood_is_throttled() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    let bad = b
        .post(
            "/subscribe",
            &[("email", "мой адрес"), ("okrug", "ketovsky")],
        )
        .await;
    let back = location(&bad);
    assert!(
        back.starts_with("/subscribe?okrug=ketovsky&draft="),
        "{back}"
    );
    let page = b.get(&back).await;
    assert!(page.body.contains("не похоже на адрес электронной почты"));
    assert!(page.body.contains(r#"value="мой адрес""#));
    assert!(page.body.contains(r#"value="ketovsky" selected"#));
    assert_eq!(app.scalar_i64("select count(*) from subscription").await, 0);

    // Confirmation mails to strangers are capped per IP.
    for n in 0..5 {
        let ok = b
            .post("/subscribe", &[("email", &format!("p{n}@example.ru"))])
            .await;
        assert_eq!(location(&ok), "/subscribe?sent=1");
    }
    let refused = b.post("/subscribe", &[("email", "p6@example.ru")]).await;
    let page = b.get(&location(&refused)).await;
    assert!(page.body.contains("Слишком много"), "{}", page.body);
    assert_eq!(app.scalar_i64("select count(*) from subscription").await, 5);
    // An unknown confirmation link: 410, nothing happens.
    let page = b
        .get("/subscribe/confirm/0123456789abcdef0123456789abcdef")
        .await;
    assert_eq!(page.status, StatusCode::GONE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_atom_feed_of_a_filter_lists_its_news_and_passes_the_checker() {
    let app = app_at(TestApp::empty().await).await;
    let feed = app.get("/feed.atom?okrug=ketovsky").await;
    assert_eq!(feed.status, StatusCode::OK);
    let ct = feed
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(ct, Some("application/atom+xml; charset=utf-8"));
    let xml = &feed.body;
    assert!(xml.contains("<title>Попутчики: Кетовский"), "{xml}");
    assert!(xml.contains("Совет ветеранов Кетово") && xml.contains("Помочь с дровами одиноким"));
    assert!(xml.contains("Мастер-класс по народной кукле"));
    assert!(!xml.contains("Шумихинский"), "{xml}");
    assert!(xml.contains(r#"<link rel="self" type="application/atom+xml" href="http://127.0.0.1:3000/feed.atom?okrug=ketovsky"/>"#));
    // Words work as in search.
    let words = app.get("/feed.atom?q=%D0%BA%D1%83%D0%BA%D0%BB%D0%B0").await;
    assert!(words.body.contains("Клуб «Журавушка»") && !words.body.contains("Совет ветеранов"));

    let dir = app.data_dir().join("feeds");
    std::fs::create_dir_all(&dir).expect("dir");
    let mut files = vec![];
    for (n, body) in [xml, &words.body, &app.get("/feed.atom").await.body]
        .into_iter()
        .enumerate()
    {
        let path = dir.join(format!("{n}.atom"));
        std::fs::write(&path, body).expect("write");
        files.push(path);
    }
    let (ok, said) = run_checker("check-atom.py", &files);
    assert!(ok, "{said}");
    assert!(said.contains("0.atom: 4 entries"), "{said}");

    let bad = app.get("/feed.atom?radius_km=-5&near=1,2").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_weeks_digest_tells_only_what_is_new_and_an_old_filter_does_not_stop_the_others() {
    let app = app_at(TestApp::empty().await).await;
    // A subscription whose okrug the region no longer knows, made first (digests go in id
    // order), and one to Ketovsky.
    for (email, filter) in [
        ("old@example.ru", "okrug=renamed-okrug"),
        (READER, "okrug=ketovsky"),
    ] {
        sqlx::query(
            "insert into subscription (region_id, email, filter, status, created_at, updated_at)
             values ($1, $2, $3, 'active', '', '')",
        )
        .bind(app.state.region.id)
        .bind(email)
        .bind(filter)
        .execute(&app.state.db)
        .await
        .expect("subscription");
    }
    let now = due_now(&app);
    let first = app::subscriptions::digest::run_once(&app.state, now)
        .await
        .expect("run");
    assert_eq!((first.sent, first.failed), (2, 0), "{first:?}");
    // The old filter reads as the whole region.
    let old = app.mails_to("old@example.ru").await;
    assert!(
        old[0].1.contains("Шумихинский центр консультаций"),
        "{}",
        old[0].1
    );

    // The need's organization saves its page again; a week later the need is not news.
    let id = app.org_id("Совет ветеранов").await;
    app.editor("lead@example.ru", "рыжий кот на крыше", id)
        .await;
    let mut b = app.browser();
    b.login("lead@example.ru", "рыжий кот на крыше").await;
    let mut fields = app.edit_form(id).await;
    fields.retain(|(k, _)| k != "summary");
    fields.push(("summary".into(), "Помогаем одиноким пожилым".into()));
    let saved = b.post_fields(&format!("/org/{id}/edit"), &fields).await;
    assert!(
        location(&saved).contains("notice=saved"),
        "{}",
        location(&saved)
    );
    let next = app::subscriptions::digest::run_once(&app.state, now + chrono::Duration::days(7))
        .await
        .expect("run");
    assert_eq!(next.queued, 2);
    let mails = app.mails_to(READER).await;
    let last = &mails.last().expect("a mail").1;
    assert!(
        last.contains("Мастер-класс по народной кукле"),
        "the event is still ahead: {last}"
    );
    assert!(!last.contains("Помочь с дровами одиноким"), "{last}");
    assert!(!last.contains("Новые организации"), "{last}");
}
