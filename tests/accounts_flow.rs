//! Accounts through the real router and a real temporary database: registration, login and
//! its cookies, session rotation, logout, slowing down password guessing, and a password
//! reset whose email goes through a real SMTP server.

use http::StatusCode;
use poputchiki_tests::smtp::SmtpSink;
use poputchiki_tests::{location, TestApp};

const PW: &str = "рыжий кот на крыше";

/// The link in a queued mail to `to` that starts with `prefix`, as a local path.
async fn link_in_mail(app: &TestApp, to: &str, prefix: &str) -> String {
    let mails = app.mails_to(to).await;
    let body = &mails.last().unwrap_or_else(|| panic!("a mail to {to}")).1;
    let url = body
        .split_whitespace()
        .find(|w| w.contains(prefix))
        .unwrap_or_else(|| panic!("a {prefix} link in: {body}"));
    url.trim_start_matches("http://127.0.0.1:3000").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_verifies_the_address_by_mail_then_logs_in_with_a_safe_session_cookie() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    let page = b
        .post(
            "/register",
            &[
                ("email", "Anna@Example.ru"),
                ("display_name", "Анна"),
                ("password", PW),
                ("password_again", PW),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(location(&page), "/register?sent=1", "{}", page.body);
    assert!(
        !b.cookies.contains_key("poputchiki_session"),
        "no session before the address is proven"
    );
    let sent = b.get("/register?sent=1").await;
    assert!(sent.body.contains("Проверьте почту"), "{}", sent.body);
    let link = link_in_mail(&app, "anna@example.ru", "/verify-email/").await;
    let confirm_page = b.get(&link).await;
    assert_eq!(confirm_page.status, StatusCode::OK);
    assert!(confirm_page.body.contains("Подтвердить адрес"));
    let page = b.post(&link, &[]).await;
    assert_eq!(location(&page), "/account?notice=email-verified");
    let cookie = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("poputchiki_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = b.cookies["poputchiki_session"].clone();
    assert_eq!(token.len(), 32, "128-bit token in hex");
    let stored: String = app.scalar_text("select token_hash from session").await;
    assert_ne!(stored, token, "only a hash of the token is stored");
    assert_eq!(
        b.post(&link, &[]).await.status,
        StatusCode::SEE_OTHER,
        "a used link only says it is gone"
    );
    assert_eq!(b.get(&link).await.status, StatusCode::GONE);

    let account = b.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("Вы вошли как Анна (anna@example.ru)"),
        "email is lowercased"
    );
    assert!(!account.body.contains("ещё не подтверждён"));
    let hash = app.scalar_text("select password_hash from account").await;
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    let out = b.post("/logout", &[]).await;
    assert_eq!(location(&out), "/");
    assert_eq!(app.scalar_i64("select count(*) from session").await, 0);
    assert_eq!(b.get("/account").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_a_taken_address_answers_the_same_and_tells_its_owner() {
    let app = TestApp::empty().await;
    app.account("taken@example.ru", PW).await;
    let mut b = app.browser();
    let fields = [
        ("email", "taken@example.ru"),
        ("password", "совсем другой пароль"),
        ("password_again", "совсем другой пароль"),
    ];
    let page = b.post("/register", &fields).await;
    assert_eq!(
        location(&page),
        "/register?sent=1",
        "the same answer as for a new address"
    );
    assert!(!b.cookies.contains_key("poputchiki_session"));
    assert_eq!(app.scalar_i64("select count(*) from account").await, 1);
    let mails = app.mails_to("taken@example.ru").await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].1.contains("уже есть учётная запись"),
        "{}",
        mails[0].1
    );
    assert!(
        !mails[0].1.contains("/verify-email/"),
        "no link that could take the account"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_refuses_weak_passwords_and_keeps_what_was_typed() {
    let app = TestApp::empty().await;
    let mut b = app.browser();
    let page = b
        .post(
            "/register",
            &[
                ("email", "ivan@example.ru"),
                ("display_name", "Иван Петров"),
                ("password", "football1"),
                ("password_again", "football1"),
            ],
        )
        .await;
    let back = location(&page);
    assert!(back.starts_with("/register?draft="), "{back}");
    let form = b.get(&back).await;
    assert!(form.body.contains("слишком простой"), "the reason is shown");
    assert!(
        form.body.contains("value=\"ivan@example.ru\""),
        "the email is kept"
    );
    assert!(
        form.body.contains("value=\"Иван Петров\""),
        "the name is kept"
    );
    assert!(
        !form.body.contains("football1"),
        "passwords are never kept in drafts"
    );
    assert_eq!(app.scalar_i64("select count(*) from account").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_rotates_the_session_and_wrong_passwords_say_nothing_specific() {
    let app = TestApp::empty().await;
    app.account("olga@example.ru", PW).await;
    let mut b = app.browser();
    let wrong = b
        .post(
            "/login",
            &[("email", "olga@example.ru"), ("password", "не тот пароль")],
        )
        .await;
    let form = b.get(&location(&wrong)).await;
    assert!(form.body.contains("Неверная почта или пароль."));
    assert!(form.body.contains("value=\"olga@example.ru\""));
    let unknown = b
        .post(
            "/login",
            &[("email", "nobody@example.ru"), ("password", PW)],
        )
        .await;
    let form = b.get(&location(&unknown)).await;
    assert!(
        form.body.contains("Неверная почта или пароль."),
        "no hint that the account does not exist"
    );

    b.login("olga@example.ru", PW).await;
    let first = b.cookies["poputchiki_session"].clone();
    b.login("olga@example.ru", PW).await;
    let second = b.cookies["poputchiki_session"].clone();
    assert_ne!(first, second, "a new token at every login");
    let alive: i64 = app.scalar_i64("select count(*) from session").await;
    assert_eq!(alive, 1, "the old session ended at the new login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_is_slowed_down_but_the_owners_browser_still_gets_in() {
    let app = TestApp::empty().await;
    app.account("petr@example.ru", PW).await;
    // The owner logged in from this browser before: it carries a trusted-device cookie.
    let mut owner = app.browser();
    owner.login("petr@example.ru", PW).await;
    owner.post("/logout", &[]).await;

    let mut attacker = app.browser();
    for _ in 0..25 {
        attacker
            .post(
                "/login",
                &[("email", "petr@example.ru"), ("password", "угадываю")],
            )
            .await;
    }
    let blocked = attacker
        .post("/login", &[("email", "petr@example.ru"), ("password", PW)])
        .await;
    let form = attacker.get(&location(&blocked)).await;
    assert!(
        form.body.contains("Слишком много неудачных попыток"),
        "even the right password waits"
    );
    assert!(!attacker.cookies.contains_key("poputchiki_session"));

    owner.login("petr@example.ru", PW).await;
    let failed: i64 = app
        .scalar_i64("select count(*) from audit_event where action = 'login_failed'")
        .await;
    assert!(
        failed >= 5,
        "failed logins are in the audit log (throttled tries never reach the password check)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_link_arrives_by_smtp_works_once_and_ends_other_sessions() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_smtp(&sink.url()).await;
    app.account("nina@example.ru", PW).await;
    let mut other_device = app.browser();
    other_device.login("nina@example.ru", PW).await;

    let mut b = app.browser();
    let sent = b
        .post("/password/forgot", &[("email", "nina@example.ru")])
        .await;
    assert_eq!(location(&sent), "/password/forgot?sent=1");
    let unknown = b
        .post("/password/forgot", &[("email", "ghost@example.ru")])
        .await;
    assert_eq!(
        location(&unknown),
        "/password/forgot?sent=1",
        "the same answer for unknown addresses"
    );
    // Mail goes out from the queue (the server's worker does this within seconds).
    app.deliver_mail().await;
    let mails = sink.decoded();
    assert_eq!(mails.len(), 1, "one message, to the real account only");
    let (head, mail) = &mails[0];
    assert!(head.contains("To: nina@example.ru"), "{head}");
    assert!(mail.contains("Чтобы задать новый пароль"), "{mail}");
    let link = mail
        .split_whitespace()
        .find(|w| w.contains("/password/reset/"))
        .unwrap_or_else(|| panic!("a reset link in the mail: {mail}"))
        .to_owned();
    let path = link
        .split("127.0.0.1:3000")
        .nth(1)
        .expect("our address")
        .to_owned();

    let form = b.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Новый пароль"));
    let new_pw = "зелёная лампа на столе";
    let done = b
        .post(&path, &[("password", new_pw), ("password_again", new_pw)])
        .await;
    assert_eq!(location(&done), "/account?notice=password-changed");
    assert_eq!(
        other_device.get("/account").await.status,
        StatusCode::UNAUTHORIZED,
        "other sessions ended"
    );

    let again = b
        .post(
            &path,
            &[
                ("password", "ещё один пароль тут"),
                ("password_again", "ещё один пароль тут"),
            ],
        )
        .await;
    let page = b.get(&location(&again)).await;
    assert!(
        page.body.contains("уже использована или устарела"),
        "single use"
    );
    let mut fresh = app.browser();
    fresh.login("nina@example.ru", new_pw).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_after_the_idle_and_the_absolute_timeout() {
    let app = TestApp::empty().await;
    app.account("vera@example.ru", PW).await;
    let mut idle = app.browser();
    idle.login("vera@example.ru", PW).await;
    let mut old = app.browser();
    old.login("vera@example.ru", PW).await;
    assert_eq!(idle.get("/account").await.status, StatusCode::OK);
    let idle_hash = app::accounts::token::token_hash(&idle.cookies["poputchiki_session"]);
    let old_hash = app::accounts::token::token_hash(&old.cookies["poputchiki_session"]);
    // Eight days without a request (the idle limit is seven)...
    sqlx::query("update session set last_seen_at = '2000-01-01T00:00:00Z' where token_hash = $1")
        .bind(&idle_hash)
        .execute(&app.state.db)
        .await
        .expect("age");
    // ...and a session past its absolute end, however active.
    sqlx::query("update session set expires_at = '2000-01-01T00:00:00Z' where token_hash = $1")
        .bind(&old_hash)
        .execute(&app.state.db)
        .await
        .expect("expire");
    for b in [&mut idle, &mut old] {
        let page = b.get("/account").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(
            !b.cookies.contains_key("poputchiki_session"),
            "the dead cookie is cleared"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_invitation_makes_nobody_an_editor() {
    let app = TestApp::with_demo().await;
    let id = app
        .scalar_i64("select id from organization order by id limit 1")
        .await;
    let staff = app.staff("staff@example.ru", PW, app.state.region.id).await;
    let token = app::accounts::store::create_invitation(&app.state.db, id, "", staff)
        .await
        .expect("invitation");
    sqlx::query("update invitation set expires_at = '2000-01-01T00:00:00Z'")
        .execute(&app.state.db)
        .await
        .expect("expire");
    let mut b = app.browser();
    b.post(
        "/register",
        &[
            ("email", "late@example.ru"),
            ("password", PW),
            ("password_again", PW),
        ],
    )
    .await;
    let page = b.get(&format!("/invite/{token}")).await;
    assert!(page.body.contains("уже использована или устарела"));
    b.post(&format!("/invite/{token}"), &[]).await;
    assert_eq!(app.scalar_i64("select count(*) from membership").await, 0);
}
