//! How fresh a listing is: the region's policy (region.json `policy`), the fresh / ageing /
//! stale state derived from the latest sign of life (an edit, the organization's own
//! confirmation, a staff check), and those dates said in words ("3 месяца назад").

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::I18n;

/// The region's rules for keeping listings true. Every field has a default, so a region
/// file without a `policy` gets these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// A listing with no sign of life for this many months is "ageing".
    pub ageing_months: u32,
    /// ... and for this many months "stale": faded in lists, with a one-line explanation.
    pub stale_months: u32,
    /// How often the organization is asked to re-confirm its listing.
    pub reconfirm_months: u32,
    /// How long a staff verification counts.
    pub verification_valid_months: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            ageing_months: 6,
            stale_months: 12,
            reconfirm_months: 6,
            verification_valid_months: 24,
        }
    }
}

/// The longest period a policy may name: ten years.
pub const MAX_POLICY_MONTHS: u32 = 120;

impl Policy {
    /// Why the policy cannot be used, if it cannot (checked when a region file is read).
    pub fn problem(&self) -> Option<String> {
        let all = [
            ("ageing_months", self.ageing_months),
            ("stale_months", self.stale_months),
            ("reconfirm_months", self.reconfirm_months),
            ("verification_valid_months", self.verification_valid_months),
        ];
        if let Some((name, v)) = all.iter().find(|(_, v)| *v == 0 || *v > MAX_POLICY_MONTHS) {
            return Some(format!(
                "policy.{name} is {v}: it must be from 1 to {MAX_POLICY_MONTHS} months"
            ));
        }
        (self.ageing_months >= self.stale_months).then(|| {
            format!(
                "policy.ageing_months ({}) must be less than policy.stale_months ({})",
                self.ageing_months, self.stale_months
            )
        })
    }

    /// The moments (Unix seconds) before which a listing is ageing and stale, as of `now`.
    pub fn thresholds(&self, now: DateTime<Utc>) -> Thresholds {
        let back = |months: u32| {
            now.checked_sub_months(Months::new(months))
                .map_or(i64::MIN, |t| t.timestamp())
        };
        Thresholds {
            ageing_before: back(self.ageing_months),
            stale_before: back(self.stale_months),
        }
    }
}

/// A listing's state, from its latest sign of life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    #[default]
    Fresh,
    Ageing,
    Stale,
}

impl Freshness {
    pub const ALL: [Freshness; 3] = [Self::Fresh, Self::Ageing, Self::Stale];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fresh => "fresh",
            Self::Ageing => "ageing",
            Self::Stale => "stale",
        }
    }

    /// The i18n key of its name ("Давно не обновлялись").
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Fresh => "freshness-fresh",
            Self::Ageing => "freshness-ageing",
            Self::Stale => "freshness-stale",
        }
    }
}

/// [`Policy::thresholds`] for one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    pub ageing_before: i64,
    pub stale_before: i64,
}

impl Thresholds {
    /// The state of a listing whose latest sign of life was at `last` (Unix seconds).
    pub fn state(&self, last: i64) -> Freshness {
        if last < self.stale_before {
            Freshness::Stale
        } else if last < self.ageing_before {
            Freshness::Ageing
        } else {
            Freshness::Fresh
        }
    }
}

/// [`last_sign_of_life`] of the dates as stored (RFC 3339 text; absent ones count as never).
pub fn last_alive(updated: &str, confirmed: Option<&str>, verified: Option<&str>) -> i64 {
    last_sign_of_life(
        unix(updated),
        confirmed.map_or(0, unix),
        verified.map_or(0, unix),
    )
}

/// The latest of a listing's dates (Unix seconds; 0 = never).
pub fn last_sign_of_life(updated: i64, confirmed: i64, verified: i64) -> i64 {
    updated.max(confirmed).max(verified)
}

/// Unix seconds of a stored timestamp or date (`YYYY-MM-DD…`), 0 when it cannot be read.
pub fn unix(stamp: &str) -> i64 {
    DateTime::parse_from_rfc3339(stamp)
        .map(|d| d.timestamp())
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(stamp.get(..10).unwrap_or(""), "%Y-%m-%d")
                .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
        })
        .unwrap_or(0)
}

/// How long ago `then` was, in words: "сегодня", "вчера", "12 дней назад", "3 месяца
/// назад", "2 года назад". A moment in the future (a clock off by a little) reads "сегодня".
pub fn ago(i18n: &I18n, then: i64, now: i64) -> String {
    let days = (now - then).max(0) / 86_400;
    let count = |key: &str, n: i64| i18n.t_with(key, &[("count", n.into())]);
    match days {
        0 => i18n.t("ago-today"),
        1 => i18n.t("ago-yesterday"),
        2..=44 => count("ago-days", days),
        _ if days < 365 => count("ago-months", (days * 12 / 365).max(1)),
        _ => count("ago-years", days / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .expect("a valid test date")
    }

    #[test]
    fn states_follow_the_default_six_and_twelve_months() {
        let now = at("2026-12-03T10:00:00Z");
        let t = Policy::default().thresholds(now);
        let state = |s: &str| t.state(at(s).timestamp());
        assert_eq!(state("2026-11-20T00:00:00Z"), Freshness::Fresh);
        assert_eq!(state("2026-06-04T00:00:00Z"), Freshness::Fresh);
        assert_eq!(state("2026-06-02T00:00:00Z"), Freshness::Ageing);
        assert_eq!(state("2025-12-04T00:00:00Z"), Freshness::Ageing);
        assert_eq!(state("2025-12-02T00:00:00Z"), Freshness::Stale);
        assert_eq!(t.state(0), Freshness::Stale);
    }

    #[test]
    fn a_region_can_set_its_own_thresholds() {
        let p: Policy = serde_json::from_str(r#"{"ageing_months": 3, "stale_months": 4}"#)
            .expect("a valid policy");
        assert_eq!((p.reconfirm_months, p.verification_valid_months), (6, 24));
        let now = at("2026-12-03T10:00:00Z");
        let four_months_ago = at("2026-08-01T00:00:00Z").timestamp();
        assert_eq!(p.thresholds(now).state(four_months_ago), Freshness::Stale);
        assert_eq!(
            Policy::default().thresholds(now).state(four_months_ago),
            Freshness::Fresh
        );
        assert!(p.problem().is_none());
    }

    #[test]
    fn impossible_policies_are_refused() {
        let bad = |json: &str| {
            serde_json::from_str::<Policy>(json)
                .ok()
                .and_then(|p| p.problem())
        };
        assert!(bad(r#"{"ageing_months": 12, "stale_months": 6}"#).is_some());
        assert!(bad(r#"{"stale_months": 0}"#).is_some());
        assert!(bad(r#"{"reconfirm_months": 500}"#).is_some());
        assert!(serde_json::from_str::<Policy>(r#"{"stale_monthz": 6}"#).is_err());
    }

    #[test]
    fn the_latest_sign_of_life_counts() {
        assert_eq!(last_sign_of_life(10, 0, 30), 30);
        assert_eq!(last_sign_of_life(10, 20, 0), 20);
        assert_eq!(unix("2026-01-02"), at("2026-01-02T00:00:00Z").timestamp());
        assert_eq!(unix("not a date"), 0);
    }

    #[test]
    fn dates_read_as_russian_words() {
        let ru = I18n::new(Locale::parse("ru").expect("ru"));
        let now = at("2026-12-03T10:00:00Z").timestamp();
        let day = 86_400;
        assert_eq!(ago(&ru, now - 3600, now), "сегодня");
        assert_eq!(ago(&ru, now + 3600, now), "сегодня");
        assert_eq!(ago(&ru, now - day, now), "вчера");
        assert_eq!(ago(&ru, now - 12 * day, now), "12 дней назад");
        assert_eq!(ago(&ru, now - 21 * day, now), "21 день назад");
        assert_eq!(ago(&ru, now - 3 * day, now), "3 дня назад");
        assert_eq!(ago(&ru, now - 92 * day, now), "3 месяца назад");
        assert_eq!(ago(&ru, now - 200 * day, now), "6 месяцев назад");
        assert_eq!(ago(&ru, now - 400 * day, now), "1 год назад");
        assert_eq!(ago(&ru, now - 800 * day, now), "2 года назад");
        assert_eq!(ago(&ru, now - 2000 * day, now), "5 лет назад");
        let en = I18n::new(Locale::parse("en").expect("en"));
        assert_eq!(ago(&en, now - 92 * day, now), "3 months ago");
        assert_eq!(ago(&en, now - 400 * day, now), "1 year ago");
    }
}
