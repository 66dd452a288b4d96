//! A static SVG mini-map: the okrug outline with the organization's point. It needs no
//! JavaScript and no tiles, so it works on any phone. The interactive map is a separate
//! feature.

use geo::{Coord, MapCoords, Simplify};

use super::MiniMap;
use crate::region::{LatLon, Okrug};

/// Width of the drawing in SVG user units; the height follows the okrug's shape.
const WIDTH: f64 = 300.0;

/// Draws `okrug` with an optional point. Longitude is scaled by cos(latitude) so shapes
/// are not stretched at 55°N.
pub fn draw(okrug: &Okrug, point: Option<LatLon>) -> MiniMap {
    let b = okrug.bbox;
    let mid_lat = (b.min().y + b.max().y) / 2.0;
    let kx = mid_lat.to_radians().cos();
    let span_x = ((b.max().x - b.min().x) * kx).max(1e-9);
    let span_y = (b.max().y - b.min().y).max(1e-9);
    let scale = WIDTH / span_x;
    let height = (span_y * scale).max(1.0);
    let project = |c: Coord<f64>| Coord {
        x: (c.x - b.min().x) * kx * scale,
        y: (b.max().y - c.y) * scale,
    };
    // About one SVG unit of tolerance: invisible, and it cuts the path size several times.
    let simplified = okrug.boundary.simplify(1.0 / scale);
    let projected = simplified.map_coords(project);
    let mut d = String::new();
    for polygon in &projected.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (i, c) in ring.0.iter().enumerate() {
                d.push_str(&format!(
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    c.x,
                    c.y
                ));
            }
            d.push('Z');
        }
    }
    MiniMap {
        view_box: format!("-6 -6 {:.0} {:.0}", WIDTH + 12.0, height + 12.0),
        outline: d,
        point: point.map(|p| {
            let c = project(Coord { x: p.lon, y: p.lat });
            ((c.x * 10.0).round() / 10.0, (c.y * 10.0).round() / 10.0)
        }),
    }
}
