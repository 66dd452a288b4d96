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

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use super::session;
use super::token::{looks_like_token, new_token, same_secret};
use crate::state::AppState;

use super::form_body::{parse_multipart, parse_urlencoded, BodyError, MAX_URLENCODED};
pub use super::form_body::{SubmittedForm, Upload, CSRF_FIELD, MAX_MULTIPART_STREAM, MAX_UPLOAD};
pub use super::refusal::message_page;
use super::refusal::Refusal;
pub use crate::text::escape_html;

/// The header that may carry the token instead (scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";

pub use poputchiki_core::accounts::RequestAuth;

/// Cookie names depend on whether the site is served over HTTPS.
pub fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-poputchiki_csrf"
    } else {
        "poputchiki_csrf"
    }
}

pub fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-poputchiki_device"
    } else {
        "poputchiki_device"
    }
}

fn cookie_attributes(secure: bool) -> &'static str {
    if secure {
        "Path=/; Secure; HttpOnly; SameSite=Lax"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// The `Set-Cookie` value of a long-lived cookie (CSRF, trusted device).
pub fn long_cookie(name: &str, value: &str, secure: bool) -> String {
    format!(
        "{name}={value}; Max-Age=31536000; {}",
        cookie_attributes(secure)
    )
}

/// The value of one cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

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

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
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
    if is_unsafe(req.method()) {
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
    let mut resp = next.run(req).await;
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

pub fn append_cookie(resp: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
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

/// Whether the browser says the request comes from our own pages. Browsers set these
/// headers themselves; scripts on other sites cannot forge them.
fn origin_verdict(headers: &HeaderMap) -> Result<bool, Refusal> {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site == Some("cross-site") {
        return Err(Refusal::CrossSite);
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if let Some(origin) = origin {
        let origin_host = origin.split_once("://").map(|(_, h)| h);
        if origin == "null" || origin_host.is_none() || origin_host != host {
            return Err(Refusal::CrossSite);
        }
        return Ok(true);
    }
    Ok(fetch_site == Some("same-origin"))
}

/// The CSRF check, then the body. The origin is checked from the headers alone; a token
/// sent in the `X-CSRF-Token` header is checked before a byte of the body is read. A form
/// that carries its token in a field is parsed within the caps of `form_body`, and a
/// multipart form must show its token before any file.
async fn check_and_parse(
    req: Request,
    csrf: &str,
    cookie_was_missing: bool,
) -> Result<Request, Refusal> {
    let same_origin = origin_verdict(req.headers())?;
    let header_token = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let header_ok = match &header_token {
        Some(h) if cookie_was_missing || !same_secret(h, csrf) => {
            return Err(Refusal::BadToken {
                fields: vec![],
                same_origin,
            })
        }
        Some(_) => true,
        None => false,
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parts, body) = req.into_parts();
    let token_csrf = if cookie_was_missing { "" } else { csrf };
    let form = if content_type.starts_with("application/x-www-form-urlencoded") {
        Some(parse_urlencoded(body).await.map_err(body_refusal)?)
    } else if content_type.starts_with("multipart/form-data") {
        let parsed = parse_multipart(body, &content_type, token_csrf, header_ok).await;
        match parsed {
            Err(BodyError::TokenFirst) => {
                return Err(Refusal::BadToken {
                    fields: vec![],
                    same_origin,
                })
            }
            other => Some(other.map_err(body_refusal)?),
        }
    } else if header_ok {
        // A script with the header token: its body goes to the handler, within the cap.
        let body = Body::new(http_body_util::Limited::new(body, MAX_URLENCODED));
        return Ok(Request::from_parts(parts, body));
    } else {
        None
    };
    let token_ok = header_ok
        || form
            .as_ref()
            .is_some_and(|f| !cookie_was_missing && same_secret(f.get(CSRF_FIELD), csrf));
    if !token_ok {
        return Err(Refusal::BadToken {
            fields: form.map(|f| f.fields).unwrap_or_default(),
            same_origin,
        });
    }
    let mut req = Request::from_parts(parts, Body::empty());
    req.extensions_mut().insert(form.unwrap_or_default());
    Ok(req)
}

fn body_refusal(e: BodyError) -> Refusal {
    match e {
        BodyError::TooLarge => Refusal::TooLarge,
        BodyError::Malformed | BodyError::TokenFirst => Refusal::Malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn other_sites_are_refused_by_origin_or_fetch_metadata() {
        let cross = headers(&[
            ("host", "poputchiki.ru"),
            ("origin", "https://evil.example"),
        ]);
        assert!(matches!(origin_verdict(&cross), Err(Refusal::CrossSite)));
        let meta = headers(&[("host", "poputchiki.ru"), ("sec-fetch-site", "cross-site")]);
        assert!(matches!(origin_verdict(&meta), Err(Refusal::CrossSite)));
        let null = headers(&[("host", "poputchiki.ru"), ("origin", "null")]);
        assert!(matches!(origin_verdict(&null), Err(Refusal::CrossSite)));
        let ours = headers(&[
            ("host", "poputchiki.ru"),
            ("origin", "https://poputchiki.ru"),
        ]);
        assert!(matches!(origin_verdict(&ours), Ok(true)));
        // Old browsers send neither: the token alone decides.
        assert!(matches!(
            origin_verdict(&headers(&[("host", "poputchiki.ru")])),
            Ok(false)
        ));
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let h = headers(&[(
            "cookie",
            "lang=ru; poputchiki_csrf=abc; x_poputchiki_csrf=zzz",
        )]);
        assert_eq!(cookie(&h, "poputchiki_csrf"), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
