//! The second factor in the account protections: staff cannot use their rights before
//! setting it up, codes work once, recovery codes work once, a login challenge ends after
//! five wrong codes, and replacing a working factor needs the password. (A module of the
//! `account_protection` test binary.)

use http::StatusCode;
use poputchiki_tests::{location, totp_now, TestApp};

use super::PW;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_need_a_second_factor_before_their_pages_open_and_codes_work_once() {
    let app = TestApp::empty().await;
    let staff = app.account("staff@example.ru", PW).await;
    app::accounts::store::grant_staff(&app.state.db, staff, app.state.region.id, staff)
        .await
        .expect("grant");
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let staff_page = b.get("/staff").await;
    assert_eq!(staff_page.status, StatusCode::FORBIDDEN);
    assert!(staff_page.body.contains("/account/second-factor"));
    // Set-up: the page shows a secret and a QR code; a code from it switches TOTP on.
    let setup = b.get("/account/second-factor").await;
    assert!(setup.body.contains("<svg"), "a QR code");
    let secret = setup
        .body
        .split("name=\"totp_secret\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the secret in the form")
        .to_owned();
    let code = {
        use totp_rs::{Algorithm, Secret, TOTP};
        let bytes = Secret::Encoded(secret.clone()).to_bytes().expect("base32");
        TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes)
            .expect("totp")
            .generate_current()
            .expect("clock")
    };
    let wrong = b
        .post(
            "/account/second-factor",
            &[("totp_secret", &secret), ("totp_code", "000000")],
        )
        .await;
    assert!(location(&wrong).contains("draft="));
    let done = b
        .post(
            "/account/second-factor",
            &[("totp_secret", &secret), ("totp_code", &code)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(
        done.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let codes: Vec<String> = done
        .body
        .split("<code>")
        .skip(1)
        .filter_map(|p| p.split("</code>").next())
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once");
    assert_eq!(
        b.get("/staff").await.status,
        StatusCode::OK,
        "this session passed the code"
    );

    // A new login needs the code; the same code twice does not work.
    let mut fresh = app.browser();
    let page = fresh
        .post("/login", &[("email", "staff@example.ru"), ("password", PW)])
        .await;
    assert_eq!(location(&page), "/login/code");
    assert!(
        !fresh.cookies.contains_key("poputchiki_session"),
        "no session before the code"
    );
    let replay = fresh.post("/login/code", &[("totp_code", &code)]).await;
    assert!(
        location(&replay).starts_with("/login/code?draft="),
        "a used code is refused"
    );
    // A recovery code works, once.
    let ok = fresh
        .post(
            "/login/code",
            &[("recovery_code", &codes[0].to_uppercase())],
        )
        .await;
    assert_eq!(location(&ok), "/account");
    assert_eq!(fresh.get("/staff").await.status, StatusCode::OK);
    let mut third = app.browser();
    third
        .post("/login", &[("email", "staff@example.ru"), ("password", PW)])
        .await;
    let again = third
        .post("/login/code", &[("recovery_code", &codes[0])])
        .await;
    assert!(
        location(&again).contains("draft="),
        "a recovery code works once"
    );
    // Setting it up again needs the password (a stolen session cannot move the codes).
    let renew = b.get("/account/second-factor").await;
    let secret2 = renew
        .body
        .split("name=\"totp_secret\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a new secret")
        .to_owned();
    let code2 = {
        use totp_rs::{Algorithm, Secret, TOTP};
        let bytes = Secret::Encoded(secret2.clone()).to_bytes().expect("base32");
        TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes)
            .expect("totp")
            .generate_current()
            .expect("clock")
    };
    let no_pw = b
        .post(
            "/account/second-factor",
            &[("totp_secret", &secret2), ("totp_code", &code2)],
        )
        .await;
    assert!(
        location(&no_pw).contains("draft="),
        "no password, no new secret"
    );
    // Staff cannot switch the second factor off.
    let off = b
        .post(
            "/account/second-factor/disable",
            &[("current_password", PW)],
        )
        .await;
    assert!(location(&off).contains("draft="));
    assert!(app::accounts::second_factor::enabled(&app.state.db, staff)
        .await
        .expect("db"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_end_the_login_attempt_after_five_tries() {
    let app = TestApp::empty().await;
    let id = app.account("ed@example.ru", PW).await;
    app.enable_totp(id).await;
    let mut b = app.browser();
    b.post("/login", &[("email", "ed@example.ru"), ("password", PW)])
        .await;
    for _ in 0..5 {
        b.post("/login/code", &[("totp_code", "123456")]).await;
    }
    let late = b.post("/login/code", &[("totp_code", &totp_now())]).await;
    assert_eq!(location(&late), "/login?notice=code-expired");
    assert!(!b.cookies.contains_key("poputchiki_session"));
}
