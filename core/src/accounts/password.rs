//! Passwords: argon2id with OWASP's parameters (m = 19456 KiB, t = 2, p = 1), at most a few
//! hashes at once (each takes ~40 ms and 19 MiB), and the rules for a new password: at least
//! 8 characters, not on the list of common passwords, no composition rules.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::OsRng;
use tokio::sync::Semaphore;

use crate::error::AppError;

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_CHARS: usize = 256;
/// Hashes running at once; the rest wait. Two match the two cores of the standard machine.
const CONCURRENT_HASHES: usize = 2;
/// A request that cannot start hashing within this time gets "busy, try again".
const WAIT_FOR_HASH: Duration = Duration::from_secs(15);
/// Requests allowed to queue for a hash; beyond this the answer is "busy" at once, so a
/// flood of hashing requests cannot hold real logins in a long queue.
pub const MAX_QUEUED_HASHES: usize = 8;

static COMMON: &str = include_str!("../../../seed/common-passwords.txt");

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Checks a new password; the error is the i18n key of the message.
pub fn check_new_password(password: &str, email: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err("err-password-short");
    }
    if chars > MAX_CHARS {
        return Err("err-password-long");
    }
    let lower = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or("").to_lowercase();
    if common_passwords().contains(lower.as_str())
        || lower == email.to_lowercase()
        || lower == local_part
    {
        return Err("err-password-common");
    }
    Ok(())
}

fn argon2id() -> Argon2<'static> {
    // The parameters are constants known to be valid; the fallback is never taken.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(CONCURRENT_HASHES))
}

fn queued() -> &'static AtomicUsize {
    static QUEUED: AtomicUsize = AtomicUsize::new(0);
    &QUEUED
}

/// Counts a request in the hash queue for as long as it waits.
struct InQueue;

impl InQueue {
    fn enter() -> Option<Self> {
        let before = queued().fetch_add(1, Ordering::SeqCst);
        if before >= MAX_QUEUED_HASHES {
            queued().fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Self)
    }
}

impl Drop for InQueue {
    fn drop(&mut self) {
        queued().fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs one hash job on the blocking pool, holding one of the few permits.
async fn with_permit<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let busy = || AppError::TooManyRequests("err-busy".into());
    let in_queue = InQueue::enter().ok_or_else(busy)?;
    let permit = tokio::time::timeout(WAIT_FOR_HASH, permits().acquire())
        .await
        .map_err(|_| busy())?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hash semaphore closed: {e}")))?;
    drop(in_queue);
    let out = tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hash task failed: {e}")))?;
    drop(permit);
    Ok(out)
}

/// The PHC string of a new password.
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    with_permit(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2id()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 hash failed: {e}")))
    })
    .await?
}

/// Whether `password` matches the stored hash. With no hash (an unknown account) it still
/// spends the same time, so response times do not reveal which emails have accounts.
pub async fn verify_password(password: &str, stored: Option<&str>) -> Result<bool, AppError> {
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    with_permit(move || {
        let dummy = dummy_hash();
        let phc = stored.as_deref().unwrap_or(dummy);
        let ok = PasswordHash::new(phc)
            .map(|h| argon2id().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && stored.is_some()
    })
    .await
}

/// A valid hash of a random password, computed once, for timing-equal failures.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2id()
            .hash_password(super::token::new_token().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_email_passwords_are_refused() {
        assert_eq!(
            check_new_password("1234567", "a@b.ru"),
            Err("err-password-short")
        );
        assert_eq!(
            check_new_password("password", "a@b.ru"),
            Err("err-password-common")
        );
        assert_eq!(
            check_new_password("QWERTYUIOP", "a@b.ru"),
            Err("err-password-common")
        );
        assert_eq!(
            check_new_password("йцукенгш", "a@b.ru"),
            Err("err-password-common")
        );
        assert_eq!(
            check_new_password("ivan.petrov", "ivan.petrov@mail.ru"),
            Err("err-password-common")
        );
        assert_eq!(
            check_new_password(&"я".repeat(300), "a@b.ru"),
            Err("err-password-long")
        );
        // No composition rules: a long lowercase passphrase is fine.
        assert_eq!(check_new_password("рыжий кот на крыше", "a@b.ru"), Ok(()));
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = hash_password("рыжий кот на крыше").await.expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("рыжий кот на крыше", Some(&h))
            .await
            .expect("verify"));
        assert!(!verify_password("рыжий кот на крыше!", Some(&h))
            .await
            .expect("verify"));
        assert!(!verify_password("anything", None).await.expect("verify"));
        assert!(!verify_password("anything", Some("not a hash"))
            .await
            .expect("verify"));
    }
}
