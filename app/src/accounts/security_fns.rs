//! Server fns behind the account's security pages: sessions and protections, setting up the
//! second factor, the state of an email link, the admin's list of accounts. They only read,
//! and each checks who is asking.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::Viewer;
use crate::error::PublicError;

/// One of the viewer's sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionLine {
    pub browser: String,
    pub ip: String,
    pub started: String,
    pub last_seen: String,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecurityPage {
    pub viewer: Viewer,
    pub sessions: Vec<SessionLine>,
    pub recovery_codes_left: i64,
}

#[server(input = GetUrl, endpoint = "account/security")]
pub async fn load_security_page() -> Result<SecurityPage, PublicError> {
    Ok(queries::security_page().await?)
}

/// A fresh secret to set up an authenticator app, with its QR code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorSetup {
    pub already_enabled: bool,
    pub secret: String,
    /// Inline SVG made on the server from our own data (never from user text).
    pub qr_svg: String,
    pub otpauth_url: String,
}

#[server(input = GetUrl, endpoint = "account/second-factor")]
pub async fn load_second_factor_setup() -> Result<SecondFactorSetup, PublicError> {
    Ok(queries::second_factor_setup().await?)
}

/// Whether an email link still works.
#[server(input = GetUrl, endpoint = "account/email-link")]
pub async fn email_link_usable(token: String) -> Result<bool, PublicError> {
    Ok(queries::email_link(&token).await?)
}

/// Whether this browser has a login waiting for its code.
#[server(input = GetUrl, endpoint = "account/login-code")]
pub async fn login_challenge_alive() -> Result<bool, PublicError> {
    Ok(queries::challenge_alive().await?)
}

/// An account on the admin's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountLine {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub is_admin: bool,
    pub disabled: bool,
    pub verified: bool,
    pub totp: bool,
    pub last_login: String,
}

#[server(input = GetUrl, endpoint = "admin/accounts")]
pub async fn load_admin_accounts(q: String) -> Result<Vec<AccountLine>, PublicError> {
    Ok(queries::admin_accounts(&q).await?)
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::*;
    use crate::accounts::login::challenge_cookie_name;
    use crate::accounts::token::{looks_like_token, token_hash};
    use crate::accounts::{authz, second_factor, second_factor_store as sf, security_store as sec};
    use crate::error::AppError;
    use crate::web::gate::cookie;

    use crate::web::request::server_fn_context as context;

    /// "Firefox on Android" from a User-Agent, roughly; the raw string when unknown.
    pub fn browser_name(agent: &str) -> String {
        let browser = ["YaBrowser", "Edg", "OPR", "Firefox", "Chrome", "Safari"]
            .into_iter()
            .find(|b| agent.contains(b))
            .map(|b| match b {
                "YaBrowser" => "Яндекс Браузер",
                "Edg" => "Edge",
                "OPR" => "Opera",
                other => other,
            });
        let os = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
            .into_iter()
            .find(|o| agent.contains(o));
        match (browser, os) {
            (Some(b), Some(o)) => format!("{b}, {o}"),
            (Some(b), None) => b.to_owned(),
            _ => agent.chars().take(80).collect(),
        }
    }

    pub async fn security_page() -> Result<SecurityPage, AppError> {
        let (state, i18n, auth) = context()?;
        let viewer = authz::require_viewer(&auth)?;
        let current = auth.session_token.as_deref().map(token_hash);
        let sessions = sec::sessions_of(&state.db, viewer.account_id)
            .await?
            .into_iter()
            .map(|s| SessionLine {
                browser: browser_name(&s.user_agent),
                ip: s.ip,
                started: crate::organizations::view::date_text(&i18n, &s.created_at),
                last_seen: crate::organizations::view::date_text(&i18n, &s.last_seen_at),
                current: current.as_deref() == Some(s.token_hash.as_str()),
            })
            .collect();
        let recovery_codes_left = sf::recovery_codes_left(&state.db, viewer.account_id).await?;
        Ok(SecurityPage {
            viewer,
            sessions,
            recovery_codes_left,
        })
    }

    pub async fn second_factor_setup() -> Result<SecondFactorSetup, AppError> {
        let (state, _, auth) = context()?;
        let viewer = authz::require_viewer(&auth)?;
        let already_enabled = second_factor::enabled(&state.db, viewer.account_id).await?;
        let secret = second_factor::new_secret();
        let otpauth_url = second_factor::otpauth_url(&secret, &viewer.email);
        Ok(SecondFactorSetup {
            already_enabled,
            qr_svg: second_factor::qr_svg(&otpauth_url),
            secret,
            otpauth_url,
        })
    }

    pub async fn email_link(token: &str) -> Result<bool, AppError> {
        let (state, _, _) = context()?;
        if !looks_like_token(token) {
            return Ok(false);
        }
        Ok(sec::find_email_token(&state.db, token).await?.is_some())
    }

    pub async fn challenge_alive() -> Result<bool, AppError> {
        let (state, _, _) = context()?;
        let parts = use_context::<http::request::Parts>();
        let secure = state.config.session.secure_cookies;
        let token = parts
            .as_ref()
            .and_then(|p| cookie(&p.headers, challenge_cookie_name(secure)))
            .filter(|t| looks_like_token(t))
            .map(str::to_owned);
        match token {
            Some(t) => Ok(sf::challenge_alive(&state.db, &t).await?),
            None => Ok(false),
        }
    }

    pub async fn admin_accounts(q: &str) -> Result<Vec<AccountLine>, AppError> {
        let (state, i18n, auth) = context()?;
        authz::require_admin(&auth)?;
        let q: String = q.chars().take(100).collect();
        Ok(sec::list_accounts(&state.db, &q, 200)
            .await?
            .into_iter()
            .map(|a| AccountLine {
                id: a.id,
                email: a.email,
                name: a.display_name,
                is_admin: a.is_admin,
                disabled: a.disabled,
                verified: a.verified,
                totp: a.totp,
                last_login: a
                    .last_login_at
                    .map(|t| crate::organizations::view::date_text(&i18n, &t))
                    .unwrap_or_default(),
            })
            .collect())
    }
}
