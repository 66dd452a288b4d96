//! Data access for accounts, roles, memberships, invitations, password resets and trusted
//! devices. All SQL about accounts lives here.

use chrono::Duration as ChronoDuration;

use super::token::{new_token, token_hash};
use crate::db::{from_now, now, Db};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub is_admin: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub disabled: bool,
}

/// Emails are compared lowercased and trimmed.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The account's address, if it exists.
pub async fn email_of(db: &Db, account_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select email from account where id = $1")
        .bind(account_id)
        .fetch_optional(db)
        .await
}

/// The account's password hash, if it exists.
pub async fn password_hash_of(db: &Db, account_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select password_hash from account where id = $1")
        .bind(account_id)
        .fetch_optional(db)
        .await
}

pub async fn find_by_email(db: &Db, email: &str) -> sqlx::Result<Option<AccountRow>> {
    sqlx::query_as(
        "select id, email, display_name, password_hash, is_admin, disabled from account where email = $1",
    )
    .bind(normalize_email(email))
    .fetch_optional(db)
    .await
}

/// Creates an account; `Ok(None)` when the email is taken.
pub async fn create_account(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    is_admin: bool,
) -> sqlx::Result<Option<i64>> {
    let ts = now();
    let id = sqlx::query_scalar(
        "insert into account (email, display_name, password_hash, is_admin, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (email) do nothing returning id",
    )
    .bind(normalize_email(email))
    .bind(display_name.trim())
    .bind(password_hash)
    .bind(i64::from(is_admin))
    .bind(&ts)
    .bind(&ts)
    .fetch_optional(db)
    .await?;
    Ok(id)
}

pub async fn set_password(db: &Db, account_id: i64, password_hash: &str) -> sqlx::Result<()> {
    sqlx::query("update account set password_hash = $1, updated_at = $2 where id = $3")
        .bind(password_hash)
        .bind(now())
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_admin(db: &Db, account_id: i64, is_admin: bool) -> sqlx::Result<()> {
    sqlx::query("update account set is_admin = $1, updated_at = $2 where id = $3")
        .bind(i64::from(is_admin))
        .bind(now())
        .bind(account_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Records a login; `true` when it is the account's first.
pub async fn touch_login(db: &Db, account_id: i64) -> sqlx::Result<bool> {
    let ts = now();
    let before: Option<Option<String>> =
        sqlx::query_scalar("select last_login_at from account where id = $1")
            .bind(account_id)
            .fetch_optional(db)
            .await?;
    sqlx::query("update account set last_login_at = $1, updated_at = $2 where id = $3")
        .bind(&ts)
        .bind(&ts)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(matches!(before, Some(None)))
}

/// How long a browser stays trusted after its last login.
pub const TRUSTED_DEVICE_DAYS: i64 = 180;

/// Trusts a browser for the account (again), for [`TRUSTED_DEVICE_DAYS`] from now.
pub async fn trust_device(db: &Db, account_id: i64, device_token: &str) -> sqlx::Result<()> {
    let ts = now();
    sqlx::query(
        "insert into trusted_device (token_hash, account_id, expires_at, created_at, updated_at) values ($1, $2, $3, $4, $5)
         on conflict (token_hash, account_id) do update set expires_at = excluded.expires_at, updated_at = excluded.updated_at",
    )
    .bind(token_hash(device_token))
    .bind(account_id)
    .bind(from_now(ChronoDuration::days(TRUSTED_DEVICE_DAYS)))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn is_trusted_device(db: &Db, account_id: i64, device_token: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "select 1 from trusted_device where token_hash = $1 and account_id = $2 and expires_at > $3",
    )
    .bind(token_hash(device_token))
    .bind(account_id)
    .bind(now())
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

// ---- Staff roles -------------------------------------------------------------------------

/// One staff role, for the admin page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StaffRow {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub region_id: i64,
    pub created_at: String,
}

/// Grants staff rights in a region; `false` when the person already had them.
pub async fn grant_staff(db: &Db, account_id: i64, region_id: i64, by: i64) -> sqlx::Result<bool> {
    link(
        db,
        "insert into staff_role (account_id, region_id, granted_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5) on conflict do nothing",
        (account_id, region_id),
        Some(by),
    )
    .await
}

pub async fn revoke_staff(db: &Db, account_id: i64, region_id: i64) -> sqlx::Result<bool> {
    unlink(
        db,
        "delete from staff_role where account_id = $1 and region_id = $2",
        (account_id, region_id),
    )
    .await
}

/// Links an account to a region or an organization (`insert` takes the account, the other
/// side, who linked them and the time twice); `false` when the link existed.
async fn link(
    db: &Db,
    insert: &'static str,
    (account_id, other_id): (i64, i64),
    by: Option<i64>,
) -> sqlx::Result<bool> {
    let ts = now();
    let r = sqlx::query(insert)
        .bind(account_id)
        .bind(other_id)
        .bind(by)
        .bind(&ts)
        .bind(&ts)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Removes such a link (`delete` takes the account and the other side); `false` when there
/// was none.
async fn unlink(
    db: &Db,
    delete: &'static str,
    (account_id, other_id): (i64, i64),
) -> sqlx::Result<bool> {
    let r = sqlx::query(delete)
        .bind(account_id)
        .bind(other_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn list_staff(db: &Db) -> sqlx::Result<Vec<StaffRow>> {
    sqlx::query_as(
        "select a.id as account_id, a.email, a.display_name, s.region_id, s.created_at
         from staff_role s join account a on a.id = s.account_id order by s.region_id, a.email",
    )
    .fetch_all(db)
    .await
}

// ---- Memberships -------------------------------------------------------------------------

/// Whether the account edits the organization. A membership counts only once the account's
/// address is verified.
pub async fn is_member(
    db: impl crate::db::AnyExecutor<'_>,
    account_id: i64,
    organization_id: i64,
) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "select 1 from membership m join account a on a.id = m.account_id
         where m.account_id = $1 and m.organization_id = $2 and a.email_verified_at is not null",
    )
    .bind(account_id)
    .bind(organization_id)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Makes someone an editor; `false` when they already were.
pub async fn add_member(
    db: &Db,
    account_id: i64,
    organization_id: i64,
    added_by: Option<i64>,
) -> sqlx::Result<bool> {
    link(
        db,
        "insert into membership (account_id, organization_id, added_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5) on conflict do nothing",
        (account_id, organization_id),
        added_by,
    )
    .await
}

pub async fn remove_member(db: &Db, account_id: i64, organization_id: i64) -> sqlx::Result<bool> {
    unlink(
        db,
        "delete from membership where account_id = $1 and organization_id = $2",
        (account_id, organization_id),
    )
    .await
}

/// An editor of an organization.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub created_at: String,
}

pub async fn members_of(db: &Db, organization_id: i64) -> sqlx::Result<Vec<MemberRow>> {
    sqlx::query_as(
        "select a.id as account_id, a.email, a.display_name, m.created_at
         from membership m join account a on a.id = m.account_id
         where m.organization_id = $1 order by m.created_at, a.email",
    )
    .bind(organization_id)
    .fetch_all(db)
    .await
}

/// An organization someone edits or proposed, with its moderation status.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MyOrganizationRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: crate::kinds::OrgStatus,
    pub moderation_note: String,
    pub updated_at: String,
}

pub async fn organizations_of(
    db: impl crate::db::AnyExecutor<'_>,
    account_id: i64,
) -> sqlx::Result<Vec<MyOrganizationRow>> {
    sqlx::query_as(
        "select o.id, o.slug, o.name, o.status, o.moderation_note, o.updated_at from organization o
         where o.id in (select organization_id from membership where account_id = $1) or o.proposed_by = $2
         order by o.sort_name, o.id",
    )
    .bind(account_id)
    .bind(account_id)
    .fetch_all(db)
    .await
}

// ---- Invitations -------------------------------------------------------------------------

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;

/// Creates an invitation and returns its token (shown once, never stored).
pub async fn create_invitation(
    db: &Db,
    organization_id: i64,
    email: &str,
    created_by: i64,
) -> sqlx::Result<String> {
    let token = new_token();
    let ts = now();
    sqlx::query(
        "insert into invitation (token_hash, organization_id, email, created_by, expires_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash(&token))
    .bind(organization_id)
    .bind(normalize_email(email))
    .bind(created_by)
    .bind(from_now(ChronoDuration::days(INVITATION_DAYS)))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// An invitation as found by its token.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub organization_id: i64,
    /// The address it was sent to ("" for a link handed over in person).
    pub email: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

impl InvitationRow {
    pub fn usable(&self) -> bool {
        self.used_at.is_none() && self.expires_at > now()
    }
}

pub async fn find_invitation(db: &Db, token: &str) -> sqlx::Result<Option<InvitationRow>> {
    sqlx::query_as(
        "select id, organization_id, email, expires_at, used_at from invitation where token_hash = $1",
    )
    .bind(token_hash(token))
    .fetch_optional(db)
    .await
}

/// Uses an invitation up and makes the account an editor, in one transaction. `None` when
/// the link is unknown, used or expired (also when two people race for it).
pub async fn accept_invitation(db: &Db, token: &str, account_id: i64) -> sqlx::Result<Option<i64>> {
    let ts = now();
    let mut tx = db.begin().await?;
    let org: Option<(i64, i64)> = sqlx::query_as(
        "update invitation set used_at = $1, used_by = $2, updated_at = $3
         where token_hash = $4 and used_at is null and expires_at > $5 returning organization_id, created_by",
    )
    .bind(&ts)
    .bind(account_id)
    .bind(&ts)
    .bind(token_hash(token))
    .bind(&ts)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((organization_id, created_by)) = org else {
        return Ok(None);
    };
    sqlx::query(
        "insert into membership (account_id, organization_id, added_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5) on conflict do nothing",
    )
    .bind(account_id)
    .bind(organization_id)
    .bind(created_by)
    .bind(&ts)
    .bind(&ts)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(organization_id))
}

// ---- Password resets ---------------------------------------------------------------------

/// How long a reset link works.
pub const RESET_MINUTES: i64 = 60;

pub async fn create_reset(db: &Db, account_id: i64) -> sqlx::Result<String> {
    let token = new_token();
    let ts = now();
    sqlx::query(
        "insert into password_reset (token_hash, account_id, expires_at, created_at, updated_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(from_now(ChronoDuration::minutes(RESET_MINUTES)))
    .bind(&ts)
    .bind(&ts)
    .execute(db)
    .await?;
    Ok(token)
}

/// Whether a reset link still works (for showing the form).
pub async fn reset_usable(db: &Db, token: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "select 1 from password_reset where token_hash = $1 and used_at is null and expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Uses a reset link up; the account it belongs to, or `None` if it is unknown, used or
/// expired. Every other open link of the account stops working too.
pub async fn consume_reset(db: &Db, token: &str) -> sqlx::Result<Option<i64>> {
    let ts = now();
    let account: Option<i64> = sqlx::query_scalar(
        "update password_reset set used_at = $1, updated_at = $2
         where token_hash = $3 and used_at is null and expires_at > $4 returning account_id",
    )
    .bind(&ts)
    .bind(&ts)
    .bind(token_hash(token))
    .bind(&ts)
    .fetch_optional(db)
    .await?;
    if let Some(id) = account {
        sqlx::query("update password_reset set used_at = $1, updated_at = $2 where account_id = $3 and used_at is null")
            .bind(&ts)
            .bind(&ts)
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(account)
}
