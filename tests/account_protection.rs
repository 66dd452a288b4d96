//! The protections a trusted public site gives its accounts: roles only for proven
//! addresses, a second factor for staff, changing the password and the address, ending
//! sessions, disabled accounts, notices by mail, and what regional staff may read.

use http::StatusCode;
use poputchiki_tests::{location, TestApp};

const PW: &str = "рыжий кот на крыше";

#[path = "account_second_factor.rs"]
mod second_factor;

async fn one_org(app: &TestApp) -> i64 {
    app.import_json(r#"[{"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "inn": "7707083893"}]"#)
        .await
        .changed_ids[0]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_address_holds_no_role_membership_or_invitation() {
    let app = TestApp::empty().await;
    let id = one_org(&app).await;
    let admin = app.admin("admin@example.ru", PW).await;
    // Someone registers a future staff member's address in advance.
    let squatter = app.unverified_account("future.staff@example.ru", PW).await;
    let mut admin_b = app.browser();
    admin_b.login("admin@example.ru", PW).await;
    let page = admin_b
        .post(
            "/admin/staff",
            &[("email", "future.staff@example.ru"), ("region", "kurgan")],
        )
        .await;
    let form = admin_b.get(&location(&page)).await;
    assert!(
        form.body.contains("ещё не подтвердила адрес"),
        "{}",
        form.body
    );
    assert_eq!(app.scalar_i64("select count(*) from staff_role").await, 0);
    // A role or membership given some other way still does nothing until verification.
    app::accounts::store::grant_staff(&app.state.db, squatter, app.state.region.id, admin)
        .await
        .expect("grant");
    app::accounts::store::add_member(&app.state.db, squatter, id, None)
        .await
        .expect("member");
    let mut s = app.browser();
    s.login("future.staff@example.ru", PW).await;
    assert_eq!(s.get("/staff").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.get(&format!("/org/{id}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let account = s.get("/account").await;
    assert!(account.body.contains("ещё не подтверждён"));
    // Nor can it accept an invitation or propose an organization.
    let token = app::accounts::store::create_invitation(&app.state.db, id, "", admin)
        .await
        .expect("invite");
    let page = s.post(&format!("/invite/{token}"), &[]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = s
        .post(
            "/org/new",
            &[
                ("name", "Группа захвата"),
                ("kind", "ngo"),
                ("okrug", "ketovsky"),
            ],
        )
        .await;
    assert!(
        location(&page).starts_with("/org/new?draft="),
        "{} {}",
        page.status,
        page.body
    );
    let form = s.get(&location(&page)).await;
    assert!(
        form.body.contains("подтвердите адрес"),
        "the text is kept with the reason: {}",
        &form.body[form.body.find("<main").unwrap_or(0)..]
    );
    assert!(form.body.contains("Группа захвата"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_sent_to_an_address_belongs_to_that_address() {
    let app = TestApp::empty().await;
    let id = one_org(&app).await;
    let staff = app.staff("staff@example.ru", PW, app.state.region.id).await;
    let token =
        app::accounts::store::create_invitation(&app.state.db, id, "leader@example.ru", staff)
            .await
            .expect("invite");
    app.account("someone.else@example.ru", PW).await;
    let mut other = app.browser();
    other.login("someone.else@example.ru", PW).await;
    let page = other.get(&format!("/invite/{token}")).await;
    assert!(page.body.contains("отправлено на другой адрес"));
    assert_eq!(
        other.post(&format!("/invite/{token}"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    app.account("leader@example.ru", PW).await;
    let mut leader = app.browser();
    leader.login("leader@example.ru", PW).await;
    let ok = leader.post(&format!("/invite/{token}"), &[]).await;
    assert_eq!(location(&ok), format!("/org/{id}/edit?notice=welcome"));
    let mails = app.mails_to("leader@example.ru").await;
    assert!(mails.iter().any(|(s, _)| s.contains("новая роль")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_needs_the_old_one_ends_other_sessions_and_tells_by_mail() {
    let app = TestApp::empty().await;
    app.account("olga@example.ru", PW).await;
    let mut here = app.browser();
    here.login("olga@example.ru", PW).await;
    let mut there = app.browser();
    there.login("olga@example.ru", PW).await;
    let new_pw = "синий трактор в поле";
    let wrong = here
        .post(
            "/account/password",
            &[
                ("current_password", "не тот"),
                ("password", new_pw),
                ("password_again", new_pw),
            ],
        )
        .await;
    let form = here.get(&location(&wrong)).await;
    assert!(form.body.contains("Неверный текущий пароль"));
    assert!(!form.body.contains(new_pw), "passwords are never echoed");
    let ok = here
        .post(
            "/account/password",
            &[
                ("current_password", PW),
                ("password", new_pw),
                ("password_again", new_pw),
            ],
        )
        .await;
    assert_eq!(location(&ok), "/account/security?notice=password-changed");
    assert_eq!(
        here.get("/account").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(there.get("/account").await.status, StatusCode::UNAUTHORIZED);
    let mails = app.mails_to("olga@example.ru").await;
    assert!(
        mails.iter().any(|(s, _)| s.contains("пароль изменён")),
        "{mails:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_address_changes_only_through_a_link_to_the_new_one() {
    let app = TestApp::empty().await;
    app.account("old@example.ru", PW).await;
    app.account("busy@example.ru", PW).await;
    let mut b = app.browser();
    b.login("old@example.ru", PW).await;
    let page = b
        .post(
            "/account/email",
            &[("new_email", "busy@example.ru"), ("current_password", PW)],
        )
        .await;
    assert_eq!(location(&page), "/account/security?notice=email-link-sent");
    assert!(
        app.mails_to("busy@example.ru").await.is_empty(),
        "no link for a taken address"
    );
    b.post(
        "/account/email",
        &[("new_email", "New@Example.ru"), ("current_password", PW)],
    )
    .await;
    assert_eq!(
        app.scalar_text("select email from account where id = 1")
            .await,
        "old@example.ru",
        "nothing changes before the link"
    );
    let mail = app.mails_to("new@example.ru").await;
    let link = mail[0]
        .1
        .split_whitespace()
        .find(|w| w.contains("/verify-email/"))
        .expect("link")
        .trim_start_matches("http://127.0.0.1:3000")
        .to_owned();
    let done = b.post(&link, &[]).await;
    assert_eq!(location(&done), "/account/security?notice=email-changed");
    assert_eq!(
        app.scalar_text("select email from account where id = 1")
            .await,
        "new@example.ru"
    );
    let told = app.mails_to("old@example.ru").await;
    assert!(
        told.iter().any(|(_, body)| body.contains("new@example.ru")),
        "the old address is told"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_listed_and_can_all_be_ended_and_new_devices_are_told() {
    let app = TestApp::empty().await;
    app.account("vera@example.ru", PW).await;
    let mut first = app.browser();
    first.login("vera@example.ru", PW).await;
    assert!(
        app.mails_to("vera@example.ru").await.is_empty(),
        "no notice for a first login"
    );
    let mut second = app.browser();
    second.login("vera@example.ru", PW).await;
    let mails = app.mails_to("vera@example.ru").await;
    assert!(
        mails.iter().any(|(s, _)| s.contains("нового устройства")),
        "{mails:?}"
    );
    let page = first.get("/account/security").await;
    assert!(page.body.contains("этот браузер"));
    assert_eq!(
        page.body.matches("Адрес unknown").count(),
        2,
        "both sessions are listed"
    );
    let ended = first.post("/account/sessions/end-others", &[]).await;
    assert_eq!(location(&ended), "/account/security?notice=sessions-ended");
    assert_eq!(
        second.get("/account").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(first.get("/account").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_account_is_logged_out_and_cannot_log_in() {
    let app = TestApp::empty().await;
    app.admin("admin@example.ru", PW).await;
    let id = app.account("gone@example.ru", PW).await;
    let mut user = app.browser();
    user.login("gone@example.ru", PW).await;
    let mut admin = app.browser();
    admin.login("admin@example.ru", PW).await;
    let list = admin.get("/admin/accounts?q=gone").await;
    assert!(list.body.contains("gone@example.ru"));
    let done = admin
        .post(&format!("/admin/accounts/{id}/disable"), &[])
        .await;
    assert_eq!(location(&done), "/admin/accounts?notice=saved");
    assert_eq!(user.get("/account").await.status, StatusCode::UNAUTHORIZED);
    let mut again = app.browser();
    let page = again
        .post("/login", &[("email", "gone@example.ru"), ("password", PW)])
        .await;
    assert!(location(&page).starts_with("/login?draft="));
    assert_eq!(
        user.post(&format!("/admin/accounts/{id}/enable"), &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    admin
        .post(&format!("/admin/accounts/{id}/enable"), &[])
        .await;
    again.login("gone@example.ru", PW).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_forgets_trusted_browsers_and_trust_expires() {
    let app = TestApp::empty().await;
    let id = app.account("nina@example.ru", PW).await;
    let mut b = app.browser();
    b.login("nina@example.ru", PW).await;
    let device = b.cookies["poputchiki_device"].clone();
    assert!(
        app::accounts::store::is_trusted_device(&app.state.db, id, &device)
            .await
            .expect("db")
    );
    sqlx::query("update trusted_device set expires_at = '2000-01-01T00:00:00Z'")
        .execute(&app.state.db)
        .await
        .expect("age");
    assert!(
        !app::accounts::store::is_trusted_device(&app.state.db, id, &device)
            .await
            .expect("db")
    );
    b.login("nina@example.ru", PW).await;
    let token = app::accounts::store::create_reset(&app.state.db, id)
        .await
        .expect("reset");
    let new_pw = "зелёная лампа на столе";
    b.post(
        &format!("/password/reset/{token}"),
        &[("password", new_pw), ("password_again", new_pw)],
    )
    .await;
    let left = app
        .scalar_i64("select count(*) from trusted_device where token_hash <> ''")
        .await;
    assert_eq!(
        left, 1,
        "only the browser that just reset is trusted (again)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regional_staff_see_their_regions_events_but_not_logins_which_hold_ips() {
    let app = TestApp::empty().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    app.admin("admin@example.ru", PW).await;
    let mut victim = app.browser();
    // A password typed into the email field must never be stored.
    victim
        .post(
            "/login",
            &[("email", "мойсекретныйпароль"), ("password", "x")],
        )
        .await;
    let typed: i64 = app
        .scalar_i64("select count(*) from audit_event where detail like '%мойсекретный%'")
        .await;
    assert_eq!(typed, 0);
    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;
    let audit = staff.get("/staff/audit").await;
    assert_eq!(audit.status, StatusCode::OK);
    assert!(
        !audit.body.contains("Неудачный вход"),
        "no account events for regional staff"
    );
    assert!(!audit.body.contains(">Вход<"));
    let mut admin = app.browser();
    admin.login("admin@example.ru", PW).await;
    let audit = admin.get("/staff/audit").await;
    assert!(audit.body.contains("Неудачный вход"), "admins see them");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_never_overwrites_a_pending_proposal_that_borrowed_a_real_inn() {
    let app = TestApp::empty().await;
    app.account("author@example.ru", PW).await;
    let mut b = app.browser();
    b.login("author@example.ru", PW).await;
    let page = b
        .post(
            "/org/new",
            &[
                ("name", "Совет ветеранов села Альфа"),
                ("kind", "ngo"),
                ("okrug", "ketovsky"),
                ("inn", "7707083893"),
            ],
        )
        .await;
    assert_eq!(location(&page), "/account?notice=proposed");
    let report = app
        .import_json(r#"[{"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "inn": "7707083893", "description": "Официальные данные"}]"#)
        .await;
    assert_eq!(report.created + report.updated, 0);
    assert_eq!(report.rejected_rows, 1);
    assert!(
        report.render().contains("ждёт модерации"),
        "{}",
        report.render()
    );
    assert_eq!(
        app.scalar_text("select status from organization").await,
        "pending",
        "the proposal is untouched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_never_promotes_an_existing_account_without_its_password() {
    let app = TestApp::empty().await;
    let db = &app.state.db;
    // Someone registered the future admin's address in advance and is logged in.
    let id = app.unverified_account("boss@example.ru", PW).await;
    let mut squatter = app.browser();
    squatter.login("boss@example.ru", PW).await;
    let refused =
        server::admin::create_admin(db, "boss@example.ru", "", "пароль оператора тут", false).await;
    assert!(refused.is_err(), "an existing account needs --existing");
    let wrong =
        server::admin::create_admin(db, "boss@example.ru", "", "пароль оператора тут", true).await;
    assert!(wrong.is_err(), "and its own password");
    assert_eq!(app.scalar_i64("select is_admin from account").await, 0);
    server::admin::create_admin(db, "boss@example.ru", "", PW, true)
        .await
        .expect("with the account's password");
    assert_eq!(app.scalar_i64("select is_admin from account").await, 1);
    assert!(app::accounts::security_store::is_verified(db, id)
        .await
        .expect("db"));
    assert_eq!(
        squatter.get("/account").await.status,
        StatusCode::UNAUTHORIZED,
        "every session of the account ended"
    );
    let fresh =
        server::admin::create_admin(db, "new.admin@example.ru", "Админ", "1234567", false).await;
    assert!(fresh.is_err(), "a weak password is refused");
    server::admin::create_admin(
        db,
        "new.admin@example.ru",
        "Админ",
        "длинная фраза оператора",
        false,
    )
    .await
    .expect("a new admin");
}
