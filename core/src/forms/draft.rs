//! Drafts: what someone typed into a form that could not be saved yet, with the issues.
//! A draft belongs to an account, or to a browser (its CSRF cookie) before login, and only
//! its owner can open it or discard it.
//!
//! Anyone can mint a browser identity, so browser drafts are held small: a few per browser,
//! a few kilobytes each, a day at most, a limited number per IP an hour, and a ceiling for
//! all of them together. Over any limit the post gets a "too many tries" page instead of a
//! draft. Account drafts are bounded per account. The scheduler purges expired drafts hourly.

use serde::{Deserialize, Serialize};

use super::FormState;
use crate::accounts::token::{looks_like_token, new_token, token_hash};
use crate::accounts::RequestAuth;
use crate::db::{now, Db};
use crate::error::FieldIssue;
use crate::state::Core;

/// How long an account's drafts are kept.
pub const KEEP_DAYS: i64 = 30;
/// How long a browser's (anonymous) drafts are kept.
pub const BROWSER_KEEP_HOURS: i64 = 24;
/// Drafts one account keeps; older ones are dropped.
pub const PER_ACCOUNT: i64 = 30;
/// Drafts one browser keeps.
pub const PER_BROWSER: i64 = 5;
/// Browser drafts across all browsers; past this, anonymous failures get no draft.
pub const BROWSER_TOTAL: i64 = 5_000;
/// Longest value kept in a browser draft, in characters (the longest anonymous field,
/// an error report, allows 2,000).
pub const BROWSER_VALUE_CHARS: usize = 4_000;
/// Most bytes of field text in one browser draft.
pub const BROWSER_DRAFT_BYTES: usize = 16 * 1024;
/// Browser drafts one IP may create before further ones wait.
const BROWSER_DRAFTS_PER_IP: crate::accounts::throttle::Rule = crate::accounts::throttle::Rule {
    free: 30,
    base: std::time::Duration::from_secs(30),
    max: std::time::Duration::from_secs(3600),
    forget_after: std::time::Duration::from_secs(3600),
};

/// A stored draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub form: String,
    pub target_id: Option<i64>,
    pub base_version: Option<i64>,
    pub fields: Vec<(String, String)>,
    pub issues: Vec<FieldIssue>,
    pub created_at: String,
}

impl Draft {
    pub fn form_state(&self) -> FormState {
        FormState {
            fields: self.fields.clone(),
            issues: self.issues.clone(),
            draft_id: Some(self.id.clone()),
        }
    }
}

/// Who owns drafts made by this request.
pub fn owner_key(auth: &RequestAuth) -> String {
    match &auth.viewer {
        Some(v) => format!("account:{}", v.account_id),
        None => format!("browser:{}", token_hash(&auth.csrf_token)),
    }
}

/// What a new draft holds.
pub struct NewDraft {
    pub form: crate::kinds::DraftForm,
    pub target_id: Option<i64>,
    pub base_version: Option<i64>,
    pub fields: Vec<(String, String)>,
    pub issues: Vec<FieldIssue>,
}

impl NewDraft {
    /// A draft of a form that is about no organization (account forms).
    pub fn of(
        form: crate::kinds::DraftForm,
        fields: Vec<(String, String)>,
        issues: Vec<FieldIssue>,
    ) -> Self {
        Self {
            form,
            target_id: None,
            base_version: None,
            fields,
            issues,
        }
    }
}

/// Why no draft was stored.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("too many drafts")]
    Limited,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<DraftError> for crate::error::AppError {
    fn from(e: DraftError) -> Self {
        match e {
            DraftError::Limited => Self::TooManyRequests("err-too-many-tries".into()),
            DraftError::Database(e) => Self::Database(e),
        }
    }
}

fn is_browser(owner: &str) -> bool {
    owner.starts_with("browser:")
}

/// A browser draft's fields, cut to the limits: each value to [`BROWSER_VALUE_CHARS`],
/// and the fields that do not fit in [`BROWSER_DRAFT_BYTES`] dropped.
fn trim_browser_fields(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut used = 0;
    let mut out = vec![];
    for (k, v) in fields {
        let k: String = k.chars().take(100).collect();
        let v: String = v.chars().take(BROWSER_VALUE_CHARS).collect();
        used += k.len() + v.len();
        if used > BROWSER_DRAFT_BYTES {
            break;
        }
        out.push((k, v));
    }
    out
}

/// Stores a draft for `owner` within the limits, dropping the owner's oldest beyond its
/// allowance. Browser drafts are also counted per IP and in total.
pub async fn save(
    db: &Db,
    throttle: &crate::accounts::throttle::Throttle,
    owner: &str,
    ip: &str,
    mut d: NewDraft,
) -> Result<String, DraftError> {
    let browser = is_browser(owner);
    if browser {
        let ip_key = format!("draft-ip:{ip}");
        if throttle
            .wait_needed(&ip_key, &BROWSER_DRAFTS_PER_IP)
            .await
            .is_some()
        {
            return Err(DraftError::Limited);
        }
        let total: i64 =
            sqlx::query_scalar("select count(*) from form_draft where owner like 'browser:%'")
                .fetch_one(db)
                .await?;
        if total >= BROWSER_TOTAL {
            tracing::warn!(total, "browser drafts at their ceiling; none stored");
            return Err(DraftError::Limited);
        }
        throttle.hit(&ip_key, &BROWSER_DRAFTS_PER_IP).await;
        d.fields = trim_browser_fields(std::mem::take(&mut d.fields));
        d.issues.truncate(50);
    }
    let id = insert(db, owner, &d).await?;
    let keep = if browser { PER_BROWSER } else { PER_ACCOUNT };
    // Newest first; within one second, the order of insertion (SQLite's rowid), or on
    // PostgreSQL the id, with the draft just stored always kept.
    let tie = match crate::db::Backend::of(db) {
        crate::db::Backend::Sqlite => "id = $4 desc, rowid desc",
        crate::db::Backend::Postgres => "id = $4 desc, id desc",
    };
    sqlx::query(&format!(
        "delete from form_draft where owner = $1 and id not in
           (select id from form_draft where owner = $2 order by created_at desc, {tie} limit $3)"
    ))
    .bind(owner)
    .bind(owner)
    .bind(keep)
    .bind(&id)
    .execute(db)
    .await?;
    Ok(id)
}

async fn insert(db: &Db, owner: &str, d: &NewDraft) -> sqlx::Result<String> {
    let id = new_token();
    let ts = now();
    sqlx::query(
        "insert into form_draft (id, owner, form, target_id, base_version, payload, issues, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(owner)
    .bind(d.form)
    .bind(d.target_id)
    .bind(d.base_version)
    .bind(serde_json::to_string(&d.fields).unwrap_or_else(|_| "[]".into()))
    .bind(serde_json::to_string(&d.issues).unwrap_or_else(|_| "[]".into()))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(id)
}

/// A draft, if it exists and belongs to `owner`.
pub async fn load(db: &Db, id: &str, owner: &str) -> sqlx::Result<Option<Draft>> {
    if !looks_like_token(id) {
        return Ok(None);
    }
    let row: Option<DraftRow> = sqlx::query_as(
        "select id, form, target_id, base_version, payload, issues, created_at from form_draft where id = $1 and owner = $2",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Draft {
        id: r.id,
        form: r.form,
        target_id: r.target_id,
        base_version: r.base_version,
        fields: serde_json::from_str(&r.payload).unwrap_or_default(),
        issues: serde_json::from_str(&r.issues).unwrap_or_default(),
        created_at: r.created_at,
    }))
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: String,
    form: String,
    target_id: Option<i64>,
    base_version: Option<i64>,
    payload: String,
    issues: String,
    created_at: String,
}

/// Drafts of one form and target that an owner has not finished, newest first.
pub async fn open_drafts(
    db: &Db,
    owner: &str,
) -> sqlx::Result<Vec<(String, String, Option<i64>, String)>> {
    sqlx::query_as(
        "select id, form, target_id, created_at from form_draft where owner = $1 and form in ('edit', 'new')
         order by created_at desc, id desc limit 20",
    )
    .bind(owner)
    .fetch_all(db)
    .await
}

/// Deletes a draft, if `owner` owns it (a draft id from a form is never trusted alone).
pub async fn discard(db: &Db, id: &str, owner: &str) -> sqlx::Result<()> {
    sqlx::query("delete from form_draft where id = $1 and owner = $2")
        .bind(id)
        .bind(owner)
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes account drafts older than [`KEEP_DAYS`] and browser drafts older than
/// [`BROWSER_KEEP_HOURS`].
pub async fn purge_old(db: &Db) -> sqlx::Result<u64> {
    let at = |d: chrono::Duration| crate::db::from_now(-d);
    let r = sqlx::query(
        "delete from form_draft where created_at < $1 or (owner like 'browser:%' and created_at < $2)",
    )
    .bind(at(chrono::Duration::days(KEEP_DAYS)))
    .bind(at(chrono::Duration::hours(BROWSER_KEEP_HOURS)))
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

/// Stores the draft for this request's owner (within the limits).
pub async fn save_for(state: &Core, auth: &RequestAuth, d: NewDraft) -> Result<String, DraftError> {
    save(
        &state.db,
        &state.throttle,
        &owner_key(auth),
        &auth.client_ip,
        d,
    )
    .await
}
