//! Data access for the second factor: TOTP secrets and their last used step, recovery
//! codes, the session's second-factor mark, and login challenges (the password passed, the
//! code is pending).

use chrono::Duration as ChronoDuration;

use super::token::{new_token, token_hash};
use crate::db::{from_now, now, Db};

// ---- TOTP and recovery codes -------------------------------------------------------------

/// The account's TOTP state: the secret (once enabled) and the last step used.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TotpRow {
    pub totp_secret: Option<String>,
    pub totp_enabled_at: Option<String>,
    pub totp_last_step: i64,
}

pub async fn totp_of(db: &Db, account_id: i64) -> sqlx::Result<Option<TotpRow>> {
    sqlx::query_as("select totp_secret, totp_enabled_at, totp_last_step from account where id = $1")
        .bind(account_id)
        .fetch_optional(db)
        .await
}

/// Turns TOTP on with a confirmed secret, replacing the recovery codes with new ones.
pub async fn enable_totp(
    db: &Db,
    account_id: i64,
    secret: &str,
    step: i64,
    recovery_codes: &[String],
) -> sqlx::Result<()> {
    let ts = now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "update account set totp_secret = $1, totp_enabled_at = $2, totp_last_step = $3, updated_at = $4 where id = $5",
    )
    .bind(secret)
    .bind(&ts)
    .bind(step)
    .bind(&ts)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    delete_recovery_codes(&mut tx, account_id).await?;
    for code in recovery_codes {
        sqlx::query(
            "insert into recovery_code (code_hash, account_id, created_at, updated_at) values ($1, $2, $3, $4)",
        )
        .bind(token_hash(code))
        .bind(account_id)
        .bind(&ts)
        .bind(&ts)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Records a used time step, only if it is newer than the last one (so a code works once).
pub async fn use_totp_step(db: &Db, account_id: i64, step: i64) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "update account set totp_last_step = $1, updated_at = $2 where id = $3 and totp_last_step < $4",
    )
    .bind(step)
    .bind(now())
    .bind(account_id)
    .bind(step)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Uses a recovery code up; `false` when it is unknown or used.
pub async fn use_recovery_code(db: &Db, account_id: i64, code: &str) -> sqlx::Result<bool> {
    let ts = now();
    let r = sqlx::query(
        "update recovery_code set used_at = $1, updated_at = $2 where account_id = $3 and code_hash = $4 and used_at is null",
    )
    .bind(&ts)
    .bind(&ts)
    .bind(account_id)
    .bind(token_hash(code))
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Recovery codes still unused.
pub async fn recovery_codes_left(db: &Db, account_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from recovery_code where account_id = $1 and used_at is null",
    )
    .bind(account_id)
    .fetch_one(db)
    .await
}

/// Marks a session as having passed the second factor.
pub async fn mark_second_factor(db: &Db, session_token: &str) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query("update session set second_factor_at = $1, updated_at = $2 where token_hash = $3")
        .bind(&ts)
        .bind(&ts)
        .bind(token_hash(session_token))
        .execute(db)
        .await
        .map(|_| ())
}

// ---- Login challenges (password passed, second factor pending) ---------------------------

/// How long a person has to type the code after the password.
pub const CHALLENGE_MINUTES: i64 = 10;
/// Wrong codes allowed per challenge; then the login starts over.
pub const CHALLENGE_ATTEMPTS: i64 = 5;

/// Starts a challenge and returns its token (for a short-lived cookie).
pub async fn create_challenge(db: &Db, account_id: i64, next: &str) -> sqlx::Result<String> {
    let token = new_token();
    let ts = now();
    sqlx::query(
        "insert into login_challenge (token_hash, account_id, next, expires_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(next)
    .bind(from_now(ChronoDuration::minutes(CHALLENGE_MINUTES)))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// The challenge's account and next page, counting one attempt; `None` when it is unknown,
/// expired or out of attempts.
pub async fn challenge_attempt(db: &Db, token: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "update login_challenge set attempts = attempts + 1, updated_at = $1
         where token_hash = $2 and expires_at > $3 and attempts < $4 returning account_id, next",
    )
    .bind(now())
    .bind(token_hash(token))
    .bind(now())
    .bind(CHALLENGE_ATTEMPTS)
    .fetch_optional(db)
    .await
}

/// Whether a challenge is alive (for showing the code form).
pub async fn challenge_alive(db: &Db, token: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "select 1 from login_challenge where token_hash = $1 and expires_at > $2 and attempts < $3",
    )
    .bind(token_hash(token))
    .bind(now())
    .bind(CHALLENGE_ATTEMPTS)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

pub async fn end_challenge(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("delete from login_challenge where token_hash = $1")
        .bind(token_hash(token))
        .execute(db)
        .await
        .map(|_| ())
}

/// Turns TOTP off and deletes the recovery codes.
pub async fn disable_totp(db: &Db, account_id: i64) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "update account set totp_secret = null, totp_enabled_at = null, updated_at = $1 where id = $2",
    )
    .bind(now())
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    delete_recovery_codes(&mut tx, account_id).await?;
    tx.commit().await
}

/// Drops an account's recovery codes inside the caller's transaction.
async fn delete_recovery_codes(tx: &mut crate::db::Tx<'_>, account_id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from recovery_code where account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}
