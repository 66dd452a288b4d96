//! An organization's life after publication: archived when it no longer works (by staff,
//! or by its own people through a re-confirmation link), restored by staff. Each change
//! leaves search at once and writes an audit event.

use crate::audit::{self, AuditEvent};
use crate::kinds::{AuditAction, AuditTarget};
use crate::organizations::store::archive as store;
use crate::organizations::store::OrgAccess;
use crate::state::Core;

/// Who changed it: a staff account, or nobody logged in (a re-confirmation link).
pub struct Actor<'a> {
    pub account_id: Option<i64>,
    pub ip: &'a str,
}

async fn record(
    state: &Core,
    org: &OrgAccess,
    actor: &Actor<'_>,
    action: AuditAction,
    detail: &str,
) {
    let event = AuditEvent {
        region_id: Some(org.region_id),
        account_id: actor.account_id,
        target_kind: AuditTarget::Organization,
        target_id: Some(org.id),
        detail: detail.to_owned(),
        ..AuditEvent::new(action, actor.ip)
    };
    audit::record(&state.db, event).await;
}

/// Archives a published organization; false (and nothing written) if it was not published.
pub async fn archive(
    state: &Core,
    org: &OrgAccess,
    note: &str,
    actor: &Actor<'_>,
) -> sqlx::Result<bool> {
    if !store::archive(&state.db, org.id, note).await? {
        return Ok(false);
    }
    record(state, org, actor, AuditAction::OrgArchived, note).await;
    super::service::refresh_search(state, org.id).await;
    Ok(true)
}

/// Publishes an archived organization again; false if it was not archived.
pub async fn restore(state: &Core, org: &OrgAccess, actor: &Actor<'_>) -> sqlx::Result<bool> {
    if !store::restore(&state.db, org.id).await? {
        return Ok(false);
    }
    record(state, org, actor, AuditAction::OrgRestored, "").await;
    super::service::refresh_search(state, org.id).await;
    Ok(true)
}
