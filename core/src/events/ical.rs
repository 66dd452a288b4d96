//! iCalendar (RFC 5545) feeds of events: one VCALENDAR with the region's VTIMEZONE and a
//! VEVENT per event. Lines end in CRLF and are folded at 75 octets (never inside a
//! character); text values are escaped (`\\`, `;`, `,`, newlines). Times are the region's
//! local times with its TZID; an event stored at midnight with no end is a whole day.

use chrono::{NaiveDate, NaiveDateTime};

use crate::region::TimeZone;

/// One event as a feed writes it.
#[derive(Clone, Debug, Default)]
pub struct FeedEvent {
    /// Unique within the region: the feed adds `@poputchiki`.
    pub uid: String,
    pub title: String,
    pub description: String,
    /// Local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub location: String,
    pub geo: Option<(f64, f64)>,
    /// The organization's page (absolute).
    pub url: String,
    pub category: Option<String>,
    /// When it was last changed, as stored (UTC, `YYYY-MM-DDTHH:MM:SS…Z`).
    pub updated_at: String,
}

/// Writes a whole calendar named `name`.
pub fn calendar(name: &str, tz: &TimeZone, events: &[FeedEvent]) -> String {
    let mut out = String::new();
    let mut line = |s: &str| push_folded(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Poputchiki//Calendar 1.0//RU");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line(&format!("X-WR-TIMEZONE:{}", tz.name));
    let offset = ical_offset(tz.offset_minutes().unwrap_or(0));
    for l in [
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", tz.name),
        "BEGIN:STANDARD".to_owned(),
        "DTSTART:19700101T000000".to_owned(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        format!("TZNAME:{}", &offset[..3]),
        "END:STANDARD".to_owned(),
        "END:VTIMEZONE".to_owned(),
    ] {
        line(&l);
    }
    for e in events {
        let Some(start) = local(&e.starts_at) else {
            continue;
        };
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@poputchiki", e.uid));
        let stamp = utc_stamp(&e.updated_at);
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("LAST-MODIFIED:{stamp}"));
        let end = e
            .ends_at
            .as_deref()
            .and_then(local)
            .filter(|end| *end > start);
        if start.time() == chrono::NaiveTime::MIN && end.is_none() {
            let day = start.date();
            line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
            let after = day.succ_opt().unwrap_or(day);
            line(&format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
        } else {
            line(&format!(
                "DTSTART;TZID={}:{}",
                tz.name,
                start.format("%Y%m%dT%H%M%S")
            ));
            if let Some(end) = end {
                line(&format!(
                    "DTEND;TZID={}:{}",
                    tz.name,
                    end.format("%Y%m%dT%H%M%S")
                ));
            }
        }
        line(&format!("SUMMARY:{}", escape(&e.title)));
        if !e.description.trim().is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.location.trim().is_empty() {
            line(&format!("LOCATION:{}", escape(&e.location)));
        }
        if let Some((lat, lon)) = e.geo {
            line(&format!("GEO:{lat:.6};{lon:.6}"));
        }
        if let Some(c) = &e.category {
            line(&format!("CATEGORIES:{}", escape(c)));
        }
        if !e.url.is_empty() {
            line(&format!("URL:{}", e.url));
        }
        line("STATUS:CONFIRMED");
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn local(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

/// A stored UTC timestamp as an iCalendar UTC date-time (`20261206T120000Z`).
fn utc_stamp(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::DateTime::<chrono::Utc>::UNIX_EPOCH)
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// `300` → `+0500`.
fn ical_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no line is longer than 75 octets (§3.1): a
/// continuation starts with one space, and a UTF-8 character is never split.
fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone {
            name: "Asia/Yekaterinburg".into(),
            utc_offset: "+05:00".into(),
        }
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets_without_splitting_letters() {
        let e = FeedEvent {
            uid: "0123456789abcdef0123456789abcdef".into(),
            title: "Семинар; «Гранты», сельские НКО\nи волонтёры ".repeat(4),
            starts_at: "2026-12-10T10:00".into(),
            ends_at: Some("2026-12-10T13:30".into()),
            updated_at: "2026-12-01T08:15:00Z".into(),
            ..Default::default()
        };
        let cal = calendar("Календарь", &tz(), &[e]);
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'), "a bare LF");
        for l in cal.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Семинар\\; «Гранты»\\, сельские НКО\\nи волонтёры "));
        assert!(unfolded.contains("DTSTART;TZID=Asia/Yekaterinburg:20261210T100000\r\n"));
        assert!(unfolded.contains("DTEND;TZID=Asia/Yekaterinburg:20261210T133000\r\n"));
        assert!(unfolded.contains("DTSTAMP:20261201T081500Z\r\n"));
        assert!(unfolded.contains("UID:0123456789abcdef0123456789abcdef@poputchiki\r\n"));
        assert!(unfolded.contains("TZOFFSETTO:+0500\r\n"));
    }

    #[test]
    fn a_day_without_a_time_is_a_whole_day() {
        let e = FeedEvent {
            uid: "a".repeat(32),
            title: "Ярмарка".into(),
            starts_at: "2026-12-31T00:00".into(),
            ..Default::default()
        };
        let cal = calendar("К", &tz(), &[e]);
        assert!(cal.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
    }
}
