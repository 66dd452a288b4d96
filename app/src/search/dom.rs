//! DOM helpers of the search island (browser only): finding and parsing elements, event
//! listeners, timers, the URL and fetching JSON with the browser's own parser.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlFormElement};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    Push,
    Replace,
    /// Back/forward: the URL is already right.
    None,
}

/// A pending `setTimeout` and the closure it will call.
pub type Timer = RefCell<Option<(i32, Closure<dyn FnMut()>)>>;

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// HTML parsed into an inert fragment (a `<template>`: nothing in it runs or loads).
pub fn parse(html: &str) -> Option<web_sys::DocumentFragment> {
    let doc = web_sys::window()?.document()?;
    let template = doc
        .create_element("template")
        .ok()?
        .dyn_into::<web_sys::HtmlTemplateElement>()
        .ok()?;
    template.set_inner_html(html);
    Some(template.content())
}

/// Shows the fields that need JavaScript (`data-js`, rendered hidden).
pub fn show_scripted(form: &Element) {
    for el in all(form, "[data-js]") {
        let _ = el.remove_attribute("hidden");
    }
}

/// Opens the filters where they sit beside the results (the stylesheet's wide layout),
/// for browsers whose CSS cannot show a closed <details>'s content.
pub fn open_on_wide_screens(form: &Element) {
    let wide = web_sys::window()
        .and_then(|w| w.match_media("(min-width: 60rem)").ok().flatten())
        .is_some_and(|m| m.matches());
    if let (true, Some(d)) = (wide, find(form, "details.filters-toggle")) {
        let _ = d.set_attribute("open", "");
    }
}

/// The event target's id as a selector ("#q").
pub fn target_id(ev: &Event) -> Option<String> {
    Some(format!(
        "#{}",
        ev.target()?.dyn_into::<Element>().ok()?.id()
    ))
}

pub fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    closure.forget();
}

/// Runs `action` `ms` after the last call for the same timer.
pub fn later(timer: &Timer, ms: i32, action: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return;
    };
    if let Some((handle, _)) = timer.take() {
        w.clear_timeout_with_handle(handle);
    }
    let mut action = Some(action);
    let closure = Closure::<dyn FnMut()>::new(move || {
        if let Some(a) = action.take() {
            a();
        }
    });
    if let Ok(handle) = w
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
    {
        timer.replace(Some((handle, closure)));
    }
}

/// The form's fields as a query string, without empty values or the default page.
pub fn form_query(form: &HtmlFormElement) -> String {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return String::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return String::new();
    };
    let all = String::from(params.to_string());
    all.split('&')
        .filter(|p| !p.is_empty() && !p.ends_with('='))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn set_url(query: &str, history: History) {
    let url = if query.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{query}")
    };
    let Some(h) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let _ = match history {
        History::Push => h.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        History::Replace => h.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        History::None => Ok(()),
    };
    // The map (public/map.js, outside this island) follows the URL's filters.
    if let (Some(w), Ok(ev)) = (web_sys::window(), Event::new("poputchiki:search")) {
        let _ = w.dispatch_event(&ev);
    }
}

pub fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// GETs `url` and parses its JSON answer (in the browser: no JSON code in the WASM).
pub async fn fetch_json(url: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.ok()?;
    let response = response.dyn_into::<web_sys::Response>().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.json().ok()?).await.ok()
}
