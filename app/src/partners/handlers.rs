//! Partnership forms: `POST /org/{id}/partners` (invite, or record for staff),
//! `POST /partnerships/{id}/accept|decline` (the invited side's editors) and
//! `POST /partnerships/{id}/end` (either side). Nobody makes a tie for an organization they
//! do not edit; an answer to a tie that was already answered changes nothing.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;
use poputchiki_core::partners::service::{self, Invited};
use poputchiki_core::partners::store;

use crate::accounts::authz;
use crate::audit;
use crate::error::AppError;
use crate::forms::draft::NewDraft;
use crate::kinds::{AuditAction, DraftForm, Notice, PartnershipStatus};
use crate::organizations::org_url;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::{FormPost, OrgId};
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/org/{id_slug}/partners", post(invite))
        .route("/partnerships/{id}/{answer}", post(answer))
}

async fn invite(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_edit(&state.db, &auth, id).await?;
    let page = org_url(id, &org.slug);
    let note = form.get("note").trim();
    let done = service::invite(
        &state,
        &viewer,
        &org,
        form.get("partner"),
        form.get("kind"),
        note,
    )
    .await?;
    let (partnership, action, notice) = match done {
        Ok(Invited::Proposed(p)) => (p, AuditAction::PartnerInvited, Notice::PartnerInvited),
        Ok(Invited::Recorded(p)) => (p, AuditAction::PartnerRecorded, Notice::PartnerRecorded),
        Err(issues) => {
            let d = NewDraft {
                form: DraftForm::Partner,
                target_id: Some(id),
                base_version: None,
                fields: form.keepable_fields(),
                issues,
            };
            return back_to_form(&state, &auth, &format!("{page}#partners"), d).await;
        }
    };
    record(
        &state,
        &auth,
        org.region_id,
        viewer.account_id,
        id,
        action,
        partnership,
    )
    .await;
    Ok(see_other(&format!("{}#partners", notice.on(&page))))
}

async fn answer(
    Path((pid, answer)): Path<(i64, String)>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    use PartnershipStatus::*;
    let tie = store::get(&state.db, pid)
        .await?
        .ok_or(AppError::NotFound)?;
    // Accept and decline are the invited side's; ending is either side's.
    let (sides, from, to, action, notice): (&[i64], &[PartnershipStatus], _, _, _) =
        match answer.as_str() {
            "accept" => (
                &[tie.to_org],
                &[Proposed],
                Active,
                AuditAction::PartnerAccepted,
                Notice::PartnerAccepted,
            ),
            "decline" => (
                &[tie.to_org],
                &[Proposed],
                Declined,
                AuditAction::PartnerDeclined,
                Notice::PartnerDeclined,
            ),
            "end" => (
                &[tie.from_org, tie.to_org],
                &[Proposed, Active],
                Ended,
                AuditAction::PartnerEnded,
                Notice::PartnerEnded,
            ),
            _ => return Err(AppError::NotFound.into()),
        };
    let mut allowed = None;
    let mut refusal = AppError::Forbidden;
    for side in sides {
        match authz::require_edit(&state.db, &auth, *side).await {
            Ok(found) => {
                allowed = Some(found);
                break;
            }
            Err(e @ AppError::Unauthorized) => return Err(e.into()),
            Err(e) => refusal = e,
        }
    }
    let (viewer, org) = allowed.ok_or(refusal)?;
    let page = org_url(org.id, &org.slug);
    if store::set_status(&state.db, pid, from, to, viewer.account_id).await? {
        poputchiki_core::partners::service::refresh_search(&state, tie.from_org, tie.to_org).await;
        record(
            &state,
            &auth,
            org.region_id,
            viewer.account_id,
            org.id,
            action,
            pid,
        )
        .await;
        return Ok(see_other(&format!("{}#partners", notice.on(&page))));
    }
    // Answered already (by a colleague, or twice): nothing to do.
    Ok(see_other(&format!("{page}#partners")))
}

async fn record(
    state: &AppState,
    auth: &crate::accounts::RequestAuth,
    region_id: i64,
    account_id: i64,
    org: i64,
    action: AuditAction,
    partnership: i64,
) {
    let a = audit::OrgAction {
        ip: &auth.client_ip,
        region_id,
        account_id,
        organization_id: org,
        action,
        detail: format!("partnership {partnership}"),
    };
    audit::org_action(&state.db, a).await;
}
