//! Staff archive an organization that no longer works, and restore it: two form posts from
//! the organization's manage page.

use axum::routing::post;
use axum::Router;

use crate::accounts::authz;
use crate::editing::lifecycle::{self, Actor};
use crate::error::AppError;
use crate::forms::draft::NewDraft;
use crate::kinds::{DraftForm, Notice, OrgStatus};
use crate::organizations::validate::{too_long, MAX_ARCHIVE_NOTE};
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::{FormPost, OrgId};
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/org/{id_slug}/archive", post(archive))
        .route("/org/{id_slug}/restore", post(restore))
}

async fn archive(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let path = format!("/org/{id}/manage");
    let note = form.get("archive_note").trim();
    if let Some(issue) = too_long("archive_note", note, MAX_ARCHIVE_NOTE) {
        let d = NewDraft {
            form: DraftForm::Archive,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues: vec![issue],
        };
        return back_to_form(&state, &auth, &path, d).await;
    }
    let actor = Actor {
        account_id: Some(viewer.account_id),
        ip: &auth.client_ip,
    };
    // A second press (a slow connection, another staff member) finds it archived: done.
    if !lifecycle::archive(&state, &org, note, &actor).await? && org.status != OrgStatus::Archived {
        return Err(AppError::BadRequest("err-archive-not-published".into()).into());
    }
    Ok(see_other(&Notice::Archived.on(&path)))
}

async fn restore(OrgId(id): OrgId, FormPost { state, auth, .. }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let actor = Actor {
        account_id: Some(viewer.account_id),
        ip: &auth.client_ip,
    };
    if !lifecycle::restore(&state, &org, &actor).await? && org.status != OrgStatus::Published {
        return Err(AppError::BadRequest("err-restore-not-archived".into()).into());
    }
    Ok(see_other(
        &Notice::Restored.on(&format!("/org/{id}/manage")),
    ))
}
