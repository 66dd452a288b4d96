//! The digest of a topic (what is new there: organizations, upcoming events, open needs),
//! which the weekly mail and the Atom feeds both show, and the weekly run that mails it.
//! The run queues one job per active subscription and ISO week, then sends each job in the
//! transaction that claims it, so a digest goes out exactly once with any number of workers.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use sha2::{Digest as _, Sha256};

use super::store::{self, UNSUBSCRIBE};
use crate::accounts::token::{new_token, token_hash};
use crate::db::stamp;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::search::engine::SearchError;
use crate::search::params::{query_pairs, SearchParams};
use crate::state::Core;
use crate::taxonomy::Vocabulary;

/// The most items of each kind one digest lists.
pub const MAX_ITEMS: usize = 20;
/// How far ahead a digest looks for events, in days.
pub const EVENT_DAYS: i64 = 14;
/// A digest is due from this local hour on Monday.
pub const MONDAY_HOUR: u32 = 8;

/// One line of a digest (and one Atom entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// A lasting IRI (`/org/{id}` without the slug, which may change; a fragment for
    /// events and needs).
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Its page on the site (absolute).
    pub url: String,
    /// RFC 3339.
    pub updated: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Digest {
    pub organizations: Vec<Item>,
    pub events: Vec<Item>,
    pub needs: Vec<Item>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.organizations.is_empty() && self.events.is_empty() && self.needs.is_empty()
    }
}

/// The ids of the organizations a search filter finds now (CPU work: a few ms).
pub fn members(core: &Core, p: &SearchParams, i18n: &I18n) -> Result<HashSet<i64>, SearchError> {
    let (table, rows) = core.search.matching(p, i18n)?;
    Ok(rows.into_iter().map(|i| table.rows()[i].id).collect())
}

/// The topic of a stored filter.
pub fn topic_of(filter: &str) -> super::Topic {
    let pairs = query_pairs(filter);
    super::Topic::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// A filter's parameters; a stored filter that no longer parses is the whole region.
pub fn params_of(filter: &str) -> SearchParams {
    let pairs = query_pairs(filter);
    SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .unwrap_or_default()
}

/// What is new for the organizations in `members`: published from `since` up to `before`
/// (excluded), events from today for `event_days`, open needs first posted in that time.
pub async fn collect(
    core: &Core,
    members: &HashSet<i64>,
    since: &str,
    before: &str,
    event_days: i64,
    i18n: &I18n,
) -> Result<Digest, AppError> {
    let site = core.config.public_url.trim_end_matches('/');
    let region = &core.region;
    let today = region.timezone.today();
    // Read a generous slice of the region's news, then keep the filter's organizations.
    let scan = (MAX_ITEMS * 50) as i64;
    let organizations = store::new_organizations(&core.db, region.id, since, before, scan)
        .await?
        .into_iter()
        .filter(|o| members.contains(&o.id))
        .take(MAX_ITEMS)
        .map(|o| {
            let url = format!("{site}{}", org_url(o.id, &o.slug));
            Item {
                id: format!("{site}/org/{}", o.id),
                title: o.name,
                summary: o.summary,
                url,
                updated: o.created_at,
            }
        })
        .collect();
    let until = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d")
        .map(|d| {
            (d + Duration::days(event_days))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| today.clone());
    let events = crate::events::build::starting_between(core, &today, &until, i18n)
        .await?
        .into_iter()
        .filter(|e| members.contains(&e.organization_id))
        .take(MAX_ITEMS)
        .map(|e| {
            let page = format!("{site}{}", e.entry.url);
            let mut summary = vec![e.entry.organization.clone()];
            summary.extend(
                [e.entry.place.clone()]
                    .into_iter()
                    .filter(|p| !p.is_empty()),
            );
            Item {
                id: format!("{site}/org/{}#event-{}", e.organization_id, e.uid),
                title: format!("{} — {}", e.entry.event.when, e.entry.event.title),
                summary: summary.join(", "),
                url: format!("{page}#events"),
                updated: e.updated_at,
            }
        })
        .collect();
    let needs = store::recent_needs(&core.db, region.id, since, before, &today, scan)
        .await?
        .into_iter()
        .filter(|n| members.contains(&n.organization_id))
        .take(MAX_ITEMS)
        .map(|n| {
            let page = format!("{site}{}", org_url(n.organization_id, &n.slug));
            let kind = region
                .taxonomy
                .label(Vocabulary::NeedKind, &n.kind, i18n.locale);
            // Needs are saved anew with their organization: the id follows what the need
            // says, so a feed reader does not see it as new after every save.
            let key = hex::encode(&Sha256::digest(format!("{}\n{}", n.kind, n.title))[..8]);
            Item {
                id: format!("{site}/org/{}#need-{key}", n.organization_id),
                title: format!("{}: {}", n.organization, n.title),
                summary: kind,
                url: format!("{page}#needs"),
                updated: n.updated_at,
            }
        })
        .collect();
    Ok(Digest {
        organizations,
        events,
        needs,
    })
}

/// The ISO week (`2026-W49`) of a moment in the region, and whether that week's digest is
/// due yet (from Monday [`MONDAY_HOUR`]:00 local time).
pub fn week_of(core: &Core, now: DateTime<Utc>) -> (String, bool) {
    let offset = core.region.timezone.offset_minutes().unwrap_or(0);
    let local = now + Duration::minutes(offset.into());
    let w = local.iso_week();
    let due = !(local.weekday() == chrono::Weekday::Mon && local.hour() < MONDAY_HOUR);
    (format!("{}-W{:02}", w.year(), w.week()), due)
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub queued: u64,
    /// Digests mailed.
    pub sent: usize,
    /// Digests with nothing new (no mail).
    pub empty: usize,
    /// Digests that could not be made (logged; not retried).
    pub failed: usize,
}

/// Queues this week's digests when due and sends every due one. The caller wakes the mail
/// worker when `sent` > 0.
pub async fn run_once(core: &Core, now: DateTime<Utc>) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let now_s = stamp(now);
    let (week, due) = week_of(core, now);
    if due {
        report.queued = store::queue_week(&core.db, core.region.id, &week, &now_s).await?;
    }
    let i18n = I18n::default();
    loop {
        let batch = store::due_digests(&core.db, core.region.id, 200).await?;
        if batch.is_empty() {
            break;
        }
        for job in batch {
            match send(core, &job, now, &i18n).await {
                Ok(Some(true)) => report.sent += 1,
                Ok(Some(false)) => report.empty += 1,
                Ok(None) => {} // another worker took it
                // One digest that cannot be made must not hold up the others (they come
                // in id order): it is marked failed and the run goes on.
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), job = job.job_id, "a digest failed");
                    store::fail(&core.db, job.job_id, &now_s).await?;
                    report.failed += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Sends one digest: Some(true) mailed, Some(false) nothing new, None taken by another worker.
async fn send(
    core: &Core,
    job: &store::DueDigest,
    now: DateTime<Utc>,
    i18n: &I18n,
) -> anyhow::Result<Option<bool>> {
    let sub = &job.subscription;
    // The stored topic with values the region no longer knows dropped (a renamed okrug
    // would otherwise make the search refuse the filter).
    let topic = super::service::resolve(core, topic_of(&sub.filter));
    let params = params_of(&super::service::query(&topic));
    let job_i18n = *i18n;
    let members = crate::blocking::off_the_workers(core, move |c| members(c, &params, &job_i18n))
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let since = sub
        .last_sent_at
        .clone()
        .unwrap_or_else(|| stamp(now - Duration::days(7)));
    // What happened from the last digest (included) up to this one (excluded): a change in
    // the very second of this run is next week's news, never twice and never lost.
    let now_s = stamp(now);
    let digest = collect(core, &members, &since, &now_s, EVENT_DAYS, i18n).await?;
    let mut tx = core.db.begin().await?;
    let state = if digest.is_empty() { "empty" } else { "sent" };
    if !store::claim(&mut tx, job.job_id, state, &now_s).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let mail_id = if digest.is_empty() {
        None
    } else {
        let token = new_token();
        store::insert_token(
            &mut tx,
            &token_hash(&token),
            sub.id,
            UNSUBSCRIBE,
            None,
            &now_s,
        )
        .await?;
        let site = core.config.public_url.trim_end_matches('/');
        let unsubscribe = format!("{site}/unsubscribe/{token}");
        let topic = super::service::describe(core, &topic, i18n);
        let body = mail_body(
            &digest,
            &topic,
            &format!("{site}/?{}", sub.filter),
            &unsubscribe,
            i18n,
        );
        let subject = i18n.t_with("mail-digest-subject", &[("topic", topic.into())]);
        Some(
            crate::mail_queue::enqueue_list_mail_in(
                &mut tx,
                &sub.email,
                &subject,
                &body,
                &unsubscribe,
            )
            .await?,
        )
    };
    store::finish(&mut tx, job.job_id, mail_id, sub.id, &now_s).await?;
    tx.commit().await?;
    Ok(Some(mail_id.is_some()))
}

/// The digest as a plain-text mail in the site's language.
fn mail_body(d: &Digest, topic: &str, search: &str, unsubscribe: &str, i18n: &I18n) -> String {
    let mut out = i18n.t_with("mail-digest-intro", &[("topic", topic.to_owned().into())]);
    out.push_str("\n\n");
    for (key, items) in [
        ("mail-digest-organizations", &d.organizations),
        ("mail-digest-events", &d.events),
        ("mail-digest-needs", &d.needs),
    ] {
        if items.is_empty() {
            continue;
        }
        out.push_str(&i18n.t(key));
        out.push('\n');
        for item in items {
            out.push_str(&format!("• {}", item.title));
            if !item.summary.is_empty() {
                out.push_str(&format!(" ({})", item.summary));
            }
            out.push_str(&format!("\n  {}\n", item.url));
        }
        out.push('\n');
    }
    let args = [
        ("search", search.to_owned().into()),
        ("unsubscribe", unsubscribe.to_owned().into()),
    ];
    out.push_str(&i18n.t_with("mail-digest-footer", &args));
    out
}
