//! The editing pages: the edit form, "add an organization", the history with revert, the
//! staff page of an organization (editors, invitations, verification), the staff desk
//! (moderation queue, error reports) and the audit log.

use crate::kinds::OrgStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::diff::FieldChange;
use super::fields::OrgFields;
use super::{load_edit_page, load_new_page, EditPage, NewPage};
use crate::accounts::pages::{found_page, loaded_page, query_param, Notice};
use crate::forms::{CsrfField, ErrorSummary, FormScope};
use crate::i18n::use_i18n;
use crate::organizations::parse_id;

/// The i18n key of a form field's label: "legal_form" → "field-legal-form".
pub fn field_label_key(field: &str) -> String {
    format!("field-{}", field.replace('_', "-"))
}

pub(super) fn org_id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id_slug").as_deref().and_then(parse_id))
}

#[component]
pub fn EditRoute() -> impl IntoView {
    let id = org_id_param();
    let draft = query_param("draft");
    let data = Resource::new(
        move || (id.get(), draft.get()),
        |(id, draft)| async move {
            match id {
                Some(id) => load_edit_page(id, draft).await.map(Some),
                None => Ok(None),
            }
        },
    );
    found_page(data, |page| view! { <EditView page/> })
}

#[component]
fn EditView(page: EditPage) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_with("edit-title", &[("name", page.name.clone().into())]);
    let conflict = page.conflict.clone();
    view! {
        <Title text=title.clone()/>
        <section class="wrap edit-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href="/account">{i18n.t("nav-account")}</a> " › " <a href=page.url.clone()>{page.name.clone()}</a>
            </nav>
            <h1>{title}</h1>
            <Notice/>
            <StatusBanner status=page.status note=page.moderation_note.clone()/>
            <p class="actions">
                <a href=page.url.clone()>{i18n.t("edit-view-public")}</a> " · "
                <a href=format!("/org/{}/history", page.id)>{i18n.t("history-link")}</a>
                {page.can_manage.then(|| view! { " · " <a href=format!("/org/{}/manage", page.id)>{i18n.t("manage-link")}</a> })}
            </p>
            {conflict.map(|changes| view! { <ConflictPanel changes id=page.id/> })}
            <FormScope form=page.form.clone()>
                <form method="post" action=format!("/org/{}/edit", page.id) enctype="multipart/form-data" class="form org-form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <input type="hidden" name="version" value=page.version/>
                    <input type="hidden" name="draft_id" value=page.form.draft_id.clone().unwrap_or_default()/>
                    <p class="hint">{i18n.t("edit-intro")}</p>
                    <OrgFields options=page.options.clone() logo=Some(page.logo_url.clone())/>
                    <super::helper::EditHelper/>
                    <div class="form-actions">
                        <button type="submit" class="button">{i18n.t("save-button")}</button>
                        " " <a class="button secondary" href=page.url.clone()>{i18n.t("cancel-button")}</a>
                    </div>
                </form>
            </FormScope>
        </section>
    }
}

/// Moderation status for pages of unpublished organizations.
#[component]
pub fn StatusBanner(status: OrgStatus, note: String) -> impl IntoView {
    let i18n = use_i18n();
    match status {
        OrgStatus::Pending => Some(view! { <p class="notice warning">{i18n.t("status-pending-text")}</p> }.into_any()),
        OrgStatus::Rejected => Some(
            view! {
                <div class="notice error">
                    <p>{i18n.t("status-rejected-text")}</p>
                    {(!note.is_empty()).then(|| view! { <p>{i18n.t("moderation-reason")} " " {note.clone()}</p> })}
                </div>
            }
            .into_any(),
        ),
        // Archived pages carry their own banner (organizations/archived.rs).
        OrgStatus::Published | OrgStatus::Archived | OrgStatus::Merged => None,
    }
}

/// Shown when someone else saved while this person was editing: both versions of each
/// field that differs, the person's own text ready to copy, and the choice.
#[component]
fn ConflictPanel(changes: Vec<FieldChange>, id: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="conflict" role="alert" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{i18n.t("conflict-title")}</h2>
            <p>{i18n.t("conflict-text")}</p>
            <table class="table diff">
                <thead><tr><th>{i18n.t("diff-field")}</th><th>{i18n.t("conflict-theirs")}</th><th>{i18n.t("conflict-yours")}</th></tr></thead>
                <tbody>
                    {changes.into_iter().map(|c| view! {
                        <tr>
                            <th scope="row">{i18n.t(&field_label_key(&c.field))}</th>
                            <td class="before">{c.before}</td>
                            <td class="after"><textarea readonly rows="4" aria-label=i18n.t("conflict-yours") inner_html=crate::text::escape_html(&c.after)></textarea></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p>{i18n.t("conflict-choice")}</p>
            <p><a class="button secondary" href=format!("/org/{id}/edit")>{i18n.t("conflict-discard")}</a></p>
        </section>
    }
}

#[component]
pub fn NewOrgRoute() -> impl IntoView {
    let draft = query_param("draft");
    let data = Resource::new(move || draft.get(), load_new_page);
    loaded_page(data, |page| view! { <NewOrgView page/> })
}

#[component]
fn NewOrgView(page: NewPage) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("new-title")/>
        <section class="wrap edit-page">
            <h1>{i18n.t("new-title")}</h1>
            <p>{i18n.t("new-intro")}</p>
            <FormScope form=page.form.clone()>
                <form method="post" action="/org/new" class="form org-form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <input type="hidden" name="draft_id" value=page.form.draft_id.clone().unwrap_or_default()/>
                    {(!page.maybe_duplicates.is_empty()).then(|| view! {
                        <div class="notice warning" role="status">
                            <p><strong>{i18n.t("new-maybe-duplicate")}</strong></p>
                            <ul>
                                {page.maybe_duplicates.iter().map(|(name, url)| view! {
                                    <li><a href=url.clone()>{name.clone()}</a></li>
                                }).collect_view()}
                            </ul>
                            <p>{i18n.t("new-maybe-duplicate-hint")}</p>
                            <crate::forms::Checkbox name="not_duplicate".into() label=i18n.t("new-not-duplicate")/>
                        </div>
                    })}
                    <OrgFields options=page.options.clone() logo=None/>
                    <super::helper::EditHelper/>
                    <div class="form-actions">
                        <button type="submit" class="button">{i18n.t("new-button")}</button>
                    </div>
                </form>
            </FormScope>
        </section>
    }
}
