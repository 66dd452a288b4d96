//! A shared cache of the public pages anonymous visitors read (the search page, organization
//! and okrug pages, the lists): a page is rendered once and served from memory until the
//! data changes or [`TTL`] passes, so a popular page costs a copy instead of a render.
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
//! change log), when this instance handled any POST, or after [`TTL`] (time-dependent text
//! such as "updated 3 days ago", and changes other instances made elsewhere).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::cookies::{append_cookie, cookie, csrf_cookie_name, long_cookie};
use crate::accounts::token::{looks_like_token, new_token};
use crate::state::AppState;

/// How long a page may be served from memory at most.
pub const TTL: Duration = Duration::from_secs(10);
/// Larger pages are not kept (none of the public pages comes near this).
const MAX_PAGE: usize = 1 << 20;
/// Marks a response served from the cache (for benchmarks and tests).
pub const HIT_HEADER: &str = "x-page-cache";

/// The cache: its entries and the count of writes this instance handled.
pub struct PageCache {
    budget: usize,
    local_writes: AtomicU64,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, (u64, Arc<Entry>)>,
    /// Keys in the order they were stored, with their serial (the oldest go first).
    order: VecDeque<(String, u64)>,
    bytes: usize,
    serial: u64,
    /// The generation of the entries kept; a new one empties the cache.
    generation: (u64, u64),
}

/// One stored page: its headers and its body cut where the token and the nonce go.
struct Entry {
    made: Instant,
    generation: (u64, u64),
    headers: HeaderMap,
    body: Vec<Part>,
    /// The Content-Security-Policy, cut the same way.
    policy: Option<Vec<Part>>,
    size: usize,
}

#[derive(Clone)]
enum Part {
    Text(Bytes),
    Token,
    Nonce,
}

impl PageCache {
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            local_writes: AtomicU64::new(0),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Forgets every stored page (a change made straight in the database, which no
    /// generation counts, is otherwise seen only after [`TTL`]).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            *inner = Inner::default();
        }
    }

    fn get(&self, key: &str, generation: (u64, u64)) -> Option<Arc<Entry>> {
        let inner = self.inner.lock().ok()?;
        let (_, e) = inner.entries.get(key)?;
        (e.generation == generation && e.made.elapsed() < TTL).then(|| Arc::clone(e))
    }

    fn put(&self, key: String, entry: Entry) {
        if entry.size > self.budget {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != entry.generation {
            *inner = Inner {
                generation: entry.generation,
                ..Inner::default()
            };
        }
        inner.serial += 1;
        let serial = inner.serial;
        inner.bytes += entry.size;
        if let Some((_, old)) = inner.entries.insert(key.clone(), (serial, Arc::new(entry))) {
            inner.bytes -= old.size;
        }
        inner.order.push_back((key, serial));
        while inner.bytes > self.budget {
            let Some((k, s)) = inner.order.pop_front() else {
                break;
            };
            if inner
                .entries
                .get(&k)
                .is_some_and(|(current, _)| *current == s)
            {
                if let Some((_, e)) = inner.entries.remove(&k) {
                    inner.bytes -= e.size;
                }
            }
        }
    }
}

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
        cache.local_writes.fetch_add(1, Ordering::AcqRel);
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
    let generation = (
        state.search.generation(),
        cache.local_writes.load(Ordering::Acquire),
    );
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
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let no_store = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    let other_cookie = h.get_all(header::SET_COOKIE).iter().any(|v| {
        !v.to_str()
            .is_ok_and(|c| c.split('=').next() == Some(csrf_name))
    });
    status == StatusCode::OK && html && !no_store && !other_cookie
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

/// The nonce of a page's Content-Security-Policy.
fn nonce_of(policy: &str) -> Option<&str> {
    let at = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[at..].find('\'')?;
    Some(&policy[at..at + len]).filter(|n| !n.is_empty())
}

/// `text` cut at every occurrence of the token and the nonce.
fn cut(text: &str, token: Option<&str>, nonce: Option<&str>) -> Vec<Part> {
    let mut marks: Vec<(usize, usize, Part)> = vec![];
    for (needle, part) in [(token, Part::Token), (nonce, Part::Nonce)] {
        if let Some(n) = needle {
            marks.extend(
                text.match_indices(n)
                    .map(|(at, m)| (at, m.len(), part.clone())),
            );
        }
    }
    marks.sort_by_key(|(at, _, _)| *at);
    let mut parts = vec![];
    let mut from = 0;
    for (at, len, part) in marks {
        if at < from {
            continue;
        }
        parts.push(Part::Text(Bytes::copy_from_slice(
            &text.as_bytes()[from..at],
        )));
        parts.push(part);
        from = at + len;
    }
    parts.push(Part::Text(Bytes::copy_from_slice(&text.as_bytes()[from..])));
    parts
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

fn join(parts: &[Part], token: &str, nonce: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Token => token.len(),
                Part::Nonce => nonce.len(),
            })
            .sum(),
    );
    for p in parts {
        match p {
            Part::Text(t) => out.extend_from_slice(t),
            Part::Token => out.extend_from_slice(token.as_bytes()),
            Part::Nonce => out.extend_from_slice(nonce.as_bytes()),
        }
    }
    out
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
