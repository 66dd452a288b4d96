//! Cookies: the names (`__Host-` over HTTPS), the attributes every cookie of ours carries,
//! reading one from a request and adding one to a response.

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

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

pub fn append_cookie(resp: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Request headers from (name, value) pairs, for tests of the web layer.
#[cfg(test)]
pub(crate) fn test_headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, HeaderValue::from_static(v));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::test_headers as headers;
    use super::*;

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
