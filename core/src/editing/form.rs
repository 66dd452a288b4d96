//! The edit form as flat HTML fields, and back. Field names are those the validator reports
//! issues under ("name", "services[2].cost"), so every message lands next to its input.
//!
//! Lists (services, events, needs) are numbered rows. Without JavaScript, a person adds a row
//! by filling one of the blank rows at the end, removes one with its "remove" box and
//! reorders with the "order" numbers. Blank rows are ignored. Issues found after the rows are
//! filtered and sorted are numbered back to the rows as submitted.

use std::collections::BTreeMap;

use crate::error::FieldIssue;
use crate::organizations::input::{
    parse_coordinate, EventInput, NeedInput, OfferInput, OrganizationInput, ServiceInput,
};

/// Blank rows offered at the end of each list.
pub const BLANK_ROWS: usize = 2;
/// Rows beyond this number are ignored (a guard against absurd posts).
const MAX_ROWS: usize = 200;

fn push(out: &mut Vec<(String, String)>, k: impl Into<String>, v: impl Into<String>) {
    out.push((k.into(), v.into()));
}

/// Formats a coordinate the way people type it back.
pub fn coordinate_text(x: Option<f64>) -> String {
    x.map(|x| {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    })
    .unwrap_or_default()
}

/// The form's fields for an organization, with `BLANK_ROWS` empty rows after each list.
pub fn to_fields(o: &OrganizationInput) -> Vec<(String, String)> {
    let mut f = vec![];
    for (k, v) in [
        ("name", &o.name),
        ("kind", &o.kind),
        ("legal_form", &o.legal_form),
        ("summary", &o.summary),
        ("description", &o.description),
        ("okrug", &o.okrug),
        ("settlement", &o.settlement),
        ("address", &o.address),
        ("phone", &o.phone),
        ("email", &o.email),
        ("website", &o.website),
        ("vk", &o.vk),
        ("ok", &o.ok),
        ("telegram", &o.telegram),
        ("inn", &o.inn),
        ("ogrn", &o.ogrn),
    ] {
        push(&mut f, k, v.clone());
    }
    push(&mut f, "lat", coordinate_text(o.lat));
    push(&mut f, "lon", coordinate_text(o.lon));
    for (k, list) in [
        ("directions", &o.directions),
        ("audiences", &o.audiences),
        ("event_formats", &o.event_formats),
    ] {
        for v in list {
            push(&mut f, k, v.clone());
        }
    }
    for (i, s) in o.services.iter().enumerate() {
        let p = |name: &str| format!("services[{}].{name}", i + 1);
        push(&mut f, p("name"), s.name.clone());
        push(&mut f, p("description"), s.description.clone());
        push(&mut f, p("cost"), s.cost.clone());
        push(&mut f, p("how_to_apply"), s.how_to_apply.clone());
        push(&mut f, p("schedule"), s.schedule.clone());
        push(&mut f, p("position"), (i + 1).to_string());
        for a in &s.audiences {
            push(&mut f, p("audiences"), a.clone());
        }
    }
    for (i, e) in o.events.iter().enumerate() {
        let p = |name: &str| format!("events[{}].{name}", i + 1);
        push(&mut f, p("title"), e.title.clone());
        push(&mut f, p("description"), e.description.clone());
        push(&mut f, p("starts_at"), e.starts_at.replace('T', " "));
        push(&mut f, p("ends_at"), e.ends_at.replace('T', " "));
        push(&mut f, p("place"), e.place.clone());
        push(&mut f, p("format"), e.format.clone());
        push(&mut f, p("uid"), e.uid.clone());
        push(&mut f, p("registration_url"), e.registration_url.clone());
        if e.registration_phone {
            push(&mut f, p("registration_phone"), "1");
        }
        if e.online {
            push(&mut f, p("online"), "1");
        }
        push(&mut f, p("report"), e.report.clone());
        push(&mut f, p("point"), e.point.clone());
    }
    for (i, n) in o.offers.iter().enumerate() {
        let p = |name: &str| format!("offers[{}].{name}", i + 1);
        push(&mut f, p("kind"), n.kind.clone());
        push(&mut f, p("title"), n.title.clone());
        push(&mut f, p("description"), n.description.clone());
    }
    for (i, n) in o.needs.iter().enumerate() {
        let p = |name: &str| format!("needs[{}].{name}", i + 1);
        push(&mut f, p("kind"), n.kind.clone());
        push(&mut f, p("title"), n.title.clone());
        push(&mut f, p("description"), n.description.clone());
        if n.met {
            push(&mut f, p("met"), "1");
        }
        push(&mut f, p("until"), n.until.clone());
    }
    f
}

/// How many rows a list shows: the filled ones plus the blank ones.
pub fn row_count(fields: &[(String, String)], list: &str) -> usize {
    let prefix = format!("{list}[");
    let filled = fields
        .iter()
        .filter_map(|(k, _)| {
            k.strip_prefix(&prefix)?
                .split(']')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .filter(|n| *n <= MAX_ROWS)
        .max()
        .unwrap_or(0);
    filled + BLANK_ROWS
}

/// One submitted row: its number and its fields (multi-valued ones repeat).
type Row = (usize, Vec<(String, String)>);

/// Groups "list[N].field" pairs by N, in row order.
fn rows(fields: &[(String, String)], list: &str) -> Vec<Row> {
    let prefix = format!("{list}[");
    let mut by_row: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for (k, v) in fields {
        let Some(rest) = k.strip_prefix(&prefix) else {
            continue;
        };
        let Some((n, field)) = rest.split_once("].") else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else { continue };
        if (1..=MAX_ROWS).contains(&n) {
            by_row
                .entry(n)
                .or_default()
                .push((field.to_owned(), v.clone()));
        }
    }
    by_row.into_iter().collect()
}

fn get(row: &[(String, String)], name: &str) -> String {
    row.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn all(row: &[(String, String)], name: &str) -> Vec<String> {
    row.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Whether a row has any text typed into it (the order number and cost default don't count).
fn is_blank(row: &[(String, String)]) -> bool {
    row.iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "position"
                    | "cost"
                    | "remove"
                    | "kind"
                    | "format"
                    | "met"
                    | "uid"
                    | "registration_phone"
                    | "online"
            )
        })
        .all(|(_, v)| v.trim().is_empty())
}

/// Keeps the rows that are neither blank nor marked for removal, sorted by their order
/// numbers; returns them with their submitted numbers.
fn kept_rows(fields: &[(String, String)], list: &str) -> Vec<Row> {
    let mut kept: Vec<(f64, Row)> = rows(fields, list)
        .into_iter()
        .filter(|(_, row)| !is_blank(row) && get(row, "remove").is_empty())
        .map(|(n, row)| {
            let pos = get(&row, "position")
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|p| p.is_finite());
            (pos.unwrap_or(n as f64), (n, row))
        })
        .collect();
    kept.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1 .0.cmp(&b.1 .0)));
    kept.into_iter().map(|(_, r)| r).collect()
}

/// A submitted edit form, read back into an organization.
#[derive(Debug, Default)]
pub struct ParsedForm {
    pub input: OrganizationInput,
    /// Problems found while reading (a coordinate that is not a number).
    pub issues: Vec<FieldIssue>,
    /// The version the form was based on.
    pub version: Option<i64>,
    /// For each list, the submitted row number of each kept row.
    row_numbers: Vec<(&'static str, Vec<usize>)>,
}

impl ParsedForm {
    /// Renames "services[2].name" (the second kept row) to the row number as submitted.
    pub fn renumber(&self, issues: Vec<FieldIssue>) -> Vec<FieldIssue> {
        issues
            .into_iter()
            .map(|mut issue| {
                for (list, numbers) in &self.row_numbers {
                    let prefix = format!("{list}[");
                    let Some(rest) = issue.field.strip_prefix(&prefix) else {
                        continue;
                    };
                    let Some((n, tail)) = rest.split_once(']') else {
                        continue;
                    };
                    if let Some(orig) = n
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| numbers.get(k.wrapping_sub(1)))
                    {
                        issue.field = format!("{list}[{orig}]{tail}");
                    }
                }
                issue
            })
            .collect()
    }
}

fn coordinate(
    fields: &[(String, String)],
    name: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<f64> {
    let raw = get(fields, name);
    parse_coordinate(&raw).unwrap_or_else(|_| {
        issues.push(FieldIssue::new(name, "err-coordinate").arg("value", raw.trim()));
        None
    })
}

/// Reads a submitted edit form.
pub fn from_fields(fields: &[(String, String)]) -> ParsedForm {
    let mut issues = vec![];
    let lat = coordinate(fields, "lat", &mut issues);
    let lon = coordinate(fields, "lon", &mut issues);
    let g = |k: &str| get(fields, k);
    let services = kept_rows(fields, "services");
    let events = kept_rows(fields, "events");
    let needs = kept_rows(fields, "needs");
    let offers = kept_rows(fields, "offers");
    let input = OrganizationInput {
        name: g("name"),
        kind: g("kind"),
        legal_form: g("legal_form"),
        // With a point on the map the okrug follows from it; the list only places groups
        // without an address at their okrug's centre.
        okrug: if lat.is_some() && lon.is_some() {
            String::new()
        } else {
            g("okrug")
        },
        settlement: g("settlement"),
        address: g("address"),
        lat,
        lon,
        phone: g("phone"),
        email: g("email"),
        website: g("website"),
        vk: g("vk"),
        ok: g("ok"),
        telegram: g("telegram"),
        inn: g("inn"),
        ogrn: g("ogrn"),
        directions: all(fields, "directions"),
        audiences: all(fields, "audiences"),
        event_formats: all(fields, "event_formats"),
        summary: g("summary"),
        description: g("description"),
        services: services
            .iter()
            .map(|(_, r)| ServiceInput {
                name: get(r, "name"),
                description: get(r, "description"),
                audiences: all(r, "audiences"),
                cost: get(r, "cost"),
                how_to_apply: get(r, "how_to_apply"),
                schedule: get(r, "schedule"),
            })
            .collect(),
        events: events
            .iter()
            .map(|(_, r)| EventInput {
                title: get(r, "title"),
                description: get(r, "description"),
                starts_at: get(r, "starts_at"),
                ends_at: get(r, "ends_at"),
                place: get(r, "place"),
                format: get(r, "format"),
                uid: get(r, "uid"),
                registration_url: get(r, "registration_url"),
                registration_phone: !get(r, "registration_phone").is_empty(),
                online: !get(r, "online").is_empty(),
                report: get(r, "report"),
                point: get(r, "point"),
            })
            .collect(),
        needs: needs
            .iter()
            .map(|(_, r)| NeedInput {
                kind: get(r, "kind"),
                title: get(r, "title"),
                description: get(r, "description"),
                met: !get(r, "met").is_empty(),
                until: get(r, "until").trim().to_owned(),
            })
            .collect(),
        offers: offers
            .iter()
            .map(|(_, r)| OfferInput {
                kind: get(r, "kind"),
                title: get(r, "title"),
                description: get(r, "description"),
            })
            .collect(),
        verification: None,
        demo: false,
    };
    let numbers = |rows: &[Row]| rows.iter().map(|(n, _)| *n).collect::<Vec<_>>();
    ParsedForm {
        input,
        issues,
        version: g("version").trim().parse().ok(),
        row_numbers: vec![
            ("services", numbers(&services)),
            ("events", numbers(&events)),
            ("needs", numbers(&needs)),
            ("offers", numbers(&offers)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn an_organization_survives_the_round_trip_through_the_form() {
        let o = OrganizationInput {
            name: "Совет ветеранов".into(),
            kind: "ngo".into(),
            lat: Some(55.4312),
            lon: Some(65.3),
            directions: vec!["social_services".into(), "culture".into()],
            services: vec![ServiceInput {
                name: "Юрист".into(),
                cost: "free".into(),
                audiences: vec!["elderly".into()],
                ..Default::default()
            }],
            needs: vec![
                NeedInput {
                    kind: "volunteers".into(),
                    title: "Водители".into(),
                    description: String::new(),
                    met: false,
                    until: "2027-05-01".into(),
                },
                NeedInput {
                    kind: "premises".into(),
                    title: "Зал для занятий".into(),
                    description: String::new(),
                    met: true,
                    until: String::new(),
                },
            ],
            ..Default::default()
        };
        let back = from_fields(&to_fields(&o));
        assert!(back.issues.is_empty());
        assert_eq!(back.input, o);
    }

    #[test]
    fn blank_and_removed_rows_go_and_order_numbers_reorder() {
        let f = pairs(&[
            ("services[1].name", "Первая"),
            ("services[1].position", "3"),
            ("services[2].name", "Вторая"),
            ("services[2].position", "1"),
            ("services[3].name", "Удалить"),
            ("services[3].remove", "1"),
            ("services[4].name", ""),
            ("services[4].cost", "free"),
            ("services[5].name", "Новая"),
            ("services[5].position", "2"),
        ]);
        let parsed = from_fields(&f);
        let names: Vec<_> = parsed
            .input
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Вторая", "Новая", "Первая"]);
        // An issue on the second kept row is shown on row 5, where it was typed.
        let issues = parsed.renumber(vec![FieldIssue::new("services[2].name", "err-required")]);
        assert_eq!(issues[0].field, "services[5].name");
    }

    #[test]
    fn a_typo_in_a_coordinate_is_a_field_issue_and_keeps_nothing_silently() {
        let parsed = from_fields(&pairs(&[
            ("lat", "55,4x"),
            ("lon", "65.3"),
            ("okrug", "ketovsky"),
        ]));
        assert_eq!(parsed.issues[0].field, "lat");
        assert_eq!(parsed.input.lat, None);
        // Without a full point, the okrug list decides.
        assert_eq!(parsed.input.okrug, "ketovsky");
    }

    #[test]
    fn each_list_offers_blank_rows_after_the_filled_ones() {
        let f = pairs(&[("services[1].name", "a"), ("services[3].name", "b")]);
        assert_eq!(row_count(&f, "services"), 3 + BLANK_ROWS);
        assert_eq!(row_count(&f, "events"), BLANK_ROWS);
        assert_eq!(
            row_count(&pairs(&[("services[99999].name", "x")]), "services"),
            BLANK_ROWS
        );
    }
}
