//! "Near" in the search form: an okrug-centre select, a radius, and with JavaScript "my
//! village" typed with suggestions from the region's gazetteer and "near me". Without
//! JavaScript the "my village" page (`/places`) is the way to a village.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::browser;
use super::view::{PlaceOption, SearchView};
use crate::error::PublicError;
use crate::i18n::use_i18n;

/// Settlements matching what a visitor typed, as near-filter options. Public data; the
/// text read and the answer are capped (`queries::PLACE_QUERY_CHARS`, `PLACE_MATCHES`).
#[server(input = GetUrl, endpoint = "places/find")]
pub async fn find_places(q: String) -> Result<Vec<PlaceOption>, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    Ok(poputchiki_core::queries::find_places(
        &state.region,
        &q,
        i18n.locale,
    ))
}

#[component]
pub fn NearPicker(
    initial: SearchView,
    view: RwSignal<SearchView>,
    hydrated: RwSignal<bool>,
    geo_message: RwSignal<Option<String>>,
    on_located: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let near_value = move || view.with(|v| v.near_value.clone());
    let radius_value =
        move || view.with(|v| v.radius_km.map(|r| format!("{r}")).unwrap_or_default());
    // A place the page did not render as an option: "near me", or a village typed below.
    let extra = RwSignal::new(None::<PlaceOption>);
    let found = RwSignal::new(Vec::<PlaceOption>::new());
    let lookup = browser::Debouncer::new(250);
    let select_ref = NodeRef::<leptos::html::Select>::new();
    let choose = move |place: PlaceOption| {
        extra.set(Some(place));
        // Let the new option render, then read the form.
        leptos::task::spawn_local(async move { on_located() });
    };
    let locate = move |_| {
        geo_message.set(Some(i18n.t("near-me-locating")));
        browser::locate(
            move |value| {
                geo_message.set(None);
                choose(PlaceOption {
                    label: i18n.t("near-me-option"),
                    value,
                });
            },
            move || {
                geo_message.set(Some(i18n.t("near-me-denied")));
                if let Some(s) = select_ref.get_untracked() {
                    let _ = s.focus();
                }
            },
        );
    };
    let typed = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        // A suggestion picked from the list arrives as its whole label.
        if let Some(place) = found.with_untracked(|f| f.iter().find(|p| p.label == text).cloned()) {
            choose(place);
            return;
        }
        lookup.run(move || {
            leptos::task::spawn_local(async move {
                if let Ok(places) = find_places(text).await {
                    found.set(places);
                }
            })
        });
    };
    view! {
        <details class="facet near" open=initial.near.is_some()>
            <summary>{i18n.t("near-title")}</summary>
            <div class="field">
                <label for="near">{i18n.t("near-label")}</label>
                <select node_ref=select_ref id="near" name="near"
                    prop:value=move || extra.get().map(|p| p.value).unwrap_or_else(near_value)>
                    <option value="">{i18n.t("near-anywhere")}</option>
                    {move || extra.get().map(|p| view! { <option value=p.value selected=true>{p.label}</option> })}
                    {initial.places.iter().map(|p| {
                        let value = p.value.clone();
                        view! { <option value=p.value.clone() selected=move || near_value() == value>{p.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field" hidden=move || !hydrated.get()>
                <label for="near-village">{i18n.t("near-village")}</label>
                <input type="search" id="near-village" list="near-villages" autocomplete="off"
                    maxlength="60" on:input=typed/>
                <datalist id="near-villages">
                    {move || found.get().into_iter().map(|p| view! { <option value=p.label></option> }).collect_view()}
                </datalist>
            </div>
            <p><a href="/places">{i18n.t("near-my-village")}</a></p>
            <div class="field">
                <label for="radius_km">{i18n.t("radius-label")}</label>
                <select id="radius_km" name="radius_km" prop:value=radius_value>
                    <option value="">{i18n.t("radius-any")}</option>
                    {[5, 10, 25, 50, 100].into_iter().map(|r| {
                        let value = r.to_string();
                        view! { <option value=value.clone() selected=move || radius_value() == value>{i18n.t_with("radius-km", &[("km", r.into())])}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="button secondary" hidden=move || !hydrated.get() on:click=locate>
                {i18n.t("near-me")}
            </button>
            <p class="note" role="status">{move || geo_message.get()}</p>
            // "Search this area" on the map writes the visible box here.
            <input type="hidden" id="bbox" name="bbox" value=initial.bbox_value.clone()/>
        </details>
    }
}
