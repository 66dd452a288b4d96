//! Slowing down guessing: failed logins (and other abusable forms, such as error reports)
//! are counted per key, and after a few free tries each further try must wait twice as long
//! as the one before, up to a cap. Counts are forgotten after an hour of quiet.
//!
//! Login uses three keys: the account with the IP (strict), the account alone and the IP
//! alone (looser, against attacks spread over many IPs or many accounts). A browser that has
//! logged in to the account before (a trusted-device cookie) is counted only under its own
//! key (device + account), so an attacker hammering an account, even from the same IP,
//! cannot lock its real owner out; a password reset clears the account's counts too.
//!
//! The counts live in the database (`throttle`), so every instance behind a load balancer
//! counts the same tries: an attacker gains nothing by landing on another instance. Keys
//! are kept as 128-bit hashes, so a megabyte of typed email costs 32 characters there; the
//! hourly sweep forgets quiet keys and keeps at most [`MAX_KEYS`].

use std::time::Duration;

use crate::db::Db;

/// How a kind of key is throttled.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Failures allowed before any waiting.
    pub free: u32,
    /// The first wait; each further failure doubles it.
    pub base: Duration,
    pub max: Duration,
    /// Quiet time after which the failures are forgotten.
    pub forget_after: Duration,
}

const HOUR: Duration = Duration::from_secs(3600);

impl Rule {
    /// `free` failures, then waits from `base_secs` doubling up to `max_secs`; an hour's
    /// quiet forgets them.
    const fn forgotten_after_an_hour(free: u32, base_secs: u64, max_secs: u64) -> Self {
        Self {
            free,
            base: Duration::from_secs(base_secs),
            max: Duration::from_secs(max_secs),
            forget_after: HOUR,
        }
    }
}

/// One account from one IP.
pub const LOGIN_ACCOUNT_IP: Rule = Rule::forgotten_after_an_hour(5, 2, 15 * 60);
/// One account from anywhere.
pub const LOGIN_ACCOUNT: Rule = Rule::forgotten_after_an_hour(20, 2, 10 * 60);
/// One IP against any accounts.
pub const LOGIN_IP: Rule = Rule::forgotten_after_an_hour(50, 1, 15 * 60);
/// Error reports, password-reset emails and registrations from one IP.
pub const FORM_IP: Rule = Rule::forgotten_after_an_hour(5, 60, 3600);

/// Downloads of the directory from one IP: thirty an hour are free, then each waits
/// longer, so one visitor cannot keep the export slots busy.
pub const EXPORT_IP: Rule = Rule::forgotten_after_an_hour(30, 10, 10 * 60);

/// Sitemap files from one IP: sixty an hour are free (a crawler needs a few a day), then
/// each waits longer, so nobody makes the server read the directory over and over.
pub const SITEMAP_IP: Rule = Rule::forgotten_after_an_hour(60, 10, 10 * 60);

/// «Могу помочь» mails from one account: five an hour are free, then ten minutes, doubling.
pub const HELP_ACCOUNT: Rule = Rule::forgotten_after_an_hour(5, 600, 3600);

/// Failed tries of links from one IP (password-reset and email links that are unknown,
/// used or expired): twenty free, then a growing wait, so guessing links is slow.
pub const FAILURE_IP: Rule = Rule::forgotten_after_an_hour(20, 5, 15 * 60);

/// Failure counts, shared through the database by every instance.
#[derive(Clone, Debug)]
pub struct Throttle {
    db: Db,
}

/// The most keys kept after a sweep.
pub const MAX_KEYS: i64 = 100_000;

fn key_of(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

/// How long a key with `failures` failures, the last `quiet` ago, must still wait.
fn wait_for(failures: i64, quiet: Duration, rule: &Rule) -> Option<Duration> {
    if quiet >= rule.forget_after || failures < i64::from(rule.free) {
        return None;
    }
    let doublings = (failures - i64::from(rule.free)).min(20) as u32;
    let delay = rule.base.saturating_mul(1u32 << doublings).min(rule.max);
    delay.checked_sub(quiet).filter(|d| !d.is_zero())
}

impl Throttle {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The form's «try again in N minutes» when any of `keys` must wait under `rule`.
    pub async fn form_issue(&self, keys: &[&str], rule: &Rule) -> Option<crate::error::FieldIssue> {
        let mut wait = None;
        for key in keys {
            wait = wait.max(self.wait_needed(key, rule).await);
        }
        let minutes = (wait?.as_secs() / 60 + 1).to_string();
        Some(crate::error::FieldIssue::new("", "err-rate-limited").arg("minutes", minutes))
    }

    /// Counts one use of each of `keys`.
    pub async fn hit_all(&self, keys: &[&str], rule: &Rule) {
        for key in keys {
            self.hit(key, rule).await;
        }
    }

    /// How long the caller must still wait before trying `key` again, if at all. A database
    /// that does not answer makes no one wait (the request then fails on its own reads).
    pub async fn wait_needed(&self, key: &str, rule: &Rule) -> Option<Duration> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("select failures, last_at from throttle where key = $1")
                .bind(key_of(key))
                .fetch_optional(&self.db)
                .await
                .inspect_err(|e| tracing::error!(error = %e, "throttle read failed"))
                .ok()
                .flatten();
        let (failures, last) = row?;
        let quiet = Duration::from_secs(u64::try_from(now_secs() - last).unwrap_or(0));
        wait_for(failures, quiet, rule)
    }

    /// Records one failure (or one use, for rate-limited forms): counting starts again
    /// after the rule's quiet time.
    pub async fn hit(&self, key: &str, rule: &Rule) {
        let r = sqlx::query(
            "insert into throttle (key, failures, last_at) values ($1, 1, $2)
             on conflict (key) do update set
               failures = case when $2 - throttle.last_at >= $3 then 1
                               when throttle.failures >= 1000 then 1000
                               else throttle.failures + 1 end,
               last_at = $2",
        )
        .bind(key_of(key))
        .bind(now_secs())
        .bind(rule.forget_after.as_secs() as i64)
        .execute(&self.db)
        .await;
        if let Err(e) = r {
            tracing::error!(error = %e, "throttle write failed");
        }
    }

    /// Forgets a key (after a successful login or a password reset).
    pub async fn clear(&self, key: &str) {
        let r = sqlx::query("delete from throttle where key = $1")
            .bind(key_of(key))
            .execute(&self.db)
            .await;
        if let Err(e) = r {
            tracing::error!(error = %e, "throttle clear failed");
        }
    }

    /// Whether a key has any failures recorded.
    pub async fn contains(&self, key: &str) -> bool {
        sqlx::query_scalar::<_, i64>("select count(*) from throttle where key = $1")
            .bind(key_of(key))
            .fetch_one(&self.db)
            .await
            .is_ok_and(|n| n > 0)
    }

    /// How many keys are held (for tests and the soak script's checks).
    pub async fn keys_held(&self) -> i64 {
        sqlx::query_scalar("select count(*) from throttle")
            .fetch_one(&self.db)
            .await
            .unwrap_or(0)
    }

    /// Forgets keys quiet for longer than any rule remembers, then the oldest beyond
    /// [`MAX_KEYS`] (the scheduler calls this hourly).
    pub async fn sweep(&self) -> sqlx::Result<()> {
        sqlx::query("delete from throttle where last_at < $1")
            .bind(now_secs() - HOUR.as_secs() as i64)
            .execute(&self.db)
            .await?;
        sqlx::query(
            "delete from throttle where last_at < (select last_at from throttle
               order by last_at desc limit 1 offset $1)",
        )
        .bind(MAX_KEYS)
        .execute(&self.db)
        .await?;
        Ok(())
    }
}

/// The throttle keys of a login attempt (the email is at most 254 characters by then;
/// the keys are hashed anyway).
pub fn login_keys(email: &str, ip: &str) -> [(String, Rule); 3] {
    let email = email.trim().to_lowercase();
    [
        (format!("login:{email}|{ip}"), LOGIN_ACCOUNT_IP),
        (format!("login:{email}"), LOGIN_ACCOUNT),
        (format!("login-ip:{ip}"), LOGIN_IP),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_tries_then_doubling_waits_up_to_the_cap() {
        let r = LOGIN_ACCOUNT_IP;
        let none = Duration::ZERO;
        for failures in 0..i64::from(r.free) {
            assert_eq!(wait_for(failures, none, &r), None);
        }
        // The sixth failure is the first that makes the next try wait: 2 s, then 4 s.
        assert_eq!(wait_for(5, none, &r), Some(Duration::from_secs(2)));
        assert_eq!(wait_for(6, none, &r), Some(Duration::from_secs(4)));
        assert_eq!(
            wait_for(6, Duration::from_secs(3), &r),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            wait_for(1000, none, &r),
            Some(r.max),
            "never more than the cap: no permanent lock-out"
        );
        assert_eq!(wait_for(1000, HOUR, &r), None, "an hour's quiet forgets");
    }

    #[tokio::test]
    async fn counts_are_kept_in_the_database_and_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = crate::db::connect_file(&dir.path().join("t.db"))
            .await
            .expect("db");
        let t = Throttle::new(db.clone());
        // A second instance on the same database sees the same counts.
        let other = Throttle::new(db);
        for _ in 0..10 {
            t.hit("k", &LOGIN_ACCOUNT_IP).await;
        }
        assert!(other.wait_needed("k", &LOGIN_ACCOUNT_IP).await.is_some());
        assert!(other.contains("k").await);
        assert_eq!(other.wait_needed("other", &LOGIN_ACCOUNT_IP).await, None);
        other.clear("k").await;
        assert_eq!(t.wait_needed("k", &LOGIN_ACCOUNT_IP).await, None);
        assert_eq!(t.keys_held().await, 0);
    }
}
