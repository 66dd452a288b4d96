//! Subscriptions, their link tokens and the weekly digest jobs in the database: every SQL
//! statement of subscriptions. Tokens are stored only as their SHA-256; addresses are read
//! here only to send mail to them.

use crate::db::Conn;

use crate::db::Db;

/// What a link token is for.
pub const CONFIRM: &str = "confirm";
pub const UNSUBSCRIBE: &str = "unsubscribe";

/// A subscription as the digest and the link pages need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Subscription {
    pub id: i64,
    pub email: String,
    pub filter: String,
    pub status: String,
    pub last_sent_at: Option<String>,
}

const COLUMNS: &str = "s.id, s.email, s.filter, s.status, s.last_sent_at";

/// The subscription of an address to a filter, if there is one.
pub async fn find(
    conn: &mut Conn,
    region_id: i64,
    email: &str,
    filter: &str,
) -> sqlx::Result<Option<Subscription>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from subscription s where s.region_id = $1 and s.email = $2 and s.filter = $3"
    ))
    .bind(region_id)
    .bind(email)
    .bind(filter)
    .fetch_optional(conn)
    .await
}

/// How many subscriptions an address has.
pub async fn count_for(conn: &mut Conn, region_id: i64, email: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from subscription where region_id = $1 and email = $2")
        .bind(region_id)
        .bind(email)
        .fetch_one(conn)
        .await
}

/// A new subscription waiting for its confirmation; returns its id.
pub async fn insert_pending(
    conn: &mut Conn,
    region_id: i64,
    email: &str,
    filter: &str,
    now: &str,
) -> sqlx::Result<i64> {
    // Two identical posts at once: the second finds the first's row.
    sqlx::query_scalar(
        "insert into subscription (region_id, email, filter, status, created_at, updated_at)
         values ($1, $2, $3, 'pending', $4, $5)
         on conflict (region_id, email, filter) do update set updated_at = excluded.updated_at
         returning id",
    )
    .bind(region_id)
    .bind(email)
    .bind(filter)
    .bind(now)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A pending subscription asked for again: its week to confirm starts now.
pub async fn restart(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query("update subscription set created_at = $1, updated_at = $2 where id = $3 and status = 'pending'")
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores a link token's hash.
pub async fn insert_token(
    conn: &mut Conn,
    hash: &str,
    subscription_id: i64,
    purpose: &str,
    expires_at: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into subscription_token (hash, subscription_id, purpose, expires_at, created_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(subscription_id)
    .bind(purpose)
    .bind(expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets a subscription's links of one kind (a new confirmation mail replaces the old).
pub async fn delete_tokens(
    conn: &mut Conn,
    subscription_id: i64,
    purpose: &str,
) -> sqlx::Result<()> {
    sqlx::query("delete from subscription_token where subscription_id = $1 and purpose = $2")
        .bind(subscription_id)
        .bind(purpose)
        .execute(conn)
        .await?;
    Ok(())
}

/// The subscription a live link of `purpose` belongs to.
pub async fn by_token(
    conn: &mut Conn,
    hash: &str,
    purpose: &str,
    now: &str,
) -> sqlx::Result<Option<Subscription>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from subscription_token t join subscription s on s.id = t.subscription_id
         where t.hash = $1 and t.purpose = $2 and (t.expires_at is null or t.expires_at > $3)"
    ))
    .bind(hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Confirms a pending subscription; false if it was not pending.
pub async fn activate(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update subscription set status = 'active', confirmed_at = $1, updated_at = $2
         where id = $3 and status = 'pending'",
    )
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Deletes a subscription with its address, links and digest jobs, and its mail still
/// waiting in the queue.
pub async fn delete(conn: &mut Conn, id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "delete from outgoing_mail where sent_at is null and id in
           (select mail_id from digest_job where subscription_id = $1 and mail_id is not null)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from subscription where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Unsubscribe links of digests older than `cutoff` stop working (each digest brings a new
/// one); returns how many were deleted.
pub async fn purge_old_links(db: &Db, cutoff: &str) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "delete from subscription_token where purpose = 'unsubscribe' and created_at < $1
           and subscription_id in (select id from subscription where status = 'active')
           and exists (select 1 from subscription_token n where n.subscription_id = subscription_token.subscription_id
                         and n.purpose = 'unsubscribe' and n.created_at >= $2)",
    )
    .bind(cutoff)
    .bind(cutoff)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

/// Deletes subscriptions never confirmed since `cutoff`; returns how many.
pub async fn purge_unconfirmed(db: &Db, cutoff: &str) -> sqlx::Result<u64> {
    let r = sqlx::query("delete from subscription where status = 'pending' and created_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// Queues the week's digest of every active subscription of the region (once: the job is
/// unique per subscription and week); returns how many were newly queued.
pub async fn queue_week(db: &Db, region_id: i64, week: &str, now: &str) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "insert into digest_job (subscription_id, week, state, created_at, updated_at)
         select id, $1, 'due', $2, $3 from subscription where region_id = $4 and status = 'active'
         on conflict (subscription_id, week) do nothing",
    )
    .bind(week)
    .bind(now)
    .bind(now)
    .bind(region_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

/// A digest waiting to be sent, with its subscription.
#[derive(Debug, sqlx::FromRow)]
pub struct DueDigest {
    pub job_id: i64,
    #[sqlx(flatten)]
    pub subscription: Subscription,
}

/// The region's digests not sent yet, oldest first (at most `limit`).
pub async fn due_digests(db: &Db, region_id: i64, limit: i64) -> sqlx::Result<Vec<DueDigest>> {
    sqlx::query_as(&format!(
        "select j.id as job_id, {COLUMNS} from digest_job j join subscription s on s.id = j.subscription_id
         where j.state = 'due' and s.region_id = $1 and s.status = 'active' order by j.id limit $2"
    ))
    .bind(region_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Claims a due digest for this worker, marking it `state` (`sent` or `empty`); false if
/// another worker took it first. Inside the transaction that queues its mail.
pub async fn claim(conn: &mut Conn, job_id: i64, state: &str, now: &str) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update digest_job set state = $1, updated_at = $2 where id = $3 and state = 'due'",
    )
    .bind(state)
    .bind(now)
    .bind(job_id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Marks a digest that could not be made as failed, so the next runs pass it by.
pub async fn fail(db: &Db, job_id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "update digest_job set state = 'failed', updated_at = $1 where id = $2 and state = 'due'",
    )
    .bind(now)
    .bind(job_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Records the mail a claimed digest went out as, and moves the subscription's window on.
pub async fn finish(
    conn: &mut Conn,
    job_id: i64,
    mail_id: Option<i64>,
    subscription_id: i64,
    window_end: &str,
) -> sqlx::Result<()> {
    sqlx::query("update digest_job set mail_id = $1 where id = $2")
        .bind(mail_id)
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("update subscription set last_sent_at = $1, updated_at = $2 where id = $3")
        .bind(window_end)
        .bind(window_end)
        .bind(subscription_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes digest jobs older than `cutoff` (their week is long over).
pub async fn purge_old_jobs(db: &Db, cutoff: &str) -> sqlx::Result<u64> {
    let r = sqlx::query("delete from digest_job where state != 'due' and updated_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// Organizations of the region first published since `since`, newest first.
#[derive(Debug, sqlx::FromRow)]
pub struct NewOrg {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub created_at: String,
}

pub async fn new_organizations(
    db: &Db,
    region_id: i64,
    since: &str,
    until: &str,
    limit: i64,
) -> sqlx::Result<Vec<NewOrg>> {
    // When it was first published (the change log records every status an organization
    // took): a proposal approved days after it was made is new on the day it appeared.
    sqlx::query_as(
        "select o.id, o.slug, o.name, o.summary, f.first_at as created_at
         from (select organization_id, min(at) as first_at from change_log
               where region_id = $1 and status = 'published' and at >= $2 and at < $3
               group by organization_id) f
         join organization o on o.id = f.organization_id
         where o.status = 'published'
           and not exists (select 1 from change_log c where c.organization_id = o.id
                             and c.status = 'published' and c.at < $4)
         order by f.first_at desc, o.id desc limit $5",
    )
    .bind(region_id)
    .bind(since)
    .bind(until)
    .bind(since)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Open needs first posted since `since` (a save keeps a need's first `created_at`, see
/// `write_path::replace_parts`), newest first.
#[derive(Debug, sqlx::FromRow)]
pub struct RecentNeed {
    pub id: i64,
    pub organization_id: i64,
    pub slug: String,
    pub organization: String,
    pub kind: String,
    pub title: String,
    pub until: Option<String>,
    pub updated_at: String,
}

pub async fn recent_needs(
    db: &Db,
    region_id: i64,
    since: &str,
    until: &str,
    today: &str,
    limit: i64,
) -> sqlx::Result<Vec<RecentNeed>> {
    sqlx::query_as(
        "select n.id, n.organization_id, o.slug, o.name as organization, n.kind, n.title, n.until,
                n.updated_at
         from need n join organization o on o.id = n.organization_id
         where o.region_id = $1 and o.status = 'published' and n.active = 1
           and (n.until is null or n.until = '' or n.until >= $2) and n.created_at >= $3
           and n.created_at < $4
         order by n.created_at desc, n.id limit $5",
    )
    .bind(region_id)
    .bind(today)
    .bind(since)
    .bind(until)
    .bind(limit)
    .fetch_all(db)
    .await
}
