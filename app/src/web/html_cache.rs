//! Pages for anonymous visitors get an ETag and a short private cache: a phone coming back
//! to a page within a minute shows it without asking, and later asks "changed?" and gets a
//! bodiless 304 when nothing did. Logged-in pages stay `no-store` (the gate marks them).
//!
//! Pages differ per render only in the CSP nonce, so the ETag is taken over the page with
//! nonces blanked. A 304 carries no Content-Security-Policy: the browser keeps the one it
//! stored with the page, whose nonce matches the page it shows.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// How long a phone may show an anonymous page without asking again.
pub const PAGE_CACHE: &str = "private, max-age=60";
/// Larger pages are passed through untouched (none is near this).
const MAX_PAGE: usize = 8 << 20;

pub async fn html_cache(req: Request, next: Next) -> Response {
    let cacheable_request = matches!(*req.method(), Method::GET | Method::HEAD);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let resp = next.run(req).await;
    if !cacheable_request || resp.status() != StatusCode::OK || !anonymous_page(resp.headers()) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = etag_of(&bytes);
    let Ok(etag_value) = HeaderValue::from_str(&etag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let h = &mut parts.headers;
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE));
    h.append(header::VARY, HeaderValue::from_static("Cookie"));
    h.insert(header::ETAG, etag_value);
    if if_none_match.is_some_and(|v| matches(&v, &etag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::ETAG, header::VARY] {
            for v in parts.headers.get_all(&name) {
                not_modified.headers_mut().append(name.clone(), v.clone());
            }
        }
        return not_modified;
    }
    h.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// An HTML page the gate did not mark `no-store` (that is: not for a logged-in viewer).
pub fn html_not_private(h: &HeaderMap) -> bool {
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let no_store = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    html && !no_store
}

/// Such a page that sets no cookie either.
fn anonymous_page(h: &HeaderMap) -> bool {
    html_not_private(h) && !h.contains_key(header::SET_COOKIE)
}

/// A weak ETag of a page with its nonces blanked.
fn etag_of(page: &[u8]) -> String {
    let mut h = Sha256::new();
    let mut rest = page;
    const ATTR: &[u8] = b"nonce=\"";
    while let Some(at) = rest.windows(ATTR.len()).position(|w| w == ATTR) {
        let value_at = at + ATTR.len();
        h.update(&rest[..value_at]);
        rest = &rest[value_at..];
        let end = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
        rest = &rest[end..];
    }
    h.update(rest);
    format!("W/\"{}\"", hex::encode(&h.finalize()[..12]))
}

/// `If-None-Match: W/"a", W/"b"` or `*`.
fn matches(header_value: &HeaderValue, etag: &str) -> bool {
    header_value.to_str().is_ok_and(|v| {
        v.split(',').map(str::trim).any(|t| {
            t == "*" || t == etag || t.trim_start_matches("W/") == etag.trim_start_matches("W/")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_etag_ignores_nonces_but_not_content() {
        let a = etag_of(br#"<script nonce="abc">x</script><p>1</p>"#);
        let b = etag_of(br#"<script nonce="xyz123">x</script><p>1</p>"#);
        let c = etag_of(br#"<script nonce="abc">x</script><p>2</p>"#);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.starts_with("W/\""));
        let v = HeaderValue::from_str(&format!("W/\"zz\", {a}")).expect("header");
        assert!(matches(&v, &a));
        assert!(!matches(&HeaderValue::from_static("W/\"zz\""), &a));
    }
}
