//! Errors. [`AppError`] is the one server-side error type; [`PublicError`] is what may cross
//! the wire to the browser. Internal details are logged and never shown to people.

use serde::{Deserialize, Serialize};

use crate::i18n::I18n;

/// A validation problem with one field: the field's name, an i18n message key and the
/// message's arguments. Localized only when shown, so the same issue serves every locale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub field: String,
    pub key: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, key: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            key: key.into(),
            args: vec![],
        }
    }

    /// Adds a named argument for the message, e.g. the value that was refused.
    pub fn arg(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// The message in the reader's language.
    pub fn message(&self, i18n: &I18n) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().into()))
            .collect();
        i18n.t_with(&self.key, &args)
    }
}

/// The error a server fn returns to the browser. It carries no internal detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PublicError {
    #[error("not found")]
    NotFound,
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Validation(Vec<FieldIssue>),
    #[error("conflict")]
    Conflict,
    /// A request the server cannot make sense of; the string is an i18n key.
    #[error("bad request")]
    BadRequest(String),
    #[error("internal error")]
    Internal,
    /// The request never reached our code, or its answer could not be read (network, codec).
    #[error("transport error")]
    Transport,
}

impl PublicError {
    /// The i18n key of the message shown for this error.
    pub fn message_key(&self) -> &str {
        match self {
            Self::NotFound => "err-not-found",
            Self::Unauthorized => "err-unauthorized",
            Self::Forbidden => "err-forbidden",
            Self::Validation(_) => "err-validation",
            Self::Conflict => "err-conflict",
            Self::BadRequest(key) => key,
            Self::Internal => "err-internal",
            Self::Transport => "err-transport",
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for PublicError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server fn transport error");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        Self::Transport
    }
}

#[cfg(feature = "ssr")]
pub use server::AppError;

#[cfg(feature = "ssr")]
mod server {
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};

    use super::{FieldIssue, PublicError};
    use crate::i18n::I18n;

    /// Everything that can go wrong on the server.
    #[derive(Debug, thiserror::Error)]
    pub enum AppError {
        #[error("not found")]
        NotFound,
        #[error("unauthorized")]
        Unauthorized,
        #[error("forbidden")]
        Forbidden,
        #[error("validation failed: {0:?}")]
        Validation(Vec<FieldIssue>),
        #[error("conflict")]
        Conflict,
        /// A malformed request; the string is the i18n key of the message.
        #[error("bad request: {0}")]
        BadRequest(String),
        /// Over a rate or size limit; the string is the i18n key of the message.
        #[error("too many requests: {0}")]
        TooManyRequests(String),
        #[error("database error: {0}")]
        Database(#[from] sqlx::Error),
        #[error("internal error: {0:#}")]
        Internal(#[from] anyhow::Error),
    }

    impl AppError {
        pub fn status(&self) -> StatusCode {
            match self {
                Self::NotFound => StatusCode::NOT_FOUND,
                Self::Unauthorized => StatusCode::UNAUTHORIZED,
                Self::Forbidden => StatusCode::FORBIDDEN,
                Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
                Self::Conflict => StatusCode::CONFLICT,
                Self::BadRequest(_) => StatusCode::BAD_REQUEST,
                Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
                Self::Database(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    }

    impl From<AppError> for PublicError {
        fn from(e: AppError) -> Self {
            match e {
                AppError::NotFound => Self::NotFound,
                AppError::Unauthorized => Self::Unauthorized,
                AppError::Forbidden => Self::Forbidden,
                AppError::Validation(issues) => Self::Validation(issues),
                AppError::Conflict => Self::Conflict,
                AppError::BadRequest(key) | AppError::TooManyRequests(key) => Self::BadRequest(key),
                internal @ (AppError::Database(_) | AppError::Internal(_)) => {
                    tracing::error!(error = %internal, "internal error");
                    Self::Internal
                }
            }
        }
    }

    /// JSON error body for plain axum routes: a stable code plus a Russian message.
    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = self.status();
            let public = PublicError::from(self);
            let i18n = I18n::default();
            let issues: Vec<_> = match &public {
                PublicError::Validation(list) => list
                    .iter()
                    .map(|i| serde_json::json!({"field": i.field, "message": i.message(&i18n)}))
                    .collect(),
                _ => vec![],
            };
            let body = serde_json::json!({
                "error": public.message_key(),
                "message": i18n.t(public.message_key()),
                "fields": issues,
            });
            (status, axum::Json(body)).into_response()
        }
    }
}
