//! HSDS results without pages: `format=ndjson` of any list (one object a line) and the
//! HSDS JSON export (a JSON array of fully nested organizations), written a batch of
//! organizations at a time like the other downloads.

use tokio::sync::mpsc::Sender;

use super::api::{organization_item, service_view, HsdsQuery};
use super::ids::Kind;
use super::map::{rows, Context};
use crate::export::Chunk;
use crate::organizations::store as org_store;
use crate::state::Core;

/// What a stream lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    Organizations,
    Services,
    ServiceAtLocations,
}

/// Writes the objects of `ids` to `tx`: one a line, or as one JSON array when `array`.
/// Stops when the receiver goes away; a failure ends the stream with an error.
pub async fn run(
    core: Core,
    ids: Vec<i64>,
    listing: Listing,
    q: HsdsQuery,
    array: bool,
    tx: Sender<Chunk>,
) {
    if let Err(e) = write(&core, &ids, listing, &q, array, &tx).await {
        tracing::error!(error = %e, "HSDS stream failed");
        let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
    }
}

async fn write(
    core: &Core,
    ids: &[i64],
    listing: Listing,
    q: &HsdsQuery,
    array: bool,
    tx: &Sender<Chunk>,
) -> anyhow::Result<()> {
    let cx = Context::new(&core.region, &core.config.public_url);
    let mut first = true;
    let mut buf: Vec<u8> = if array { b"[\n".to_vec() } else { vec![] };
    let today = crate::db::now().get(..10).unwrap_or_default().to_owned();
    let mut batches = org_store::read_ahead(
        core.db.clone(),
        ids.to_vec(),
        org_store::Parts::Whole(org_store::Events::All),
    );
    while let Some(batch) = batches.recv().await {
        for rec in batch? {
            let r = rows(&cx, &rec, &today);
            let items = match listing {
                Listing::Organizations => vec![organization_item(&cx, &r, q)],
                Listing::Services | Listing::ServiceAtLocations => {
                    let kind = if listing == Listing::Services {
                        Kind::Service
                    } else {
                        Kind::ServiceAtLocation
                    };
                    r.services
                        .iter()
                        .filter_map(|s| service_view(&cx, &r, s, q, kind))
                        .collect()
                }
            };
            for item in items {
                if array && !first {
                    buf.extend_from_slice(b",\n");
                }
                serde_json::to_writer(&mut buf, &item)?;
                if !array {
                    buf.push(b'\n');
                }
                first = false;
            }
        }
        if !buf.is_empty() && tx.send(Ok(std::mem::take(&mut buf))).await.is_err() {
            return Ok(());
        }
    }
    if array {
        buf.extend_from_slice(b"\n]\n");
    }
    if !buf.is_empty() {
        let _ = tx.send(Ok(buf)).await;
    }
    Ok(())
}
