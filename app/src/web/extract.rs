//! Extractors handlers share: [`FormPost`] (the state, who asks and the parsed form of a
//! mutation, all left by the gate) and [`Lang`] (the reader's translator).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::{i18n_of, PageError};
use crate::accounts::RequestAuth;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::state::AppState;
use crate::web::body::SubmittedForm;

/// A form post after the gate: the state, who is asking, and the form it parsed (empty for
/// a post without a form body).
pub struct FormPost {
    pub state: AppState,
    pub auth: RequestAuth,
    pub form: SubmittedForm,
}

impl FromRequestParts<AppState> for FormPost {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let auth = parts
            .extensions
            .get::<RequestAuth>()
            .cloned()
            .ok_or_else(|| {
                PageError(AppError::Internal(anyhow::anyhow!(
                    "the gate left no RequestAuth: is the route outside the gate?"
                )))
            })?;
        let form = parts
            .extensions
            .get::<SubmittedForm>()
            .cloned()
            .unwrap_or_default();
        Ok(Self {
            state: state.clone(),
            auth,
            form,
        })
    }
}

/// The reader's translator, from the `lang` cookie (Russian by default).
pub struct Lang(pub I18n);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(i18n_of(&parts.headers)))
    }
}
