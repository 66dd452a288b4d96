//! Re-confirmation by the organization, in one click: a durable schedule of reminder mails
//! ("Ваши сведения на карте ещё верны?") with three single-use links (all is correct,
//! update, we no longer work), and what each link does once its page's button is pressed.
//!
//! - `plan`: which round is due for an organization (pure, tested);
//! - `store`: the jobs and tokens in the database (all SQL);
//! - `run`: one pass of the scheduler: queue due rounds, claim each job atomically, send;
//! - `answer`: the three actions behind the links.

#[cfg(feature = "server")]
pub mod answer;
#[cfg(feature = "server")]
pub mod plan;
#[cfg(feature = "server")]
pub mod run;
#[cfg(feature = "server")]
pub mod store;

use serde::{Deserialize, Serialize};

/// How long a reminder's links work.
pub const TOKEN_DAYS: i64 = 60;
/// The second reminder goes this long before a listing would turn stale.
pub const PRE_STALE_DAYS: i64 = 14;
/// A reminder nobody answered for this long goes to the staff queue "нужно позвонить".
pub const UNANSWERED_DAYS: i64 = 30;

crate::kinds::text_enum! {
    /// What a reminder link does.
    pub enum Action {
        /// "Всё верно": the organization confirms its listing.
        Confirm = "confirm",
        /// "Обновить": the way to the edit form.
        Update = "update",
        /// "Мы больше не работаем": archives the listing after one more press; staff are told.
        Closed = "closed",
    }
}

/// What a link's page shows before its button is pressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPage {
    pub action: Action,
    pub organization: String,
    pub url: String,
    /// False when the link was used, expired or never existed: the page says so.
    pub usable: bool,
}
