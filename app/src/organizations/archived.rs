//! The banner of an archived organization's page: it no longer works (since when, and why),
//! with a link to organizations of the same directions nearby; search engines are asked not
//! to index the page.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::use_i18n;
use crate::organizations::OrganizationPage;

/// The search for organizations like this one: its directions, nearest first.
pub fn similar_url(p: &OrganizationPage) -> String {
    let mut url = String::from("/?");
    for d in &p.directions {
        url.push_str(&format!("direction={}&", d.code));
    }
    url.push_str(&format!(
        "near={:.5},{:.5}&radius_km=50&sort=distance",
        p.lat, p.lon
    ));
    url
}

#[component]
pub fn ArchivedBanner(page: OrganizationPage) -> impl IntoView {
    let i18n = use_i18n();
    page.archived.clone().map(|a| {
        let since = if a.since.is_empty() {
            i18n.t("archived-title")
        } else {
            i18n.t_with("archived-since", &[("date", a.since.clone().into())])
        };
        view! {
            <Meta name="robots" content="noindex"/>
            <div class="notice warning archived" role="status">
                <p><strong>{since}</strong></p>
                {(!a.note.is_empty()).then(|| view! { <p>{a.note.clone()}</p> })}
                <p>{i18n.t("archived-text")} " "
                    <a href=similar_url(&page)>{i18n.t("archived-similar")}</a>
                </p>
            </div>
        }
    })
}
