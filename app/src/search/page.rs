//! The search page at `/`: the query box, facets with counts, "near" and sort, and the
//! results. Server-rendered from the URL, so every view is a shareable link and works
//! without JavaScript (it is one plain GET form, `form::SearchForm`). The `SearchBrowser`
//! island then searches while you type and when you tick a facet, and keeps the URL in
//! sync: every new view is rendered on the server (`run_search`) and patched into the page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::form::SearchForm;
use super::island::SearchBrowser;
use super::view::SearchView;
use crate::error::PublicError;
use crate::i18n::use_i18n;
#[cfg(feature = "ssr")]
use crate::i18n::I18n;
use crate::ui::meta::{DataAlternates, ShareMeta};
use crate::ui::parts::LoadError;
use crate::web::request::{asset_url, current_query};

/// Runs a search from a raw URL query string: the search form for it (`SearchForm`) as
/// HTML, in the reader's language. The island reads it as a JSON string.
#[server(input = GetUrl, endpoint = "search/view")]
pub async fn run_search(query: String) -> Result<String, PublicError> {
    let (_, i18n) = crate::state::request_context()?;
    let view = load_view(query).await?;
    Ok(form_html(view, i18n))
}

/// The search page's data for a raw URL query string (on the server; the browser asks
/// `run_search`).
async fn load_view(query: String) -> Result<SearchView, PublicError> {
    #[cfg(feature = "ssr")]
    {
        let (state, i18n) = crate::state::request_context()?;
        let staff =
            crate::web::request::current_viewer().is_some_and(|v| v.is_staff_of(state.region.id));
        let job =
            move |s: &crate::state::Core| super::page_data::search_view(&s.search, &query, &i18n);
        let mut view = crate::blocking::off_the_workers(&state, job).await??;
        // Visitors see stale listings faded; the freshness filter is staff's working tool.
        // A visitor who arrives with one selected (a shared link) still sees its box, so
        // it can be cleared.
        if !staff {
            view.facets
                .retain(|g| !g.facet.is_staff_only() || g.values.iter().any(|v| v.selected));
        }
        Ok(view)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = query;
        Err(PublicError::Internal)
    }
}

/// `SearchForm` as an HTML string, in the reader's language.
#[cfg(feature = "ssr")]
fn form_html(view: SearchView, i18n: I18n) -> String {
    Owner::new().with(move || {
        provide_context(i18n);
        view! { <SearchForm view/> }.to_html()
    })
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let raw = current_query();
    let raw_is_empty = raw.is_empty();
    let data = Resource::new(move || raw.clone(), load_view);
    view! {
        <Title text=""/>
        <Meta name="description" content=i18n.t("site-tagline")/>
        <ShareMeta title=String::new() description=i18n.t("site-tagline") path="/".into()/>
        <DataAlternates query=String::new()/>
        <div class="search-page">
        <section class="wrap intro" class:searched=!raw_is_empty>
            <h1>{i18n.t("home-title")}</h1>
            <p class="lead">{i18n.t("home-intro")}</p>
        </section>
        <Suspense fallback=move || view! { <p class="wrap">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <SearchBrowser><SearchForm view/></SearchBrowser>
                    }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
        <MapPanel/>
        </div>
    }
}

/// The map beside (wide screens) or above (phones, on request) the results. Plain markup
/// that `public/map.js` brings to life with Leaflet; it stays hidden without JavaScript,
/// where the list is the whole page. It sits outside the island, so Leaflet's DOM never
/// meets hydration. Leaflet itself is loaded by map.js only when the map is shown.
#[component]
fn MapPanel() -> impl IntoView {
    let i18n = use_i18n();
    let (tiles, tiles_attribution) = tile_config();
    let okrug_attribution = i18n.t("map-okrug-attribution");
    view! {
        <div class="wrap map-toggle-row">
            <button type="button" class="button secondary map-toggle" id="map-toggle" hidden
                aria-controls="map-panel" aria-expanded="false"
                data-show=i18n.t("map-show") data-hide=i18n.t("map-hide")>{i18n.t("map-show")}</button>
        </div>
        <aside id="map-panel" class="map-panel" hidden aria-label=i18n.t("map-label")
            data-tiles=tiles data-tiles-attribution=tiles_attribution data-okrug-attribution=okrug_attribution
            data-s-open=i18n.t("map-open-page") data-s-approx=i18n.t("map-approximate")
            data-s-stale=i18n.t("freshness-stale-card")
            data-s-one=i18n.t("map-org-one") data-s-few=i18n.t("map-org-few") data-s-many=i18n.t("map-org-many")
            data-s-zoom=i18n.t("map-zoom-in") data-s-here=i18n.t("map-chosen-point")
            data-s-error=i18n.t("map-load-error") data-s-legend=i18n.t("map-legend")
            data-s-same-spot=i18n.t("map-same-spot") data-s-near-village=i18n.t("map-near-village")>
            <div class="map-tools">
                <div class="check">
                    <input type="checkbox" id="map-area"/>
                    <label for="map-area">{i18n.t("map-search-area")}</label>
                </div>
                <div class="check">
                    <input type="checkbox" id="map-ties"/>
                    <label for="map-ties">{i18n.t("map-ties")}</label>
                </div>
                <fieldset class="map-mode">
                    <legend class="sr-only">{i18n.t("map-mode")}</legend>
                    <div class="check">
                        <input type="radio" name="map-mode" id="map-mode-markers" value="markers" checked/>
                        <label for="map-mode-markers">{i18n.t("map-mode-markers")}</label>
                    </div>
                    <div class="check">
                        <input type="radio" name="map-mode" id="map-mode-choropleth" value="choropleth"/>
                        <label for="map-mode-choropleth">{i18n.t("map-mode-choropleth")}</label>
                    </div>
                </fieldset>
            </div>
            <div id="map" class="map" role="region" aria-label=i18n.t("map-region-label")></div>
            <div id="map-legend" class="map-legend" hidden></div>
            <p id="map-status" class="note map-status" role="status"></p>
            <p class="note">{i18n.t("map-list-hint")}</p>
        </aside>
        <script src=asset_url("map.js") defer
            data-leaflet-js=asset_url("vendor/leaflet/leaflet.js")
            data-leaflet-css=asset_url("vendor/leaflet/leaflet.css")></script>
    }
}

/// The raster tile URL template and its attribution, from the server's config.
pub fn tile_config() -> (String, String) {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|s| {
                (
                    s.config.tiles_url.clone().unwrap_or_default(),
                    s.config.tiles_attribution.clone(),
                )
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        (String::new(), String::new())
    }
}
