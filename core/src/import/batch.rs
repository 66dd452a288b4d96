//! Lists uploaded on the staff import page, kept in the database between the preview and
//! the import so a reload, a second tab or another instance sees the same file, mapping and
//! fixes. All of import_batch's SQL is here. Batches are purged after [`KEEP_DAYS`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::columns::ColumnUse;
use super::report::{ImportReport, RowError, RowResult};
use crate::db::{from_now, now, Db};

/// How long an uploaded list is kept.
pub const KEEP_DAYS: i64 = 14;

/// An uploaded list and what the staff did with it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Batch {
    pub id: i64,
    pub region_id: i64,
    pub account_id: i64,
    pub file_name: String,
    pub file_data: Vec<u8>,
    pub mapping: Option<String>,
    pub fixes: String,
    pub skipped: String,
    pub status: String,
    pub result: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A batch in the list of recent uploads.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchLine {
    pub id: i64,
    pub file_name: String,
    pub status: String,
    pub created_at: String,
}

/// Cells the staff fixed: spreadsheet row → column index → text.
pub type Fixes = BTreeMap<usize, BTreeMap<usize, String>>;

/// The outcome of a batch's import, kept for its result page.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Outcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub refused: usize,
    /// (row, name, outcome key, organization id).
    pub rows: Vec<(usize, String, String, Option<i64>)>,
    /// (row, column, message) of refusals.
    pub errors: Vec<(usize, String, String)>,
    pub seconds: f64,
}

impl Outcome {
    /// The part of an import report a result page shows.
    pub fn of(report: &ImportReport, seconds: f64) -> Self {
        let row = |r: &RowResult| (r.row, r.name.clone(), outcome_key(r), r.id);
        let err = |e: &RowError| (e.row, e.field.clone(), e.message.clone());
        Self {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            duplicates: report.duplicates,
            refused: report.rejected_rows,
            rows: report.results.iter().map(row).collect(),
            errors: report.errors.iter().map(err).collect(),
            seconds,
        }
    }
}

fn outcome_key(r: &RowResult) -> String {
    use super::report::RowOutcome::*;
    match r.outcome {
        Created => "created",
        Updated => "updated",
        Unchanged => "unchanged",
        Duplicate { .. } => "duplicate",
        Refused => "refused",
    }
    .to_owned()
}

impl Batch {
    pub fn mapping(&self) -> Option<Vec<ColumnUse>> {
        self.mapping
            .as_deref()
            .and_then(|m| serde_json::from_str(m).ok())
    }

    pub fn fixes(&self) -> Fixes {
        serde_json::from_str(&self.fixes).unwrap_or_default()
    }

    pub fn skipped(&self) -> Vec<usize> {
        serde_json::from_str(&self.skipped).unwrap_or_default()
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
    }
}

/// Stores an uploaded file; returns the batch id.
pub async fn create(
    db: &Db,
    region_id: i64,
    account_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> sqlx::Result<i64> {
    let ts = now();
    sqlx::query_scalar(
        "insert into import_batch (region_id, account_id, file_name, file_data, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(region_id)
    .bind(account_id)
    .bind(file_name)
    .bind(bytes)
    .bind(&ts)
    .bind(&ts)
    .fetch_one(db)
    .await
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<Batch>> {
    sqlx::query_as("select * from import_batch where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The region's latest uploads, newest first.
pub async fn recent(db: &Db, region_id: i64) -> sqlx::Result<Vec<BatchLine>> {
    sqlx::query_as(
        "select id, file_name, status, created_at from import_batch where region_id = $1
         order by created_at desc, id desc limit 20",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// Saves the staff's mapping, fixes and skipped rows; only while the batch is a draft.
pub async fn save_changes(
    db: &Db,
    id: i64,
    mapping: Option<&[ColumnUse]>,
    fixes: &Fixes,
    skipped: &[usize],
) -> anyhow::Result<bool> {
    let mapping = mapping.map(serde_json::to_string).transpose()?;
    let done = sqlx::query(
        "update import_batch set mapping = $1, fixes = $2, skipped = $3, updated_at = $4
         where id = $5 and status = 'draft'",
    )
    .bind(mapping)
    .bind(serde_json::to_string(fixes)?)
    .bind(serde_json::to_string(skipped)?)
    .bind(now())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a draft batch as running; `false` when it is not a draft (already started).
pub async fn start(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update import_batch set status = 'running', updated_at = $1 where id = $2 and status = 'draft'",
    )
    .bind(now())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records how a run ended: `done` with its outcome, or `failed` (back to a draft, since
/// nothing was written).
pub async fn finish(db: &Db, id: i64, outcome: Option<&Outcome>) -> anyhow::Result<()> {
    let (status, result) = match outcome {
        Some(o) => ("done", Some(serde_json::to_string(o)?)),
        None => ("draft", None),
    };
    sqlx::query("update import_batch set status = $1, result = $2, updated_at = $3 where id = $4")
        .bind(status)
        .bind(result)
        .bind(now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// A run whose instance died left its batch "running"; nothing was written (one
/// transaction), so such batches become drafts again at start-up and in the hourly purge.
pub async fn release_stale(db: &Db) -> sqlx::Result<u64> {
    let cutoff = from_now(chrono::Duration::minutes(-30));
    let done = sqlx::query(
        "update import_batch set status = 'draft' where status = 'running' and updated_at < $1",
    )
    .bind(cutoff)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes batches older than [`KEEP_DAYS`].
pub async fn purge_old(db: &Db) -> sqlx::Result<u64> {
    let cutoff = from_now(chrono::Duration::days(-KEEP_DAYS));
    let done = sqlx::query("delete from import_batch where created_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// An imported organization nobody edits yet: id, name, slug and its first public email.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WithoutEditor {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub email: Option<String>,
}

/// Which of these organizations have no editor, in name order.
pub async fn without_editor(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<WithoutEditor>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "select o.id, o.name, o.slug,
           (select value from contact c where c.organization_id = o.id and c.kind = 'email'
            order by c.position, c.id limit 1) as email
         from organization o
         where not exists (select 1 from membership m where m.organization_id = o.id)
           and o.id in ({}) order by o.sort_name, o.id",
        crate::db::params(1, ids.len())
    );
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(db).await
}
