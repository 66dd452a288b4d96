//! The browser entry point. Pages arrive as finished server-rendered HTML; this only wakes
//! up the interactive islands inside them (islands mode), so the WASM stays small.

// Linking `app` is what brings the `#[island]` hydration exports into this cdylib.
pub use app as _app;

/// Called by the generated JS glue once the WASM module has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
