//! The reads behind the staff import pages: thin server fns over the core's import
//! workflow, each checking that the viewer is staff of the region.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use poputchiki_core::import_view::{ImportHome, ImportPreview, InvitedLine};
use serde::{Deserialize, Serialize};

use crate::error::PublicError;

/// A preview page, and the invitation links a bulk invite just made (shown once).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewPage {
    pub preview: ImportPreview,
    pub invited: Vec<InvitedLine>,
}

#[server(input = GetUrl, endpoint = "staff/import/home")]
pub async fn load_import_home(failed: Option<String>) -> Result<ImportHome, PublicError> {
    Ok(queries::home(failed.as_deref()).await?)
}

#[server(input = GetUrl, endpoint = "staff/import/preview")]
pub async fn load_import_preview(
    id: i64,
    show: Option<String>,
    page: Option<usize>,
    draft: Option<String>,
) -> Result<PreviewPage, PublicError> {
    Ok(queries::preview(id, show.as_deref(), page, draft.as_deref()).await?)
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::*;
    use crate::accounts::authz;
    use crate::error::AppError;
    use crate::forms::draft;
    use crate::import::batch;
    use crate::organizations::view::date_text;
    use poputchiki_core::import_view::BatchSummary;
    use poputchiki_core::staff_import::{preview as core_preview, service};

    use crate::web::request::server_fn_context as context;

    /// The upload page; `failed` is a draft id holding why the last upload was refused.
    pub async fn home(failed: Option<&str>) -> Result<ImportHome, AppError> {
        let (state, i18n, auth) = context()?;
        authz::require_staff(&auth, state.region.id)?;
        let batches = batch::recent(&state.db, state.region.id)
            .await?
            .into_iter()
            .map(|b| BatchSummary {
                url: format!("/staff/import/{}", b.id),
                file_name: b.file_name,
                status: i18n.t(&format!("import-batch-{}", b.status)),
                created: date_text(&i18n, &b.created_at),
            })
            .collect();
        let error = match failed {
            Some(id) => draft::load(&state.db, id, &draft::owner_key(&auth))
                .await?
                .filter(|d| d.form == "import-upload")
                .map(|d| d.form_state().value("error")),
            None => None,
        };
        Ok(ImportHome {
            region: state.region.name.get(i18n.locale).to_owned(),
            batches,
            error,
        })
    }

    pub async fn preview(
        id: i64,
        show: Option<&str>,
        page: Option<usize>,
        draft_id: Option<&str>,
    ) -> Result<PreviewPage, AppError> {
        let (state, i18n, auth) = context()?;
        authz::require_staff(&auth, state.region.id)?;
        let b = batch::get(&state.db, id)
            .await?
            .filter(|b| b.region_id == state.region.id)
            .ok_or(AppError::NotFound)?;
        let mut preview =
            core_preview::preview(&state, &b, &i18n, show.unwrap_or(""), page.unwrap_or(1)).await?;
        if let Some(outcome) = b.outcome() {
            preview.outcome = Some(service::result_view(&state, &outcome, &i18n).await?);
        }
        let invited = match draft_id {
            Some(d) => draft::load(&state.db, d, &draft::owner_key(&auth))
                .await?
                .filter(|d| d.form == "import-invites" && d.target_id == Some(id))
                .and_then(|d| serde_json::from_str(&d.form_state().value("invited")).ok())
                .unwrap_or_default(),
            None => vec![],
        };
        Ok(PreviewPage { preview, invited })
    }
}
