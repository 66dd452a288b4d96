//! Outgoing mail as a durable queue. Handlers only insert a row (`enqueue`), so a request
//! never waits for a mail server, and its timing says nothing about whether a mail went out
//! (registration and password reset answer the same for every address). A background
//! worker (`spawn`) sends what is due, retrying with growing pauses; a mail the server
//! refuses for good (5xx: no such mailbox) is given up at once, a bounce the staff see in
//! «Нужно позвонить». A sent mail's body is blanked, so no link stays in the database after
//! delivery.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::db::{from_now, now, Db};
use crate::mail::Mailer;

/// Attempts before a mail is given up (its row stays, with the last error, for the operator).
pub const MAX_ATTEMPTS: i64 = 8;
/// How long sent rows (blank bodies) are kept for the operator.
pub const KEEP_SENT_DAYS: i64 = 7;

/// A mail waiting to be sent.
#[derive(Debug, sqlx::FromRow)]
struct Queued {
    id: i64,
    recipient: String,
    subject: String,
    body: String,
    attempts: i64,
    unsubscribe_url: String,
}

/// Puts a mail in the queue and wakes the worker.
pub async fn enqueue(
    db: &Db,
    wake: &Notify,
    to: &str,
    subject: &str,
    body: &str,
) -> sqlx::Result<()> {
    let mut conn = db.acquire().await?;
    enqueue_in(&mut conn, to, subject, body).await?;
    wake.notify_one();
    Ok(())
}

/// Puts a mail in the queue on this connection (inside the caller's transaction, so the
/// mail exists exactly when the rest of the change does); returns its id. The caller wakes
/// the worker after committing.
pub async fn enqueue_in(
    conn: &mut crate::db::Conn,
    to: &str,
    subject: &str,
    body: &str,
) -> sqlx::Result<i64> {
    enqueue_list_mail_in(conn, to, subject, body, "").await
}

/// [`enqueue_in`] for a mail people subscribed to: `unsubscribe` is its one-click
/// unsubscribe address (the `List-Unsubscribe` headers).
pub async fn enqueue_list_mail_in(
    conn: &mut crate::db::Conn,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe: &str,
) -> sqlx::Result<i64> {
    let ts = now();
    sqlx::query_scalar(
        "insert into outgoing_mail (recipient, subject, body, unsubscribe_url, next_attempt_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(unsubscribe)
    .bind(&ts)
    .bind(&ts)
    .bind(&ts)
    .fetch_one(conn)
    .await
}

/// The pause before attempt `n + 1`: 1, 2, 4 … minutes, at most 4 hours.
fn backoff(attempts: i64) -> chrono::Duration {
    let minutes = 1i64 << attempts.clamp(0, 8);
    chrono::Duration::minutes(minutes.min(240))
}

/// Sends every mail that is due; returns how many went out.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> sqlx::Result<usize> {
    let due: Vec<Queued> = sqlx::query_as(
        "select id, recipient, subject, body, attempts, unsubscribe_url from outgoing_mail
         where sent_at is null and attempts < $1 and next_attempt_at <= $2 order by id limit 50",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now())
    .fetch_all(db)
    .await?;
    let mut sent = 0;
    for mail in due {
        if !claim(db, mail.id).await? {
            continue;
        }
        match mailer
            .send_with(
                &mail.recipient,
                &mail.subject,
                &mail.body,
                &mail.unsubscribe_url,
            )
            .await
        {
            Ok(()) => {
                let ts = now();
                sqlx::query(
                    "update outgoing_mail set sent_at = $1, body = '', unsubscribe_url = '', attempts = attempts + 1, last_error = '', updated_at = $2 where id = $3",
                )
                .bind(&ts)
                .bind(&ts)
                .bind(mail.id)
                .execute(db)
                .await?;
                sent += 1;
            }
            Err(e) => {
                let error = format!("{e:#}");
                let permanent = Mailer::is_permanent(&e);
                tracing::warn!(id = mail.id, attempts = mail.attempts + 1, permanent, error = %error, "mail not sent");
                let next = from_now(backoff(mail.attempts));
                // Given up: attempts at the cap, so the worker never picks it again.
                let attempts = if permanent {
                    MAX_ATTEMPTS
                } else {
                    mail.attempts + 1
                };
                sqlx::query(
                    "update outgoing_mail set attempts = $1, next_attempt_at = $2, last_error = $3, updated_at = $4 where id = $5",
                )
                .bind(attempts)
                .bind(next)
                .bind(error.chars().take(500).collect::<String>())
                .bind(now())
                .bind(mail.id)
                .execute(db)
                .await?;
            }
        }
    }
    Ok(sent)
}

/// How long a claimed mail belongs to the worker that claimed it: if that instance dies
/// while sending, another retries after this.
const LEASE_MINUTES: i64 = 10;

/// Takes a due mail for this worker: every instance runs a worker, and the first to move
/// the mail's next attempt into the future sends it; the others find it taken. So a mail
/// goes out once however many instances run (twice only if an instance dies between
/// sending and recording it).
async fn claim(db: &Db, id: i64) -> sqlx::Result<bool> {
    let ts = now();
    let r = sqlx::query(
        "update outgoing_mail set next_attempt_at = $1, updated_at = $2
         where id = $3 and sent_at is null and next_attempt_at <= $4",
    )
    .bind(from_now(chrono::Duration::minutes(LEASE_MINUTES)))
    .bind(&ts)
    .bind(id)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Deletes sent mail older than [`KEEP_SENT_DAYS`] (the scheduler calls this).
pub async fn purge_sent(db: &Db) -> sqlx::Result<u64> {
    let cutoff = from_now(-chrono::Duration::days(KEEP_SENT_DAYS));
    let r = sqlx::query("delete from outgoing_mail where sent_at is not null and sent_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// Runs the worker: sends what is due whenever woken, and at least every 30 seconds.
pub fn spawn(db: Db, mailer: Arc<Mailer>, wake: Arc<Notify>) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = deliver_due(&db, &mailer).await {
                tracing::error!(error = %e, "mail queue failed");
            }
            let _ = tokio::time::timeout(Duration::from_secs(30), wake.notified()).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_four_hours() {
        assert_eq!(backoff(0), chrono::Duration::minutes(1));
        assert_eq!(backoff(3), chrono::Duration::minutes(8));
        assert_eq!(backoff(20), chrono::Duration::minutes(240));
    }
}
