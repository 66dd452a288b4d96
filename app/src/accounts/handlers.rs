//! The account forms' POST handlers: register, log in, log out, forgotten password, new
//! password, accepting an invitation, and the admin's staff management. The pages that show
//! these forms are Leptos routes (`pages.rs`); the CSRF gate has checked every post.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};

use super::gate::{
    append_cookie, device_cookie_name, long_cookie, message_page, RequestAuth, SubmittedForm,
};
use super::throttle::{login_keys, Rule, FORM_IP, LOGIN_ACCOUNT_IP};
use super::token::{looks_like_token, new_token, token_hash};
use super::{authz, password, safe_next, session, store};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::{back_to_form, see_other, NewDraft};
use crate::i18n::{locale_from_cookie_header, I18n};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/register", post(register))
        .route("/logout", post(logout))
        .route("/password/forgot", post(forgot))
        .route("/password/reset/{token}", post(reset))
        .route("/invite/{token}", post(accept_invite))
        .route("/admin/staff", post(grant_staff))
        .route("/admin/staff/revoke", post(revoke_staff))
}

/// The reader's translator, from the `lang` cookie.
pub fn i18n_of(headers: &HeaderMap) -> I18n {
    let cookie = headers
        .get(http::header::COOKIE)
        .and_then(|v| v.to_str().ok());
    I18n::new(locale_from_cookie_header(cookie))
}

/// Turns a handler's error into a page: a localized message with the right status, and a
/// login link for 401. Internal details go to the log only.
pub fn error_page(err: AppError, headers: &HeaderMap) -> Response {
    let i18n = i18n_of(headers);
    let status = err.status();
    let (title, text, extra) = match &err {
        AppError::Unauthorized => (
            "login-required-title",
            "login-required-text",
            format!(
                "<p><a class=\"button\" href=\"/login\">{}</a></p>",
                super::gate::escape_html(&i18n.t("login-button"))
            ),
        ),
        AppError::Forbidden => ("forbidden-title", "err-forbidden", String::new()),
        AppError::NotFound => ("not-found-title", "not-found-text", String::new()),
        AppError::Database(_) | AppError::Internal(_) => {
            tracing::error!(error = %err, "form handler failed");
            ("error-title", "err-internal", String::new())
        }
        AppError::BadRequest(key) => ("error-title", key.as_str(), String::new()),
        AppError::Validation(_) | AppError::Conflict => {
            ("error-title", "err-validation", String::new())
        }
    };
    (status, Html(message_page(&i18n, title, text, &extra))).into_response()
}

/// Runs a handler body and renders its error, if any, as a page.
pub fn finish(result: Result<Response, AppError>, headers: &HeaderMap) -> Response {
    result.unwrap_or_else(|e| error_page(e, headers))
}

/// Writes an audit event about an account (login, logout, registration, password).
async fn account_event(state: &AppState, auth: &RequestAuth, account_id: i64, action: &str) {
    let event = AuditEvent {
        account_id: Some(account_id),
        action,
        ip: &auth.client_ip,
        ..Default::default()
    };
    audit::record(&state.db, event).await;
}

fn issue(field: &str, key: &str) -> FieldIssue {
    FieldIssue::new(field, key)
}

async fn login(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    finish(login_inner(&state, &auth, &form).await, &headers)
}

async fn login_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let email = store::normalize_email(form.get("email"));
    let next = safe_next(form.get("next"), "/account");
    let back = |issues: Vec<FieldIssue>| NewDraft {
        form: "login",
        target_id: None,
        base_version: None,
        fields: form.keepable_fields(),
        issues,
    };
    let account = store::find_by_email(&state.db, &email).await?;
    let trusted = match (&account, &auth.device_token) {
        (Some(a), Some(t)) => store::is_trusted_device(&state.db, a.id, t).await?,
        _ => false,
    };
    let keys = login_keys(&email, &auth.client_ip);
    // A browser that has logged in to this account before only answers for its own
    // failures: guessing from elsewhere (even from the same IP) cannot lock it out.
    let applicable: Vec<(String, Rule)> = match (&auth.device_token, trusted) {
        (Some(device), true) => vec![(
            format!("login-device:{}|{email}", token_hash(device)),
            LOGIN_ACCOUNT_IP,
        )],
        _ => keys.to_vec(),
    };
    if let Some(wait) = applicable
        .iter()
        .filter_map(|(k, r)| state.throttle.wait_needed(k, r))
        .max()
    {
        let seconds = (wait.as_secs() + 1).to_string();
        let throttled = issue("email", "err-login-throttled").arg("seconds", seconds);
        return back_to_form(&state.db, auth, "/login", back(vec![throttled])).await;
    }
    let stored = account
        .as_ref()
        .filter(|a| !a.disabled)
        .map(|a| a.password_hash.as_str());
    let ok = password::verify_password(form.get("password"), stored).await?;
    let Some(account) = account.filter(|_| ok) else {
        for (k, r) in &applicable {
            state.throttle.hit(k, r);
        }
        audit::record(
            &state.db,
            AuditEvent {
                action: "login_failed",
                detail: email.clone(),
                ip: &auth.client_ip,
                ..Default::default()
            },
        )
        .await;
        return back_to_form(
            &state.db,
            auth,
            "/login",
            back(vec![issue("email", "err-login-failed")]),
        )
        .await;
    };
    for (k, _) in applicable.iter().chain(&keys[..2]) {
        state.throttle.clear(k);
    }
    let mut resp = see_other(&next);
    start_session(state, auth, account.id, &mut resp).await?;
    account_event(state, auth, account.id, "login").await;
    Ok(resp)
}

/// Logs an account in on this response: a new session token (any old one is ended, so a
/// token planted before login is useless), and a trusted-device cookie.
async fn start_session(
    state: &AppState,
    auth: &RequestAuth,
    account_id: i64,
    resp: &mut Response,
) -> Result<(), AppError> {
    if let Some(old) = &auth.session_token {
        session::destroy(&state.db, old).await?;
    }
    let policy = &state.config.session;
    let token = session::create(&state.db, policy, account_id, &auth.user_agent).await?;
    append_cookie(resp, &policy.set_cookie(&token));
    let device = auth.device_token.clone().unwrap_or_else(new_token);
    store::trust_device(&state.db, account_id, &device).await?;
    if auth.device_token.is_none() {
        let secure = policy.secure_cookies;
        append_cookie(
            resp,
            &long_cookie(device_cookie_name(secure), &device, secure),
        );
    }
    store::touch_login(&state.db, account_id).await?;
    Ok(())
}

async fn register(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    finish(register_inner(&state, &auth, &form).await, &headers)
}

/// Checks the registration form; the issues, if any.
fn registration_issues(form: &SubmittedForm, email: &str) -> Vec<FieldIssue> {
    let mut issues = vec![];
    if crate::organizations::validate::normalize_contact(
        crate::organizations::ContactKind::Email,
        email,
    )
    .is_none()
    {
        issues.push(issue("email", "err-email").arg("value", email));
    }
    if form.get("display_name").chars().count() > 100 {
        issues.push(issue("display_name", "err-too-long").arg("max", "100"));
    }
    let pw = form.get("password");
    if let Err(key) = password::check_new_password(pw, email) {
        issues.push(issue("password", key));
    } else if pw != form.get("password_again") {
        issues.push(issue("password_again", "err-password-mismatch"));
    }
    issues
}

async fn register_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let email = store::normalize_email(form.get("email"));
    let next = safe_next(form.get("next"), "/account");
    let mut issues = registration_issues(form, &email);
    let key = format!("register:{}", auth.client_ip);
    if issues.is_empty() {
        if let Some(wait) = state.throttle.wait_needed(&key, &FORM_IP) {
            issues.push(
                issue("", "err-rate-limited").arg("minutes", (wait.as_secs() / 60 + 1).to_string()),
            );
        }
    }
    let mut account_id = None;
    if issues.is_empty() {
        let hash = password::hash_password(form.get("password")).await?;
        account_id =
            store::create_account(&state.db, &email, form.get("display_name"), &hash, false)
                .await?;
        if account_id.is_none() {
            issues.push(issue("email", "err-email-taken"));
        }
    }
    let Some(account_id) = account_id else {
        let d = NewDraft {
            form: "register",
            target_id: None,
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(&state.db, auth, "/register", d).await;
    };
    state.throttle.hit(&key, &FORM_IP);
    let mut resp = see_other(&next);
    start_session(state, auth, account_id, &mut resp).await?;
    account_event(state, auth, account_id, "register").await;
    Ok(resp)
}

async fn logout(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        if let Some(token) = &auth.session_token {
            session::destroy(&state.db, token).await?;
        }
        let mut resp = see_other("/");
        append_cookie(&mut resp, &state.config.session.clear_cookie());
        if let Some(v) = &auth.viewer {
            account_event(&state, &auth, v.account_id, "logout").await;
        }
        Ok(resp)
    }
    .await;
    finish(result, &headers)
}

async fn forgot(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    finish(
        forgot_inner(&state, &auth, &form, &i18n_of(&headers)).await,
        &headers,
    )
}

async fn forgot_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
    i18n: &I18n,
) -> Result<Response, AppError> {
    let email = store::normalize_email(form.get("email"));
    if email.is_empty() {
        let d = NewDraft {
            form: "forgot",
            target_id: None,
            base_version: None,
            fields: form.keepable_fields(),
            issues: vec![issue("email", "err-required")],
        };
        return back_to_form(&state.db, auth, "/password/forgot", d).await;
    }
    let ip_key = format!("reset:{}", auth.client_ip);
    let email_key = format!("reset:{email}");
    let throttled = state
        .throttle
        .wait_needed(&ip_key, &FORM_IP)
        .or(state.throttle.wait_needed(&email_key, &FORM_IP));
    if let Some(wait) = throttled {
        let d = NewDraft {
            form: "forgot",
            target_id: None,
            base_version: None,
            fields: form.keepable_fields(),
            issues: vec![
                issue("", "err-rate-limited").arg("minutes", (wait.as_secs() / 60 + 1).to_string())
            ],
        };
        return back_to_form(&state.db, auth, "/password/forgot", d).await;
    }
    state.throttle.hit(&ip_key, &FORM_IP);
    state.throttle.hit(&email_key, &FORM_IP);
    // The same answer whether or not the address has an account.
    if let Some(account) = store::find_by_email(&state.db, &email)
        .await?
        .filter(|a| !a.disabled)
    {
        let token = store::create_reset(&state.db, account.id).await?;
        let link = format!("{}/password/reset/{token}", state.config.public_url);
        let body = i18n.t_with(
            "mail-reset-body",
            &[
                ("link", link.into()),
                ("minutes", store::RESET_MINUTES.to_string().into()),
            ],
        );
        if let Err(e) = state
            .mailer
            .send(&account.email, &i18n.t("mail-reset-subject"), &body)
            .await
        {
            tracing::error!(error = %format!("{e:#}"), "password reset mail not sent");
        }
        account_event(state, auth, account.id, "password_reset_requested").await;
    }
    Ok(see_other("/password/forgot?sent=1"))
}

async fn reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    finish(reset_inner(&state, &token, &auth, &form).await, &headers)
}

async fn reset_inner(
    state: &AppState,
    token: &str,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let path = format!("/password/reset/{token}");
    if !looks_like_token(token) {
        return Err(AppError::NotFound);
    }
    let pw = form.get("password");
    let mut issues = vec![];
    if let Err(key) = password::check_new_password(pw, "") {
        issues.push(issue("password", key));
    } else if pw != form.get("password_again") {
        issues.push(issue("password_again", "err-password-mismatch"));
    }
    if !issues.is_empty() {
        let d = NewDraft {
            form: "reset",
            target_id: None,
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(&state.db, auth, &path, d).await;
    }
    let hash = password::hash_password(pw).await?;
    let Some(account_id) = store::consume_reset(&state.db, token).await? else {
        let d = NewDraft {
            form: "reset",
            target_id: None,
            base_version: None,
            fields: vec![],
            issues: vec![issue("", "err-reset-link")],
        };
        return back_to_form(&state.db, auth, &path, d).await;
    };
    store::set_password(&state.db, account_id, &hash).await?;
    session::destroy_all(&state.db, account_id).await?;
    if let Some(account) = sqlx::query_scalar::<_, String>("select email from account where id = ?")
        .bind(account_id)
        .fetch_optional(&state.db)
        .await?
    {
        for (k, _) in login_keys(&account, &auth.client_ip) {
            state.throttle.clear(&k);
        }
    }
    let mut resp = see_other("/account?notice=password-changed");
    start_session(state, auth, account_id, &mut resp).await?;
    account_event(state, auth, account_id, "password_reset").await;
    Ok(resp)
}

async fn accept_invite(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let viewer = authz::require_viewer(&auth)?;
        if !looks_like_token(&token) {
            return Err(AppError::NotFound);
        }
        let Some(org_id) = store::accept_invitation(&state.db, &token, viewer.account_id).await?
        else {
            return Ok(see_other(&format!("/invite/{token}")));
        };
        let org = authz::org_access(&state.db, org_id)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            &state.db,
            AuditEvent {
                region_id: Some(org.region_id),
                account_id: Some(viewer.account_id),
                action: "editor_added",
                target_kind: "organization",
                target_id: Some(org_id),
                detail: "invitation accepted".into(),
                ip: &auth.client_ip,
            },
        )
        .await;
        Ok(see_other(&format!("/org/{org_id}/edit?notice=welcome")))
    }
    .await;
    finish(result, &headers)
}

async fn grant_staff(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let admin = authz::require_admin(&auth)?;
        let email = store::normalize_email(form.get("email"));
        let region_id: Option<i64> = sqlx::query_scalar("select id from region where slug = ?")
            .bind(form.get("region"))
            .fetch_optional(&state.db)
            .await?;
        let account = store::find_by_email(&state.db, &email).await?;
        let (Some(region_id), Some(account)) = (region_id, account) else {
            let mut issues = vec![];
            if region_id.is_none() {
                issues.push(issue("region", "err-required"));
            }
            issues.push(issue("email", "err-no-such-account").arg("value", email.as_str()));
            let d = NewDraft {
                form: "staff",
                target_id: None,
                base_version: None,
                fields: form.keepable_fields(),
                issues,
            };
            return back_to_form(&state.db, &auth, "/admin", d).await;
        };
        if store::grant_staff(&state.db, account.id, region_id, admin.account_id).await? {
            audit::record(
                &state.db,
                AuditEvent {
                    region_id: Some(region_id),
                    account_id: Some(admin.account_id),
                    action: "staff_granted",
                    target_kind: "account",
                    target_id: Some(account.id),
                    detail: account.email.clone(),
                    ip: &auth.client_ip,
                },
            )
            .await;
        }
        Ok(see_other("/admin?notice=saved"))
    }
    .await;
    finish(result, &headers)
}

async fn revoke_staff(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Extension(form): Extension<SubmittedForm>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let admin = authz::require_admin(&auth)?;
        let account_id: i64 = form
            .get("account_id")
            .parse()
            .map_err(|_| AppError::BadRequest("err-bad-form".into()))?;
        let region_id: i64 = form
            .get("region_id")
            .parse()
            .map_err(|_| AppError::BadRequest("err-bad-form".into()))?;
        if store::revoke_staff(&state.db, account_id, region_id).await? {
            audit::record(
                &state.db,
                AuditEvent {
                    region_id: Some(region_id),
                    account_id: Some(admin.account_id),
                    action: "staff_revoked",
                    target_kind: "account",
                    target_id: Some(account_id),
                    detail: String::new(),
                    ip: &auth.client_ip,
                },
            )
            .await;
        }
        Ok(see_other("/admin?notice=saved"))
    }
    .await;
    finish(result, &headers)
}
