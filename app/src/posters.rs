//! Posters to print for the village noticeboard: `/org/{id}/poster` (one A4 page) and
//! `/okrug/{slug}/poster` ("Кто помогает в вашем округе", one or two pages). Plain
//! server-rendered pages with print CSS: on screen the site's frame and a hint, on paper only
//! the poster, readable in black and white, with a QR code to the page. The data is
//! `poputchiki_core::posters`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::accounts::pages::loaded_page;
use crate::error::PublicError;
use crate::i18n::use_i18n;
pub use poputchiki_core::posters::{OkrugPoster, OrgPoster, PosterGroup};

/// A published organization's poster; `NotFound` for any other.
#[server(input = GetUrl, endpoint = "posters/org")]
pub async fn load_org_poster(id_slug: String) -> Result<OrgPoster, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let id = crate::organizations::parse_id(&id_slug).ok_or(PublicError::NotFound)?;
    let viewer = crate::accounts::current_viewer();
    Ok(poputchiki_core::posters::org_poster(&state, id, viewer.as_ref(), &i18n).await?)
}

/// An okrug's poster; `NotFound` for an unknown okrug.
#[server(input = GetUrl, endpoint = "posters/okrug")]
pub async fn load_okrug_poster(slug: String) -> Result<OkrugPoster, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    Ok(poputchiki_core::posters::okrug_poster(&state, &slug, &i18n).await?)
}

fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

#[component]
pub fn OrgPosterRoute() -> impl IntoView {
    let id_slug = param("id_slug");
    loaded_page(Resource::new(id_slug, load_org_poster), |p| {
        view! { <OrgPosterView p/> }
    })
}

#[component]
pub fn OkrugPosterRoute() -> impl IntoView {
    let slug = param("slug");
    loaded_page(Resource::new(slug, load_okrug_poster), |p| {
        view! { <OkrugPosterView p/> }
    })
}

/// The QR code and the address it holds, for people without a camera.
#[component]
fn QrFoot(svg: String, url: String, text: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="poster-foot">
            <div class="poster-qr" role="img" aria-label=i18n.t("poster-qr-label") inner_html=svg></div>
            <p>{text}<br/><span class="poster-url">{url}</span></p>
        </div>
    }
}

#[component]
fn OrgPosterView(p: OrgPoster) -> impl IntoView {
    let i18n = use_i18n();
    let back = p.url.clone();
    view! {
        <Title text=i18n.t_with("poster-title-org", &[("name", p.name.as_str().into())])/>
        <Meta name="robots" content="noindex"/>
        <p class="no-print wrap poster-hint">{i18n.t("poster-hint")} " " <a href=back>{i18n.t("poster-back")}</a></p>
        <article class="poster">
            <p class="poster-kicker">
                {p.kind_label}
                {p.is_demo.then(|| view! { " · " {i18n.t("badge-demo")} })}
            </p>
            <h1>{p.name}</h1>
            {(!p.sentence.is_empty()).then(|| view! { <p class="poster-sentence">{p.sentence}</p> })}
            {(!p.audiences.is_empty()).then(|| view! {
                <p class="poster-for"><strong>{i18n.t("poster-for")} ": "</strong>{p.audiences.join(", ")}</p>
            })}
            {(!p.services.is_empty()).then(|| view! {
                <h2>{i18n.t("poster-services")}</h2>
                <ul class="poster-services">{p.services.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            })}
            {(!p.phones.is_empty()).then(|| view! {
                <p class="poster-phone"><span class="poster-label">{i18n.t("poster-phone")}</span>{p.phones.join(", ")}</p>
            })}
            {(!p.place.is_empty()).then(|| view! {
                <p class="poster-place"><span class="poster-label">{i18n.t("poster-address")}</span>{p.place}</p>
            })}
            <QrFoot svg=p.qr_svg url=p.url text=i18n.t("poster-scan")/>
        </article>
    }
}

#[component]
fn OkrugPosterView(p: OkrugPoster) -> impl IntoView {
    let i18n = use_i18n();
    let more = p.total - p.shown;
    let back = p.url.clone();
    view! {
        <Title text=i18n.t_with("poster-okrug-title", &[("okrug", p.name.as_str().into())])/>
        <Meta name="robots" content="noindex"/>
        <p class="no-print wrap poster-hint">{i18n.t("poster-hint")} " " <a href=back>{i18n.t("poster-okrug-back")}</a></p>
        <article class="poster poster-okrug">
            <p class="poster-kicker">{p.name}</p>
            <h1>{i18n.t("poster-okrug-heading")}</h1>
            {p.groups.is_empty().then(|| view! { <p>{i18n.t("poster-okrug-empty")}</p> })}
            <div class="poster-groups">
                {p.groups.into_iter().map(|g| view! { <PosterGroupView g/> }).collect_view()}
            </div>
            {(more > 0).then(|| view! {
                <p class="poster-more">{i18n.t_with("poster-more", &[("count", (more as i64).into())])}</p>
            })}
            <QrFoot svg=p.qr_svg url=p.url text=i18n.t("poster-okrug-scan")/>
        </article>
    }
}

#[component]
fn PosterGroupView(g: PosterGroup) -> impl IntoView {
    view! {
        <section class="poster-group">
            <h2>{g.direction}</h2>
            <ul>
                {g.entries.into_iter().map(|e| view! {
                    <li>
                        <strong>{e.name}</strong>
                        {(!e.settlement.is_empty()).then(|| view! { ", " {e.settlement} })}
                        {(!e.phone.is_empty()).then(|| view! { " — " <span class="poster-tel">{e.phone}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
