//! One error type for form handlers: [`PageError`]. A handler returns [`PageResult`] and uses
//! `?` on anything that converts into the domain's `AppError`; the error becomes a small
//! localized page with the right status (a login link for 401). The page is drawn by the
//! gate on the way out, because only the request knows the reader's language.

use std::sync::Arc;

use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use crate::error::{status_of, AppError};
use crate::forms::draft::DraftError;
use crate::i18n::{locale_from_cookie_header, I18n};
use crate::web::refusal::message_page;

/// What a form handler returns.
pub type PageResult = Result<Response, PageError>;

/// A form handler's error, shown as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl From<sqlx::Error> for PageError {
    fn from(e: sqlx::Error) -> Self {
        Self(e.into())
    }
}

impl From<anyhow::Error> for PageError {
    fn from(e: anyhow::Error) -> Self {
        Self(e.into())
    }
}

impl From<DraftError> for PageError {
    fn from(e: DraftError) -> Self {
        Self(e.into())
    }
}

/// The error, waiting in the response's extensions for the gate to draw its page.
#[derive(Clone)]
struct Pending(Arc<AppError>);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut resp = status_of(&self.0).into_response();
        resp.extensions_mut().insert(Pending(Arc::new(self.0)));
        resp
    }
}

/// Draws the page of a handler's error, if the response carries one (the gate calls this on
/// every response).
pub fn draw_pending(resp: Response, headers: &HeaderMap) -> Response {
    match resp.extensions().get::<Pending>().cloned() {
        Some(Pending(err)) => error_page(&err, headers),
        None => resp,
    }
}

/// The reader's translator, from the `lang` cookie.
pub fn i18n_of(headers: &HeaderMap) -> I18n {
    let cookie = headers
        .get(http::header::COOKIE)
        .and_then(|v| v.to_str().ok());
    I18n::new(locale_from_cookie_header(cookie))
}

/// An error as a page: a localized message with the right status, and a login link for 401.
/// Internal details go to the log only.
pub fn error_page(err: &AppError, headers: &HeaderMap) -> Response {
    let i18n = i18n_of(headers);
    let status = status_of(err);
    let (title, text, extra) = match err {
        AppError::Unauthorized => (
            "login-required-title",
            "login-required-text",
            format!(
                "<p><a class=\"button\" href=\"/login\">{}</a></p>",
                crate::text::escape_html(&i18n.t("login-button"))
            ),
        ),
        AppError::Forbidden => ("forbidden-title", "err-forbidden", String::new()),
        AppError::NotFound => ("not-found-title", "not-found-text", String::new()),
        AppError::Database(_) | AppError::Internal(_) => {
            tracing::error!(error = %err, "form handler failed");
            ("error-title", "err-internal", String::new())
        }
        AppError::BadRequest(key) | AppError::TooManyRequests(key) => {
            ("error-title", key.as_str(), String::new())
        }
        AppError::Validation(_) | AppError::Conflict => {
            ("error-title", "err-validation", String::new())
        }
    };
    (status, Html(message_page(&i18n, title, text, &extra))).into_response()
}
