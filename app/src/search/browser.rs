//! The search island in the browser: it listens to the server-rendered form (delegated,
//! so the form's content may be replaced) and shows each new search by patching in the
//! server's rendering of it (`run_search`, see `form.rs` for the `data-live` markers).
//! Also "my village" suggestions and "near me" (`near.rs` renders their fields).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

use super::dom::{
    all, encode, fetch_json, find, form_query, later, listen, open_on_wide_screens, parse, set_url,
    show_scripted, target_id, History, Timer,
};

/// How much of the form a new rendering takes over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Counts, results and texts; the visitor's own controls stay as they are (they may be
    /// typing or ticking while the answer travels).
    Results,
    /// Everything: back/forward or a link changed the search, so the controls follow it.
    All,
}

struct Search {
    section: Element,
    form: HtmlFormElement,
    /// Only the newest request may change the page.
    generation: Cell<u64>,
    /// The query last asked for, to skip asking twice.
    last: RefCell<String>,
    typing: Timer,
    lookup: Timer,
    /// The last village suggestions: (label, near value).
    places: RefCell<Vec<(String, String)>>,
}

/// Wires the search form inside `root`.
pub fn attach(root: &Element) {
    let (Some(section), Some(form)) = (
        find(root, "section.search"),
        find(root, "form.search-form").and_then(|f| f.dyn_into::<HtmlFormElement>().ok()),
    ) else {
        return;
    };
    let last = RefCell::new(form_query(&form));
    let s = Rc::new(Search {
        section,
        form,
        generation: Cell::new(0),
        last,
        typing: RefCell::new(None),
        lookup: RefCell::new(None),
        places: RefCell::new(Vec::new()),
    });
    show_scripted(&s.form);
    open_on_wide_screens(&s.form);
    let t = s.clone();
    listen(&s.form, "submit", move |ev| {
        ev.prevent_default();
        t.from_form(History::Push);
    });
    let t = s.clone();
    listen(&s.form, "change", move |_| t.from_form(History::Push));
    let t = s.clone();
    listen(&s.form, "input", move |ev| {
        match target_id(&ev).as_deref() {
            Some("#q") => {
                let u = t.clone();
                later(&t.typing, 300, move || u.from_form(History::Replace));
            }
            Some("#near-village") => t.village_typed(),
            _ => {}
        }
    });
    let t = s.clone();
    listen(&s.form, "click", move |ev| t.clicked(&ev));
    let t = s.clone();
    if let Some(w) = web_sys::window() {
        listen(&w, "popstate", move |_| {
            let search = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            t.load(
                search.trim_start_matches('?').to_owned(),
                History::None,
                Scope::All,
            );
        });
    }
    let _ = s.section.set_attribute("data-hydrated", "true");
}

impl Search {
    fn from_form(self: &Rc<Self>, history: History) {
        self.load(form_query(&self.form), history, Scope::Results);
    }

    /// Fetches the rendering of `query` and shows it.
    fn load(self: &Rc<Self>, query: String, history: History, scope: Scope) {
        if history != History::None && *self.last.borrow() == query {
            return;
        }
        self.last.replace(query.clone());
        self.set_state(Some("data-s-loading"));
        set_url(&query, history);
        let mine = self.generation.get() + 1;
        self.generation.set(mine);
        let s = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let url = format!("/api/search/view?query={}", encode(&query));
            let answer = fetch_json(&url).await.and_then(|v| v.as_string());
            if s.generation.get() != mine {
                return;
            }
            match answer {
                Some(html) if s.show(&html, scope) => {}
                _ => {
                    s.set_state(Some("data-s-failed"));
                    // The same search may be tried again.
                    s.last.replace("\u{0}".to_owned());
                }
            }
        });
    }

    /// Dims the results and says why (a `data-s-*` message), or undims them.
    fn set_state(&self, message: Option<&str>) {
        if let Some(results) = find(&self.form, ".results") {
            let _ = results
                .class_list()
                .toggle_with_force("is-loading", message == Some("data-s-loading"));
        }
        let text = message.and_then(|m| self.section.get_attribute(m));
        if let (Some(text), Some(h)) = (text, find(&self.form, "#results-heading")) {
            h.set_text_content(Some(&text));
        }
    }

    /// Puts the server's rendering of a search into the page. False if it was not one.
    fn show(&self, html: &str, scope: Scope) -> bool {
        let Some(fresh) = parse(html).and_then(|f| f.query_selector("form").ok().flatten()) else {
            return false;
        };
        let live = all(&self.form, "[data-live]");
        let next = all(&fresh, "[data-live]");
        if scope == Scope::All || live.len() != next.len() {
            let open: Vec<bool> = all(&self.form, "details")
                .iter()
                .map(|d| d.has_attribute("open"))
                .collect();
            self.form.set_inner_html(&fresh.inner_html());
            show_scripted(&self.form);
            let details = all(&self.form, "details");
            if details.len() == open.len() {
                for (d, open) in details.iter().zip(open) {
                    let _ = d.toggle_attribute_with_force("open", open);
                }
            }
            return true;
        }
        for (old, new) in live.iter().zip(&next) {
            match old.get_attribute("data-live").as_deref() {
                Some("text") => old.set_text_content(new.text_content().as_deref()),
                Some("class") => old.set_class_name(&new.class_name()),
                Some("disabled") => {
                    let _ =
                        old.toggle_attribute_with_force("disabled", new.has_attribute("disabled"));
                }
                _ => {}
            }
        }
        if let (Some(old), Some(new)) = (
            find(&self.form, ".results-list"),
            find(&fresh, ".results-list"),
        ) {
            old.set_inner_html(&new.inner_html());
        }
        self.set_state(None);
        true
    }

    /// In-page links (pager, suggestions) search in place; "near me" asks for the position.
    fn clicked(self: &Rc<Self>, ev: &Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Some(link) = target.closest("a[data-nav]").ok().flatten() {
            let Some(href) = link.get_attribute("href") else {
                return;
            };
            ev.prevent_default();
            if let Some(top) = find(&self.form, "#results-heading") {
                top.scroll_into_view();
            }
            let query = href
                .trim_start_matches('/')
                .trim_start_matches('?')
                .to_owned();
            self.load(query, History::Push, Scope::All);
        } else if target.closest("#near-me").ok().flatten().is_some() {
            self.locate();
        }
    }

    fn say_near(&self, message: Option<&str>) {
        let text = message.and_then(|m| self.section.get_attribute(m));
        if let Some(p) = find(&self.form, "#near-status") {
            p.set_text_content(text.as_deref());
        }
    }

    /// Makes `value` the chosen place (adding its option) and searches near it.
    fn choose(self: &Rc<Self>, label: &str, value: &str) {
        let Some(select) =
            find(&self.form, "#near").and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
        else {
            return;
        };
        if let Some(old) = find(&select, "option[data-extra]") {
            old.remove();
        }
        if let Ok(option) = web_sys::HtmlOptionElement::new_with_text_and_value(label, value) {
            let _ = option.set_attribute("data-extra", "1");
            // After "anywhere", the first option.
            let after = select.first_element_child().and_then(|a| a.next_sibling());
            let _ = select.insert_before(&option, after.as_ref());
        }
        select.set_value(value);
        self.from_form(History::Push);
    }

    /// Asks the browser for the position (only on a click).
    fn locate(self: &Rc<Self>) {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            self.say_near(Some("data-s-denied"));
            return;
        };
        self.say_near(Some("data-s-locating"));
        let s = self.clone();
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            s.say_near(None);
            let me = s.section.get_attribute("data-s-me").unwrap_or_default();
            s.choose(&me, &format!("{:.5},{:.5}", c.latitude(), c.longitude()));
        });
        let s = self.clone();
        let err = Closure::once_into_js(move |_: web_sys::PositionError| {
            s.say_near(Some("data-s-denied"));
            if let Some(near) =
                find(&s.form, "#near").and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = near.focus();
            }
        });
        let opts = web_sys::PositionOptions::new();
        opts.set_timeout(15_000);
        opts.set_maximum_age(300_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &opts,
        );
    }

    /// "My village": a picked suggestion searches near it; typing asks for suggestions.
    fn village_typed(self: &Rc<Self>) {
        let Some(input) =
            find(&self.form, "#near-village").and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let text = input.value();
        let picked = self
            .places
            .borrow()
            .iter()
            .find(|(label, _)| *label == text)
            .cloned();
        if let Some((label, value)) = picked {
            self.choose(&label, &value);
            return;
        }
        let s = self.clone();
        later(&self.lookup, 250, move || {
            wasm_bindgen_futures::spawn_local(async move {
                let url = format!("/api/places/find?q={}", encode(&text));
                if let Some(found) = fetch_json(&url).await {
                    s.show_places(&found);
                }
            });
        });
    }

    /// Fills the village field's suggestions from the server's `[{label, value}]`.
    fn show_places(&self, found: &JsValue) {
        let get = |o: &JsValue, k: &str| {
            js_sys::Reflect::get(o, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
        };
        let places: Vec<(String, String)> = js_sys::Array::from(found)
            .iter()
            .filter_map(|o| Some((get(&o, "label")?, get(&o, "value")?)))
            .collect();
        let (Some(list), Some(doc)) = (
            find(&self.form, "#near-villages"),
            web_sys::window().and_then(|w| w.document()),
        ) else {
            return;
        };
        list.set_inner_html("");
        for (label, _) in &places {
            if let Ok(option) = doc.create_element("option") {
                let _ = option.set_attribute("value", label);
                let _ = list.append_child(&option);
            }
        }
        self.places.replace(places);
    }
}
