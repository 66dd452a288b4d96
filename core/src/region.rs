//! Regions and their okrugs (districts): names, centres and boundary polygons, plus
//! point-in-polygon lookup that assigns every organization to its okrug.

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
pub mod store;

use crate::taxonomy::Taxonomy;
use crate::text::LocalizedText;

/// A latitude/longitude pair in WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// One settlement of the region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settlement {
    pub id: i64,
    pub okrug_id: i64,
    pub name: String,
    /// город, рабочий посёлок, село, посёлок, деревня… or "" where the source has none.
    pub kind: String,
    pub at: LatLon,
    pub population: Option<i64>,
}

/// An okrug as shown in lists and links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OkrugRef {
    pub slug: String,
    pub name: String,
}

/// One okrug (a rural municipal okrug or an urban okrug) with its boundary.
#[derive(Clone, Debug)]
pub struct Okrug {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub full_name: LocalizedText,
    /// `municipal_okrug` or `urban_okrug`.
    pub kind: String,
    pub admin_center: LocalizedText,
    /// The settlement type of the centre in Russian: город, село, рабочий посёлок.
    pub admin_center_kind: String,
    pub center: LatLon,
    pub area_km2: Option<f64>,
    #[cfg(feature = "server")]
    pub boundary: geo::MultiPolygon<f64>,
    #[cfg(feature = "server")]
    pub bbox: geo::Rect<f64>,
}

/// The region's time zone: event times are its local times, and the calendar feeds name it.
/// region.json: `"timezone": {"name": "Asia/Yekaterinburg", "utc_offset": "+05:00"}` (a zone
/// without summer time; a region that left it out is on UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZone {
    /// The IANA name, e.g. `Asia/Yekaterinburg`.
    pub name: String,
    /// `+05:00`.
    pub utc_offset: String,
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone {
            name: "Etc/UTC".into(),
            utc_offset: "+00:00".into(),
        }
    }
}

impl TimeZone {
    /// The offset from UTC in minutes (`+05:00` → 300), or `None` when it is not `±HH:MM`.
    pub fn offset_minutes(&self) -> Option<i32> {
        let s = self.utc_offset.trim();
        let sign = match s.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (h, m) = s.get(1..)?.split_once(':')?;
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        ((0..=14).contains(&h) && (0..60).contains(&m) && h * 60 + m <= 14 * 60)
            .then_some(sign * (h * 60 + m))
    }

    /// The region's date today (`YYYY-MM-DD`).
    pub fn today(&self) -> String {
        let offset = chrono::Duration::minutes(self.offset_minutes().unwrap_or(0).into());
        (chrono::Utc::now() + offset).format("%Y-%m-%d").to_string()
    }
}

/// Everything the app holds in memory about the region it serves: loaded once at start-up
/// from the database (which the seed files filled).
#[derive(Clone, Debug)]
pub struct RegionCatalog {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub attribution: LocalizedText,
    /// Which registry identifiers apply: "ru" (ИНН/ОГРН) or "none".
    pub identifier_scheme: String,
    /// Freshness thresholds, reminder and verification periods (region.json `policy`).
    pub policy: crate::freshness::Policy,
    /// Event times are local times of this zone.
    pub timezone: TimeZone,
    pub center: LatLon,
    /// Sorted by Russian name.
    pub okrugs: Vec<Okrug>,
    pub taxonomy: Taxonomy,
    /// The gazetteer, in Russian name order (empty when the region has none).
    pub settlements: Vec<Settlement>,
}

impl Okrug {
    /// The centre written as an address: "с. Альменево", "г. Курган".
    pub fn center_address(&self) -> String {
        // The seed says e.g. "город (административный центр области)": match the first word(s).
        let kind = self.admin_center_kind.as_str();
        let prefix = [
            ("город", "г. "),
            ("село", "с. "),
            ("рабочий посёлок", "р.п. "),
            ("посёлок", "п. "),
            ("деревня", "д. "),
        ]
        .into_iter()
        .find(|(word, _)| kind.starts_with(word))
        .map_or("", |(_, p)| p);
        format!("{prefix}{}", self.admin_center.get(Default::default()))
    }
}

impl RegionCatalog {
    pub fn okrug_by_slug(&self, slug: &str) -> Option<&Okrug> {
        self.okrugs.iter().find(|o| o.slug == slug)
    }

    pub fn okrug_by_id(&self, id: i64) -> Option<&Okrug> {
        self.okrugs.iter().find(|o| o.id == id)
    }

    /// Finds an okrug by slug, short name ("Шумихинский") or full name, as typed in a file.
    pub fn find_okrug(&self, slug_or_name: &str) -> Option<&Okrug> {
        let s = slug_or_name.trim();
        self.okrug_by_slug(&s.to_ascii_lowercase()).or_else(|| {
            self.okrugs
                .iter()
                .find(|o| o.name.matches(s) || o.full_name.matches(s))
        })
    }
}

#[cfg(feature = "server")]
mod geometry {
    use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Point, Polygon};
    use serde::Deserialize;

    use super::{LatLon, RegionCatalog};

    /// The two GeoJSON geometry types okrug boundaries use.
    #[derive(Deserialize)]
    #[serde(tag = "type", content = "coordinates")]
    enum GeoJsonArea {
        Polygon(Vec<Vec<[f64; 2]>>),
        MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
    }

    fn ring(points: &[[f64; 2]]) -> LineString<f64> {
        points.iter().map(|[x, y]| Coord { x: *x, y: *y }).collect()
    }

    fn polygon(rings: &[Vec<[f64; 2]>]) -> Option<Polygon<f64>> {
        let (outer, holes) = rings.split_first()?;
        Some(Polygon::new(
            ring(outer),
            holes.iter().map(|h| ring(h)).collect(),
        ))
    }

    /// Parses a GeoJSON Polygon or MultiPolygon geometry object into a `MultiPolygon`.
    pub fn parse_boundary(geometry_json: &str) -> Result<MultiPolygon<f64>, String> {
        let area: GeoJsonArea = serde_json::from_str(geometry_json).map_err(|e| e.to_string())?;
        let polygons: Option<Vec<_>> = match &area {
            GeoJsonArea::Polygon(rings) => {
                Some(vec![polygon(rings)].into_iter().flatten().collect())
            }
            GeoJsonArea::MultiPolygon(polys) => polys.iter().map(|p| polygon(p)).collect(),
        };
        match polygons {
            Some(p) if !p.is_empty() => Ok(MultiPolygon(p)),
            _ => Err("empty polygon".into()),
        }
    }

    /// The bounding rectangle of a boundary (a degenerate one at 0,0 if it is empty).
    pub fn bbox(boundary: &MultiPolygon<f64>) -> geo::Rect<f64> {
        boundary
            .bounding_rect()
            .unwrap_or_else(|| geo::Rect::new(Coord { x: 0., y: 0. }, Coord { x: 0., y: 0. }))
    }

    impl RegionCatalog {
        /// The okrug whose boundary contains the point (points on a shared border go to the
        /// first okrug in name order). `None` means the point is outside the region.
        pub fn okrug_at(&self, at: LatLon) -> Option<&super::Okrug> {
            let p = Point::new(at.lon, at.lat);
            self.okrugs
                .iter()
                .filter(|o| o.bbox.intersects(&p))
                .find(|o| o.boundary.intersects(&p))
        }
    }
}

#[cfg(feature = "server")]
pub use geometry::{bbox, parse_boundary};
