//! The home page: the region's organizations with a filter by okrug, direction and audience.
//! The filter is a plain GET form (works without JavaScript, state in the URL); once the
//! `OrgBrowser` island hydrates, changing a field updates the list in place and keeps the
//! URL in sync, with no page reload.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::parts::{CardList, LoadError, Pager};
use crate::i18n::{use_i18n, I18n, Locale};
use crate::organizations::{list_organizations, load_home, HomeData, OrgFilter, OrgListPage};
use crate::taxonomy::TermLabel;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let values: Vec<(&str, String)> = ["okrug", "direction", "audience", "page"]
            .into_iter()
            .filter_map(|k| q.get(k).map(|v| (k, v)))
            .collect();
        OrgFilter::from_pairs(values.iter().map(|(k, v)| (*k, v.as_str())))
    };
    let data = Resource::new(filter, load_home);
    view! {
        <Title text=""/>
        <Meta name="description" content=i18n.t("site-tagline")/>
        <section class="wrap intro">
            <h1>{i18n.t("home-title")}</h1>
            <p class="lead">{i18n.t("home-intro")}</p>
        </section>
        <Suspense fallback=move || view! { <p class="wrap">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <OrgBrowser data locale=i18n.locale/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Whether the list is being refreshed, or failed to refresh.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LoadState {
    Ready,
    Loading,
    Failed,
}

/// The filter form and the result list. An island: its props arrive as JSON in the page,
/// so it renders the same in the browser as on the server, then takes over the form.
#[island]
pub fn OrgBrowser(data: HomeData, locale: Locale) -> impl IntoView {
    let i18n = I18n::new(locale);
    provide_context(i18n);
    let HomeData {
        options,
        filter: initial,
        list: first_page,
        ..
    } = data;
    let filter = RwSignal::new(initial);
    let list = RwSignal::new(first_page);
    let state = RwSignal::new(LoadState::Ready);
    let generation = StoredValue::new(0u64);
    // Effects run only in the browser: this marks the island as live (tests wait for it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    // Fetches a filter's results; only the newest request may update the list.
    let load = move |f: OrgFilter, push_history: bool| {
        filter.set(f.clone());
        state.set(LoadState::Loading);
        if push_history {
            browser::push_url(&f);
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let result = list_organizations(f).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(page) => {
                    list.set(page);
                    state.set(LoadState::Ready);
                }
                Err(_) => state.set(LoadState::Failed),
            }
        });
    };
    browser::on_back_forward(move |f| load(f, false));

    let set_field = move |field: &'static str, value: String| {
        let mut f = filter.get_untracked();
        let value = Some(value).filter(|v| !v.is_empty());
        match field {
            "okrug" => f.okrug = value,
            "direction" => f.direction = value,
            _ => f.audience = value,
        }
        f.page = 1;
        load(f, true);
    };

    view! {
        <section class="wrap browser" aria-labelledby="results-heading" data-hydrated=move || hydrated.get().then_some("true")>
            <form class="filters" method="get" action="/" role="search"
                on:submit=move |ev| { ev.prevent_default(); load(filter.get_untracked().with_page(1), true); }>
                <FilterSelect id="okrug" label=i18n.t("filter-okrug") any=i18n.t("filter-any-okrug")
                    options=options.okrugs filter on_pick=move |v| set_field("okrug", v)/>
                <FilterSelect id="direction" label=i18n.t("filter-direction") any=i18n.t("filter-any-direction")
                    options=options.directions filter on_pick=move |v| set_field("direction", v)/>
                <FilterSelect id="audience" label=i18n.t("filter-audience") any=i18n.t("filter-any-audience")
                    options=options.audiences filter on_pick=move |v| set_field("audience", v)/>
                <div class="filter-actions">
                    <button type="submit" class="button">{i18n.t("filter-apply")}</button>
                    <a href="/" class="button secondary" on:click=move |ev| { ev.prevent_default(); load(OrgFilter { page: 1, ..Default::default() }, true); }>
                        {i18n.t("filter-reset")}
                    </a>
                </div>
            </form>
            <h2 id="results-heading" class="results-heading" role="status" aria-live="polite"
                aria-busy=move || (state.get() == LoadState::Loading).to_string()>
                {move || result_heading(&i18n, &list.get(), state.get())}
            </h2>
            <div class="results" class:loading=move || state.get() == LoadState::Loading
                on:click=move |ev| if let Some(page) = browser::pager_click(&ev) { load(filter.get_untracked().with_page(page), true) }>
                {move || view! { <CardList list=list.get()/> }}
                {move || view! { <Pager list=list.get() filter=filter.get() base="/".to_owned()/> }}
            </div>
        </section>
    }
}

fn result_heading(i18n: &I18n, list: &OrgListPage, state: LoadState) -> String {
    match state {
        LoadState::Loading => i18n.t("loading"),
        LoadState::Failed => i18n.t("err-transport"),
        LoadState::Ready => i18n.t_with("orgs-found", &[("count", list.total.into())]),
    }
}

/// One labelled drop-down of the filter form.
#[component]
fn FilterSelect(
    id: &'static str,
    label: String,
    any: String,
    options: Vec<TermLabel>,
    filter: RwSignal<OrgFilter>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let current = move || {
        filter.with(|f| match id {
            "okrug" => f.okrug.clone(),
            "direction" => f.direction.clone(),
            _ => f.audience.clone(),
        })
    };
    let dom_id = format!("f-{id}");
    view! {
        <div class="field">
            <label for=dom_id.clone()>{label}</label>
            <select id=dom_id name=id on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="" selected=move || current().is_none()>{any}</option>
                {options.into_iter().map(|o| {
                    let code = o.code.clone();
                    let is_current = move || current().as_deref() == Some(code.as_str());
                    view! { <option value=o.code selected=is_current.clone() prop:selected=is_current>{o.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Browser-only helpers: history, back/forward and pager clicks. No-ops on the server.
mod browser {
    use crate::organizations::OrgFilter;

    #[cfg(feature = "hydrate")]
    pub fn push_url(f: &OrgFilter) {
        let url = format!("/{}", f.query_string());
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    #[cfg(feature = "hydrate")]
    fn filter_from_location() -> OrgFilter {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let pairs: Vec<(&str, String)> = ["okrug", "direction", "audience", "page"]
            .into_iter()
            .filter_map(|k| params.as_ref().and_then(|p| p.get(k)).map(|v| (k, v)))
            .collect();
        OrgFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    #[cfg(feature = "hydrate")]
    pub fn on_back_forward(load: impl Fn(OrgFilter) + 'static) {
        let handle = leptos::prelude::window_event_listener(leptos::ev::popstate, move |_| {
            load(filter_from_location())
        });
        leptos::prelude::on_cleanup(move || handle.remove());
    }

    /// The page number of a pager link that was clicked, with the navigation cancelled.
    #[cfg(feature = "hydrate")]
    pub fn pager_click(ev: &leptos::ev::MouseEvent) -> Option<u32> {
        use wasm_bindgen::JsCast;
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let link = target.closest("a[data-page]").ok()??;
        let page = link.get_attribute("data-page")?.parse().ok()?;
        ev.prevent_default();
        if let Some(top) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("results-heading"))
        {
            top.scroll_into_view();
        }
        Some(page)
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn push_url(_: &OrgFilter) {}

    #[cfg(not(feature = "hydrate"))]
    pub fn on_back_forward(_: impl Fn(OrgFilter) + 'static) {}

    #[cfg(not(feature = "hydrate"))]
    pub fn pager_click(_: &leptos::ev::MouseEvent) -> Option<u32> {
        None
    }
}
