//! The month view's grid: weeks from Monday to Sunday, each day with the events that start
//! on it (as indices into the page's list, so an event is sent once).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub day: u32,
    pub today: bool,
    /// Indices into `CalendarPage::entries`.
    pub entries: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthGrid {
    /// `YYYY-MM`.
    pub month: String,
    /// The month's number (1–12) and year, for its name.
    pub number: u32,
    pub year: i32,
    pub prev: String,
    pub next: String,
    /// Seven cells a week; `None` pads the days of the neighbouring months.
    pub weeks: Vec<Vec<Option<MonthDay>>>,
}

/// The grid of the month starting on `first`, with the events' start dates (`YYYY-MM-DD`,
/// in the page's order) placed on their days.
pub fn grid(first: NaiveDate, starts: &[&str], today: &str) -> MonthGrid {
    let first = first.with_day(1).unwrap_or(first);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let prev = first.checked_sub_months(Months::new(1)).unwrap_or(first);
    let days = next.signed_duration_since(first).num_days().max(1) as u32;
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<MonthDay>> = vec![None; lead];
    for day in 1..=days {
        let date = first
            .with_day(day)
            .unwrap_or(first)
            .format("%Y-%m-%d")
            .to_string();
        let entries = starts
            .iter()
            .enumerate()
            .filter(|(_, s)| s.get(..10) == Some(date.as_str()))
            .map(|(i, _)| i)
            .collect();
        cells.push(Some(MonthDay {
            today: date == today,
            date,
            day,
            entries,
        }));
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    MonthGrid {
        month: first.format("%Y-%m").to_string(),
        number: first.month(),
        year: first.year(),
        prev: prev.format("%Y-%m").to_string(),
        next: next.format("%Y-%m").to_string(),
        weeks: cells.chunks(7).map(<[_]>::to_vec).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn december_2026_starts_on_a_tuesday_and_places_events_on_their_days() {
        let first = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let g = grid(
            first,
            &["2026-12-05T14:00", "2026-12-31T10:00", "2026-12-05"],
            "2026-12-06",
        );
        assert_eq!(
            (g.month.as_str(), g.prev.as_str(), g.next.as_str()),
            ("2026-12", "2026-11", "2027-01")
        );
        assert_eq!(g.weeks.len(), 5);
        assert!(g.weeks[0][0].is_none(), "Monday 30 November is padding");
        let day = |d: u32| {
            g.weeks
                .iter()
                .flatten()
                .flatten()
                .find(|c| c.day == d)
                .cloned()
        };
        assert_eq!(day(1).map(|c| c.date), Some("2026-12-01".into()));
        assert_eq!(day(5).map(|c| c.entries), Some(vec![0, 2]));
        assert_eq!(day(31).map(|c| c.entries), Some(vec![1]));
        assert_eq!(day(6).map(|c| c.today), Some(true));
        assert!(g.weeks.iter().all(|w| w.len() == 7));
    }
}
