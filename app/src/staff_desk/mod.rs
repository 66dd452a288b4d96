//! The staff workspace on the web: the counts block at the top of `/staff` (every queue,
//! filterable by okrug) and one page per queue at `/staff/queue/{queue}`. The queues are
//! computed in `poputchiki_core::staff_desk`.

pub mod edits;
#[cfg(feature = "ssr")]
pub mod handlers;
pub mod home;
pub mod merge;
#[cfg(feature = "ssr")]
pub mod merge_post;
pub mod page;

pub use poputchiki_core::staff_desk::*;
