//! Partnerships ("попутчики"): organization A invites B to walk together (a joint project,
//! mentoring, sharing resources, spreading the word); B's editors accept or decline; either
//! side may end it. Staff record ties for organizations without editors. Only accepted ties
//! are public. `store.rs` holds the SQL; `service.rs` the rules.

pub mod network;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use crate::kinds::{PartnershipKind, PartnershipStatus};
pub use crate::organizations::PartnerView;

/// The most characters of a partnership's note.
pub const MAX_NOTE: usize = 500;

/// The i18n key of what the other organization of a tie is to this one: in mentoring the
/// inviting side mentors, so the other is the mentor when it invited, else the mentee.
pub fn label_key(kind: PartnershipKind, other_invited: bool) -> String {
    match (kind, other_invited) {
        (PartnershipKind::Mentoring, true) => "partner-kind-mentor".into(),
        (PartnershipKind::Mentoring, false) => "partner-kind-mentee".into(),
        (k, _) => format!("partner-kind-{}", k.as_str().replace('_', "-")),
    }
}
