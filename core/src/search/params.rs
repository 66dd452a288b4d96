//! Search parameters: parsed from a URL query string (the search page and
//! `GET /api/v1/search` share one format) and checked. Nothing a person types can make this
//! panic; malformed values become [`ParamError`]s, which the API returns as a 400 and the
//! page shows as a friendly message.

use serde::{Deserialize, Serialize};

use crate::region::LatLon;

/// Queries longer than this many characters are cut.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most results one page may hold.
pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The largest radius accepted, in km (the oblast is about 450 km across).
pub const MAX_RADIUS_KM: f64 = 1000.0;

/// The facets a search can filter and count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Direction,
    Audience,
    EventFormat,
    Kind,
    Okrug,
    Verified,
    HasNeeds,
    AcceptsVolunteers,
    /// The kinds of help it offers other organizations (need-kind codes).
    Offer,
    /// Fellow travellers: asks for partners, has partners, has a mentor, is a mentor.
    Partners,
    /// Fresh, ageing or stale (the page shows it to staff only).
    Freshness,
}

/// Every facet, in the order the page shows them.
pub const FACETS: [Facet; 11] = [
    Facet::Direction,
    Facet::Audience,
    Facet::Okrug,
    Facet::Kind,
    Facet::EventFormat,
    Facet::Partners,
    Facet::Offer,
    Facet::Verified,
    Facet::HasNeeds,
    Facet::AcceptsVolunteers,
    Facet::Freshness,
];

/// How many facets there are: the width of the per-facet arrays.
pub const FACET_COUNT: usize = FACETS.len();

impl Facet {
    /// The query parameter and response key.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Direction => "direction",
            Self::Audience => "audience",
            Self::EventFormat => "event_format",
            Self::Kind => "kind",
            Self::Okrug => "okrug",
            Self::Verified => "verified",
            Self::HasNeeds => "has_needs",
            Self::AcceptsVolunteers => "accepts_volunteers",
            Self::Offer => "offer",
            Self::Partners => "partners",
            Self::Freshness => "freshness",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        FACETS.into_iter().find(|f| f.as_str() == s)
    }

    /// Shown on the search page to the region's staff only (visitors see faded cards).
    pub fn is_staff_only(self) -> bool {
        self == Self::Freshness
    }

    /// Yes/no facets take the single value `true`.
    pub fn is_flag(self) -> bool {
        matches!(
            self,
            Self::Verified | Self::HasNeeds | Self::AcceptsVolunteers
        )
    }
}

/// How results are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Relevance,
    /// Russian alphabetical order, А to Я with ё beside е.
    Name,
    Distance,
    /// Most recently updated first.
    Updated,
    /// Most recently verified first.
    Verified,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Name => "name",
            Self::Distance => "distance",
            Self::Updated => "updated",
            Self::Verified => "verified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Relevance,
            Self::Name,
            Self::Distance,
            Self::Updated,
            Self::Verified,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// A bounding box in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    pub fn contains(&self, p: LatLon) -> bool {
        (self.min_lat..=self.max_lat).contains(&p.lat)
            && (self.min_lon..=self.max_lon).contains(&p.lon)
    }
}

/// A checked search request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchParams {
    /// The words typed, at most [`MAX_QUERY_CHARS`] characters.
    pub q: String,
    /// Active facet filters: OR within a facet, AND across facets.
    pub filters: Vec<(Facet, Vec<String>)>,
    pub near: Option<LatLon>,
    pub radius_km: Option<f64>,
    pub bbox: Option<BBox>,
    /// `None` means the default: relevance with a query, name without.
    pub sort: Option<SortOrder>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// Why a parameter was refused: the parameter, an i18n key, and the value given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    pub param: String,
    pub key: String,
    pub value: String,
}

impl ParamError {
    pub fn new(param: &str, key: &str, value: &str) -> Self {
        let value: String = value.chars().take(100).collect();
        Self {
            param: param.to_owned(),
            key: key.to_owned(),
            value,
        }
    }
}

fn parse_f64s(s: &str, n: usize) -> Option<Vec<f64>> {
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    (parts.len() == n && parts.iter().all(|x| x.is_finite())).then_some(parts)
}

fn parse_near(s: &str) -> Option<LatLon> {
    let v = parse_f64s(s, 2)?;
    let p = LatLon {
        lat: v[0],
        lon: v[1],
    };
    ((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon)).then_some(p)
}

fn parse_bbox(s: &str) -> Option<BBox> {
    let v = parse_f64s(s, 4)?;
    let b = BBox {
        min_lon: v[0],
        min_lat: v[1],
        max_lon: v[2],
        max_lat: v[3],
    };
    let in_range = [b.min_lon, b.max_lon]
        .iter()
        .all(|x| (-180.0..=180.0).contains(x))
        && [b.min_lat, b.max_lat]
            .iter()
            .all(|y| (-90.0..=90.0).contains(y));
    (in_range && b.min_lon <= b.max_lon && b.min_lat <= b.max_lat).then_some(b)
}

/// Cuts a query to [`MAX_QUERY_CHARS`] characters. Leading space is dropped; one trailing
/// space is kept, because it says the last word is finished (not a prefix being typed).
pub fn clip_query(q: &str) -> String {
    let cut: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let start = cut.trim_start();
    let body = start.trim_end();
    if body.len() < start.len() && !body.is_empty() {
        format!("{body} ")
    } else {
        body.to_owned()
    }
}

impl SearchParams {
    /// Parses URL query pairs. Unknown parameters are ignored (links may carry tracking
    /// tags); malformed values are reported. Facet codes are checked later, against the
    /// region's taxonomy.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<ParamError>> {
        let mut p = SearchParams {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Default::default()
        };
        let mut errors = vec![];
        for (key, raw) in pairs {
            let v = raw.trim();
            if let Some(facet) = Facet::parse(key) {
                p.add_filter(facet, v, &mut errors);
                continue;
            }
            match key {
                "q" => p.q = clip_query(raw),
                "near" if !v.is_empty() => match parse_near(v) {
                    Some(at) => p.near = Some(at),
                    None => errors.push(ParamError::new(key, "err-param-near", v)),
                },
                "radius_km" if !v.is_empty() => match v.parse::<f64>() {
                    Ok(r) if r > 0.0 && r <= MAX_RADIUS_KM => p.radius_km = Some(r),
                    _ => errors.push(ParamError::new(key, "err-param-radius", v)),
                },
                "bbox" if !v.is_empty() => match parse_bbox(v) {
                    Some(b) => p.bbox = Some(b),
                    None => errors.push(ParamError::new(key, "err-param-bbox", v)),
                },
                "sort" if !v.is_empty() => match SortOrder::parse(v) {
                    Some(s) => p.sort = Some(s),
                    None => errors.push(ParamError::new(key, "err-param-sort", v)),
                },
                "page" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(n) if (1..=10_000).contains(&n) => p.page = n,
                    _ => errors.push(ParamError::new(key, "err-param-page", v)),
                },
                "per_page" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => p.per_page = n,
                    _ => errors.push(ParamError::new(key, "err-param-per-page", v)),
                },
                _ => {}
            }
        }
        if p.radius_km.is_some() && p.near.is_none() {
            errors.push(ParamError::new(
                "radius_km",
                "err-param-radius-needs-near",
                "",
            ));
        }
        if p.sort == Some(SortOrder::Distance) && p.near.is_none() {
            errors.push(ParamError::new(
                "sort",
                "err-param-distance-needs-near",
                "distance",
            ));
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }

    fn add_filter(&mut self, facet: Facet, value: &str, errors: &mut Vec<ParamError>) {
        if value.is_empty() {
            return;
        }
        if facet.is_flag() {
            match value {
                "true" | "1" | "yes" => {}
                "false" | "0" | "no" => return,
                _ => {
                    errors.push(ParamError::new(facet.as_str(), "err-param-flag", value));
                    return;
                }
            }
        }
        let value = if facet.is_flag() { "true" } else { value };
        if value.len() > 100
            || !value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            errors.push(ParamError::new(facet.as_str(), "err-param-code", value));
            return;
        }
        match self.filters.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, values)) if !values.iter().any(|v| v == value) => {
                values.push(value.to_owned())
            }
            Some(_) => {}
            None => self.filters.push((facet, vec![value.to_owned()])),
        }
    }

    /// The active values of one facet.
    pub fn values(&self, facet: Facet) -> &[String] {
        self.filters
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    /// The order actually used.
    pub fn effective_sort(&self) -> SortOrder {
        match self.sort {
            Some(s) => s,
            None if !self.q.trim().is_empty() => SortOrder::Relevance,
            // "Near me" or a chosen place: the nearest first.
            None if self.near.is_some() => SortOrder::Distance,
            None => SortOrder::Name,
        }
    }

    /// The URL query string for these parameters ("?q=…&direction=…"), "" when empty.
    pub fn query_string(&self) -> String {
        let enc = crate::organizations::url_encode;
        let mut parts = vec![];
        if !self.q.is_empty() {
            parts.push(format!("q={}", enc(&self.q)));
        }
        for (facet, values) in &self.filters {
            parts.extend(
                values
                    .iter()
                    .map(|v| format!("{}={}", facet.as_str(), enc(v))),
            );
        }
        if let Some(at) = self.near {
            parts.push(format!("near={},{}", at.lat, at.lon));
        }
        if let Some(r) = self.radius_km {
            parts.push(format!("radius_km={r}"));
        }
        if let Some(b) = self.bbox {
            parts.push(format!(
                "bbox={},{},{},{}",
                b.min_lon, b.min_lat, b.max_lon, b.max_lat
            ));
        }
        if let Some(s) = self.sort {
            parts.push(format!("sort={}", s.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            parts.push(format!("per_page={}", self.per_page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(feature = "server")]
/// Splits a raw query string into decoded pairs.
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SearchParams, Vec<ParamError>> {
        let pairs: Vec<(&str, &str)> = q.split('&').filter_map(|kv| kv.split_once('=')).collect();
        SearchParams::from_pairs(pairs)
    }

    #[test]
    fn facets_repeat_and_combine() {
        let p = parse("q=помощь&direction=a&direction=b&audience=elderly&verified=true")
            .expect("valid");
        assert_eq!(p.values(Facet::Direction), ["a", "b"]);
        assert_eq!(p.values(Facet::Audience), ["elderly"]);
        assert_eq!(p.values(Facet::Verified), ["true"]);
        assert_eq!(p.effective_sort(), SortOrder::Relevance);
    }

    #[test]
    fn geo_parameters_are_checked() {
        let p = parse("near=55.4,65.3&radius_km=25&sort=distance").expect("valid");
        assert_eq!(
            p.near,
            Some(LatLon {
                lat: 55.4,
                lon: 65.3
            })
        );
        let errs = parse("near=95,65&radius_km=-1&bbox=1,2,3").expect_err("invalid");
        let params: Vec<&str> = errs.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(params, ["near", "radius_km", "bbox"]);
        let errs = parse("radius_km=10").expect_err("a radius needs a point");
        assert_eq!(errs[0].key, "err-param-radius-needs-near");
        assert!(
            parse("bbox=65,55,64,56").is_err(),
            "min must not exceed max"
        );
        assert!(parse("sort=distance").is_err(), "distance needs a point");
    }

    #[test]
    fn paging_is_bounded() {
        assert!(parse("per_page=101").is_err());
        assert!(parse("page=0").is_err());
        assert_eq!(parse("per_page=100").expect("ok").per_page, 100);
    }

    #[test]
    fn long_and_hostile_queries_are_plain_text() {
        let long = "я".repeat(10_000);
        let p = SearchParams::from_pairs([("q", long.as_str())]).expect("valid");
        assert_eq!(p.q.chars().count(), MAX_QUERY_CHARS);
        let p = SearchParams::from_pairs([("q", "\"AND OR NOT ( ) : * ~ ^ 🙂")]).expect("valid");
        assert_eq!(p.q, "\"AND OR NOT ( ) : * ~ ^ 🙂");
    }

    #[test]
    fn malformed_codes_are_refused_and_unknown_params_ignored() {
        assert!(parse("direction=<script>").is_err());
        assert!(parse("utm_source=vk").is_ok());
        assert!(parse("verified=maybe").is_err());
    }

    #[test]
    fn query_strings_round_trip() {
        let p = parse("q=юрист&okrug=ketovsky&near=55.4,65.3&radius_km=10&sort=distance&page=2")
            .expect("valid");
        let s = p.query_string();
        let again = parse(s.trim_start_matches('?')).expect("valid");
        assert_eq!(again.values(Facet::Okrug), ["ketovsky"]);
        assert_eq!(
            (again.page, again.sort, again.radius_km),
            (2, Some(SortOrder::Distance), Some(10.0))
        );
    }
}
