//! Coverage agrees with the search: every cell is the facet count of the search it links to.

use super::*;
use crate::i18n::I18n;
use crate::search::params::{query_pairs, SearchParams};
use crate::testing::TestCore;

fn search(core: &TestCore, href: &str) -> crate::search::SearchResponse {
    let query = href.trim_start_matches('/').trim_start_matches('?');
    let pairs = query_pairs(query);
    let params = SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .expect("params");
    core.state
        .search
        .search(&params, &I18n::default())
        .expect("search")
}

#[tokio::test]
async fn every_cell_is_the_facet_count_of_the_search_it_links_to() {
    let core = TestCore::with_demo().await;
    let i18n = I18n::default();
    for axis in [Axis::Direction, Axis::Audience] {
        for verified_only in [false, true] {
            let options = CoverageOptions {
                axis,
                verified_only,
            };
            let c = Coverage::compute(&core.state.search, options, &i18n).expect("coverage");
            assert_eq!(c.rows.len(), 26, "every okrug of Kurgan Oblast is a row");
            let all = search(&core, &options.search_href(None, None));
            assert_eq!(c.total, all.total, "{options:?}");
            let mut zeros = 0;
            for row in &c.rows {
                let found = search(&core, &options.search_href(Some(&row.slug), None));
                assert_eq!(row.total, found.total, "{} {options:?}", row.slug);
                let counts = &found.facets[axis.as_str()];
                for (col, &n) in c.columns.iter().zip(&row.cells) {
                    let facet = counts.iter().find(|f| f.code == col.code).expect("value");
                    assert_eq!(n, facet.count, "{} × {} {options:?}", row.slug, col.code);
                    zeros += usize::from(n == 0);
                }
            }
            assert_eq!(c.white_spots as usize, zeros);
            for col in &c.columns {
                let found = search(&core, &options.search_href(None, Some(&col.code)));
                assert_eq!(col.total, found.total, "{} {options:?}", col.code);
            }
        }
    }
}

#[tokio::test]
async fn the_demo_has_white_spots_and_verified_only_counts_fewer() {
    let core = TestCore::with_demo().await;
    let i18n = I18n::default();
    let all = Coverage::compute(&core.state.search, CoverageOptions::default(), &i18n).unwrap();
    let verified = CoverageOptions {
        verified_only: true,
        ..Default::default()
    };
    let checked = Coverage::compute(&core.state.search, verified, &i18n).unwrap();
    assert!(all.white_spots > 0 && all.white_spots < (all.rows.len() * all.columns.len()) as u64);
    assert!(checked.total < all.total && checked.white_spots > all.white_spots);
}

#[test]
fn options_round_trip_through_the_url() {
    let o = CoverageOptions::from_pairs([("by", "audience"), ("verified", "true")]);
    assert_eq!(o.query(), "by=audience&verified=true");
    assert_eq!(
        o.search_href(Some("ketovsky"), Some("elderly")),
        "/?okrug=ketovsky&audience=elderly&verified=true"
    );
    // Unknown values fall back to the defaults instead of failing the page.
    let bad = CoverageOptions::from_pairs([("by", "<script>"), ("verified", "maybe")]);
    assert_eq!(bad, CoverageOptions::default());
    assert_eq!(bad.search_href(None, None), "/");
}

#[tokio::test]
async fn the_files_hold_the_same_numbers() {
    let core = TestCore::with_demo().await;
    let i18n = I18n::default();
    let c = Coverage::compute(&core.state.search, CoverageOptions::default(), &i18n).unwrap();
    let csv = String::from_utf8(to_csv(&c, &i18n).unwrap()).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines.len(),
        c.rows.len() + 2,
        "header, okrugs, region total"
    );
    assert!(lines[0].starts_with("Округ,"));
    let last: Vec<&str> = lines[lines.len() - 1].split(',').collect();
    assert_eq!(last.last().copied(), Some(c.total.to_string().as_str()));
    let xlsx = to_xlsx(&c, &i18n, "2026-12-02").unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
}
