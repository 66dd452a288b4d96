//! "Near" in the search form: an okrug-centre select, a radius, and with JavaScript "my
//! village" typed with suggestions from the region's gazetteer and "near me". Without
//! JavaScript the "my village" page (`/places`) is the way to a village. The island's side
//! of it (suggestions, geolocation) is in `browser.rs`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

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

/// "Near" as the server renders it. The village field and "near me" need JavaScript: they
/// stay `hidden` until the island shows them (`data-js`).
#[component]
pub fn NearPicker(view: SearchView) -> impl IntoView {
    let i18n = use_i18n();
    let near_value = view.near_value.clone();
    let radius_value = view.radius_km.map(|r| format!("{r}")).unwrap_or_default();
    // A point that is no village or okrug centre ("near me", a shared link) keeps an option.
    let other = (!near_value.is_empty() && !view.places.iter().any(|p| p.value == near_value))
        .then(|| view! { <option value=near_value.clone() selected=true>{i18n.t("map-chosen-point")}</option> });
    view! {
        <details class="facet near" open=view.near.is_some()>
            <summary>{i18n.t("near-title")}</summary>
            <div class="field">
                <label for="near">{i18n.t("near-label")}</label>
                <select id="near" name="near">
                    <option value="">{i18n.t("near-anywhere")}</option>
                    {other}
                    {view.places.iter().map(|p| {
                        view! { <option value=p.value.clone() selected=near_value == p.value>{p.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field" hidden data-js="1">
                <label for="near-village">{i18n.t("near-village")}</label>
                <input type="search" id="near-village" list="near-villages" autocomplete="off" maxlength="60"/>
                <datalist id="near-villages"></datalist>
            </div>
            <p><a href="/places">{i18n.t("near-my-village")}</a></p>
            <div class="field">
                <label for="radius_km">{i18n.t("radius-label")}</label>
                <select id="radius_km" name="radius_km">
                    <option value="">{i18n.t("radius-any")}</option>
                    {[5, 10, 25, 50, 100].into_iter().map(|r| {
                        let value = r.to_string();
                        let selected = radius_value == value;
                        view! { <option value=value selected=selected>{i18n.t_with("radius-km", &[("km", r.into())])}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" id="near-me" class="button secondary" hidden data-js="1">{i18n.t("near-me")}</button>
            <p id="near-status" class="note" role="status"></p>
            // "Search this area" on the map writes the visible box here.
            <input type="hidden" id="bbox" name="bbox" value=view.bbox_value.clone()/>
        </details>
    }
}
