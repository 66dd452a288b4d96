//! Checks of an organization's event: its title and times, its format, and what the calendar
//! needs (the kept UID, a registration link, the report afterwards).

use super::{parse_local_datetime, Checker, ValidEvent, MAX_NAME, MAX_SHORT, MAX_TEXT};
use crate::error::FieldIssue;
use crate::organizations::input::{parse_coordinate, EventInput};
use crate::taxonomy::Vocabulary;

pub(super) fn event(c: &mut Checker, i: usize, e: &EventInput) -> Option<ValidEvent> {
    let field = |f: &str| format!("events[{}].{f}", i + 1);
    let title = c.text(&field("title"), &e.title, MAX_NAME, true);
    let starts_at = parse_local_datetime(&e.starts_at);
    if starts_at.is_none() {
        c.issues.push(
            FieldIssue::new(field("starts_at"), "err-datetime").arg("value", e.starts_at.trim()),
        );
    }
    let ends_at = match e.ends_at.trim() {
        "" => None,
        raw => {
            let parsed = parse_local_datetime(raw);
            if parsed.is_none() {
                c.issues
                    .push(FieldIssue::new(field("ends_at"), "err-datetime").arg("value", raw));
            }
            parsed
        }
    };
    let format_term_id = match e.format.trim() {
        "" => None,
        f => c
            .terms(&field("format"), Vocabulary::EventFormat, &[f.to_owned()])
            .first()
            .copied(),
    };
    Some(ValidEvent {
        title,
        description: c.text(&field("description"), &e.description, MAX_TEXT, false),
        starts_at: starts_at?,
        ends_at,
        place: c.text(&field("place"), &e.place, MAX_SHORT, false),
        format_term_id,
        uid: kept_uid(&e.uid),
        registration_url: registration_url(c, &field("registration_url"), &e.registration_url),
        registration_phone: e.registration_phone,
        online: e.online,
        report: c.text(&field("report"), &e.report, MAX_TEXT, false),
        point: point(c, &field("point"), &e.point),
    })
}

/// «широта, долгота» as people write it: `55.44, 65.34`, `55,44 65,34` (decimal commas),
/// `55.44;65.34`. A value that is not one is an issue.
fn point(c: &mut Checker, field: &str, raw: &str) -> Option<(f64, f64)> {
    let v = raw.trim();
    if v.is_empty() {
        return None;
    }
    let parsed = parse_point(v);
    if parsed.is_none() {
        c.issues
            .push(FieldIssue::new(field, "err-event-point").arg("value", v.to_owned()));
    }
    parsed
}

/// Two numbers: split on `;`, else on spaces (each may keep a decimal comma), else on the
/// one comma; latitude within ±90, longitude within ±180.
pub(crate) fn parse_point(v: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = if v.contains(';') {
        v.split(';').collect()
    } else if v.contains(char::is_whitespace) {
        v.split_whitespace()
            .map(|p| p.trim_end_matches(','))
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        v.split(',').collect()
    };
    let [lat, lon] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| parse_coordinate(s).ok().flatten();
    let (lat, lon) = (number(lat)?, number(lon)?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// The stored point as the form shows it.
pub fn point_text(lat: Option<f64>, lon: Option<f64>) -> String {
    match (lat, lon) {
        (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
        _ => String::new(),
    }
}

/// The event's UID if it is one of ours (32 lowercase hex digits); anything else is dropped
/// and the write path gives the event a new one.
pub(crate) fn kept_uid(raw: &str) -> Option<String> {
    let v = raw.trim();
    (v.len() == 32
        && v.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then(|| v.to_owned())
}

/// Keeps each UID on the first event that carries it (a copied row must not share it).
pub(super) fn distinct_uids(mut events: Vec<ValidEvent>) -> Vec<ValidEvent> {
    let mut seen = std::collections::HashSet::new();
    for e in &mut events {
        if e.uid.as_ref().is_some_and(|u| !seen.insert(u.clone())) {
            e.uid = None;
        }
    }
    events
}

/// A sign-up link: a web address (a missing `https://` is added), or an issue.
fn registration_url(c: &mut Checker, field: &str, raw: &str) -> String {
    let v = raw.trim();
    if v.is_empty() {
        return String::new();
    }
    match crate::organizations::contacts::normalize_url(v, None) {
        Some(url) => url,
        None => {
            c.issues
                .push(FieldIssue::new(field, "err-url").arg("value", v.to_owned()));
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_point;

    #[test]
    fn a_point_is_read_as_people_write_it_and_nonsense_is_refused() {
        for text in [
            "55.44, 65.34",
            "55,44 65,34",
            "55.44;65.34",
            "55.44,65.34",
            " 55.44  65.34 ",
        ] {
            assert_eq!(parse_point(text), Some((55.44, 65.34)), "{text}");
        }
        for text in [
            "у моста",
            "55.44",
            "55,44,65,34",
            "95, 65",
            "55, 200",
            "NaN, 1",
        ] {
            assert_eq!(parse_point(text), None, "{text}");
        }
    }
}
