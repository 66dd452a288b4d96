//! Facet counts by columns: when a search matches many rows, its disjunctive counts come
//! from a set of rows per facet value (bit r = table row r), ANDed with the matching rows
//! and counted with popcount, instead of visiting every matching row's eleven facets. The
//! work is then the number of facet values times rows/64 words, whatever the matches; the
//! row pass ([`Compiled::tally`]) stays for few matches. Both give the same [`Tally`]
//! (checked by a property test in `columns_tests.rs`).

use super::filter::{values_of, Candidate, Compiled, Tally};
use crate::freshness::Freshness;
use crate::search::params::{Facet, FACETS, FACET_COUNT};
use crate::search::table::{OrgTable, MAX_CODES};

/// One bit per table row.
type Bits = Vec<u64>;

/// Per facet (in [`FACETS`] order), per value bit, the rows having that value. Freshness
/// is left empty: it depends on the moment of the search and is worked out per search.
#[derive(Clone, Debug, Default)]
pub struct ValueSets {
    sets: Vec<Vec<Bits>>,
    /// Each row's latest sign of life (Unix seconds), in a column of its own: the
    /// freshness states are worked out per search without reading the rows.
    last_sign: Vec<i64>,
    /// Each row's place as a point on the unit sphere, for the distance order.
    pub(super) unit: Vec<[f64; 3]>,
}

/// A place as a point on the unit sphere. The straight-line (chord) distance between two
/// such points grows with the great-circle distance, so it orders places by distance as
/// the haversine does, with no trigonometry per row.
pub(super) fn unit(at: crate::region::LatLon) -> [f64; 3] {
    let (lat, lon) = (at.lat.to_radians(), at.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
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
        for (i, facet) in FACETS.into_iter().enumerate() {
            if facet == Facet::Freshness {
                continue;
            }
            for (r, row) in rows.iter().enumerate() {
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
        }
        let last_sign = rows.iter().map(|r| r.last_sign_of_life()).collect();
        let unit = rows.iter().map(|r| unit(r.at)).collect();
        Self {
            sets,
            last_sign,
            unit,
        }
    }
}

/// Whether a search with `matches` candidates over `rows` rows counts by columns: the
/// columns cost about a word-AND per 64 rows for each of some hundred facet values, the
/// row pass a few dozen operations per match.
pub(super) fn dense(matches: usize, rows: usize) -> bool {
    matches * 32 >= rows && rows >= 64
}

fn set(bits: &mut Bits, r: usize) {
    bits[r / 64] |= 1 << (r % 64);
}

fn has(bits: &Bits, r: usize) -> bool {
    bits[r / 64] & (1 << (r % 64)) != 0
}

fn and_in(into: &mut Bits, other: &Bits) {
    for (a, b) in into.iter_mut().zip(other) {
        *a &= b;
    }
}

fn count(bits: &Bits) -> u64 {
    bits.iter().map(|w| u64::from(w.count_ones())).sum()
}

fn count_and(a: &Bits, b: &Bits) -> u64 {
    if b.is_empty() {
        return 0;
    }
    a.iter()
        .zip(b)
        .map(|(x, y)| u64::from((x & y).count_ones()))
        .sum()
}

impl Compiled {
    /// The same as [`Compiled::tally`] over `candidates` (in table order, no row twice),
    /// computed by columns.
    pub(super) fn tally_columns(&self, table: &OrgTable, candidates: Vec<Candidate>) -> Tally {
        let rows = table.rows();
        let words = rows.len().div_ceil(64);
        let kept = table.value_sets(|| ValueSets::build(table));
        let fresh_at = FACETS.iter().position(|f| *f == Facet::Freshness);
        // The candidates, those inside the geo limit, and the candidates per freshness state.
        let mut all = vec![0u64; words];
        let mut inside = vec![0u64; words];
        let mut fresh: Vec<Bits> = vec![vec![0u64; words]; Freshness::ALL.len()];
        // Only a geo limit reads the rows; the freshness states come from their column.
        let geo = self.bbox.is_some() || self.circle_box.is_some() || self.radius_km.is_some();
        for c in &candidates {
            let r = c.row();
            set(&mut all, r);
            if !geo || self.geo_ok(rows[r].at).0 {
                set(&mut inside, r);
            }
            let state = self.thresholds.state(kept.last_sign[r]);
            if let Some(b) = Freshness::ALL.iter().position(|f| *f == state) {
                set(&mut fresh[b], r);
            }
        }
        let values = |i: usize| -> &[Bits] {
            if Some(i) == fresh_at {
                &fresh
            } else {
                kept.sets.get(i).map(Vec::as_slice).unwrap_or(&[])
            }
        };
        // Each active filter as the set of rows it lets through.
        let filters: Vec<(usize, Bits)> = (0..FACET_COUNT)
            .filter_map(|i| {
                let mask = self.masks[i]?;
                let mut through = vec![0u64; words];
                for (v, rows_with) in values(i).iter().enumerate().take(MAX_CODES) {
                    if mask & (1u128 << v) != 0 && !rows_with.is_empty() {
                        for (a, b) in through.iter_mut().zip(rows_with) {
                            *a |= b;
                        }
                    }
                }
                Some((i, through))
            })
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
        and_in(&mut facets_pass, &inside);
        t.passing = Vec::with_capacity(passing_count as usize);
        t.passing.extend(
            candidates
                .into_iter()
                .filter(|c| has(&facets_pass, c.row())),
        );
        t
    }

    /// [`Compiled::tally_columns`] for many candidates, the row pass for few.
    pub(super) fn tally_any(&self, table: &OrgTable, candidates: Vec<Candidate>) -> Tally {
        if dense(candidates.len(), table.len()) {
            self.tally_columns(table, candidates)
        } else {
            self.tally(table, candidates.into_iter())
        }
    }
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;
