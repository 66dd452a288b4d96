//! The input shape of one organization, as the importer reads it from JSON or CSV and, later,
//! as the edit form submits it. Everything is plain text here; `validate` turns it into
//! checked values or field-by-field issues.

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::FieldIssue;

/// Longest name or title accepted.
pub const MAX_NAME: usize = 300;
/// Longest description accepted.
pub const MAX_TEXT: usize = 10_000;

// Limits of the short forms around an organization, checked by their handlers with
// [`too_long`]. The organization's own fields are checked by `validate`.

/// Longest name an account shows.
pub const MAX_DISPLAY_NAME: usize = 100;
/// Longest staff note on a verification.
pub const MAX_VERIFICATION_NOTE: usize = 2000;
/// Longest error report.
pub const MAX_REPORT: usize = 2000;
/// Longest contact left with an error report.
pub const MAX_REPORT_CONTACT: usize = 200;
/// Longest reason for turning a proposal down.
pub const MAX_REJECTION_REASON: usize = 1000;
/// Staff's public note on why an organization was archived.
pub const MAX_ARCHIVE_NOTE: usize = 1000;

/// An "err-too-long" issue for `field` when `value` has more than `max` characters.
pub fn too_long(field: &str, value: &str, max: usize) -> Option<FieldIssue> {
    (value.chars().count() > max)
        .then(|| FieldIssue::new(field, "err-too-long").arg("max", max.to_string()))
}

/// One organization with all its parts, before validation. Field names are the documented
/// import columns (docs/IMPORT.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationInput {
    pub name: String,
    /// `ngo`, `initiative_group` or `state_institution` (or their Russian labels).
    pub kind: String,
    pub legal_form: String,
    /// Okrug slug (`shumikhinsky`) or Russian name (`Шумихинский`).
    pub okrug: String,
    pub settlement: String,
    pub address: String,
    #[serde(deserialize_with = "lenient_coordinate")]
    pub lat: Option<f64>,
    #[serde(deserialize_with = "lenient_coordinate")]
    pub lon: Option<f64>,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub vk: String,
    pub ok: String,
    pub telegram: String,
    pub inn: String,
    pub ogrn: String,
    pub directions: Vec<String>,
    pub audiences: Vec<String>,
    pub event_formats: Vec<String>,
    /// One line for lists; taken from the description when empty.
    pub summary: String,
    pub description: String,
    pub services: Vec<ServiceInput>,
    pub events: Vec<EventInput>,
    pub needs: Vec<NeedInput>,
    /// What it can give other organizations.
    pub offers: Vec<OfferInput>,
    pub verification: Option<VerificationInput>,
    /// Marks synthetic demo records, which the UI labels as such.
    pub demo: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceInput {
    pub name: String,
    pub description: String,
    pub audiences: Vec<String>,
    /// `free`, `paid` or `partly` (or бесплатно / платно / частично).
    pub cost: String,
    pub how_to_apply: String,
    pub schedule: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (local time of the region) or RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    /// An event-format code or label.
    pub format: String,
    /// The event's lasting identity (32 hex digits) for calendar feeds: kept through every
    /// edit; empty for a new event, which gets one when it is saved.
    pub uid: String,
    /// Where to sign up (a web page), or empty.
    pub registration_url: String,
    /// Sign-up by the organization's phone.
    pub registration_phone: bool,
    /// Held online (on its own or besides the place).
    pub online: bool,
    /// A short account afterwards: how it went, how many came.
    pub report: String,
    /// Its own point on the map, «широта, долгота» (`55.44, 65.34`), or empty: the place is
    /// the address (or the organization's).
    pub point: String,
}

/// Help an organization offers other organizations, in the need vocabulary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfferInput {
    /// A need-kind code or label: consultations, training, premises...
    pub kind: String,
    pub title: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedInput {
    /// A need-kind code or label: volunteers, premises, equipment...
    pub kind: String,
    pub title: String,
    pub description: String,
    /// The help came: kept on the page's record, no longer shown as open.
    pub met: bool,
    /// Needed until this date (YYYY-MM-DD, or empty): after it, no longer open.
    pub until: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerificationInput {
    /// registry, reports, recommendation_letter, visit or note.
    pub method: String,
    pub verified_by: String,
    /// `YYYY-MM-DD`.
    pub verified_at: String,
    pub note: String,
}

/// A coordinate cell that holds something other than a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACoordinate;

/// Parses a coordinate typed by a person: "55.43", "55,43" (Russian Excel) or a number.
/// An empty cell is `Ok(None)`.
pub fn parse_coordinate(s: &str) -> Result<Option<f64>, NotACoordinate> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Some(x)),
        _ => Err(NotACoordinate),
    }
}

fn lenient_coordinate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Num(f64),
        Text(String),
        Null,
    }
    match Option::<Raw>::deserialize(d)? {
        None | Some(Raw::Null) => Ok(None),
        Some(Raw::Num(x)) => Ok(Some(x)),
        Some(Raw::Text(s)) => parse_coordinate(&s)
            .map_err(|_| serde::de::Error::custom(format!("not a coordinate: {s:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_accept_russian_decimal_comma() {
        assert_eq!(parse_coordinate("55,4312"), Ok(Some(55.4312)));
        assert_eq!(parse_coordinate(" 64.1 "), Ok(Some(64.1)));
        assert_eq!(parse_coordinate(""), Ok(None));
        assert_eq!(parse_coordinate("север"), Err(NotACoordinate));
        assert_eq!(parse_coordinate("NaN"), Err(NotACoordinate));
    }

    #[test]
    fn json_accepts_numbers_and_strings_for_coordinates() {
        let a: OrganizationInput =
            serde_json::from_str(r#"{"name":"A","lat":55.1,"lon":"64,2"}"#).expect("parses");
        assert_eq!((a.lat, a.lon), (Some(55.1), Some(64.2)));
    }
}
