//! The pages around an organization's record: its history (revisions with their diffs,
//! revert), its management page (editors, invitations, verification, archive), and the
//! audit log. The staff workspace's own page is in `staff_desk::home`.

use leptos::prelude::*;
use leptos_meta::Title;

use super::pages::{field_label_key, org_id_param};
use super::{load_audit, load_history, load_manage_page, HistoryPage, ManagePage};
use crate::accounts::pages::{found_page, loaded_page, query_param, Notice};
use crate::audit::AuditLine;
use crate::forms::{CsrfField, ErrorSummary, FormScope, PostButton, SelectField, TextField};
use crate::i18n::use_i18n;

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
    found_page(data, |page| view! { <HistoryView page/> })
}

fn kind_key(kind: &str) -> &'static str {
    match kind {
        "baseline" => "revision-baseline",
        "create" => "revision-create",
        "revert" => "revision-revert",
        "merge" => "revision-merge",
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
                            {r.merged_from.map(|n| format!(" ({})", i18n.t_with("revision-merged-from", &[("id", n.to_string().into())])))}
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
                            <PostButton action=format!("/org/{id}/revert/{}", r.number) label=i18n.t_with("revert-button", &[("number", r.number.to_string().into())]) class="button secondary small"/>
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
    found_page(data, |page| view! { <ManageView page/> })
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
                                <PostButton action=format!("/org/{id}/editors/remove") label=i18n.t("manage-remove") class="button secondary small">
                                    <input type="hidden" name="account_id" value=e.account_id/>
                                </PostButton>
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
                {(!page.verifications.is_empty()).then(|| view! {
                    <details class="verification-history">
                        <summary>{i18n.t("manage-verification-history")}</summary>
                        <ul>
                            {page.verifications.iter().map(|[date, method, by, note]| view! {
                                <li>{format!("{date} · {method} · {by}")}
                                    {(!note.is_empty()).then(|| view! { <br/> {note.clone()} })}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
                <form method="post" action=format!("/org/{id}/verify") class="form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <SelectField name="method".into() label=i18n.t("field-verify-method") options=page.methods.clone() required=true empty=i18n.t("choose")/>
                    <TextField name="note".into() label=i18n.t("field-verify-note") rows=3 hint=i18n.t("field-verify-note-hint")/>
                    <button type="submit" class="button">{i18n.t("manage-verify-button")}</button>
                </form>
                <ArchiveSection id status=page.status/>
            </FormScope>
        </section>
    }
}

/// Archive (a published organization) or restore (an archived one).
#[component]
fn ArchiveSection(id: i64, status: crate::kinds::OrgStatus) -> impl IntoView {
    use crate::kinds::OrgStatus;
    let i18n = use_i18n();
    let body = match status {
        OrgStatus::Archived => view! {
            <p>{i18n.t("manage-archived-text")}</p>
            <form method="post" action=format!("/org/{id}/restore") class="form">
                <CsrfField/>
                <button type="submit" class="button">{i18n.t("manage-restore-button")}</button>
            </form>
        }
        .into_any(),
        OrgStatus::Published => view! {
            <p>{i18n.t("manage-archive-text")}</p>
            <form method="post" action=format!("/org/{id}/archive") class="form" novalidate>
                <CsrfField/>
                <TextField name="archive_note".into() label=i18n.t("field-archive-note") rows=2 hint=i18n.t("field-archive-note-hint")/>
                <button type="submit" class="button danger">{i18n.t("manage-archive-button")}</button>
            </form>
        }
        .into_any(),
        _ => view! { <p>{i18n.t("manage-archive-unpublished")}</p> }.into_any(),
    };
    view! {
        <h2 id="archive">{i18n.t("manage-archive")}</h2>
        {body}
    }
}

#[component]
pub fn AuditRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_audit());
    loaded_page(data, |lines| view! { <AuditView lines/> })
}

#[component]
fn AuditView(lines: Vec<AuditLine>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
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
    }
}
