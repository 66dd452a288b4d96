//! The map's GeoJSON, built in the core so the web routes and the benchmark share it: the
//! clusters and markers of one viewport at one zoom for a search's filters.

use serde_json::{json, Value};

use super::cluster::{cluster, Feature, Grid};
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::region::RegionCatalog;
use crate::search::engine::{columns, each_row, SearchEngine, SearchError};
use crate::search::params::{BBox, Facet, SearchParams};
use crate::search::table::{flag, OrgRow};

/// The box around all of the region's okrugs: the default viewport.
pub fn region_bbox(catalog: &RegionCatalog) -> BBox {
    catalog.okrugs.iter().fold(
        BBox {
            min_lon: 180.0,
            min_lat: 90.0,
            max_lon: -180.0,
            max_lat: -90.0,
        },
        |b, o| BBox {
            min_lon: b.min_lon.min(o.bbox.min().x),
            min_lat: b.min_lat.min(o.bbox.min().y),
            max_lon: b.max_lon.max(o.bbox.max().x),
            max_lat: b.max_lat.max(o.bbox.max().y),
        },
    )
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

pub fn point(lon: f64, lat: f64) -> Value {
    json!({ "type": "Point", "coordinates": [round5(lon), round5(lat)] })
}

/// Whether a row is stale now, under the region's policy (drawn faded, with a note).
pub fn stale_test(catalog: &RegionCatalog) -> impl Fn(&OrgRow) -> bool {
    let thresholds = catalog.policy.thresholds(chrono::Utc::now());
    move |r| thresholds.state(r.last_sign_of_life()) == crate::freshness::Freshness::Stale
}

/// One viewport's clusters, before they are written out.
struct View {
    features: Vec<Feature>,
    total: usize,
}

/// The clusters response for already parsed parameters (the map's route and the benchmark).
pub fn cluster_collection(
    state_search: &SearchEngine,
    params: &SearchParams,
    zoom: u8,
    i18n: &I18n,
) -> Result<Value, SearchError> {
    let catalog = &state_search.catalog;
    let mut params = params.clone();
    let bbox = *params.bbox.get_or_insert_with(|| region_bbox(catalog));
    let grid = Grid::new(bbox, zoom);
    // A region-wide view (the box holds every organization) without words or freshness
    // depends only on the table and the filters: kept until the table changes.
    let key = (params.q.trim().is_empty()
        && params.filters.iter().all(|(f, _)| *f != Facet::Freshness))
    .then(|| {
        // What does not change which rows match stays out of the key.
        let p = SearchParams {
            bbox: None,
            sort: None,
            page: 1,
            per_page: 1,
            ..params.clone()
        };
        let filters = serde_json::to_string(&p).ok()?;
        Some(format!("clusters {} {} {filters}", grid.zoom, grid.cell_px))
    })
    .flatten();
    let poisoned = |_| SearchError::Internal(anyhow::anyhow!("search table lock poisoned"));
    let kept = match &key {
        Some(key) => {
            let table = state_search.table.read().map_err(poisoned)?;
            let whole = columns(&table).holds(bbox);
            whole
                .then(|| state_search.derived::<View>(key, table.version()))
                .flatten()
                .map(|view| (table, view))
        }
        None => None,
    };
    let (table, view) = match kept {
        Some(found) => found,
        None => {
            let (table, matching) = state_search.matching_bits(&params, i18n)?;
            // Positions from the columns: 8 bytes a row instead of the whole row.
            let cols = columns(&table);
            let mut total = 0;
            let features = cluster(
                &grid,
                each_row(&matching)
                    .inspect(|_| total += 1)
                    .map(|i| (i, cols.fixed[i])),
            );
            let view = std::sync::Arc::new(View { features, total });
            if let Some(key) = key.filter(|_| cols.holds(bbox)) {
                state_search.keep_derived(key, table.version(), view.clone());
            }
            (table, view)
        }
    };
    let (features, total) = (&view.features, view.total);
    let all = table.rows();
    let stale = stale_test(catalog);
    let kind_code = |r: &OrgRow| {
        catalog
            .taxonomy
            .org_kind
            .get(usize::from(r.kind))
            .map(|t| t.code.as_str())
            .unwrap_or("")
    };
    let out: Vec<Value> = features
        .iter()
        .map(|f| match f {
            Feature::Single(i) => {
                let r = &all[*i];
                json!({
                    "type": "Feature",
                    "geometry": point(r.at.lon, r.at.lat),
                    "properties": {
                        "cluster": false,
                        "id": r.id,
                        "name": r.name,
                        "kind": kind_code(r),
                        "url": org_url(r.id, &r.slug),
                        "approximate": r.has(flag::APPROXIMATE),
                        "stale": stale(r),
                    },
                })
            }
            Feature::Cluster {
                count,
                at,
                expansion_zoom,
                members,
            } => {
                let mut props = json!({
                    "cluster": true,
                    "count": count,
                    "expansion_zoom": expansion_zoom,
                });
                if expansion_zoom.is_none() {
                    props["members"] = members
                        .iter()
                        .map(|&i| {
                            let r = &all[i];
                            json!({ "id": r.id, "name": r.name, "url": org_url(r.id, &r.slug) })
                        })
                        .collect();
                }
                json!({ "type": "Feature", "geometry": point(at.lon, at.lat), "properties": props })
            }
        })
        .collect();
    Ok(json!({
        "type": "FeatureCollection",
        "total": total,
        "zoom": grid.zoom,
        "cell_px": grid.cell_px,
        "features": out,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestCore;

    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        SearchParams::from_pairs(pairs.to_vec()).expect("parameters")
    }

    /// The whole region's view is kept and served again until an organization changes;
    /// views with words, or of part of the region, are not kept.
    #[tokio::test]
    async fn a_region_wide_view_is_kept_until_the_table_changes() {
        let core = TestCore::with_demo().await;
        let engine = &core.state.search;
        let i18n = I18n::default();
        let first = cluster_collection(engine, &params(&[]), 7, &i18n).expect("clusters");
        assert_eq!(engine.kept_derived(), 1);
        let again = cluster_collection(engine, &params(&[]), 7, &i18n).expect("clusters");
        assert_eq!(first, again);
        assert_eq!(engine.kept_derived(), 1);
        for other in [
            params(&[("q", "помощь ")]),
            params(&[("bbox", "65.28,55.40,65.40,55.48")]),
            params(&[("freshness", "fresh")]),
        ] {
            cluster_collection(engine, &other, 7, &i18n).expect("clusters");
            assert_eq!(engine.kept_derived(), 1, "{other:?}");
            // And the whole region's view is still the whole region's.
            let region = cluster_collection(engine, &params(&[]), 7, &i18n).expect("clusters");
            assert_eq!(region, first, "after {other:?}");
        }
        core.import_json(r#"[{"name": "Клуб «Шелкопряды»", "kind": "ngo", "okrug": "ketovsky"}]"#)
            .await;
        let after = cluster_collection(engine, &params(&[]), 7, &i18n).expect("clusters");
        let total = |v: &Value| v["total"].as_u64().unwrap_or(0);
        assert_eq!(total(&after), total(&first) + 1);
        // The old table's view is gone; the new one is kept.
        assert_eq!(engine.kept_derived(), 1);
    }
}
