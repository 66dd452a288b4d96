//! Server fns for reading organizations. Each is thin: take the state and the reader's
//! locale from context, call a plain async fn in `queries` (core), return.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::{OkrugCount, OkrugPage, OrganizationPage};
use crate::error::PublicError;
#[cfg(feature = "ssr")]
use crate::queries;

/// Everything an organization page shows; `NotFound` for unknown or unpublished ids.
#[server(input = GetUrl, endpoint = "organizations/page")]
pub async fn load_organization_page(id: i64) -> Result<OrganizationPage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    let viewer = crate::accounts::current_viewer();
    Ok(queries::page_for(&*state, id, viewer.as_ref(), &i18n).await?)
}

/// An okrug's page; `NotFound` for an unknown slug.
#[server(input = GetUrl, endpoint = "okrugs/page")]
pub async fn load_okrug_page(slug: String, page: u32) -> Result<OkrugPage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    Ok(queries::okrug(&*state, &slug, page, &i18n).await?)
}

/// Every okrug with its number of organizations.
#[server(input = GetUrl, endpoint = "okrugs/index")]
pub async fn load_okrug_index() -> Result<Vec<OkrugCount>, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    Ok(queries::okrug_index(&*state, &i18n).await?)
}
