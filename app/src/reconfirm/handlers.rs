//! The POST behind a reminder link's button. Anonymous (the link is the credential), so
//! failures are throttled per address like every other mailed link.

use axum::extract::Path;
use axum::routing::post;
use axum::Router;

use super::answer::{self, Outcome};
use crate::accounts::throttle::FAILURE_IP;
use crate::error::AppError;
use crate::kinds::Notice;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::FormPost;
use crate::web::redirect::see_other;

pub fn router() -> Router<AppState> {
    Router::new().route("/confirm/{token}", post(press))
}

async fn press(Path(token): Path<String>, FormPost { state, auth, .. }: FormPost) -> PageResult {
    let fail_key = format!("link-fail:{}", auth.client_ip);
    if state
        .throttle
        .wait_needed(&fail_key, &FAILURE_IP)
        .await
        .is_some()
    {
        return Err(AppError::TooManyRequests("err-too-many-tries".into()).into());
    }
    let Some(outcome) = answer::press(&state, &token, &auth.client_ip).await? else {
        state.throttle.hit(&fail_key, &FAILURE_IP).await;
        // Back to the link's page, which says it can no longer be used.
        return Ok(see_other(&format!("/confirm/{token}")));
    };
    Ok(see_other(&match outcome {
        Outcome::Confirmed(page) => Notice::Confirmed.on(&page),
        Outcome::Update(to) => to,
        Outcome::Archived(page) => Notice::Archived.on(&page),
    }))
}
