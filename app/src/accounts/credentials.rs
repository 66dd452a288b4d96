//! Passwords, addresses and sessions: a forgotten password (a mailed link), a new password
//! from that link, changing the password (with the current one), changing the address (a
//! link to the new one), and ending sessions. Tokens and throttles are checked before any
//! hash is computed, so none of these can be used to keep the hashing pool busy.

use crate::kinds::{AuditAction, DraftForm, Notice};
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use super::handlers::{account_event, issue};
use super::login::{start_session, MAX_EMAIL};
use super::security_store::{self as sec, EmailPurpose};
use super::throttle::{login_keys, FAILURE_IP, FORM_IP};
use super::token::looks_like_token;
use super::{authz, password, session, store};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::notify;
use crate::state::AppState;
use crate::web::gate::{RequestAuth, SubmittedForm};

use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", post(forgot))
        .route("/password/reset/{token}", post(reset))
        .route("/account/password", post(change_password))
        .route("/account/email", post(change_email))
        .route("/account/sessions/end-others", post(end_others))
}

async fn forgot(FormPost { state, auth, form }: FormPost) -> PageResult {
    let email = store::normalize_email(form.get("email"));
    let bad = if email.is_empty() {
        Some(issue("email", "err-required"))
    } else if email.chars().count() > MAX_EMAIL {
        Some(issue("email", "err-email-long").arg("max", MAX_EMAIL.to_string()))
    } else {
        None
    };
    let ip_key = format!("reset:{}", auth.client_ip);
    let email_key = format!("reset:{email}");
    let keys = [ip_key.as_str(), email_key.as_str()];
    let issue = match bad {
        Some(bad) => Some(bad),
        None => state.throttle.form_issue(&keys, &FORM_IP).await,
    };
    if let Some(issue) = issue {
        let fields = vec![("email".into(), email.chars().take(MAX_EMAIL).collect())];
        let d = NewDraft::of(DraftForm::Forgot, fields, vec![issue]);
        return back_to_form(&state, &auth, "/password/forgot", d).await;
    }
    state.throttle.hit_all(&keys, &FORM_IP).await;
    // The same answer, and about the same work, whether or not the address has an
    // account: the mail itself is sent later by the queue.
    let account = store::find_by_email(&state.db, &email).await?;
    if let Some(account) = account.filter(|a| !a.disabled) {
        let token = store::create_reset(&state.db, account.id).await?;
        let args = [
            (
                "link",
                format!("{}/password/reset/{token}", state.config.public_url),
            ),
            ("minutes", store::RESET_MINUTES.to_string()),
        ];
        notify::send(&state, &account.email, "mail-reset", &args).await?;
        account_event(
            &state,
            &auth,
            account.id,
            AuditAction::PasswordResetRequested,
        )
        .await;
    }
    Ok(see_other("/password/forgot?sent=1"))
}

async fn reset(Path(token): Path<String>, FormPost { state, auth, form }: FormPost) -> PageResult {
    Ok(reset_inner(&state, &token, &auth, &form).await?)
}

async fn reset_inner(
    state: &AppState,
    token: &str,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let path = format!("/password/reset/{token}");
    let fail_key = format!("link-fail:{}", auth.client_ip);
    if state
        .throttle
        .wait_needed(&fail_key, &FAILURE_IP)
        .await
        .is_some()
    {
        return Err(AppError::TooManyRequests("err-too-many-tries".into()));
    }
    // The link first: a guessed or used link costs a lookup, never a hash.
    if !looks_like_token(token) || !store::reset_usable(&state.db, token).await? {
        state.throttle.hit(&fail_key, &FAILURE_IP).await;
        let d = NewDraft::of(DraftForm::Reset, vec![], vec![issue("", "err-reset-link")]);
        return back_to_form(state, auth, &path, d).await;
    }
    let pw = form.get("password");
    let mut issues = vec![];
    if let Err(key) = password::check_new_password(pw, "") {
        issues.push(issue("password", key));
    } else if pw != form.get("password_again") {
        issues.push(issue("password_again", "err-password-mismatch"));
    }
    if !issues.is_empty() {
        return back_to_form(
            state,
            auth,
            &path,
            NewDraft::of(DraftForm::Reset, vec![], issues),
        )
        .await;
    }
    let hash = password::hash_password(pw).await?;
    let Some(account_id) = store::consume_reset(&state.db, token).await? else {
        let d = NewDraft::of(DraftForm::Reset, vec![], vec![issue("", "err-reset-link")]);
        return back_to_form(state, auth, &path, d).await;
    };
    store::set_password(&state.db, account_id, &hash).await?;
    // The link proved the mailbox; every other session and trusted browser is forgotten.
    sec::mark_verified(&state.db, account_id).await?;
    session::destroy_all(&state.db, account_id).await?;
    sec::forget_devices(&state.db, account_id).await?;
    forget_throttles(state, account_id, &auth.client_ip).await?;
    let mut resp = see_other(&Notice::PasswordChanged.on("/account"));
    start_session(state, auth, account_id, false, &mut resp).await?;
    account_event(state, auth, account_id, AuditAction::PasswordReset).await;
    notify::security_change(state, account_id, "mail-password-changed").await?;
    Ok(resp)
}

async fn forget_throttles(state: &AppState, account_id: i64, ip: &str) -> Result<(), AppError> {
    if let Some(email) = store::email_of(&state.db, account_id).await? {
        for (k, _) in login_keys(&email, ip) {
            state.throttle.clear(&k).await;
        }
    }
    Ok(())
}

/// Checks the current password of the logged-in person, throttled like a login.
pub async fn current_password_ok(
    state: &AppState,
    account_id: i64,
    typed: &str,
) -> Result<Result<(), FieldIssue>, AppError> {
    let key = format!("reauth:{account_id}");
    if let Some(wait) = state
        .throttle
        .wait_needed(&key, &super::throttle::LOGIN_ACCOUNT_IP)
        .await
    {
        let seconds = (wait.as_secs() + 1).to_string();
        return Ok(Err(
            issue("current_password", "err-login-throttled").arg("seconds", seconds)
        ));
    }
    let stored = store::password_hash_of(&state.db, account_id).await?;
    if password::verify_password(typed, stored.as_deref()).await? {
        state.throttle.clear(&key).await;
        return Ok(Ok(()));
    }
    state
        .throttle
        .hit(&key, &super::throttle::LOGIN_ACCOUNT_IP)
        .await;
    Ok(Err(issue("current_password", "err-password-wrong")))
}

async fn change_password(FormPost { state, auth, form }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    let pw = form.get("password");
    let mut issues = vec![];
    if let Err(key) = password::check_new_password(pw, &viewer.email) {
        issues.push(issue("password", key));
    } else if pw != form.get("password_again") {
        issues.push(issue("password_again", "err-password-mismatch"));
    }
    if issues.is_empty() {
        let current = form.get("current_password");
        if let Err(i) = current_password_ok(&state, viewer.account_id, current).await? {
            issues.push(i);
        }
    }
    if !issues.is_empty() {
        let d = NewDraft::of(DraftForm::PasswordChange, vec![], issues);
        return back_to_form(&state, &auth, "/account/security", d).await;
    }
    let hash = password::hash_password(pw).await?;
    store::set_password(&state.db, viewer.account_id, &hash).await?;
    sec::end_other_sessions(&state.db, viewer.account_id, &auth.session_hash()).await?;
    account_event(
        &state,
        &auth,
        viewer.account_id,
        AuditAction::PasswordChanged,
    )
    .await;
    notify::security_change(&state, viewer.account_id, "mail-password-changed").await?;
    Ok(see_other(&Notice::PasswordChanged.on("/account/security")))
}

async fn change_email(FormPost { state, auth, form }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    let email = store::normalize_email(form.get("new_email"));
    let valid = email.chars().count() <= MAX_EMAIL
        && crate::organizations::validate::normalize_contact(
            crate::organizations::ContactKind::Email,
            &email,
        )
        .is_some();
    let mut issues = vec![];
    if !valid {
        let shown: String = email.chars().take(MAX_EMAIL).collect();
        issues.push(issue("new_email", "err-email").arg("value", shown));
    } else if email == viewer.email {
        issues.push(issue("new_email", "err-email-same"));
    } else {
        let current = form.get("current_password");
        if let Err(i) = current_password_ok(&state, viewer.account_id, current).await? {
            issues.push(i);
        }
    }
    if !issues.is_empty() {
        let fields = vec![("new_email".into(), email.chars().take(MAX_EMAIL).collect())];
        let d = NewDraft::of(DraftForm::EmailChange, fields, issues);
        return back_to_form(&state, &auth, "/account/security", d).await;
    }
    // The link goes to the new address; a taken address gets the same answer and no link.
    if store::find_by_email(&state.db, &email).await?.is_none() {
        let token = sec::create_email_token(
            &state.db,
            viewer.account_id,
            EmailPurpose::Change,
            &email,
            "/account/security",
        )
        .await?;
        let args = [
            (
                "link",
                format!("{}/verify-email/{token}", state.config.public_url),
            ),
            ("hours", sec::EMAIL_LINK_HOURS.to_string()),
        ];
        notify::send(&state, &email, "mail-email-change", &args).await?;
    }
    Ok(see_other(&Notice::EmailLinkSent.on("/account/security")))
}

/// "Log out everywhere else": ends every other session of the account.
async fn end_others(FormPost { state, auth, .. }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    sec::end_other_sessions(&state.db, viewer.account_id, &auth.session_hash()).await?;
    account_event(&state, &auth, viewer.account_id, AuditAction::SessionsEnded).await;
    Ok(see_other(&Notice::SessionsEnded.on("/account/security")))
}
