//! A merge, start to end: both records checked, the merged record validated like any save,
//! then in one transaction the second record steps aside, its parts move, and the survivor
//! is saved with a "merge" revision; an audit entry and a search refresh follow.

use std::collections::HashMap;

use super::{compose, store, Pick};
use crate::accounts::Viewer;
use crate::audit::{self, AuditEvent};
use crate::editing::diff::changed_fields;
use crate::editing::service::{refresh_search, snapshot};
use crate::editing::store::{self as edit_store, Editable, NewRevision};
use crate::error::{AppError, FieldIssue};
use crate::kinds::{AuditAction, AuditTarget, OrgStatus, RevisionKind};
use crate::organizations::validate::validate;
use crate::state::Core;

/// What staff asked for: the two records as the page showed them, which one keeps its
/// address, and whose value each field takes.
pub struct MergeRequest {
    pub a: i64,
    pub b: i64,
    pub keep: Pick,
    pub picks: HashMap<String, Pick>,
    /// The versions of `a` and `b` the page showed (None: whatever is stored now).
    pub seen: Option<(i64, i64)>,
}

/// How a merge went.
#[derive(Debug, PartialEq)]
pub enum MergeOutcome {
    /// Done: `drop`'s addresses now lead to `keep`.
    Merged { keep: i64, drop: i64 },
    /// The merged record does not validate; nothing was written.
    Invalid(Vec<FieldIssue>),
    /// One of the records changed (an edit, an archive, another merge) since the page was
    /// opened; nothing was written, the page should be looked at again.
    Changed,
}

/// Loads a record that may take part in a merge: published, in this region.
pub async fn mergeable(state: &Core, id: i64) -> Result<Editable, AppError> {
    let e = edit_store::load_editable(&state.db, &state.region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if e.row.region_id != state.region.id {
        return Err(AppError::NotFound);
    }
    if e.row.status != OrgStatus::Published {
        return Err(AppError::BadRequest("err-merge-not-published".into()));
    }
    Ok(e)
}

/// Merges two published records of the region (the caller checked the viewer is its staff).
pub async fn merge(
    state: &Core,
    viewer: &Viewer,
    ip: &str,
    r: MergeRequest,
) -> Result<MergeOutcome, AppError> {
    if r.a == r.b {
        return Err(AppError::BadRequest("err-merge-same".into()));
    }
    let (a, b) = (mergeable(state, r.a).await?, mergeable(state, r.b).await?);
    if r.seen
        .is_some_and(|seen| seen != (a.row.version, b.row.version))
    {
        return Ok(MergeOutcome::Changed);
    }
    let mut merged = compose(&a.input, &b.input, &r.picks);
    let (keep, drop) = if r.keep == Pick::B { (b, a) } else { (a, b) };
    let (keep_id, drop_id) = (keep.row.id, drop.row.id);
    merged.demo = keep.row.is_demo;
    let valid = match validate(&merged, &state.region) {
        Ok(v) => v,
        Err(issues) => return Ok(MergeOutcome::Invalid(issues)),
    };
    let taken = edit_store::identifiers_taken_except(
        &state.db,
        state.region.id,
        &valid,
        &[keep_id, drop_id],
    )
    .await?;
    if !taken.is_empty() {
        return Ok(MergeOutcome::Invalid(
            taken
                .into_iter()
                .map(|f| FieldIssue::new(f, "err-identifier-taken"))
                .collect(),
        ));
    }
    let has_history = edit_store::has_revisions(&state.db, keep_id).await?;
    let mut tx = state.db.begin().await?;
    if !has_history {
        // The survivor's state before the merge, so it can be restored too.
        edit_store::insert_revision(
            &mut tx,
            NewRevision {
                organization_id: keep_id,
                number: keep.row.version,
                account_id: None,
                kind: RevisionKind::Baseline,
                reverted_to: None,
                snapshot: &keep.input,
                changed: &[],
            },
        )
        .await?;
    }
    let unchanged = store::version(&mut tx, keep_id).await? == Some(keep.row.version)
        && store::step_aside(&mut tx, keep_id, drop_id, drop.row.version).await?;
    if !unchanged {
        tx.rollback().await?;
        return Ok(MergeOutcome::Changed);
    }
    let (moved, base) = store::move_parts(&mut tx, keep_id, drop_id, keep.row.version).await?;
    let saved = edit_store::update_if_version(&mut tx, keep_id, base, &valid, None).await;
    let version = match saved {
        Ok(Some(v)) => v,
        Ok(None) => {
            tx.rollback().await?;
            return Ok(MergeOutcome::Changed);
        }
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            tx.rollback().await?;
            return Ok(MergeOutcome::Invalid(vec![
                FieldIssue::new("inn", "err-identifier-taken"),
                FieldIssue::new("ogrn", "err-identifier-taken"),
            ]));
        }
        Err(e) => return Err(e.into()),
    };
    let snap = snapshot(&valid, &state.region);
    let changed = changed_fields(&keep.input, &snap);
    edit_store::insert_revision(
        &mut tx,
        NewRevision {
            organization_id: keep_id,
            number: version,
            account_id: Some(viewer.account_id),
            kind: RevisionKind::Merge,
            reverted_to: None,
            snapshot: &snap,
            changed: &changed,
        },
    )
    .await?;
    tx.commit().await?;
    let event = AuditEvent {
        region_id: Some(state.region.id),
        account_id: Some(viewer.account_id),
        target_kind: AuditTarget::Organization,
        target_id: Some(keep_id),
        detail: format!(
            "№{drop_id} «{}» → №{keep_id}; editors {}, revisions {}, checks {}, reports {}; changed: {}",
            drop.row.name,
            moved.editors,
            moved.revisions,
            moved.verifications,
            moved.reports,
            changed.join(", ")
        ),
        ..AuditEvent::new(AuditAction::OrgMerged, ip)
    };
    audit::record(&state.db, event).await;
    refresh_search(state, keep_id).await;
    refresh_search(state, drop_id).await;
    Ok(MergeOutcome::Merged {
        keep: keep_id,
        drop: drop_id,
    })
}
