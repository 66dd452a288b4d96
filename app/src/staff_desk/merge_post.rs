//! The duplicates queue's two form posts: merge a pair (`POST /staff/merge/{a}/{b}`) and
//! say a pair is two different organizations (`POST /staff/duplicates/{a}/{b}/dismiss`).

use axum::extract::Path;
use axum::routing::post;
use axum::Router;

use crate::accounts::authz;
use crate::audit::{self, AuditEvent};
use crate::error::AppError;
use crate::forms::draft::NewDraft;
use crate::forms::FormState;
use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice};
use crate::organizations::org_url;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};
use poputchiki_core::merge::run::{merge, MergeOutcome, MergeRequest};
use poputchiki_core::merge::{picks_of, Pick, KEEP_FIELD, VERSION_FIELDS};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/merge/{a}/{b}", post(merge_pair))
        .route("/staff/duplicates/{a}/{b}/dismiss", post(dismiss))
}

async fn merge_pair(
    Path((a, b)): Path<(i64, i64)>,
    FormPost { state, auth, form }: FormPost,
) -> PageResult {
    let viewer = authz::require_staff(&auth, state.region.id)?;
    let fields = form.keepable_fields();
    let chosen = FormState::from_fields(fields.clone());
    let request = MergeRequest {
        a,
        b,
        keep: Pick::parse(form.get(KEEP_FIELD)).unwrap_or(Pick::A),
        picks: picks_of(&chosen),
        seen: form
            .get(VERSION_FIELDS[0])
            .parse()
            .ok()
            .zip(form.get(VERSION_FIELDS[1]).parse().ok()),
    };
    let path = format!("/staff/merge/{a}/{b}");
    let issues = match merge(&state, &viewer, &auth.client_ip, request).await? {
        MergeOutcome::Merged { keep, .. } => {
            let slug = crate::organizations::store::access(&state.db, keep)
                .await?
                .map(|o| o.slug)
                .unwrap_or_default();
            return Ok(see_other(&Notice::Merged.on(&org_url(keep, &slug))));
        }
        MergeOutcome::Invalid(issues) => issues,
        MergeOutcome::Changed => vec![crate::error::FieldIssue::new("", "err-merge-changed")],
    };
    let mut fields = fields;
    fields.push(super::merge::other_field(b));
    let d = NewDraft {
        form: DraftForm::Merge,
        target_id: Some(a),
        base_version: None,
        fields,
        issues,
    };
    back_to_form(&state, &auth, &path, d).await
}

async fn dismiss(
    Path((a, b)): Path<(i64, i64)>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    let viewer = authz::require_staff(&auth, state.region.id)?;
    for id in [a, b] {
        let org = crate::organizations::store::access(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if org.region_id != state.region.id {
            return Err(AppError::NotFound.into());
        }
    }
    if a == b {
        return Err(AppError::BadRequest("err-merge-same".into()).into());
    }
    poputchiki_core::duplicates::store::dismiss(
        &state.db,
        state.region.id,
        a,
        b,
        viewer.account_id,
    )
    .await?;
    let event = AuditEvent {
        region_id: Some(state.region.id),
        account_id: Some(viewer.account_id),
        target_kind: AuditTarget::Organization,
        target_id: Some(a.min(b)),
        detail: format!("№{a} ≠ №{b}"),
        ..AuditEvent::new(AuditAction::DuplicateDismissed, &auth.client_ip)
    };
    audit::record(&state.db, event).await;
    Ok(see_other(
        &Notice::NotDuplicates.on("/staff/queue/duplicates"),
    ))
}
