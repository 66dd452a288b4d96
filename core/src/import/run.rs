//! Storing the rows of a file: tidy and check each one, skip repeats within the file, then
//! write every valid row in one transaction, a chunk at a time, updating stored
//! organizations only where the file says something new.

use std::collections::HashMap;

use super::merge::overlay;
use super::report::{ImportReport, RowError, RowOutcome, RowResult};
use super::tidy::tidy;
use super::ParsedRow;
use crate::db::{Backend, Db};
use crate::editing::service::snapshot;
use crate::editing::store::input_of;
use crate::error::FieldIssue;
use crate::i18n::I18n;
use crate::kinds::OrgStatus;
use crate::organizations::input::OrganizationInput;
use crate::organizations::store::{self, Events, KnownKeys, Write};
use crate::organizations::validate::{validate, ValidOrganization};
use crate::region::RegionCatalog;
use crate::text::fold;

/// Issues of one row in words, for the report and the preview.
pub fn row_errors(row: usize, issues: &[FieldIssue], i18n: &I18n) -> Vec<RowError> {
    issues
        .iter()
        .map(|i| RowError {
            row,
            field: i.field.clone(),
            message: i.message(i18n),
        })
        .collect()
}

/// A row that passed every check, waiting to be stored.
pub struct Checked {
    pub row: usize,
    pub input: OrganizationInput,
    pub valid: ValidOrganization,
    pub present: Option<Vec<String>>,
}

/// The keys that make two rows of one file the same organization.
fn keys_of(v: &ValidOrganization) -> Vec<String> {
    let mut keys = vec![format!("name:{}:{}", v.okrug_id, fold(&v.name))];
    keys.extend(v.inn.iter().map(|i| format!("inn:{i}")));
    keys.extend(v.ogrn.iter().map(|o| format!("ogrn:{o}")));
    keys
}

/// Tidies and validates every row; refused rows and in-file repeats go into the report.
pub fn check_rows(
    rows: Vec<ParsedRow>,
    catalog: &RegionCatalog,
    report: &mut ImportReport,
) -> Vec<Checked> {
    let i18n = I18n::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut checked = vec![];
    for r in rows {
        let name = r
            .input
            .as_ref()
            .map(|i| i.name.trim().to_owned())
            .unwrap_or_default();
        let mut warnings = r.warnings;
        let tidied = r.input.map(|input| {
            let (input, w) = tidy(input, catalog);
            warnings.extend(w);
            input
        });
        let result = |outcome| RowResult {
            row: r.row,
            name: name.clone(),
            outcome,
            id: None,
        };
        match tidied.and_then(|input| validate(&input, catalog).map(|v| (input, v))) {
            Err(issues) => {
                report.errors.extend(row_errors(r.row, &issues, &i18n));
                report.warnings.extend(row_errors(r.row, &warnings, &i18n));
                report.count(result(RowOutcome::Refused));
            }
            Ok((input, valid)) => {
                let keys = keys_of(&valid);
                if let Some(first) = keys.iter().find_map(|k| seen.get(k)) {
                    report.count(result(RowOutcome::Duplicate { of_row: *first }));
                    continue;
                }
                for k in keys {
                    seen.insert(k, r.row);
                }
                report.warnings.extend(row_errors(r.row, &warnings, &i18n));
                checked.push(Checked {
                    row: r.row,
                    input,
                    valid,
                    present: r.present,
                });
            }
        }
    }
    checked
}

/// Validates every row, then (unless `dry_run`) stores all valid rows in one transaction.
/// A row that clashes with another organization's ИНН/ОГРН in the database is reported and
/// skipped; the other rows still go in.
pub async fn import_rows(
    db: &Db,
    catalog: &RegionCatalog,
    rows: Vec<ParsedRow>,
    dry_run: bool,
) -> anyhow::Result<ImportReport> {
    import_rows_with(db, catalog, rows, dry_run, &|_, _| {}).await
}

/// Tells how many of the checked rows are stored so far, and of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

/// Rows stored per step: their keys are looked up in one statement, and those that are new
/// are added together.
const CHUNK: usize = 500;

/// [`import_rows`], telling `progress` as the rows go in (every [`CHUNK`] rows and at the end).
#[tracing::instrument(skip_all, err, fields(rows = rows.len(), dry_run))]
pub async fn import_rows_with(
    db: &Db,
    catalog: &RegionCatalog,
    rows: Vec<ParsedRow>,
    dry_run: bool,
    progress: Progress<'_>,
) -> anyhow::Result<ImportReport> {
    let mut report = ImportReport {
        rows: rows.len(),
        dry_run,
        ..Default::default()
    };
    let checked = check_rows(rows, catalog, &mut report);
    let postgres = Backend::of(db) == Backend::Postgres;
    let mut tx = db.begin().await?;
    if postgres {
        // PostgreSQL would keep a statement's plan made while the table was nearly empty (a
        // sequential scan) for the whole import; planned for each call, lookups use indexes.
        sqlx::query("set local plan_cache_mode = force_custom_plan")
            .execute(&mut *tx)
            .await?;
    }
    let total = checked.len();
    let mut analyzed_at = 0;
    for (n, chunk) in checked.chunks(CHUNK).enumerate() {
        let done = n * CHUNK;
        progress(done, total);
        if postgres && done >= 2 * analyzed_at.max(CHUNK) {
            // The statistics still describe the table before this transaction. With them,
            // PostgreSQL looked a name up through the (region, status) index, reading every
            // organization of the region per row; counted afresh (the transaction's own rows
            // included) at 1,000, 2,000, 4,000… rows, it takes the name index.
            sqlx::query("analyze organization")
                .execute(&mut *tx)
                .await?;
            analyzed_at = done;
        }
        store_chunk(&mut tx, catalog, chunk, &mut report).await?;
    }
    progress(total, total);
    report.results.sort_by_key(|r| r.row);
    report.warnings.sort_by_key(|w| w.row);
    // A dry run goes through the same writes and undoes them, so its counts are exact.
    if dry_run {
        tx.rollback().await?;
        report.changed_ids.clear();
    } else {
        tx.commit().await?;
    }
    Ok(report)
}

/// Stores a chunk of rows in file order. A row sharing no key with a stored organization (nor
/// with a row stored before it) is new and clashes with nothing: such rows wait and are added
/// together, before the next row that needs [`store_one`]'s lookups and at the end.
async fn store_chunk(
    tx: &mut crate::db::Conn,
    catalog: &RegionCatalog,
    chunk: &[Checked],
    report: &mut ImportReport,
) -> sqlx::Result<()> {
    let valid: Vec<&ValidOrganization> = chunk.iter().map(|c| &c.valid).collect();
    let mut known = store::known_keys(tx, catalog.id, &valid).await?;
    let mut fresh: Vec<&Checked> = vec![];
    for c in chunk {
        if !known.touches(&c.valid) {
            known.add(&c.valid);
            fresh.push(c);
            continue;
        }
        add_fresh(tx, catalog, &mut fresh, report).await?;
        match store_one(tx, catalog, c, &mut known).await? {
            Ok((id, outcome)) => report.count(RowResult {
                row: c.row,
                name: c.valid.name.clone(),
                outcome,
                id: Some(id),
            }),
            Err(issues) => refuse(report, c, &issues),
        }
    }
    add_fresh(tx, catalog, &mut fresh, report).await
}

/// Adds the waiting new rows as published organizations, and empties the list.
async fn add_fresh(
    tx: &mut crate::db::Conn,
    catalog: &RegionCatalog,
    fresh: &mut Vec<&Checked>,
    report: &mut ImportReport,
) -> sqlx::Result<()> {
    if fresh.is_empty() {
        return Ok(());
    }
    let new = store::New {
        region_id: catalog.id,
        status: OrgStatus::Published,
        proposed_by: None,
    };
    let orgs: Vec<(&ValidOrganization, bool)> =
        fresh.iter().map(|c| (&c.valid, c.valid.is_demo)).collect();
    let ids = store::insert_many(tx, &new, &orgs).await?;
    for (c, id) in fresh.drain(..).zip(ids) {
        report.count(RowResult {
            row: c.row,
            name: c.valid.name.clone(),
            outcome: RowOutcome::Created,
            id: Some(id),
        });
    }
    Ok(())
}

fn refuse(report: &mut ImportReport, c: &Checked, issues: &[FieldIssue]) {
    report
        .errors
        .extend(row_errors(c.row, issues, &I18n::default()));
    let name = c.valid.name.clone();
    report.count(RowResult {
        row: c.row,
        name,
        outcome: RowOutcome::Refused,
        id: None,
    });
}

/// What storing one checked row would do.
pub enum Plan {
    Insert,
    Update {
        id: i64,
        valid: Box<ValidOrganization>,
    },
    Unchanged {
        id: i64,
    },
    /// The row laid over the stored organization does not pass the checks.
    Refuse(Vec<FieldIssue>),
}

/// Decides what storing a row does, reading only: a new organization, or the row laid over
/// the stored one it matches, which may change nothing. The preview shows this; the import
/// then carries it out in its transaction.
pub async fn plan_one(
    conn: &mut crate::db::Conn,
    catalog: &RegionCatalog,
    c: &Checked,
) -> sqlx::Result<Plan> {
    let Some(id) = store::find_existing(conn, catalog.id, &c.valid).await? else {
        return Ok(Plan::Insert);
    };
    let Some(record) = store::read_in(conn, id, true, Events::All).await? else {
        return Err(sqlx::Error::RowNotFound);
    };
    let stored = input_of(&record, catalog);
    let merged = match &c.present {
        Some(present) => overlay(stored.clone(), c.input.clone(), present),
        None => c.input.clone(),
    };
    let valid = match validate(&merged, catalog) {
        Ok(v) => v,
        Err(issues) => return Ok(Plan::Refuse(issues)),
    };
    if snapshot(&valid, catalog) == stored {
        return Ok(Plan::Unchanged { id });
    }
    Ok(Plan::Update {
        id,
        valid: Box::new(valid),
    })
}

type Stored = Result<(i64, RowOutcome), Vec<FieldIssue>>;

/// Stores one checked row as [`plan_one`] decides; an update that changes nothing writes
/// nothing. An ИНН or ОГРН another organization holds refuses the row before anything is
/// written; what is written counts in `known`.
async fn store_one(
    tx: &mut crate::db::Conn,
    catalog: &RegionCatalog,
    c: &Checked,
    known: &mut KnownKeys,
) -> sqlx::Result<Stored> {
    let plan = plan_one(tx, catalog, c).await?;
    let (valid, how, outcome) = match &plan {
        Plan::Refuse(issues) => return Ok(Err(issues.clone())),
        Plan::Unchanged { id } => return Ok(Ok((*id, RowOutcome::Unchanged))),
        Plan::Insert => {
            let how = Write::Insert {
                region_id: catalog.id,
                status: OrgStatus::Published,
                is_demo: c.valid.is_demo,
                proposed_by: None,
            };
            (&c.valid, how, RowOutcome::Created)
        }
        Plan::Update { id, valid } => {
            let how = Write::Update {
                id: *id,
                base_version: None,
                status: None,
                is_demo: Some(valid.is_demo),
            };
            (&**valid, how, RowOutcome::Updated)
        }
    };
    let own = match how {
        Write::Update { id, .. } => Some(id),
        Write::Insert { .. } => None,
    };
    if let Some(issue) = store::identifier_clash(tx, catalog.id, valid, own).await? {
        return Ok(Err(vec![issue]));
    }
    let written = store::write(tx, valid, how).await?;
    let (id, _) = written.ok_or(sqlx::Error::RowNotFound)?;
    known.add(valid);
    Ok(Ok((id, outcome)))
}
