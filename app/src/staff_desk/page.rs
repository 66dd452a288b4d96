//! The workspace's counts block (on `/staff`) and a queue's page: an okrug filter (a plain
//! GET form), then the organizations with why each is there and how to reach it.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{DeskSummary, OkrugOption, Queue, QueuePage};
use crate::accounts::pages::{found_page, loaded_page, query_param};
use crate::error::PublicError;
use crate::i18n::use_i18n;
use crate::organizations::ContactKind;

/// The workspace's counts: staff of the region only.
#[server(input = GetUrl, endpoint = "staff/desk")]
pub async fn load_desk(okrug: Option<String>) -> Result<DeskSummary, PublicError> {
    let (state, i18n, auth) = crate::web::request::server_fn_context()?;
    crate::accounts::authz::require_staff(&auth, state.region.id)?;
    Ok(poputchiki_core::staff_desk::build::summary(&state, okrug.as_deref(), &i18n).await?)
}

/// One page of a queue: staff of the region only. An unknown queue is a 404.
#[server(input = GetUrl, endpoint = "staff/queue")]
pub async fn load_queue(
    queue: String,
    okrug: Option<String>,
    page: Option<u32>,
) -> Result<QueuePage, PublicError> {
    let (state, i18n, auth) = crate::web::request::server_fn_context()?;
    crate::accounts::authz::require_staff(&auth, state.region.id)?;
    let queue = Queue::parse(&queue).ok_or(crate::error::AppError::NotFound)?;
    let page = page.unwrap_or(1) as usize;
    let build = poputchiki_core::staff_desk::build::queue_page;
    Ok(build(&state, queue, okrug.as_deref(), page, &i18n).await?)
}

fn with_okrug(path: &str, okrug: &Option<String>) -> String {
    match okrug {
        Some(o) => format!("{path}?okrug={o}"),
        None => path.to_owned(),
    }
}

/// The okrug filter: a GET form back to `action`.
#[component]
fn OkrugFilter(
    action: String,
    okrugs: Vec<OkrugOption>,
    selected: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=action class="desk-filter">
            <label for="desk-okrug">{i18n.t("desk-okrug")}</label>
            <select id="desk-okrug" name="okrug">
                <option value="" selected=selected.is_none()>{i18n.t("desk-all-okrugs")}</option>
                {okrugs.into_iter().map(|o| {
                    let sel = selected.as_deref() == Some(o.slug.as_str());
                    view! { <option value=o.slug.clone() selected=sel>{o.name.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button secondary">{i18n.t("desk-show")}</button>
        </form>
    }
}

/// The counts block of `/staff`.
#[component]
pub fn DeskBlock() -> impl IntoView {
    let okrug = query_param("okrug");
    let data = Resource::new(move || okrug.get(), load_desk);
    loaded_page(data, |d| view! { <DeskCounts d/> })
}

#[component]
fn DeskCounts(d: DeskSummary) -> impl IntoView {
    let i18n = use_i18n();
    let okrug = d.okrug.clone();
    let hash = |anchor: &str| format!("{}#{anchor}", with_okrug("/staff", &okrug));
    let row = |label: String, n: usize, href: String| {
        view! {
            <li><a href=href>{label}</a> " " <span class="count">{n}</span></li>
        }
    };
    view! {
        <nav class="desk" aria-labelledby="desk-title">
            <h2 id="desk-title">{i18n.t("desk-title")}</h2>
            <OkrugFilter action="/staff".into() okrugs=d.okrugs.clone() selected=d.okrug.clone()/>
            <ul class="desk-counts">
                {row(i18n.t("staff-moderation"), d.pending, hash("moderation"))}
                {row(i18n.t("staff-reports"), d.reports, hash("reports"))}
                {row(i18n.t("edits-title"), d.edits, hash("edits"))}
                {d.queues.iter().map(|(q, n)| {
                    row(i18n.t(&q.title_key()), *n, with_okrug(&format!("/staff/queue/{}", q.as_str()), &okrug))
                }).collect_view()}
            </ul>
            <p>
                <a href="/coverage">{i18n.t("coverage-page-title")}</a> " · "
                <a href="/staff/import">{i18n.t("import-title")}</a> " · "
                <a href="/staff/audit">{i18n.t("audit-title")}</a>
            </p>
        </nav>
    }
}

/// A suspected pair's two ways out: compare and merge, or say they are different.
#[component]
fn PairActions(id: i64, other: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p><a href=format!("/staff/merge/{id}/{other}")>{i18n.t("merge-compare")}</a></p>
        <crate::forms::PostButton action=format!("/staff/duplicates/{id}/{other}/dismiss") label=i18n.t("merge-not-duplicates") class="button secondary"/>
    }
}

#[component]
pub fn QueueRoute() -> impl IntoView {
    let params = use_params_map();
    let queue = move || params.read().get("queue").unwrap_or_default();
    let okrug = query_param("okrug");
    let page = query_param("page");
    let data = Resource::new(
        move || (queue(), okrug.get(), page.get()),
        |(q, o, p)| async move {
            if Queue::parse(&q).is_none() {
                return Ok(None);
            }
            load_queue(q, o, p.and_then(|p| p.parse().ok()))
                .await
                .map(Some)
        },
    );
    found_page(data, |page| view! { <QueueView page/> })
}

#[component]
fn QueueView(page: QueuePage) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t(&page.queue.title_key());
    let path = format!("/staff/queue/{}", page.queue.as_str());
    let pages = page.total.div_ceil(page.per_page).max(1);
    let page_link = |n: usize| {
        let mut href = format!("{path}?page={n}");
        if let Some(o) = &page.okrug {
            href.push_str(&format!("&okrug={o}"));
        }
        href
    };
    let prev = (page.page > 1).then(|| page_link(page.page - 1));
    let next = (page.page < pages).then(|| page_link(page.page + 1));
    view! {
        <Title text=title.clone()/>
        <section class="wrap queue-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href=with_okrug("/staff", &page.okrug)>{i18n.t("nav-staff")}</a>
            </nav>
            <h1>{title.clone()}</h1>
            <crate::accounts::pages::Notice/>
            <p class="lead">{i18n.t(&format!("{}-about", page.queue.title_key()))}</p>
            <OkrugFilter action=path.clone() okrugs=page.okrugs.clone() selected=page.okrug.clone()/>
            <p role="status">{i18n.t_with("desk-total", &[("count", (page.total as i64).into())])}</p>
            {(!page.items.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" aria-label=title.clone() tabindex="0">
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{i18n.t("desk-col-org")}</th>
                            <th scope="col">{i18n.t("desk-col-okrug")}</th>
                            <th scope="col">{i18n.t("desk-col-reason")}</th>
                            <th scope="col">{i18n.t("desk-col-contacts")}</th>
                        </tr></thead>
                        <tbody>
                            {page.items.into_iter().map(|it| view! {
                                <tr>
                                    <th scope="row"><a href=it.url.clone()>{it.name.clone()}</a>
                                        " " <a class="small" href=format!("/org/{}/manage", it.id)>{i18n.t("manage-link")}</a></th>
                                    <td>{it.okrug.clone()}</td>
                                    <td>{it.reason.clone()}
                                        {it.pair.map(|other| view! { <PairActions id=it.id other/> })}
                                    </td>
                                    <td>
                                        {it.phones.iter().map(|p| view! { <a href=ContactKind::Phone.href(p)>{p.clone()}</a><br/> }).collect_view()}
                                        {it.emails.iter().map(|e| view! { <a href=ContactKind::Email.href(e)>{e.clone()}</a><br/> }).collect_view()}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <crate::ui::parts::PageNav page=page.page pages prev next/>
        </section>
    }
}
