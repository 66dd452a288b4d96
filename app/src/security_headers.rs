//! Security headers on every response: a Content-Security-Policy (with the per-request
//! nonce Leptos puts on its inline bootstrap script), no framing by other sites, a
//! Permissions-Policy that allows only what the map uses, cross-origin isolation of the
//! window, and HSTS when the site is served over HTTPS.
//!
//! Pages get their policy from the shell, which knows the render's nonce (see
//! [`page_policy`]); everything else (JSON, static files, refusal pages) gets the same
//! policy without a nonce, so no inline script can run there at all.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Features no page of ours uses are switched off; geolocation stays for "near me".
pub const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";

/// HSTS for HTTPS sites: a year, subdomains included.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

pub use poputchiki_core::state::tiles_origin;

/// The policy: our own files only, inline scripts only with the render's nonce, WebAssembly
/// allowed to compile, no plugins, no framing, forms only to us.
pub fn policy(nonce: Option<&str>, tiles: Option<&str>) -> String {
    let script = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    let images = match tiles {
        Some(t) => format!("'self' data: {t}"),
        None => "'self' data:".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; img-src {images}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The page's policy, for the shell to put on the response (server only).
pub fn page_policy(state: &AppState, nonce: Option<&str>) -> String {
    policy(nonce, state.config.tiles_origin.as_deref())
}

fn set_if_absent(resp: &mut Response, name: HeaderName, value: &str) {
    if !resp.headers().contains_key(&name) {
        if let Ok(v) = HeaderValue::from_str(value) {
            resp.headers_mut().insert(name, v);
        }
    }
}

/// The middleware: adds the headers every response must carry.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let csp = page_policy(&state, None);
    set_if_absent(&mut resp, header::CONTENT_SECURITY_POLICY, &csp);
    set_if_absent(&mut resp, header::X_FRAME_OPTIONS, "DENY");
    set_if_absent(&mut resp, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_if_absent(
        &mut resp,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    set_if_absent(
        &mut resp,
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    set_if_absent(
        &mut resp,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if state.config.session.secure_cookies {
        set_if_absent(&mut resp, header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_nonce_and_our_files_only() {
        let p = policy(Some("abc"), None);
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
        assert!(!policy(None, None).contains("nonce-"));
    }

    #[test]
    fn tile_servers_are_allowed_by_origin() {
        assert_eq!(
            tiles_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tiles_origin("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.example.org:8443")
        );
        assert_eq!(tiles_origin("javascript:alert(1)"), None);
    }
}
