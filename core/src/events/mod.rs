//! The regional events calendar: `/events` (a list by day and a month view, both plain
//! HTML) and its iCal feeds (`ical.rs`), over the events organizations keep on their pages.
//! `filter.rs` reads the calendar's query; `build.rs` (all SQL here) reads and shapes it.

#[cfg(feature = "server")]
pub mod build;
pub mod filter;
pub mod ical;
pub mod month;
#[cfg(feature = "server")]
pub mod photos;

use serde::{Deserialize, Serialize};

pub use filter::{CalendarFilter, CalendarView};

use crate::organizations::EventView;
use crate::staff_desk::OkrugOption;
use crate::taxonomy::TermLabel;

/// One event in the calendar, with its organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub event: EventView,
    /// Local date the event starts (`YYYY-MM-DD`), for grouping by day.
    pub date: String,
    pub organization: String,
    /// The organization's page.
    pub url: String,
    pub okrug: String,
    /// The organization's first phone, when sign-up is by phone.
    pub phone: Option<String>,
    /// The place as shown: the event's own, else the organization's address.
    pub place: String,
}

/// The `/events` page: the filter with its choices, and the events it finds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub filter: CalendarFilter,
    pub okrugs: Vec<OkrugOption>,
    pub formats: Vec<TermLabel>,
    pub audiences: Vec<TermLabel>,
    /// The organization the filter names, if any.
    pub organization: Option<String>,
    pub total: usize,
    pub per_page: usize,
    pub entries: Vec<CalendarEntry>,
    /// The month view's grid (empty in the list view).
    pub month: Option<month::MonthGrid>,
    /// The region's date today.
    pub today: String,
}

/// Events per page of the list view.
pub const PER_PAGE: usize = 50;
/// The most events a month view or a feed holds.
pub const MAX_FEED: usize = 1_000;
