//! Server-side sessions. The browser holds a 128-bit random token in an HttpOnly cookie
//! (`__Host-` prefixed and `Secure` unless the site runs on plain-HTTP localhost); the
//! database holds its SHA-256, the account, the absolute expiry and the last activity.
//! A new token is issued at every login; logout and password resets delete them.
//!
//! Roles follow the account's proofs: an address not yet verified holds no role, and staff
//! or admin rights need a second factor passed in this session. Sessions of staff and admins
//! are shorter (see [`STAFF_IDLE_HOURS`]).

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

/// Staff and admin sessions end after this long without a request…
pub const STAFF_IDLE_HOURS: i64 = 12;
/// …and after this long in any case.
pub const STAFF_ABSOLUTE_DAYS: i64 = 3;

fn at(ts: DateTime<Utc>) -> String {
    ts.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Starts a session for an account and returns its token (for the cookie).
pub async fn create(
    db: &Db,
    policy: &SessionPolicy,
    account_id: i64,
    client: (&str, &str),
    second_factor: bool,
) -> sqlx::Result<String> {
    let (user_agent, ip) = client;
    let token = new_token();
    let ts = now();
    let expires = at(Utc::now() + policy.absolute);
    let agent: String = user_agent.chars().take(300).collect();
    let ip: String = ip.chars().take(64).collect();
    sqlx::query(
        "insert into session (token_hash, account_id, expires_at, last_seen_at, user_agent, ip, second_factor_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(expires)
    .bind(&ts)
    .bind(agent)
    .bind(ip)
    .bind(second_factor.then_some(&ts))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// What the session lookup reads.
#[derive(sqlx::FromRow)]
struct SessionAccount {
    id: i64,
    email: String,
    display_name: String,
    #[sqlx(try_from = "crate::db::Flag")]
    is_admin: bool,
    last_seen_at: String,
    created_at: String,
    #[sqlx(try_from = "crate::db::Flag")]
    verified: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    second_factor: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    totp: bool,
}

/// The account behind a session token, if the session is alive. Touches the session's
/// last activity at most once a minute, so reading pages costs no writes.
pub async fn lookup(db: &Db, policy: &SessionPolicy, token: &str) -> sqlx::Result<Option<Viewer>> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let now_ts = Utc::now();
    let row: Option<SessionAccount> = sqlx::query_as(
        "select a.id, a.email, a.display_name, a.is_admin, s.last_seen_at, s.created_at,
                a.email_verified_at is not null as verified, s.second_factor_at is not null as second_factor,
                a.totp_enabled_at is not null as totp
         from session s join account a on a.id = s.account_id
         where s.token_hash = $1 and s.expires_at > $2 and s.last_seen_at > $3 and a.disabled = 0",
    )
    .bind(&hash)
    .bind(at(now_ts))
    .bind(at(now_ts - policy.idle))
    .fetch_optional(db)
    .await?;
    let Some(a) = row else {
        return Ok(None);
    };
    let staff_regions: Vec<i64> = sqlx::query_scalar(
        "select region_id from staff_role where account_id = $1 order by region_id",
    )
    .bind(a.id)
    .fetch_all(db)
    .await?;
    let privileged = a.is_admin || !staff_regions.is_empty();
    if privileged && staff_session_over(&a, now_ts) {
        destroy(db, token).await?;
        return Ok(None);
    }
    if a.last_seen_at < at(now_ts - ChronoDuration::minutes(1)) {
        sqlx::query("update session set last_seen_at = $1, updated_at = $2 where token_hash = $3")
            .bind(at(now_ts))
            .bind(at(now_ts))
            .bind(&hash)
            .execute(db)
            .await?;
    }
    let may_use_roles = a.verified && (!privileged || a.second_factor);
    Ok(Some(Viewer {
        account_id: a.id,
        email: a.email,
        display_name: a.display_name,
        is_admin: a.is_admin && may_use_roles,
        staff_regions: if may_use_roles { staff_regions } else { vec![] },
        email_verified: a.verified,
        needs_second_factor: a.verified && privileged && !a.second_factor,
        totp_enabled: a.totp,
    }))
}

/// Whether a staff or admin session is past the shorter staff limits.
fn staff_session_over(a: &SessionAccount, now_ts: DateTime<Utc>) -> bool {
    a.last_seen_at < at(now_ts - ChronoDuration::hours(STAFF_IDLE_HOURS))
        || a.created_at < at(now_ts - ChronoDuration::days(STAFF_ABSOLUTE_DAYS))
}

/// Ends one session.
pub async fn destroy(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("delete from session where token_hash = $1")
        .bind(token_hash(token))
        .execute(db)
        .await
        .map(|_| ())
}

/// Ends every session of an account (after a password reset).
pub async fn destroy_all(db: &Db, account_id: i64) -> sqlx::Result<()> {
    sqlx::query("delete from session where account_id = $1")
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes sessions past their absolute or idle end; the hourly housekeeping runs it.
pub async fn purge_expired(db: &Db, policy: &SessionPolicy) -> sqlx::Result<u64> {
    let now_ts = Utc::now();
    sqlx::query("delete from session where expires_at <= $1 or last_seen_at <= $2")
        .bind(at(now_ts))
        .bind(at(now_ts - policy.idle))
        .execute(db)
        .await
        .map(|r| r.rows_affected())
}
