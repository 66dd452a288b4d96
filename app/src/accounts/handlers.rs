//! The account forms' POST handlers: accepting an invitation and the admin's management of
//! staff and accounts, plus the helpers every form handler shares (error pages, audit
//! events). Logging in, registration and credentials have their own modules, merged here
//! into one router. The pages that show these forms are Leptos routes; the CSRF gate has
//! checked every post.

use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice};
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use super::token::looks_like_token;
use super::{authz, security_store as sec, store};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::i18n::I18n;
use crate::notify;
use crate::state::AppState;
use crate::web::gate::RequestAuth;

use crate::web::error::{PageError, PageResult};
use crate::web::extract::FormPost;
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
    Path(token): Path<String>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    if !looks_like_token(&token) {
        return Err(PageError::from(AppError::NotFound));
    }
    // A membership needs a proven address, and an invitation sent to an address belongs
    // to that address only.
    if !viewer.email_verified {
        return Err(PageError::from(AppError::BadRequest(
            "err-email-unverified".into(),
        )));
    }
    let invitation = store::find_invitation(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    if !invitation.email.is_empty() && invitation.email != viewer.email {
        return Err(PageError::from(AppError::Forbidden));
    }
    let Some(org_id) = store::accept_invitation(&state.db, &token, viewer.account_id).await? else {
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

async fn grant_staff(FormPost { state, auth, form }: FormPost) -> PageResult {
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

async fn revoke_staff(FormPost { state, auth, form }: FormPost) -> PageResult {
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

async fn invitation_org_name(state: &AppState, org_id: i64) -> Result<String, AppError> {
    Ok(authz::org_access(&state.db, org_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

async fn disable_account(
    Path(id): Path<i64>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    Ok(set_disabled(&state, &auth, id, true).await?)
}

async fn enable_account(Path(id): Path<i64>, FormPost { state, auth, .. }: FormPost) -> PageResult {
    Ok(set_disabled(&state, &auth, id, false).await?)
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
