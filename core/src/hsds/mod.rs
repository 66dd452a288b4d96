//! Open Referral HSDS 3.0 (https://docs.openreferral.org/en/v3.0/): the directory as the
//! standard's objects for national services and other directories that sync by it. The
//! mapping from our records (`map`), the nested JSON objects (`objects`), stable UUIDs
//! (`ids`), the tabular data package (`package`), the API's queries (`api`) and its streams
//! (`stream`). Only published data; docs/OPEN-DATA.md documents the mapping.

pub mod api;
pub mod ids;
pub mod map;
pub mod objects;
mod offers;
pub mod package;
mod store;
pub mod stream;

/// The HSDS version we publish.
pub const HSDS_VERSION: &str = "3.0";
