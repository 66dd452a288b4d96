//! Filters compiled to bit masks, and the one pass over the candidates that filters,
//! counts facets disjunctively, applies the geo limit and sorts the requested page.
//! Plain Rust over the in-memory table; tantivy is not involved.

use super::{SearchEngine, SearchError};

use tantivy::{DocAddress, Score};

use crate::freshness::{Freshness, Thresholds};
use crate::i18n::I18n;
use crate::region::LatLon;
use crate::search::params::{
    BBox, Facet, ParamError, SearchParams, SortOrder, FACETS, FACET_COUNT,
};
use crate::search::table::{flag, OrgRow, OrgTable, TIE_VALUES};
use crate::taxonomy::Vocabulary;

/// Active filters compiled to masks over the table's bit positions.
pub(super) struct Compiled {
    /// Per facet (in [`FACETS`] order): the mask of accepted values, `None` when inactive.
    pub(super) masks: [Option<u128>; FACET_COUNT],
    /// Fresh, ageing and stale as of this search.
    pub(super) thresholds: Thresholds,
    pub(super) near: Option<LatLon>,
    pub(super) radius_km: Option<f64>,
    pub(super) bbox: Option<BBox>,
    /// A cheap box around the radius circle, checked before the haversine distance.
    pub(super) circle_box: Option<BBox>,
}

/// A row's values for one facet, as a mask (freshness as of the thresholds' moment).
pub(super) fn values_of(row: &OrgRow, facet: Facet, t: &Thresholds) -> u128 {
    match facet {
        Facet::Direction => row.directions,
        Facet::Audience => row.audiences,
        Facet::EventFormat => row.event_formats,
        Facet::Kind => 1u128.checked_shl(u32::from(row.kind)).unwrap_or(0),
        Facet::Okrug => 1u128.checked_shl(u32::from(row.okrug)).unwrap_or(0),
        Facet::Verified => u128::from(row.has(flag::VERIFIED)),
        Facet::HasNeeds => u128::from(row.has(flag::HAS_NEEDS)),
        Facet::AcceptsVolunteers => u128::from(row.has(flag::ACCEPTS_VOLUNTEERS)),
        Facet::Offer => row.offers,
        Facet::Partners => u128::from(row.ties),
        Facet::Freshness => {
            let state = t.state(row.last_sign_of_life());
            let bit = Freshness::ALL.iter().position(|f| *f == state).unwrap_or(0);
            1u128 << bit
        }
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
            Facet::Offer => terms(Vocabulary::NeedKind),
            Facet::Partners => TIE_VALUES
                .iter()
                .map(|v| {
                    let key = format!("facet-partners-{}", v.replace('_', "-"));
                    ((*v).to_owned(), i18n.t(&key))
                })
                .collect(),
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
            Facet::Freshness => Freshness::ALL
                .iter()
                .map(|f| (f.as_str().to_owned(), i18n.t(f.message_key())))
                .collect(),
        }
    }

    pub(super) fn compile(&self, p: &SearchParams, i18n: &I18n) -> Result<Compiled, SearchError> {
        let mut masks = [None; FACET_COUNT];
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
            thresholds: self.catalog.policy.thresholds(chrono::Utc::now()),
            near: p.near,
            radius_km: p.radius_km,
            bbox: p.bbox,
            circle_box,
        })
    }
}

/// One candidate row after the text match. Sixteen bytes: a common word brings tens of
/// thousands, and every search used to allocate and copy several arrays of 48-byte ones
/// (the distance is worked out where it is needed instead).
#[derive(Clone, Copy)]
pub(super) struct Candidate {
    row: u32,
    pub(super) score: Score,
    /// The index document's segment (`u32::MAX` for none) and id in it.
    seg: u32,
    doc: u32,
}

impl Candidate {
    pub(super) fn new(row: usize, score: Score, doc: Option<DocAddress>) -> Self {
        let (seg, doc) = doc.map_or((u32::MAX, 0), |d| (d.segment_ord, d.doc_id));
        Self {
            row: row as u32,
            score,
            seg,
            doc,
        }
    }

    pub(super) fn row(&self) -> usize {
        self.row as usize
    }

    pub(super) fn doc(&self) -> Option<DocAddress> {
        (self.seg != u32::MAX).then(|| DocAddress::new(self.seg, self.doc))
    }
}

/// What one pass over the candidates produces.
pub(super) struct Tally {
    pub(super) passing: Vec<Candidate>,
    pub(super) counts: [[u64; 128]; FACET_COUNT],
    /// Per facet: how many rows would pass if that facet's filter were dropped.
    pub(super) without: [u64; FACET_COUNT],
    /// Rows that pass every facet filter but not the geo limit.
    pub(super) geo_only_failures: u64,
}

impl Compiled {
    /// The box every result lies in (the map's box, the circle's box, or where they
    /// overlap), for the text search to cut its matches first.
    pub(super) fn area(&self) -> Option<BBox> {
        match (self.bbox, self.circle_box) {
            (Some(a), Some(b)) => Some(BBox {
                min_lat: a.min_lat.max(b.min_lat),
                max_lat: a.max_lat.min(b.max_lat),
                min_lon: a.min_lon.max(b.min_lon),
                max_lon: a.max_lon.min(b.max_lon),
            }),
            (a, b) => a.or(b),
        }
    }

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

    /// Whether a row passes every active filter (facets and geo): what the columns'
    /// [`Compiled::match_bits`] is checked against.
    #[cfg(test)]
    pub(super) fn passes(&self, row: &OrgRow) -> bool {
        FACETS.into_iter().enumerate().all(|(i, facet)| {
            self.masks[i].is_none_or(|m| values_of(row, facet, &self.thresholds) & m != 0)
        }) && self.geo_ok(row.at).0
    }

    /// Disjunctive counting: a row counts towards facet F's values when it passes every
    /// other facet, so each facet's counts reflect all the *other* active filters.
    pub(super) fn tally(
        &self,
        table: &OrgTable,
        candidates: impl Iterator<Item = Candidate>,
    ) -> Tally {
        let mut t = Tally {
            passing: Vec::with_capacity(candidates.size_hint().0),
            counts: [[0; 128]; FACET_COUNT],
            without: [0; FACET_COUNT],
            geo_only_failures: 0,
        };
        let rows = table.rows();
        for c in candidates {
            let row = &rows[c.row()];
            let mut failing = [false; FACET_COUNT];
            let mut n_failing = 0;
            for (i, facet) in FACETS.into_iter().enumerate() {
                if let Some(mask) = self.masks[i] {
                    if values_of(row, facet, &self.thresholds) & mask == 0 {
                        failing[i] = true;
                        n_failing += 1;
                    }
                }
            }
            if !self.geo_ok(row.at).0 {
                t.geo_only_failures += u64::from(n_failing == 0);
                continue;
            }
            if n_failing > 1 {
                continue;
            }
            for (i, facet) in FACETS.into_iter().enumerate() {
                if n_failing == 0 || failing[i] {
                    let mut bits = values_of(row, facet, &self.thresholds);
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

/// Orders `passing` so that its first `to` candidates are the first `to` of the order
/// (the rest follow in no particular order). The keys are worked out once into a compact
/// array, which the selection and the sort move about instead of the candidates.
pub(super) fn sort_page(
    passing: &mut [Candidate],
    table: &OrgTable,
    order: SortOrder,
    near: Option<LatLon>,
    from: usize,
    to: usize,
) {
    let rows = table.rows();
    // Many candidates by distance: the squared chord to each from the value sets' column of
    // points on the sphere (the same order as the haversine, without reading the rows).
    let points = near
        .filter(|_| {
            order == SortOrder::Distance && super::columns::dense(passing.len(), rows.len())
        })
        .map(|n| {
            let kept = super::columns::columns(table);
            (super::columns::unit(n), kept.unit())
        });
    // A row's name rank is its index (the table is kept in name order), so the relevance
    // and name orders never read the rows themselves: a cache miss each, 57,000 times.
    let key = |c: &Candidate| -> (f64, u32) {
        let rank = c.row() as u32;
        match order {
            SortOrder::Relevance => (-f64::from(c.score), rank),
            SortOrder::Name => (0.0, rank),
            SortOrder::Distance => match (&points, near) {
                (Some((from, unit)), _) => (super::columns::chord2(*from, unit[c.row()]), rank),
                (None, Some(n)) => (distance_km(n, rows[c.row()].at), rank),
                (None, None) => (f64::MAX, rank),
            },
            SortOrder::Updated => (-(rows[c.row()].updated_at as f64), rank),
            SortOrder::Verified => (-(rows[c.row()].verified_at as f64), rank),
        }
    };
    let to = to.min(passing.len());
    if to == 0 || from >= to {
        return;
    }
    let key = |c: &Candidate| {
        let (k, rank) = key(c);
        Key(k, rank)
    };
    if to <= 1024 && to * 8 <= passing.len() {
        return first_by_heap(passing, to, key);
    }
    let mut keys: Vec<(Key, u32)> = passing
        .iter()
        .enumerate()
        .map(|(i, c)| (key(c), i as u32))
        .collect();
    // Only the first `to` need ordering: a partial selection, then a sort of that prefix.
    if to < keys.len() {
        keys.select_nth_unstable(to - 1);
    }
    keys[..to].sort_unstable();
    let ordered: Vec<Candidate> = keys.iter().map(|k| passing[k.1 as usize]).collect();
    passing.copy_from_slice(&ordered);
}

/// A sort key: the order's value, then the name's rank (unique per row, so no two
/// candidates tie).
#[derive(PartialEq)]
struct Key(f64, u32);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0, self.1)
            .partial_cmp(&(other.0, other.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    }
}

/// [`sort_page`] for a short page of many candidates: one pass keeps the best `to` in a
/// heap (most candidates are turned away by one comparison with its worst), then those few
/// are sorted and swapped to the front.
fn first_by_heap(passing: &mut [Candidate], to: usize, key: impl Fn(&Candidate) -> Key) {
    let mut heap: std::collections::BinaryHeap<(Key, usize)> =
        std::collections::BinaryHeap::with_capacity(to + 1);
    for (i, c) in passing.iter().enumerate() {
        let k = key(c);
        if heap.len() < to {
            heap.push((k, i));
        } else if heap.peek().is_some_and(|worst| k < worst.0) {
            heap.pop();
            heap.push((k, i));
        }
    }
    let chosen: Vec<usize> = heap.into_sorted_vec().into_iter().map(|(_, i)| i).collect();
    let front: Vec<Candidate> = chosen.iter().map(|&i| passing[i]).collect();
    // The candidates now in the first `to` places that were not chosen move to the places
    // the chosen ones leave behind further on.
    let mut picked = vec![false; to];
    let mut freed = vec![];
    for &i in &chosen {
        if i < to {
            picked[i] = true;
        } else {
            freed.push(i);
        }
    }
    let displaced = (0..to).filter(|&i| !picked[i]);
    for (from, into) in displaced.zip(freed) {
        passing[into] = passing[from];
    }
    passing[..to].copy_from_slice(&front);
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
