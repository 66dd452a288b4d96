//! The facts the staff queues are computed from: every published organization of a region
//! with its dates and whether anyone edits it, the latest reminder of each, and their
//! contacts. Portable SQL; the classification is plain Rust (`build.rs`).

use std::collections::{HashMap, HashSet};

use crate::db::Db;

/// A published organization as the queues see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgFacts {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub okrug_id: i64,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
    pub verified_at: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub has_editor: bool,
}

/// Every published organization of the region, by name.
pub async fn published(db: &Db, region_id: i64) -> sqlx::Result<Vec<OrgFacts>> {
    sqlx::query_as(
        "select o.id, o.slug, o.name, o.okrug_id, o.updated_at, o.confirmed_at,
                (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at,
                exists (select 1 from membership m where m.organization_id = o.id) as has_editor
         from organization o where o.region_id = $1 and o.status = 'published' order by o.sort_name, o.id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// The latest reminder of an organization.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LastReminder {
    pub organization_id: i64,
    pub state: String,
    pub sent_at: Option<String>,
    pub mail_ids: String,
}

/// The latest reminder job of each organization of the region.
pub async fn last_reminders(db: &Db, region_id: i64) -> sqlx::Result<HashMap<i64, LastReminder>> {
    let rows: Vec<LastReminder> = sqlx::query_as(
        "select j.organization_id, j.state, j.sent_at, j.mail_ids from reconfirm_job j
         where j.region_id = $1 and j.state in ('sent', 'no_address', 'answered')
           and j.id = (select max(k.id) from reconfirm_job k
                       where k.organization_id = j.organization_id and k.state in ('sent', 'no_address', 'answered'))",
    )
    .bind(region_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.organization_id, r)).collect())
}

/// Ids of queued mails the queue gave up on (a bounced reminder).
pub async fn failed_mail_ids(db: &Db) -> sqlx::Result<HashSet<i64>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("select id from outgoing_mail where sent_at is null and attempts >= $1")
            .bind(crate::mail_queue::MAX_ATTEMPTS)
            .fetch_all(db)
            .await?;
    Ok(ids.into_iter().collect())
}

/// The phones and emails of these organizations: id → (kind, value), in page order.
pub async fn contacts(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<(String, String)>>> {
    let mut out: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let marks = crate::db::params(1, ids.len());
    let sql = format!(
        "select organization_id, kind, value from contact
         where organization_id in ({marks}) and kind in ('phone', 'email') order by position, id"
    );
    let mut q = sqlx::query_as::<_, (i64, String, String)>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for (id, kind, value) in q.fetch_all(db).await? {
        out.entry(id).or_default().push((kind, value));
    }
    Ok(out)
}
