//! The pages the gate answers with when it refuses an unsafe request: another site, a missing
//! or wrong CSRF token, a body over the caps, a malformed body. Each is a small page; what
//! a person typed is shown back at most once and within a few kilobytes, so a refusal never
//! costs more to send than the request cost to receive.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::body::{keepable, CSRF_FIELD};
use crate::i18n::{locale_from_cookie_header, I18n};
use crate::text::escape_html;

/// Most bytes of escaped field text a refusal page shows.
pub const ECHO_BUDGET: usize = 16 * 1024;

/// Why an unsafe request was refused.
#[derive(Debug)]
pub enum Refusal {
    CrossSite,
    /// Missing or wrong token; the fields are kept so the person can send them again.
    BadToken {
        fields: Vec<(String, String)>,
        same_origin: bool,
    },
    TooLarge,
    Malformed,
}

impl Refusal {
    pub fn into_response(self, headers: &HeaderMap, path: &str, csrf: &str) -> Response {
        let cookie = headers
            .get(http::header::COOKIE)
            .and_then(|v| v.to_str().ok());
        let i18n = I18n::new(locale_from_cookie_header(cookie));
        match self {
            Refusal::CrossSite | Refusal::Malformed => {
                tracing::warn!(refusal = ?self, "unsafe request refused");
                let status = if matches!(self, Refusal::Malformed) {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::FORBIDDEN
                };
                let page = message_page(&i18n, "csrf-refused-title", "csrf-refused-text", "");
                (status, Html(page)).into_response()
            }
            Refusal::TooLarge => {
                tracing::warn!("request body over the caps refused");
                let page = message_page(&i18n, "too-large-title", "too-large-text", "");
                (StatusCode::PAYLOAD_TOO_LARGE, Html(page)).into_response()
            }
            Refusal::BadToken {
                fields,
                same_origin,
            } => {
                tracing::warn!(same_origin, "CSRF token missing or wrong");
                let extra = kept_fields(&i18n, path, &fields, csrf, same_origin);
                let page = message_page(&i18n, "csrf-stale-title", "csrf-stale-text", &extra);
                (StatusCode::FORBIDDEN, Html(page)).into_response()
            }
        }
    }
}

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

/// The typed text of a refused form, shown once. A stale form of our own site (same origin)
/// that fits in [`ECHO_BUDGET`] can be sent again with a fresh token, so nothing typed is
/// lost; from elsewhere, or when it is too long, the text is only shown (cut at the budget)
/// for copying, never as a ready-to-send form.
fn kept_fields(
    i18n: &I18n,
    action: &str,
    fields: &[(String, String)],
    csrf: &str,
    same_origin: bool,
) -> String {
    let fields: Vec<&(String, String)> = fields.iter().filter(|(k, _)| keepable(k)).collect();
    if fields.is_empty() {
        return String::new();
    }
    let mut body = String::new();
    let mut complete = true;
    for (k, v) in &fields {
        let piece = if v.trim().is_empty() || (v.len() <= 40 && !v.contains('\n')) {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape_html(k),
                escape_html(v)
            )
        } else {
            format!(
                "<label>{k}<textarea name=\"{k}\" readonly rows=\"3\">{v}</textarea></label>",
                k = escape_html(k),
                v = escape_html(v)
            )
        };
        if body.len() + piece.len() > ECHO_BUDGET {
            complete = false;
            break;
        }
        body.push_str(&piece);
    }
    let title = format!("<h2>{}</h2>", escape_html(&i18n.t("csrf-your-text")));
    if same_origin && complete {
        format!(
            "{title}<form method=\"post\" action=\"{}\" class=\"kept-text\"><input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{}\">{body}<button type=\"submit\" class=\"button\">{}</button></form>",
            escape_html(action),
            escape_html(csrf),
            escape_html(&i18n.t("csrf-resend"))
        )
    } else {
        // Shown for copying only: no names, so nothing can be submitted from here.
        let shown = body.replace(" name=\"", " data-name=\"");
        let cut = if complete {
            String::new()
        } else {
            format!("<p>{}</p>", escape_html(&i18n.t("csrf-text-cut")))
        };
        format!("{title}<div class=\"kept-text\">{shown}</div>{cut}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_form_is_echoed_within_the_budget_and_never_as_a_form() {
        let i18n = I18n::default();
        let fields: Vec<(String, String)> = (0..60)
            .map(|i| (format!("f{i}"), "<\"".repeat(200_000)))
            .collect();
        let html = kept_fields(&i18n, "/login", &fields, "t", true);
        assert!(html.len() < ECHO_BUDGET + 2048, "{} bytes", html.len());
        assert!(!html.contains("<form"), "a cut text is never re-sendable");
    }

    #[test]
    fn a_normal_stale_form_can_be_sent_again_with_every_field() {
        let i18n = I18n::default();
        let fields = vec![
            (
                "message".to_owned(),
                "Телефон устарел,\nновый 8 (35231) 2-11-11".to_owned(),
            ),
            ("version".to_owned(), "3".to_owned()),
            ("password".to_owned(), "secret".to_owned()),
        ];
        let html = kept_fields(&i18n, "/org/1/report", &fields, "tok", true);
        assert!(html.contains("<form method=\"post\" action=\"/org/1/report\""));
        assert!(html.contains("name=\"message\""));
        assert!(html.contains("name=\"version\" value=\"3\""));
        assert!(!html.contains("secret"), "passwords are never echoed");
        let foreign = kept_fields(&i18n, "/org/1/report", &fields, "tok", false);
        assert!(!foreign.contains("<form") && foreign.contains("Телефон устарел"));
    }
}
