//! What happens to an organization after a save: revisions, moderation, verification,
//! error reports and logos.

use crate::db::Tx;

use crate::db::{now, Db};
use crate::kinds::OrgStatus;
use crate::organizations::input::OrganizationInput;

// ---- Revisions ---------------------------------------------------------------------------

/// A revision to write.
pub struct NewRevision<'a> {
    pub organization_id: i64,
    pub number: i64,
    pub account_id: Option<i64>,
    pub kind: crate::kinds::RevisionKind,
    pub reverted_to: Option<i64>,
    pub snapshot: &'a OrganizationInput,
    pub changed: &'a [String],
}

pub async fn insert_revision(tx: &mut Tx<'_>, r: NewRevision<'_>) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query(
        "insert into revision (organization_id, number, account_id, kind, reverted_to, snapshot, changed, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (organization_id, number) do nothing",
    )
    .bind(r.organization_id)
    .bind(r.number)
    .bind(r.account_id)
    .bind(r.kind)
    .bind(r.reverted_to)
    .bind(serde_json::to_string(r.snapshot).unwrap_or_else(|_| "{}".into()))
    .bind(serde_json::to_string(r.changed).unwrap_or_else(|_| "[]".into()))
    .bind(&ts)
    .bind(&ts)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

pub async fn has_revisions(db: &Db, organization_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("select count(*) from revision where organization_id = $1")
        .bind(organization_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// One revision as the history page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RevisionRow {
    pub number: i64,
    pub kind: String,
    pub reverted_to: Option<i64>,
    pub author: Option<String>,
    pub snapshot: String,
    pub changed: String,
    pub created_at: String,
    /// Moved here from a record merged into this one.
    pub merged_from: Option<i64>,
}

impl RevisionRow {
    pub fn input(&self) -> OrganizationInput {
        serde_json::from_str(&self.snapshot).unwrap_or_default()
    }
}

/// An organization's revisions with their authors' names; callers add the order or number.
macro_rules! revision_select {
    () => {
        "select r.number, r.kind, r.reverted_to, coalesce(nullif(a.display_name, ''), a.email) as author, r.snapshot, r.changed, r.created_at, r.merged_from
         from revision r left join account a on a.id = r.account_id
         where r.organization_id = $1"
    };
}

/// The newest revisions first.
pub async fn revisions(
    db: &Db,
    organization_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<RevisionRow>> {
    sqlx::query_as(concat!(
        revision_select!(),
        " order by r.number desc limit $2"
    ))
    .bind(organization_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn revision(
    db: &Db,
    organization_id: i64,
    number: i64,
) -> sqlx::Result<Option<RevisionRow>> {
    sqlx::query_as(concat!(revision_select!(), " and r.number = $2"))
        .bind(organization_id)
        .bind(number)
        .fetch_optional(db)
        .await
}

// ---- Moderation, verification, reports, logos --------------------------------------------

/// Publishes or rejects a pending organization; `false` if it was not pending.
pub async fn moderate(db: &Db, id: i64, publish: bool, note: &str) -> sqlx::Result<bool> {
    let ts = now();
    let r = sqlx::query(
        "update organization set status = $1, moderation_note = $2, moderated_at = $3, updated_at = $4, version = version + 1
         where id = $5 and status = 'pending'",
    )
    .bind(if publish {
        OrgStatus::Published
    } else {
        OrgStatus::Rejected
    })
    .bind(note)
    .bind(&ts)
    .bind(&ts)
    .bind(id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A pending organization in the moderation queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub okrug_id: i64,
    pub proposer: Option<String>,
    pub created_at: String,
}

pub async fn pending(db: &Db, region_id: i64) -> sqlx::Result<Vec<PendingRow>> {
    sqlx::query_as(
        "select o.id, o.slug, o.name, o.okrug_id, a.email as proposer, o.created_at
         from organization o left join account a on a.id = o.proposed_by
         where o.region_id = $1 and o.status = 'pending' order by o.created_at, o.id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// Records a staff verification. It does not touch `updated_at`: verifying is not editing,
/// and "last updated" stays the organization's own.
pub async fn add_verification(
    db: &Db,
    id: i64,
    method: &str,
    verified_by: &str,
    note: &str,
) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query(
        "insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(method)
    .bind(verified_by)
    .bind(note)
    .bind(&ts[..10])
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn add_report(
    db: &Db,
    organization_id: i64,
    message: &str,
    contact: &str,
) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query(
        "insert into error_report (organization_id, message, contact, created_at, updated_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(organization_id)
    .bind(message)
    .bind(contact)
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await
    .map(|_| ())
}

/// An open error report for staff.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub organization_id: i64,
    pub organization: String,
    pub slug: String,
    pub okrug_id: i64,
    pub message: String,
    pub contact: String,
    pub created_at: String,
}

pub async fn open_reports(db: &Db, region_id: i64) -> sqlx::Result<Vec<ReportRow>> {
    sqlx::query_as(
        "select r.id, r.organization_id, o.name as organization, o.slug, o.okrug_id, r.message, r.contact, r.created_at
         from error_report r join organization o on o.id = r.organization_id
         where o.region_id = $1 and r.status = 'open' order by r.created_at, r.id limit 200",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// The region of a report's organization, for the staff check.
pub async fn report_region(db: &Db, report_id: i64) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as(
        "select o.region_id, o.id from error_report r join organization o on o.id = r.organization_id where r.id = $1",
    )
    .bind(report_id)
    .fetch_optional(db)
    .await
}

/// How staff close an error report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// The mistake was fixed.
    Resolved,
    /// Nothing to fix (spam, a misunderstanding).
    Dismissed,
}

/// Closes an open report with staff's note; false if it was already closed.
pub async fn settle_report(
    db: &Db,
    report_id: i64,
    by: i64,
    how: Settle,
    note: &str,
) -> sqlx::Result<bool> {
    let ts = now();
    let status = match how {
        Settle::Resolved => "resolved",
        Settle::Dismissed => "dismissed",
    };
    let r = sqlx::query(
        "update error_report set status = $1, resolution_note = $2, resolved_by = $3, updated_at = $4
         where id = $5 and status = 'open'",
    )
    .bind(status)
    .bind(note)
    .bind(by)
    .bind(&ts)
    .bind(report_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The reporter's contact and the organization's name, for a reply.
pub async fn report_contact(db: &Db, report_id: i64) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "select r.contact, o.name from error_report r join organization o on o.id = r.organization_id where r.id = $1",
    )
    .bind(report_id)
    .fetch_optional(db)
    .await
}

/// Sets (or clears) the logo file name; bumps `updated_at` so search and pages refresh.
/// The organization's logo file name, if it has one.
pub async fn logo_of(db: &Db, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select logo from organization where id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// When the organization was last verified, if ever.
pub async fn last_verified_at(db: &Db, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select max(verified_at) from verification where organization_id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Every staff check of an organization, newest first: (date, method, by whom, note).
pub async fn verifications(
    db: &Db,
    id: i64,
) -> sqlx::Result<Vec<(String, String, String, String)>> {
    sqlx::query_as(
        "select verified_at, method, verified_by, note from verification
         where organization_id = $1 order by verified_at desc, id desc limit 50",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

pub async fn set_logo(db: &Db, id: i64, file: Option<&str>) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query("update organization set logo = $1, updated_at = $2 where id = $3")
        .bind(file)
        .bind(&ts)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}
