//! Data access for the account's own protections: email links (verify, change), the
//! verified flag, the list of sessions, disabling an account, TOTP and recovery codes.

use chrono::Duration as ChronoDuration;

use super::token::{new_token, token_hash};
use crate::db::{from_now, now, Db};

/// How long an email link works.
pub const EMAIL_LINK_HOURS: i64 = 48;

/// What an email link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailPurpose {
    /// Prove that a new account's address is its owner's.
    Verify,
    /// Move the account to a new address.
    Change,
}

impl EmailPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Change => "change",
        }
    }
}

/// An email link as found by its token.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EmailTokenRow {
    pub account_id: i64,
    pub purpose: String,
    pub email: String,
    pub next: String,
}

/// Creates a link for `email` and returns its token (sent once, never stored).
pub async fn create_email_token(
    db: &Db,
    account_id: i64,
    purpose: EmailPurpose,
    email: &str,
    next: &str,
) -> sqlx::Result<String> {
    let token = new_token();
    let ts = now();
    sqlx::query(
        "insert into email_token (token_hash, account_id, purpose, email, next, expires_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(purpose.as_str())
    .bind(email)
    .bind(next)
    .bind(from_now(ChronoDuration::hours(EMAIL_LINK_HOURS)))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// The link, if it is known, unused and not expired.
pub async fn find_email_token(db: &Db, token: &str) -> sqlx::Result<Option<EmailTokenRow>> {
    sqlx::query_as(
        "select account_id, purpose, email, next from email_token
         where token_hash = $1 and used_at is null and expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(db)
    .await
}

/// Uses a link up (once; a race gives `None` to the loser).
pub async fn consume_email_token(db: &Db, token: &str) -> sqlx::Result<Option<EmailTokenRow>> {
    let ts = now();
    sqlx::query_as(
        "update email_token set used_at = $1, updated_at = $2
         where token_hash = $3 and used_at is null and expires_at > $4
         returning account_id, purpose, email, next",
    )
    .bind(&ts)
    .bind(&ts)
    .bind(token_hash(token))
    .bind(&ts)
    .fetch_optional(db)
    .await
}

/// Marks the account's address as proven (a verify link, a password reset by mail, or the
/// operator's `create-admin`).
pub async fn mark_verified(db: &Db, account_id: i64) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query(
        "update account set email_verified_at = coalesce(email_verified_at, $1), updated_at = $2 where id = $3",
    )
    .bind(&ts)
    .bind(&ts)
    .bind(account_id)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn is_verified(db: &Db, account_id: i64) -> sqlx::Result<bool> {
    let v: Option<Option<String>> =
        sqlx::query_scalar("select email_verified_at from account where id = $1")
            .bind(account_id)
            .fetch_optional(db)
            .await?;
    Ok(matches!(v, Some(Some(_))))
}

/// Moves the account to a proven new address; `false` when another account has it.
pub async fn change_email(db: &Db, account_id: i64, email: &str) -> sqlx::Result<bool> {
    let ts = now();
    let r = sqlx::query(
        "update account set email = $1, email_verified_at = $2, updated_at = $3
         where id = $4 and not exists (select 1 from account where email = $5 and id <> $6)",
    )
    .bind(email)
    .bind(&ts)
    .bind(&ts)
    .bind(account_id)
    .bind(email)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// One session of an account, for the list on the account page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_agent: String,
    pub ip: String,
    pub created_at: String,
    pub last_seen_at: String,
}

pub async fn sessions_of(db: &Db, account_id: i64) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as(
        "select token_hash, user_agent, ip, created_at, last_seen_at from session
         where account_id = $1 and expires_at > $2 order by last_seen_at desc limit 50",
    )
    .bind(account_id)
    .bind(now())
    .fetch_all(db)
    .await
}

/// Ends every session of the account except the one with `keep` (a token hash).
pub async fn end_other_sessions(db: &Db, account_id: i64, keep: &str) -> sqlx::Result<u64> {
    let r = sqlx::query("delete from session where account_id = $1 and token_hash <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// Disables or enables an account. Disabling ends its sessions and forgets its devices.
pub async fn set_disabled(db: &Db, account_id: i64, disabled: bool) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let r = sqlx::query("update account set disabled = $1, updated_at = $2 where id = $3")
        .bind(i64::from(disabled))
        .bind(now())
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        for sql in [
            "delete from session where account_id = $1",
            "delete from trusted_device where account_id = $1",
        ] {
            sqlx::query(sql).bind(account_id).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(r.rows_affected() == 1)
}

/// Forgets every trusted device of an account (after a password reset or change).
pub async fn forget_devices(db: &Db, account_id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from trusted_device where account_id = $1")
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// An account on the admin's list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountListRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub is_admin: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub disabled: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub verified: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub totp: bool,
    pub last_login_at: Option<String>,
}

/// Accounts whose email or name contains `q` (all when empty), newest first.
pub async fn list_accounts(db: &Db, q: &str, limit: i64) -> sqlx::Result<Vec<AccountListRow>> {
    let pattern = format!(
        "%{}%",
        q.trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    sqlx::query_as(
        "select id, email, display_name, is_admin, disabled, email_verified_at is not null as verified,
                totp_enabled_at is not null as totp, last_login_at
         from account where email like $1 escape '\\' or lower(display_name) like $2 escape '\\'
         order by id desc limit $3",
    )
    .bind(&pattern)
    .bind(&pattern)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Deletes used or expired links and resets, and expired trusted devices (the scheduler).
pub async fn purge_expired_links(db: &Db) -> sqlx::Result<u64> {
    let ts = now();
    let mut n = 0;
    for sql in [
        "delete from email_token where expires_at <= $1 or used_at is not null",
        "delete from password_reset where expires_at <= $1 or used_at is not null",
        "delete from trusted_device where expires_at <= $1",
        "delete from login_challenge where expires_at <= $1",
    ] {
        n += sqlx::query(sql)
            .bind(&ts)
            .execute(db)
            .await?
            .rows_affected();
    }
    Ok(n)
}
