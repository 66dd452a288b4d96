//! Searching by columns: the map's matches ([`Compiled::match_bits`]) and, when a search
//! matches many rows, the facet counts. The disjunctive counts come
//! from a set of rows per facet value (bit r = table row r), ANDed with the matching rows
//! and counted with popcount, instead of visiting every matching row's eleven facets. The
//! work is then the number of facet values times rows/64 words, whatever the matches; the
//! row pass ([`Compiled::tally`]) stays for few matches. Both give the same [`Tally`]
//! (checked by a property test in `columns_tests.rs`).

pub use super::bits::each_row;
use super::bits::{and_in, full, has, retain, set};
pub(super) use super::bits::{count, count_and, ones, Bits};
use super::filter::{values_of, Candidate, Compiled, Tally};
use crate::region::LatLon;
use crate::search::params::{BBox, Facet, FACETS, FACET_COUNT};
use crate::search::table::{OrgTable, MAX_CODES};

/// Per facet (in [`FACETS`] order), per value bit, the rows having that value. Freshness
/// is left empty: its sets depend on the moment of the search (`fresh`, below).
#[derive(Clone, Debug, Default)]
pub struct ValueSets {
    sets: Vec<Vec<Bits>>,
    /// Each row's latest sign of life (Unix seconds), in a column of its own: the
    /// freshness sets are made from it without reading the rows.
    last_sign: Vec<i64>,
    /// Each row's place as a point on the unit sphere, for the distance order.
    unit: std::sync::OnceLock<Vec<[f64; 3]>>,
    /// Each row's place, and its Web Mercator position in fixed point: what the map's geo
    /// limit and clusters read, 16 and 8 bytes a row instead of the whole row.
    pub at: Vec<LatLon>,
    pub fixed: Vec<crate::search::table::Fixed>,
    /// The box around every row's place (`None` for an empty table): a map box holding it
    /// all (a region-wide viewport) needs no check per row.
    extent: Option<BBox>,
    /// The rows by place, for the map's box (built on the first box that needs it).
    buckets: std::sync::OnceLock<super::spatial::Buckets>,
    /// The rows in each freshness state, as of a recent search.
    fresh: super::fresh::FreshSets,
}

/// A place as a point on the unit sphere. The straight-line (chord) distance between two
/// such points grows with the great-circle distance, so it orders places by distance as
/// the haversine does, with no trigonometry per row.
pub(super) fn unit(at: LatLon) -> [f64; 3] {
    let (lat, lon) = (at.lat.to_radians(), at.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// `extent` grown to hold `p`. A place that is not a number is inside no box: it spoils
/// the extent for good (NaN compares false, so no box holds it), and then every row is
/// checked on its own.
pub(super) fn grow(extent: Option<BBox>, p: LatLon) -> BBox {
    const SPOILT: BBox = BBox {
        min_lon: f64::NAN,
        min_lat: f64::NAN,
        max_lon: f64::NAN,
        max_lat: f64::NAN,
    };
    match extent {
        _ if !(p.lat.is_finite() && p.lon.is_finite()) => SPOILT,
        Some(e) if e.min_lat.is_nan() => SPOILT,
        None => BBox {
            min_lon: p.lon,
            min_lat: p.lat,
            max_lon: p.lon,
            max_lat: p.lat,
        },
        Some(e) => BBox {
            min_lon: e.min_lon.min(p.lon),
            min_lat: e.min_lat.min(p.lat),
            max_lon: e.max_lon.max(p.lon),
            max_lat: e.max_lat.max(p.lat),
        },
    }
}

/// The squared chord between two points on the unit sphere.
pub(super) fn chord2(a: [f64; 3], b: [f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

impl ValueSets {
    pub(super) fn build(table: &OrgTable) -> Self {
        let rows = table.rows();
        let words = rows.len().div_ceil(64);
        // Thresholds are read only for freshness, which is not kept here.
        let any = crate::freshness::Policy::default().thresholds(chrono::Utc::now());
        let mut sets: Vec<Vec<Bits>> = vec![vec![]; FACET_COUNT];
        let mut extent: Option<BBox> = None;
        let (mut last_sign, mut at, mut fixed) = (
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
        );
        // One pass, each row read once (a pass per facet streamed the rows eleven times:
        // 200 ms at a million).
        for (r, row) in rows.iter().enumerate() {
            for (i, facet) in FACETS.into_iter().enumerate() {
                if facet == Facet::Freshness {
                    continue;
                }
                let mut bits = values_of(row, facet, &any);
                while bits != 0 {
                    let v = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if sets[i].len() <= v {
                        sets[i].resize(v + 1, vec![]);
                    }
                    if sets[i][v].is_empty() {
                        sets[i][v] = vec![0; words];
                    }
                    sets[i][v][r / 64] |= 1 << (r % 64);
                }
            }
            last_sign.push(row.last_sign_of_life());
            extent = Some(grow(extent, row.at));
            at.push(row.at);
            fixed.push(crate::search::table::fixed(row.merc));
        }
        Self {
            sets,
            last_sign,
            unit: Default::default(),
            at,
            fixed,
            extent,
            buckets: Default::default(),
            fresh: Default::default(),
        }
    }

    /// Whether `b` holds every row's place (true for an empty table).
    pub fn holds(&self, b: BBox) -> bool {
        self.extent.is_none_or(|e| {
            b.min_lon <= e.min_lon
                && b.min_lat <= e.min_lat
                && b.max_lon >= e.max_lon
                && b.max_lat >= e.max_lat
        })
    }

    /// Each row's place on the unit sphere (built on the first distance sort: four
    /// trigonometric functions a row).
    pub(super) fn unit(&self) -> &[[f64; 3]] {
        self.unit
            .get_or_init(|| self.at.iter().map(|&a| unit(a)).collect())
    }
}

impl ValueSets {
    /// The rows having value bit `value` of `facet` (none for freshness, whose sets are
    /// `fresh`'s, or a value no row has).
    pub(super) fn rows_with(&self, facet: Facet, value: usize) -> Option<&Bits> {
        let i = FACETS.iter().position(|f| *f == facet)?;
        self.sets.get(i)?.get(value).filter(|b| !b.is_empty())
    }
}

/// The table's columns, built on first use since its rows last changed.
pub fn columns(table: &OrgTable) -> &ValueSets {
    table.value_sets(|| ValueSets::build(table))
}

/// Whether a search with `matches` candidates over `rows` rows counts by columns: the
/// columns cost about a word-AND per 64 rows for each of some hundred facet values, the
/// row pass a few dozen operations per match.
pub(super) fn dense(matches: usize, rows: usize) -> bool {
    matches * 32 >= rows && rows >= 64
}

/// The rows having any of the values in `mask`.
fn through(values: &[Bits], mask: u128, words: usize) -> Bits {
    let mut out = vec![0u64; words];
    for (v, rows_with) in values.iter().enumerate().take(MAX_CODES) {
        if mask & (1u128 << v) != 0 && !rows_with.is_empty() {
            for (a, b) in out.iter_mut().zip(rows_with) {
                *a |= b;
            }
        }
    }
    out
}

/// How many rows of a bit set lie inside `b` (by the columns' places).
pub(super) fn count_inside(bits: &Bits, at: &[LatLon], b: crate::search::params::BBox) -> usize {
    each_row(bits).filter(|&r| b.contains(at[r])).count()
}

impl Compiled {
    /// The same as [`Compiled::tally`] over `candidates` (in table order, no row twice),
    /// computed by columns.
    pub(super) fn tally_columns(&self, table: &OrgTable, candidates: &[Candidate]) -> Tally {
        let words = table.len().div_ceil(64);
        let kept = columns(table);
        let fresh_at = FACETS.iter().position(|f| *f == Facet::Freshness);
        // The candidates, and those inside the geo limit (from its column).
        let mut all = vec![0u64; words];
        for c in candidates {
            set(&mut all, c.row());
        }
        let geo = self.bbox.is_some() || self.circle_box.is_some() || self.radius_km.is_some();
        let inside = if geo {
            let mut inside = vec![0u64; words];
            for c in candidates {
                if self.geo_ok(kept.at[c.row()]).0 {
                    set(&mut inside, c.row());
                }
            }
            inside
        } else {
            all.clone()
        };
        // The freshness states of every row: each count below is ANDed with the candidates.
        let states = kept.fresh.at(&kept.last_sign, self.thresholds);
        let fresh = &states.1;
        let values = |i: usize| -> &[Bits] {
            if Some(i) == fresh_at {
                fresh
            } else {
                kept.sets.get(i).map(Vec::as_slice).unwrap_or(&[])
            }
        };
        // Each active filter as the set of rows it lets through.
        let filters: Vec<(usize, Bits)> = (0..FACET_COUNT)
            .filter_map(|i| Some((i, through(values(i), self.masks[i]?, words))))
            .collect();
        let mut t = Tally {
            passing: vec![],
            counts: [[0; 128]; FACET_COUNT],
            without: [0; FACET_COUNT],
            geo_only_failures: 0,
        };
        // A row counts towards facet F when it is inside and passes every other filter.
        for i in 0..FACET_COUNT {
            let mut base = inside.clone();
            for (g, through) in &filters {
                if *g != i {
                    and_in(&mut base, through);
                }
            }
            t.without[i] = count(&base);
            for (v, rows_with) in values(i).iter().enumerate().take(MAX_CODES) {
                t.counts[i][v] = count_and(&base, rows_with);
            }
        }
        let mut facets_pass = all;
        for (_, through) in &filters {
            and_in(&mut facets_pass, through);
        }
        let passing_count = count_and(&facets_pass, &inside);
        t.geo_only_failures = count(&facets_pass) - passing_count;
        // Nothing filtered and no geo limit: every candidate passes.
        if filters.is_empty() && !geo {
            t.passing = candidates.to_vec();
            return t;
        }
        and_in(&mut facets_pass, &inside);
        t.passing = Vec::with_capacity(passing_count as usize);
        t.passing.extend(
            candidates
                .iter()
                .copied()
                .filter(|c| has(&facets_pass, c.row())),
        );
        t
    }

    /// The rows among `start` (every row when `None`) passing every filter and the geo
    /// limit, as a bit set: what the map shows, worked out from the columns alone (a
    /// region-wide viewport at a million rows would otherwise stream 250 MB of rows).
    pub(super) fn match_bits(&self, table: &OrgTable, start: Option<&Bits>) -> Bits {
        let kept = columns(table);
        let words = table.len().div_ceil(64);
        let mut bits = start.cloned().unwrap_or_else(|| full(table.len()));
        for (i, facet) in FACETS.into_iter().enumerate() {
            match (facet, self.masks[i]) {
                (_, None) => {}
                (Facet::Freshness, Some(m)) => {
                    let states = kept.fresh.at(&kept.last_sign, self.thresholds);
                    and_in(&mut bits, &through(&states.1, m, words));
                }
                (_, Some(m)) => and_in(&mut bits, &through(&kept.sets[i], m, words)),
            }
        }
        // A box around every row (the region-wide viewport) turns none away; another finds
        // its rows through the buckets it overlaps, unless few rows are left to check.
        let outer = self.bbox.filter(|b| !kept.holds(*b));
        let mut boxed = false;
        let many = || count(&bits) as usize * 16 >= table.len();
        if let Some(b) = outer.filter(|_| many()) {
            let buckets = kept
                .buckets
                .get_or_init(|| super::spatial::Buckets::build(&kept.at, kept.extent));
            if let Some(inside) = buckets.inside(b, &kept.at) {
                and_in(&mut bits, &inside);
                boxed = true;
            }
        }
        let geo =
            (outer.is_some() && !boxed) || self.circle_box.is_some() || self.radius_km.is_some();
        if geo {
            retain(&mut bits, |r| self.geo_ok(kept.at[r]).0);
        }
        bits
    }

    /// [`Compiled::tally_columns`] for many candidates, the row pass for few.
    pub(super) fn tally_any(&self, table: &OrgTable, candidates: &[Candidate]) -> Tally {
        if dense(candidates.len(), table.len()) {
            self.tally_columns(table, candidates)
        } else {
            self.tally(table, candidates.iter().copied())
        }
    }
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;
