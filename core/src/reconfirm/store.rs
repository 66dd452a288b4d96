//! The reminder jobs and their link tokens in the database: every SQL statement of
//! re-confirmation. Tokens are stored only as their SHA-256.

use std::collections::HashMap;

use crate::db::Conn;

use super::Action;
use crate::db::Db;

/// A published organization and the dates its last sign of life is taken from.
#[derive(Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
    pub verified_at: Option<String>,
}

/// The region's published organizations, except demo listings (their addresses are
/// made up: nobody would read the mail).
pub async fn candidates(db: &Db, region_id: i64) -> sqlx::Result<Vec<Candidate>> {
    sqlx::query_as(
        "select o.id, o.name, o.updated_at, o.confirmed_at,
                (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at
         from organization o where o.region_id = $1 and o.status = 'published' and o.is_demo = $2 order by o.id",
    )
    .bind(region_id)
    .bind(0_i64)
    .fetch_all(db)
    .await
}

/// Every round already queued for the region's organizations: organization → rounds.
pub async fn queued_rounds(db: &Db, region_id: i64) -> sqlx::Result<HashMap<i64, Vec<String>>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select organization_id, round from reconfirm_job where region_id = $1")
            .bind(region_id)
            .fetch_all(db)
            .await?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (org, round) in rows {
        out.entry(org).or_default().push(round);
    }
    Ok(out)
}

/// Queues a round; false if it was queued before (by this or another worker).
pub async fn queue(
    db: &Db,
    organization_id: i64,
    region_id: i64,
    round: &str,
    due_at: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "insert into reconfirm_job (organization_id, region_id, round, due_at, created_at)
         values ($1, $2, $3, $4, $5) on conflict (organization_id, round) do nothing",
    )
    .bind(organization_id)
    .bind(region_id)
    .bind(round)
    .bind(due_at)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A queued job waiting to be sent.
#[derive(Debug, sqlx::FromRow)]
pub struct DueJob {
    pub id: i64,
    pub organization_id: i64,
    pub round: String,
}

/// The region's jobs due by `now`, oldest first.
pub async fn due_jobs(db: &Db, region_id: i64, now: &str) -> sqlx::Result<Vec<DueJob>> {
    sqlx::query_as(
        "select id, organization_id, round from reconfirm_job
         where region_id = $1 and state = 'due' and due_at <= $2 order by due_at, id limit 500",
    )
    .bind(region_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Drops a queued job that no longer applies (a newer sign of life, or archived).
pub async fn skip(db: &Db, job_id: i64) -> sqlx::Result<()> {
    sqlx::query("update reconfirm_job set state = 'skipped' where id = $1 and state = 'due'")
        .bind(job_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Who a reminder goes to: the editors' addresses, or (with no editor) the public ones.
pub async fn recipients(db: &Db, organization_id: i64) -> sqlx::Result<Vec<String>> {
    let editors: Vec<String> = sqlx::query_scalar(
        "select a.email from membership m join account a on a.id = m.account_id
         where m.organization_id = $1 and a.disabled = 0 order by a.id",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await?;
    if !editors.is_empty() {
        return Ok(editors);
    }
    sqlx::query_scalar(
        "select value from contact where organization_id = $1 and kind = 'email' order by position, id",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await
}

/// Takes a due job for this worker: true for exactly one caller, however many try (the
/// state moves in the caller's transaction, which also queues the mail).
pub async fn claim(conn: &mut Conn, job_id: i64, now: &str) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update reconfirm_job set state = 'sending', sent_at = $1
         where id = $2 and state = 'due'
           and exists (select 1 from organization o where o.id = organization_id and o.status = 'published')",
    )
    .bind(now)
    .bind(job_id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records where a claimed job went (`sent`, or `no_address` with nobody to write to).
pub async fn finish(
    conn: &mut Conn,
    job_id: i64,
    state: &str,
    recipients: &str,
    mail_ids: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update reconfirm_job set state = $1, recipients = $2, mail_ids = $3 where id = $4",
    )
    .bind(state)
    .bind(recipients)
    .bind(mail_ids)
    .bind(job_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores one link's token (its hash).
pub async fn insert_token(
    conn: &mut Conn,
    hash: &str,
    job_id: i64,
    organization_id: i64,
    action: Action,
    expires_at: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into reconfirm_token (token_hash, job_id, organization_id, action, expires_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(job_id)
    .bind(organization_id)
    .bind(action)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A link as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub job_id: i64,
    pub organization_id: i64,
    pub action: Action,
}

/// The link behind a token hash, if it is unused and unexpired.
pub async fn live_token(db: &Db, hash: &str, now: &str) -> sqlx::Result<Option<TokenRow>> {
    sqlx::query_as(
        "select job_id, organization_id, action from reconfirm_token
         where token_hash = $1 and used_at is null and expires_at > $2",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Uses a link: the row for exactly one caller, None if used, expired or unknown.
pub async fn use_token(conn: &mut Conn, hash: &str, now: &str) -> sqlx::Result<Option<TokenRow>> {
    sqlx::query_as(
        "update reconfirm_token set used_at = $1
         where token_hash = $2 and used_at is null and expires_at > $3
         returning job_id, organization_id, action",
    )
    .bind(now)
    .bind(hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Records the answer to a job; `close_links` also spends its other links.
pub async fn answer(
    conn: &mut Conn,
    job_id: i64,
    action: Action,
    now: &str,
    close_links: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "update reconfirm_job set state = 'answered', answer = $1, answered_at = $2 where id = $3",
    )
    .bind(action)
    .bind(now)
    .bind(job_id)
    .execute(&mut *conn)
    .await?;
    if close_links {
        sqlx::query(
            "update reconfirm_token set used_at = $1 where job_id = $2 and used_at is null",
        )
        .bind(now)
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The organization confirms its listing (the version moves, so every server's search
/// picks up the new freshness).
pub async fn confirm(conn: &mut Conn, organization_id: i64, now: &str) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update organization set confirmed_at = $1, version = version + 1 where id = $2 and status = 'published'",
    )
    .bind(now)
    .bind(organization_id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Whether the organization has an editor (then "update" opens the edit form).
pub async fn has_editor(db: &Db, organization_id: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, crate::db::Flag>(
        "select exists (select 1 from membership where organization_id = $1)",
    )
    .bind(organization_id)
    .fetch_one(db)
    .await
    .map(bool::from)
}

/// The addresses of the region's staff (to tell them an organization closed).
pub async fn staff_emails(db: &Db, region_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "select a.email from staff_role s join account a on a.id = s.account_id
         where s.region_id = $1 and a.disabled = 0 order by a.id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}
