//! The edit form's island: small conveniences once the WASM arrives. The form works
//! without it; with it,
//! - ИНН and ОГРН are checked (by their check digits, with the same Rust code the server
//!   uses) as soon as the field is left, with the message next to the field;
//! - a logo over the size limit is caught before the upload starts;
//! - leaving the page with unsaved changes asks first.
//!
//! It attaches to the form it sits in; it does not re-render the form.

use leptos::prelude::*;

/// Largest logo the server keeps (see `web::body::MAX_UPLOAD`).
pub const MAX_LOGO_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// No props: the messages' language is the page's (`<html lang>`), so the WASM carries no
/// JSON decoding for island props.
#[island]
pub fn EditHelper() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        hydrated.set(true);
        #[cfg(feature = "hydrate")]
        if let Some(el) = root.get() {
            browser::attach(&el, browser::page_i18n());
        }
    });
    view! { <div node_ref=root class="edit-helper" data-hydrated=move || hydrated.get().then_some("true")></div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlInputElement};

    use super::MAX_LOGO_BYTES;
    use crate::i18n::{I18n, Locale};
    use crate::identifiers::{validate_inn, validate_ogrn, IdentifierError};

    fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(Event) + 'static) {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        closure.forget();
    }

    /// Shows `message` under the input (or clears it), in a live region.
    fn say(input: &HtmlInputElement, message: Option<String>) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let id = format!("{}-live", input.id());
        let existing = doc.get_element_by_id(&id);
        match (message, existing) {
            (None, Some(el)) => {
                el.remove();
                let _ = input.remove_attribute("aria-invalid");
            }
            (Some(text), existing) => {
                let el = existing.or_else(|| {
                    let el = doc.create_element("p").ok()?;
                    el.set_id(&id);
                    el.set_class_name("field-error live");
                    let _ = el.set_attribute("role", "alert");
                    let _ = input.insert_adjacent_element("afterend", &el);
                    Some(el)
                });
                if let Some(el) = el {
                    el.set_text_content(Some(&text));
                }
                let _ = input.set_attribute("aria-invalid", "true");
            }
            (None, None) => {}
        }
    }

    /// The form's input with this id, if there is one.
    fn input_by_id(form: &Element, id: &str) -> Option<HtmlInputElement> {
        form.query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    }

    fn check_identifier(
        form: &Element,
        id: &str,
        check: fn(&str) -> Result<String, IdentifierError>,
        i18n: I18n,
    ) {
        let Some(input) = input_by_id(form, id) else {
            return;
        };
        let field = input.clone();
        listen(&input, "change", move |_| {
            let value = field.value();
            let message = match value.trim() {
                "" => None,
                v => check(v)
                    .err()
                    .map(|e| i18n.t_with(e.message_key(), &[("value", v.to_owned().into())])),
            };
            say(&field, message);
        });
    }

    fn check_logo(form: &Element, i18n: I18n) {
        let Some(input) = input_by_id(form, "f-logo") else {
            return;
        };
        let field = input.clone();
        listen(&input, "change", move |_| {
            let too_big = field
                .files()
                .and_then(|f| f.get(0))
                .is_some_and(|f| f.size() > MAX_LOGO_BYTES);
            if too_big {
                field.set_value("");
                say(&field, Some(i18n.t("err-logo-too-large")));
            } else {
                say(&field, None);
            }
        });
    }

    fn guard_unsaved(form: &Element, i18n: I18n) {
        let dirty = Rc::new(Cell::new(false));
        let d = dirty.clone();
        listen(form, "input", move |_| d.set(true));
        let d = dirty.clone();
        listen(form, "submit", move |_| d.set(false));
        let Some(window) = web_sys::window() else {
            return;
        };
        listen(&window, "beforeunload", move |ev: Event| {
            if dirty.get() {
                ev.prevent_default();
                if let Some(e) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    e.set_return_value(&i18n.t("edit-unsaved"));
                }
            }
        });
    }

    /// The page's language, as the server wrote it on `<html lang>`.
    pub fn page_i18n() -> I18n {
        let lang = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"));
        I18n::new(lang.as_deref().and_then(Locale::parse).unwrap_or_default())
    }

    /// Wires the helpers to the form around `el`.
    pub fn attach(el: &Element, i18n: I18n) {
        let Some(form) = el.closest("form").ok().flatten() else {
            return;
        };
        check_identifier(&form, "f-inn", validate_inn, i18n);
        check_identifier(&form, "f-ogrn", validate_ogrn, i18n);
        check_logo(&form, i18n);
        guard_unsaved(&form, i18n);
    }
}
