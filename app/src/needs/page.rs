//! The page `/needs`, "Кому нужна помощь": a plain GET form (need kind, okrug), the number
//! of open needs of each kind, then the needs with their organizations; each links to the
//! organization's contacts. Works without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::NeedsPage;
use crate::accounts::pages::{page_or_error, query_param};
use crate::error::PublicError;
use crate::i18n::use_i18n;

/// Public data: open needs of published organizations. `staff`: the reader may download
/// the summary.
#[server(input = GetUrl, endpoint = "needs/page")]
pub async fn load_needs(
    kind: Option<String>,
    okrug: Option<String>,
    page: Option<u32>,
) -> Result<(NeedsPage, bool), PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let staff =
        crate::web::request::current_viewer().is_some_and(|v| v.is_staff_of(state.region.id));
    let build = poputchiki_core::needs::build::page;
    let page = page.unwrap_or(1) as usize;
    Ok((
        build(&state, kind.as_deref(), okrug.as_deref(), page, &i18n).await?,
        staff,
    ))
}

#[component]
pub fn NeedsRoute() -> impl IntoView {
    let i18n = use_i18n();
    let (kind, okrug, page) = (
        query_param("kind"),
        query_param("okrug"),
        query_param("page"),
    );
    let data = Resource::new(
        move || (kind.get(), okrug.get(), page.get()),
        |(k, o, p)| load_needs(k, o, p.and_then(|p| p.parse().ok())),
    );
    view! {
        <Title text=i18n.t("needs-title")/>
        <Meta name="description" content=i18n.t("needs-intro")/>
        <section class="wrap needs-page">
            <h1>{i18n.t("needs-title")}</h1>
            <p class="lead">{i18n.t("needs-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    page_or_error(data.await, |(page, staff)| view! { <NeedsView page staff/> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NeedsView(page: NeedsPage, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = |n: usize| {
        let mut q = format!("/needs?page={n}");
        if let Some(k) = &page.kind {
            q.push_str(&format!("&kind={k}"));
        }
        if let Some(o) = &page.okrug {
            q.push_str(&format!("&okrug={o}"));
        }
        q
    };
    let pages = page.total.div_ceil(page.per_page).max(1);
    let prev = (page.page > 1).then(|| query(page.page - 1));
    let next = (page.page < pages).then(|| query(page.page + 1));
    view! {
        <form method="get" action="/needs" class="desk-filter">
            <label for="needs-kind">{i18n.t("needs-kind")}</label>
            <select id="needs-kind" name="kind">
                <option value="" selected=page.kind.is_none()>{i18n.t("needs-all-kinds")}</option>
                {page.kinds.iter().map(|k| {
                    let sel = page.kind.as_deref() == Some(k.code.as_str());
                    view! { <option value=k.code.clone() selected=sel>{format!("{} ({})", k.label, k.count)}</option> }
                }).collect_view()}
            </select>
            <label for="needs-okrug">{i18n.t("desk-okrug")}</label>
            <select id="needs-okrug" name="okrug">
                <option value="" selected=page.okrug.is_none()>{i18n.t("desk-all-okrugs")}</option>
                {page.okrugs.iter().map(|o| {
                    let sel = page.okrug.as_deref() == Some(o.slug.as_str());
                    view! { <option value=o.slug.clone() selected=sel>{o.name.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button">{i18n.t("desk-show")}</button>
        </form>
        {staff.then(|| view! {
            <p class="coverage-downloads">
                <strong>{i18n.t("needs-downloads")}": "</strong>
                <a href="/staff/needs.xlsx">{i18n.t("coverage-download-xlsx")}</a>
                " · "
                <a href="/staff/needs.csv">{i18n.t("coverage-download-csv")}</a>
            </p>
        })}
        <p role="status">{i18n.t_with("needs-found", &[("count", (page.total as i64).into())])}</p>
        <ul class="queue needs-list">
            {page.items.into_iter().map(|n| view! {
                <li class="queue-item need" data-kind=n.kind.code.clone()>
                    <p class="need-kind">{n.kind.label.clone()}
                        {n.until.clone().map(|d| view! { " · " <span class="need-until">{i18n.t_with("need-until", &[("date", d.into())])}</span> })}
                    </p>
                    <h2 class="need-title">{n.title.clone()}</h2>
                    {(!n.description.is_empty()).then(|| view! { <p>{n.description.clone()}</p> })}
                    <p class="card-meta">
                        <a href=n.url.clone()>{n.organization.clone()}</a> " · " {n.okrug.clone()}
                        " · " <a href=format!("{}#contacts", n.url)>{i18n.t("needs-contacts")}</a>
                    </p>
                </li>
            }).collect_view()}
        </ul>
        <crate::ui::parts::PageNav page=page.page pages prev next/>
    }
}
