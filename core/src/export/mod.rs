//! Downloads of the directory: any search view (or all of it) as CSV, Excel, GeoJSON or JSON
//! Lines. Organizations are read [`BATCH`](crate::organizations::store::BATCH) at a time
//! and each batch is written and handed on before the next is read, so a download of 100k
//! holds one batch, not the directory. Only published data goes in.

pub mod changes;
pub mod columns;
pub mod sitemap;
mod store;
pub mod writers;

use std::io::{Read, Seek};

use tokio::sync::mpsc::Sender;

use crate::editing::store::input_of;
use crate::i18n::I18n;
use crate::organizations::input::{OrganizationInput, VerificationInput};
use crate::organizations::store::{self as org_store, Events, OrganizationRecord, Parts};
use crate::region::RegionCatalog;
use crate::state::Core;
use columns::Labels;
use writers::{Csv, Xlsx};

/// The data's licence: SPDX id and address (the `Link: rel="license"` header's target).
pub const LICENCE_ID: &str = "CC-BY-4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// A download format, named by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    GeoJson,
    Jsonl,
}

impl Format {
    pub const ALL: [Format; 4] = [Self::Csv, Self::Xlsx, Self::GeoJson, Self::Jsonl];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::GeoJson => "geojson",
            Self::Jsonl => "jsonl",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == ext)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::GeoJson => "application/geo+json",
            Self::Jsonl => "application/jsonl; charset=utf-8",
        }
    }
}

/// What a file says about itself: title, where it came from, when, which view, and the
/// licence with its attribution line.
#[derive(Clone, Debug)]
pub struct About {
    pub title: String,
    /// The address of the view on the site.
    pub source: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The view's filters in words, or "весь справочник".
    pub view: String,
    pub licence: String,
    pub attribution: String,
}

impl About {
    /// `query` is the view's query string (empty: the whole directory).
    pub fn new(core: &Core, i18n: &I18n, query: &str, date: &str) -> Self {
        let region = core.region.name.get(i18n.locale).to_owned();
        let site = core.config.public_url.trim_end_matches('/');
        let view = if query.is_empty() {
            i18n.t("export-view-all")
        } else {
            query.to_owned()
        };
        let source = if query.is_empty() {
            format!("{site}/search")
        } else {
            format!("{site}/search?{query}")
        };
        Self {
            title: i18n.t_with("export-title", &[("region", region.as_str().into())]),
            source,
            date: date.to_owned(),
            view,
            licence: i18n.t("export-licence"),
            attribution: format!(
                "{} {}",
                i18n.t_with("export-attribution", &[("site", site.into())]),
                core.region.attribution.get(i18n.locale)
            ),
        }
    }
}

/// An organization in the shape `server import` reads. The staff check keeps its method and
/// date; who checked and the check's note are private and stay out.
pub fn import_shape(rec: &OrganizationRecord, catalog: &RegionCatalog) -> OrganizationInput {
    let mut input = input_of(rec, catalog);
    input.verification = rec.verification.as_ref().map(|v| VerificationInput {
        method: v.method.clone(),
        verified_by: String::new(),
        verified_at: v.verified_at.clone(),
        note: String::new(),
    });
    input
}

/// A piece of a file on its way to the client; an error ends the download unfinished, so a
/// client never mistakes a cut file for a whole one.
pub type Chunk = std::io::Result<Vec<u8>>;

/// Writes the organizations `ids` (in this order; unpublished ones are skipped) in `format`
/// to `tx`, a chunk per batch. Stops quietly when the receiver goes away (the client left);
/// a failure is logged and sent on as an error.
pub async fn run(
    core: &Core,
    ids: &[i64],
    format: Format,
    i18n: I18n,
    about: About,
    tx: Sender<Chunk>,
) {
    let (inner_tx, mut inner_rx) = tokio::sync::mpsc::channel::<Vec<u8>>(2);
    let out = tx.clone();
    // Owns the inner receiver: when the client leaves, it is dropped and the writer stops.
    let forward = async move {
        while let Some(chunk) = inner_rx.recv().await {
            if out.send(Ok(chunk)).await.is_err() {
                break;
            }
        }
    };
    let (result, ()) = tokio::join!(write(core, ids, format, i18n, about, inner_tx), forward);
    if let Err(e) = result {
        tracing::error!(error = %e, format = format.extension(), "download failed");
        let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
    }
}

async fn write(
    core: &Core,
    ids: &[i64],
    format: Format,
    i18n: I18n,
    about: About,
    tx: Sender<Vec<u8>>,
) -> anyhow::Result<()> {
    let labels = Labels::new(&core.region, i18n.locale, &core.config.public_url);
    // JSON Lines is the import's shape and carries everything, past events included; the
    // other formats are the listing's columns, so services and events are not read.
    let parts = match format {
        Format::Jsonl => Parts::Whole(Events::All),
        Format::Csv | Format::Xlsx | Format::GeoJson => Parts::Listing,
    };
    let mut batches = org_store::read_ahead(core.db.clone(), ids.to_vec(), parts);
    let mut xlsx = match format {
        Format::Xlsx => Some(Xlsx::new(&i18n)?),
        _ => None,
    };
    let mut csv = match format {
        Format::Csv => Some(Csv::new(&i18n)?),
        _ => None,
    };
    let mut buf = match format {
        Format::GeoJson => writers::geojson_start(&about),
        _ => vec![],
    };
    let mut first = true;
    while let Some(records) = batches.recv().await {
        let records = records?;
        for rec in &records {
            match format {
                Format::Csv => {
                    if let Some(w) = csv.as_mut() {
                        w.row(&labels, rec, &i18n)?;
                    }
                }
                Format::Xlsx => {
                    if let Some(w) = xlsx.as_mut() {
                        w.row(&labels, rec, &i18n)?;
                    }
                }
                Format::GeoJson => writers::geojson_feature(&labels, rec, first, &mut buf),
                Format::Jsonl => writers::jsonl_line(&import_shape(rec, &core.region), &mut buf)?,
            }
            first = false;
        }
        if let Some(w) = csv.as_mut() {
            buf = w.take()?;
        }
        if !buf.is_empty() && tx.send(std::mem::take(&mut buf)).await.is_err() {
            return Ok(());
        }
    }
    if let Some(w) = csv.as_mut() {
        buf = w.take()?;
    }
    if format == Format::GeoJson {
        buf.extend_from_slice(writers::GEOJSON_END);
    }
    if !buf.is_empty() && tx.send(buf).await.is_err() {
        return Ok(());
    }
    if let Some(book) = xlsx {
        send_workbook(book, about, i18n, tx).await?;
    }
    Ok(())
}

/// Saves the workbook to a temporary file off the async workers, then sends the file.
async fn send_workbook(
    book: Xlsx,
    about: About,
    i18n: I18n,
    tx: Sender<Vec<u8>>,
) -> anyhow::Result<()> {
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut file = tempfile::tempfile()?;
        book.finish(&about, &i18n, &mut file)?;
        file.rewind()?;
        let mut chunk = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut chunk)?;
            if n == 0 || tx.blocking_send(chunk[..n].to_vec()).is_err() {
                return Ok(());
            }
        }
    })
    .await?
}
