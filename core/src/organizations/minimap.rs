//! A static SVG mini-map: the okrug outline with the organization's point. It needs no
//! JavaScript and no tiles, so it works on any phone. The interactive map is a separate
//! feature.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock};

use geo::{Coord, MapCoords, Simplify};

use super::MiniMap;
use crate::region::{LatLon, Okrug};

/// Width of the drawing in SVG user units; the height follows the okrug's shape.
const WIDTH: f64 = 300.0;

/// The outline of an okrug and its drawing's view box, worked out once per okrug (the
/// simplification and the path text cost more than the rest of an organization page).
type Outline = Arc<(String, String)>;

/// The okrugs' outlines drawn so far, by slug and bounding box (regions are few, and each
/// has a few dozen okrugs, so this stays small).
static OUTLINES: OnceLock<Mutex<HashMap<OutlineKey, Outline>>> = OnceLock::new();

/// An okrug's slug and the bits of its bounding box.
type OutlineKey = (String, [u64; 4]);

/// How an okrug's coordinates map to the drawing.
struct Projection {
    min_x: f64,
    max_y: f64,
    kx: f64,
    scale: f64,
    height: f64,
}

impl Projection {
    fn of(okrug: &Okrug) -> Self {
        let b = okrug.bbox;
        let mid_lat = (b.min().y + b.max().y) / 2.0;
        let kx = mid_lat.to_radians().cos();
        let span_x = ((b.max().x - b.min().x) * kx).max(1e-9);
        let span_y = (b.max().y - b.min().y).max(1e-9);
        let scale = WIDTH / span_x;
        Self {
            min_x: b.min().x,
            max_y: b.max().y,
            kx,
            scale,
            height: (span_y * scale).max(1.0),
        }
    }

    fn project(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: (c.x - self.min_x) * self.kx * self.scale,
            y: (self.max_y - c.y) * self.scale,
        }
    }
}

fn outline(okrug: &Okrug, proj: &Projection) -> Outline {
    let b = okrug.bbox;
    let key = (
        okrug.slug.clone(),
        [b.min().x, b.min().y, b.max().x, b.max().y].map(f64::to_bits),
    );
    let cache = OUTLINES.get_or_init(Default::default);
    if let Some(o) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return o;
    }
    // About one SVG unit of tolerance: invisible, and it cuts the path size several times.
    let simplified = okrug.boundary.simplify(1.0 / proj.scale);
    let projected = simplified.map_coords(|c| proj.project(c));
    let mut d = String::new();
    for polygon in &projected.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (i, c) in ring.0.iter().enumerate() {
                let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, c.x, c.y);
            }
            d.push('Z');
        }
    }
    let view_box = format!("-6 -6 {:.0} {:.0}", WIDTH + 12.0, proj.height + 12.0);
    let o: Outline = Arc::new((view_box, d));
    if let Ok(mut c) = cache.lock() {
        c.insert(key, Arc::clone(&o));
    }
    o
}

/// Draws `okrug` with an optional point. Longitude is scaled by cos(latitude) so shapes
/// are not stretched at 55°N.
pub fn draw(okrug: &Okrug, point: Option<LatLon>) -> MiniMap {
    let proj = Projection::of(okrug);
    let o = outline(okrug, &proj);
    MiniMap {
        view_box: o.0.clone(),
        outline: o.1.clone(),
        point: point.map(|p| {
            let c = proj.project(Coord { x: p.lon, y: p.lat });
            ((c.x * 10.0).round() / 10.0, (c.y * 10.0).round() / 10.0)
        }),
    }
}
