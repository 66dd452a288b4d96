//! The index's life: start-up (open, rebuild when stale), full rebuilds and incremental
//! refreshes of changed organizations.

use super::derived::{self, Derived};
use super::SearchEngine;
use std::sync::{Arc, RwLock};

use crate::region::RegionCatalog;
use crate::search::index::SearchIndex;
use crate::search::table::OrgTable;

/// A rebuild loads and indexes this many organizations at a time.
pub(super) const REBUILD_CHUNK: usize = 5000;

impl SearchEngine {
    pub fn new(index: SearchIndex, table: OrgTable, catalog: Arc<RegionCatalog>) -> Self {
        Self {
            index,
            table: RwLock::new(table),
            catalog,
            maintenance: tokio::sync::Mutex::new(()),
            generation: std::sync::atomic::AtomicU64::new(0),
            expansions: Default::default(),
            match_sets: Default::default(),
            derived: Derived::new(derived::VIEWS, usize::MAX),
            text_matches: Derived::new(derived::MATCH_LISTS, derived::MATCH_BYTES),
            areas_keep_whole: true.into(),
        }
    }

    /// Goes up with every rebuild and refresh: a cache of pages made from the data is out
    /// of date when this differs from what it was when the page was made.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    fn changed(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Opens (or creates) the index under `dir` and loads the table. With `auto_rebuild`,
    /// the index is rebuilt when it is new, has another schema version, or its document
    /// count differs from the database's.
    pub async fn open(
        dir: &std::path::Path,
        db: &crate::db::Db,
        catalog: Arc<RegionCatalog>,
        auto_rebuild: bool,
    ) -> anyhow::Result<Arc<Self>> {
        let (index, fresh) = SearchIndex::open_or_create(dir)?;
        let rows = crate::search::records::table_rows(db, &catalog, None).await?;
        let engine = Arc::new(Self::new(index, OrgTable::from_rows(rows), catalog));
        let in_db = engine.table_len();
        let in_index = engine.index.num_docs() as usize;
        if auto_rebuild && !fresh && in_index == in_db {
            // The same count can still hide stale documents (a save whose index commit was
            // cut off by a crash): compare every id and version, refresh what differs.
            let diff = engine.compare_with(db).await?;
            if !diff.is_empty() {
                tracing::info!(
                    ?diff,
                    "search index out of step with the database: refreshing"
                );
                engine.refresh(db, &diff.ids()).await?;
            }
        }
        if auto_rebuild && (fresh || in_index != in_db) {
            tracing::warn!(in_db, in_index, fresh, "rebuilding the search index");
            let log: Progress = Arc::new(|done, total| {
                if done == total || done % 10_000 == 0 {
                    tracing::info!(done, total, "indexing");
                }
            });
            let stats = engine.rebuild(db, log).await?;
            tracing::info!(
                docs = stats.docs,
                secs = stats.seconds,
                "search index rebuilt"
            );
        }
        Ok(engine)
    }

    /// An engine over a RAM index (tests): loads everything from the database.
    pub async fn in_ram(
        db: &crate::db::Db,
        catalog: Arc<RegionCatalog>,
    ) -> anyhow::Result<Arc<Self>> {
        let index = SearchIndex::in_ram()?;
        let rows = crate::search::records::table_rows(db, &catalog, None).await?;
        let engine = Arc::new(Self::new(index, OrgTable::from_rows(rows), catalog));
        engine.rebuild(db, Arc::new(|_, _| {})).await?;
        Ok(engine)
    }

    pub fn table_len(&self) -> usize {
        self.table.read().map(|t| t.len()).unwrap_or(0)
    }

    /// Rebuilds the index and the table from the database, in chunks of
    /// [`REBUILD_CHUNK`] organizations so memory stays flat; one commit at the end.
    /// `progress(done, total)` is called after each chunk.
    pub async fn rebuild(
        self: &Arc<Self>,
        db: &crate::db::Db,
        progress: Progress,
    ) -> anyhow::Result<RebuildStats> {
        let _maintenance = self.maintenance.lock().await;
        let started = std::time::Instant::now();
        let ids = crate::search::store::published_ids(db, self.catalog.id).await?;
        let total = ids.len();
        self.blocking(|e| e.index.clear()).await?;
        for (i, chunk) in ids.chunks(REBUILD_CHUNK).enumerate() {
            let docs = crate::search::records::index_docs(db, &self.catalog, Some(chunk)).await?;
            self.blocking(move |e| e.index.add(&docs)).await?;
            progress((i * REBUILD_CHUNK + chunk.len()).min(total), total);
        }
        self.blocking(|e| e.index.commit()).await?;
        self.blocking(|e| e.index.merge_all()).await?;
        let rows = crate::search::records::table_rows(db, &self.catalog, None).await?;
        *self
            .table
            .write()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))? =
            OrgTable::from_rows(rows);
        self.changed();
        progress(total, total);
        Ok(RebuildStats {
            docs: total,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Runs blocking index work off the async threads.
    async fn blocking(
        self: &Arc<Self>,
        work: impl FnOnce(&SearchEngine) -> anyhow::Result<()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let engine = Arc::clone(self);
        tokio::task::spawn_blocking(move || work(&engine))
            .await
            .map_err(|e| anyhow::anyhow!("indexing task failed: {e}"))?
    }

    /// Re-reads the organizations `ids` from the database into the index and the table;
    /// ids no longer published are removed. One commit for the whole batch.
    pub async fn refresh(self: &Arc<Self>, db: &crate::db::Db, ids: &[i64]) -> anyhow::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let _maintenance = self.maintenance.lock().await;
        let (docs, rows) = crate::search::records::docs_and_rows(db, &self.catalog, ids).await?;
        let owned: Vec<i64> = ids.to_vec();
        self.blocking(move |e| e.index.apply(&owned, &docs)).await?;
        self.table
            .write()
            .map_err(|_| anyhow::anyhow!("search table lock poisoned"))?
            .apply(ids, rows);
        self.changed();
        Ok(())
    }
}

/// A progress callback: (documents done, total).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// What a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct RebuildStats {
    pub docs: usize,
    pub seconds: f64,
}
