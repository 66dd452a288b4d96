//! Computes the staff queues from the stored facts: which organizations are in which queue
//! (and why, in words), the counts for the workspace, and one queue's page.

use chrono::{DateTime, Duration, Months, Utc};

use super::store::{self, LastReminder, OrgFacts};
use super::{DeskSummary, OkrugOption, Queue, QueueItem, QueuePage, PER_PAGE};
use crate::error::AppError;
use crate::freshness::{ago, last_alive, unix, Freshness, Thresholds};
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::organizations::view::date_text;
use crate::reconfirm::UNANSWERED_DAYS;
use crate::state::Core;

/// Everything the classification needs, loaded once per request.
struct Facts {
    orgs: Vec<OrgFacts>,
    reminders: std::collections::HashMap<i64, LastReminder>,
    failed_mail: std::collections::HashSet<i64>,
    thresholds: Thresholds,
    verification_before: i64,
    unanswered_before: String,
    now: DateTime<Utc>,
    /// Suspected duplicates: organization → (the other one, why); each pair once, on its
    /// lower id.
    duplicates: std::collections::HashMap<i64, (i64, crate::duplicates::Reason)>,
}

async fn load(state: &Core) -> Result<Facts, AppError> {
    let now = Utc::now();
    let policy = &state.region.policy;
    let verification_before = now
        .checked_sub_months(Months::new(policy.verification_valid_months))
        .unwrap_or(now)
        .timestamp();
    let records = crate::duplicates::store::records(&state.db, state.region.id).await?;
    let dismissed = crate::duplicates::store::dismissed(&state.db, state.region.id).await?;
    let mut duplicates = std::collections::HashMap::new();
    for (a, b, why) in crate::duplicates::pairs(&records) {
        if !dismissed.contains(&(a, b)) {
            duplicates.entry(a).or_insert((b, why));
        }
    }
    Ok(Facts {
        duplicates,
        orgs: store::published(&state.db, state.region.id).await?,
        reminders: store::last_reminders(&state.db, state.region.id).await?,
        failed_mail: store::failed_mail_ids(&state.db).await?,
        thresholds: policy.thresholds(now),
        verification_before,
        unanswered_before: crate::db::from_now(-Duration::days(UNANSWERED_DAYS)),
        now,
    })
}

impl Facts {
    /// Why this organization is in this queue, or None if it is not.
    fn reason(&self, q: Queue, o: &OrgFacts, i18n: &I18n) -> Option<String> {
        let in_words = |t: i64| ago(i18n, t, self.now.timestamp());
        match q {
            Queue::Stale => {
                let last = last_alive(
                    &o.updated_at,
                    o.confirmed_at.as_deref(),
                    o.verified_at.as_deref(),
                );
                (self.thresholds.state(last) == Freshness::Stale)
                    .then(|| i18n.t_with("queue-reason-stale", &[("ago", in_words(last).into())]))
            }
            Queue::Call => {
                let r = self.reminders.get(&o.id)?;
                let bounced = serde_json::from_str::<Vec<i64>>(&r.mail_ids)
                    .unwrap_or_default()
                    .iter()
                    .any(|id| self.failed_mail.contains(id));
                let sent = r.sent_at.as_deref().unwrap_or_default();
                match r.state.as_str() {
                    "no_address" => Some(i18n.t("queue-reason-no-address")),
                    "sent" if bounced => Some(i18n.t("queue-reason-bounced")),
                    "sent" if sent < self.unanswered_before.as_str() => Some(i18n.t_with(
                        "queue-reason-unanswered",
                        &[("date", date_text(i18n, sent).into())],
                    )),
                    _ => None,
                }
            }
            Queue::NoEditor => (!o.has_editor).then(|| i18n.t("queue-reason-no-editor")),
            Queue::Duplicates => {
                let (other, why) = self.duplicates.get(&o.id)?;
                let name = self
                    .orgs
                    .iter()
                    .find(|x| x.id == *other)
                    .map_or_else(String::new, |x| x.name.clone());
                Some(i18n.t_with(
                    "queue-reason-duplicate",
                    &[
                        ("name", name.into()),
                        ("id", (*other).into()),
                        ("why", i18n.t(why.message_key()).into()),
                    ],
                ))
            }
            Queue::VerificationExpired => {
                let v = o.verified_at.as_deref()?;
                (unix(v) < self.verification_before).then(|| {
                    i18n.t_with(
                        "queue-reason-verification",
                        &[("date", date_text(i18n, v).into())],
                    )
                })
            }
        }
    }

    fn in_okrug(&self, okrug: Option<i64>) -> impl Iterator<Item = &OrgFacts> {
        self.orgs
            .iter()
            .filter(move |o| okrug.is_none_or(|k| o.okrug_id == k))
    }
}

/// The okrug id of a filter slug (an unknown slug filters nothing out: the whole region).
fn okrug_filter(state: &Core, slug: Option<&str>) -> (Option<String>, Option<i64>) {
    match slug.and_then(|s| state.region.okrug_by_slug(s)) {
        Some(o) => (Some(o.slug.clone()), Some(o.id)),
        None => (None, None),
    }
}

pub(crate) fn okrug_options(state: &Core, i18n: &I18n) -> Vec<OkrugOption> {
    state
        .region
        .okrugs
        .iter()
        .map(|o| OkrugOption {
            slug: o.slug.clone(),
            name: o.name.get(i18n.locale).to_owned(),
        })
        .collect()
}

/// The workspace's counts for an okrug (or the region).
pub async fn summary(
    state: &Core,
    okrug: Option<&str>,
    i18n: &I18n,
) -> Result<DeskSummary, AppError> {
    let (slug, okrug_id) = okrug_filter(state, okrug);
    let facts = load(state).await?;
    let queues = Queue::ALL
        .iter()
        .map(|q| {
            let n = facts
                .in_okrug(okrug_id)
                .filter(|o| facts.reason(*q, o, i18n).is_some())
                .count();
            (*q, n)
        })
        .collect();
    let pending = crate::editing::store::pending(&state.db, state.region.id)
        .await?
        .iter()
        .filter(|p| okrug_id.is_none_or(|k| p.okrug_id == k))
        .count();
    let reports = crate::editing::store::open_reports(&state.db, state.region.id)
        .await?
        .iter()
        .filter(|r| okrug_id.is_none_or(|k| r.okrug_id == k))
        .count();
    let edits = crate::editing::review_edits::pending(&state.db, state.region.id)
        .await?
        .iter()
        .filter(|e| okrug_id.is_none_or(|k| e.okrug_id == k))
        .count();
    Ok(DeskSummary {
        okrug: slug,
        okrugs: okrug_options(state, i18n),
        pending,
        reports,
        edits,
        queues,
    })
}

/// One page of a queue, for an okrug (or the region), with each organization's phones and
/// emails (the "нужно позвонить" queue is worked by phone).
pub async fn queue_page(
    state: &Core,
    queue: Queue,
    okrug: Option<&str>,
    page: usize,
    i18n: &I18n,
) -> Result<QueuePage, AppError> {
    let (slug, okrug_id) = okrug_filter(state, okrug);
    let facts = load(state).await?;
    let all: Vec<(&OrgFacts, String)> = facts
        .in_okrug(okrug_id)
        .filter_map(|o| facts.reason(queue, o, i18n).map(|r| (o, r)))
        .collect();
    let page = page.max(1);
    let shown: Vec<_> = all
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    let ids: Vec<i64> = shown.iter().map(|(o, _)| o.id).collect();
    let mut contacts = store::contacts(&state.db, &ids).await?;
    let items = shown
        .into_iter()
        .map(|(o, reason)| {
            let c = contacts.remove(&o.id).unwrap_or_default();
            let pick = |kind: &str| {
                c.iter()
                    .filter(|(k, _)| k == kind)
                    .map(|(_, v)| v.clone())
                    .collect()
            };
            QueueItem {
                id: o.id,
                name: o.name.clone(),
                url: org_url(o.id, &o.slug),
                okrug: crate::organizations::view::okrug_ref(&state.region, o.okrug_id, i18n).name,
                reason: reason.clone(),
                pair: (queue == Queue::Duplicates)
                    .then(|| facts.duplicates.get(&o.id).map(|(other, _)| *other))
                    .flatten(),
                phones: pick("phone"),
                emails: pick("email"),
            }
        })
        .collect();
    Ok(QueuePage {
        queue,
        okrug: slug,
        okrugs: okrug_options(state, i18n),
        total: all.len(),
        page,
        per_page: PER_PAGE,
        items,
    })
}
