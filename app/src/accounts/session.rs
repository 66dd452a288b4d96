//! Server-side sessions. The browser holds a 128-bit random token in an HttpOnly cookie
//! (`__Host-` prefixed and `Secure` unless the site runs on plain-HTTP localhost); the
//! database holds its SHA-256, the account, the absolute expiry and the last activity.
//! A new token is issued at every login; logout and password resets delete them.

use chrono::{DateTime, Duration as ChronoDuration, Utc};

use super::token::{looks_like_token, new_token, token_hash};
use super::Viewer;
use crate::db::{now, Db};

/// How long sessions live, and how the cookie is sent.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    /// Logged out after this long without a request.
    pub idle: ChronoDuration,
    /// Logged out after this long, whatever the activity.
    pub absolute: ChronoDuration,
    /// `Secure` cookies with the `__Host-` prefix. Off only for plain-HTTP localhost.
    pub secure_cookies: bool,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: ChronoDuration::days(7),
            absolute: ChronoDuration::days(30),
            secure_cookies: false,
        }
    }
}

impl SessionPolicy {
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-poputchiki_session"
        } else {
            "poputchiki_session"
        }
    }

    fn attributes(&self) -> &'static str {
        if self.secure_cookies {
            "Path=/; Secure; HttpOnly; SameSite=Lax"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }

    /// The `Set-Cookie` value that gives the browser a session.
    pub fn set_cookie(&self, token: &str) -> String {
        format!(
            "{}={token}; Max-Age={}; {}",
            self.cookie_name(),
            self.absolute.num_seconds(),
            self.attributes()
        )
    }

    /// The `Set-Cookie` value that removes the session cookie.
    pub fn clear_cookie(&self) -> String {
        format!("{}=; Max-Age=0; {}", self.cookie_name(), self.attributes())
    }
}

fn at(ts: DateTime<Utc>) -> String {
    ts.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Starts a session for an account and returns its token (for the cookie).
pub async fn create(
    db: &Db,
    policy: &SessionPolicy,
    account_id: i64,
    user_agent: &str,
) -> sqlx::Result<String> {
    let token = new_token();
    let ts = now();
    let expires = at(Utc::now() + policy.absolute);
    let agent: String = user_agent.chars().take(300).collect();
    sqlx::query(
        "insert into session (token_hash, account_id, expires_at, last_seen_at, user_agent, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(expires)
    .bind(&ts)
    .bind(agent)
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// The account behind a session token, if the session is alive. Touches the session's
/// last activity at most once a minute, so reading pages costs no writes.
pub async fn lookup(db: &Db, policy: &SessionPolicy, token: &str) -> sqlx::Result<Option<Viewer>> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let now_ts = Utc::now();
    let idle_cutoff = at(now_ts - policy.idle);
    let row: Option<(i64, String, String, bool, String)> = sqlx::query_as(
        "select a.id, a.email, a.display_name, a.is_admin, s.last_seen_at
         from session s join account a on a.id = s.account_id
         where s.token_hash = ? and s.expires_at > ? and s.last_seen_at > ? and a.disabled = 0",
    )
    .bind(&hash)
    .bind(at(now_ts))
    .bind(&idle_cutoff)
    .fetch_optional(db)
    .await?;
    let Some((account_id, email, display_name, is_admin, last_seen)) = row else {
        return Ok(None);
    };
    if last_seen < at(now_ts - ChronoDuration::minutes(1)) {
        sqlx::query("update session set last_seen_at = ?, updated_at = ? where token_hash = ?")
            .bind(at(now_ts))
            .bind(at(now_ts))
            .bind(&hash)
            .execute(db)
            .await?;
    }
    let staff_regions = sqlx::query_scalar(
        "select region_id from staff_role where account_id = ? order by region_id",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(Some(Viewer {
        account_id,
        email,
        display_name,
        is_admin,
        staff_regions,
    }))
}

/// Ends one session.
pub async fn destroy(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("delete from session where token_hash = ?")
        .bind(token_hash(token))
        .execute(db)
        .await
        .map(|_| ())
}

/// Ends every session of an account (after a password reset).
pub async fn destroy_all(db: &Db, account_id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from session where account_id = ?")
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes sessions past their absolute or idle end; run at start-up and now and then.
pub async fn purge_expired(db: &Db, policy: &SessionPolicy) -> sqlx::Result<u64> {
    let now_ts = Utc::now();
    sqlx::query("delete from session where expires_at <= ? or last_seen_at <= ?")
        .bind(at(now_ts))
        .bind(at(now_ts - policy.idle))
        .execute(db)
        .await
        .map(|r| r.rows_affected())
}
