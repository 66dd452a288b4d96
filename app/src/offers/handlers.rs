//! "Могу помочь": `POST /org/{id}/needs/{number}/help`. An editor of another published
//! organization offers help with an open need; the site mails the needing organization's
//! editors (or its public address) with the helper's contacts. Logged in with a confirmed
//! address, only for an organization the sender edits, a few an hour per account.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;
use poputchiki_core::accounts::throttle::HELP_ACCOUNT;
use poputchiki_core::offers::help::{self, HelpOffer};

use crate::accounts::authz;
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice, OrgStatus};
use crate::organizations::validate::{too_long, MAX_REPORT};
use crate::organizations::{org_url, parse_id};
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new().route("/org/{id_slug}/needs/{number}/help", post(offer_help))
}

async fn offer_help(
    Path((id_slug, number)): Path<(String, usize)>,
    FormPost { state, auth, form }: FormPost,
) -> PageResult {
    let id = parse_id(&id_slug).ok_or(AppError::NotFound)?;
    let viewer = authz::require_viewer(&auth)?;
    let org = authz::org_access(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if org.status != OrgStatus::Published {
        return Err(AppError::NotFound.into());
    }
    // The helper: an organization the sender may edit, never the needing one itself.
    // The page has a form per need: its fields carry the need's number.
    let from: i64 = form
        .get(&format!("from_org-{number}"))
        .trim()
        .parse()
        .unwrap_or(0);
    let (_, helper) = authz::require_edit(&state.db, &auth, from).await?;
    if helper.id == id || helper.status != OrgStatus::Published {
        return Err(AppError::Forbidden.into());
    }
    let page = org_url(id, &org.slug);
    let message_field = format!("message-{number}");
    let message = form.get(&message_field).trim();
    let mut issues: Vec<FieldIssue> = too_long(&message_field, message, MAX_REPORT)
        .into_iter()
        .collect();
    if !viewer.email_verified {
        issues.push(FieldIssue::new("", "err-email-unverified"));
    }
    let need = help::open_need(&state, id, number, form.get("need")).await?;
    if need.is_none() {
        issues.push(FieldIssue::new("", "err-help-need-gone"));
    }
    let key = format!("help:{}", viewer.account_id);
    if issues.is_empty() {
        issues.extend(state.throttle.form_issue(&[&key], &HELP_ACCOUNT).await);
    }
    let sent = match (&need, issues.is_empty()) {
        (Some(need), true) => {
            let offer = HelpOffer {
                need_org: id,
                need,
                from_org: helper.id,
                sender: (viewer.name(), &viewer.email),
                message,
            };
            help::send(&state, offer).await?
        }
        _ => 0,
    };
    if issues.is_empty() && sent == 0 {
        issues.push(FieldIssue::new("", "err-help-no-address"));
    }
    if !issues.is_empty() {
        let d = NewDraft {
            form: DraftForm::Help,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(&state, &auth, &format!("{page}#need-{number}"), d).await;
    }
    state.throttle.hit(&key, &HELP_ACCOUNT).await;
    let event = AuditEvent {
        region_id: Some(org.region_id),
        account_id: Some(viewer.account_id),
        target_kind: AuditTarget::Organization,
        target_id: Some(id),
        detail: format!("need {number}, from organization {}", helper.id),
        ..AuditEvent::new(AuditAction::HelpOffered, &auth.client_ip)
    };
    audit::record(&state.db, event).await;
    Ok(see_other(&format!("{}#needs", Notice::HelpSent.on(&page))))
}
