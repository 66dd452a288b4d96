//! Dates as Russian lists write them: «05.03.2024», «5.3.24», «05/03/2024», «2024-03-05»,
//! «5 марта 2024 г.», «март 2024», a date with a time after it, and the serial number Excel
//! shows when a date cell was formatted as a number.

use chrono::{Datelike, NaiveDate};

/// Genitive and nominative month names by their stems: «марта», «март», «мар.».
const MONTHS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

/// Short forms people write («сент.», «окт.»), checked after the full stems.
const SHORT_MONTHS: [&str; 12] = [
    "янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// The date in a cell, if it is one. Two-digit years are 20xx up to `today`'s year and
/// 19xx after it; a date after `today` is not a date a list can record as past.
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let folded = crate::text::fold(text);
    let mut t = folded.trim().trim_end_matches('.').trim_end();
    // «2024 г.», «2024г», «2024 года»: only after the year's digits («авг» keeps its «г»).
    for suffix in ["года", "год", "г"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            if rest.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                t = rest.trim_end();
                break;
            }
        }
    }
    // A time after the date: «05.03.2024 14:30», «2024-03-05T14:30:00».
    let t = t
        .split([' ', 'T', 't'])
        .next()
        .filter(|d| is_numeric_date(d))
        .unwrap_or(t);
    let date = numeric(t, today)
        .or_else(|| worded(t, today))
        .or_else(|| excel_serial(t))?;
    (date <= today && date.year() >= 1900).then_some(date)
}

fn is_numeric_date(s: &str) -> bool {
    s.chars().any(|c| ".-/".contains(c))
        && s.chars().all(|c| c.is_ascii_digit() || ".-/".contains(c))
}

fn year_of(text: &str, today: NaiveDate) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => {
            let century = today.year() / 100 * 100;
            Some(if century + y > today.year() {
                century - 100 + y
            } else {
                century + y
            })
        }
        _ => None,
    }
}

/// «05.03.2024», «5/3/24», «2024-03-05», «2024.03.05».
fn numeric(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
    let [a, b, c] = parts[..] else { return None };
    if a.len() == 4 {
        return NaiveDate::from_ymd_opt(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    }
    NaiveDate::from_ymd_opt(year_of(c, today)?, b.parse().ok()?, a.parse().ok()?)
}

fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let by = |stems: &[&str; 12]| {
        stems.iter().position(|s| {
            // «ма» must be «май»/«мая», not «март».
            word.starts_with(s) && (*s != "ма" || matches!(word, "май" | "мая" | "ма"))
        })
    };
    by(&MONTHS)
        .or_else(|| {
            (word.chars().count() >= 3)
                .then(|| by(&SHORT_MONTHS))
                .flatten()
        })
        .map(|i| i as u32 + 1)
}

/// «5 марта 2024», «март 2024» (the first of the month).
fn worded(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<&str> = t.split_whitespace().collect();
    match words[..] {
        [d, m, y] => NaiveDate::from_ymd_opt(year_of(y, today)?, month_of(m)?, d.parse().ok()?),
        [m, y] => NaiveDate::from_ymd_opt(year_of(y, today)?, month_of(m)?, 1),
        _ => None,
    }
}

/// Excel's day number (1 = 1900-01-01, with its leap-year bug), for dates from 1955 on:
/// smaller numbers are more likely something else.
fn excel_serial(t: &str) -> Option<NaiveDate> {
    let n: i64 = t.parse().ok()?;
    if !(20_000..=80_000).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn russian_forms_of_one_date() {
        let today = d(2026, 12, 2);
        for text in [
            "05.03.2024",
            "5.3.2024",
            "05.03.24",
            "05/03/2024",
            "05-03-2024",
            "2024-03-05",
            "5 марта 2024",
            "5 марта 2024 г.",
            "5 марта 2024 года",
            "5 мар. 2024",
            "05.03.2024 14:30",
            "2024-03-05T10:00:00",
            " 05.03.2024г. ",
            "45356",
        ] {
            assert_eq!(parse_date(text, today), Some(d(2024, 3, 5)), "{text}");
        }
        assert_eq!(parse_date("май 2023", today), Some(d(2023, 5, 1)));
        assert_eq!(parse_date("12 мая 2023", today), Some(d(2023, 5, 12)));
        assert_eq!(parse_date("март 2023", today), Some(d(2023, 3, 1)));
        assert_eq!(parse_date("1 сентября 99", today), Some(d(1999, 9, 1)));
    }

    #[test]
    fn what_is_not_a_past_date() {
        let today = d(2026, 12, 2);
        for text in [
            "",
            "скоро",
            "31.02.2024",
            "05.03.2030",
            "2024",
            "13.13.2020",
            "123",
            "весна 2024",
        ] {
            assert_eq!(parse_date(text, today), None, "{text}");
        }
    }
}
