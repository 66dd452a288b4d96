//! The staff import form posts: upload, column mapping, fixing or skipping a row, starting
//! the import and inviting leaders in bulk. Each one checks that the viewer is staff of the
//! region, then redirects (303) back to the page it came from.

use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use crate::accounts::authz;
use crate::audit::{self, AuditEvent};
use crate::error::AppError;
use crate::forms::draft::NewDraft;
use crate::import::batch::{self, Batch};
use crate::kinds::{AuditAction, AuditTarget, DraftForm};
use crate::organizations::parse_id;
use crate::state::AppState;
use crate::web::error::{PageError, PageResult};
use crate::web::extract::{FormPost, Lang, OrgId};
use crate::web::redirect::{back_to_form, see_other};
use poputchiki_core::staff_import::service;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/import", post(upload))
        .route("/staff/import/{id}/mapping", post(mapping))
        .route("/staff/import/{id}/rows/{line}", post(fix_row))
        .route("/staff/import/{id}/run", post(run))
        .route("/staff/import/{id}/invite", post(invite))
}

/// Writes one audit event about an import batch.
async fn log(
    state: &AppState,
    auth: &crate::web::gate::RequestAuth,
    actor: i64,
    action: AuditAction,
    batch_id: Option<i64>,
    detail: String,
) {
    let event = AuditEvent {
        region_id: Some(state.region.id),
        account_id: Some(actor),
        action,
        target_kind: AuditTarget::ImportBatch,
        target_id: batch_id,
        detail,
        ip: &auth.client_ip,
    };
    audit::record(&state.db, event).await;
}

/// The batch of this region with this id, for a staff member of the region.
async fn staff_batch(
    state: &AppState,
    auth: &crate::web::gate::RequestAuth,
    id: i64,
) -> Result<(crate::accounts::Viewer, Batch), AppError> {
    let viewer = authz::require_staff(auth, state.region.id)?;
    let b = batch::get(&state.db, id)
        .await?
        .filter(|b| b.region_id == state.region.id)
        .ok_or(AppError::NotFound)?;
    Ok((viewer, b))
}

async fn upload(FormPost { state, auth, form }: FormPost, Lang(i18n): Lang) -> PageResult {
    let viewer = authz::require_staff(&auth, state.region.id)?;
    let refuse = |message: String| {
        NewDraft::of(
            DraftForm::ImportUpload,
            vec![("error".into(), message)],
            vec![],
        )
    };
    let file = match form.file("file") {
        Some(f) if f.too_large => {
            let d = refuse(i18n.t("import-err-too-large"));
            return back_to_form(&state, &auth, "/staff/import", d).await;
        }
        Some(f) if !f.bytes.is_empty() => f,
        _ => {
            let d = refuse(i18n.t("import-err-no-file"));
            return back_to_form(&state, &auth, "/staff/import", d).await;
        }
    };
    let name: String = file.file_name.chars().take(200).collect();
    match service::upload(&state, viewer.account_id, &name, &file.bytes).await? {
        Ok(id) => {
            log(
                &state,
                &auth,
                viewer.account_id,
                AuditAction::ImportUploaded,
                Some(id),
                name,
            )
            .await;
            Ok(see_other(&format!("/staff/import/{id}")))
        }
        Err(e) => {
            let d = refuse(format!("«{name}»: {e}"));
            back_to_form(&state, &auth, "/staff/import", d).await
        }
    }
}

async fn mapping(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (_, b) = staff_batch(&state, &auth, id).await?;
    let (name, data) = (b.file_name.clone(), b.file_data.clone());
    let layout =
        tokio::task::spawn_blocking(move || crate::import::prepared::layout_of(&name, &data))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
            .map_err(|_| AppError::NotFound)?;
    let mut uses = vec![];
    for i in 0..layout.uses.len() {
        let value = form.get(&format!("col-{i}"));
        let Some(u) = service::column_use(value) else {
            return Err(PageError::from(AppError::BadRequest("err-bad-form".into())));
        };
        uses.push(u);
    }
    batch::save_changes(&state.db, id, Some(&uses), &b.fixes(), &b.skipped()).await?;
    Ok(see_other(&format!("/staff/import/{id}")))
}

/// Fixes the cells of one row (`cell-N` fields), or skips it / takes it back.
async fn fix_row(
    Path((id, line)): Path<(String, String)>,
    FormPost { state, auth, form }: FormPost,
) -> PageResult {
    let (id, line) = match (parse_id(&id), line.parse::<usize>().ok()) {
        (Some(id), Some(line)) => (id, line),
        _ => return Err(PageError::from(AppError::NotFound)),
    };
    let (_, b) = staff_batch(&state, &auth, id).await?;
    let mut fixes = b.fixes();
    let mut skipped = b.skipped();
    match form.get("action") {
        "skip" => {
            if !skipped.contains(&line) {
                skipped.push(line);
            }
        }
        "unskip" => skipped.retain(|l| *l != line),
        _ => {
            let row = fixes.entry(line).or_default();
            for (k, v) in &form.fields {
                let Some(col) = k
                    .strip_prefix("cell-")
                    .and_then(|c| c.parse::<usize>().ok())
                else {
                    continue;
                };
                if col < 1000 {
                    row.insert(col, v.chars().take(10_000).collect());
                }
            }
        }
    }
    batch::save_changes(&state.db, id, b.mapping().as_deref(), &fixes, &skipped).await?;
    let back = form.get("back");
    let back = if back.starts_with(&format!("/staff/import/{id}")) {
        back.to_owned()
    } else {
        format!("/staff/import/{id}")
    };
    Ok(see_other(&format!("{back}#row-{line}")))
}

async fn run(OrgId(id): OrgId, FormPost { state, auth, .. }: FormPost) -> PageResult {
    let (viewer, b) = staff_batch(&state, &auth, id).await?;
    if service::start(&state, b).await? {
        log(
            &state,
            &auth,
            viewer.account_id,
            AuditAction::ImportRun,
            Some(id),
            String::new(),
        )
        .await;
    }
    Ok(see_other(&format!("/staff/import/{id}")))
}

async fn invite(
    OrgId(id): OrgId,
    FormPost { state, auth, form }: FormPost,
    Lang(i18n): Lang,
) -> Result<Response, PageError> {
    let (viewer, b) = staff_batch(&state, &auth, id).await?;
    let chosen: Vec<(i64, String)> = form
        .fields
        .iter()
        .filter(|(k, _)| k == "org")
        .filter_map(|(_, v)| v.parse::<i64>().ok())
        .take(2000)
        .map(|org| {
            let email = crate::accounts::store::normalize_email(form.get(&format!("email-{org}")));
            let valid = crate::organizations::validate::normalize_contact(
                crate::organizations::ContactKind::Email,
                &email,
            )
            .is_some();
            (org, if valid { email } else { String::new() })
        })
        .collect();
    let invited = service::invite_many(&state, viewer.account_id, &b, &chosen, &i18n).await?;
    for line in &invited {
        let detail = format!("{} {}", line.name, line.email);
        log(
            &state,
            &auth,
            viewer.account_id,
            AuditAction::InvitationCreated,
            Some(id),
            detail,
        )
        .await;
    }
    let json = serde_json::to_string(&invited).map_err(|e| AppError::Internal(e.into()))?;
    let d = NewDraft {
        form: DraftForm::ImportInvites,
        target_id: Some(id),
        base_version: None,
        fields: vec![("invited".into(), json)],
        issues: vec![],
    };
    back_to_form(&state, &auth, &format!("/staff/import/{id}"), d).await
}
