//! The posts behind event photos, for the organization's editors (and the region's staff):
//! - `POST /org/{id}/events/{uid}/photos`: one picture (multipart) and a caption, for an
//!   event that has begun; at most `MAX_PER_EVENT` an event. A problem brings the page back
//!   with the caption kept and the reason.
//! - `POST /org/{id}/photos/{photo}/delete`.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;
use poputchiki_core::events::photos::{self, MAX_CAPTION, MAX_PER_EVENT};

use crate::accounts::authz;
use crate::accounts::RequestAuth;
use crate::audit;
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::kinds::{AuditAction, DraftForm, Notice};
use crate::organizations::store::OrgAccess;
use crate::organizations::validate::too_long;
use crate::organizations::{org_url, parse_id};
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/org/{id_slug}/events/{uid}/photos", post(add))
        .route("/org/{id_slug}/photos/{photo}/delete", post(remove))
}

async fn add(
    Path((id_slug, uid)): Path<(String, String)>,
    FormPost { state, auth, form }: FormPost,
) -> PageResult {
    let id = parse_id(&id_slug).ok_or(AppError::NotFound)?;
    let (viewer, org) = authz::require_edit(&state.db, &auth, id).await?;
    let page = org_url(org.id, &org.slug);
    let caption_field = format!("caption-{uid}");
    let caption = form.get(&caption_field).trim().to_owned();
    let mut issues: Vec<FieldIssue> = too_long(&caption_field, &caption, MAX_CAPTION)
        .into_iter()
        .collect();
    let today = state.region.timezone.today();
    if !photos::past_event(&state.db, id, &uid, &today).await? {
        issues.push(FieldIssue::new("", "err-photo-event-gone"));
    } else if photos::count(&state.db, id, &uid).await? >= MAX_PER_EVENT {
        issues
            .push(FieldIssue::new("", "err-photo-too-many").arg("max", MAX_PER_EVENT.to_string()));
    }
    let processed = match form
        .file("photo")
        .filter(|f| f.too_large || !f.bytes.is_empty())
    {
        None => {
            issues.push(FieldIssue::new("", "err-photo-missing"));
            None
        }
        Some(_) if !issues.is_empty() => None,
        Some(upload) => {
            let upload = upload.clone();
            match tokio::task::spawn_blocking(move || photos::process(&upload)).await {
                Ok(Ok(p)) => Some(p),
                Ok(Err(key)) => {
                    issues.push(FieldIssue::new("", key));
                    None
                }
                Err(e) => {
                    return Err(
                        AppError::Internal(anyhow::anyhow!("photo task failed: {e}")).into(),
                    )
                }
            }
        }
    };
    let Some(photo) = processed.filter(|_| issues.is_empty()) else {
        let d = NewDraft {
            form: DraftForm::EventPhoto,
            target_id: Some(id),
            base_version: None,
            fields: vec![("uid".into(), uid.clone()), (caption_field, caption)],
            issues,
        };
        return back_to_form(&state, &auth, &format!("{page}#past-events"), d).await;
    };
    let dir = &state.config.uploads_dir;
    let photo_id = photos::add(
        &state.db,
        dir,
        id,
        &uid,
        &photo,
        &caption,
        viewer.account_id,
    )
    .await
    .map_err(AppError::Internal)?;
    record(
        &state,
        &auth,
        &org,
        viewer.account_id,
        AuditAction::EventPhotoAdded,
        photo_id,
    )
    .await;
    Ok(see_other(&format!(
        "{}#past-events",
        Notice::PhotoAdded.on(&page)
    )))
}

async fn remove(
    Path((id_slug, photo)): Path<(String, i64)>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    let id = parse_id(&id_slug).ok_or(AppError::NotFound)?;
    let (viewer, org) = authz::require_edit(&state.db, &auth, id).await?;
    if !photos::remove(&state.db, &state.config.uploads_dir, id, photo).await? {
        return Err(AppError::NotFound.into());
    }
    record(
        &state,
        &auth,
        &org,
        viewer.account_id,
        AuditAction::EventPhotoRemoved,
        photo,
    )
    .await;
    let page = org_url(org.id, &org.slug);
    Ok(see_other(&format!(
        "{}#past-events",
        Notice::PhotoRemoved.on(&page)
    )))
}

/// The audit line of a photo added or removed.
async fn record(
    state: &AppState,
    auth: &RequestAuth,
    org: &OrgAccess,
    account_id: i64,
    action: AuditAction,
    photo: i64,
) {
    let a = audit::OrgAction {
        ip: &auth.client_ip,
        region_id: org.region_id,
        account_id,
        organization_id: org.id,
        action,
        detail: format!("photo {photo}"),
    };
    audit::org_action(&state.db, a).await;
}
