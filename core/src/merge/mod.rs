//! Merging two records of one organization: staff choose, field by field, which record's
//! value the survivor keeps (or both, for lists and contacts); the second record's editors,
//! revisions, staff checks and reports move to the survivor, and its old addresses redirect
//! permanently. This module composes the merged record; `store` moves the rest and `run`
//! does it all in one transaction.

#[cfg(feature = "server")]
pub mod page;
#[cfg(feature = "server")]
pub mod run;
#[cfg(feature = "server")]
pub mod store;
#[cfg(all(test, feature = "server"))]
mod tests;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::forms::FormState;
use crate::organizations::input::OrganizationInput;

crate::kinds::text_enum! {
    /// Whose value a field of the merged record takes: the first or the second record on
    /// the page, or (for lists and contacts) both.
    pub enum Pick {
        A = "a",
        B = "b",
        Both = "both",
    }
}

/// A group of fields chosen together. `fields` are the history's field names (their rows
/// on the page); `list` groups can also take both records' values.
pub struct Group {
    pub key: &'static str,
    pub fields: &'static [&'static str],
    pub list: bool,
}

const fn scalar(key: &'static str, fields: &'static [&'static str]) -> Group {
    Group {
        key,
        fields,
        list: false,
    }
}

const fn list(key: &'static str, fields: &'static [&'static str]) -> Group {
    Group {
        key,
        fields,
        list: true,
    }
}

/// Every field of an organization, in the edit form's order. The place (okrug, settlement,
/// address, point) goes as one: half of one record's place and half of the other's would
/// put the organization where it never was.
pub const GROUPS: &[Group] = &[
    scalar("name", &["name"]),
    scalar("kind", &["kind"]),
    scalar("legal_form", &["legal_form"]),
    scalar("summary", &["summary"]),
    scalar("description", &["description"]),
    scalar("place", &["okrug", "settlement", "address", "lat", "lon"]),
    list("phone", &["phone"]),
    list("email", &["email"]),
    list("website", &["website"]),
    list("vk", &["vk"]),
    list("ok", &["ok"]),
    list("telegram", &["telegram"]),
    scalar("inn", &["inn"]),
    scalar("ogrn", &["ogrn"]),
    list("directions", &["directions"]),
    list("audiences", &["audiences"]),
    list("event_formats", &["event_formats"]),
    list("services", &["services"]),
    list("events", &["events"]),
    list("needs", &["needs"]),
];

/// The form field of a group's choice.
pub fn pick_field(group: &str) -> String {
    format!("pick_{group}")
}

/// Which record keeps its address (and id): the form field.
pub const KEEP_FIELD: &str = "keep";

/// The form fields with the versions of the two records the page showed.
pub const VERSION_FIELDS: [&str; 2] = ["version_a", "version_b"];

/// Comma- or semicolon-separated values, trimmed, without empty ones.
fn items(s: &str) -> Vec<&str> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// Both lists of contacts, each value once (compared without case and spaces).
fn union_text(a: &str, b: &str) -> String {
    let key = |v: &str| {
        v.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut seen = std::collections::HashSet::new();
    items(a)
        .into_iter()
        .chain(items(b))
        .filter(|v| seen.insert(key(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `a`'s items, then `b`'s that `a` does not have by `key`.
fn union_by<T: Clone, K: PartialEq>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out = a.to_vec();
    for x in b {
        if !out.iter().any(|y| key(y) == key(x)) {
            out.push(x.clone());
        }
    }
    out
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Is the group empty in this record?
fn is_empty(o: &OrganizationInput, group: &str) -> bool {
    match group {
        "name" => o.name.trim().is_empty(),
        "kind" => o.kind.is_empty(),
        "legal_form" => o.legal_form.is_empty(),
        "summary" => o.summary.trim().is_empty(),
        "description" => o.description.trim().is_empty(),
        "place" => o.settlement.is_empty() && o.address.is_empty() && o.lat.is_none(),
        "phone" => o.phone.trim().is_empty(),
        "email" => o.email.trim().is_empty(),
        "website" => o.website.trim().is_empty(),
        "vk" => o.vk.trim().is_empty(),
        "ok" => o.ok.trim().is_empty(),
        "telegram" => o.telegram.trim().is_empty(),
        "inn" => o.inn.is_empty(),
        "ogrn" => o.ogrn.is_empty(),
        "directions" => o.directions.is_empty(),
        "audiences" => o.audiences.is_empty(),
        "event_formats" => o.event_formats.is_empty(),
        "services" => o.services.is_empty(),
        "events" => o.events.is_empty(),
        "needs" => o.needs.is_empty(),
        _ => true,
    }
}

/// Copies one group from `from` into `to`.
fn take(to: &mut OrganizationInput, from: &OrganizationInput, group: &str) {
    let f = from.clone();
    match group {
        "name" => to.name = f.name,
        "kind" => to.kind = f.kind,
        "legal_form" => to.legal_form = f.legal_form,
        "summary" => to.summary = f.summary,
        "description" => to.description = f.description,
        "place" => {
            to.okrug = f.okrug;
            to.settlement = f.settlement;
            to.address = f.address;
            to.lat = f.lat;
            to.lon = f.lon;
        }
        "phone" => to.phone = f.phone,
        "email" => to.email = f.email,
        "website" => to.website = f.website,
        "vk" => to.vk = f.vk,
        "ok" => to.ok = f.ok,
        "telegram" => to.telegram = f.telegram,
        "inn" => to.inn = f.inn,
        "ogrn" => to.ogrn = f.ogrn,
        "directions" => to.directions = f.directions,
        "audiences" => to.audiences = f.audiences,
        "event_formats" => to.event_formats = f.event_formats,
        "services" => to.services = f.services,
        "events" => to.events = f.events,
        "needs" => to.needs = f.needs,
        _ => {}
    }
}

/// Puts both records' values of a list group into `to` (which holds `a`'s).
fn join(to: &mut OrganizationInput, b: &OrganizationInput, group: &str) {
    let codes = |x: &[String], y: &[String]| union_by(x, y, |c| c.clone());
    match group {
        "phone" => to.phone = union_text(&to.phone, &b.phone),
        "email" => to.email = union_text(&to.email, &b.email),
        "website" => to.website = union_text(&to.website, &b.website),
        "vk" => to.vk = union_text(&to.vk, &b.vk),
        "ok" => to.ok = union_text(&to.ok, &b.ok),
        "telegram" => to.telegram = union_text(&to.telegram, &b.telegram),
        "directions" => to.directions = codes(&to.directions, &b.directions),
        "audiences" => to.audiences = codes(&to.audiences, &b.audiences),
        "event_formats" => to.event_formats = codes(&to.event_formats, &b.event_formats),
        "services" => to.services = union_by(&to.services, &b.services, |s| norm(&s.name)),
        "events" => {
            to.events = union_by(&to.events, &b.events, |e| {
                (norm(&e.title), e.starts_at.clone())
            })
        }
        "needs" => to.needs = union_by(&to.needs, &b.needs, |n| (n.kind.clone(), norm(&n.title))),
        _ => {}
    }
}

/// The merged record: each group from the record its pick names (a group without a pick
/// keeps `a`'s value; "both" on a single-value field means `a`'s).
pub fn compose(
    a: &OrganizationInput,
    b: &OrganizationInput,
    picks: &HashMap<String, Pick>,
) -> OrganizationInput {
    let mut out = a.clone();
    for g in GROUPS {
        match picks.get(g.key) {
            Some(Pick::B) => take(&mut out, b, g.key),
            Some(Pick::Both) if g.list => join(&mut out, b, g.key),
            _ => {}
        }
    }
    out.verification = None;
    out
}

/// What the page proposes before staff change anything: the survivor's value, or the other
/// record's where the survivor has none; both records' for a list both have.
pub fn default_picks(
    a: &OrganizationInput,
    b: &OrganizationInput,
    keep: Pick,
) -> HashMap<String, Pick> {
    let (own, other, other_pick) = match keep {
        Pick::B => (b, a, Pick::A),
        _ => (a, b, Pick::B),
    };
    GROUPS
        .iter()
        .map(|g| {
            let pick = match (is_empty(own, g.key), is_empty(other, g.key)) {
                (true, false) => other_pick,
                (false, false) if g.list => Pick::Both,
                _ if keep == Pick::B => Pick::B,
                _ => Pick::A,
            };
            (g.key.to_owned(), pick)
        })
        .collect()
}

/// The picks a posted (or drafted) merge form names; groups it does not name are missing.
pub fn picks_of(form: &FormState) -> HashMap<String, Pick> {
    GROUPS
        .iter()
        .filter_map(|g| {
            let p = Pick::parse(&form.value(&pick_field(g.key)))?;
            Some((g.key.to_owned(), p))
        })
        .collect()
}

/// One record as the merge page shows it at the top of its column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeSide {
    pub id: i64,
    /// The version the page showed: a merge posted after someone changed the record is
    /// sent back to look again.
    pub version: i64,
    pub name: String,
    pub url: String,
    /// "Обновлено 3 месяца назад", "2 редактора", "5 версий".
    pub facts: Vec<String>,
}

/// One row of the comparison: a field and its text in each record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeRow {
    pub field: String,
    pub a: String,
    pub b: String,
}

/// One group of rows with its choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeGroup {
    pub key: String,
    pub list: bool,
    pub rows: Vec<MergeRow>,
    /// Both records say the same (or both say nothing): no choice to make.
    pub same: bool,
}

/// The merge page of two records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MergePage {
    pub a: MergeSide,
    pub b: MergeSide,
    pub groups: Vec<MergeGroup>,
    /// The choices: the defaults, or what was posted when the merge came back.
    pub form: FormState,
}
