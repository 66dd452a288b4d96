//! The page `/network`, "Сеть попутчиков": how many ties of each kind the region has, the
//! okrugs with no tie across their border, and by okrug the ties and the organizations that
//! have no partner yet. Plain HTML, readable without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::network::{NetworkPage, OkrugNetwork};
use crate::accounts::pages::loaded_page;
use crate::error::PublicError;
use crate::i18n::use_i18n;

/// Public data: active ties between published organizations.
#[server(input = GetUrl, endpoint = "network/page")]
pub async fn load_network() -> Result<NetworkPage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let page = poputchiki_core::partners::network::page(&state.db, &state.region, &i18n)
        .await
        .map_err(crate::error::AppError::from)?;
    Ok(page)
}

#[component]
pub fn NetworkRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_network());
    loaded_page(data, |page| view! { <NetworkView page/> })
}

#[component]
fn NetworkView(page: NetworkPage) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("network-title")/>
        <Meta name="description" content=i18n.t("network-intro")/>
        <section class="wrap network-page">
            <h1>{i18n.t("network-title")}</h1>
            <p class="lead">{i18n.t("network-intro")}</p>
            <h2>{i18n.t("network-counts")}</h2>
            <dl class="facts">
                <dt>{i18n.t("network-ties")}</dt><dd>{page.ties}</dd>
                {page.by_kind.into_iter().map(|(label, n)| view! { <dt>{label}</dt><dd>{n}</dd> }).collect_view()}
                <dt>{i18n.t("network-alone")}</dt><dd>{page.alone}</dd>
            </dl>
            <h2>{i18n.t("network-no-cross")}</h2>
            {if page.no_cross_okrug.is_empty() {
                view! { <p>{i18n.t("network-all-cross")}</p> }.into_any()
            } else {
                view! { <p>{page.no_cross_okrug.join(", ")}</p> }.into_any()
            }}
            {page.okrugs.into_iter().map(|o| view! { <OkrugBlock o/> }).collect_view()}
        </section>
    }
}

#[component]
fn OkrugBlock(o: OkrugNetwork) -> impl IntoView {
    let i18n = use_i18n();
    let more = o.alone.saturating_sub(o.alone_sample.len());
    view! {
        <section class="network-okrug" aria-labelledby=format!("n-{}", o.slug)>
            <h2 id=format!("n-{}", o.slug)><a href=format!("/okrug/{}", o.slug)>{o.name.clone()}</a></h2>
            {if o.ties.is_empty() {
                view! { <p class="none">{i18n.t("partners-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="partner-list">
                        {o.ties.into_iter().map(|t| view! {
                            <li>
                                <a href=t.org.url>{t.org.name}</a> " → " <a href=t.partner.url>{t.partner.name}</a>
                                " — " {t.label}
                                {t.elsewhere.map(|k| view! { " (" {k} ")" })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(o.alone > 0).then(|| view! {
                <p>{i18n.t("network-alone-here")} " "
                    {o.alone_sample.into_iter().enumerate().map(|(i, a)| view! {
                        {(i > 0).then_some(", ")}<a href=a.url>{a.name}</a>
                    }).collect_view()}
                    {(more > 0).then(|| i18n.t_with("network-and-more", &[("count", (more as i64).into())]))}
                </p>
            })}
        </section>
    }
}
