//! Filters compiled to bit masks, and the one pass over the candidates that filters,
//! counts facets disjunctively, applies the geo limit and sorts the requested page.
//! Plain Rust over the in-memory table; tantivy is not involved.

use super::{SearchEngine, SearchError};

use tantivy::{DocAddress, Score};

use crate::i18n::I18n;
use crate::region::LatLon;
use crate::search::params::{BBox, Facet, ParamError, SearchParams, SortOrder, FACETS};
use crate::search::table::{flag, OrgRow, OrgTable};
use crate::taxonomy::Vocabulary;

/// Active filters compiled to masks over the table's bit positions.
pub(super) struct Compiled {
    /// Per facet (in [`FACETS`] order): the mask of accepted values, `None` when inactive.
    pub(super) masks: [Option<u128>; 8],
    pub(super) near: Option<LatLon>,
    pub(super) radius_km: Option<f64>,
    pub(super) bbox: Option<BBox>,
    /// A cheap box around the radius circle, checked before the haversine distance.
    pub(super) circle_box: Option<BBox>,
}

/// A row's values for one facet, as a mask.
pub(super) fn values_of(row: &OrgRow, facet: Facet) -> u128 {
    match facet {
        Facet::Direction => row.directions,
        Facet::Audience => row.audiences,
        Facet::EventFormat => row.event_formats,
        Facet::Kind => 1u128.checked_shl(u32::from(row.kind)).unwrap_or(0),
        Facet::Okrug => 1u128.checked_shl(u32::from(row.okrug)).unwrap_or(0),
        Facet::Verified => u128::from(row.has(flag::VERIFIED)),
        Facet::HasNeeds => u128::from(row.has(flag::HAS_NEEDS)),
        Facet::AcceptsVolunteers => u128::from(row.has(flag::ACCEPTS_VOLUNTEERS)),
    }
}

/// Great-circle distance in km (the `geo` crate's haversine).
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat)) / 1000.0
}

impl SearchEngine {
    /// The (code, label) list of a facet's possible values, in the vocabulary's order.
    pub fn facet_values(&self, facet: Facet, i18n: &I18n) -> Vec<(String, String)> {
        let c = &self.catalog;
        let terms = |v: Vocabulary| {
            c.taxonomy
                .terms(v)
                .iter()
                .map(|t| (t.code.clone(), t.label.get(i18n.locale).to_owned()))
                .collect()
        };
        match facet {
            Facet::Direction => terms(Vocabulary::Direction),
            Facet::Audience => terms(Vocabulary::Audience),
            Facet::EventFormat => terms(Vocabulary::EventFormat),
            Facet::Kind => terms(Vocabulary::OrgKind),
            Facet::Okrug => c
                .okrugs
                .iter()
                .map(|o| (o.slug.clone(), o.name.get(i18n.locale).to_owned()))
                .collect(),
            Facet::Verified => vec![("true".into(), i18n.t("facet-verified-yes"))],
            Facet::HasNeeds => vec![("true".into(), i18n.t("facet-has-needs-yes"))],
            Facet::AcceptsVolunteers => {
                vec![("true".into(), i18n.t("facet-accepts-volunteers-yes"))]
            }
        }
    }

    pub(super) fn compile(&self, p: &SearchParams, i18n: &I18n) -> Result<Compiled, SearchError> {
        let mut masks = [None; 8];
        let mut errors = vec![];
        for (i, facet) in FACETS.into_iter().enumerate() {
            let wanted = p.values(facet);
            if wanted.is_empty() {
                continue;
            }
            let known = self.facet_values(facet, i18n);
            let mut mask = 0u128;
            for code in wanted {
                match known.iter().position(|(c, _)| c == code) {
                    Some(bit) if bit < 128 => mask |= 1u128 << bit,
                    _ => errors.push(ParamError {
                        param: facet.as_str().into(),
                        key: "err-param-unknown-code".into(),
                        value: code.clone(),
                    }),
                }
            }
            masks[i] = Some(mask);
        }
        if !errors.is_empty() {
            return Err(SearchError::Params(errors));
        }
        let circle_box = match (p.near, p.radius_km) {
            (Some(c), Some(r)) => {
                let dlat = r / 111.0 + 0.01;
                let dlon = r / (111.0 * c.lat.to_radians().cos().abs().max(0.01)) + 0.01;
                Some(BBox {
                    min_lat: c.lat - dlat,
                    max_lat: c.lat + dlat,
                    min_lon: c.lon - dlon,
                    max_lon: c.lon + dlon,
                })
            }
            _ => None,
        };
        Ok(Compiled {
            masks,
            near: p.near,
            radius_km: p.radius_km,
            bbox: p.bbox,
            circle_box,
        })
    }
}

/// One candidate row after the text match.
#[derive(Clone, Copy)]
pub(super) struct Candidate {
    pub(super) row: usize,
    pub(super) score: Score,
    pub(super) doc: Option<DocAddress>,
    pub(super) distance: Option<f64>,
    /// The sort key, filled by `sort_page`.
    pub(super) key: (f64, u32),
}

/// What one pass over the candidates produces.
pub(super) struct Tally {
    pub(super) passing: Vec<Candidate>,
    pub(super) counts: [[u64; 128]; 8],
    /// Per facet: how many rows would pass if that facet's filter were dropped.
    pub(super) without: [u64; 8],
    /// Rows that pass every facet filter but not the geo limit.
    pub(super) geo_only_failures: u64,
}

impl Compiled {
    pub(super) fn geo_ok(&self, at: LatLon) -> (bool, Option<f64>) {
        if let Some(b) = self.bbox {
            if !b.contains(at) {
                return (false, None);
            }
        }
        let Some(c) = self.near else {
            return (true, None);
        };
        if let Some(b) = self.circle_box {
            if !b.contains(at) {
                return (false, None);
            }
        }
        let d = distance_km(c, at);
        (self.radius_km.is_none_or(|r| d <= r), Some(d))
    }

    /// Whether a row passes every active filter (facets and geo).
    pub(super) fn passes(&self, row: &OrgRow) -> bool {
        FACETS
            .into_iter()
            .enumerate()
            .all(|(i, facet)| self.masks[i].is_none_or(|m| values_of(row, facet) & m != 0))
            && self.geo_ok(row.at).0
    }

    /// Disjunctive counting: a row counts towards facet F's values when it passes every
    /// other facet, so each facet's counts reflect all the *other* active filters.
    pub(super) fn tally(
        &self,
        table: &OrgTable,
        candidates: impl Iterator<Item = Candidate>,
    ) -> Tally {
        let mut t = Tally {
            passing: vec![],
            counts: [[0; 128]; 8],
            without: [0; 8],
            geo_only_failures: 0,
        };
        let rows = table.rows();
        for mut c in candidates {
            let row = &rows[c.row];
            let mut failing = [false; 8];
            let mut n_failing = 0;
            for (i, facet) in FACETS.into_iter().enumerate() {
                if let Some(mask) = self.masks[i] {
                    if values_of(row, facet) & mask == 0 {
                        failing[i] = true;
                        n_failing += 1;
                    }
                }
            }
            let (geo_pass, distance) = self.geo_ok(row.at);
            if !geo_pass {
                t.geo_only_failures += u64::from(n_failing == 0);
                continue;
            }
            c.distance = distance;
            if n_failing > 1 {
                continue;
            }
            for (i, facet) in FACETS.into_iter().enumerate() {
                if n_failing == 0 || failing[i] {
                    let mut bits = values_of(row, facet);
                    while bits != 0 {
                        t.counts[i][bits.trailing_zeros() as usize] += 1;
                        bits &= bits - 1;
                    }
                    t.without[i] += 1;
                }
            }
            if n_failing == 0 {
                t.passing.push(c);
            }
        }
        t
    }
}

pub(super) fn sort_page(
    passing: &mut [Candidate],
    table: &OrgTable,
    order: SortOrder,
    from: usize,
    to: usize,
) {
    let rows = table.rows();
    let key = |c: &Candidate| -> (f64, u32) {
        let r = &rows[c.row];
        match order {
            SortOrder::Relevance => (-f64::from(c.score), r.name_rank),
            SortOrder::Name => (0.0, r.name_rank),
            SortOrder::Distance => (c.distance.unwrap_or(f64::MAX), r.name_rank),
            SortOrder::Updated => (-(r.updated_at as f64), r.name_rank),
            SortOrder::Verified => (-(r.verified_at as f64), r.name_rank),
        }
    };
    let to = to.min(passing.len());
    if to == 0 || from >= to {
        return;
    }
    // Keys once per candidate: comparisons then never touch the table's rows.
    for c in passing.iter_mut() {
        c.key = key(c);
    }
    let cmp = |a: &Candidate, b: &Candidate| {
        a.key
            .partial_cmp(&b.key)
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    // Only the first `to` need ordering: a partial selection, then a sort of that prefix.
    if to < passing.len() {
        passing.select_nth_unstable_by(to - 1, cmp);
    }
    passing[..to].sort_by(cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(masks: [Option<u128>; 8]) -> Compiled {
        Compiled {
            masks,
            near: None,
            radius_km: None,
            bbox: None,
            circle_box: None,
        }
    }

    fn candidates(t: &OrgTable) -> impl Iterator<Item = Candidate> + '_ {
        (0..t.len()).map(|row| Candidate {
            row,
            score: 0.0,
            doc: None,
            distance: None,
            key: (0.0, 0),
        })
    }

    const KURGAN: LatLon = LatLon {
        lat: 55.44,
        lon: 65.34,
    };

    /// Rows: 1 sport; 2 sport + culture; 3 culture, verified; 4 nothing.
    fn table() -> OrgTable {
        let mut rows: Vec<OrgRow> = (1..=4)
            .map(|id| OrgRow::for_test(id, &format!("Организация {id}"), KURGAN))
            .collect();
        rows[0].directions = 0b01;
        rows[1].directions = 0b11;
        rows[2].directions = 0b10;
        rows[2].flags = flag::VERIFIED;
        OrgTable::from_rows(rows)
    }

    #[test]
    fn facet_filters_are_or_within_and_across() {
        let t = table();
        let mut masks = [None; 8];
        masks[0] = Some(0b11); // sport or culture
        let ids = |c: &Compiled| -> Vec<i64> {
            t.rows()
                .iter()
                .filter(|r| c.passes(r))
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(ids(&compiled(masks)), vec![1, 2, 3]);
        masks[5] = Some(1); // and verified
        assert_eq!(ids(&compiled(masks)), vec![3]);
    }

    #[test]
    fn counts_are_disjunctive() {
        let t = table();
        let mut masks = [None; 8];
        masks[0] = Some(0b01); // sport
        masks[5] = Some(1); // verified
        let tally = compiled(masks).tally(&t, candidates(&t));
        // Nobody is both sport and verified.
        assert!(tally.passing.is_empty());
        // Direction counts ignore the direction filter but keep "verified": only row 3.
        assert_eq!(tally.counts[0][0], 0);
        assert_eq!(tally.counts[0][1], 1);
        // "Verified" counts ignore that filter but keep "sport": rows 1 and 2, none verified.
        assert_eq!(tally.counts[5][0], 0);
        assert_eq!((tally.without[0], tally.without[5]), (1, 2));
    }

    #[test]
    fn the_radius_limits_and_measures_distance() {
        let far = LatLon {
            lat: 56.44,
            lon: 65.34,
        };
        let mut rows = vec![
            OrgRow::for_test(1, "Рядом", KURGAN),
            OrgRow::for_test(2, "Далеко", far),
        ];
        rows[1].directions = 1;
        let t = OrgTable::from_rows(rows);
        let mut c = compiled([None; 8]);
        c.near = Some(KURGAN);
        c.radius_km = Some(50.0);
        c.circle_box = Some(BBox {
            min_lat: 54.9,
            max_lat: 56.0,
            min_lon: 64.4,
            max_lon: 66.3,
        });
        let tally = c.tally(&t, candidates(&t));
        assert_eq!(tally.passing.len(), 1);
        assert_eq!(tally.passing[0].distance, Some(0.0));
        assert_eq!(tally.geo_only_failures, 1);
        // About 111 km for one degree of latitude.
        assert!((distance_km(KURGAN, far) - 111.2).abs() < 0.5);
    }

    #[test]
    fn sort_page_orders_only_what_the_page_needs() {
        let t = table();
        let mut passing: Vec<Candidate> = candidates(&t).collect();
        for (c, score) in passing.iter_mut().zip([1.0, 4.0, 3.0, 2.0]) {
            c.score = score;
        }
        sort_page(&mut passing, &t, SortOrder::Relevance, 0, 2);
        let top: Vec<i64> = passing[..2].iter().map(|c| t.rows()[c.row].id).collect();
        assert_eq!(top, vec![2, 3]);
        sort_page(&mut passing, &t, SortOrder::Name, 0, 4);
        let all: Vec<i64> = passing.iter().map(|c| t.rows()[c.row].id).collect();
        assert_eq!(all, vec![1, 2, 3, 4]);
    }
}
