//! What editing does, as plain async functions (no HTTP): save an edit with optimistic
//! concurrency and a revision, propose a new organization, revert, moderate, verify, and
//! take error reports. The handlers call these after the authorization check.

use super::diff::changed_fields;
use super::store::{self as edit_store, Editable, NewRevision};
use crate::accounts::authz::OrgAccess;
use crate::accounts::Viewer;
use crate::error::{AppError, FieldIssue};
use crate::kinds::{OrgStatus, RevisionKind};
use crate::organizations::input::OrganizationInput;
use crate::organizations::validate::{validate, ValidOrganization};
use crate::region::RegionCatalog;
use crate::state::Core;

/// How a save went.
#[derive(Debug, PartialEq)]
pub enum SaveOutcome {
    Saved {
        version: i64,
    },
    /// Nothing was written; the issues say why, field by field.
    Invalid(Vec<FieldIssue>),
    /// Someone else saved since the form was opened; nothing was written.
    Conflict {
        current_version: i64,
    },
}

/// The stored form of a checked organization, in the edit form's shape: the snapshot a
/// revision keeps. It goes through [`edit_store::record_of`] and [`edit_store::input_of`],
/// the same conversion the edit form's load uses, so the two can never disagree.
pub fn snapshot(v: &ValidOrganization, catalog: &RegionCatalog) -> OrganizationInput {
    edit_store::input_of(&edit_store::record_of(v), catalog)
}

/// Checks an organization and its identifiers against the region; the issues, if any.
async fn check(
    state: &Core,
    input: &OrganizationInput,
    except: Option<i64>,
) -> Result<Result<ValidOrganization, Vec<FieldIssue>>, AppError> {
    let valid = match validate(input, &state.region) {
        Ok(v) => v,
        Err(issues) => return Ok(Err(issues)),
    };
    let taken = edit_store::identifiers_taken(&state.db, state.region.id, &valid, except).await?;
    if !taken.is_empty() {
        return Ok(Err(taken
            .into_iter()
            .map(|f| FieldIssue::new(f, "err-identifier-taken"))
            .collect()));
    }
    Ok(Ok(valid))
}

/// A write that failed: another organization took the ИНН or ОГРН between the check and the
/// write (two saves at once), or anything else.
enum Clash {
    Identifiers,
    Other(sqlx::Error),
}

fn clash_or<T>(r: sqlx::Result<T>) -> Result<T, Clash> {
    r.map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => Clash::Identifiers,
        _ => Clash::Other(e),
    })
}

/// The field issues for an identifier clash found at write time: the fields the other
/// organization now holds, or both when the check cannot tell any more.
async fn clash_issues(
    state: &Core,
    valid: &ValidOrganization,
    except: Option<i64>,
) -> Result<Vec<FieldIssue>, AppError> {
    let mut fields =
        edit_store::identifiers_taken(&state.db, state.region.id, valid, except).await?;
    if fields.is_empty() {
        fields = vec!["inn", "ogrn"];
    }
    Ok(fields
        .into_iter()
        .map(|f| FieldIssue::new(f, "err-identifier-taken"))
        .collect())
}

/// Makes search show a change at once (the watcher would within two seconds anyway).
pub async fn refresh_search(state: &Core, id: i64) {
    if let Err(e) = state.search.refresh(&state.db, &[id]).await {
        tracing::error!(error = %format!("{e:#}"), id, "search refresh after a save failed; the watcher will retry");
    }
}

/// What a save is.
pub struct Save<'a> {
    pub org: &'a OrgAccess,
    pub base_version: i64,
    pub input: OrganizationInput,
    /// An edit or a revert.
    pub kind: RevisionKind,
    pub reverted_to: Option<i64>,
    /// The logo changes with this save (it is stored by the handler after the save), so the
    /// revision lists it among the changed fields.
    pub logo_changed: bool,
}

/// Saves an edit of an organization the viewer may edit (the caller has checked).
pub async fn save(state: &Core, viewer: &Viewer, s: Save<'_>) -> Result<SaveOutcome, AppError> {
    if s.org.region_id != state.region.id {
        return Err(AppError::NotFound);
    }
    let current: Editable = edit_store::load_editable(&state.db, &state.region, s.org.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut input = s.input;
    input.demo = current.row.is_demo;
    let valid = match check(state, &input, Some(s.org.id)).await? {
        Ok(v) => v,
        Err(issues) => return Ok(SaveOutcome::Invalid(issues)),
    };
    let snap = snapshot(&valid, &state.region);
    let mut changed = changed_fields(&current.input, &snap);
    if s.logo_changed {
        changed.push("logo".to_owned());
    }
    // A rejected proposal that its author fixes goes back to the moderation queue.
    let resubmit = (s.org.status == OrgStatus::Rejected && !viewer.is_staff_of(s.org.region_id))
        .then_some(OrgStatus::Pending);
    // Saving the form as it came changes nothing: no new version, no revision, and
    // "updated" keeps its date (a person pressing "Save" twice is not an update). Sending
    // a rejected proposal back to the queue is a change, even with the same text.
    if changed.is_empty() && s.base_version == current.row.version && resubmit.is_none() {
        return Ok(SaveOutcome::Saved {
            version: current.row.version,
        });
    }
    let staff = viewer.is_staff_of(s.org.region_id);
    // An editor's significant change to a recently approved organization waits for a look.
    let review = !staff
        && !super::review_edits::significant(&changed).is_empty()
        && super::review_edits::recently_approved(&state.db, s.org.id).await?;
    let mut tx = state.db.begin().await?;
    if !edit_store::has_revisions(&state.db, s.org.id).await? {
        // The state before the first edit, so it can be restored too.
        edit_store::insert_revision(
            &mut tx,
            NewRevision {
                organization_id: s.org.id,
                number: current.row.version,
                account_id: None,
                kind: RevisionKind::Baseline,
                reverted_to: None,
                snapshot: &current.input,
                changed: &[],
            },
        )
        .await?;
    }
    let updated =
        edit_store::update_if_version(&mut tx, s.org.id, s.base_version, &valid, resubmit).await;
    let updated = match clash_or(updated) {
        Ok(v) => v,
        Err(Clash::Identifiers) => {
            tx.rollback().await?;
            return Ok(SaveOutcome::Invalid(
                clash_issues(state, &valid, Some(s.org.id)).await?,
            ));
        }
        Err(Clash::Other(e)) => return Err(e.into()),
    };
    let Some(version) = updated else {
        tx.rollback().await?;
        return Ok(SaveOutcome::Conflict {
            current_version: current.row.version,
        });
    };
    edit_store::insert_revision(
        &mut tx,
        NewRevision {
            organization_id: s.org.id,
            number: version,
            account_id: Some(viewer.account_id),
            kind: s.kind,
            reverted_to: s.reverted_to,
            snapshot: &snap,
            changed: &changed,
        },
    )
    .await?;
    if review {
        super::review_edits::flag(&mut tx, s.org.id, version).await?;
    }
    if staff && s.kind == RevisionKind::Revert {
        super::review_edits::settle_reverted(&mut tx, s.org.id).await?;
    }
    tx.commit().await?;
    refresh_search(state, s.org.id).await;
    Ok(SaveOutcome::Saved { version })
}

/// Stores a proposed organization (unpublished); its author becomes its editor.
pub async fn propose(
    state: &Core,
    viewer: &Viewer,
    input: OrganizationInput,
) -> Result<Result<i64, Vec<FieldIssue>>, AppError> {
    let valid = match check(state, &input, None).await? {
        Ok(v) => v,
        Err(issues) => return Ok(Err(issues)),
    };
    let snap = snapshot(&valid, &state.region);
    let mut tx = state.db.begin().await?;
    let inserted =
        edit_store::insert_pending(&mut tx, state.region.id, &valid, viewer.account_id).await;
    let id = match clash_or(inserted) {
        Ok(id) => id,
        Err(Clash::Identifiers) => {
            tx.rollback().await?;
            return Ok(Err(clash_issues(state, &valid, None).await?));
        }
        Err(Clash::Other(e)) => return Err(e.into()),
    };
    edit_store::insert_revision(
        &mut tx,
        NewRevision {
            organization_id: id,
            number: 1,
            account_id: Some(viewer.account_id),
            kind: RevisionKind::Create,
            reverted_to: None,
            snapshot: &snap,
            changed: &[],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Restores an old revision as a new one.
pub async fn revert(
    state: &Core,
    viewer: &Viewer,
    org: &OrgAccess,
    number: i64,
) -> Result<SaveOutcome, AppError> {
    let rev = edit_store::revision(&state.db, org.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    save(
        state,
        viewer,
        Save {
            org,
            base_version: org.version,
            input: rev.input(),
            kind: RevisionKind::Revert,
            reverted_to: Some(number),
            logo_changed: false,
        },
    )
    .await
}
