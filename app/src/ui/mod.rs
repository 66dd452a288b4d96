//! Components and pages. Everything renders on the server first; the only code that runs in
//! the browser is inside `#[island]` components.

pub mod okrug;
pub mod organization;
pub mod parts;
pub mod shell;
