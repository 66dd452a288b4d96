//! Unit tests of the filter pass: masks, disjunctive counts, the geo limit, freshness and
//! the sorted page.
use super::*;

fn compiled(masks: [Option<u128>; FACET_COUNT]) -> Compiled {
    Compiled {
        masks,
        thresholds: crate::freshness::Policy::default().thresholds(chrono::Utc::now()),
        near: None,
        radius_km: None,
        bbox: None,
        circle_box: None,
    }
}

fn candidates(t: &OrgTable) -> impl Iterator<Item = Candidate> + '_ {
    (0..t.len()).map(|row| Candidate::new(row, 0.0, None))
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

/// A facet's position in [`FACETS`] (its slot in the masks and counts).
fn at(facet: Facet) -> usize {
    FACETS
        .iter()
        .position(|f| *f == facet)
        .unwrap_or(usize::MAX)
}

#[test]
fn facet_filters_are_or_within_and_across() {
    let t = table();
    let mut masks = [None; FACET_COUNT];
    masks[0] = Some(0b11); // sport or culture
    let ids = |c: &Compiled| -> Vec<i64> {
        t.rows()
            .iter()
            .filter(|r| c.passes(r))
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids(&compiled(masks)), vec![1, 2, 3]);
    masks[at(Facet::Verified)] = Some(1); // and verified
    assert_eq!(ids(&compiled(masks)), vec![3]);
}

#[test]
fn the_freshness_facet_sorts_rows_by_their_latest_sign_of_life() {
    let now = chrono::Utc::now().timestamp();
    let year = 365 * 86_400;
    let mut rows: Vec<OrgRow> = (1..=3)
        .map(|id| OrgRow::for_test(id, &format!("Организация {id}"), KURGAN))
        .collect();
    rows[0].updated_at = now; // fresh
    rows[1].updated_at = now - 3 * year / 4; // ageing
    rows[2].updated_at = now - 2 * year; // stale...
    let t = OrgTable::from_rows(rows.clone());
    let freshness = FACETS
        .iter()
        .position(|f| *f == Facet::Freshness)
        .unwrap_or(0);
    let mut masks = [None; FACET_COUNT];
    masks[freshness] = Some(0b100); // stale only
    let tally = compiled(masks).tally(&t, candidates(&t));
    assert_eq!(tally.passing.len(), 1);
    assert_eq!(t.rows()[tally.passing[0].row()].id, 3);
    assert_eq!(&tally.counts[freshness][..3], &[1, 1, 1]);
    // ...until its organization confirms it.
    rows[2].confirmed_at = now - 86_400;
    let t = OrgTable::from_rows(rows);
    let tally = compiled(masks).tally(&t, candidates(&t));
    assert!(tally.passing.is_empty());
    assert_eq!(&tally.counts[freshness][..3], &[2, 1, 0]);
}

#[test]
fn counts_are_disjunctive() {
    let t = table();
    let mut masks = [None; FACET_COUNT];
    masks[0] = Some(0b01); // sport
    let verified = at(Facet::Verified);
    masks[verified] = Some(1); // verified
    let tally = compiled(masks).tally(&t, candidates(&t));
    // Nobody is both sport and verified.
    assert!(tally.passing.is_empty());
    // Direction counts ignore the direction filter but keep "verified": only row 3.
    assert_eq!(tally.counts[0][0], 0);
    assert_eq!(tally.counts[0][1], 1);
    // "Verified" counts ignore that filter but keep "sport": rows 1 and 2, none verified.
    assert_eq!(tally.counts[verified][0], 0);
    assert_eq!((tally.without[0], tally.without[verified]), (1, 2));
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
    let mut c = compiled([None; FACET_COUNT]);
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
    assert_eq!(t.rows()[tally.passing[0].row()].id, 1);
    assert_eq!(tally.geo_only_failures, 1);
    // Without the radius both pass, and the distance order puts the near one first.
    c.radius_km = None;
    c.circle_box = None;
    let mut passing = c.tally(&t, candidates(&t)).passing;
    for near in [KURGAN, far] {
        sort_page(&mut passing, &t, SortOrder::Distance, Some(near), 0, 2);
        let first = &t.rows()[passing[0].row()];
        assert_eq!((first.at.lat, first.at.lon), (near.lat, near.lon));
    }
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
    sort_page(&mut passing, &t, SortOrder::Relevance, None, 0, 2);
    let top: Vec<i64> = passing[..2].iter().map(|c| t.rows()[c.row()].id).collect();
    assert_eq!(top, vec![2, 3]);
    sort_page(&mut passing, &t, SortOrder::Name, None, 0, 4);
    let all: Vec<i64> = passing.iter().map(|c| t.rows()[c.row()].id).collect();
    assert_eq!(all, vec![1, 2, 3, 4]);
}
