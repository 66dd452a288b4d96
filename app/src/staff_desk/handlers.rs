//! The staff workspace's own form post: accepting a significant edit
//! (`POST /staff/edits/{revision}/accept`). Reverting one is the history's revert.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;

use crate::accounts::authz;
use crate::audit::{self, AuditEvent};
use crate::error::AppError;
use crate::kinds::{AuditAction, AuditTarget, Notice};
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::see_other;
use poputchiki_core::editing::review_edits;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/edits/{id}/accept", post(accept))
}

async fn accept(Path(id): Path<i64>, FormPost { state, auth, .. }: FormPost) -> PageResult {
    let (region_id, org_id) = review_edits::revision_owner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = authz::require_staff(&auth, region_id)?;
    if review_edits::accept(&state.db, id).await? {
        let event = AuditEvent {
            region_id: Some(region_id),
            account_id: Some(viewer.account_id),
            target_kind: AuditTarget::Organization,
            target_id: Some(org_id),
            detail: format!("revision {id}"),
            ..AuditEvent::new(AuditAction::EditAccepted, &auth.client_ip)
        };
        audit::record(&state.db, event).await;
    }
    Ok(see_other(&format!("{}#edits", Notice::Saved.on("/staff"))))
}
