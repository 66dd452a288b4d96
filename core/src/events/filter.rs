//! The calendar's query: dates, okrug, format, audience, organization, and list or month.
//! Unknown or malformed values are dropped (no filter), as the `/needs` page does, so a link
//! from an old calendar or a typo still shows events; the page says which filter applies.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The last page number read (further pages of a calendar are empty anyway); a larger one
/// is page 1, so no offset overflows.
pub const MAX_PAGE: usize = 10_000;

/// List by day, or a month on a grid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarView {
    #[default]
    List,
    Month,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarFilter {
    /// First day shown (`YYYY-MM-DD`); the list starts today when it is empty.
    pub from: Option<String>,
    /// Last day shown, inclusive.
    pub to: Option<String>,
    /// An okrug's slug.
    pub okrug: Option<String>,
    /// An event-format code.
    pub format: Option<String>,
    /// An audience code (of the organization).
    pub audience: Option<String>,
    /// One organization's id.
    pub org: Option<i64>,
    pub view: CalendarView,
    /// The month view's month (`YYYY-MM`); this month when empty.
    pub month: Option<String>,
    pub page: usize,
}

fn date(v: &str) -> Option<String> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2100).contains(&d.year()))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// A code as the taxonomy writes them: short, lowercase ASCII, digits, `_` and `-`.
fn code(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'))
    .then(|| v.to_owned())
}

/// `YYYY-MM` as its first day.
pub fn month_start(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", v.trim()), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2100).contains(&d.year()))
}

impl CalendarFilter {
    /// Reads URL query pairs; see the module's note on bad values.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = CalendarFilter {
            page: 1,
            ..Default::default()
        };
        for (key, v) in pairs {
            match key {
                "from" => f.from = date(v),
                "to" => f.to = date(v),
                "okrug" => f.okrug = code(v),
                "format" => f.format = code(v),
                "audience" => f.audience = code(v),
                "org" => f.org = v.trim().parse().ok().filter(|id| *id > 0),
                "view" if v == "month" => f.view = CalendarView::Month,
                "month" => {
                    f.month = month_start(v).map(|d| d.format("%Y-%m").to_string());
                }
                "page" => {
                    f.page = v
                        .trim()
                        .parse()
                        .ok()
                        .filter(|p| (1..=MAX_PAGE).contains(p))
                        .unwrap_or(1)
                }
                _ => {}
            }
        }
        if f.month.is_some() {
            f.view = CalendarView::Month;
        }
        f
    }

    /// The filter as a query string (without `?`), leaving out the page and, with
    /// `view: false`, the view and month: what a feed or another view of it takes.
    pub fn query(&self, view: bool) -> String {
        // Every value kept is a date, a code or a number: nothing to percent-encode.
        let mut q: Vec<String> = vec![];
        for (k, v) in [
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("okrug", self.okrug.clone()),
            ("format", self.format.clone()),
            ("audience", self.audience.clone()),
            ("org", self.org.map(|id| id.to_string())),
        ] {
            if let Some(v) = v {
                q.push(format!("{k}={v}"));
            }
        }
        if view && self.view == CalendarView::Month {
            q.push("view=month".into());
            if let Some(m) = &self.month {
                q.push(format!("month={m}"));
            }
        }
        q.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_values_and_drops_bad_ones() {
        let f = CalendarFilter::from_pairs([
            ("from", "2026-12-01"),
            ("to", "31.12.2026"),
            ("okrug", "shumikhinsky"),
            ("format", "<script>"),
            ("org", "-3"),
            ("page", "18446744073709551615"),
            ("utm_source", "x"),
        ]);
        assert_eq!(f.from.as_deref(), Some("2026-12-01"));
        assert_eq!(f.to, None);
        assert_eq!(f.okrug.as_deref(), Some("shumikhinsky"));
        assert_eq!(f.format, None);
        assert_eq!(f.org, None);
        assert_eq!(f.page, 1);
        assert_eq!(f.view, CalendarView::List);
        assert_eq!(f.query(true), "from=2026-12-01&okrug=shumikhinsky");
    }

    #[test]
    fn a_month_means_the_month_view() {
        let f = CalendarFilter::from_pairs([("month", "2027-02"), ("audience", "elderly")]);
        assert_eq!(f.view, CalendarView::Month);
        assert_eq!(f.query(true), "audience=elderly&view=month&month=2027-02");
        assert_eq!(f.query(false), "audience=elderly");
        assert!(CalendarFilter::from_pairs([("month", "2027-13")])
            .month
            .is_none());
    }
}
