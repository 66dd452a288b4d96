//! The interactive map's server side: clusters computed per viewport and zoom
//! ([`cluster`]), the okrug boundaries with per-okrug counts ([`okrugs`]) and their JSON
//! routes ([`api`]). The browser side is `public/map.js` driving Leaflet (served from
//! `public/vendor/leaflet`, copied from the npm package by `scripts/setup.sh`).

#[cfg(feature = "server")]
pub mod cluster;
#[cfg(feature = "server")]
pub mod features;
#[cfg(feature = "server")]
pub mod okrugs;
