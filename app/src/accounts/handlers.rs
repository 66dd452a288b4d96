//! The account forms' POST handlers: accepting an invitation and the admin's management of
//! staff and accounts, plus the helpers every form handler shares (error pages, audit
//! events). Logging in, registration and credentials have their own modules, merged here
//! into one router. The pages that show these forms are Leptos routes; the CSRF gate has
//! checked every post.

use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};

use super::token::looks_like_token;
use super::{authz, notify, security_store as sec, store};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::i18n::{locale_from_cookie_header, I18n};
use crate::state::AppState;
use crate::web::gate::{message_page, RequestAuth, SubmittedForm};

use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invite/{token}", post(accept_invite))
        .route("/admin/staff", post(grant_staff))
        .route("/admin/staff/revoke", post(revoke_staff))
        .route("/admin/accounts/{id}/disable", post(disable_account))
        .route("/admin/accounts/{id}/enable", post(enable_account))
        .merge(super::login::router())
        .merge(super::registration::router())
        .merge(super::credentials::router())
        .merge(super::second_factor::router())
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
    let status = crate::error::status_of(&err);
    let (title, text, extra) = match &err {
        AppError::Unauthorized => (
            "login-required-title",
            "login-required-text",
            format!(
                "<p><a class=\"button\" href=\"/login\">{}</a></p>",
                crate::web::gate::escape_html(&i18n.t("login-button"))
            ),
        ),
        AppError::Forbidden => ("forbidden-title", "err-forbidden", String::new()),
        AppError::NotFound => ("not-found-title", "not-found-text", String::new()),
        AppError::Database(_) | AppError::Internal(_) => {
            tracing::error!(error = %err, "form handler failed");
            ("error-title", "err-internal", String::new())
        }
        AppError::BadRequest(key) | AppError::TooManyRequests(key) => {
            ("error-title", key.as_str(), String::new())
        }
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
pub async fn account_event(
    state: &AppState,
    auth: &RequestAuth,
    account_id: i64,
    action: AuditAction,
) {
    let event = AuditEvent {
        account_id: Some(account_id),
        ..AuditEvent::new(action, &auth.client_ip)
    };
    audit::record(&state.db, event).await;
}

pub fn issue(field: &str, key: &str) -> FieldIssue {
    FieldIssue::new(field, key)
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
        // A membership needs a proven address, and an invitation sent to an address belongs
        // to that address only.
        if !viewer.email_verified {
            return Err(AppError::BadRequest("err-email-unverified".into()));
        }
        let invitation = store::find_invitation(&state.db, &token)
            .await?
            .ok_or(AppError::NotFound)?;
        if !invitation.email.is_empty() && invitation.email != viewer.email {
            return Err(AppError::Forbidden);
        }
        let Some(org_id) = store::accept_invitation(&state.db, &token, viewer.account_id).await?
        else {
            return Ok(see_other(&format!("/invite/{token}")));
        };
        notify::new_role(
            &state,
            viewer.account_id,
            &format!("редактор: {}", invitation_org_name(&state, org_id).await?),
        )
        .await?;
        let org = authz::org_access(&state.db, org_id)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            &state.db,
            AuditEvent {
                region_id: Some(org.region_id),
                account_id: Some(viewer.account_id),
                action: AuditAction::EditorAdded,
                target_kind: AuditTarget::Organization,
                target_id: Some(org_id),
                detail: "invitation accepted".into(),
                ip: &auth.client_ip,
            },
        )
        .await;
        Ok(see_other(
            &Notice::Welcome.on(&format!("/org/{org_id}/edit")),
        ))
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
        let region_id = crate::region::store::id_by_slug(&state.db, form.get("region")).await?;
        // Only an account with a proven address can hold a role: registering someone's
        // address in advance gets nothing.
        let account = store::find_by_email(&state.db, &email).await?;
        let verified = match &account {
            Some(a) => sec::is_verified(&state.db, a.id).await?,
            None => false,
        };
        let (Some(region_id), Some(account), true) = (region_id, account.clone(), verified) else {
            let mut issues = vec![];
            if region_id.is_none() {
                issues.push(issue("region", "err-required"));
            }
            let key = if account.is_some() {
                "err-account-unverified"
            } else {
                "err-no-such-account"
            };
            issues.push(issue("email", key).arg("value", email.as_str()));
            let d = NewDraft {
                form: DraftForm::Staff,
                target_id: None,
                base_version: None,
                fields: form.keepable_fields(),
                issues,
            };
            return back_to_form(&state, &auth, "/admin", d).await;
        };
        if store::grant_staff(&state.db, account.id, region_id, admin.account_id).await? {
            audit::record(
                &state.db,
                AuditEvent {
                    region_id: Some(region_id),
                    account_id: Some(admin.account_id),
                    action: AuditAction::StaffGranted,
                    target_kind: AuditTarget::Account,
                    target_id: Some(account.id),
                    detail: account.email.clone(),
                    ip: &auth.client_ip,
                },
            )
            .await;
            let role = I18n::default().t("role-staff");
            notify::new_role(&state, account.id, &role).await?;
        }
        Ok(see_other(&Notice::Saved.on("/admin")))
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
                    action: AuditAction::StaffRevoked,
                    target_kind: AuditTarget::Account,
                    target_id: Some(account_id),
                    detail: String::new(),
                    ip: &auth.client_ip,
                },
            )
            .await;
        }
        Ok(see_other(&Notice::Saved.on("/admin")))
    }
    .await;
    finish(result, &headers)
}

async fn invitation_org_name(state: &AppState, org_id: i64) -> Result<String, AppError> {
    Ok(authz::org_access(&state.db, org_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

async fn disable_account(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
) -> Response {
    finish(set_disabled(&state, &auth, id, true).await, &headers)
}

async fn enable_account(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
) -> Response {
    finish(set_disabled(&state, &auth, id, false).await, &headers)
}

/// An admin disables (or enables again) an account: a disabled one cannot log in, and its
/// sessions and trusted browsers end at once. Admins cannot disable themselves.
async fn set_disabled(
    state: &AppState,
    auth: &RequestAuth,
    id: i64,
    disabled: bool,
) -> Result<Response, AppError> {
    let admin = authz::require_admin(auth)?;
    if id == admin.account_id {
        return Err(AppError::BadRequest("err-disable-self".into()));
    }
    if !sec::set_disabled(&state.db, id, disabled).await? {
        return Err(AppError::NotFound);
    }
    let action = if disabled {
        AuditAction::AccountDisabled
    } else {
        AuditAction::AccountEnabled
    };
    let event = AuditEvent {
        account_id: Some(admin.account_id),
        target_kind: AuditTarget::Account,
        target_id: Some(id),
        ..AuditEvent::new(action, &auth.client_ip)
    };
    audit::record(&state.db, event).await;
    Ok(see_other(&Notice::Saved.on("/admin/accounts")))
}
