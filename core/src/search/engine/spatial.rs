//! The rows by place: a grid of buckets over the rows' extent, each listing its rows, so
//! the map's box finds the rows inside it by visiting only the buckets it overlaps (every
//! row of a bucket wholly inside, a check per row in the buckets on its edge) instead of
//! checking a million places for a city's viewport.

use super::columns::Bits;
use crate::region::LatLon;
use crate::search::params::BBox;

/// Buckets per side.
const SIDE: usize = 128;

/// The bucket column (or row) of a coordinate between `lo` and `hi`.
fn slot(v: f64, lo: f64, hi: f64) -> usize {
    let f = if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
    ((f * SIDE as f64) as usize).min(SIDE - 1)
}

/// The bucket of a place, in buckets over `e`.
fn bucket_of(e: BBox, p: LatLon) -> usize {
    slot(p.lat, e.min_lat, e.max_lat) * SIDE + slot(p.lon, e.min_lon, e.max_lon)
}

/// Rows bucketed by place (a counting sort by bucket).
#[derive(Clone, Debug, Default)]
pub struct Buckets {
    extent: Option<BBox>,
    /// `start[b]..start[b + 1]` are bucket b's entries in `rows`.
    start: Vec<u32>,
    rows: Vec<u32>,
}

impl Buckets {
    /// Buckets over `extent` for the rows' places (`None`: no rows, or a place that is not
    /// a number, and then there are no buckets).
    pub(super) fn build(at: &[LatLon], extent: Option<BBox>) -> Self {
        let Some(e) = extent.filter(|e| !e.min_lat.is_nan()) else {
            return Self::default();
        };
        let mut grid = Self {
            extent: Some(e),
            start: vec![0; SIDE * SIDE + 1],
            rows: vec![0; at.len()],
        };
        let bucket: Vec<u32> = at.iter().map(|&p| bucket_of(e, p) as u32).collect();
        for &b in &bucket {
            grid.start[b as usize + 1] += 1;
        }
        for b in 0..SIDE * SIDE {
            grid.start[b + 1] += grid.start[b];
        }
        let mut next = grid.start.clone();
        for (r, &b) in bucket.iter().enumerate() {
            let at = &mut next[b as usize];
            grid.rows[*at as usize] = r as u32;
            *at += 1;
        }
        grid
    }

    /// The rows whose place is inside `b`, as a bit set over `at.len()` rows; `None` when
    /// there are no buckets (then the caller checks every row).
    pub(super) fn inside(&self, b: BBox, at: &[LatLon]) -> Option<Bits> {
        let e = self.extent?;
        let mut bits = vec![0u64; at.len().div_ceil(64)];
        if b.max_lat < e.min_lat
            || b.min_lat > e.max_lat
            || b.max_lon < e.min_lon
            || b.min_lon > e.max_lon
        {
            return Some(bits);
        }
        let (lat0, lat1) = (
            slot(b.min_lat, e.min_lat, e.max_lat),
            slot(b.max_lat, e.min_lat, e.max_lat),
        );
        let (lon0, lon1) = (
            slot(b.min_lon, e.min_lon, e.max_lon),
            slot(b.max_lon, e.min_lon, e.max_lon),
        );
        let (h, w) = (
            (e.max_lat - e.min_lat) / SIDE as f64,
            (e.max_lon - e.min_lon) / SIDE as f64,
        );
        for y in lat0..=lat1 {
            for x in lon0..=lon1 {
                let bucket = y * SIDE + x;
                let rows = &self.rows[self.start[bucket] as usize..self.start[bucket + 1] as usize];
                // A bucket within the box with a bucket's margin (for rounding: a row of
                // bucket y lies between y - 1 and y + 2 bucket heights) needs no check per row.
                // A side the box reaches past (a viewport half off the region) needs none.
                let within = (b.min_lat <= e.min_lat || b.min_lat <= e.min_lat + y as f64 * h - h)
                    && (b.max_lat >= e.max_lat || b.max_lat >= e.min_lat + (y + 2) as f64 * h)
                    && (b.min_lon <= e.min_lon || b.min_lon <= e.min_lon + x as f64 * w - w)
                    && (b.max_lon >= e.max_lon || b.max_lon >= e.min_lon + (x + 2) as f64 * w);
                for &r in rows {
                    let r = r as usize;
                    if within || b.contains(at[r]) {
                        bits[r / 64] |= 1 << (r % 64);
                    }
                }
            }
        }
        Some(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Rows on the buckets' edges and a bit either side, and boxes whose edges are those
    /// very values: rounding never moves a row across the box.
    #[test]
    fn rows_on_a_bucket_edge_are_inside_exactly_when_a_check_says_so() {
        let h = 1.0 / SIDE as f64;
        let mut edges = vec![];
        for k in [0usize, 1, 2, 3, 31, 64, 100, 126, 127, 128] {
            let v = k as f64 * h;
            edges.extend([v.next_down(), v, v.next_up()]);
        }
        edges.retain(|v| (0.0..=1.0).contains(v));
        let mut at = vec![
            LatLon {
                lat: 55.0,
                lon: 65.0,
            },
            LatLon {
                lat: 56.0,
                lon: 66.0,
            },
        ];
        for &v in &edges {
            at.push(LatLon {
                lat: 55.0 + v,
                lon: 65.5,
            });
            at.push(LatLon {
                lat: 55.5,
                lon: 65.0 + v,
            });
            at.push(LatLon {
                lat: 55.0 + v,
                lon: 65.0 + v,
            });
        }
        let extent = at
            .iter()
            .fold(None, |e, &p| Some(super::super::columns::grow(e, p)));
        let buckets = Buckets::build(&at, extent);
        for &lo in &edges {
            for &hi in edges.iter().filter(|&&hi| hi >= lo) {
                for b in [
                    BBox {
                        min_lat: 55.0 + lo,
                        max_lat: 55.0 + hi,
                        min_lon: 64.0,
                        max_lon: 67.0,
                    },
                    BBox {
                        min_lat: 54.0,
                        max_lat: 57.0,
                        min_lon: 65.0 + lo,
                        max_lon: 65.0 + hi,
                    },
                    BBox {
                        min_lat: 55.0 + lo,
                        max_lat: 55.0 + hi,
                        min_lon: 65.0 + lo,
                        max_lon: 65.0 + hi,
                    },
                ] {
                    let found = buckets.inside(b, &at).expect("buckets");
                    let expected: Vec<usize> =
                        (0..at.len()).filter(|&r| b.contains(at[r])).collect();
                    let got: Vec<usize> = super::super::columns::each_row(&found).collect();
                    assert_eq!(got, expected, "{b:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The rows the buckets find inside a box are those whose place is inside it, for
        /// boxes anywhere (across the extent's edges, outside it, a bucket wide or less).
        #[test]
        fn the_buckets_find_the_rows_a_check_of_each_finds(
            places in prop::collection::vec((0.0..1.0f64, 0.0..1.0f64), 1..4000),
            hot in prop::collection::vec((0.0..1.0f64, 0.0..1.0f64), 1..4),
            corners in ((-0.1..1.1f64, -0.1..1.1f64), (0.0..1.2f64, 0.0..1.2f64)),
        ) {
            // Places over a region, and more around a few towns.
            let at: Vec<LatLon> = places
                .iter()
                .enumerate()
                .map(|(i, &(a, b))| match hot.get(i % 8) {
                    Some(&(ha, hb)) => LatLon { lat: 55.0 + ha + a * 0.01, lon: 65.0 + hb + b * 0.01 },
                    None => LatLon { lat: 55.0 + a, lon: 65.0 + b },
                })
                .collect();
            let extent = at.iter().fold(None, |e, &p| Some(super::super::columns::grow(e, p)));
            let buckets = Buckets::build(&at, extent);
            let ((lat, lon), (h, w)) = corners;
            let b = BBox {
                min_lat: 55.0 + lat,
                max_lat: 55.0 + lat + h * h,
                min_lon: 65.0 + lon,
                max_lon: 65.0 + lon + w * w,
            };
            let found = buckets.inside(b, &at).expect("buckets");
            let expected: Vec<usize> = (0..at.len()).filter(|&r| b.contains(at[r])).collect();
            prop_assert_eq!(super::super::columns::each_row(&found).collect::<Vec<_>>(), expected);
        }
    }
}
