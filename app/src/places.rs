//! "Мой населённый пункт" (`/places`): pick your village from the region's gazetteer, okrug
//! by okrug, with plain links and no JavaScript; each opens the search near it, nearest
//! first.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use poputchiki_core::gazetteer::PlacesPage;

use crate::accounts::pages::query_param;
use crate::error::PublicError;
use crate::i18n::use_i18n;
use crate::ui::parts::LoadError;

/// The okrugs and, for a chosen okrug, its settlements. Public data.
#[server(input = GetUrl, endpoint = "places")]
pub async fn load_places(okrug: Option<String>) -> Result<PlacesPage, PublicError> {
    let (state, _) = crate::state::request_context()?;
    Ok(poputchiki_core::queries::places_page(
        &state.region,
        okrug.as_deref(),
    ))
}

#[component]
pub fn PlacesRoute() -> impl IntoView {
    let i18n = use_i18n();
    let okrug = query_param("okrug");
    let data = Resource::new(move || okrug.get(), load_places);
    view! {
        <Title text=i18n.t("places-title")/>
        <section class="wrap places-page">
            <h1>{i18n.t("places-title")}</h1>
            <p class="lead">{i18n.t("places-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Places page/> }.into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Places(page: PlacesPage) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {page.chosen.map(|(name, places)| view! {
            <h2 id="places">{name}</h2>
            {places.is_empty().then(|| view! { <p>{i18n.t("places-none")}</p> })}
            <ul class="place-list">
                {places.into_iter().map(|p| view! { <li><a href=p.href>{p.label}</a></li> }).collect_view()}
            </ul>
            <p><a href="/places">{i18n.t("places-other-okrug")}</a></p>
        })}
        <h2>{i18n.t("places-okrugs")}</h2>
        <ul class="okrug-list">
            {page.okrugs.into_iter().map(|(slug, name, n)| view! {
                <li><a href=format!("/places?okrug={slug}#places")>{name}</a>
                    " " <span class="count">{i18n.t_with("places-count", &[("count", n.into())])}</span></li>
            }).collect_view()}
        </ul>
    }
}
