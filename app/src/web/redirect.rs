//! Redirects: the 303 every form post answers with, and "back to the form with a draft"
//! when a post could not be saved.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::accounts::RequestAuth;
use crate::forms::draft::{save_for, DraftError, NewDraft};
use crate::state::Core;

/// A 303 redirect ("see other"), the answer to every successful or failed form post.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

/// Stores the draft and sends the browser back to the form at `path` with it (before any
/// `#fragment`, which names the form on a page of several).
pub async fn back_to_form<E: From<DraftError>>(
    state: &Core,
    auth: &RequestAuth,
    path: &str,
    d: NewDraft,
) -> Result<Response, E> {
    let id = save_for(state, auth, d).await?;
    let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
    let sep = if path.contains('?') { '&' } else { '?' };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    Ok(see_other(&format!("{path}{sep}draft={id}{fragment}")))
}
