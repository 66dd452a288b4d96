//! Open data on the web: downloads of any view, the changes feed for mirrors, the Open
//! Referral HSDS API and package, the «Открытые данные» page that explains them and the
//! licence, and the sitemap and robots.txt for search engines (docs/OPEN-DATA.md).

pub mod api_page;
#[cfg(feature = "ssr")]
mod changes;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
mod hsds;
#[cfg(feature = "ssr")]
pub mod openapi;
#[cfg(feature = "ssr")]
mod openapi_params;
#[cfg(feature = "ssr")]
mod openapi_schemas;
pub mod page;
#[cfg(feature = "ssr")]
mod sitemap;

#[cfg(feature = "ssr")]
pub fn router() -> axum::Router<crate::state::AppState> {
    download::router()
        .merge(changes::router())
        .merge(sitemap::router())
        .merge(hsds::router())
        .merge(openapi::router())
}
