//! The editing pages: the edit form, "add an organization", the history with revert, the
//! staff page of an organization (editors, invitations, verification), the staff desk
//! (moderation queue, error reports) and the audit log.

use crate::kinds::OrgStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::diff::FieldChange;
use super::form::row_count;
use super::{
    load_audit, load_edit_page, load_history, load_manage_page, load_new_page, load_staff_page,
    EditPage, FormOptions, HistoryPage, ManagePage, NewPage, StaffPage,
};
use crate::accounts::pages::{page_or_error, query_param, Notice};
use crate::forms::{
    Checkbox, CheckboxGroup, CsrfField, ErrorSummary, FormScope, FormState, SelectField, TextField,
};
use crate::i18n::{use_i18n, I18n};
use crate::organizations::input::{MAX_NAME, MAX_TEXT};
use crate::organizations::parse_id;
use crate::ui::parts::NotFound;

/// The i18n key of a form field's label: "legal_form" → "field-legal-form".
pub fn field_label_key(field: &str) -> String {
    format!("field-{}", field.replace('_', "-"))
}

fn org_id_param() -> Memo<Option<i64>> {
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
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, |page| match page {
                    Some(page) => view! { <EditView page/> }.into_any(),
                    None => view! { <NotFound/> }.into_any(),
                })
            })}
        </Suspense>
    }
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
                    <super::helper::EditHelper locale=i18n.locale/>
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
        OrgStatus::Published => None,
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
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { page_or_error(data.await, |page| view! { <NewOrgView page/> }) })}
        </Suspense>
    }
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
                    <OrgFields options=page.options.clone() logo=None/>
                    <super::helper::EditHelper locale=i18n.locale/>
                    <div class="form-actions">
                        <button type="submit" class="button">{i18n.t("new-button")}</button>
                    </div>
                </form>
            </FormScope>
        </section>
    }
}

/// Every field of an organization, in sections. `logo`: `None` leaves the logo out (new
/// organizations add one later); `Some(current)` shows the upload with the current logo.
#[component]
fn OrgFields(options: FormOptions, logo: Option<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    let o = options;
    let t = move |k: &str| i18n.t(k);
    view! {
        <fieldset class="section">
            <legend>{t("edit-section-main")}</legend>
            <TextField name="name".into() label=t("field-name") required=true maxlength=MAX_NAME/>
            <SelectField name="kind".into() label=t("field-kind") options=o.kinds.clone() required=true empty=t("choose")/>
            <SelectField name="legal_form".into() label=t("field-legal-form") options=o.legal_forms.clone() empty=t("field-legal-form-none")/>
            <TextField name="summary".into() label=t("field-summary") hint=t("field-summary-hint") maxlength=500/>
            <TextField name="description".into() label=t("field-description") rows=8 maxlength=MAX_TEXT hint=t("field-description-hint")/>
        </fieldset>
        {logo.map(|current| view! {
            <fieldset class="section">
                <legend>{t("field-logo")}</legend>
                {current.map(|url| view! {
                    <p><img src=url class="logo-preview" alt=t("field-logo-current") width="128"/></p>
                    <Checkbox name="logo_remove".into() label=t("field-logo-remove")/>
                })}
                <div class="field">
                    <label for="f-logo">{t("field-logo-upload")}</label>
                    <p class="hint" id="f-logo-hint">{t("field-logo-hint")}</p>
                    <LogoError/>
                    <input type="file" id="f-logo" name="logo" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby="f-logo-hint"/>
                </div>
            </fieldset>
        })}
        <fieldset class="section">
            <legend>{t("edit-section-place")}</legend>
            <p class="hint">{t("edit-place-hint")}</p>
            <TextField name="settlement".into() label=t("field-settlement")/>
            <TextField name="address".into() label=t("field-address")/>
            <div class="coords">
                <TextField name="lat".into() label=t("field-lat") inputmode="decimal" hint=t("field-lat-hint")/>
                <TextField name="lon".into() label=t("field-lon") inputmode="decimal"/>
            </div>
            <LocationPicker center=o.center/>
            <SelectField name="okrug".into() label=t("field-okrug") options=o.okrugs.clone() empty=t("choose") hint=t("field-okrug-hint")/>
        </fieldset>
        <fieldset class="section">
            <legend>{t("edit-section-contacts")}</legend>
            <TextField name="phone".into() label=t("field-phone") kind="tel" hint=t("field-phone-hint")/>
            <TextField name="email".into() label=t("field-email") kind="email"/>
            <TextField name="website".into() label=t("field-website") kind="url" inputmode="url"/>
            <TextField name="vk".into() label=t("field-vk")/>
            <TextField name="ok".into() label=t("field-ok")/>
            <TextField name="telegram".into() label=t("field-telegram")/>
        </fieldset>
        <fieldset class="section">
            <legend>{t("edit-section-ids")}</legend>
            <TextField name="inn".into() label=t("field-inn") inputmode="numeric" hint=t("field-inn-hint")/>
            <TextField name="ogrn".into() label=t("field-ogrn") inputmode="numeric"/>
        </fieldset>
        <CheckboxGroup name="directions".into() legend=t("field-directions") options=o.directions.clone()/>
        <CheckboxGroup name="audiences".into() legend=t("field-audiences") options=o.audiences.clone()/>
        <CheckboxGroup name="event_formats".into() legend=t("field-event-formats") options=o.event_formats.clone()/>
        <ServiceRows count=row_count(&form.fields, "services") options=o.clone()/>
        <EventRows count=row_count(&form.fields, "events") options=o.clone()/>
        <NeedRows count=row_count(&form.fields, "needs") options=o.clone()/>
    }
}

/// A map to pick the place on, brought to life by `public/picker.js` (Leaflet, loaded only
/// when asked for). Without JavaScript it stays hidden: the coordinate fields are the way.
#[component]
fn LocationPicker(center: (f64, f64)) -> impl IntoView {
    let i18n = use_i18n();
    let (tiles, attribution) = crate::search::page::tile_config();
    view! {
        <button type="button" id="picker-toggle" class="button secondary" hidden aria-controls="location-picker">{i18n.t("picker-show")}</button>
        <div id="location-picker-box" hidden>
            <p class="hint">{i18n.t("picker-hint")}</p>
            <div id="location-picker" class="location-picker" data-lat=center.0 data-lon=center.1
                data-tiles=tiles data-tiles-attribution=attribution></div>
        </div>
        <script src="/picker.js" defer></script>
    }
}

/// The logo's error, if the last upload was refused.
#[component]
fn LogoError() -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    form.issues_of("logo")
        .into_iter()
        .map(|i| view! { <p class="field-error" role="alert">{i.message(&i18n)}</p> })
        .collect_view()
}

fn row_legend(
    i18n: &I18n,
    form: &FormState,
    name_field: &str,
    filled_key: &str,
    new_key: &str,
    n: usize,
) -> String {
    if form.value(name_field).trim().is_empty() {
        i18n.t(new_key)
    } else {
        format!("{} {n}", i18n.t(filled_key))
    }
}

#[component]
fn ServiceRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="services-title">
            <h2 id="services-title">{i18n.t("field-services")}</h2>
            <p class="hint">{i18n.t("rows-hint")}</p>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("services[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("name"), "row-service", "row-service-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <TextField name=f("name") label=i18n.t("field-service-name") maxlength=MAX_NAME/>
                        <TextField name=f("description") label=i18n.t("field-service-description") rows=3/>
                        <SelectField name=f("cost") label=i18n.t("field-cost") options=options.costs.clone()/>
                        <TextField name=f("how_to_apply") label=i18n.t("field-how-to-apply") rows=2/>
                        <TextField name=f("schedule") label=i18n.t("field-schedule")/>
                        <CheckboxGroup name=f("audiences") legend=i18n.t("field-service-audiences") options=options.audiences.clone()/>
                        <div class="row-tools">
                            <TextField name=f("position") label=i18n.t("field-position") kind="number" inputmode="numeric"/>
                            <Checkbox name=f("remove") label=i18n.t("field-remove-service")/>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn EventRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="events-title">
            <h2 id="events-title">{i18n.t("field-events")}</h2>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("events[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("title"), "row-event", "row-event-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <TextField name=f("title") label=i18n.t("field-event-title") maxlength=MAX_NAME/>
                        <TextField name=f("starts_at") label=i18n.t("field-event-starts") hint=i18n.t("field-event-date-hint")/>
                        <TextField name=f("ends_at") label=i18n.t("field-event-ends")/>
                        <TextField name=f("place") label=i18n.t("field-event-place")/>
                        <SelectField name=f("format") label=i18n.t("field-event-format") options=options.event_formats.clone() empty=i18n.t("choose")/>
                        <TextField name=f("description") label=i18n.t("field-event-description") rows=3/>
                        <Checkbox name=f("remove") label=i18n.t("field-remove-event")/>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn NeedRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="needs-title">
            <h2 id="needs-title">{i18n.t("field-needs")}</h2>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("needs[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("title"), "row-need", "row-need-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <SelectField name=f("kind") label=i18n.t("field-need-kind") options=options.need_kinds.clone() empty=i18n.t("choose")/>
                        <TextField name=f("title") label=i18n.t("field-need-title")/>
                        <TextField name=f("description") label=i18n.t("field-need-description") rows=2/>
                        <Checkbox name=f("remove") label=i18n.t("field-remove-need")/>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
pub fn HistoryRoute() -> impl IntoView {
    let id = org_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_history(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, |page| match page {
                    Some(page) => view! { <HistoryView page/> }.into_any(),
                    None => view! { <NotFound/> }.into_any(),
                })
            })}
        </Suspense>
    }
}

fn kind_key(kind: &str) -> &'static str {
    match kind {
        "baseline" => "revision-baseline",
        "create" => "revision-create",
        "revert" => "revision-revert",
        _ => "revision-edit",
    }
}

#[component]
fn HistoryView(page: HistoryPage) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_with("history-title", &[("name", page.name.clone().into())]);
    let id = page.id;
    view! {
        <Title text=title.clone()/>
        <section class="wrap history-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href=page.url.clone()>{page.name.clone()}</a>
            </nav>
            <h1>{title}</h1>
            <Notice/>
            {page.revisions.is_empty().then(|| view! { <p>{i18n.t("history-empty")}</p> })}
            <ol class="revisions" reversed>
                {page.revisions.into_iter().map(|r| view! {
                    <li class="revision" id=format!("rev-{}", r.number)>
                        <h2 class="revision-head">
                            {i18n.t_with("revision-number", &[("number", r.number.to_string().into())])} " · "
                            {i18n.t(kind_key(&r.kind))}
                            {r.reverted_to.map(|n| format!(" ({})", i18n.t_with("revision-reverted-to", &[("number", n.to_string().into())])))}
                        </h2>
                        <p class="revision-meta">{r.when.clone()} " · " {r.author.clone().unwrap_or_else(|| i18n.t("revision-import"))}
                            {r.is_current.then(|| view! { " · " <strong>{i18n.t("revision-current")}</strong> })}
                        </p>
                        {(!r.changes.is_empty()).then(|| view! {
                            <table class="table diff">
                                <thead><tr><th>{i18n.t("diff-field")}</th><th>{i18n.t("diff-before")}</th><th>{i18n.t("diff-after")}</th></tr></thead>
                                <tbody>
                                    {r.changes.clone().into_iter().map(|c| view! {
                                        <tr>
                                            <th scope="row">{i18n.t(&field_label_key(&c.field))}</th>
                                            <td class="before"><del>{c.before}</del></td>
                                            <td class="after"><ins>{c.after}</ins></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        {(page.can_edit && !r.is_current).then(|| view! {
                            <form method="post" action=format!("/org/{id}/revert/{}", r.number) class="inline-form">
                                <CsrfField/>
                                <button type="submit" class="button secondary small">
                                    {i18n.t_with("revert-button", &[("number", r.number.to_string().into())])}
                                </button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn ManageRoute() -> impl IntoView {
    let id = org_id_param();
    let draft = query_param("draft");
    let invite = query_param("invite");
    let data = Resource::new(
        move || (id.get(), draft.get(), invite.get()),
        |(id, draft, invite)| async move {
            match id {
                Some(id) => load_manage_page(id, draft, invite).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, |page| match page {
                    Some(page) => view! { <ManageView page/> }.into_any(),
                    None => view! { <NotFound/> }.into_any(),
                })
            })}
        </Suspense>
    }
}

#[component]
fn ManageView(page: ManagePage) -> impl IntoView {
    let i18n = use_i18n();
    let id = page.id;
    let title = i18n.t_with("manage-title", &[("name", page.name.clone().into())]);
    view! {
        <Title text=title.clone()/>
        <section class="wrap manage-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href="/staff">{i18n.t("nav-staff")}</a> " › " <a href=page.url.clone()>{page.name.clone()}</a>
            </nav>
            <h1>{title}</h1>
            <Notice/>
            <p class="actions"><a class="button" href=format!("/org/{id}/edit")>{i18n.t("edit-button")}</a></p>
            <h2>{i18n.t("manage-editors")}</h2>
            {if page.editors.is_empty() {
                view! { <p>{i18n.t("manage-no-editors")}</p> }.into_any()
            } else {
                view! {
                    <ul class="editors">
                        {page.editors.into_iter().map(|e| view! {
                            <li>
                                {e.name} " · " {i18n.t("manage-since")} " " {e.since}
                                <form method="post" action=format!("/org/{id}/editors/remove") class="inline-form">
                                    <CsrfField/>
                                    <input type="hidden" name="account_id" value=e.account_id/>
                                    <button type="submit" class="button secondary small">{i18n.t("manage-remove")}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2 id="invite">{i18n.t("manage-invite")}</h2>
            {page.invite.map(|inv| view! {
                <div class="notice" role="status">
                    <p>{i18n.t("manage-invite-ready")}</p>
                    <label for="invite-link">{i18n.t("manage-invite-link")}</label>
                    <input id="invite-link" class="copy-field" type="text" readonly value=inv.link/>
                    {inv.sent.then(|| view! { <p>{i18n.t_with("manage-invite-sent", &[("email", inv.email.clone().into())])}</p> })}
                </div>
            })}
            <FormScope form=page.form.clone()>
                <form method="post" action=format!("/org/{id}/invite") class="form" novalidate>
                    <CsrfField/>
                    <TextField name="email".into() label=i18n.t("manage-invite-email") kind="email" hint=i18n.t("manage-invite-hint")/>
                    <button type="submit" class="button">{i18n.t("manage-invite-button")}</button>
                </form>
                <h2 id="verify">{i18n.t("manage-verify")}</h2>
                <p>{match page.last_verified.clone() {
                    Some(d) => i18n.t_with("manage-last-verified", &[("date", d.into())]),
                    None => i18n.t("manage-never-verified"),
                }}</p>
                <form method="post" action=format!("/org/{id}/verify") class="form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <SelectField name="method".into() label=i18n.t("field-verify-method") options=page.methods.clone() required=true empty=i18n.t("choose")/>
                    <TextField name="note".into() label=i18n.t("field-verify-note") rows=3 hint=i18n.t("field-verify-note-hint")/>
                    <button type="submit" class="button">{i18n.t("manage-verify-button")}</button>
                </form>
            </FormScope>
        </section>
    }
}

#[component]
pub fn StaffRoute() -> impl IntoView {
    let draft = query_param("draft");
    let data = Resource::new(move || draft.get(), load_staff_page);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { page_or_error(data.await, |page| view! { <StaffView page/> }) })}
        </Suspense>
    }
}

#[component]
fn StaffView(page: StaffPage) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_with("staff-title", &[("region", page.region.clone().into())]);
    view! {
        <Title text=title.clone()/>
        <section class="wrap staff-page">
            <h1>{title}</h1>
            <Notice/>
            <p><a href="/staff/audit">{i18n.t("audit-title")}</a></p>
            <h2 id="moderation">{i18n.t("staff-moderation")}</h2>
            {page.pending.is_empty().then(|| view! { <p>{i18n.t("staff-no-pending")}</p> })}
            <FormScope form=page.form.clone()>
                <ErrorSummary/>
                <ul class="queue">
                    {page.pending.into_iter().map(|p| view! {
                        <li class="queue-item">
                            <h3><a href=p.url.clone()>{p.name.clone()}</a></h3>
                            <p class="card-meta">{p.okrug.clone()} " · " {i18n.t("staff-proposed-by")} " " {p.proposer.clone()} " · " {p.created.clone()}</p>
                            <form method="post" action=format!("/staff/moderation/{}", p.id) class="form moderation-form" novalidate>
                                <CsrfField/>
                                <TextField name=format!("reason-{}", p.id) label=i18n.t("staff-reject-reason") rows=2/>
                                <div class="form-actions">
                                    <button type="submit" name="decision" value="approve" class="button">{i18n.t("staff-approve")}</button>
                                    " "
                                    <button type="submit" name="decision" value="reject" class="button danger">{i18n.t("staff-reject")}</button>
                                </div>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </FormScope>
            <h2 id="reports">{i18n.t("staff-reports")}</h2>
            {page.reports.is_empty().then(|| view! { <p>{i18n.t("staff-no-reports")}</p> })}
            <ul class="queue">
                {page.reports.into_iter().map(|r| view! {
                    <li class="queue-item">
                        <h3><a href=r.url.clone()>{r.organization.clone()}</a></h3>
                        <p class="card-meta">{r.created.clone()} {(!r.contact.is_empty()).then(|| format!(" · {}", r.contact))}</p>
                        <p class="report-message">{r.message.clone()}</p>
                        <form method="post" action=format!("/staff/reports/{}/resolve", r.id) class="inline-form">
                            <CsrfField/>
                            <button type="submit" class="button secondary small">{i18n.t("staff-resolve")}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn AuditRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_audit());
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |lines| view! {
                    <Title text=i18n.t("audit-title")/>
                    <section class="wrap audit-page">
                        <h1>{i18n.t("audit-title")}</h1>
                        <table class="table">
                            <thead><tr><th>{i18n.t("audit-when")}</th><th>{i18n.t("audit-who")}</th><th>{i18n.t("audit-what")}</th><th>{i18n.t("audit-detail")}</th><th>"IP"</th></tr></thead>
                            <tbody>
                                {lines.into_iter().map(|l| view! {
                                    <tr>
                                        <td>{l.created_at.replace('T', " ").trim_end_matches('Z').to_owned()}</td>
                                        <td>{l.actor.unwrap_or_default()}</td>
                                        <td>{i18n.t(&format!("audit-{}", l.action.replace('_', "-")))}
                                            {l.target_id.map(|t| format!(" · {} {t}", l.target_kind))}</td>
                                        <td>{l.detail}</td>
                                        <td>{l.ip}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                })
            })}
        </Suspense>
    }
}
