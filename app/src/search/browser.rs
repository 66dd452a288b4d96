//! Browser-only helpers of the search island (history, form reading, geolocation, a
//! debouncer). No-ops on the server.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    Push,
    Replace,
    /// Back/forward: the URL is already right.
    None,
}

#[cfg(feature = "hydrate")]
pub use client::*;
#[cfg(not(feature = "hydrate"))]
pub use server::*;

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::History;

    /// The form's fields as a query string, without empty values or the default page.
    pub fn form_query(form: &web_sys::HtmlFormElement) -> String {
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
            History::Push => h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
            History::Replace => {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            }
            History::None => Ok(()),
        };
        // The map (public/map.js, outside this island) follows the URL's filters.
        if let (Some(w), Ok(ev)) = (web_sys::window(), web_sys::Event::new("poputchiki:search")) {
            let _ = w.dispatch_event(&ev);
        }
    }

    pub fn on_back_forward(load: impl Fn(String) + 'static) {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let search = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            load(search.trim_start_matches('?').to_owned());
        });
        on_cleanup(move || handle.remove());
    }

    /// Puts the query's `q` back into the search box (after back/forward).
    pub fn set_input(input: NodeRef<leptos::html::Input>, query: &str) {
        let q = web_sys::UrlSearchParams::new_with_str(query)
            .ok()
            .and_then(|p| p.get("q"))
            .unwrap_or_default();
        if let Some(el) = input.get_untracked() {
            el.set_value(&q);
        }
    }

    /// The href of an in-page link (pager, suggestions) that was clicked, with the
    /// navigation cancelled.
    pub fn intercepted_link(ev: &leptos::ev::MouseEvent) -> Option<String> {
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let link = target.closest("a[data-nav]").ok()??;
        let href = link.get_attribute("href")?;
        ev.prevent_default();
        if let Some(top) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("results-heading"))
        {
            top.scroll_into_view();
        }
        Some(href)
    }

    /// Waits `ms` after the last call before running the latest action.
    #[derive(Clone, Copy)]
    pub struct Debouncer {
        ms: u64,
        handle: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    }

    impl Debouncer {
        pub fn new(ms: u64) -> Self {
            Self {
                ms,
                handle: StoredValue::new_local(None),
            }
        }

        pub fn run(&self, action: impl FnOnce() + 'static) {
            if let Some(h) = self.handle.get_value() {
                h.clear();
            }
            let h = set_timeout_with_handle(action, std::time::Duration::from_millis(self.ms)).ok();
            self.handle.set_value(h);
        }
    }

    /// Opens the filters where they sit beside the results (the stylesheet's wide layout),
    /// for browsers whose CSS cannot show a closed <details>'s content.
    pub fn open_on_wide_screens(details: NodeRef<leptos::html::Details>) {
        let wide = web_sys::window()
            .and_then(|w| w.match_media("(min-width: 60rem)").ok().flatten())
            .is_some_and(|m| m.matches());
        if let (true, Some(d)) = (wide, details.get_untracked()) {
            d.set_open(true);
        }
    }

    /// Replaces the results with the server's rendering of a new view.
    pub fn set_html(list: NodeRef<leptos::html::Div>, html: &str) {
        if let Some(el) = list.get_untracked() {
            el.set_inner_html(html);
        }
    }

    /// Asks the browser for the position (only on a click). `found` gets "lat,lon".
    pub fn locate(found: impl Fn(String) + 'static, denied: impl Fn() + 'static) {
        use wasm_bindgen::closure::Closure;
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            denied();
            return;
        };
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            found(format!("{:.5},{:.5}", c.latitude(), c.longitude()));
        });
        let err = Closure::once_into_js(move |_: web_sys::PositionError| denied());
        let opts = web_sys::PositionOptions::new();
        opts.set_timeout(15_000);
        opts.set_maximum_age(300_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &opts,
        );
    }
}

#[cfg(not(feature = "hydrate"))]
mod server {
    use leptos::prelude::*;

    use super::History;

    pub fn form_query(_: &leptos::web_sys::HtmlFormElement) -> String {
        String::new()
    }
    pub fn set_url(_: &str, _: History) {}
    pub fn on_back_forward(_: impl Fn(String) + 'static) {}
    pub fn set_input(_: NodeRef<leptos::html::Input>, _: &str) {}
    pub fn intercepted_link(_: &leptos::ev::MouseEvent) -> Option<String> {
        None
    }
    pub fn locate(_: impl Fn(String) + 'static, _: impl Fn() + 'static) {}
    pub fn open_on_wide_screens(_: NodeRef<leptos::html::Details>) {}
    pub fn set_html(_: NodeRef<leptos::html::Div>, _: &str) {}

    #[derive(Clone, Copy)]
    pub struct Debouncer;

    impl Debouncer {
        pub fn new(_: u64) -> Self {
            Self
        }
        pub fn run(&self, _: impl FnOnce() + 'static) {}
    }
}
