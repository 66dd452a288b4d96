//! The search page at `/`: the query box, facets with counts, "near" and sort, and the
//! results. Server-rendered from the URL, so every view is a shareable link and works
//! without JavaScript (it is one plain GET form). The `SearchBrowser` island then updates
//! results while you type and when you tick a facet, and keeps the URL in sync.
//!
//! The results (cards, suggestions, pager) are always rendered on the server: the page
//! passes them into the island as children, and a new search brings them as HTML with the
//! facet counts (`SearchUpdate`). So the WASM carries the controls, not the cards.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};

use super::browser;
use super::near::NearPicker;
use super::params::Facet;
use super::view::SearchView;
use crate::error::PublicError;
use crate::i18n::{use_i18n, I18n, Locale};
use crate::ui::parts::{LoadError, OrgCardView};
use crate::web::request::asset_url;

/// What the island gets for a new search: the controls' data and the results as HTML.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SearchUpdate {
    pub view: SearchView,
    /// The server's rendering of the results (`Results`), inserted as it is.
    pub html: String,
}

/// Runs a search from a raw URL query string: the localized page data and its results.
#[server(input = GetUrl, endpoint = "search/view")]
pub async fn run_search(query: String) -> Result<SearchUpdate, PublicError> {
    let (_, i18n) = crate::state::request_context()?;
    let view = load_view(query).await?;
    let html = results_html(&view, i18n);
    Ok(SearchUpdate { view, html })
}

/// The search page's data for a raw URL query string (on the server; the browser asks
/// `run_search`).
async fn load_view(query: String) -> Result<SearchView, PublicError> {
    #[cfg(feature = "ssr")]
    {
        let (state, i18n) = crate::state::request_context()?;
        let job =
            move |s: &crate::state::Core| super::page_data::search_view(&s.search, &query, &i18n);
        Ok(crate::blocking::off_the_workers(&state, job).await??)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = query;
        Err(PublicError::Internal)
    }
}

/// `Results` as an HTML string, in the reader's language.
#[cfg(feature = "ssr")]
fn results_html(view: &SearchView, i18n: I18n) -> String {
    let view = view.clone();
    Owner::new().with(move || {
        provide_context(i18n);
        view! { <Results view/> }.to_html()
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
        <div class="search-page">
        <section class="wrap intro" class:searched=!raw_is_empty>
            <h1>{i18n.t("home-title")}</h1>
            <p class="lead">{i18n.t("home-intro")}</p>
        </section>
        <Suspense fallback=move || view! { <p class="wrap">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <SearchBrowser initial=view.clone() locale=i18n.locale>
                            <Results view/>
                        </SearchBrowser>
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
            data-s-one=i18n.t("map-org-one") data-s-few=i18n.t("map-org-few") data-s-many=i18n.t("map-org-many")
            data-s-zoom=i18n.t("map-zoom-in") data-s-here=i18n.t("map-chosen-point")
            data-s-error=i18n.t("map-load-error") data-s-legend=i18n.t("map-legend")
            data-s-same-spot=i18n.t("map-same-spot") data-s-near-village=i18n.t("map-near-village")>
            <div class="map-tools">
                <div class="check">
                    <input type="checkbox" id="map-area"/>
                    <label for="map-area">{i18n.t("map-search-area")}</label>
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

/// The request's raw query string (server) or "" (never used in the browser).
fn current_query() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.uri.query().map(str::to_owned))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LoadState {
    Ready,
    Loading,
    Failed,
}

/// The whole search form and its results. Its state is the form itself: every control is
/// a named form field, so reading the form gives the query string to fetch and to show.
#[island]
pub fn SearchBrowser(initial: SearchView, locale: Locale, children: Children) -> impl IntoView {
    let i18n = I18n::new(locale);
    provide_context(i18n);
    let view = RwSignal::new(initial.clone());
    let state = RwSignal::new(LoadState::Ready);
    let hydrated = RwSignal::new(false);
    let filters_ref = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        hydrated.set(true);
        browser::open_on_wide_screens(filters_ref);
    });
    let generation = StoredValue::new(0u64);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let q_ref = NodeRef::<leptos::html::Input>::new();
    let list_ref = NodeRef::<leptos::html::Div>::new();
    let geo_message = RwSignal::new(None::<String>);

    // Fetches `query` and shows it; only the newest request may update the page.
    let load = move |query: String, history: browser::History| {
        if query == view.with_untracked(|v| v.query.clone()) && history != browser::History::None {
            return;
        }
        state.set(LoadState::Loading);
        browser::set_url(&query, history);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let result = run_search(query).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(update) => {
                    browser::set_html(list_ref, &update.html);
                    view.set(update.view);
                    state.set(LoadState::Ready);
                }
                Err(_) => state.set(LoadState::Failed),
            }
        });
    };
    let from_form = move |history: browser::History| {
        if let Some(form) = form_ref.get_untracked() {
            load(browser::form_query(&form), history);
        }
    };
    let typing = browser::Debouncer::new(300);
    browser::on_back_forward(move |query| {
        browser::set_input(q_ref, &query);
        load(query, browser::History::None);
    });

    view! {
        <section class="wrap search" data-hydrated=move || hydrated.get().then_some("true")>
            <form node_ref=form_ref method="get" action="/" role="search" class="search-form"
                on:submit=move |ev| { ev.prevent_default(); from_form(browser::History::Push); }
                on:change=move |_| from_form(browser::History::Push)>
                <div class="searchbar">
                    <label for="q">{i18n.t("search-label")}</label>
                    <div class="searchbar-row">
                        <input node_ref=q_ref type="search" id="q" name="q" value=initial.q.clone()
                            autocomplete="off" enterkeyhint="search" maxlength="200"
                            placeholder=i18n.t("search-placeholder")
                            on:input=move |_| typing.run(move || from_form(browser::History::Replace))/>
                        <button type="submit" class="button">{i18n.t("search-button")}</button>
                    </div>
                </div>
                <div class="search-layout">
                    // On a phone the results come first: the filters fold behind one line
                    // with their count (a plain <details>, so without JavaScript too). Wide
                    // screens show them open beside the results.
                    <details class="filters-toggle" node_ref=filters_ref>
                        <summary>{move || i18n.t_with("filters-toggle", &[("n", view.with(|v| v.active_filters()).into())])}</summary>
                        <aside class="facets" aria-label=i18n.t("facets-label")>
                            <NearPicker initial=initial.clone() view hydrated geo_message
                                on_located=move || from_form(browser::History::Push)/>
                            {initial.facets.iter().map(|g| view! { <FacetBox group=g.clone() view/> }).collect_view()}
                            <button type="submit" class="button secondary apply">{i18n.t("facets-apply")}</button>
                        </aside>
                    </details>
                    <div class="results" class:loading=move || state.get() == LoadState::Loading
                        on:click=move |ev| if let Some(href) = browser::intercepted_link(&ev) {
                            load(href.trim_start_matches("/").trim_start_matches('?').to_owned(), browser::History::Push)
                        }>
                        <ResultsBar view state/>
                        <div class="results-list" node_ref=list_ref>{children()}</div>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// "Found: N" with the sort order next to it.
#[component]
fn ResultsBar(view: RwSignal<SearchView>, state: RwSignal<LoadState>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || match state.get() {
        LoadState::Loading => i18n.t("loading"),
        LoadState::Failed => i18n.t("err-transport"),
        LoadState::Ready => i18n.t_with(
            "orgs-found",
            &[("count", (view.with(|v| v.total) as i64).into())],
        ),
    };
    let sort_value = move || {
        view.with(|v| {
            if v.sort_chosen {
                v.sort.as_str().to_owned()
            } else {
                String::new()
            }
        })
    };
    let options = [
        ("", "sort-default"),
        ("relevance", "sort-relevance"),
        ("name", "sort-name"),
        ("distance", "sort-distance"),
        ("updated", "sort-updated"),
        ("verified", "sort-verified"),
    ];
    view! {
        <div class="results-bar">
            // The live region wraps the heading: a role on the <h2> would hide that it is one.
            <div role="status" aria-live="polite"><h2 id="results-heading" class="results-heading">{heading}</h2></div>
            <div class="field inline">
                <label for="sort">{i18n.t("sort-label")}</label>
                <select id="sort" name="sort" prop:value=sort_value>
                    {options.into_iter().map(|(value, key)| {
                        let disabled = move || value == "distance" && view.with(|v| v.near.is_none());
                        view! {
                            <option value=value selected=move || sort_value() == value disabled=disabled>{i18n.t(key)}</option>
                        }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

/// Errors, suggestions, cards and the pager of one view.
#[component]
fn Results(view: SearchView) -> impl IntoView {
    let i18n = use_i18n();
    let errors = (!view.errors.is_empty()).then(|| {
        view! { <ul class="param-errors" role="alert">{view.errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul> }
    });
    let body = if view.cards.is_empty() {
        view! {
            <div class="no-results">
                <p>{i18n.t("search-nothing")}</p>
                {(!view.suggestions.is_empty()).then(|| view! {
                    <p>{i18n.t("search-try")}</p>
                    <ul class="suggestions">
                        {view.suggestions.iter().map(|s| view! { <li><a href=s.href.clone() data-nav="1">{s.text.clone()}</a></li> }).collect_view()}
                    </ul>
                })}
                <p><a href="/" data-nav="1">{i18n.t("search-reset")}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! { <ul class="cards">{view.cards.iter().map(|c| view! { <OrgCardView card=c.clone()/> }).collect_view()}</ul> }.into_any()
    };
    let pager = (view.pages > 1).then(|| {
        let page = view.page;
        view! {
            <nav class="pager" aria-label=i18n.t("pager-label")>
                {(page > 1).then(|| view! { <a rel="prev" href=view.page_href(page - 1) data-nav="1">{i18n.t("pager-prev")}</a> })}
                <span>{i18n.t_with("pager-position", &[("page", page.into()), ("pages", view.pages.into())])}</span>
                {(page < view.pages).then(|| view! { <a rel="next" href=view.page_href(page + 1) data-nav="1">{i18n.t("pager-next")}</a> })}
            </nav>
        }
    });
    view! { {errors} {body} {pager} }
}

/// One facet as a collapsible list of checkboxes with counts.
#[component]
fn FacetBox(group: super::view::FacetGroup, view: RwSignal<SearchView>) -> impl IntoView {
    let facet = group.facet;
    let open = group.values.iter().any(|v| v.selected)
        || matches!(facet, Facet::Direction | Facet::Audience);
    let name = facet.as_str();
    view! {
        <details class="facet" open=open>
            <summary>{group.title.clone()}</summary>
            <fieldset>
                <legend class="sr-only">{group.title.clone()}</legend>
                {group.values.into_iter().map(|v| {
                    let id = format!("f-{name}-{}", v.code);
                    let (c1, c2, c3) = (v.code.clone(), v.code.clone(), v.code.clone());
                    view! {
                        <div class="facet-option" class:empty=move || view.with(|s| s.count(facet, &c3) == 0 && !s.is_selected(facet, &c3))>
                            <input type="checkbox" id=id.clone() name=name value=v.code.clone() checked=v.selected
                                prop:checked=move || view.with(|s| s.is_selected(facet, &c1))/>
                            <label for=id>
                                {v.label.clone()} " "
                                <span class="count">{move || view.with(|s| s.count(facet, &c2))}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </details>
    }
}
