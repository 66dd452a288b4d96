//! The whole directory as an HSDS 3.0 tabular data package: a zip of `datapackage.json` and
//! one CSV per table, with the table schemas (fields, primary and foreign keys) of the
//! spec's own `datapackage.json`. Built in one pass over the published organizations, a
//! batch at a time, each table into its own temporary file; kept in the data folder and
//! built again only after the directory changed (the change log's last entry names it).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::{json, Value};

use super::map::{rows, Context, Rows};
use super::{objects, store};
use crate::organizations::store as org_store;
use crate::state::Core;

/// The spec's tabular package description (vendor/hsds-3.0, CC BY-SA 4.0).
const SPEC: &str = include_str!("../../../vendor/hsds-3.0/datapackage.json");

/// The tables of our package, by the spec's resource names.
pub const TABLES: [&str; 13] = [
    "organization",
    "service",
    "location",
    "service_at_location",
    "phone",
    "contact",
    "organization_identifier",
    "taxonomy",
    "taxonomy_term",
    "attribute",
    "service_area",
    "schedule",
    "metadata",
];

/// One builder at a time: a second asker waits for the first one's file.
static BUILDING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The package's `datapackage.json`: the spec's descriptions of our tables (foreign keys to
/// tables we do not publish dropped), our licence, source and date.
pub fn descriptor(cx: &Context, created: &str) -> anyhow::Result<Value> {
    let spec: Value = serde_json::from_str(SPEC).context("the HSDS datapackage.json")?;
    let all = spec["resources"].as_array().cloned().unwrap_or_default();
    let mut resources = Vec::new();
    for name in TABLES {
        let mut r = all
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .with_context(|| format!("HSDS table {name}"))?;
        let keys = r.get_mut("schema").and_then(|s| s.get_mut("foreignKeys"));
        if let Some(keys) = keys.and_then(Value::as_array_mut) {
            keys.retain(|k| {
                k["reference"]["resource"]
                    .as_str()
                    .is_some_and(|t| TABLES.contains(&t))
            });
        }
        r["profile"] = "tabular-data-resource".into();
        r["encoding"] = "utf-8".into();
        resources.push(r);
    }
    let region = super::map::ru(&cx.catalog.name);
    Ok(json!({
        "profile": "tabular-data-package",
        "name": format!("poputchiki-{}-hsds", cx.catalog.slug),
        "title": cx.i18n.t_with("hsds-package-title", &[("region", region.as_str().into())]),
        "description": cx.i18n.t("hsds-package-description"),
        "version": super::HSDS_VERSION,
        "homepage": format!("{}/open-data", cx.site),
        "created": created,
        "licenses": [{
            "name": crate::export::LICENCE_ID,
            "path": crate::export::LICENCE_URL,
            "title": "Creative Commons Attribution 4.0",
        }],
        "sources": [{"title": cx.i18n.t("site-name"), "path": cx.site}],
        "resources": resources,
    }))
}

/// The field names of each table, in the spec's order, and its file name.
fn columns(descriptor: &Value) -> HashMap<String, (String, Vec<String>)> {
    let mut out = HashMap::new();
    for r in descriptor["resources"].as_array().into_iter().flatten() {
        let fields = r["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["name"].as_str().map(str::to_owned))
            .collect();
        if let (Some(name), Some(path)) = (r["name"].as_str(), r["path"].as_str()) {
            out.insert(name.to_owned(), (path.to_owned(), fields));
        }
    }
    out
}

/// A CSV cell from a row's member (absent: empty).
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

struct Tables {
    writers: HashMap<String, (Vec<String>, csv::Writer<BufWriter<File>>)>,
}

impl Tables {
    fn new(dir: &Path, cols: &HashMap<String, (String, Vec<String>)>) -> anyhow::Result<Self> {
        let mut writers = HashMap::new();
        for (name, (path, fields)) in cols {
            let file = File::create(dir.join(path))?;
            let mut w = csv::Writer::from_writer(BufWriter::new(file));
            w.write_record(fields)?;
            writers.insert(name.clone(), (fields.clone(), w));
        }
        Ok(Self { writers })
    }

    fn put(&mut self, table: &str, rows: &[Value]) -> anyhow::Result<()> {
        let (fields, w) = self
            .writers
            .get_mut(table)
            .with_context(|| format!("table {table}"))?;
        for row in rows {
            w.write_record(fields.iter().map(|f| cell(row.get(f))))?;
        }
        Ok(())
    }

    fn put_rows(&mut self, r: &Rows) -> anyhow::Result<()> {
        self.put("organization", std::slice::from_ref(&r.organization))?;
        self.put("location", std::slice::from_ref(&r.location))?;
        self.put("service", &r.services)?;
        self.put("service_at_location", &r.service_at_locations)?;
        self.put("phone", &r.phones)?;
        self.put("organization_identifier", &r.organization_identifiers)?;
        self.put("attribute", &r.attributes)?;
        self.put("service_area", &r.service_areas)?;
        self.put("schedule", &r.schedules)?;
        self.put("metadata", &r.metadata)
    }

    fn finish(self) -> anyhow::Result<()> {
        for (_, (_, mut w)) in self.writers {
            w.flush()?;
        }
        Ok(())
    }
}

/// Writes the package of every published organization into `zip_path`.
pub async fn build(core: &Core, zip_path: &Path) -> anyhow::Result<()> {
    let cx = Context::new(&core.region, &core.config.public_url);
    let created = crate::db::now();
    let today = created.get(..10).unwrap_or_default().to_owned();
    let desc = descriptor(&cx, &created)?;
    let cols = columns(&desc);
    let work = tempfile::tempdir()?;
    let mut tables = Tables::new(work.path(), &cols)?;
    tables.put("taxonomy", &objects::taxonomies(&cx))?;
    tables.put("taxonomy_term", &objects::taxonomy_terms(&cx))?;
    let ids = crate::search::store::published_ids(&core.db, core.region.id).await?;
    let mut batches = org_store::read_ahead(
        core.db.clone(),
        ids,
        org_store::Parts::Whole(org_store::Events::All),
    );
    while let Some(batch) = batches.recv().await {
        for rec in batch? {
            tables.put_rows(&rows(&cx, &rec, &today))?;
        }
    }
    tables.finish()?;
    let zip_path = zip_path.to_owned();
    let descriptor = serde_json::to_vec_pretty(&desc)?;
    tokio::task::spawn_blocking(move || zip_up(work.path(), &cols, &descriptor, &zip_path))
        .await??;
    Ok(())
}

fn zip_up(
    dir: &Path,
    cols: &HashMap<String, (String, Vec<String>)>,
    descriptor: &[u8],
    zip_path: &Path,
) -> anyhow::Result<()> {
    use zip::write::SimpleFileOptions;
    let part = zip_path.with_extension("part");
    let mut zip = zip::ZipWriter::new(File::create(&part)?);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("datapackage.json", options)?;
    zip.write_all(descriptor)?;
    let mut paths: Vec<&String> = cols.values().map(|(p, _)| p).collect();
    paths.sort();
    for path in paths {
        zip.start_file(path.as_str(), options)?;
        std::io::copy(&mut File::open(dir.join(path))?, &mut zip)?;
    }
    zip.finish()?;
    std::fs::rename(&part, zip_path)?;
    Ok(())
}

/// The current package's file, built first if the directory changed since the last one.
pub async fn current(core: &Core) -> anyhow::Result<PathBuf> {
    let dir = core.config.data_dir.join("hsds");
    let _turn = BUILDING.lock().await;
    let stamp = store::last_change(&core.db, core.region.id).await?;
    let path = dir.join(format!("{}-{stamp}.zip", core.region.slug));
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(path);
    }
    tokio::fs::create_dir_all(&dir).await?;
    build(core, &path).await?;
    // Older packages of this region are out of date now.
    let prefix = format!("{}-", core.region.slug);
    let mut entries = tokio::fs::read_dir(&dir).await?;
    while let Some(e) = entries.next_entry().await? {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && e.path() != path {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
    Ok(path)
}
