//! Extractors handlers share: [`FormPost`] (the state, who asks and the parsed form of a
//! mutation, all left by the gate), [`Asker`] (who asks, for a GET), [`OrgId`] (the organization of an `/org/{id_slug}/…`
//! path), [`Lang`] (the reader's translator) and [`SearchQuery`]
//! (a search URL's parameters, as the search and map APIs read them).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::error::{i18n_of, PageError};
use crate::accounts::RequestAuth;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::parse_id;
use crate::search::params::{query_pairs, ParamError, SearchParams};
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
        let Asker(auth) = Asker::from_request_parts(parts, state).await?;
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

/// Who is asking, as the gate found it (for a GET that needs an authorization check).
pub struct Asker(pub RequestAuth);

impl<S: Send + Sync> FromRequestParts<S> for Asker {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PageError> {
        parts
            .extensions
            .get::<RequestAuth>()
            .cloned()
            .map(Self)
            .ok_or_else(|| {
                PageError(AppError::Internal(anyhow::anyhow!(
                    "the gate left no RequestAuth: is the route outside the gate?"
                )))
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

/// A search URL's query: its decoded pairs and the reader's translator. Every search
/// endpoint (the API, the map's clusters and okrugs) reads its filters through this, so
/// they accept exactly the same parameters.
pub struct SearchQuery {
    pub pairs: Vec<(String, String)>,
    pub i18n: I18n,
}

impl SearchQuery {
    /// The search parameters, or one error per refused parameter.
    pub fn params(&self) -> Result<SearchParams, Vec<ParamError>> {
        SearchParams::from_pairs(self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SearchQuery {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            pairs: query_pairs(parts.uri.query().unwrap_or("")),
            i18n: i18n_of(&parts.headers),
        })
    }
}

/// The organization id of a path like `/org/42-sovet/edit`: the leading number of its one
/// path parameter (the slug is decoration). A path without one is the 404 page.
pub struct OrgId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for OrgId {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        let Path(id_slug) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError(AppError::NotFound))?;
        parse_id(&id_slug)
            .map(Self)
            .ok_or(PageError(AppError::NotFound))
    }
}
