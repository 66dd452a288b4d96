//! Errors. [`AppError`] is the one server-side error type; [`FieldIssue`] is one validation
//! problem. What may cross the wire to the browser (`PublicError`) and the HTTP status of
//! each error belong to the web layer.

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
        let args: Vec<(&str, crate::i18n::Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().into()))
            .collect();
        i18n.t_with(&self.key, &args)
    }
}

#[cfg(feature = "server")]
pub use server::AppError;

#[cfg(feature = "server")]
mod server {
    use super::FieldIssue;

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
}
