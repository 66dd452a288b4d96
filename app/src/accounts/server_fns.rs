//! Server fns that load what the account pages show. They only read; every change goes
//! through a form post (`handlers.rs`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Viewer;
use crate::error::PublicError;
use crate::forms::FormState;

/// A form's values from a draft the viewer owns; empty when there is none.
#[server(input = GetUrl, endpoint = "forms/draft")]
pub async fn load_form_state(
    form: String,
    draft: Option<String>,
) -> Result<FormState, PublicError> {
    Ok(queries::form_state(&form, draft.as_deref()).await?)
}

/// An organization on someone's account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyOrganization {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub status: crate::kinds::OrgStatus,
    pub moderation_note: String,
}

/// A form someone started and did not finish.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftLink {
    pub url: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub viewer: Viewer,
    pub organizations: Vec<MyOrganization>,
    pub drafts: Vec<DraftLink>,
}

/// The logged-in person's page: their organizations (with moderation status) and drafts.
#[server(input = GetUrl, endpoint = "account/page")]
pub async fn load_account_page() -> Result<AccountPage, PublicError> {
    Ok(queries::account_page().await?)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub organization: String,
    pub organization_url: String,
    pub usable: bool,
    pub logged_in: bool,
    pub already_editor: bool,
    /// The viewer's address is verified (a membership needs it).
    pub email_verified: bool,
    /// The invitation was sent to another address than the viewer's.
    pub for_other_email: bool,
}

#[server(input = GetUrl, endpoint = "account/invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationPage, PublicError> {
    Ok(queries::invitation(&token).await?)
}

/// Whether a password-reset link still works.
#[server(input = GetUrl, endpoint = "account/reset")]
pub async fn reset_link_usable(token: String) -> Result<bool, PublicError> {
    Ok(queries::reset_usable(&token).await?)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffLine {
    pub account_id: i64,
    pub email: String,
    pub name: String,
    pub region_id: i64,
    pub region: String,
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminPage {
    /// (slug, name) of every region.
    pub regions: Vec<(String, String)>,
    pub staff: Vec<StaffLine>,
}

#[server(input = GetUrl, endpoint = "admin/page")]
pub async fn load_admin_page() -> Result<AdminPage, PublicError> {
    Ok(queries::admin_page().await?)
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::*;
    use crate::accounts::{authz, request_auth, store};
    use crate::error::AppError;
    use crate::forms::draft;
    use crate::organizations::org_url;
    use crate::web::gate::RequestAuth;

    fn auth() -> Result<RequestAuth, AppError> {
        request_auth()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the request did not pass the gate")))
    }

    fn state() -> Result<crate::state::AppState, AppError> {
        crate::state::request_context().map(|(s, _)| s)
    }

    pub async fn form_state(form: &str, draft_id: Option<&str>) -> Result<FormState, AppError> {
        let Some(id) = draft_id else {
            return Ok(FormState::default());
        };
        let auth = auth()?;
        let d = draft::load(&state()?.db, id, &draft::owner_key(&auth)).await?;
        Ok(d.filter(|d| d.form == form)
            .map(|d| d.form_state())
            .unwrap_or_default())
    }

    pub async fn account_page() -> Result<AccountPage, AppError> {
        let auth = auth()?;
        let viewer = authz::require_viewer(&auth)?;
        let state = state()?;
        let organizations = store::organizations_of(&state.db, viewer.account_id)
            .await?
            .into_iter()
            .map(|o| MyOrganization {
                id: o.id,
                url: org_url(o.id, &o.slug),
                name: o.name,
                status: o.status,
                moderation_note: o.moderation_note,
            })
            .collect();
        let drafts = draft::open_drafts(&state.db, &draft::owner_key(&auth))
            .await?
            .into_iter()
            .map(|(id, form, target, created_at)| DraftLink {
                url: match (form.as_str(), target) {
                    ("edit", Some(t)) => format!("/org/{t}/edit?draft={id}"),
                    _ => format!("/org/new?draft={id}"),
                },
                created_at,
            })
            .collect();
        Ok(AccountPage {
            viewer,
            organizations,
            drafts,
        })
    }

    pub async fn invitation(token: &str) -> Result<InvitationPage, AppError> {
        let auth = auth()?;
        let state = state()?;
        if !crate::accounts::token::looks_like_token(token) {
            return Err(AppError::NotFound);
        }
        let inv = store::find_invitation(&state.db, token)
            .await?
            .ok_or(AppError::NotFound)?;
        let org = authz::org_access(&state.db, inv.organization_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let already_editor = match &auth.viewer {
            Some(v) => store::is_member(&state.db, v.account_id, org.id).await?,
            None => false,
        };
        let for_other_email = match &auth.viewer {
            Some(v) => !inv.email.is_empty() && inv.email != v.email,
            None => false,
        };
        Ok(InvitationPage {
            organization: org.name.clone(),
            organization_url: org_url(org.id, &org.slug),
            usable: inv.usable(),
            logged_in: auth.viewer.is_some(),
            already_editor,
            email_verified: auth.viewer.as_ref().is_some_and(|v| v.email_verified),
            for_other_email,
        })
    }

    pub async fn reset_usable(token: &str) -> Result<bool, AppError> {
        if !crate::accounts::token::looks_like_token(token) {
            return Ok(false);
        }
        Ok(store::reset_usable(&state()?.db, token).await?)
    }

    pub async fn admin_page() -> Result<AdminPage, AppError> {
        authz::require_admin(&auth()?)?;
        let (state, i18n) = crate::state::request_context()?;
        let regions: Vec<(i64, String, String)> = crate::region::store::all(&state.db)
            .await?
            .into_iter()
            .map(|(id, slug, name): (i64, String, String)| {
                let label = serde_json::from_str::<crate::text::LocalizedText>(&name)
                    .map(|t| t.get(i18n.locale).to_owned())
                    .unwrap_or(name);
                (id, slug, label)
            })
            .collect();
        let region_name = |id: i64| {
            regions
                .iter()
                .find(|r| r.0 == id)
                .map(|r| r.2.clone())
                .unwrap_or_default()
        };
        let staff = store::list_staff(&state.db)
            .await?
            .into_iter()
            .map(|s| StaffLine {
                region: region_name(s.region_id),
                account_id: s.account_id,
                email: s.email,
                name: s.display_name,
                region_id: s.region_id,
                since: crate::organizations::view::date_text(&i18n, &s.created_at),
            })
            .collect();
        Ok(AdminPage {
            regions: regions
                .iter()
                .map(|(_, slug, name)| (slug.clone(), name.clone()))
                .collect(),
            staff,
        })
    }
}
