//! Which reminder round is due for an organization, from its last sign of life (the latest
//! of its edit, its own confirmation and a staff check) and its region's policy:
//! - `periodic`: `reconfirm_months` after the last sign of life;
//! - `pre_stale`: [`PRE_STALE_DAYS`] before the listing would turn stale.
//!
//! A round is named after the date of the sign of life it follows, so any new sign of life
//! starts fresh rounds, and the same round is never queued twice (the job table is unique
//! on organization and round).

use chrono::{DateTime, Duration, Months, Utc};

use super::PRE_STALE_DAYS;
use crate::freshness::Policy;

/// A round to queue: its name and when it is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub name: String,
    pub due: DateTime<Utc>,
}

/// The round due at `now` for a listing last alive at `last`, if any. When both are due
/// (the listing is close to stale and was never reminded), only the later one is sent.
pub fn due_round(policy: &Policy, last: DateTime<Utc>, now: DateTime<Utc>) -> Option<Round> {
    let day = last.format("%Y-%m-%d");
    let pre_stale = last
        .checked_add_months(Months::new(policy.stale_months))
        .map(|t| t - Duration::days(PRE_STALE_DAYS))?;
    let periodic = last.checked_add_months(Months::new(policy.reconfirm_months))?;
    if now >= pre_stale {
        return Some(Round {
            name: format!("pre_stale:{day}"),
            due: pre_stale,
        });
    }
    (now >= periodic).then(|| Round {
        name: format!("periodic:{day}"),
        due: periodic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .expect("a date")
    }

    #[test]
    fn nothing_is_due_before_the_reconfirm_period() {
        let p = Policy::default();
        let last = at("2026-06-10T09:00:00Z");
        assert_eq!(due_round(&p, last, at("2026-12-09T09:00:00Z")), None);
    }

    #[test]
    fn the_periodic_round_comes_after_six_months_and_the_second_before_stale() {
        let p = Policy::default();
        let last = at("2026-01-10T09:00:00Z");
        let six = due_round(&p, last, at("2026-07-10T10:00:00Z")).expect("due");
        assert_eq!(six.name, "periodic:2026-01-10");
        assert_eq!(six.due, at("2026-07-10T09:00:00Z"));
        // Still the same round a month later: queued once, never again.
        let later = due_round(&p, last, at("2026-08-10T10:00:00Z")).expect("due");
        assert_eq!(later.name, six.name);
        // Two weeks before twelve months: the second reminder.
        let second = due_round(&p, last, at("2026-12-28T10:00:00Z")).expect("due");
        assert_eq!(second.name, "pre_stale:2026-01-10");
        assert_eq!(second.due, at("2026-12-27T09:00:00Z"));
    }

    #[test]
    fn the_region_policy_sets_the_period_and_a_new_sign_of_life_starts_over() {
        let p: Policy = serde_json::from_str(
            r#"{"ageing_months": 2, "stale_months": 4, "reconfirm_months": 1}"#,
        )
        .expect("policy");
        let last = at("2026-10-01T00:00:00Z");
        let r = due_round(&p, last, at("2026-11-02T00:00:00Z")).expect("due after a month");
        assert_eq!(r.name, "periodic:2026-10-01");
        let confirmed = at("2026-11-03T00:00:00Z");
        assert_eq!(due_round(&p, confirmed, at("2026-11-04T00:00:00Z")), None);
    }
}
