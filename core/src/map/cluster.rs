//! Grid clustering for one viewport at one zoom. The viewport is cut into square cells of
//! the Web Mercator pixel grid at that zoom (anchored at the world's origin, so panning
//! does not reshuffle clusters); every matching organization falls into exactly one cell,
//! and a cell with one organization is a marker, with several a cluster. Cells are at
//! least [`MIN_CELL_PX`] wide and grow until the viewport holds at most [`MAX_FEATURES`]
//! cells, so a phone never receives more features than that, whatever it asks for.
//!
//! Clustering builds on the search table's columns, which hold each row's Mercator
//! position in fixed point ([`Fixed`]: 8 bytes a row, so a region-wide
//! viewport at a million rows streams 8 MB, not 32), and one pass over the matching rows
//! (integer sums and bounds into an array of at most 300 cells) is the whole work.

use crate::region::LatLon;
use crate::search::params::BBox;
#[cfg(test)]
use crate::search::table::fixed;
use crate::search::table::{mercator, unmercator, Fixed, FIXED_SCALE};

/// The Mercator position of a fixed-point one.
fn unfixed(p: Fixed) -> (f64, f64) {
    (f64::from(p[0]) / FIXED_SCALE, f64::from(p[1]) / FIXED_SCALE)
}

/// The deepest zoom the map offers (Leaflet's usual maximum for OSM-like tiles is 19).
pub const MAX_ZOOM: u8 = 20;
/// The most features one response may carry.
pub const MAX_FEATURES: usize = 300;
/// The smallest cell, in screen pixels: about a finger's width on a phone, twice over.
pub const MIN_CELL_PX: f64 = 64.0;
/// How many members a cluster that never splits lists (organizations at one spot).
pub const MAX_MEMBERS: usize = 20;

/// The cell grid over one viewport.
#[derive(Clone, Debug)]
pub struct Grid {
    pub zoom: u8,
    /// Cell side in screen pixels at `zoom`.
    pub cell_px: f64,
    /// Cells per fixed-point unit (the world is 2³² × 2³²).
    per_fixed: f64,
    x0: i64,
    y0: i64,
    cols: usize,
    rows: usize,
}

impl Grid {
    pub fn new(bbox: BBox, zoom: u8) -> Self {
        let zoom = zoom.min(MAX_ZOOM);
        let scale = 256.0 * f64::from(1u32 << zoom);
        let (min_x, min_y) = mercator(LatLon {
            lat: bbox.max_lat,
            lon: bbox.min_lon,
        });
        let (max_x, max_y) = mercator(LatLon {
            lat: bbox.min_lat,
            lon: bbox.max_lon,
        });
        let mut cell_px = MIN_CELL_PX;
        loop {
            let cell = cell_px / scale;
            let span = |lo: f64, hi: f64| ((hi / cell).floor() - (lo / cell).floor()) as usize + 1;
            let (cols, rows) = (span(min_x, max_x), span(min_y, max_y));
            if cols.saturating_mul(rows) <= MAX_FEATURES {
                return Self {
                    zoom,
                    cell_px,
                    per_fixed: 1.0 / (cell * FIXED_SCALE),
                    x0: (min_x / cell).floor() as i64,
                    y0: (min_y / cell).floor() as i64,
                    cols,
                    rows,
                };
            }
            cell_px *= 1.5;
        }
    }

    /// The cell index of a position (positions outside are clamped to the edge; the bbox
    /// filter has already removed them).
    /// Positions are never negative, so truncation is the floor (and no call to libm's
    /// `floor` per point: a million of them for a region-wide viewport); a product with
    /// the inverse instead of a division (a point within a rounding error of a cell's edge
    /// may fall on either side of it, and still in exactly one cell).
    #[inline]
    pub fn cell_of(&self, p: Fixed) -> usize {
        let cell = |v: u32, origin: i64, n: usize| {
            ((f64::from(v) * self.per_fixed) as i64 - origin).clamp(0, n as i64 - 1) as usize
        };
        cell(p[1], self.y0, self.rows) * self.cols + cell(p[0], self.x0, self.cols)
    }

    pub fn cells(&self) -> usize {
        self.cols * self.rows
    }

    /// The first zoom at which points spread over `[min, max]` (Mercator) fall into more than
    /// one cell of this size, or `None` if they never do up to [`MAX_ZOOM`] (one spot).
    pub fn expansion_zoom(&self, min: (f64, f64), max: (f64, f64)) -> Option<u8> {
        (self.zoom + 1..=MAX_ZOOM).find(|&z| {
            let cell = self.cell_px / (256.0 * f64::from(1u32 << z));
            (min.0 / cell).floor() != (max.0 / cell).floor()
                || (min.1 / cell).floor() != (max.1 / cell).floor()
        })
    }
}

/// What one cell gathered.
#[derive(Clone, Debug)]
pub struct Cell {
    pub count: usize,
    /// The members' positions added up (exact: integers).
    sum: [u64; 2],
    min: Fixed,
    max: Fixed,
    /// The first [`MAX_MEMBERS`] members (caller's keys, e.g. table rows).
    pub members: Vec<usize>,
}

impl Cell {
    fn empty() -> Self {
        Self {
            count: 0,
            sum: [0, 0],
            min: [u32::MAX, u32::MAX],
            max: [0, 0],
            members: vec![],
        }
    }

    /// The members' mean position on the map: where the cluster's circle is drawn.
    pub fn centre(&self) -> LatLon {
        let n = self.count.max(1) as f64;
        let mean = |sum: u64| sum as f64 / n / FIXED_SCALE;
        unmercator((mean(self.sum[0]), mean(self.sum[1])))
    }
}

/// One feature of the answer.
#[derive(Clone, Debug)]
pub enum Feature {
    /// One organization: the caller's key.
    Single(usize),
    Cluster {
        count: usize,
        at: LatLon,
        expansion_zoom: Option<u8>,
        /// Filled only when the cluster never splits (all at one spot).
        members: Vec<usize>,
    },
}

/// Groups points (key, fixed-point position) into the grid's cells. Every point lands in
/// exactly one cell, so the counts add up to the number of points.
pub fn cluster(grid: &Grid, points: impl Iterator<Item = (usize, Fixed)>) -> Vec<Feature> {
    let mut cells: Vec<Cell> = vec![];
    cells.resize_with(grid.cells(), Cell::empty);
    for (key, p) in points {
        let c = &mut cells[grid.cell_of(p)];
        c.count += 1;
        c.sum[0] += u64::from(p[0]);
        c.sum[1] += u64::from(p[1]);
        c.min = [c.min[0].min(p[0]), c.min[1].min(p[1])];
        c.max = [c.max[0].max(p[0]), c.max[1].max(p[1])];
        if c.members.len() < MAX_MEMBERS {
            c.members.push(key);
        }
    }
    cells
        .into_iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            if c.count == 1 {
                return Feature::Single(c.members[0]);
            }
            let expansion_zoom = grid.expansion_zoom(unfixed(c.min), unfixed(c.max));
            Feature::Cluster {
                count: c.count,
                at: c.centre(),
                expansion_zoom,
                members: if expansion_zoom.is_none() {
                    c.members
                } else {
                    vec![]
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kurgan() -> BBox {
        BBox {
            min_lon: 61.9,
            min_lat: 54.2,
            max_lon: 68.7,
            max_lat: 56.9,
        }
    }

    fn points(coords: &[(f64, f64)]) -> Vec<(usize, Fixed)> {
        coords
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon))| (i, fixed(mercator(LatLon { lat, lon }))))
            .collect()
    }

    fn count(features: &[Feature]) -> usize {
        features
            .iter()
            .map(|f| match f {
                Feature::Single(_) => 1,
                Feature::Cluster { count, .. } => *count,
            })
            .sum()
    }

    #[test]
    fn a_phone_sized_viewport_gets_at_least_finger_sized_cells() {
        // Kurgan city at zoom 12 on a 360 × 640 screen: about 0.12° × 0.1°.
        let g = Grid::new(
            BBox {
                min_lon: 65.28,
                min_lat: 55.40,
                max_lon: 65.40,
                max_lat: 55.50,
            },
            12,
        );
        assert_eq!(g.cell_px, MIN_CELL_PX);
        assert!(g.cells() <= MAX_FEATURES);
    }

    #[test]
    fn a_huge_viewport_at_a_deep_zoom_still_has_at_most_300_cells() {
        let world = BBox {
            min_lon: -180.0,
            min_lat: -85.0,
            max_lon: 180.0,
            max_lat: 85.0,
        };
        for z in 0..=MAX_ZOOM {
            let g = Grid::new(world, z);
            assert!(g.cells() <= MAX_FEATURES, "zoom {z}: {} cells", g.cells());
        }
    }

    #[test]
    fn far_apart_points_are_separate_markers_and_close_ones_a_cluster() {
        // Two villages 100 km apart and three houses within 50 m of each other.
        let pts = points(&[
            (55.45, 65.34),
            (55.4501, 65.3401),
            (55.4502, 65.3402),
            (55.0, 63.7),
        ]);
        let f = cluster(&Grid::new(kurgan(), 8), pts.into_iter());
        assert_eq!(f.len(), 2);
        assert!(f.iter().any(|f| matches!(f, Feature::Single(3))));
        let Some(Feature::Cluster {
            count,
            expansion_zoom,
            ..
        }) = f.iter().find(|f| matches!(f, Feature::Cluster { .. }))
        else {
            panic!("no cluster in {f:?}");
        };
        assert_eq!(*count, 3);
        assert!(expansion_zoom.is_some_and(|z| z > 8), "{expansion_zoom:?}");
    }

    #[test]
    fn a_cluster_is_drawn_at_its_members_mean_place() {
        // Three villages around Kurgan, a few kilometres apart: one cluster at zoom 6.
        let coords = [(55.40, 65.20), (55.50, 65.35), (55.45, 65.50)];
        let f = cluster(&Grid::new(kurgan(), 6), points(&coords).into_iter());
        let [Feature::Cluster { count: 3, at, .. }] = &f[..] else {
            panic!("one cluster expected, got {f:?}");
        };
        // The mean on the map: the mean longitude, and a latitude within metres of the mean.
        assert!((at.lon - 65.35).abs() < 1e-6, "{at:?}");
        assert!((at.lat - 55.45).abs() < 1e-3, "{at:?}");
        // A fixed-point position comes back to its place within a centimetre or so.
        let p = LatLon {
            lat: 55.123456,
            lon: 65.654321,
        };
        let back = unmercator(unfixed(fixed(mercator(p))));
        assert!((back.lat - p.lat).abs() < 1e-7 && (back.lon - p.lon).abs() < 1e-7);
    }

    #[test]
    fn organizations_at_one_spot_never_split_and_are_listed() {
        let pts = points(&[(55.45, 65.34); 25]);
        let f = cluster(&Grid::new(kurgan(), 6), pts.into_iter());
        match &f[..] {
            [Feature::Cluster {
                count: 25,
                expansion_zoom: None,
                members,
                ..
            }] => assert_eq!(members.len(), MAX_MEMBERS),
            other => panic!("unexpected {other:?}"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Every point is in exactly one feature at every zoom, and no response is larger
        /// than the limit.
        #[test]
        fn clusters_partition_the_points_at_every_zoom(
            coords in prop::collection::vec((54.2f64..56.9, 61.9f64..68.7), 0..400),
            zoom in 0u8..=MAX_ZOOM,
        ) {
            let pts = points(&coords);
            let grid = Grid::new(kurgan(), zoom);
            let features = cluster(&grid, pts.clone().into_iter());
            prop_assert!(features.len() <= MAX_FEATURES);
            prop_assert_eq!(count(&features), coords.len());
            // The counts are exactly the cells' populations: recount independently.
            let mut per_cell = std::collections::BTreeMap::new();
            for (_, p) in &pts {
                *per_cell.entry(grid.cell_of(*p)).or_insert(0usize) += 1;
            }
            let mut expected: Vec<usize> = per_cell.into_values().collect();
            let mut got: Vec<usize> = features.iter().map(|f| match f {
                Feature::Single(_) => 1,
                Feature::Cluster { count, .. } => *count,
            }).collect();
            expected.sort_unstable();
            got.sort_unstable();
            prop_assert_eq!(got, expected);
            // Singles are distinct points.
            let singles: Vec<usize> = features.iter().filter_map(|f| match f {
                Feature::Single(k) => Some(*k),
                _ => None,
            }).collect();
            let unique: std::collections::BTreeSet<usize> = singles.iter().copied().collect();
            prop_assert_eq!(unique.len(), singles.len());
            // A cluster that can split does so at a deeper zoom.
            for f in &features {
                if let Feature::Cluster { expansion_zoom: Some(z), .. } = f {
                    prop_assert!(*z > zoom && *z <= MAX_ZOOM);
                }
            }
        }
    }
}
