//! Keeps search in step with the database, whichever instance or process wrote to it. Every
//! write of an organization and every verification adds a row to the change log (database
//! triggers); every second (on PostgreSQL at once when it notifies, and every 15 s besides),
//! the watcher reads the entries after the last one it saw and refreshes just those
//! organizations, in one commit.
//! A count mismatch (a deletion) triggers a full reconcile. Polling the database, rather
//! than hooking the write paths, catches changes made by another process: `server import`
//! while the server runs, or another instance sharing the database.
//!
//! On PostgreSQL, entry numbers are taken when a transaction writes and become visible when
//! it commits, so a lower number can appear after a higher one: a gap below the newest
//! entry seen is looked at again for [`GAP_PATIENCE`] before it is taken for a rolled-back
//! write (SQLite has one writer at a time, so it has no such gaps).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::engine::SearchEngine;
use crate::db::Db;

/// How often the database is asked for changes when nothing notifies (SQLite, or PostgreSQL
/// while the listening connection is down).
pub const POLL: Duration = Duration::from_secs(1);
/// The same while PostgreSQL notifies: every commit that logs a change wakes the watcher,
/// so the poll is only a safety net (for a notification lost while the listening
/// connection was re-made), and no instance reads the log and counts the organizations
/// every second for nothing.
pub const POLL_LISTENING: Duration = Duration::from_secs(15);
/// How long a gap in the change log is waited for (a transaction still writing).
pub const GAP_PATIENCE: Duration = Duration::from_secs(30);
/// Missing entries tracked at most (per jump).
const MAX_GAPS: i64 = 10_000;
/// Change-log entries read per round; more wait for the next round (a big import).
const ROUND: i64 = 20_000;

/// What the watcher has already seen.
#[derive(Debug, Default)]
pub struct Watermark {
    /// The newest entry seen.
    last: i64,
    /// Missing entries below `last`, with when they were first missed.
    gaps: BTreeMap<i64, Instant>,
}

impl Watermark {
    /// Starts from the newest change now in the database.
    pub async fn now(db: &Db, region_id: i64) -> sqlx::Result<Self> {
        Ok(Self {
            last: super::store::newest_change(db, region_id).await?,
            gaps: BTreeMap::new(),
        })
    }

    /// The organizations changed since the last call, advancing the watermark.
    pub async fn changes(&mut self, db: &Db, region_id: i64) -> sqlx::Result<Vec<i64>> {
        let now = Instant::now();
        self.gaps
            .retain(|_, first| now.duration_since(*first) < GAP_PATIENCE);
        // Read from the oldest open gap, so a late commit below `last` is found too.
        let from = self
            .gaps
            .keys()
            .next()
            .map_or(self.last, |g| (g - 1).min(self.last));
        let rows = super::store::changes_after(db, region_id, from, ROUND).await?;
        let mut changed = HashSet::new();
        for (seq, org) in rows {
            if seq > self.last {
                // Entries of other regions are gaps here too; they expire unseen. A jump
                // wider than MAX_GAPS is not tracked entry by entry: the count check and
                // the next full reconcile cover what it might hide.
                if seq - self.last <= MAX_GAPS {
                    for missing in self.last + 1..seq {
                        self.gaps.insert(missing, now);
                    }
                }
                self.last = seq;
                changed.insert(org);
            } else if self.gaps.remove(&seq).is_some() {
                changed.insert(org);
            }
        }
        Ok(changed.into_iter().collect())
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

/// Runs [`tick`] every [`POLL`], and on PostgreSQL also as soon as a change is notified,
/// for as long as the server lives.
pub fn spawn(engine: Arc<SearchEngine>, db: Db) {
    tokio::spawn(async move {
        let mut mark = match Watermark::now(&db, engine.catalog.id).await {
            Ok(m) => m,
            Err(e) => {
                tracing::error!(error = %e, "search watcher could not start");
                return;
            }
        };
        let mut wake = Wake::listen(&db).await;
        loop {
            wake.next().await;
            match tick(&engine, &db, &mut mark).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(changed = n, "search updated"),
                Err(e) => tracing::error!(error = %e, "search update failed; will retry"),
            }
        }
    });
}

/// What starts the next round: the poll timer, or a PostgreSQL notification.
struct Wake {
    listener: Option<sqlx::postgres::PgListener>,
}

impl Wake {
    async fn listen(db: &Db) -> Self {
        if crate::db::Backend::of(db) != crate::db::Backend::Postgres {
            return Self { listener: None };
        }
        let url = db.connect_options().database_url.to_string();
        let listener = match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut l) => match l.listen("poputchiki_change").await {
                Ok(()) => Some(l),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot LISTEN for changes; polling only");
                    None
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "cannot LISTEN for changes; polling only");
                None
            }
        };
        Self { listener }
    }

    /// Waits for the poll timer or a notification, whichever comes first. A notification
    /// arriving in the middle of a round starts the next one at once.
    async fn next(&mut self) {
        let Some(listener) = self.listener.as_mut() else {
            tokio::time::sleep(POLL).await;
            return;
        };
        tokio::select! {
            () = tokio::time::sleep(POLL_LISTENING) => {}
            got = listener.recv() => {
                if let Err(e) = got {
                    // The listener reconnects by itself on the next call; poll meanwhile.
                    tracing::warn!(error = %e, "change notifications interrupted");
                    tokio::time::sleep(POLL).await;
                }
            }
        }
        // One round reads every change; the notifications already here add nothing.
        while listener.next_buffered().is_some() {}
    }
}
