//! Translation on the web: the domain's Fluent catalogs (`poputchiki_core::i18n`), plus the
//! translator of the current render.

pub use poputchiki_core::i18n::*;

/// The translator for the current render. On the server it comes from the request;
/// inside an island it is provided from the island's `locale` prop.
pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or_default()
}
