//! The CSRF check of every state-changing request: the origin (from the browser's own
//! headers), then the token (a header, or the form field of a body parsed within caps).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};

use super::body::{parse_multipart, parse_urlencoded, BodyError, CSRF_FIELD, MAX_URLENCODED};
use super::refusal::Refusal;
use crate::accounts::token::same_secret;

/// The header that may carry the token instead (scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";

pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A POST whose only authority is the secret in its own address, not a cookie: the one-click
/// unsubscribe link of subscription mail (RFC 8058), which mail programs POST from their
/// servers with no cookie and no token. CSRF forges requests that ride on a victim's cookies;
/// this one uses none (a forger would need the link's secret, which is the permission
/// itself), so it skips the check. The handler takes no form and changes nothing else.
pub fn is_capability_link(path: &str) -> bool {
    path.strip_prefix("/unsubscribe/")
        .is_some_and(crate::accounts::token::looks_like_token)
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
/// that carries its token in a field is parsed within the caps of `body`, and a
/// multipart form must show its token before any file.
pub async fn check_and_parse(
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
    use crate::web::cookies::test_headers as headers;

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
}
