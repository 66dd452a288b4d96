//! A shared cache of the public pages anonymous visitors read (the search page, organization
//! and okrug pages, the lists): a page is rendered once and served from memory until the
//! data changes or `page_store::TTL` passes, so a popular page costs a copy instead of a render.
//!
//! What makes one page fit every anonymous visitor:
//! - the key is the host, the path with its query, and every cookie but the CSRF one (the
//!   language cookie among them), so nothing that changes a page is left out;
//! - the visitor's own CSRF token and a fresh CSP nonce are put back into the stored page on
//!   every hit (the page is kept cut at the places where the token and the nonce were);
//! - a visitor with a session cookie never reaches the cache, nor does any path outside
//!   [`public_page`], nor a form's draft (`?draft=`), which belongs to one visitor.
//!
//! A page is out of date when the search engine's generation moved (every change this
//! instance or another made to organizations, verifications or ties reaches it through the
//! change log), when this instance handled any POST, or after `page_store::TTL` (time-dependent text
//! such as "updated 3 days ago", and changes other instances made elsewhere).

use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::cookies::{append_cookie, cookie, csrf_cookie_name, long_cookie};
use crate::accounts::token::{looks_like_token, new_token};
use crate::page_store::{cut, join, nonce_of, Entry};
use crate::state::AppState;

/// Larger pages are not kept (none of the public pages comes near this).
const MAX_PAGE: usize = 1 << 20;
/// Marks a response served from the cache (for benchmarks and tests).
pub const HIT_HEADER: &str = "x-page-cache";

/// The paths of pages every anonymous visitor sees alike.
pub fn public_page(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        []
        | ["okrug"]
        | ["okrug", _]
        | ["needs"]
        | ["events"]
        | ["network"]
        | ["places"]
        | ["open-data"] => true,
        ["org", id] => *id != "new",
        _ => false,
    }
}

fn has_draft(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&')
            .any(|pair| pair.split('=').next() == Some("draft"))
    })
}

/// The cookies that may change a page: all but the CSRF one, in a stable order.
fn other_cookies(headers: &HeaderMap, csrf_name: &str) -> String {
    let mut pairs: Vec<&str> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(csrf_name))
        .collect();
    pairs.sort_unstable();
    pairs.join("; ")
}

/// The middleware. See the module documentation.
pub async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.pages;
    if super::csrf::is_unsafe(req.method()) {
        let resp = next.run(req).await;
        cache.wrote();
        return resp;
    }
    let secure = state.config.session.secure_cookies;
    let csrf_name = csrf_cookie_name(secure);
    let cacheable = cache.budget > 0
        && req.method() == Method::GET
        && public_page(req.uri().path())
        && !has_draft(req.uri().query())
        && cookie(req.headers(), state.config.session.cookie_name()).is_none();
    if !cacheable {
        return next.run(req).await;
    }
    let key = format!(
        "{}\n{}\n{}",
        req.headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or(""),
        req.uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/"),
        other_cookies(req.headers(), csrf_name)
    );
    let token = cookie(req.headers(), csrf_name)
        .filter(|t| looks_like_token(t))
        .map(str::to_owned);
    let generation = (state.search.generation(), cache.writes());
    if let Some(entry) = cache.get(&key, generation) {
        return served(&entry, token, csrf_name, secure);
    }
    let resp = next.run(req).await;
    let (parts, body) = resp.into_parts();
    if !storable(parts.status, &parts.headers, csrf_name) {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let used_token = token.or_else(|| set_cookie_value(&parts.headers, csrf_name));
    if let Some(entry) = entry_of(&parts.headers, &bytes, used_token.as_deref(), generation) {
        cache.put(key, entry);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A 200 HTML page whose only cookie (if any) is the CSRF one.
fn storable(status: StatusCode, h: &HeaderMap, csrf_name: &str) -> bool {
    let other_cookie = h.get_all(header::SET_COOKIE).iter().any(|v| {
        !v.to_str()
            .is_ok_and(|c| c.split('=').next() == Some(csrf_name))
    });
    status == StatusCode::OK && super::html_cache::html_not_private(h) && !other_cookie
}

/// The value of the CSRF cookie the response sets.
fn set_cookie_value(h: &HeaderMap, name: &str) -> Option<String> {
    h.get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            let (k, rest) = c.split_once('=')?;
            (k == name).then(|| rest.split(';').next().unwrap_or("").to_owned())
        })
        .filter(|t| looks_like_token(t))
}

fn entry_of(
    h: &HeaderMap,
    bytes: &Bytes,
    token: Option<&str>,
    generation: (u64, u64),
) -> Option<Entry> {
    let text = std::str::from_utf8(bytes).ok()?;
    let policy = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok());
    let nonce = policy.and_then(nonce_of);
    let mut headers = h.clone();
    for name in [header::SET_COOKIE, header::DATE, header::CONTENT_LENGTH] {
        headers.remove(name);
    }
    Some(Entry {
        made: Instant::now(),
        generation,
        headers,
        body: cut(text, token, nonce),
        policy: policy.map(|p| cut(p, None, nonce)),
        size: bytes.len() + 512,
    })
}

/// A stored page for this visitor: their token (a new one, and its cookie, if they have
/// none) and a fresh nonce.
fn served(entry: &Entry, token: Option<String>, csrf_name: &str, secure: bool) -> Response {
    let (token, new) = match token {
        Some(t) => (t, false),
        None => (new_token(), true),
    };
    let nonce = new_token();
    let mut resp = Response::new(Body::from(join(&entry.body, &token, &nonce)));
    *resp.headers_mut() = entry.headers.clone();
    if let Some(policy) = &entry.policy {
        if let Ok(v) = HeaderValue::from_bytes(&join(policy, &token, &nonce)) {
            resp.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    resp.headers_mut()
        .insert(HIT_HEADER, HeaderValue::from_static("hit"));
    if new {
        append_cookie(&mut resp, &long_cookie(csrf_name, &token, secure));
    }
    resp
}

#[cfg(test)]
#[path = "page_cache_tests.rs"]
mod tests;
