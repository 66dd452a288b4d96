//! Open data on the web: downloads of any view, the changes feed for mirrors, and the
//! «Открытые данные» page that explains both and the licence (docs/OPEN-DATA.md).

#[cfg(feature = "ssr")]
mod changes;
#[cfg(feature = "ssr")]
pub mod download;
pub mod page;

#[cfg(feature = "ssr")]
pub fn router() -> axum::Router<crate::state::AppState> {
    download::router().merge(changes::router())
}
