//! Where an organization is and in which okrug: from its coordinates (point-in-polygon
//! against the okrug boundaries), else at its settlement from the gazetteer, else at its
//! okrug's centre; the last two flagged approximate.

use super::Checker;
use crate::error::FieldIssue;
use crate::organizations::input::OrganizationInput;
use crate::region::{LatLon, RegionCatalog};

/// Decides where the organization is and in which okrug: from the coordinates when given
/// (point-in-polygon), else at its settlement or the stated okrug's centre, flagged
/// approximate.
pub(super) fn location(c: &mut Checker, input: &OrganizationInput) -> Option<(i64, LatLon, bool)> {
    let stated = input.okrug.trim();
    let stated_okrug = if stated.is_empty() {
        None
    } else {
        let found = c.catalog.find_okrug(stated);
        if found.is_none() {
            c.issues
                .push(FieldIssue::new("okrug", "err-unknown-okrug").arg("value", stated));
            return None;
        }
        found
    };
    match (input.lat, input.lon) {
        (None, None) => match (stated_okrug, settlement_of(c.catalog, input, None)) {
            (Some(o), _) => Some(placed_in(c.catalog, input, o)),
            // No okrug, but a settlement the gazetteer knows (once in the region).
            (None, Some(s)) => Some((s.okrug_id, s.at, true)),
            (None, None) => {
                c.issue("okrug", "err-okrug-or-coordinates");
                None
            }
        },
        (Some(lat), Some(lon)) => {
            point_location(c, LatLon { lat, lon }, stated_okrug.map(|o| o.id))
        }
        _ => {
            c.issue(
                if input.lat.is_none() { "lat" } else { "lon" },
                "err-coordinates-pair",
            );
            None
        }
    }
}

/// The gazetteer's settlement named in the settlement field (or, failing that, at the start
/// of the address), within `okrug_id` when given.
fn settlement_of<'c>(
    catalog: &'c RegionCatalog,
    input: &OrganizationInput,
    okrug_id: Option<i64>,
) -> Option<&'c crate::gazetteer::Settlement> {
    let all = &catalog.settlements;
    crate::gazetteer::find(all, &input.settlement, okrug_id)
        .or_else(|| crate::gazetteer::find(all, &input.address, okrug_id))
}

/// Where an organization without coordinates goes in its okrug: at its settlement when the
/// gazetteer knows it, else at the okrug's centre; approximate either way. The centre
/// itself keeps the okrug's centre point, so both sources agree on it.
fn placed_in(
    catalog: &RegionCatalog,
    input: &OrganizationInput,
    okrug: &crate::region::Okrug,
) -> (i64, LatLon, bool) {
    let at = settlement_of(catalog, input, Some(okrug.id))
        .filter(|s| {
            crate::text::fold(&s.name)
                != crate::text::fold(okrug.admin_center.get(Default::default()))
        })
        .map_or(okrug.center, |s| s.at);
    (okrug.id, at, true)
}

fn point_location(c: &mut Checker, at: LatLon, stated: Option<i64>) -> Option<(i64, LatLon, bool)> {
    if !(-90.0..=90.0).contains(&at.lat) || !(-180.0..=180.0).contains(&at.lon) {
        c.issue("lat", "err-coordinates-range");
        return None;
    }
    let Some(found) = c.catalog.okrug_at(at) else {
        let swapped = c
            .catalog
            .okrug_at(LatLon {
                lat: at.lon,
                lon: at.lat,
            })
            .is_some();
        let key = if swapped {
            "err-outside-region-swapped"
        } else {
            "err-outside-region"
        };
        let region = c.catalog.name.get(Default::default()).to_owned();
        c.issues
            .push(FieldIssue::new("lat", key).arg("region", region));
        return None;
    };
    if let Some(stated_id) = stated.filter(|id| *id != found.id) {
        let stated_name = c
            .catalog
            .okrug_by_id(stated_id)
            .map(|o| o.name.get(Default::default()).to_owned());
        let issue = FieldIssue::new("okrug", "err-okrug-mismatch")
            .arg("stated", stated_name.unwrap_or_default())
            .arg("found", found.name.get(Default::default()));
        c.issues.push(issue);
        return None;
    }
    Some((found.id, at, false))
}
