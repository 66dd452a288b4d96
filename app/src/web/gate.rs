//! The gate every request passes: who is asking (the session cookie), the browser's CSRF
//! token (a double-submit cookie), and, for every state-changing request, the CSRF check and
//! the parsing of the form body.
//!
//! Every mutation in Poputchiki is an HTML form post (`application/x-www-form-urlencoded` or
//! `multipart/form-data`) or a request carrying the token in an `X-CSRF-Token` header. The
//! gate refuses any POST, PUT, PATCH or DELETE that
//! - comes from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not ours), or
//! - does not carry the token of the browser's CSRF cookie, compared in constant time.
//!
//! Handlers never parse bodies themselves: they take the [`SubmittedForm`] the gate leaves in
//! the request's extensions, so no handler can forget the check.
//!
//! The parts: cookies ([`super::cookies`]), the origin and token check ([`super::csrf`]),
//! body parsing within caps ([`super::body`]) and the small pages of a refusal
//! ([`super::refusal`]); this file is the middleware that runs them in order.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::accounts::session;
use crate::accounts::token::{looks_like_token, new_token};
use crate::state::AppState;

pub use super::body::{SubmittedForm, Upload, CSRF_FIELD, MAX_MULTIPART_STREAM, MAX_UPLOAD};
pub use super::cookies::{
    append_cookie, cookie, csrf_cookie_name, device_cookie_name, long_cookie,
};
pub use super::csrf::CSRF_HEADER;
use super::csrf::{check_and_parse, is_capability_link, is_unsafe};
pub use super::refusal::message_page;
pub use crate::text::escape_html;

pub use poputchiki_core::accounts::RequestAuth;

fn client_ip(req: &Request, behind_proxy: bool) -> String {
    if behind_proxy {
        // The proxy appends the address it saw; earlier entries can be forged by the client.
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned());
        if let Some(ip) = forwarded.filter(|ip| !ip.is_empty()) {
            return ip;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The middleware. See the module documentation.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = state.config.session.secure_cookies;
    let headers = req.headers().clone();
    let (csrf_token, new_csrf) = match cookie(&headers, csrf_cookie_name(secure)) {
        Some(t) if looks_like_token(t) => (t.to_owned(), false),
        _ => (new_token(), true),
    };
    let sent_session = cookie(&headers, state.config.session.cookie_name()).map(str::to_owned);
    let viewer = match &sent_session {
        Some(t) => session::lookup(&state.db, &state.config.session, t)
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "session lookup failed");
                None
            }),
        None => None,
    };
    let auth = RequestAuth {
        session_token: sent_session.clone().filter(|_| viewer.is_some()),
        viewer,
        csrf_token: csrf_token.clone(),
        client_ip: client_ip(&req, state.config.behind_proxy),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        device_token: cookie(&headers, device_cookie_name(secure))
            .filter(|t| looks_like_token(t))
            .map(str::to_owned),
    };
    let stale_session = sent_session.is_some() && auth.viewer.is_none();
    if is_unsafe(req.method()) && !is_capability_link(req.uri().path()) {
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned());
        req = match check_and_parse(req, &csrf_token, new_csrf).await {
            Ok(r) => r,
            Err(refusal) => {
                let mut resp = refusal.into_response(&headers, &path, &csrf_token);
                if new_csrf {
                    append_cookie(
                        &mut resp,
                        &long_cookie(csrf_cookie_name(secure), &csrf_token, secure),
                    );
                }
                return resp;
            }
        };
    }
    let auth_present = auth.viewer.is_some();
    req.extensions_mut().insert(auth);
    let mut resp = super::error::draw_pending(next.run(req).await, &headers);
    if new_csrf {
        append_cookie(
            &mut resp,
            &long_cookie(csrf_cookie_name(secure), &csrf_token, secure),
        );
    }
    let sets_session = resp.headers().get_all(header::SET_COOKIE).iter().any(|v| {
        v.as_bytes()
            .starts_with(state.config.session.cookie_name().as_bytes())
    });
    if stale_session && !sets_session {
        append_cookie(&mut resp, &state.config.session.clear_cookie());
    }
    mark_private(&mut resp, stale_session || auth_present);
    resp
}

/// Pages carry the viewer's name and CSRF tokens: no shared cache may keep them. Data
/// answered to a logged-in viewer may hold what only they may see: no cache keeps it at all.
fn mark_private(resp: &mut Response, logged_in: bool) {
    let content_type = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_html = content_type.starts_with("text/html");
    let is_data = content_type.contains("json");
    if logged_in && (is_data || is_html) {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if is_html && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
}
