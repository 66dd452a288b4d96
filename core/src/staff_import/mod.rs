//! The staff import workflow over the import rules: the preview of an uploaded list (the
//! same rules, reading only), the background run with its progress, the result page and the
//! bulk invitations. A service layer: it takes the [`Core`](crate::state::Core), which the
//! `import` rules themselves never need.

pub mod preview;
pub mod service;
