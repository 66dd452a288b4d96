//! What one anonymous script can make the server spend, bounded: huge forms are refused
//! with small pages, drafts stay small and few, floods of registrations, resets and reports
//! are throttled, and the throttle itself stays bounded. Each test asserts on what is
//! stored or sent back, never on timing.

use axum::body::Body;
use http::{Request, StatusCode};
use poputchiki_tests::{location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

/// A multipart body of `n` text fields of `size` bytes each, with an optional token first.
fn multipart(n: usize, size: usize, token: Option<&str>) -> (String, Vec<u8>) {
    let boundary = "----hardeningBoundary";
    let mut body = Vec::new();
    if let Some(t) = token {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{t}\r\n")
                .as_bytes(),
        );
    }
    let value = "<\"&".repeat(size / 3);
    for i in 0..n {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post(path: &str, content_type: &str, cookie: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(path)
        .header("content-type", content_type)
        .header("cookie", cookie)
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_forms_are_refused_with_small_pages_whether_or_not_they_carry_a_token() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    b.get("/login").await;
    let token = b.csrf();
    let cookie = format!("poputchiki_csrf={token}");
    // The measured attack: 60 fields of 400 KB, no token (24 MB).
    let (ct, body) = multipart(60, 400 * 1024, None);
    let page = b.send(post("/login", &ct, &cookie, body)).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.len() < 8 * 1024, "{} bytes back", page.body.len());
    // The same with a valid token: still over the text cap.
    let (ct, body) = multipart(60, 400 * 1024, Some(&token));
    let page = b.send(post("/login", &ct, &cookie, body)).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the cap but token-less: refused, and what is echoed stays within a few KB.
    let (ct, body) = multipart(2, 400 * 1024, None);
    let page = b.send(post("/login", &ct, &cookie, body)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.len() < 24 * 1024,
        "{} bytes back",
        page.body.len()
    );
    assert!(!page
        .body
        .contains("<form method=\"post\" action=\"/login\""));
    // A 4 MB url-encoded body.
    let big = format!("email={}", "%D0%AF".repeat(700_000));
    let page = b
        .send(post(
            "/login",
            "application/x-www-form-urlencoded",
            &cookie,
            big.into_bytes(),
        ))
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Thousands of tiny fields.
    let many = format!("csrf_token={token}&{}", "a=1&".repeat(5_000));
    let page = b
        .send(post(
            "/login",
            "application/x-www-form-urlencoded",
            &cookie,
            many.into_bytes(),
        ))
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.scalar_i64("select count(*) from form_draft").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_header_token_is_refused_before_the_body_and_a_file_before_the_token() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    b.get("/login").await;
    let token = b.csrf();
    let cookie = format!("poputchiki_csrf={token}");
    let (ct, body) = multipart(10, 100 * 1024, Some(&token));
    let mut req = post("/login", &ct, &cookie, body);
    req.headers_mut().insert(
        "x-csrf-token",
        "0123456789abcdef0123456789abcdef".parse().expect("h"),
    );
    let page = b.send(req).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.len() < 4 * 1024, "nothing of the body is echoed");
    // A file part before the token field: refused without reading the file.
    let boundary = "b";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n\r\nPNG\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--{boundary}--\r\n"
    );
    let page = b
        .send(post(
            "/login",
            &format!("multipart/form-data; boundary={boundary}"),
            &cookie,
            body.into_bytes(),
        ))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_login_email_is_refused_before_any_work_and_its_draft_is_small() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    let email = format!("{}@example.ru", "a".repeat(900_000));
    let page = b
        .post("/login", &[("email", &email), ("password", PW)])
        .await;
    let back = location(&page);
    assert!(back.starts_with("/login?draft="), "{back}");
    for (key, _) in app::accounts::throttle::login_keys(&email, "unknown") {
        assert!(
            !app.state.throttle.contains(&key).await,
            "no login throttle key for junk"
        );
    }
    assert_eq!(
        app.scalar_i64("select count(*) from audit_event").await,
        0,
        "no audit line for junk"
    );
    let stored = app
        .scalar_i64("select max(length(payload)) from form_draft")
        .await;
    assert!(stored <= 16 * 1024, "draft payload {stored} bytes");
    let form = b.get(&back).await;
    assert!(form.body.contains("слишком длинный"), "the reason is shown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_drafts_are_few_per_browser_and_per_ip_and_account_drafts_are_bounded() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    for _ in 0..12 {
        b.post(
            "/login",
            &[("email", "nobody@example.ru"), ("password", "x")],
        )
        .await;
    }
    let per_browser = app.scalar_i64("select count(*) from form_draft").await;
    assert_eq!(per_browser, 5, "one browser keeps its five newest drafts");
    // Many fresh browsers (a script minting CSRF cookies) from one IP.
    let mut limited = 0;
    for _ in 0..40 {
        let mut fresh = app.browser();
        let page = fresh.post("/password/forgot", &[("email", "")]).await;
        if page.status == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
            assert!(page.body.contains("Слишком много попыток"));
        }
    }
    assert!(
        limited >= 10,
        "an IP's drafts are capped ({limited} refused)"
    );
    let browser_drafts = app
        .scalar_i64("select count(*) from form_draft where owner like 'browser:%'")
        .await;
    assert!(browser_drafts <= 31, "{browser_drafts} anonymous drafts");

    let id = app
        .import_json(r#"[{"name": "Совет ветеранов", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await
        .changed_ids[0];
    app.editor("ed@example.ru", PW, id).await;
    let mut ed = app.browser();
    ed.login("ed@example.ru", PW).await;
    for _ in 0..35 {
        ed.post(
            &format!("/org/{id}/edit"),
            &[("name", ""), ("version", "1")],
        )
        .await;
    }
    let account_drafts = app
        .scalar_i64("select count(*) from form_draft where owner like 'account:%'")
        .await;
    assert_eq!(account_drafts, 30, "an account keeps its 30 newest drafts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_drafts_are_purged_by_the_scheduler_not_only_at_start_up() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    b.post("/login", &[("email", "x@example.ru"), ("password", "x")])
        .await;
    sqlx::query("update form_draft set created_at = '2000-01-01T00:00:00Z'")
        .execute(&app.state.db)
        .await
        .expect("age");
    let deleted = app::scheduler::run_once(&app.state)
        .await
        .expect("housekeeping");
    assert!(deleted >= 1);
    assert_eq!(app.scalar_i64("select count(*) from form_draft").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_of_registrations_resets_and_reports_are_throttled() {
    let app = TestApp::empty().await;
    app.account("real@example.ru", PW).await;
    let mut b = app.browser();
    let mut refused = 0;
    for i in 0..10 {
        let email = format!("bot{i}@example.ru");
        let page = b
            .post(
                "/register",
                &[("email", &email), ("password", PW), ("password_again", PW)],
            )
            .await;
        if location(&page).starts_with("/register?draft=") {
            refused += 1;
        }
    }
    let accounts = app.scalar_i64("select count(*) from account").await;
    assert!(
        accounts <= 6,
        "{accounts} accounts: registrations per IP are capped"
    );
    assert!(refused >= 4);
    // A taken address counts as a try too (and gets the same answer).
    let mut other = app.browser();
    for _ in 0..8 {
        other
            .post(
                "/register",
                &[
                    ("email", "real@example.ru"),
                    ("password", PW),
                    ("password_again", PW),
                ],
            )
            .await;
    }
    assert!(
        app.mails_to("real@example.ru").await.len() <= 5,
        "the owner of a taken address is not flooded"
    );
    // Guessed reset links: the link is checked before the password, and guesses are capped.
    let page = b
        .post(
            "/password/reset/0123456789abcdef0123456789abcdef",
            &[("password", "1"), ("password_again", "1")],
        )
        .await;
    let form = b.get(&location(&page)).await;
    assert!(
        form.body.contains("уже использована или устарела"),
        "link first: {}",
        form.body
    );
    let mut throttled = false;
    for i in 0..40 {
        let page = b
            .post(
                &format!("/password/reset/{i:032x}"),
                &[("password", PW), ("password_again", PW)],
            )
            .await;
        throttled |= page.status == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(throttled, "guessing reset links is throttled");
    let id = app
        .import_json(
            r#"[{"name": "ТОС «Рассвет»", "kind": "initiative_group", "okrug": "ketovsky"}]"#,
        )
        .await
        .changed_ids[0];
    for _ in 0..10 {
        b.post(&format!("/org/{id}/report"), &[("message", "Спам")])
            .await;
    }
    let reports = app.scalar_i64("select count(*) from error_report").await;
    assert!(reports <= 5, "{reports} reports from one IP");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_id_from_a_form_only_discards_the_senders_own_draft() {
    let app = TestApp::empty().await;
    let id = app
        .import_json(r#"[{"name": "Клуб «Ветеран»", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await
        .changed_ids[0];
    app.editor("a@example.ru", PW, id).await;
    app.editor("b@example.ru", PW, id).await;
    let mut a = app.browser();
    a.login("a@example.ru", PW).await;
    let page = a
        .post(
            &format!("/org/{id}/edit"),
            &[("name", ""), ("version", "1")],
        )
        .await;
    let draft_of_a = location(&page)
        .split("draft=")
        .nth(1)
        .expect("a draft")
        .to_owned();
    let mut b = app.browser();
    b.login("b@example.ru", PW).await;
    let mut fields = app.edit_form(id).await;
    fields.push(("draft_id".into(), draft_of_a.clone()));
    let saved = b.post_fields(&format!("/org/{id}/edit"), &fields).await;
    assert!(
        location(&saved).contains("notice=saved"),
        "{}",
        location(&saved)
    );
    let left: i64 = sqlx::query_scalar("select count(*) from form_draft where id = $1")
        .bind(&draft_of_a)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(left, 1, "another person's draft is untouched");
}

async fn browser_logged_in(app: &TestApp, email: &str) -> Browser {
    let mut b = app.browser();
    b.login(email, PW).await;
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_without_its_version_saves_nothing_and_keeps_the_text() {
    let app = TestApp::empty().await;
    let id = app
        .import_json(r#"[{"name": "Клуб «Ветеран»", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await
        .changed_ids[0];
    app.editor("a@example.ru", PW, id).await;
    let mut a = browser_logged_in(&app, "a@example.ru").await;
    let version = app
        .scalar_i64(&format!("select version from organization where id = {id}"))
        .await;
    let mut fields = app.edit_form(id).await;
    fields.retain(|(k, _)| k != "summary" && k != "version");
    fields.push(("summary".into(), "Новый текст без версии".into()));
    let page = a.post_fields(&format!("/org/{id}/edit"), &fields).await;
    let back = location(&page);
    assert!(back.contains("draft="), "{back}");
    assert_eq!(
        app.scalar_i64(&format!("select version from organization where id = {id}"))
            .await,
        version,
        "nothing saved"
    );
    let form = a.get(&back).await;
    assert!(form.body.contains("Новый текст без версии"));
    assert!(form.body.contains("без номера версии"));
}
