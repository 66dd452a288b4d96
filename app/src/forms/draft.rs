//! Drafts: what someone typed into a form that could not be saved yet, with the issues.
//! A draft belongs to an account, or to a browser (its CSRF cookie) before login, and only
//! its owner can open it. Old drafts are purged at start-up.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::FormState;
use crate::accounts::gate::RequestAuth;
use crate::accounts::token::{looks_like_token, new_token, token_hash};
use crate::db::{now, Db};
use crate::error::FieldIssue;

/// How long drafts are kept.
pub const KEEP_DAYS: i64 = 30;

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
pub struct NewDraft<'a> {
    pub form: &'a str,
    pub target_id: Option<i64>,
    pub base_version: Option<i64>,
    pub fields: Vec<(String, String)>,
    pub issues: Vec<FieldIssue>,
}

pub async fn save(db: &Db, owner: &str, d: NewDraft<'_>) -> sqlx::Result<String> {
    let id = new_token();
    let ts = now();
    sqlx::query(
        "insert into form_draft (id, owner, form, target_id, base_version, payload, issues, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        "select id, form, target_id, base_version, payload, issues, created_at from form_draft where id = ? and owner = ?",
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
        "select id, form, target_id, created_at from form_draft where owner = ? and form in ('edit', 'new')
         order by created_at desc limit 20",
    )
    .bind(owner)
    .fetch_all(db)
    .await
}

pub async fn discard(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("delete from form_draft where id = ?")
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes drafts older than [`KEEP_DAYS`].
pub async fn purge_old(db: &Db) -> sqlx::Result<u64> {
    let cutoff = (chrono::Utc::now() - chrono::Duration::days(KEEP_DAYS))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    sqlx::query("delete from form_draft where created_at < ?")
        .bind(cutoff)
        .execute(db)
        .await
        .map(|r| r.rows_affected())
}

/// A 303 redirect ("see other"), the answer to every successful or failed form post.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// Stores the draft and sends the browser back to the form at `path` with it.
pub async fn back_to_form(
    db: &Db,
    auth: &RequestAuth,
    path: &str,
    d: NewDraft<'_>,
) -> Result<Response, crate::error::AppError> {
    let id = save(db, &owner_key(auth), d).await?;
    let sep = if path.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{path}{sep}draft={id}")))
}
