//! The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, the format every
//! authenticator app reads) with ten one-time recovery codes. Staff and admins must set it
//! up before their roles work in a session; anyone else may. A code is accepted one step
//! early or late (clock drift) and only once (its step is recorded).

use crate::kinds::{AuditAction, DraftForm, Notice};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use rand_core::{OsRng, RngCore};
use totp_rs::{Algorithm, Secret, TOTP};

use super::authz;
use super::handlers::{account_event, issue};
use super::second_factor_store as sf;
use crate::db::Db;
use crate::error::AppError;
use crate::forms::draft::NewDraft;
use crate::state::AppState;
use crate::text::escape_html;
use crate::web::error::i18n_of;
use crate::web::gate::{RequestAuth, SubmittedForm};

use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::{back_to_form, see_other};

/// The issuer shown in authenticator apps.
pub const ISSUER: &str = "Poputchiki";
/// Recovery codes made at a time.
pub const RECOVERY_CODES: usize = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/second-factor", post(enable))
        .route("/account/second-factor/disable", post(disable))
}

fn totp(secret: &[u8]) -> Option<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret.to_vec()).ok()
}

/// A new random 160-bit secret, base32 (as apps expect it typed).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_url(secret_b32: &str, account: &str) -> String {
    let enc = crate::organizations::url_encode;
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret_b32}&issuer={issuer}&algorithm=SHA1&digits=6&period=30",
        issuer = enc(ISSUER),
        account = enc(account),
    )
}

pub use poputchiki_core::qr::qr_svg;

/// The time step a code matches (now, one before or one after), if any.
pub fn matching_step(secret_b32: &str, code: &str, unix_time: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    let t = totp(&bytes)?;
    let step = (unix_time / 30) as i64;
    [step - 1, step, step + 1].into_iter().find(|s| {
        *s >= 0 && {
            let expected = t.generate(*s as u64 * 30);
            super::token::same_secret(&expected, &code)
        }
    })
}

fn unix_now() -> u64 {
    chrono::Utc::now().timestamp().max(0) as u64
}

/// Whether the account has TOTP switched on.
pub async fn enabled(db: &Db, account_id: i64) -> sqlx::Result<bool> {
    Ok(sf::totp_of(db, account_id)
        .await?
        .is_some_and(|t| t.totp_enabled_at.is_some()))
}

/// Checks a login code against the account's secret; a code works once.
pub async fn check_login_code(db: &Db, account_id: i64, code: &str) -> sqlx::Result<bool> {
    let Some(row) = sf::totp_of(db, account_id).await? else {
        return Ok(false);
    };
    let Some(secret) = row.totp_secret.filter(|_| row.totp_enabled_at.is_some()) else {
        return Ok(false);
    };
    match matching_step(&secret, code, unix_now()) {
        Some(step) if step > row.totp_last_step => sf::use_totp_step(db, account_id, step).await,
        _ => Ok(false),
    }
}

/// Checks and uses up a recovery code (typed with or without the dash, any case).
pub async fn use_recovery(db: &Db, account_id: i64, code: &str) -> sqlx::Result<bool> {
    sf::use_recovery_code(db, account_id, &normalize_recovery(code)).await
}

fn normalize_recovery(code: &str) -> String {
    let clean: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match clean.len() {
        10 => format!("{}-{}", &clean[..5], &clean[5..]),
        _ => clean,
    }
}

/// Ten fresh codes like `k3m9q-x72pd` (50 bits each; no look-alike letters).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            OsRng.fill_bytes(&mut bytes);
            let chars: String = bytes
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

async fn enable(headers: HeaderMap, FormPost { state, auth, form }: FormPost) -> PageResult {
    Ok(enable_inner(&state, &auth, &form, &headers).await?)
}

/// Confirms the secret shown on the set-up page with a code from the app, then shows the
/// recovery codes once. The session counts as having passed the second factor.
async fn enable_inner(
    state: &AppState,
    auth: &RequestAuth,
    form: &SubmittedForm,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let viewer = authz::require_viewer(auth)?;
    // Replacing a working second factor needs the password: a stolen session alone must not
    // move the account's codes to someone else's phone.
    if enabled(&state.db, viewer.account_id).await? {
        let typed = form.get("current_password");
        if let Err(i) =
            super::credentials::current_password_ok(state, viewer.account_id, typed).await?
        {
            let d = NewDraft::of(DraftForm::SecondFactor, vec![], vec![i]);
            return back_to_form(state, auth, "/account/second-factor", d).await;
        }
    }
    let secret = form.get("totp_secret").trim().to_owned();
    let step = matching_step(&secret, form.get("totp_code"), unix_now());
    let Some(step) = step.filter(|_| secret.len() >= 16 && secret.len() <= 64) else {
        let d = NewDraft::of(
            DraftForm::SecondFactor,
            vec![],
            vec![issue("totp_code", "err-totp-code")],
        );
        return back_to_form(state, auth, "/account/second-factor", d).await;
    };
    let codes = new_recovery_codes();
    sf::enable_totp(&state.db, viewer.account_id, &secret, step, &codes).await?;
    if let Some(token) = &auth.session_token {
        sf::mark_second_factor(&state.db, token).await?;
    }
    account_event(
        state,
        auth,
        viewer.account_id,
        AuditAction::SecondFactorEnabled,
    )
    .await;
    crate::notify::security_change(state, viewer.account_id, "mail-2fa-on").await?;
    let i18n = i18n_of(headers);
    let list: String = codes
        .iter()
        .map(|c| format!("<li><code>{}</code></li>", escape_html(c)))
        .collect();
    let extra = format!(
        "<ol class=\"recovery-codes\">{list}</ol><p><a class=\"button\" href=\"/account?notice=2fa-on\">{}</a></p>",
        escape_html(&i18n.t("second-factor-codes-done"))
    );
    let page = crate::web::refusal::message_page(
        &i18n,
        "second-factor-codes-title",
        "second-factor-codes-text",
        &extra,
    );
    let mut resp = Html(page).into_response();
    resp.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    Ok(resp)
}

async fn disable(FormPost { state, auth, form }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    let privileged =
        viewer.is_admin || !viewer.staff_regions.is_empty() || viewer.needs_second_factor;
    // The password check is the throttled one every account form uses.
    let refused = if privileged {
        Some(issue("current_password", "err-2fa-required-for-staff"))
    } else {
        let typed = form.get("current_password");
        super::credentials::current_password_ok(&state, viewer.account_id, typed)
            .await?
            .err()
    };
    if let Some(i) = refused {
        let d = NewDraft::of(DraftForm::SecondFactorOff, vec![], vec![i]);
        return back_to_form(&state, &auth, "/account/security", d).await;
    }
    sf::disable_totp(&state.db, viewer.account_id).await?;
    account_event(
        &state,
        &auth,
        viewer.account_id,
        AuditAction::SecondFactorDisabled,
    )
    .await;
    crate::notify::security_change(&state, viewer.account_id, "mail-2fa-off").await?;
    Ok(see_other(&Notice::SecondFactorOff.on("/account/security")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_step_and_its_neighbours_only() {
        let secret = new_secret();
        let bytes = Secret::Encoded(secret.clone()).to_bytes().expect("base32");
        let t = totp(&bytes).expect("totp");
        let now = 1_790_000_000u64;
        let code = t.generate(now);
        assert_eq!(matching_step(&secret, &code, now), Some((now / 30) as i64));
        assert_eq!(
            matching_step(&secret, &code, now + 30),
            Some((now / 30) as i64),
            "one step of drift is fine"
        );
        assert_eq!(matching_step(&secret, &code, now + 90), None);
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step("not base32!", &code, now), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(matching_step(&secret, &spaced, now).is_some());
    }

    #[test]
    fn recovery_codes_are_distinct_and_typed_any_way() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let c = &codes[0];
        assert_eq!(normalize_recovery(&c.to_uppercase().replace('-', " ")), *c);
    }

    #[test]
    fn the_otpauth_address_names_the_issuer_and_account() {
        let url = otpauth_url("JBSWY3DPEHPK3PXP", "staff@example.ru");
        assert!(
            url.starts_with("otpauth://totp/Poputchiki:staff%40example.ru?secret=JBSWY3DPEHPK3PXP")
        );
        assert!(qr_svg(&url).starts_with("<?xml") || qr_svg(&url).starts_with("<svg"));
    }
}
