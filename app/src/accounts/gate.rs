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
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use futures_util::StreamExt;
use http_body_util::BodyExt;

use super::token::{looks_like_token, new_token, same_secret};
use super::{session, Viewer};
use crate::i18n::{locale_from_cookie_header, I18n};
use crate::state::AppState;

/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header that may carry it instead (scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Largest url-encoded form (long texts are percent-encoded: up to 6 bytes a letter).
pub const MAX_URLENCODED: usize = 4 * 1024 * 1024;
/// Largest text field of a multipart form.
const MAX_MULTIPART_TEXT: usize = 512 * 1024;
/// Largest multipart stream read at all; files past [`MAX_UPLOAD`] are read and dropped,
/// so the form still comes back with its text and a clear message about the file.
pub const MAX_MULTIPART_STREAM: u64 = 40 * 1024 * 1024;
/// Largest uploaded file kept.
pub const MAX_UPLOAD: usize = 8 * 1024 * 1024;

/// What the gate learned about a request; in the request extensions for handlers and for
/// Leptos (through `http::request::Parts`).
#[derive(Clone, Debug)]
pub struct RequestAuth {
    pub viewer: Option<Viewer>,
    /// The browser's CSRF token, to put into forms.
    pub csrf_token: String,
    /// The session token the browser sent, if it is alive.
    pub session_token: Option<String>,
    pub client_ip: String,
    pub user_agent: String,
    /// The trusted-device cookie, if any.
    pub device_token: Option<String>,
}

/// A file from a multipart form.
#[derive(Clone, Debug)]
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Bigger than [`MAX_UPLOAD`]: `bytes` is empty.
    pub too_large: bool,
}

/// A form body, parsed by the gate after the CSRF check.
#[derive(Clone, Debug, Default)]
pub struct SubmittedForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl SubmittedForm {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The fields without the CSRF token and without anything password-like, safe to keep
    /// in a draft.
    pub fn keepable_fields(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|(k, _)| k != CSRF_FIELD && !k.contains("password"))
            .cloned()
            .collect()
    }

    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files.iter().find(|f| f.field == field)
    }
}

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
    mark_private(&mut resp);
    resp
}

pub fn append_cookie(resp: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Pages carry the viewer's name and CSRF tokens: no shared cache may keep them.
fn mark_private(resp: &mut Response) {
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
}

/// Why an unsafe request was refused.
#[derive(Debug)]
enum Refusal {
    CrossSite,
    /// Missing or wrong token; the fields are kept so the person can send them again.
    BadToken {
        fields: Vec<(String, String)>,
        same_origin: bool,
    },
    TooLarge,
    Malformed,
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
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parts, body) = req.into_parts();
    // Form bodies are always parsed here, whichever way the token came, so form handlers
    // always find their `SubmittedForm`. Anything else (a script sending the header) keeps
    // its body, held to the same limit.
    let (form, rest) = if content_type.starts_with("application/x-www-form-urlencoded") {
        (Some(parse_urlencoded(body).await?), None)
    } else if content_type.starts_with("multipart/form-data") {
        (Some(parse_multipart(body, &content_type).await?), None)
    } else {
        (None, Some(body))
    };
    let sent = match (&header_token, &form) {
        (Some(h), _) => h.as_str(),
        (None, Some(f)) => f.get(CSRF_FIELD),
        (None, None) => "",
    };
    if cookie_was_missing || !same_secret(sent, csrf) {
        return Err(Refusal::BadToken {
            fields: form.map(|f| f.keepable_fields()).unwrap_or_default(),
            same_origin,
        });
    }
    match (form, rest) {
        (Some(form), _) => {
            let mut req = Request::from_parts(parts, Body::empty());
            req.extensions_mut().insert(form);
            Ok(req)
        }
        (None, Some(body)) => Ok(Request::from_parts(
            parts,
            Body::new(http_body_util::Limited::new(body, MAX_URLENCODED)),
        )),
        (None, None) => Ok(Request::from_parts(parts, Body::empty())),
    }
}

async fn parse_urlencoded(body: Body) -> Result<SubmittedForm, Refusal> {
    let bytes = http_body_util::Limited::new(body, MAX_URLENCODED)
        .collect()
        .await
        .map_err(|_| Refusal::TooLarge)?
        .to_bytes();
    let fields = form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Ok(SubmittedForm {
        fields,
        files: vec![],
    })
}

async fn parse_multipart(body: Body, content_type: &str) -> Result<SubmittedForm, Refusal> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| Refusal::Malformed)?;
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(MAX_MULTIPART_STREAM));
    let stream = body.into_data_stream();
    let mut mp = multer::Multipart::with_constraints(stream, boundary, constraints);
    let mut form = SubmittedForm::default();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(multer::Error::StreamSizeExceeded { .. }) => return Err(Refusal::TooLarge),
            Err(_) => return Err(Refusal::Malformed),
        };
        let name = field.name().unwrap_or("").to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let upload = read_upload(field, name, file_name).await?;
                if !(upload.file_name.is_empty() && upload.bytes.is_empty() && !upload.too_large) {
                    form.files.push(upload);
                }
            }
            None => {
                let bytes = read_capped(field, MAX_MULTIPART_TEXT)
                    .await?
                    .ok_or(Refusal::TooLarge)?;
                form.fields
                    .push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    Ok(form)
}

/// Reads a field up to `cap` bytes; `None` when it was longer (the rest is drained).
async fn read_capped(mut field: multer::Field<'_>, cap: usize) -> Result<Option<Vec<u8>>, Refusal> {
    let mut data = Vec::new();
    let mut over = false;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| match e {
            multer::Error::StreamSizeExceeded { .. } => Refusal::TooLarge,
            _ => Refusal::Malformed,
        })?;
        if over || data.len() + chunk.len() > cap {
            over = true;
            data = Vec::new();
        } else {
            data.extend_from_slice(&chunk);
        }
    }
    Ok((!over).then_some(data))
}

async fn read_upload(
    field: multer::Field<'_>,
    name: String,
    file_name: String,
) -> Result<Upload, Refusal> {
    let content_type = field
        .content_type()
        .map(|m| m.essence_str().to_owned())
        .unwrap_or_default();
    let data = read_capped(field, MAX_UPLOAD).await?;
    Ok(Upload {
        field: name,
        file_name: file_name.chars().take(200).collect(),
        content_type,
        too_large: data.is_none(),
        bytes: data.unwrap_or_default(),
    })
}

impl Refusal {
    fn into_response(self, headers: &HeaderMap, path: &str, csrf: &str) -> Response {
        let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
        let i18n = I18n::new(locale_from_cookie_header(cookie));
        match self {
            Refusal::CrossSite | Refusal::Malformed => {
                tracing::warn!(refusal = ?self, "unsafe request refused");
                let status = if matches!(self, Refusal::Malformed) {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::FORBIDDEN
                };
                (
                    status,
                    Html(message_page(
                        &i18n,
                        "csrf-refused-title",
                        "csrf-refused-text",
                        "",
                    )),
                )
                    .into_response()
            }
            Refusal::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Html(message_page(&i18n, "too-large-title", "too-large-text", "")),
            )
                .into_response(),
            Refusal::BadToken {
                fields,
                same_origin,
            } => {
                tracing::warn!(same_origin, "CSRF token missing or wrong");
                // Same-origin: the form is simply stale (cookies cleared, a very old tab).
                // Offer to send the same fields again with a fresh token, so nothing typed is
                // lost. From elsewhere: only show the text, never a ready-to-send form.
                let extra = if same_origin && !fields.is_empty() {
                    resend_form(&i18n, path, &fields, csrf)
                } else {
                    kept_text(&i18n, &fields)
                };
                (
                    StatusCode::FORBIDDEN,
                    Html(message_page(
                        &i18n,
                        "csrf-stale-title",
                        "csrf-stale-text",
                        &extra,
                    )),
                )
                    .into_response()
            }
        }
    }
}

pub use crate::text::escape_html;

/// A minimal page for the rare refusals that happen before any page code runs.
pub fn message_page(i18n: &I18n, title_key: &str, text_key: &str, extra_html: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/poputchiki.css\"></head>\
         <body><main id=\"main\" class=\"wrap message-page\"><h1>{title}</h1><p>{text}</p>{extra_html}\
         <p><a class=\"button secondary\" href=\"/\">{home}</a></p></main></body></html>",
        lang = i18n.locale.code(),
        title = escape_html(&i18n.t(title_key)),
        text = escape_html(&i18n.t(text_key)),
        home = escape_html(&i18n.t("not-found-home")),
    )
}

fn resend_form(i18n: &I18n, action: &str, fields: &[(String, String)], csrf: &str) -> String {
    let mut html = format!(
        "<form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{}\">",
        escape_html(action),
        escape_html(csrf)
    );
    for (k, v) in fields {
        html.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape_html(k),
            escape_html(v)
        ));
    }
    html.push_str(&format!(
        "<button type=\"submit\" class=\"button\">{}</button></form>",
        escape_html(&i18n.t("csrf-resend"))
    ));
    html.push_str(&kept_text(i18n, fields));
    html
}

fn kept_text(i18n: &I18n, fields: &[(String, String)]) -> String {
    let texts: Vec<&(String, String)> = fields
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if texts.is_empty() {
        return String::new();
    }
    let mut html = format!(
        "<h2>{}</h2><dl class=\"kept-text\">",
        escape_html(&i18n.t("csrf-your-text"))
    );
    for (k, v) in texts {
        html.push_str(&format!(
            "<dt>{}</dt><dd><textarea readonly rows=\"3\">{}</textarea></dd>",
            escape_html(k),
            escape_html(v)
        ));
    }
    html.push_str("</dl>");
    html
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

    #[test]
    fn drafts_never_keep_passwords_or_the_token() {
        let form = SubmittedForm {
            fields: vec![
                ("email".into(), "a@b.ru".into()),
                ("password".into(), "secret".into()),
                ("new_password_again".into(), "secret".into()),
                (CSRF_FIELD.into(), "t".into()),
            ],
            files: vec![],
        };
        assert_eq!(
            form.keepable_fields(),
            vec![("email".to_owned(), "a@b.ru".to_owned())]
        );
    }
}
