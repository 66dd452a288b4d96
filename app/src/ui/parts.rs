//! Small components shared by several pages (and by islands): organization cards, chips,
//! the mini-map, the pager and the 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::PublicError;
use crate::i18n::use_i18n;
use crate::organizations::{MiniMap, OrgCard, OrgFilter, OrgListPage};
use crate::taxonomy::TermLabel;

/// A list of taxonomy labels as small badges.
#[component]
pub fn Chips(items: Vec<TermLabel>, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <ul class=format!("chips {class}")>
            {items.into_iter().map(|t| view! { <li data-code=t.code>{t.label}</li> }).collect_view()}
        </ul>
    }
}

/// One organization in a list.
#[component]
pub fn OrgCardView(card: OrgCard) -> impl IntoView {
    let i18n = use_i18n();
    // "г. Курган" already names the urban okrug "Курган": do not repeat it.
    let place = if card.settlement.is_empty() {
        card.okrug.name.clone()
    } else if card.settlement.contains(&card.okrug.name) {
        card.settlement.clone()
    } else {
        format!("{}, {}", card.settlement, card.okrug.name)
    };
    let stale = card.freshness == crate::freshness::Freshness::Stale;
    view! {
        <li class="card" id=format!("org-{}", card.id) data-org-id=card.id
            data-freshness=stale.then_some("stale")
            data-lat=card.at.map(|p| format!("{:.5}", p.lat)) data-lon=card.at.map(|p| format!("{:.5}", p.lon))>
            <h3 class="card-title"><a href=card.url.clone()>{card.name.clone()}</a></h3>
            <p class="card-meta">
                <span class="kind">{card.kind_label.clone()}</span>
                " · "
                <a href=format!("/okrug/{}", card.okrug.slug) class="okrug-link">{place}</a>
                {card.verified.then(|| view! { " · " <span class="badge verified">{i18n.t("badge-verified")}</span> })}
                {card.is_demo.then(|| view! { " · " <span class="badge demo">{i18n.t("badge-demo")}</span> })}
            </p>
            {match card.snippet_html.clone() {
                // Built by search: HTML-escaped text with <mark> around matched words.
                Some(html) => view! { <p class="card-summary" inner_html=html></p> }.into_any(),
                None => view! { <p class="card-summary">{card.summary.clone()}</p> }.into_any(),
            }}
            {stale.then(|| view! { <p class="card-stale">{i18n.t("freshness-stale-card")}</p> })}
            {card.distance_km.map(|d| view! {
                <p class="card-distance">{i18n.t_with("card-distance", &[("km", format!("{d:.1}").replace('.', ",").into())])}</p>
            })}
            {(!card.directions.is_empty()).then(|| view! {
                <div class="card-terms">
                    <span class="terms-label">{i18n.t("card-directions")}</span>
                    <Chips items=card.directions.clone()/>
                </div>
            })}
            {(!card.audiences.is_empty()).then(|| view! {
                <div class="card-terms">
                    <span class="terms-label">{i18n.t("card-audiences")}</span>
                    <Chips items=card.audiences.clone() class="audience"/>
                </div>
            })}
        </li>
    }
}

/// A list of cards, or a clear "nothing here" message.
#[component]
pub fn CardList(list: OrgListPage) -> impl IntoView {
    let i18n = use_i18n();
    if list.cards.is_empty() {
        return view! { <p class="empty">{i18n.t("list-empty")}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {list.cards.into_iter().map(|card| view! { <OrgCardView card/> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "Page 2 of 15" with previous/next links. `base` is the path the links go to.
#[component]
pub fn Pager(list: OrgListPage, filter: OrgFilter, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let pages = list.page_count();
    if pages <= 1 {
        return ().into_any();
    }
    let page = list.page;
    let link = move |p: u32| format!("{base}{}", filter.with_page(p).query_string());
    view! {
        <nav class="pager" aria-label=i18n.t("pager-label")>
            {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1) data-page=page - 1>{i18n.t("pager-prev")}</a> })}
            <span>{i18n.t_with("pager-position", &[("page", page.into()), ("pages", pages.into())])}</span>
            {(page < pages).then(|| view! { <a rel="next" href=link(page + 1) data-page=page + 1>{i18n.t("pager-next")}</a> })}
        </nav>
    }
    .into_any()
}

/// "Page 2 of 15" with previous/next links already built (for lists that are not
/// organization cards: the staff queues, the needs).
#[component]
pub fn PageNav(
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| view! {
        <nav class="pager" aria-label=i18n.t("pager-label")>
            {prev.map(|h| view! { <a rel="prev" href=h>{i18n.t("pager-prev")}</a> })}
            <span>{i18n.t_with("pager-position", &[("page", page.into()), ("pages", pages.into())])}</span>
            {next.map(|h| view! { <a rel="next" href=h>{i18n.t("pager-next")}</a> })}
        </nav>
    })
}

/// The static okrug outline with an optional point.
#[component]
pub fn MiniMapSvg(map: MiniMap, label: String) -> impl IntoView {
    view! {
        <svg class="minimap" viewBox=map.view_box role="img" aria-label=label xmlns="http://www.w3.org/2000/svg">
            <path d=map.outline class="okrug-shape" fill-rule="evenodd"/>
            {map.point.map(|(x, y)| view! {
                <circle cx=x cy=y r="9" class="point-halo"/>
                <circle cx=x cy=y r="5" class="point"/>
            })}
        </svg>
    }
}

/// Sets the HTTP status of the response being rendered (no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(
            http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The 404 page: a real page with a way back, and a 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("not-found-title")/>
        <section class="wrap not-found">
            <h1>{i18n.t("not-found-title")}</h1>
            <p>{i18n.t("not-found-text")}</p>
            <p><a class="button" href="/">{i18n.t("not-found-home")}</a></p>
        </section>
    }
}

/// What a page shows when its data could not be loaded; 404s get the 404 page.
#[component]
pub fn LoadError(error: PublicError) -> impl IntoView {
    if error == PublicError::NotFound {
        return view! { <NotFound/> }.into_any();
    }
    set_status(500);
    let i18n = use_i18n();
    view! {
        <section class="wrap">
            <h1>{i18n.t("error-title")}</h1>
            <p role="alert">{i18n.t(error.message_key())}</p>
        </section>
    }
    .into_any()
}
