//! The audit log: logins, role changes, moderation decisions, reverts, invitations and
//! verifications. Staff read their region's log; admins read everything.

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
use crate::db::{now, Db};

/// One thing that happened, as written to the log.
#[cfg(feature = "server")]
#[derive(Clone, Debug)]
pub struct AuditEvent<'a> {
    pub region_id: Option<i64>,
    pub account_id: Option<i64>,
    pub action: crate::kinds::AuditAction,
    pub target_kind: crate::kinds::AuditTarget,
    pub target_id: Option<i64>,
    pub detail: String,
    pub ip: &'a str,
}

#[cfg(feature = "server")]
impl<'a> AuditEvent<'a> {
    /// An event of this action and nothing else: no region, account, target or detail.
    pub fn new(action: crate::kinds::AuditAction, ip: &'a str) -> Self {
        Self {
            region_id: None,
            account_id: None,
            action,
            target_kind: crate::kinds::AuditTarget::Nothing,
            target_id: None,
            detail: String::new(),
            ip,
        }
    }
}

#[cfg(feature = "server")]
/// An account's action on an organization, with a detail.
pub struct OrgAction<'a> {
    pub ip: &'a str,
    pub region_id: i64,
    pub account_id: i64,
    pub organization_id: i64,
    pub action: crate::kinds::AuditAction,
    pub detail: String,
}

#[cfg(feature = "server")]
/// Writes an account's action on an organization.
pub async fn org_action(db: &Db, a: OrgAction<'_>) {
    let event = AuditEvent {
        region_id: Some(a.region_id),
        account_id: Some(a.account_id),
        target_kind: crate::kinds::AuditTarget::Organization,
        target_id: Some(a.organization_id),
        detail: a.detail,
        ..AuditEvent::new(a.action, a.ip)
    };
    record(db, event).await;
}

#[cfg(feature = "server")]
/// Writes an event. A failure to log is itself logged, never shown to the person.
pub async fn record(db: &Db, e: AuditEvent<'_>) {
    let ts = now();
    let result = sqlx::query(
        "insert into audit_event (region_id, account_id, action, target_kind, target_id, detail, ip, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.region_id)
    .bind(e.account_id)
    .bind(e.action)
    .bind(e.target_kind)
    .bind(e.target_id)
    .bind(e.detail.chars().take(2000).collect::<String>())
    .bind(e.ip)
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await;
    if let Err(err) = result {
        tracing::error!(error = %err, action = %e.action, "audit log write failed");
    }
}

/// One line of the log as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct AuditLine {
    pub created_at: String,
    pub action: String,
    pub actor: Option<String>,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub detail: String,
    pub ip: String,
}

#[cfg(feature = "server")]
/// The newest events: of one region only (regional staff), or of everything, including the
/// region-less account events such as logins and resets with their IPs (admins: `None`).
pub async fn recent(db: &Db, region_id: Option<i64>, limit: i64) -> sqlx::Result<Vec<AuditLine>> {
    sqlx::query_as(
        "select e.created_at, e.action, a.email as actor, e.target_kind, e.target_id, e.detail, e.ip
         from audit_event e left join account a on a.id = e.account_id
         where $1 is null or e.region_id = $2
         order by e.id desc limit $3",
    )
    .bind(region_id)
    .bind(region_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[cfg(feature = "server")]
/// How long failed logins stay in the log (anyone can make them, so they must not pile up).
pub const KEEP_FAILED_LOGIN_DAYS: i64 = 90;

#[cfg(feature = "server")]
/// Deletes failed-login and failed-code lines older than [`KEEP_FAILED_LOGIN_DAYS`].
pub async fn purge_failed_logins(db: &Db) -> sqlx::Result<u64> {
    let cutoff = crate::db::from_now(-chrono::Duration::days(KEEP_FAILED_LOGIN_DAYS));
    let r = sqlx::query(
        "delete from audit_event where action in ('login_failed', 'second_factor_failed') and created_at < $1",
    )
    .bind(cutoff)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}
