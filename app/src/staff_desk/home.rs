//! The top of the staff workspace, `/staff`: the counts block, moderation of new
//! organizations, significant edits waiting for a look, and visitors' error reports.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::pages::{loaded_page, query_param, Notice};
use crate::editing::{load_staff_page, ReportView, StaffPage};
use crate::forms::{CsrfField, ErrorSummary, FormScope, TextField};
use crate::i18n::use_i18n;

#[component]
pub fn StaffRoute() -> impl IntoView {
    let draft = query_param("draft");
    let okrug = query_param("okrug");
    let data = Resource::new(
        move || (draft.get(), okrug.get()),
        |(d, o)| load_staff_page(d, o),
    );
    loaded_page(data, |page| view! { <StaffView page/> })
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
            <super::page::DeskBlock/>
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
            <super::edits::PendingEdits/>
            <h2 id="reports">{i18n.t("staff-reports")}</h2>
            {page.reports.is_empty().then(|| view! { <p>{i18n.t("staff-no-reports")}</p> })}
            <FormScope form=page.form.clone()>
                <ul class="queue">
                    {page.reports.into_iter().map(|r| view! { <ReportItem r/> }).collect_view()}
                </ul>
            </FormScope>
        </section>
    }
}

/// One visitor's report: resolve or dismiss it with a note, and reply when they left an
/// address.
#[component]
fn ReportItem(r: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let id = r.id;
    view! {
        <li class="queue-item">
            <h3><a href=r.url.clone()>{r.organization.clone()}</a></h3>
            <p class="card-meta">{r.created.clone()} {(!r.contact.is_empty()).then(|| format!(" · {}", r.contact))}</p>
            <p class="report-message">{r.message.clone()}</p>
            <form method="post" action=format!("/staff/reports/{id}/resolve") class="form moderation-form" novalidate>
                <CsrfField/>
                <TextField name=format!("note-{id}") label=i18n.t("staff-report-note") rows=2/>
                {r.reply_to.clone().map(|to| view! {
                    <TextField name=format!("reply-{id}") label=i18n.t_with("staff-report-reply", &[("email", to.into())]) rows=3 hint=i18n.t("staff-report-reply-hint")/>
                })}
                <div class="form-actions">
                    <button type="submit" name="decision" value="resolve" class="button">{i18n.t("staff-resolve")}</button>
                    " "
                    <button type="submit" name="decision" value="dismiss" class="button secondary">{i18n.t("staff-dismiss")}</button>
                </div>
            </form>
        </li>
    }
}
