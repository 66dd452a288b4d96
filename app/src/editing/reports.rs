//! Staff close visitors' error reports from the workspace: resolved (fixed) or dismissed,
//! with a note, and a reply mailed to the reporter when they left an address.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;

use super::store::{self as edit_store, Settle};
use crate::accounts::authz;
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice};
use crate::organizations::validate::{too_long, MAX_REPORT};
use crate::state::AppState;
use crate::text::looks_like_email;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/reports/{id}/resolve", post(settle))
}

async fn settle(Path(id): Path<i64>, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (region_id, org_id) = edit_store::report_region(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = authz::require_staff(&auth, region_id)?;
    let how = match form.get("decision") {
        "dismiss" => Settle::Dismissed,
        _ => Settle::Resolved,
    };
    let (note_field, reply_field) = (format!("note-{id}"), format!("reply-{id}"));
    let note = form.get(&note_field).trim();
    let reply = form.get(&reply_field).trim();
    let (contact, organization) = edit_store::report_contact(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut issues: Vec<FieldIssue> = [
        too_long(&note_field, note, MAX_REPORT),
        too_long(&reply_field, reply, MAX_REPORT),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !reply.is_empty() && !looks_like_email(&contact) {
        issues.push(FieldIssue::new(
            reply_field.clone(),
            "err-report-no-address",
        ));
    }
    if !issues.is_empty() {
        let d = NewDraft {
            form: DraftForm::Moderation,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(&state, &auth, "/staff", d).await;
    }
    let kept = if reply.is_empty() {
        note.to_owned()
    } else {
        let said = crate::i18n::I18n::default().t("staff-report-replied");
        format!("{note}\n\n{said} {reply}").trim().to_owned()
    };
    if edit_store::settle_report(&state.db, id, viewer.account_id, how, &kept).await? {
        if !reply.is_empty() {
            let args = [("name", organization), ("reply", reply.to_owned())];
            crate::notify::send(&state, contact.trim(), "mail-report-reply", &args).await?;
        }
        let detail = match how {
            Settle::Resolved => format!("report {id}: resolved"),
            Settle::Dismissed => format!("report {id}: dismissed"),
        };
        let event = AuditEvent {
            region_id: Some(region_id),
            account_id: Some(viewer.account_id),
            target_kind: AuditTarget::Organization,
            target_id: Some(org_id),
            detail,
            ..AuditEvent::new(AuditAction::ReportResolved, &auth.client_ip)
        };
        audit::record(&state.db, event).await;
    }
    Ok(see_other(&format!(
        "{}#reports",
        Notice::Saved.on("/staff")
    )))
}
