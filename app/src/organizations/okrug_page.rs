//! Okrug pages: /okrug lists every okrug with its count, /okrug/{slug} lists the
//! organizations of one okrug.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use poputchiki_core::organizations::jsonld;

use crate::i18n::use_i18n;
use crate::organizations::{load_okrug_index, load_okrug_page, OkrugPage, OrgFilter};
use crate::ui::meta::{DataAlternates, JsonLd, ShareMeta};
use crate::ui::parts::{CardList, LoadError, MiniMapSvg, Pager};

#[component]
pub fn OkrugRoute() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let page = query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1u32);
        (slug, page)
    };
    let data = Resource::new(key, |(slug, page)| load_okrug_page(slug, page));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <OkrugView page/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OkrugView(page: OkrugPage) -> impl IntoView {
    let i18n = use_i18n();
    let filter = OrgFilter {
        okrug: None,
        page: page.list.page,
        ..Default::default()
    };
    let area = page
        .area_km2
        .map(|a| i18n.t_with("okrug-area", &[("area", format!("{a:.0}").into())]));
    let description = i18n.t_with(
        "okrug-description",
        &[("name", page.full_name.as_str().into())],
    );
    let path = match page.list.page {
        0 | 1 => format!("/okrug/{}", page.slug),
        n => format!("/okrug/{}?page={n}", page.slug),
    };
    let site = crate::web::request::absolute_url("");
    let linked_data = jsonld::script_text(&jsonld::okrug(&page, &site));
    view! {
        <Title text=page.full_name.clone()/>
        <Meta name="description" content=description.clone()/>
        <ShareMeta title=page.full_name.clone() description path/>
        <DataAlternates query=format!("okrug={}", page.slug)/>
        <JsonLd text=linked_data/>
        <section class="wrap okrug-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href="/okrug">{i18n.t("nav-okrugs")}</a>
            </nav>
            <div class="okrug-head">
                <div>
                    <h1>{page.full_name.clone()}</h1>
                    <p>{i18n.t_with("okrug-centre", &[("centre", page.admin_center.clone().into())])}</p>
                    {area.map(|a| view! { <p>{a}</p> })}
                    <p>
                        <a class="button secondary" href=format!("/?okrug={}", page.slug)>{i18n.t("okrug-filter-link")}</a>
                    </p>
                    <p><a href=format!("/okrug/{}/poster", page.slug)>{i18n.t("poster-okrug-link")}</a></p>
                    <p><a href=format!("/subscribe?okrug={}", page.slug)>{i18n.t("okrug-subscribe")}</a></p>
                </div>
                <MiniMapSvg map=page.minimap.clone() label=i18n.t_with("minimap-label", &[("okrug", page.name.clone().into())])/>
            </div>
            <h2>{i18n.t_with("orgs-found", &[("count", page.list.total.into())])}</h2>
            <CardList list=page.list.clone()/>
            <Pager list=page.list.clone() filter base=format!("/okrug/{}", page.slug)/>
        </section>
    }
}

#[component]
pub fn OkrugIndexPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_okrug_index());
    view! {
        <Title text=i18n.t("okrugs-title")/>
        <Meta name="description" content=i18n.t("okrugs-description")/>
        <ShareMeta title=i18n.t("okrugs-title") description=i18n.t("okrugs-description") path="/okrug".into()/>
        <section class="wrap">
            <h1>{i18n.t("okrugs-title")}</h1>
            <p class="lead">{i18n.t("okrugs-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! {
                            <ul class="okrug-list">
                                {list.into_iter().map(|o| view! {
                                    <li>
                                        <a href=format!("/okrug/{}", o.okrug.slug)>{o.full_name}</a>
                                        <span class="count">{i18n.t_with("orgs-count", &[("count", o.count.into())])}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
