//! Logging in and out. The password step: the email is checked for length before any work,
//! the throttle before any hash, and the hash against a dummy when the account does not
//! exist. An account with TOTP then gets a login challenge (a short-lived cookie) and the
//! code step; only a right code (or an unused recovery code) starts the session.

use crate::kinds::{AuditAction, DraftForm, Notice};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Router;

use super::handlers::{account_event, issue};
use super::throttle::{login_keys, Rule, LOGIN_ACCOUNT_IP};
use super::token::{looks_like_token, new_token, token_hash};
use super::{password, safe_next, second_factor, second_factor_store as sf, session, store};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::state::AppState;
use crate::web::gate::{
    append_cookie, cookie, device_cookie_name, long_cookie, RequestAuth, SubmittedForm,
};

use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

/// The longest email address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;

pub fn router() -> Router<AppState> {
    use axum::routing::post;
    Router::new()
        .route("/login", post(login))
        .route("/login/code", post(login_code))
        .route("/logout", post(logout))
}

/// The cookie that holds a pending login challenge.
pub fn challenge_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-poputchiki_login"
    } else {
        "poputchiki_login"
    }
}

/// The `Set-Cookie` value of the login challenge (`max_age` 0 removes it).
fn challenge_cookie(secure: bool, token: &str, max_age: i64) -> String {
    format!(
        "{}={token}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{}",
        challenge_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

fn login_draft(form: &SubmittedForm, issues: Vec<FieldIssue>) -> NewDraft {
    let fields = form
        .keepable_fields()
        .into_iter()
        .map(|(k, v)| {
            let v = if k == "email" {
                v.chars().take(MAX_EMAIL).collect()
            } else {
                v
            };
            (k, v)
        })
        .collect();
    NewDraft {
        form: DraftForm::Login,
        target_id: None,
        base_version: None,
        fields,
        issues,
    }
}

async fn login(FormPost { state, auth, form }: FormPost) -> PageResult {
    Ok(login_inner(&state, &auth, &form).await?)
}

async fn login_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let typed = form.get("email");
    if typed.chars().count() > MAX_EMAIL {
        let long = issue("email", "err-email-long").arg("max", MAX_EMAIL.to_string());
        return back_to_form(state, auth, "/login", login_draft(form, vec![long])).await;
    }
    let email = store::normalize_email(typed);
    let next = safe_next(form.get("next"), "/account");
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
    let mut longest = None;
    for (k, r) in &applicable {
        longest = longest.max(state.throttle.wait_needed(k, r).await);
    }
    if let Some(wait) = longest {
        let seconds = (wait.as_secs() + 1).to_string();
        let throttled = issue("email", "err-login-throttled").arg("seconds", seconds);
        return back_to_form(state, auth, "/login", login_draft(form, vec![throttled])).await;
    }
    let stored = account
        .as_ref()
        .filter(|a| !a.disabled)
        .map(|a| a.password_hash.as_str());
    let ok = password::verify_password(form.get("password"), stored).await?;
    let account = match account {
        Some(a) if ok => a,
        known => {
            for (k, r) in &applicable {
                state.throttle.hit(k, r).await;
            }
            return login_failed(state, auth, form, known).await;
        }
    };
    for (k, _) in applicable.iter().chain(&keys[..2]) {
        state.throttle.clear(k).await;
    }
    if second_factor::enabled(&state.db, account.id).await? {
        let token = sf::create_challenge(&state.db, account.id, &next).await?;
        let secure = state.config.session.secure_cookies;
        let mut resp = see_other("/login/code");
        append_cookie(
            &mut resp,
            &challenge_cookie(secure, &token, sf::CHALLENGE_MINUTES * 60),
        );
        return Ok(resp);
    }
    let mut resp = see_other(&next);
    start_session(state, auth, account.id, false, &mut resp).await?;
    account_event(state, auth, account.id, AuditAction::Login).await;
    Ok(resp)
}

/// Records a failed login and sends the form back. The typed text is kept in the log only
/// when it names a real account: a password typed into the email field must never reach it.
async fn login_failed(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
    known: Option<store::AccountRow>,
) -> Result<Response, AppError> {
    let event = AuditEvent {
        account_id: known.as_ref().map(|a| a.id),
        detail: known.map(|a| a.email).unwrap_or_default(),
        ..AuditEvent::new(AuditAction::LoginFailed, &auth.client_ip)
    };
    audit::record(&state.db, event).await;
    let failed = vec![issue("email", "err-login-failed")];
    back_to_form(state, auth, "/login", login_draft(form, failed)).await
}

/// The second step: a TOTP code or a recovery code for the pending challenge.
async fn login_code(FormPost { state, auth, form }: FormPost, headers: HeaderMap) -> PageResult {
    Ok(login_code_inner(&state, &auth, &form, &headers).await?)
}

async fn login_code_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let secure = state.config.session.secure_cookies;
    let challenge = cookie(headers, challenge_cookie_name(secure))
        .filter(|t| looks_like_token(t))
        .map(str::to_owned);
    let Some(challenge) = challenge else {
        return Ok(see_other("/login"));
    };
    let Some((account_id, next)) = sf::challenge_attempt(&state.db, &challenge).await? else {
        return Ok(see_other(&Notice::CodeExpired.on("/login")));
    };
    let code = form.get("totp_code");
    let recovery = form.get("recovery_code");
    let passed = if !recovery.trim().is_empty() {
        second_factor::use_recovery(&state.db, account_id, recovery).await?
    } else {
        second_factor::check_login_code(&state.db, account_id, code).await?
    };
    if !passed {
        audit::record(
            &state.db,
            AuditEvent {
                account_id: Some(account_id),
                ..AuditEvent::new(AuditAction::SecondFactorFailed, &auth.client_ip)
            },
        )
        .await;
        let d = NewDraft::of(
            DraftForm::LoginCode,
            vec![],
            vec![issue("totp_code", "err-totp-code")],
        );
        return back_to_form(state, auth, "/login/code", d).await;
    }
    sf::end_challenge(&state.db, &challenge).await?;
    let mut resp = see_other(&safe_next(&next, "/account"));
    append_cookie(&mut resp, &challenge_cookie(secure, "", 0));
    start_session(state, auth, account_id, true, &mut resp).await?;
    account_event(state, auth, account_id, AuditAction::Login).await;
    Ok(resp)
}

/// Logs an account in on this response: a new session token (any old one is ended, so a
/// token planted before login is useless), and a trusted-device cookie. A login from a
/// browser the account has not used before is told to the account by mail.
pub async fn start_session(
    state: &AppState,
    auth: &RequestAuth,
    account_id: i64,
    second_factor: bool,
    resp: &mut Response,
) -> Result<(), AppError> {
    if let Some(old) = &auth.session_token {
        session::destroy(&state.db, old).await?;
    }
    let policy = &state.config.session;
    let client = (auth.user_agent.as_str(), auth.client_ip.as_str());
    let token = session::create(&state.db, policy, account_id, client, second_factor).await?;
    append_cookie(resp, &policy.set_cookie(&token));
    let known_device = match &auth.device_token {
        Some(t) => store::is_trusted_device(&state.db, account_id, t).await?,
        None => false,
    };
    let device = auth.device_token.clone().unwrap_or_else(new_token);
    store::trust_device(&state.db, account_id, &device).await?;
    if auth.device_token.is_none() {
        let secure = policy.secure_cookies;
        append_cookie(
            resp,
            &long_cookie(device_cookie_name(secure), &device, secure),
        );
    }
    let first_login = store::touch_login(&state.db, account_id).await?;
    if !known_device && !first_login {
        crate::notify::new_device(state, account_id, auth).await?;
    }
    Ok(())
}

async fn logout(FormPost { state, auth, .. }: FormPost) -> PageResult {
    if let Some(token) = &auth.session_token {
        session::destroy(&state.db, token).await?;
    }
    let mut resp = see_other("/");
    append_cookie(&mut resp, &state.config.session.clear_cookie());
    if let Some(v) = &auth.viewer {
        account_event(&state, &auth, v.account_id, AuditAction::Logout).await;
    }
    Ok(resp)
}
