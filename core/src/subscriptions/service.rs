//! Subscribing, confirming and unsubscribing. A subscription starts pending and only a
//! mailed link makes it active, so nobody can subscribe someone else's address to
//! anything but one confirmation mail (and those are throttled by the handler). The
//! answer is the same whatever the address: whether it is subscribed is never told.
//! Unsubscribing deletes the address.

use chrono::{DateTime, Duration, Utc};

use super::store::{self, CONFIRM, UNSUBSCRIBE};
use super::{LinkPage, SubscribePage, Topic, CONFIRM_DAYS, MAX_PER_ADDRESS};
use crate::accounts::token::{looks_like_token, new_token, token_hash};
use crate::db::stamp;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::state::Core;
use crate::taxonomy::Vocabulary;

/// The topic with values the region does not know dropped.
pub fn resolve(core: &Core, t: Topic) -> Topic {
    let region = &core.region;
    let tax = &region.taxonomy;
    Topic {
        okrug: t
            .okrug
            .filter(|s| region.okrugs.iter().any(|o| &o.slug == s)),
        direction: t
            .direction
            .filter(|c| tax.by_code(Vocabulary::Direction, c).is_some()),
        audience: t
            .audience
            .filter(|c| tax.by_code(Vocabulary::Audience, c).is_some()),
    }
}

/// The topic as a search query string (`okrug=…&direction=…&audience=…`): what is stored.
pub fn query(t: &Topic) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in t.pairs() {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The topic in words: «Кетовский округ · Дети и семьи», or the region for no filter.
pub fn describe(core: &Core, t: &Topic, i18n: &I18n) -> String {
    let region = &core.region;
    let tax = &region.taxonomy;
    let mut parts = vec![];
    if let Some(o) = t
        .okrug
        .as_deref()
        .and_then(|s| region.okrugs.iter().find(|o| o.slug == s))
    {
        parts.push(o.name.get(i18n.locale).to_owned());
    }
    for (vocab, code) in [
        (Vocabulary::Direction, &t.direction),
        (Vocabulary::Audience, &t.audience),
    ] {
        if let Some(term) = code.as_deref().and_then(|c| tax.by_code(vocab, c)) {
            parts.push(term.label.get(i18n.locale).to_owned());
        }
    }
    if parts.is_empty() {
        region.name.get(i18n.locale).to_owned()
    } else {
        parts.join(" · ")
    }
}

/// The `/subscribe` page for a topic from its query.
pub fn page(core: &Core, asked: Topic, i18n: &I18n) -> SubscribePage {
    let topic = resolve(core, asked);
    let tax = &core.region.taxonomy;
    SubscribePage {
        description: describe(core, &topic, i18n),
        query: query(&topic),
        okrugs: crate::staff_desk::build::okrug_options(core, i18n),
        directions: tax.options(Vocabulary::Direction, i18n.locale),
        audiences: tax.options(Vocabulary::Audience, i18n.locale),
        topic,
    }
}

/// Subscribes `email` (already checked and normalized) to a resolved topic: a new or still
/// pending subscription gets a confirmation mail; an active one, or an address at
/// [`MAX_PER_ADDRESS`], gets nothing. Returns whether a mail was queued (never shown).
pub async fn subscribe(
    core: &Core,
    email: &str,
    topic: &Topic,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let filter = query(topic);
    let now_s = stamp(now);
    let region = core.region.id;
    let mut tx = core.db.begin().await?;
    let id = match store::find(&mut tx, region, email, &filter).await? {
        Some(s) if s.status == "active" => None,
        Some(s) => {
            store::delete_tokens(&mut tx, s.id, CONFIRM).await?;
            store::restart(&mut tx, s.id, &now_s).await?;
            Some(s.id)
        }
        None if store::count_for(&mut tx, region, email).await? >= MAX_PER_ADDRESS => None,
        None => Some(store::insert_pending(&mut tx, region, email, &filter, &now_s).await?),
    };
    let Some(id) = id else {
        tx.rollback().await?;
        return Ok(false);
    };
    let confirm = new_token();
    let expires = stamp(now + Duration::days(CONFIRM_DAYS));
    store::insert_token(
        &mut tx,
        &token_hash(&confirm),
        id,
        CONFIRM,
        Some(&expires),
        &now_s,
    )
    .await?;
    let cancel = new_token();
    store::insert_token(&mut tx, &token_hash(&cancel), id, UNSUBSCRIBE, None, &now_s).await?;
    let site = core.config.public_url.trim_end_matches('/');
    let i18n = I18n::default();
    let unsubscribe = format!("{site}/unsubscribe/{cancel}");
    let args = [
        ("topic", describe(core, topic, &i18n).into()),
        (
            "confirm",
            format!("{site}/subscribe/confirm/{confirm}").into(),
        ),
        ("unsubscribe", unsubscribe.clone().into()),
        ("days", CONFIRM_DAYS.into()),
        ("site", site.to_owned().into()),
    ];
    let subject = i18n.t("mail-subscribe-subject");
    let body = i18n.t_with("mail-subscribe-body", &args);
    crate::mail_queue::enqueue_list_mail_in(&mut tx, email, &subject, &body, &unsubscribe).await?;
    tx.commit().await?;
    core.mail_wake.notify_one();
    Ok(true)
}

/// What a mailed link's page shows, or None when the link is unknown, used or expired.
pub async fn link_page(
    core: &Core,
    token: &str,
    purpose: &str,
    i18n: &I18n,
) -> Result<Option<LinkPage>, AppError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let mut conn = core.db.acquire().await?;
    let now = stamp(Utc::now());
    let Some(sub) = store::by_token(&mut conn, &token_hash(token), purpose, &now).await? else {
        return Ok(None);
    };
    if purpose == CONFIRM && sub.status != "pending" {
        return Ok(None);
    }
    Ok(Some(LinkPage {
        description: describe_filter(core, &sub.filter, i18n),
    }))
}

fn describe_filter(core: &Core, filter: &str, i18n: &I18n) -> String {
    describe(core, &super::digest::topic_of(filter), i18n)
}

/// Confirms the subscription of a confirmation link; false when the link cannot be used.
pub async fn confirm(core: &Core, token: &str) -> Result<bool, AppError> {
    if !looks_like_token(token) {
        return Ok(false);
    }
    let now = stamp(Utc::now());
    let mut tx = core.db.begin().await?;
    let Some(sub) = store::by_token(&mut tx, &token_hash(token), CONFIRM, &now).await? else {
        tx.rollback().await?;
        return Ok(false);
    };
    let done = store::activate(&mut tx, sub.id, &now).await?;
    store::delete_tokens(&mut tx, sub.id, CONFIRM).await?;
    tx.commit().await?;
    Ok(done)
}

/// Deletes the subscription of an unsubscribe link, address and all; false when the link
/// is unknown (or the subscription is already gone).
pub async fn unsubscribe(core: &Core, token: &str) -> Result<bool, AppError> {
    if !looks_like_token(token) {
        return Ok(false);
    }
    let now = stamp(Utc::now());
    let mut tx = core.db.begin().await?;
    let Some(sub) = store::by_token(&mut tx, &token_hash(token), UNSUBSCRIBE, &now).await? else {
        tx.rollback().await?;
        return Ok(false);
    };
    store::delete(&mut tx, sub.id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Housekeeping: unconfirmed subscriptions past their link, and digest jobs over 90 days.
pub async fn purge(core: &Core, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let n = store::purge_unconfirmed(&core.db, &stamp(now - Duration::days(CONFIRM_DAYS))).await?;
    let year_ago = stamp(now - Duration::days(365));
    let links = store::purge_old_links(&core.db, &year_ago).await?;
    Ok(n + links + store::purge_old_jobs(&core.db, &stamp(now - Duration::days(90))).await?)
}
