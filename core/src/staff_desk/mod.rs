//! The staff workspace's queues: what in the region needs a person's attention, each queue
//! filterable by okrug. Moderation and error reports live with editing; this module adds
//! the listings that are going out of date, the reminders nobody answered (or that could
//! not be sent: "нужно позвонить"), organizations with no editor, and staff checks that
//! have run out.

#[cfg(feature = "server")]
pub mod build;
#[cfg(feature = "server")]
pub mod store;

use serde::{Deserialize, Serialize};

crate::kinds::text_enum! {
    /// A staff queue.
    pub enum Queue {
        /// Published listings with no sign of life for `stale_months`.
        Stale = "stale",
        /// Reminders that bounced, had nobody to go to, or got no answer in 30 days.
        Call = "call",
        /// Published organizations nobody edits.
        NoEditor = "no-editor",
        /// Verified longer ago than `verification_valid_months`.
        VerificationExpired = "verification-expired",
        /// Looks like another record of the same organization (`duplicates`).
        Duplicates = "duplicates",
    }
}

impl Queue {
    /// The i18n key of its title.
    pub fn title_key(self) -> String {
        format!("queue-{}", self.as_str())
    }
}

/// One okrug in the filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OkrugOption {
    pub slug: String,
    pub name: String,
}

/// The workspace's counts, for one okrug or the whole region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskSummary {
    pub okrug: Option<String>,
    pub okrugs: Vec<OkrugOption>,
    pub pending: usize,
    pub reports: usize,
    /// Significant edits waiting for a look.
    #[serde(default)]
    pub edits: usize,
    /// Each queue with its count, in [`Queue::ALL`] order.
    pub queues: Vec<(Queue, usize)>,
}

/// One organization in a queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub okrug: String,
    /// Why it is here, in words ("Нет сведений 14 месяцев", "Письмо не дошло").
    pub reason: String,
    /// In the duplicates queue: the other record of the pair (to merge or tell apart).
    #[serde(default)]
    pub pair: Option<i64>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// A page of one queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub queue: Queue,
    pub okrug: Option<String>,
    pub okrugs: Vec<OkrugOption>,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<QueueItem>,
}

/// Items per queue page.
pub const PER_PAGE: usize = 50;
