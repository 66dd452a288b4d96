//! Field-level differences between two versions of an organization, as text a person can
//! compare side by side: the history page, and the conflict page.

use serde::{Deserialize, Serialize};

use super::form::coordinate_text;
use crate::organizations::input::OrganizationInput;

/// One field that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The form field's name ("description", "services"); the page shows its label.
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Turns a taxonomy code into a readable label: (vocabulary field, code) → label.
pub type Labeler<'a> = &'a dyn Fn(&str, &str) -> String;

fn terms(labels: Labeler, field: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| labels(field, c))
        .collect::<Vec<_>>()
        .join("; ")
}

fn lines(parts: &[(&str, String)]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| {
            if k.is_empty() {
                v.clone()
            } else {
                format!("{k}: {v}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every field of an organization as (field, text), in the order of the form.
pub fn flatten(o: &OrganizationInput, labels: Labeler) -> Vec<(&'static str, String)> {
    let services = o
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            lines(&[
                ("", format!("{}. {}", i + 1, s.name)),
                ("", s.description.clone()),
                ("·", labels("cost", &s.cost)),
                ("·", s.how_to_apply.clone()),
                ("·", s.schedule.clone()),
                ("·", terms(labels, "audiences", &s.audiences)),
            ])
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let events = o
        .events
        .iter()
        .map(|e| {
            lines(&[
                (
                    "",
                    format!("{} — {}", e.starts_at.replace('T', " "), e.title),
                ),
                ("", e.description.clone()),
                ("·", e.place.clone()),
                ("·", labels("event_formats", &e.format)),
                // Language-neutral marks: sign-up by phone, held online.
                ("·", mark(e.registration_phone, "☎")),
                ("·", mark(e.online, "🌐")),
                ("·", e.registration_url.clone()),
                ("📍", e.point.clone()),
                ("", e.report.clone()),
            ])
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let needs = o
        .needs
        .iter()
        .map(|n| {
            lines(&[
                ("", format!("{}: {}", labels("needs", &n.kind), n.title)),
                ("", n.description.clone()),
                // Language-neutral marks: the "до" date and a tick once the help came.
                ("→", n.until.clone()),
                ("", if n.met { "✓".into() } else { String::new() }),
            ])
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let offers = o
        .offers
        .iter()
        .map(|f| {
            lines(&[
                ("", format!("{}: {}", labels("needs", &f.kind), f.title)),
                ("", f.description.clone()),
            ])
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    vec![
        ("name", o.name.clone()),
        ("kind", labels("kind", &o.kind)),
        ("legal_form", labels("legal_form", &o.legal_form)),
        ("summary", o.summary.clone()),
        ("description", o.description.clone()),
        ("okrug", labels("okrug", &o.okrug)),
        ("settlement", o.settlement.clone()),
        ("address", o.address.clone()),
        ("lat", coordinate_text(o.lat)),
        ("lon", coordinate_text(o.lon)),
        ("phone", o.phone.clone()),
        ("email", o.email.clone()),
        ("website", o.website.clone()),
        ("vk", o.vk.clone()),
        ("ok", o.ok.clone()),
        ("telegram", o.telegram.clone()),
        ("inn", o.inn.clone()),
        ("ogrn", o.ogrn.clone()),
        ("directions", terms(labels, "directions", &o.directions)),
        ("audiences", terms(labels, "audiences", &o.audiences)),
        (
            "event_formats",
            terms(labels, "event_formats", &o.event_formats),
        ),
        ("services", services),
        ("events", events),
        ("needs", needs),
        ("offers", offers),
    ]
}

/// The fields that differ between `before` and `after`.
pub fn diff(
    before: &OrganizationInput,
    after: &OrganizationInput,
    labels: Labeler,
) -> Vec<FieldChange> {
    flatten(before, labels)
        .into_iter()
        .zip(flatten(after, labels))
        .filter(|((_, a), (_, b))| a.trim() != b.trim())
        .map(|((field, a), (_, b))| FieldChange {
            field: field.to_owned(),
            before: a,
            after: b,
        })
        .collect()
}

/// Just the names of the fields that differ (stored with each revision).
pub fn changed_fields(before: &OrganizationInput, after: &OrganizationInput) -> Vec<String> {
    let codes: Labeler = &|_, code| code.to_owned();
    diff(before, after, codes)
        .into_iter()
        .map(|c| c.field)
        .collect()
}

/// `sign` when `on`, else nothing.
fn mark(on: bool, sign: &str) -> String {
    if on {
        sign.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organizations::input::ServiceInput;

    #[test]
    fn only_changed_fields_are_reported_with_both_values() {
        let a = OrganizationInput {
            name: "Совет".into(),
            description: "Старое описание".into(),
            services: vec![ServiceInput {
                name: "Юрист".into(),
                cost: "free".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut b = a.clone();
        b.description = "Новое описание".into();
        b.services[0].cost = "paid".into();
        let codes: Labeler = &|_, c| c.to_owned();
        let d = diff(&a, &b, codes);
        let fields: Vec<_> = d.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["description", "services"]);
        assert_eq!(d[0].before, "Старое описание");
        assert_eq!(d[0].after, "Новое описание");
        assert!(d[1].after.contains("paid"));
        assert_eq!(changed_fields(&a, &a), Vec::<String>::new());
    }
}
