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
//! Keys are kept as 128-bit hashes, so a megabyte of typed email costs 16 bytes here, and
//! the table holds at most [`MAX_KEYS`] of them: forgotten keys are swept first, then the
//! least recently used.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

#[derive(Clone, Copy, Debug)]
struct Entry {
    failures: u32,
    last: Instant,
}

/// Failure counts in memory. One instance per server process.
#[derive(Debug, Default)]
pub struct Throttle {
    entries: Mutex<HashMap<Key, Entry>>,
}

type Key = [u8; 16];

/// The most keys kept (about 5 MB).
pub const MAX_KEYS: usize = 100_000;

fn key_of(key: &str) -> Key {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&digest[..16]);
    k
}

impl Throttle {
    /// The form's «try again in N minutes» when any of `keys` must wait under `rule`.
    pub fn form_issue(&self, keys: &[&str], rule: &Rule) -> Option<crate::error::FieldIssue> {
        let wait = keys
            .iter()
            .filter_map(|k| self.wait_needed(k, rule))
            .max()?;
        let minutes = (wait.as_secs() / 60 + 1).to_string();
        Some(crate::error::FieldIssue::new("", "err-rate-limited").arg("minutes", minutes))
    }

    /// Counts one use of each of `keys`.
    pub fn hit_all(&self, keys: &[&str], rule: &Rule) {
        for key in keys {
            self.hit(key, rule);
        }
    }

    /// How long the caller must still wait before trying `key` again, if at all.
    pub fn wait_needed(&self, key: &str, rule: &Rule) -> Option<Duration> {
        self.wait_needed_at(key, rule, Instant::now())
    }

    fn wait_needed_at(&self, key: &str, rule: &Rule, now: Instant) -> Option<Duration> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(&key_of(key))?;
        let quiet = now.saturating_duration_since(e.last);
        if quiet >= rule.forget_after || e.failures < rule.free {
            return None;
        }
        let doublings = (e.failures - rule.free).min(20);
        let delay = rule.base.saturating_mul(1u32 << doublings).min(rule.max);
        delay.checked_sub(quiet).filter(|d| !d.is_zero())
    }

    /// Records one failure (or one use, for rate-limited forms).
    pub fn hit(&self, key: &str, rule: &Rule) {
        self.hit_at(key, rule, Instant::now());
    }

    fn hit_at(&self, key: &str, rule: &Rule, now: Instant) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_KEYS {
            make_room(&mut entries, now);
        }
        let e = entries.entry(key_of(key)).or_insert(Entry {
            failures: 0,
            last: now,
        });
        if now.saturating_duration_since(e.last) >= rule.forget_after {
            e.failures = 0;
        }
        e.failures = e.failures.saturating_add(1);
        e.last = now;
    }

    /// Forgets a key (after a successful login or a password reset).
    pub fn clear(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&key_of(key));
        }
    }

    /// Whether a key has any failures recorded.
    pub fn contains(&self, key: &str) -> bool {
        self.entries
            .lock()
            .map(|e| e.contains_key(&key_of(key)))
            .unwrap_or(false)
    }

    /// How many keys are held (for tests and the soak script's checks).
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops keys quiet for longer than any rule remembers (the scheduler calls this).
    pub fn sweep(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            let now = Instant::now();
            entries.retain(|_, e| now.saturating_duration_since(e.last) < HOUR);
        }
    }
}

/// Frees room in a full table: forgotten keys first, then the least recently used tenth.
fn make_room(entries: &mut HashMap<Key, Entry>, now: Instant) {
    entries.retain(|_, e| now.saturating_duration_since(e.last) < HOUR);
    if entries.len() < MAX_KEYS {
        return;
    }
    let mut lasts: Vec<Instant> = entries.values().map(|e| e.last).collect();
    let cut = lasts.len() / 10;
    lasts.select_nth_unstable(cut);
    let threshold = lasts[cut];
    entries.retain(|_, e| e.last > threshold);
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
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..LOGIN_ACCOUNT_IP.free {
            assert_eq!(t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start), None);
            t.hit_at("k", &LOGIN_ACCOUNT_IP, start);
        }
        // The sixth failure is the first that makes the next try wait: 2 s.
        assert_eq!(
            t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start),
            Some(Duration::from_secs(2))
        );
        t.hit_at("k", &LOGIN_ACCOUNT_IP, start);
        assert_eq!(
            t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start),
            Some(Duration::from_secs(4))
        );
        let later = start + Duration::from_secs(3);
        assert_eq!(
            t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, later),
            Some(Duration::from_secs(1))
        );
        for _ in 0..30 {
            t.hit_at("k", &LOGIN_ACCOUNT_IP, start);
        }
        assert_eq!(
            t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start),
            Some(LOGIN_ACCOUNT_IP.max),
            "never more than the cap: no permanent lock-out"
        );
    }

    #[test]
    fn quiet_time_and_success_forget_failures() {
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..10 {
            t.hit_at("k", &LOGIN_ACCOUNT_IP, start);
        }
        assert!(t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start).is_some());
        assert_eq!(t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start + HOUR), None);
        t.clear("k");
        assert_eq!(t.wait_needed_at("k", &LOGIN_ACCOUNT_IP, start), None);
        assert_eq!(t.wait_needed_at("other", &LOGIN_ACCOUNT_IP, start), None);
    }

    #[test]
    fn the_table_never_holds_more_than_its_cap_and_keeps_recent_keys() {
        let t = Throttle::default();
        let start = Instant::now();
        for i in 0..(MAX_KEYS + 5_000) {
            let at = start + Duration::from_millis(i as u64);
            t.hit_at(&format!("login:{i}"), &LOGIN_IP, at);
        }
        assert!(t.len() <= MAX_KEYS, "{} keys", t.len());
        let last = start + Duration::from_millis((MAX_KEYS + 4_999) as u64);
        assert!(t
            .entries
            .lock()
            .expect("lock")
            .values()
            .any(|e| e.last == last));
    }
}
