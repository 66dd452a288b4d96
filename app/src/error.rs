//! Errors on the web. The domain's [`AppError`] and [`FieldIssue`] come from
//! `poputchiki_core::error`; [`PublicError`] is what may cross the wire to the browser (a
//! server fn's error type). Internal details are logged and never shown to people.

use serde::{Deserialize, Serialize};

pub use poputchiki_core::error::*;

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
pub use server::{json_error, status_of};

#[cfg(feature = "ssr")]
mod server {
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};

    use super::{AppError, PublicError};
    use crate::i18n::I18n;

    /// The HTTP status of an error.
    pub fn status_of(e: &AppError) -> StatusCode {
        match e {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
    pub fn json_error(e: AppError) -> Response {
        let status = status_of(&e);
        let public = PublicError::from(e);
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
