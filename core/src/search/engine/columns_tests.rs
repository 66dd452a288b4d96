//! The columns' counts and matches against the row pass, and the heap's page against the
//! full sort, on random tables, filters and geo limits.
use super::super::filter::{sort_page, Candidate, Compiled, Tally};
use super::*;
use crate::region::LatLon;
use crate::search::params::{BBox, SortOrder};
use crate::search::table::OrgRow;
use proptest::prelude::*;

/// A row from drawn values: facets as small masks, a place near Kurgan, an age in days.
type Drawn = (u8, u8, u8, u8, u8, u8, (f64, f64), u16);

fn row(id: i64, d: &Drawn) -> OrgRow {
    let (directions, audiences, kind, okrug, flags, ties, (dlat, dlon), age_days) = *d;
    let mut r = OrgRow::for_test(
        id,
        &format!("Организация {}", (id * 7919) % 1000),
        LatLon {
            lat: 55.0 + dlat,
            lon: 65.0 + dlon,
        },
    );
    r.directions = u128::from(directions);
    r.audiences = u128::from(audiences) << 60;
    r.offers = u128::from(directions & audiences);
    r.kind = kind % 6;
    r.okrug = okrug % 26;
    r.flags = flags;
    r.ties = ties % 16;
    r.updated_at = chrono::Utc::now().timestamp() - i64::from(age_days) * 86_400;
    r
}

/// What a tally shows: the passing ids, the counts, the totals without each facet, and the
/// geo-only failures.
type Shown = (Vec<i64>, Vec<Vec<u64>>, Vec<u64>, u64);

fn summary(t: &Tally, table: &OrgTable) -> Shown {
    let passing = t.passing.iter().map(|c| table.rows()[c.row()].id).collect();
    let counts = t.counts.iter().map(|c| c.to_vec()).collect();
    (passing, counts, t.without.to_vec(), t.geo_only_failures)
}

fn filters() -> impl Strategy<Value = Vec<Option<u128>>> {
    prop::collection::vec(prop::option::weighted(0.3, 1u128..16), FACET_COUNT)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn columns_count_what_the_row_pass_counts(
        drawn in prop::collection::vec(
            (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(),
             (0.0..1.0f64, 0.0..1.0f64), 0u16..900),
            1..300),
        chosen in prop::collection::vec(any::<bool>(), 300),
        masks in filters(),
        // Each edge of the box either beyond every row or among them: some boxes hold
        // every row (a region-wide viewport: no check per row), some all but one side.
        geo in prop::option::of(prop::array::uniform4(prop::option::of(0.0..0.5f64))),
        near in prop::option::of((0.0..1.0f64, 0.0..1.0f64, 1.0..60.0f64)),
    ) {
        let table = OrgTable::from_rows(
            drawn.iter().enumerate().map(|(i, d)| row(i as i64 + 1, d)).collect(),
        );
        let mut c = Compiled {
            masks: [None; FACET_COUNT],
            thresholds: crate::freshness::Policy::default().thresholds(chrono::Utc::now()),
            near: near.map(|(a, b, _)| LatLon { lat: 55.0 + a, lon: 65.0 + b }),
            radius_km: near.map(|(_, _, r)| r),
            bbox: geo.map(|[s, w, n, e]| BBox {
                min_lat: s.map_or(54.9, |d| 55.0 + d),
                max_lat: n.map_or(56.1, |d| 56.0 - d),
                min_lon: w.map_or(64.9, |d| 65.0 + d),
                max_lon: e.map_or(66.1, |d| 66.0 - d),
            }),
            circle_box: None,
        };
        if let (Some(at), Some(r)) = (c.near, c.radius_km) {
            c.circle_box = Some(BBox {
                min_lat: at.lat - r / 111.0 - 0.01,
                max_lat: at.lat + r / 111.0 + 0.01,
                min_lon: at.lon - r / 60.0 - 0.01,
                max_lon: at.lon + r / 60.0 + 0.01,
            });
        }
        for (slot, m) in c.masks.iter_mut().zip(&masks) {
            *slot = *m;
        }
        let candidates: Vec<Candidate> = (0..table.len())
            .filter(|&r| chosen[r])
            .map(|row| Candidate::new(row, 0.0, None))
            .collect();
        let rows = c.tally(&table, candidates.iter().copied());
        let columns = c.tally_columns(&table, &candidates);
        prop_assert_eq!(summary(&rows, &table), summary(&columns, &table));
        // The map's matches by columns: the same rows as the row pass, from the chosen
        // rows and from every row (the last word of the set only partly used).
        let passes = |r: &usize| c.passes(&table.rows()[*r]);
        let mut start: Bits = vec![0; table.len().div_ceil(64)];
        for r in (0..table.len()).filter(|&r| chosen[r]) {
            start[r / 64] |= 1 << (r % 64);
        }
        let by_rows: Vec<usize> = (0..table.len()).filter(|&r| chosen[r]).filter(passes).collect();
        prop_assert_eq!(ones(&c.match_bits(&table, Some(&start))), by_rows);
        let every: Vec<usize> = (0..table.len()).filter(passes).collect();
        prop_assert_eq!(ones(&c.match_bits(&table, None)), every);
    }

    #[test]
    fn the_heap_picks_the_page_the_full_sort_picks(
        scores in prop::collection::vec(0u8..20, 1..400),
        to in 1usize..60,
        by_name in any::<bool>(),
    ) {
        let table = OrgTable::from_rows(
            (0..scores.len())
                .map(|i| OrgRow::for_test(i as i64 + 1, &format!("Орг {}", (i * 37) % 101), LatLon { lat: 55.0, lon: 65.0 }))
                .collect(),
        );
        let passing: Vec<Candidate> = scores
            .iter()
            .enumerate()
            .map(|(row, s)| Candidate::new(row, f32::from(*s), None))
            .collect();
        let order = if by_name { SortOrder::Name } else { SortOrder::Relevance };
        let mut heap = passing.clone();
        sort_page(&mut heap, &table, order, None, 0, to);
        let mut full = passing.clone();
        let n = full.len();
        sort_page(&mut full, &table, order, None, 0, n);
        let page = to.min(n);
        let rows = |v: &[Candidate]| v.iter().map(|c| c.row()).collect::<Vec<_>>();
        prop_assert_eq!(rows(&heap[..page]), rows(&full[..page]));
        // Every candidate is still there, once.
        let mut all = rows(&heap);
        all.sort_unstable();
        prop_assert_eq!(all, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn the_chord_orders_by_distance_as_the_haversine_does(
        places in prop::collection::vec((-1.0..1.0f64, -2.0..2.0f64), 64..300),
        from in (-1.0..1.0f64, -2.0..2.0f64),
        to in 1usize..40,
    ) {
        let table = OrgTable::from_rows(
            places
                .iter()
                .enumerate()
                .map(|(i, (dlat, dlon))| {
                    let at = LatLon { lat: 55.0 + dlat, lon: 65.0 + dlon };
                    OrgRow::for_test(i as i64 + 1, &format!("Орг {i}"), at)
                })
                .collect(),
        );
        let near = LatLon { lat: 55.0 + from.0, lon: 65.0 + from.1 };
        let mut passing: Vec<Candidate> =
            (0..table.len()).map(|row| Candidate::new(row, 0.0, None)).collect();
        // All rows: dense, so the chords decide.
        sort_page(&mut passing, &table, SortOrder::Distance, Some(near), 0, to);
        let mut by_haversine: Vec<(f64, usize)> = (0..table.len())
            .map(|r| (crate::search::engine::distance_km(near, table.rows()[r].at), r))
            .collect();
        by_haversine.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let chosen: Vec<usize> = passing[..to.min(table.len())].iter().map(|c| c.row()).collect();
        let expected: Vec<usize> =
            by_haversine.iter().take(to).map(|(_, r)| *r).collect();
        prop_assert_eq!(chosen, expected);
    }
}

/// A box around every row lets them all through without a check per row; a box with one
/// edge among the rows still turns away those beyond it, on each side.
#[test]
fn a_box_holding_every_row_keeps_them_and_one_edge_in_turns_rows_away() {
    let places = [(55.1, 65.1), (55.5, 65.5), (55.9, 65.9)];
    let table = OrgTable::from_rows(
        places
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon))| {
                OrgRow::for_test(i as i64 + 1, &format!("Орг {i}"), LatLon { lat, lon })
            })
            .collect(),
    );
    let with_box = |bbox: BBox| Compiled {
        masks: [None; FACET_COUNT],
        thresholds: crate::freshness::Policy::default().thresholds(chrono::Utc::now()),
        near: None,
        radius_km: None,
        bbox: Some(bbox),
        circle_box: None,
    };
    let ids = |c: &Compiled| -> Vec<i64> {
        let mut v: Vec<i64> = ones(&c.match_bits(&table, None))
            .into_iter()
            .map(|r| table.rows()[r].id)
            .collect();
        v.sort_unstable();
        v
    };
    let all = BBox {
        min_lat: 55.0,
        max_lat: 56.0,
        min_lon: 65.0,
        max_lon: 66.0,
    };
    assert_eq!(ids(&with_box(all)), vec![1, 2, 3]);
    let edges: [(BBox, Vec<i64>); 4] = [
        (
            BBox {
                min_lat: 55.3,
                ..all
            },
            vec![2, 3],
        ),
        (
            BBox {
                max_lat: 55.7,
                ..all
            },
            vec![1, 2],
        ),
        (
            BBox {
                min_lon: 65.3,
                ..all
            },
            vec![2, 3],
        ),
        (
            BBox {
                max_lon: 65.7,
                ..all
            },
            vec![1, 2],
        ),
    ];
    for (b, expected) in edges {
        assert_eq!(ids(&with_box(b)), expected, "{b:?}");
    }
}
