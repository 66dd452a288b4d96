//! Who may change what. Every handler that changes data calls one of these before touching
//! anything; the authorization matrix test (tests/authz_matrix.rs) calls every such endpoint
//! as every role and fails if a check goes missing.

use super::RequestAuth;
use super::{store, Viewer};
use crate::db::Db;
use crate::error::AppError;

pub use crate::organizations::store::OrgAccess;

pub async fn org_access(
    db: impl crate::db::AnyExecutor<'_>,
    id: i64,
) -> sqlx::Result<Option<OrgAccess>> {
    crate::organizations::store::access(db, id).await
}

/// The logged-in viewer, or 401.
pub fn require_viewer(auth: &RequestAuth) -> Result<Viewer, AppError> {
    auth.viewer.clone().ok_or(AppError::Unauthorized)
}

/// Whether the viewer may edit the organization: staff of its region (or an admin), or one
/// of its editors.
pub async fn can_edit(
    db: impl crate::db::AnyExecutor<'_>,
    viewer: &Viewer,
    org: &OrgAccess,
) -> sqlx::Result<bool> {
    if viewer.is_staff_of(org.region_id) {
        return Ok(true);
    }
    store::is_member(db, viewer.account_id, org.id).await
}

/// Whether everyone may see an organization's page: published, or archived (that page
/// stays public, with a banner and `noindex`).
pub fn is_public(status: crate::kinds::OrgStatus) -> bool {
    use crate::kinds::OrgStatus;
    matches!(status, OrgStatus::Published | OrgStatus::Archived)
}

/// Whether the viewer may see an organization that is not published (its editors and the
/// region's staff may; everyone else gets a 404).
pub async fn can_see(
    db: impl crate::db::AnyExecutor<'_>,
    viewer: Option<&Viewer>,
    org: &OrgAccess,
) -> sqlx::Result<bool> {
    if is_public(org.status) {
        return Ok(true);
    }
    match viewer {
        Some(v) => Ok(org.proposed_by == Some(v.account_id) || can_edit(db, v, org).await?),
        None => Ok(false),
    }
}

/// The logged-in viewer (401 otherwise) and the organization (404 if unknown), unchecked.
async fn viewer_and_org(
    db: &Db,
    auth: &RequestAuth,
    org_id: i64,
) -> Result<(Viewer, OrgAccess), AppError> {
    let viewer = require_viewer(auth)?;
    let org = org_access(db, org_id).await?.ok_or(AppError::NotFound)?;
    Ok((viewer, org))
}

/// The viewer and the organization, if the viewer may edit it: 401 for visitors, 404 for an
/// unknown organization (or one the viewer may not even see), 403 otherwise.
pub async fn require_edit(
    db: &Db,
    auth: &RequestAuth,
    org_id: i64,
) -> Result<(Viewer, OrgAccess), AppError> {
    let (viewer, org) = viewer_and_org(db, auth, org_id).await?;
    if !can_see(db, Some(&viewer), &org).await? {
        return Err(AppError::NotFound);
    }
    if !can_edit(db, &viewer, &org).await? {
        return Err(AppError::Forbidden);
    }
    Ok((viewer, org))
}

/// The viewer, if staff of the organization's region: moderation, verification, invitations.
pub async fn require_staff_for_org(
    db: &Db,
    auth: &RequestAuth,
    org_id: i64,
) -> Result<(Viewer, OrgAccess), AppError> {
    let (viewer, org) = viewer_and_org(db, auth, org_id).await?;
    if !viewer.is_staff_of(org.region_id) {
        return Err(if can_see(db, Some(&viewer), &org).await? {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    Ok((viewer, org))
}

/// The viewer, if staff of the region.
pub fn require_staff(auth: &RequestAuth, region_id: i64) -> Result<Viewer, AppError> {
    let viewer = require_viewer(auth)?;
    if viewer.is_staff_of(region_id) {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The viewer, if an admin.
pub fn require_admin(auth: &RequestAuth) -> Result<Viewer, AppError> {
    let viewer = require_viewer(auth)?;
    if viewer.is_admin {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}
