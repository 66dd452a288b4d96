//! One event as people read it, on an organization's page and in the calendar: when, what,
//! where (and whether online), how to sign up, and afterwards how it went.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::organizations::EventView;

/// The event's own lines; `phone` is the organization's number when sign-up is by phone
/// (an organization page links to its contacts instead).
#[component]
pub fn EventBody(e: EventView, #[prop(optional_no_strip)] phone: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sign_up = if !e.registration_url.is_empty() {
        Some(view! {
            <p class="event-signup"><a href=e.registration_url.clone() rel="nofollow noopener" class="button small">{i18n.t("event-sign-up")}</a></p>
        }.into_any())
    } else if e.registration_phone {
        Some(match phone {
            Some(p) => view! {
                <p class="event-signup">{i18n.t("event-sign-up-phone")} " "
                    <a href=format!("tel:{}", p.replace([' ', '-', '(', ')'], ""))>{p.clone()}</a></p>
            }.into_any(),
            None => view! {
                <p class="event-signup"><a href="#contacts">{i18n.t("event-sign-up-phone")}</a></p>
            }.into_any(),
        })
    } else {
        None
    };
    view! {
        <p class="event-when">{e.when.clone()}</p>
        <h3>{e.title.clone()}</h3>
        <p class="event-place">
            {(!e.place.is_empty()).then(|| e.place.clone())}
            {e.online.then(|| view! { " " <span class="badge">{i18n.t("event-online")}</span> })}
            {e.point.map(|(lat, lon)| view! {
                " " <a href=format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}") rel="nofollow noopener">{i18n.t("event-on-map")}</a>
            })}
        </p>
        {e.format.clone().map(|f| view! { <p class="event-format">{f.label}</p> })}
        {(!e.description.is_empty()).then(|| view! { <p>{e.description.clone()}</p> })}
        {sign_up}
        {(!e.report.is_empty()).then(|| view! {
            <div class="event-report"><h4>{i18n.t("event-report")}</h4><p>{e.report.clone()}</p></div>
        })}
    }
}

/// An organization's events as a list, or a line saying there are none.
#[component]
pub fn EventList(events: Vec<EventView>, empty: String) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="none">{empty}</p> }.into_any();
    }
    view! {
        <ul class="events">
            {events.into_iter().map(|e| view! { <li class="event"><EventBody e/></li> }).collect_view()}
        </ul>
    }
    .into_any()
}
