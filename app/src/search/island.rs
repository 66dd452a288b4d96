//! The search page's island. It renders nothing of its own: its children are the
//! server-rendered search form, and in the browser `browser::attach` makes that form live.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use super::browser;

/// The search form, made live: a new search while typing, on every tick and in the pager,
/// without reloading, with the URL kept in step. It renders nothing of its own: the form
/// is the server's (`SearchForm`, its children), and `browser::attach` patches it from the
/// server's rendering of each new search. So the WASM carries no view of the search page.
#[island]
pub fn SearchBrowser(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(el) = root.get() {
            browser::attach(&el);
        }
    });
    view! { <div node_ref=root class="search-browser">{children()}</div> }
}
