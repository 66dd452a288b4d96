//! Unit tests of the page cache: which pages are kept, and how a stored page is cut and
//! filled in again for the next visitor.

use super::*;
use crate::page_store::PageCache;

#[test]
fn only_public_pages_without_a_draft_are_kept() {
    for p in [
        "/",
        "/org/12-dom",
        "/okrug",
        "/okrug/shumikha",
        "/events",
        "/needs/",
    ] {
        assert!(public_page(p), "{p}");
    }
    for p in [
        "/org/new",
        "/org/12/edit",
        "/login",
        "/account",
        "/staff/desk",
        "/api/v1/search",
    ] {
        assert!(!public_page(p), "{p}");
    }
    assert!(has_draft(Some("a=1&draft=5")));
    assert!(has_draft(Some("draft")));
    assert!(!has_draft(Some("q=draft&drafts=1")));
    assert!(!has_draft(None));
}

#[test]
fn the_key_keeps_every_cookie_but_the_csrf_one() {
    let mut h = HeaderMap::new();
    h.insert(
        header::COOKIE,
        HeaderValue::from_static("poputchiki_csrf=abc; lang=en; z=1"),
    );
    assert_eq!(other_cookies(&h, "poputchiki_csrf"), "lang=en; z=1");
    let mut other = HeaderMap::new();
    other.insert(header::COOKIE, HeaderValue::from_static("z=1;lang=en"));
    assert_eq!(other_cookies(&other, "poputchiki_csrf"), "lang=en; z=1");
}

#[test]
fn a_stored_page_gets_the_next_visitors_token_and_a_new_nonce() {
    let page = "<script nonce=\"N0nce\">x</script><input value=\"TOKEN\"><p>TOKEN</p>";
    let parts = cut(page, Some("TOKEN"), Some("N0nce"));
    let out = String::from_utf8(join(&parts, "mine", "fresh")).expect("utf-8");
    assert_eq!(
        out,
        "<script nonce=\"fresh\">x</script><input value=\"mine\"><p>mine</p>"
    );
    let policy = "script-src 'self' 'nonce-N0nce'";
    assert_eq!(nonce_of(policy), Some("N0nce"));
    let again = String::from_utf8(join(&cut(policy, None, Some("N0nce")), "t", "n2"));
    assert_eq!(again.expect("utf-8"), "script-src 'self' 'nonce-n2'");
    assert_eq!(nonce_of("script-src 'self'"), None);
}

#[test]
fn only_plain_html_pages_with_at_most_the_csrf_cookie_are_stored() {
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    assert!(storable(StatusCode::OK, &h, "c"));
    assert!(!storable(StatusCode::NOT_FOUND, &h, "c"));
    h.append(header::SET_COOKIE, HeaderValue::from_static("c=1; Path=/"));
    assert!(storable(StatusCode::OK, &h, "c"));
    assert_eq!(set_cookie_value(&h, "c"), None, "not a token");
    h.append(header::SET_COOKIE, HeaderValue::from_static("session=1"));
    assert!(!storable(StatusCode::OK, &h, "c"));
    let mut private = HeaderMap::new();
    private.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    private.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    assert!(!storable(StatusCode::OK, &private, "c"));
}

#[test]
fn the_cache_keeps_within_its_budget_and_drops_other_generations() {
    let entry = |generation: (u64, u64)| Entry {
        made: Instant::now(),
        generation,
        headers: HeaderMap::new(),
        body: vec![],
        policy: None,
        size: 400,
    };
    let c = PageCache::new(1000);
    c.put("a".into(), entry((1, 0)));
    c.put("b".into(), entry((1, 0)));
    c.put("c".into(), entry((1, 0)));
    assert!(c.get("a", (1, 0)).is_none(), "the oldest went");
    assert!(c.get("c", (1, 0)).is_some());
    assert!(c.get("c", (2, 0)).is_none(), "another generation misses");
    c.put("d".into(), entry((2, 0)));
    assert!(
        c.get("b", (1, 0)).is_none(),
        "a new generation emptied the cache"
    );
    assert!(c.get("d", (2, 0)).is_some());
}
