//! «Существенные правки» on `/staff`: editors' changes to the name, ИНН/ОГРН or location of
//! recently approved organizations (published at once), each with what changed, a link to
//! the history's diff, and two buttons: accept, or revert to the revision before it.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::accounts::pages::{page_or_error, query_param};
use crate::error::PublicError;
use crate::forms::PostButton;
use crate::i18n::use_i18n;

/// One waiting edit, as the list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditView {
    pub revision_id: i64,
    pub organization_id: i64,
    pub name: String,
    pub url: String,
    pub okrug: String,
    pub editor: String,
    pub created: String,
    /// The i18n keys of the changed significant fields.
    pub fields: Vec<String>,
    pub previous: Option<i64>,
}

/// The region's waiting significant edits (staff only), for an okrug or all.
#[server(input = GetUrl, endpoint = "staff/edits")]
pub async fn load_pending_edits(okrug: Option<String>) -> Result<Vec<EditView>, PublicError> {
    use crate::editing::review_edits::{pending, significant};
    let (state, i18n, auth) = crate::web::request::server_fn_context()?;
    crate::accounts::authz::require_staff(&auth, state.region.id)?;
    let okrug = okrug
        .as_deref()
        .and_then(|s| state.region.okrug_by_slug(s))
        .map(|o| o.id);
    let rows = pending(&state.db, state.region.id)
        .await
        .map_err(crate::error::AppError::from)?;
    Ok(rows
        .into_iter()
        .filter(|e| okrug.is_none_or(|k| e.okrug_id == k))
        .map(|e| {
            let changed: Vec<String> = serde_json::from_str(&e.changed).unwrap_or_default();
            EditView {
                revision_id: e.revision_id,
                organization_id: e.organization_id,
                url: crate::organizations::org_url(e.organization_id, &e.slug),
                okrug: crate::organizations::view::okrug_ref(&state.region, e.okrug_id, &i18n).name,
                editor: e.editor.unwrap_or_default(),
                created: crate::organizations::view::date_text(&i18n, &e.created_at),
                fields: significant(&changed)
                    .iter()
                    .map(|f| crate::editing::pages::field_label_key(f))
                    .collect(),
                previous: e.previous,
                name: e.name,
            }
        })
        .collect())
}

#[component]
pub fn PendingEdits() -> impl IntoView {
    let okrug = query_param("okrug");
    let data = Resource::new(move || okrug.get(), load_pending_edits);
    let i18n = use_i18n();
    view! {
        <h2 id="edits">{i18n.t("edits-title")}</h2>
        <p>{i18n.t("edits-about")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, |edits| view! { <EditList edits/> })
            })}
        </Suspense>
    }
}

#[component]
fn EditList(edits: Vec<EditView>) -> impl IntoView {
    let i18n = use_i18n();
    if edits.is_empty() {
        return view! { <p>{i18n.t("edits-none")}</p> }.into_any();
    }
    view! {
        <ul class="queue">
            {edits.into_iter().map(|e| {
                let fields = e.fields.iter().map(|k| i18n.t(k)).collect::<Vec<_>>().join(", ");
                let id = e.organization_id;
                view! {
                    <li class="queue-item">
                        <h3><a href=e.url.clone()>{e.name.clone()}</a></h3>
                        <p class="card-meta">{e.okrug.clone()} " · " {e.editor.clone()} " · " {e.created.clone()}</p>
                        <p>{i18n.t("edits-changed")} " " <strong>{fields}</strong> " · "
                            <a href=format!("/org/{id}/history")>{i18n.t("edits-diff")}</a></p>
                        <div class="form-actions">
                            <PostButton action=format!("/staff/edits/{}/accept", e.revision_id) label=i18n.t("edits-accept")/>
                            " "
                            {e.previous.map(|p| view! {
                                <PostButton action=format!("/org/{id}/revert/{p}") label=i18n.t("edits-revert") class="button danger"/>
                            })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
