//! The one `AppState`: the domain's [`Core`] plus the Leptos options, made once by the server
//! binary and handed to Leptos (as context) and to plain axum routes (as router state).

use std::ops::Deref;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::error::AppError;
use crate::i18n::{locale_from_cookie_header, I18n};
pub use poputchiki_core::state::{open_region, AppConfig, Core, MailSettings};

#[derive(Clone)]
pub struct AppState {
    pub core: Core,
    pub leptos_options: LeptosOptions,
    /// The built site's files and their content hashes (`crate::assets`).
    pub assets: std::sync::Arc<crate::assets::Assets>,
    /// Public pages rendered once for every anonymous visitor (the page cache middleware).
    pub pages: std::sync::Arc<crate::page_store::PageCache>,
}

impl AppState {
    /// The state for a core and the Leptos options, reading the site's files for their
    /// hashed URLs.
    pub fn new(core: Core, leptos_options: LeptosOptions) -> Self {
        let assets = crate::assets::Assets::scan(leptos_options.site_root.as_ref());
        let pages = crate::page_store::PageCache::new(core.config.page_cache_bytes);
        Self {
            pages: std::sync::Arc::new(pages),
            core,
            leptos_options,
            assets: std::sync::Arc::new(assets),
        }
    }
}

/// Handlers and server fns reach the domain through the state: `state.db`, and `&state`
/// wherever a service takes `&Core`.
impl Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The translator for the current request, from its `lang` cookie.
pub fn request_i18n() -> I18n {
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let cookie = parts
        .as_ref()
        .and_then(|p| p.headers.get(http::header::COOKIE))
        .and_then(|v| v.to_str().ok());
    I18n::new(locale_from_cookie_header(cookie))
}

/// The state and translator a server fn needs.
pub fn request_context() -> Result<(AppState, I18n), AppError> {
    let state = leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "AppState is missing from the Leptos context"
        ))
    })?;
    Ok((state, request_i18n()))
}
