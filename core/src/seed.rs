//! Loads a region's seed folder (region.json, okrug boundaries and centres, taxonomy) into
//! the database, and reads it back as the in-memory [`RegionCatalog`]. Loading is an
//! idempotent upsert, run at every start-up, so editing a seed file and restarting is how
//! taxonomies change.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;
use sqlx::Row;

use crate::db::{now, Db};
use crate::region::{bbox, parse_boundary, LatLon, Okrug, RegionCatalog};
use crate::taxonomy::{Taxonomy, Term, Vocabulary};
use crate::text::LocalizedText;

/// `region.json`: what a region is and where its other seed files are.
#[derive(Debug, Clone, Deserialize)]
pub struct RegionManifest {
    pub slug: String,
    pub name: LocalizedText,
    pub country: String,
    #[serde(default = "default_scheme")]
    pub identifier_scheme: String,
    #[serde(default = "default_locale")]
    pub default_locale: String,
    pub center: LatLon,
    pub files: SeedFiles,
    #[serde(default)]
    pub attribution: LocalizedText,
    /// Freshness thresholds, reminder and verification periods (defaults when left out).
    #[serde(default)]
    pub policy: crate::freshness::Policy,
    /// Where event times are local (UTC when left out).
    #[serde(default)]
    pub timezone: crate::region::TimeZone,
}

fn default_scheme() -> String {
    "none".into()
}

fn default_locale() -> String {
    crate::i18n::DEFAULT_LOCALE.into()
}

/// File names inside the region folder.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedFiles {
    pub okrugs: String,
    #[serde(default)]
    pub okrug_centres: Option<String>,
    pub taxonomy: String,
    #[serde(default)]
    pub demo: Option<String>,
    /// The gazetteer (`okrug,name,kind,lat,lon,population,source`), if the region has one.
    #[serde(default)]
    pub settlements: Option<String>,
}

/// One okrug as read from the seed files.
#[derive(Debug, Clone)]
pub struct OkrugSeed {
    pub slug: String,
    pub name: LocalizedText,
    pub full_name: LocalizedText,
    pub kind: String,
    pub admin_center: LocalizedText,
    pub admin_center_kind: String,
    pub center: LatLon,
    pub area_km2: Option<f64>,
    pub boundary_json: String,
}

/// A whole region folder, parsed and checked.
#[derive(Debug, Clone)]
pub struct RegionSeed {
    pub dir: PathBuf,
    pub manifest: RegionManifest,
    pub okrugs: Vec<OkrugSeed>,
    pub taxonomy: Taxonomy,
    pub settlements: Vec<crate::gazetteer::store::SettlementSeed>,
}

impl RegionSeed {
    /// The demo organizations file, if the region has one.
    pub fn demo_file(&self) -> Option<PathBuf> {
        self.manifest.files.demo.as_ref().map(|f| self.dir.join(f))
    }
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: serde_json::Map<String, serde_json::Value>,
    geometry: serde_json::Value,
}

#[derive(Deserialize)]
struct TaxonomyFile {
    taxonomies: BTreeMap<String, Vec<Term>>,
}

/// Collects `prefix_<lang>` string properties into a localized text (`name_ru`, `name_en`...).
fn localized(props: &serde_json::Map<String, serde_json::Value>, prefix: &str) -> LocalizedText {
    let mut out = BTreeMap::new();
    for (key, value) in props {
        let Some(lang) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) else {
            continue;
        };
        if let (Some(text), true) = (value.as_str(), lang.len() == 2) {
            out.insert(lang.to_owned(), text.to_owned());
        }
    }
    LocalizedText(out)
}

/// An okrug centre from `okrug-centres.csv`: where it is and what kind of settlement it is.
struct Centre {
    at: LatLon,
    kind: String,
}

fn read_centres(path: &Path) -> anyhow::Result<HashMap<String, Centre>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = HashMap::new();
    for row in rdr.deserialize::<HashMap<String, String>>() {
        let row = row?;
        let field = |k: &str| row.get(k).cloned().unwrap_or_default();
        let lat: f64 = field("center_lat").parse().context("center_lat")?;
        let lon: f64 = field("center_lon").parse().context("center_lon")?;
        out.insert(
            field("id"),
            Centre {
                at: LatLon { lat, lon },
                kind: field("admin_center_kind"),
            },
        );
    }
    Ok(out)
}

fn okrug_from_feature(f: Feature, centres: &HashMap<String, Centre>) -> anyhow::Result<OkrugSeed> {
    let p = &f.properties;
    let text = |k: &str| {
        p.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let slug = text("id");
    if slug.is_empty() {
        bail!("an okrug feature has no `id`");
    }
    let boundary_json = f.geometry.to_string();
    let boundary = parse_boundary(&boundary_json).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    let (center, admin_center_kind) = match centres.get(&slug) {
        Some(c) => (c.at, c.kind.clone()),
        None => {
            use geo::Centroid;
            let c = boundary.centroid().context("okrug without centroid")?;
            (
                LatLon {
                    lat: c.y(),
                    lon: c.x(),
                },
                String::new(),
            )
        }
    };
    Ok(OkrugSeed {
        name: localized(p, "name"),
        full_name: localized(p, "name_full"),
        kind: text("type"),
        admin_center: localized(p, "admin_center"),
        admin_center_kind,
        area_km2: p.get("area_km2_computed").and_then(|v| v.as_f64()),
        center,
        boundary_json,
        slug,
    })
}

/// Reads and checks a region folder.
pub fn read_region_dir(dir: &Path) -> anyhow::Result<RegionSeed> {
    let manifest_path = dir.join("region.json");
    let manifest: RegionManifest = serde_json::from_str(
        &std::fs::read_to_string(&manifest_path)
            .with_context(|| format!("reading {}", manifest_path.display()))?,
    )
    .with_context(|| format!("parsing {}", manifest_path.display()))?;
    if let Some(problem) = manifest.policy.problem() {
        bail!("{}: {problem}", manifest_path.display());
    }
    if manifest.timezone.offset_minutes().is_none() {
        bail!(
            "{}: timezone.utc_offset `{}` is not ±HH:MM",
            manifest_path.display(),
            manifest.timezone.utc_offset
        );
    }
    let centres = match &manifest.files.okrug_centres {
        Some(f) => read_centres(&dir.join(f))?,
        None => HashMap::new(),
    };
    let okrugs_path = dir.join(&manifest.files.okrugs);
    let fc: FeatureCollection = serde_json::from_str(&std::fs::read_to_string(&okrugs_path)?)
        .with_context(|| format!("parsing {}", okrugs_path.display()))?;
    let mut okrugs = fc
        .features
        .into_iter()
        .map(|f| okrug_from_feature(f, &centres))
        .collect::<anyhow::Result<Vec<_>>>()?;
    okrugs.sort_by(|a, b| a.slug.cmp(&b.slug));
    let taxonomy = read_taxonomy(&dir.join(&manifest.files.taxonomy))?;
    let settlements = match &manifest.files.settlements {
        Some(f) => crate::gazetteer::store::read_seed(&dir.join(f))?,
        None => vec![],
    };
    Ok(RegionSeed {
        dir: dir.to_owned(),
        manifest,
        okrugs,
        taxonomy,
        settlements,
    })
}

fn read_taxonomy(path: &Path) -> anyhow::Result<Taxonomy> {
    let file: TaxonomyFile = serde_json::from_str(&std::fs::read_to_string(path)?)
        .with_context(|| format!("parsing {}", path.display()))?;
    let mut taxonomy = Taxonomy::default();
    for (name, terms) in file.taxonomies {
        let Some(vocab) = Vocabulary::parse(&name) else {
            bail!("{}: unknown vocabulary `{name}`", path.display());
        };
        *taxonomy.terms_mut(vocab) = terms;
    }
    Ok(taxonomy)
}

/// Upserts the region, its okrugs and its taxonomy in one transaction; returns the region id.
#[tracing::instrument(skip_all, err, fields(region = %seed.manifest.slug))]
pub async fn store_region(db: &Db, seed: &RegionSeed) -> anyhow::Result<i64> {
    let m = &seed.manifest;
    let ts = now();
    let mut tx = db.begin().await?;
    let region_id: i64 = sqlx::query_scalar(
        "insert into region (slug, name, country, identifier_scheme, default_locale, center_lat, center_lon, attribution, policy, timezone, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         on conflict (slug) do update set name = excluded.name, country = excluded.country,
           identifier_scheme = excluded.identifier_scheme, default_locale = excluded.default_locale,
           center_lat = excluded.center_lat, center_lon = excluded.center_lon,
           attribution = excluded.attribution, policy = excluded.policy, timezone = excluded.timezone,
           updated_at = excluded.updated_at
         returning id",
    )
    .bind(&m.slug)
    .bind(serde_json::to_string(&m.name)?)
    .bind(&m.country)
    .bind(&m.identifier_scheme)
    .bind(&m.default_locale)
    .bind(m.center.lat)
    .bind(m.center.lon)
    .bind(serde_json::to_string(&m.attribution)?)
    .bind(serde_json::to_string(&m.policy)?)
    .bind(serde_json::to_string(&m.timezone)?)
    .bind(&ts)
    .bind(&ts)
    .fetch_one(&mut *tx)
    .await?;
    for o in &seed.okrugs {
        sqlx::query(
            "insert into okrug (region_id, slug, name, full_name, kind, admin_center, admin_center_kind, center_lat, center_lon, area_km2, boundary, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             on conflict (region_id, slug) do update set name = excluded.name, full_name = excluded.full_name,
               kind = excluded.kind, admin_center = excluded.admin_center, admin_center_kind = excluded.admin_center_kind, center_lat = excluded.center_lat,
               center_lon = excluded.center_lon, area_km2 = excluded.area_km2, boundary = excluded.boundary,
               updated_at = excluded.updated_at",
        )
        .bind(region_id)
        .bind(&o.slug)
        .bind(serde_json::to_string(&o.name)?)
        .bind(serde_json::to_string(&o.full_name)?)
        .bind(&o.kind)
        .bind(serde_json::to_string(&o.admin_center)?)
        .bind(&o.admin_center_kind)
        .bind(o.center.lat)
        .bind(o.center.lon)
        .bind(crate::db::OptF64(o.area_km2))
        .bind(&o.boundary_json)
        .bind(&ts)
        .bind(&ts)
        .execute(&mut *tx)
        .await?;
    }
    for vocab in Vocabulary::ALL {
        for (position, t) in seed.taxonomy.terms(vocab).iter().enumerate() {
            let description = t
                .description
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?;
            sqlx::query(
                "insert into taxonomy_term (region_id, vocabulary, code, label, description, position, synonyms, implies_kind, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 on conflict (region_id, vocabulary, code) do update set label = excluded.label,
                   description = excluded.description, position = excluded.position,
                   synonyms = excluded.synonyms, implies_kind = excluded.implies_kind, updated_at = excluded.updated_at",
            )
            .bind(region_id)
            .bind(vocab.as_str())
            .bind(&t.code)
            .bind(serde_json::to_string(&t.label)?)
            .bind(description)
            .bind(position as i64)
            .bind(serde_json::to_string(&t.synonyms)?)
            .bind(&t.implies_kind)
            .bind(&ts)
            .bind(&ts)
            .execute(&mut *tx)
            .await?;
        }
    }
    crate::gazetteer::store::store(&mut tx, region_id, &seed.settlements).await?;
    tx.commit().await?;
    Ok(region_id)
}

fn json_text(s: &str) -> anyhow::Result<LocalizedText> {
    Ok(serde_json::from_str(s)?)
}

/// Reads a stored region back into memory, parsing every okrug boundary.
#[tracing::instrument(skip(db), err)]
pub async fn load_catalog(db: &Db, slug: &str) -> anyhow::Result<RegionCatalog> {
    let r = sqlx::query("select id, slug, name, attribution, identifier_scheme, policy, timezone, center_lat, center_lon from region where slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await?
        .with_context(|| format!("region `{slug}` is not in the database; is its seed folder present?"))?;
    let region_id: i64 = r.try_get("id")?;
    let mut okrugs = Vec::new();
    let rows = sqlx::query(
        "select id, slug, name, full_name, kind, admin_center, admin_center_kind, center_lat, center_lon, area_km2, boundary
         from okrug where region_id = $1",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    for row in rows {
        let slug: String = row.try_get("slug")?;
        let boundary = parse_boundary(row.try_get("boundary")?)
            .map_err(|e| anyhow::anyhow!("okrug {slug}: {e}"))?;
        okrugs.push(Okrug {
            id: row.try_get("id")?,
            name: json_text(row.try_get("name")?)?,
            full_name: json_text(row.try_get("full_name")?)?,
            kind: row.try_get("kind")?,
            admin_center: json_text(row.try_get("admin_center")?)?,
            admin_center_kind: row.try_get("admin_center_kind")?,
            center: LatLon {
                lat: row.try_get("center_lat")?,
                lon: row.try_get("center_lon")?,
            },
            area_km2: row.try_get("area_km2")?,
            bbox: bbox(&boundary),
            boundary,
            slug,
        });
    }
    okrugs.sort_by_cached_key(|o| crate::text::collation_key(o.name.get(Default::default())));
    Ok(RegionCatalog {
        id: region_id,
        slug: r.try_get("slug")?,
        name: json_text(r.try_get("name")?)?,
        attribution: json_text(r.try_get("attribution")?)?,
        identifier_scheme: r.try_get("identifier_scheme")?,
        policy: serde_json::from_str(r.try_get("policy")?).unwrap_or_default(),
        timezone: serde_json::from_str(r.try_get("timezone")?).unwrap_or_default(),
        center: LatLon {
            lat: r.try_get("center_lat")?,
            lon: r.try_get("center_lon")?,
        },
        okrugs,
        taxonomy: load_taxonomy(db, region_id).await?,
        settlements: crate::gazetteer::store::load(db, region_id).await?,
    })
}

async fn load_taxonomy(db: &Db, region_id: i64) -> anyhow::Result<Taxonomy> {
    let rows = sqlx::query(
        "select id, vocabulary, code, label, description, synonyms, implies_kind from taxonomy_term where region_id = $1 order by vocabulary, position",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    let mut taxonomy = Taxonomy::default();
    for row in rows {
        let Some(vocab) = Vocabulary::parse(row.try_get("vocabulary")?) else {
            continue;
        };
        let description: Option<String> = row.try_get("description")?;
        taxonomy.terms_mut(vocab).push(Term {
            id: row.try_get("id")?,
            code: row.try_get("code")?,
            label: json_text(row.try_get("label")?)?,
            description: description.as_deref().map(json_text).transpose()?,
            synonyms: serde_json::from_str(row.try_get("synonyms")?)?,
            implies_kind: row.try_get("implies_kind")?,
        });
    }
    Ok(taxonomy)
}

/// Builds a catalog straight from a seed folder, without a database: okrug ids are their
/// 1-based positions and term ids are unique across vocabularies. For tests and tools.
pub fn catalog_from_seed(seed: &RegionSeed) -> anyhow::Result<RegionCatalog> {
    let mut okrugs = Vec::new();
    for (i, o) in seed.okrugs.iter().enumerate() {
        let boundary =
            parse_boundary(&o.boundary_json).map_err(|e| anyhow::anyhow!("{}: {e}", o.slug))?;
        okrugs.push(Okrug {
            id: i as i64 + 1,
            slug: o.slug.clone(),
            name: o.name.clone(),
            full_name: o.full_name.clone(),
            kind: o.kind.clone(),
            admin_center: o.admin_center.clone(),
            admin_center_kind: o.admin_center_kind.clone(),
            center: o.center,
            area_km2: o.area_km2,
            bbox: bbox(&boundary),
            boundary,
        });
    }
    okrugs.sort_by_cached_key(|o| crate::text::collation_key(o.name.get(Default::default())));
    let mut taxonomy = seed.taxonomy.clone();
    let mut next_id = 1;
    for vocab in Vocabulary::ALL {
        for term in taxonomy.terms_mut(vocab) {
            term.id = next_id;
            next_id += 1;
        }
    }
    let settlements = seed
        .settlements
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let okrug = okrugs.iter().find(|o| o.slug == s.okrug)?;
            Some(crate::region::Settlement {
                id: i as i64 + 1,
                okrug_id: okrug.id,
                name: s.name.clone(),
                kind: s.kind.clone(),
                at: LatLon {
                    lat: s.lat,
                    lon: s.lon,
                },
                population: s.population,
            })
        })
        .collect();
    let m = &seed.manifest;
    Ok(RegionCatalog {
        id: 1,
        slug: m.slug.clone(),
        name: m.name.clone(),
        attribution: m.attribution.clone(),
        identifier_scheme: m.identifier_scheme.clone(),
        policy: m.policy,
        timezone: m.timezone.clone(),
        center: m.center,
        okrugs,
        taxonomy,
        settlements,
    })
}

/// The real Kurgan catalog from the repository's seed folder, for unit tests.
/// Stores every region folder found under the seed directory (an idempotent upsert).
pub async fn store_all(db: &Db, seed_dir: &Path) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(seed_dir)
        .with_context(|| format!("the seed directory {} cannot be read", seed_dir.display()))?;
    for entry in entries.flatten() {
        if entry.path().join("region.json").is_file() {
            let seed = read_region_dir(&entry.path())?;
            store_region(db, &seed).await?;
            tracing::info!(region = %seed.manifest.slug, okrugs = seed.okrugs.len(), "region loaded");
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn test_catalog() -> RegionCatalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/regions/kurgan");
    let seed = read_region_dir(&dir).expect("the Kurgan seed folder reads");
    catalog_from_seed(&seed).expect("catalog")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::LatLon;

    fn kurgan() -> RegionCatalog {
        test_catalog()
    }

    #[test]
    fn kurgan_has_26_okrugs_and_the_taxonomy() {
        let c = kurgan();
        assert_eq!(c.okrugs.len(), 26);
        assert_eq!(
            c.okrugs.iter().filter(|o| o.kind == "urban_okrug").count(),
            2
        );
        assert!(c
            .taxonomy
            .by_code(Vocabulary::Direction, "social_services")
            .is_some());
        assert!(c
            .taxonomy
            .by_code(Vocabulary::Audience, "elderly")
            .is_some());
        assert!(c
            .taxonomy
            .by_code(Vocabulary::EventFormat, "consultation")
            .is_some());
        assert_eq!(c.taxonomy.org_kind.len(), 3);
    }

    #[test]
    fn every_okrug_centre_lands_in_its_own_okrug_except_the_shadrinsk_enclave() {
        let c = kurgan();
        for o in &c.okrugs {
            let found = c.okrug_at(o.center).map(|f| f.slug.as_str());
            if o.slug == "shadrinsky" {
                // Shadrinsky okrug is governed from Shadrinsk, a city outside its territory.
                assert_eq!(
                    found,
                    Some("shadrinsk"),
                    "Shadrinsky's centre is in the Shadrinsk hole"
                );
            } else {
                assert_eq!(found, Some(o.slug.as_str()), "centre of {}", o.slug);
            }
        }
    }

    #[test]
    fn shadrinsk_city_is_not_inside_shadrinsky_okrug() {
        let c = kurgan();
        let shadrinsk_city = LatLon {
            lat: 56.08616,
            lon: 63.63816,
        };
        assert_eq!(
            c.okrug_at(shadrinsk_city).map(|o| o.slug.as_str()),
            Some("shadrinsk")
        );
        // A village 20 km south-east of the city is in the okrug, not the city.
        let village = LatLon {
            lat: 55.95,
            lon: 63.85,
        };
        assert_eq!(
            c.okrug_at(village).map(|o| o.slug.as_str()),
            Some("shadrinsky")
        );
    }

    #[test]
    fn points_outside_the_oblast_have_no_okrug() {
        let c = kurgan();
        assert!(
            c.okrug_at(LatLon {
                lat: 55.75,
                lon: 37.62
            })
            .is_none(),
            "Moscow"
        );
        assert!(
            c.okrug_at(LatLon {
                lat: 56.84,
                lon: 60.61
            })
            .is_none(),
            "Yekaterinburg"
        );
        assert!(
            c.okrug_at(LatLon {
                lat: 65.34,
                lon: 55.45
            })
            .is_none(),
            "swapped Kurgan"
        );
    }

    #[test]
    fn find_okrug_accepts_slugs_and_russian_names() {
        let c = kurgan();
        assert_eq!(
            c.find_okrug("shumikhinsky").map(|o| o.slug.as_str()),
            Some("shumikhinsky")
        );
        assert_eq!(
            c.find_okrug("Шумихинский").map(|o| o.slug.as_str()),
            Some("shumikhinsky")
        );
        assert_eq!(
            c.find_okrug("шумихинский муниципальный округ")
                .map(|o| o.slug.as_str()),
            Some("shumikhinsky")
        );
        assert!(c.find_okrug("Тюменский").is_none());
    }
}
