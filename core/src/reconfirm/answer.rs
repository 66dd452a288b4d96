//! The three reminder links, once their page's button is pressed. Opening a link changes
//! nothing (its page only shows a button); pressing spends the link: "Всё верно" confirms the
//! listing, "Обновить" leads to the edit form (or, with no editor, to the page's form for
//! corrections), "Мы больше не работаем" archives the listing and tells the region's staff.
//! Links work without logging in, for these actions only.

use super::{store, Action, LinkPage};
use crate::accounts::token::{looks_like_token, token_hash};
use crate::db::now;
use crate::editing::lifecycle::{self, Actor};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::{org_url, store as org_store};
use crate::state::Core;

/// What a link's page shows: the action and the organization, or that it cannot be used.
pub async fn link_page(state: &Core, token: &str) -> Result<Option<LinkPage>, AppError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let Some(row) = store::live_token(&state.db, &token_hash(token), &now()).await? else {
        return Ok(None);
    };
    let Some(org) = org_store::access(&state.db, row.organization_id).await? else {
        return Ok(None);
    };
    Ok(Some(LinkPage {
        action: row.action,
        organization: org.name.clone(),
        url: org_url(org.id, &org.slug),
        usable: org.status == crate::kinds::OrgStatus::Published,
    }))
}

/// Where the person goes after pressing the button.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Confirmed: the organization's page, with a thank-you.
    Confirmed(String),
    /// The edit form, or the page's correction form when nobody edits it.
    Update(String),
    /// Archived: its page, with the banner.
    Archived(String),
}

/// Presses a link's button. None: the link is used, expired, unknown, or its organization
/// is no longer on the map; nothing changes.
pub async fn press(state: &Core, token: &str, ip: &str) -> Result<Option<Outcome>, AppError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let ts = now();
    let mut tx = state.db.begin().await?;
    let Some(row) = store::use_token(&mut tx, &token_hash(token), &ts).await? else {
        tx.rollback().await?;
        return Ok(None);
    };
    let Some(org) = org_store::access(&state.db, row.organization_id).await? else {
        tx.rollback().await?;
        return Ok(None);
    };
    if org.status != crate::kinds::OrgStatus::Published {
        tx.rollback().await?;
        return Ok(None);
    }
    let page = org_url(org.id, &org.slug);
    let actor = Actor {
        account_id: None,
        ip,
    };
    match row.action {
        Action::Confirm => {
            store::confirm(&mut tx, org.id, &ts).await?;
            store::answer(&mut tx, row.job_id, Action::Confirm, &ts, true).await?;
            tx.commit().await?;
            crate::audit::record(
                &state.db,
                crate::audit::AuditEvent {
                    region_id: Some(org.region_id),
                    target_kind: crate::kinds::AuditTarget::Organization,
                    target_id: Some(org.id),
                    detail: "reminder link".into(),
                    ..crate::audit::AuditEvent::new(crate::kinds::AuditAction::OrgConfirmed, ip)
                },
            )
            .await;
            crate::editing::service::refresh_search(state, org.id).await;
            Ok(Some(Outcome::Confirmed(page)))
        }
        Action::Update => {
            store::answer(&mut tx, row.job_id, Action::Update, &ts, false).await?;
            tx.commit().await?;
            let to = if store::has_editor(&state.db, org.id).await? {
                format!("/org/{}/edit", org.id)
            } else {
                format!("{page}?report=1#report")
            };
            Ok(Some(Outcome::Update(to)))
        }
        Action::Closed => {
            store::answer(&mut tx, row.job_id, Action::Closed, &ts, true).await?;
            tx.commit().await?;
            let i18n = I18n::default();
            let note = i18n.t("archive-note-by-organization");
            lifecycle::archive(state, &org, &note, &actor).await?;
            let manage = format!(
                "{}/org/{}/manage",
                state.config.public_url.trim_end_matches('/'),
                org.id
            );
            let args = [("name", org.name.clone()), ("manage", manage)];
            for to in store::staff_emails(&state.db, org.region_id).await? {
                crate::notify::send(state, &to, "mail-org-closed", &args).await?;
            }
            Ok(Some(Outcome::Archived(page)))
        }
    }
}
