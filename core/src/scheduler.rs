//! Housekeeping on a schedule: every hour (and once at start-up) the server deletes what
//! has run out (drafts, sessions, used or expired links, sent mail, failed-login lines
//! older than 90 days), sweeps the login throttle and sends the re-confirmation reminders that are due, so nothing
//! an anonymous visitor can make piles up until the next restart, and mails the subscribers'
//! weekly digests once they are due (Monday morning, region time). Once a day it also takes
//! needs past their «до» date out of the search flags.

use std::time::Duration;

use crate::state::Core;

/// How often housekeeping runs.
pub const EVERY: Duration = Duration::from_secs(3600);

/// One round of housekeeping; returns the number of rows deleted.
pub async fn run_once(state: &Core) -> anyhow::Result<u64> {
    let mut deleted = crate::forms::draft::purge_old(&state.db).await?;
    deleted += crate::accounts::session::purge_expired(&state.db, &state.config.session).await?;
    deleted += crate::accounts::security_store::purge_expired_links(&state.db).await?;
    deleted += crate::mail_queue::purge_sent(&state.db).await?;
    deleted += crate::audit::purge_failed_logins(&state.db).await?;
    deleted += crate::import::batch::purge_old(&state.db).await?;
    deleted += crate::subscriptions::service::purge(state, chrono::Utc::now()).await?;
    deleted += crate::events::photos::purge_orphans(&state.db, &state.config.uploads_dir).await?;
    crate::import::batch::release_stale(&state.db).await?;
    state.throttle.sweep().await?;
    let reminders = crate::reconfirm::run::run_once(state.into(), chrono::Utc::now()).await?;
    if !reminders.sent.is_empty() {
        state.mail_wake.notify_one();
    }
    let digests = crate::subscriptions::digest::run_once(state, chrono::Utc::now()).await?;
    if digests.sent > 0 {
        state.mail_wake.notify_one();
    }
    tracing::info!(
        queued = digests.queued,
        sent = digests.sent,
        nothing_new = digests.empty,
        "weekly digests"
    );
    tracing::info!(
        queued = reminders.queued,
        sent = reminders.sent.len(),
        no_address = reminders.no_address.len(),
        "re-confirmation reminders"
    );
    Ok(deleted)
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// Refreshes in search the organizations whose need ran past its «до» date on a day from
/// `since` (YYYY-MM-DD) up to yesterday, so "нужна помощь" stops matching them the day
/// after; returns how many. (The search table is built with the day's date at start-up.)
pub async fn expire_needs(state: &Core, since: &str) -> anyhow::Result<usize> {
    let ids =
        crate::needs::build::expired_between(&state.db, state.region.id, since, &today()).await?;
    if !ids.is_empty() {
        state.search.refresh(&state.db, &ids).await?;
    }
    Ok(ids.len())
}

/// Runs housekeeping now and then every [`EVERY`], for as long as the server runs.
pub fn spawn(state: Core) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        let mut day = today();
        loop {
            tick.tick().await;
            match run_once(&state).await {
                Ok(n) => tracing::info!(deleted = n, "housekeeping done"),
                Err(e) => tracing::error!(error = %format!("{e:#}"), "housekeeping failed"),
            }
            if today() != day {
                match expire_needs(&state, &day).await {
                    Ok(n) => {
                        tracing::info!(organizations = n, "needs past their date left search");
                        day = today();
                    }
                    Err(e) => tracing::error!(error = %format!("{e:#}"), "expiring needs failed"),
                }
            }
        }
    });
}
