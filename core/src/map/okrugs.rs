//! The okrug boundaries as GeoJSON for the map's base layer and choropleth: simplified
//! once per region (the seed polygons are 390 KB of coordinates; a phone on 3G needs far
//! less), then served with each okrug's count of organizations matching the filters.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use geo::{Coord, MultiPolygon, Simplify};
use serde_json::{json, Value};

use crate::i18n::I18n;
use crate::region::RegionCatalog;

/// Douglas–Peucker tolerance in degrees: about 100 m north–south, invisible at the zooms
/// where the whole okrug is on screen.
pub const SIMPLIFY_DEGREES: f64 = 0.001;

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

fn ring(coords: impl Iterator<Item = Coord<f64>>) -> Value {
    Value::Array(coords.map(|c| json!([round5(c.x), round5(c.y)])).collect())
}

/// A GeoJSON MultiPolygon geometry of a simplified boundary.
fn geometry(boundary: &MultiPolygon<f64>) -> Value {
    let simple = boundary.simplify(SIMPLIFY_DEGREES);
    let polygons: Vec<Value> = simple
        .0
        .iter()
        .map(|p| {
            let mut rings = vec![ring(p.exterior().coords().copied())];
            rings.extend(p.interiors().iter().map(|r| ring(r.coords().copied())));
            Value::Array(rings)
        })
        .collect();
    json!({ "type": "MultiPolygon", "coordinates": polygons })
}

type Shapes = Arc<Vec<Value>>;

/// The simplified geometries of the region's okrugs (in catalog order), computed once.
pub fn shapes(catalog: &RegionCatalog) -> Shapes {
    static CACHE: OnceLock<Mutex<HashMap<(String, usize), Shapes>>> = OnceLock::new();
    let key = (catalog.slug.clone(), catalog.okrugs.len());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return s;
    }
    let computed: Shapes = Arc::new(
        catalog
            .okrugs
            .iter()
            .map(|o| geometry(&o.boundary))
            .collect(),
    );
    if let Ok(mut c) = cache.lock() {
        c.insert(key, Arc::clone(&computed));
    }
    computed
}

/// The okrugs as a FeatureCollection. `counts[i]` is the number of matching organizations
/// in the i-th okrug (catalog order). Urban okrugs come last so they are drawn on top of
/// the rural okrugs around them.
pub fn feature_collection(catalog: &RegionCatalog, counts: &[u64], i18n: &I18n) -> Value {
    let shapes = shapes(catalog);
    let mut order: Vec<usize> = (0..catalog.okrugs.len()).collect();
    order.sort_by_key(|&i| catalog.okrugs[i].kind == "urban_okrug");
    let features: Vec<Value> = order
        .into_iter()
        .map(|i| {
            let o = &catalog.okrugs[i];
            json!({
                "type": "Feature",
                "id": o.slug,
                "geometry": shapes.get(i).cloned().unwrap_or(Value::Null),
                "properties": {
                    "slug": o.slug,
                    "name": o.name.get(i18n.locale),
                    "kind": o.kind,
                    "url": format!("/okrug/{}", o.slug),
                    "centre": [round5(o.center.lon), round5(o.center.lat)],
                    "count": counts.get(i).copied().unwrap_or(0),
                },
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "attribution": catalog.attribution.get(i18n.locale),
        "total": counts.iter().sum::<u64>(),
        "max_count": counts.iter().copied().max().unwrap_or(0),
        "features": features,
    })
}
