//! Keeps search in step with the database. Every second it asks which organizations changed
//! since the last look (by `updated_at`) and refreshes just those, in one commit; a count
//! mismatch (a deletion) triggers a full reconcile. Polling the database, rather than
//! hooking the write paths, also catches changes made by another process: `server import`
//! while the server runs, or another instance sharing the database.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use super::engine::SearchEngine;
use crate::db::Db;

/// How often the database is asked for changes.
pub const POLL: Duration = Duration::from_secs(1);

/// What the watcher has already seen.
#[derive(Debug, Default)]
pub struct Watermark {
    /// The newest `updated_at` seen.
    last: String,
    /// Organizations already applied at exactly `last` (timestamps have one-second resolution).
    seen_at_last: HashSet<i64>,
}

impl Watermark {
    /// Starts from the newest change now in the database.
    pub async fn now(db: &Db, region_id: i64) -> sqlx::Result<Self> {
        let (last, ids) = super::store::newest_change(db, region_id).await?;
        Ok(Self {
            last,
            seen_at_last: ids.into_iter().collect(),
        })
    }

    /// The organizations changed since the last call, advancing the watermark.
    pub async fn changes(&mut self, db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
        let rows = super::store::changed_since(db, region_id, &self.last).await?;
        let changed: Vec<i64> = rows
            .iter()
            .filter(|(id, at)| *at > self.last || !self.seen_at_last.contains(id))
            .map(|(id, _)| *id)
            .collect();
        if let Some(newest) = rows.iter().map(|(_, at)| at).max() {
            if *newest > self.last {
                self.last = newest.clone();
                self.seen_at_last.clear();
            }
            self.seen_at_last.extend(
                rows.iter()
                    .filter(|(_, at)| *at == self.last)
                    .map(|(id, _)| *id),
            );
        }
        Ok(changed)
    }
}

/// One round: refresh what changed; reconcile fully when counts disagree.
pub async fn tick(
    engine: &Arc<SearchEngine>,
    db: &Db,
    mark: &mut Watermark,
) -> anyhow::Result<usize> {
    let region = engine.catalog.id;
    let changed = mark.changes(db, region).await?;
    engine.refresh(db, &changed).await?;
    let published = super::store::published_count(db, region).await?;
    if published as usize != engine.table_len() {
        tracing::info!(
            published,
            in_search = engine.table_len(),
            "search out of step: full reconcile"
        );
        engine.rebuild(db, Arc::new(|_, _| {})).await?;
    }
    Ok(changed.len())
}

/// Runs [`tick`] every [`POLL`] for as long as the server lives.
pub fn spawn(engine: Arc<SearchEngine>, db: Db) {
    tokio::spawn(async move {
        let mut mark = match Watermark::now(&db, engine.catalog.id).await {
            Ok(m) => m,
            Err(e) => {
                tracing::error!(error = %e, "search watcher could not start");
                return;
            }
        };
        loop {
            tokio::time::sleep(POLL).await;
            match tick(&engine, &db, &mut mark).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(changed = n, "search updated"),
                Err(e) => tracing::error!(error = %e, "search update failed; will retry"),
            }
        }
    });
}
