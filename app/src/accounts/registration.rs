//! Registration and proving an address. Registering answers the same for every address
//! ("we sent you a letter"), with the same work (one hash), so nobody learns which addresses
//! have accounts: a new address gets a confirmation link, a taken one a note that someone
//! tried to register with it. Following the link (one click, a POST) marks the address
//! verified and logs the person in; only then can the account hold roles or memberships.

use crate::kinds::{AuditAction, DraftForm, Notice};
use crate::organizations::validate::{too_long, MAX_DISPLAY_NAME};
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use super::handlers::{account_event, issue};
use super::login::{start_session, MAX_EMAIL};
use super::security_store::{self as sec, EmailPurpose};
use super::throttle::{FAILURE_IP, FORM_IP};
use super::token::looks_like_token;
use super::{authz, password, safe_next, store};
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
        .route("/register", post(register))
        .route("/verify-email/{token}", post(confirm))
        .route("/account/verify-email", post(resend))
}

/// Checks the registration form; the issues, if any.
fn registration_issues(form: &SubmittedForm, email: &str) -> Vec<FieldIssue> {
    let mut issues = vec![];
    if email.chars().count() > MAX_EMAIL {
        issues.push(issue("email", "err-email-long").arg("max", MAX_EMAIL.to_string()));
    } else if crate::organizations::validate::normalize_contact(
        crate::organizations::ContactKind::Email,
        email,
    )
    .is_none()
    {
        issues.push(issue("email", "err-email").arg("value", email));
    }
    issues.extend(too_long(
        "display_name",
        form.get("display_name"),
        MAX_DISPLAY_NAME,
    ));
    let pw = form.get("password");
    if let Err(key) = password::check_new_password(pw, email) {
        issues.push(issue("password", key));
    } else if pw != form.get("password_again") {
        issues.push(issue("password_again", "err-password-mismatch"));
    }
    issues
}

async fn register(FormPost { state, auth, form }: FormPost) -> PageResult {
    Ok(register_inner(&state, &auth, &form).await?)
}

async fn register_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let email = store::normalize_email(form.get("email"));
    let next = safe_next(form.get("next"), "/account");
    let mut issues = registration_issues(form, &email);
    let ip_key = format!("register:{}", auth.client_ip);
    let email_key = format!("register-email:{email}");
    if issues.is_empty() {
        let wait = match state.throttle.wait_needed(&ip_key, &FORM_IP).await {
            Some(wait) => Some(wait),
            None => state.throttle.wait_needed(&email_key, &FORM_IP).await,
        };
        if let Some(wait) = wait {
            let minutes = (wait.as_secs() / 60 + 1).to_string();
            issues.push(issue("", "err-rate-limited").arg("minutes", minutes));
        }
    }
    if !issues.is_empty() {
        let d = NewDraft {
            form: DraftForm::Register,
            target_id: None,
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(state, auth, "/register", d).await;
    }
    // Every attempt that reaches the hash counts, whatever its outcome.
    state.throttle.hit(&ip_key, &FORM_IP).await;
    state.throttle.hit(&email_key, &FORM_IP).await;
    let hash = password::hash_password(form.get("password")).await?;
    let name = form.get("display_name");
    match store::create_account(&state.db, &email, name, &hash, false).await? {
        Some(account_id) => {
            send_link(state, account_id, &email, &next).await?;
            account_event(state, auth, account_id, AuditAction::Register).await;
        }
        None => {
            let args = [("login", format!("{}/login", state.config.public_url))];
            notify::send(state, &email, "mail-register-taken", &args).await?;
        }
    }
    Ok(see_other("/register?sent=1"))
}

/// Queues a confirmation link for the account's address.
pub async fn send_link(
    state: &AppState,
    account_id: i64,
    email: &str,
    next: &str,
) -> Result<(), AppError> {
    let token =
        sec::create_email_token(&state.db, account_id, EmailPurpose::Verify, email, next).await?;
    let link = format!("{}/verify-email/{token}", state.config.public_url);
    let args = [("link", link), ("hours", sec::EMAIL_LINK_HOURS.to_string())];
    notify::send(state, email, "mail-verify", &args).await
}

async fn confirm(Path(token): Path<String>, FormPost { state, auth, .. }: FormPost) -> PageResult {
    Ok(confirm_inner(&state, &token, &auth).await?)
}

/// Uses a link from a mail: a new account's address is verified, or the account moves to
/// its new address (the old address is told). Either way the person is logged in.
async fn confirm_inner(
    state: &AppState,
    token: &str,
    auth: &RequestAuth,
) -> Result<Response, AppError> {
    let fail_key = format!("link-fail:{}", auth.client_ip);
    if state
        .throttle
        .wait_needed(&fail_key, &FAILURE_IP)
        .await
        .is_some()
    {
        return Err(AppError::TooManyRequests("err-too-many-tries".into()));
    }
    let row = match looks_like_token(token) {
        true => sec::consume_email_token(&state.db, token).await?,
        false => None,
    };
    let Some(row) = row else {
        state.throttle.hit(&fail_key, &FAILURE_IP).await;
        return Ok(see_other(&format!("/verify-email/{token}?gone=1")));
    };
    let change = row.purpose == EmailPurpose::Change.as_str();
    let notice = if change {
        let old = store::email_of(&state.db, row.account_id).await?;
        if !sec::change_email(&state.db, row.account_id, &row.email).await? {
            return Err(AppError::BadRequest("err-email-taken-now".into()));
        }
        if let Some(old) = old {
            let args = [("email", row.email.clone())];
            notify::send(state, &old, "mail-email-changed", &args).await?;
        }
        account_event(state, auth, row.account_id, AuditAction::EmailChanged).await;
        Notice::EmailChanged
    } else {
        sec::mark_verified(&state.db, row.account_id).await?;
        account_event(state, auth, row.account_id, AuditAction::EmailVerified).await;
        Notice::EmailVerified
    };
    let same_account = auth
        .viewer
        .as_ref()
        .is_some_and(|v| v.account_id == row.account_id);
    // A new address typed with a mistake reaches a stranger: a change link never logs in.
    if change && !same_account {
        return Ok(see_other(&notice.on("/login")));
    }
    let next = safe_next(&row.next, "/account");
    let mut resp = see_other(&notice.on(&next));
    if !same_account {
        start_session(state, auth, row.account_id, false, &mut resp).await?;
    }
    Ok(resp)
}

async fn resend(FormPost { state, auth, .. }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    if viewer.email_verified {
        return Ok(see_other("/account"));
    }
    let key = format!("verify-resend:{}", viewer.account_id);
    if let Some(wait) = state.throttle.wait_needed(&key, &FORM_IP).await {
        let minutes = (wait.as_secs() / 60 + 1).to_string();
        let d = NewDraft::of(
            DraftForm::VerifyResend,
            vec![],
            vec![issue("", "err-rate-limited").arg("minutes", minutes)],
        );
        return back_to_form(&state, &auth, "/account", d).await;
    }
    state.throttle.hit(&key, &FORM_IP).await;
    send_link(&state, viewer.account_id, &viewer.email, "/account").await?;
    Ok(see_other(&Notice::VerifySent.on("/account")))
}
