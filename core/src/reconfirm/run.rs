//! One pass of the re-confirmation scheduler: queue the rounds that are due (a job row per
//! organization and round, so a round is queued once), then send each due job. Sending
//! claims the job, creates its three links and queues its mail in one transaction: with any
//! number of workers and restarts, a reminder is sent exactly once, or not at all if the
//! pass is cut off before it commits (then the next pass sends it).

use chrono::{DateTime, Duration, Utc};

use super::plan::due_round;
use super::{store, Action, TOKEN_DAYS};
use crate::accounts::token::{new_token, token_hash};
use crate::db::{stamp, Db};
use crate::freshness::last_alive;
use crate::i18n::I18n;
use crate::region::RegionCatalog;

/// What a pass needs: the database, the region (its policy) and the site's address.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub db: &'a Db,
    pub region: &'a RegionCatalog,
    pub public_url: &'a str,
}

impl<'a> From<&'a crate::state::Core> for Ctx<'a> {
    fn from(c: &'a crate::state::Core) -> Self {
        Self {
            db: &c.db,
            region: &c.region,
            public_url: &c.config.public_url,
        }
    }
}

/// One reminder: to whom, about which organization, in which round.
#[derive(Clone, Debug, PartialEq)]
pub struct Reminder {
    pub organization_id: i64,
    pub name: String,
    pub round: String,
    pub recipients: Vec<String>,
}

/// What a pass did (or, dry, would do).
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Rounds newly queued.
    pub queued: usize,
    /// Reminders sent (mail queued), with their recipients.
    pub sent: Vec<Reminder>,
    /// Due, but nobody to write to: these go to the staff queue "нужно позвонить".
    pub no_address: Vec<Reminder>,
    /// Jobs dropped because the listing changed (or left the map) since they were queued.
    pub skipped: usize,
}

/// The round due now for every published organization: id → (name, round name, due).
async fn current_rounds(
    ctx: Ctx<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<(i64, String, Option<super::plan::Round>)>> {
    let rows = store::candidates(ctx.db, ctx.region.id).await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let last = last_alive(
                &c.updated_at,
                c.confirmed_at.as_deref(),
                c.verified_at.as_deref(),
            );
            let last = DateTime::from_timestamp(last, 0).unwrap_or(now);
            (c.id, c.name, due_round(&ctx.region.policy, last, now))
        })
        .collect())
}

/// What a real pass would send now, without writing anything (`server remind --dry-run`).
pub async fn dry_run(ctx: Ctx<'_>, now: DateTime<Utc>) -> sqlx::Result<Report> {
    let queued = store::queued_rounds(ctx.db, ctx.region.id).await?;
    let mut report = Report::default();
    for (id, name, round) in current_rounds(ctx, now).await? {
        let Some(round) = round else { continue };
        if queued.get(&id).is_some_and(|r| r.contains(&round.name)) {
            continue;
        }
        let r = Reminder {
            organization_id: id,
            name,
            round: round.name,
            recipients: store::recipients(ctx.db, id).await?,
        };
        report.queued += 1;
        if r.recipients.is_empty() {
            report.no_address.push(r);
        } else {
            report.sent.push(r);
        }
    }
    Ok(report)
}

/// Queues what is due and sends every due job. The caller wakes the mail worker.
pub async fn run_once(ctx: Ctx<'_>, now: DateTime<Utc>) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let now_s = stamp(now);
    let rounds = current_rounds(ctx, now).await?;
    let mut names = std::collections::HashMap::new();
    let mut current = std::collections::HashMap::new();
    for (id, name, round) in rounds {
        if let Some(r) = round {
            if store::queue(ctx.db, id, ctx.region.id, &r.name, &stamp(r.due), &now_s).await? {
                report.queued += 1;
            }
            current.insert(id, r.name);
        }
        names.insert(id, name);
    }
    for job in store::due_jobs(ctx.db, ctx.region.id, &now_s).await? {
        if current.get(&job.organization_id) != Some(&job.round) {
            store::skip(ctx.db, job.id).await?;
            report.skipped += 1;
            continue;
        }
        let recipients = store::recipients(ctx.db, job.organization_id).await?;
        let name = names.get(&job.organization_id).cloned().unwrap_or_default();
        let r = Reminder {
            organization_id: job.organization_id,
            name,
            round: job.round.clone(),
            recipients,
        };
        match send(ctx, job.id, &r, now).await? {
            Some(true) => report.sent.push(r),
            Some(false) => report.no_address.push(r),
            None => {} // another worker took it
        }
    }
    Ok(report)
}

/// Sends one job: Some(true) sent, Some(false) nobody to write to, None taken by another
/// worker (nothing written here).
async fn send(
    ctx: Ctx<'_>,
    job_id: i64,
    r: &Reminder,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<bool>> {
    let now_s = stamp(now);
    let mut tx = ctx.db.begin().await?;
    if !store::claim(&mut tx, job_id, &now_s).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    if r.recipients.is_empty() {
        store::finish(&mut tx, job_id, "no_address", "", "[]").await?;
        tx.commit().await?;
        return Ok(Some(false));
    }
    let expires = stamp(now + Duration::days(TOKEN_DAYS));
    let mut links = Vec::with_capacity(Action::ALL.len());
    for action in Action::ALL {
        let token = new_token();
        store::insert_token(
            &mut tx,
            &token_hash(&token),
            job_id,
            r.organization_id,
            *action,
            &expires,
        )
        .await?;
        links.push(format!(
            "{}/confirm/{token}",
            ctx.public_url.trim_end_matches('/')
        ));
    }
    let (subject, body) = mail_text(ctx, r, &links);
    let mut ids = vec![];
    for to in &r.recipients {
        ids.push(crate::mail_queue::enqueue_in(&mut tx, to, &subject, &body).await?);
    }
    let ids = serde_json::to_string(&ids)?;
    store::finish(&mut tx, job_id, "sent", &r.recipients.join(", "), &ids).await?;
    tx.commit().await?;
    Ok(Some(true))
}

/// The reminder in Russian, the site's language: its three links in [`Action::ALL`] order.
fn mail_text(ctx: Ctx<'_>, r: &Reminder, links: &[String]) -> (String, String) {
    let i18n = I18n::default();
    let link = |i: usize| links.get(i).cloned().unwrap_or_default();
    let page = format!(
        "{}/org/{}",
        ctx.public_url.trim_end_matches('/'),
        r.organization_id
    );
    let args = [
        ("name", r.name.clone().into()),
        ("page", page.into()),
        ("confirm", link(0).into()),
        ("update", link(1).into()),
        ("closed", link(2).into()),
        ("days", TOKEN_DAYS.into()),
        ("site", ctx.public_url.to_owned().into()),
    ];
    (
        i18n.t("mail-reconfirm-subject"),
        i18n.t_with("mail-reconfirm-body", &args),
    )
}
