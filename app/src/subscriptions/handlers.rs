//! The posts behind the subscription pages, and the Atom feed:
//! - `POST /subscribe`: an address and a topic; a confirmation mail (throttled per address
//!   and per IP, the same answer whatever the address);
//! - `POST /subscribe/confirm/{token}`: the confirmation link's button;
//! - `POST /unsubscribe/{token}`: the unsubscribe button, and the one-click POST of RFC 8058
//!   that mail programs send (no cookie, so the gate skips its CSRF check for this path);
//! - `GET /feed.atom?…filters`: any search filter (the `/api/v1/search` parameters) as Atom.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use poputchiki_core::subscriptions::{atom, digest, service, Topic};

use crate::accounts::store::normalize_email;
use crate::accounts::throttle::{FAILURE_IP, FORM_IP};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::NewDraft;
use crate::kinds::{DraftForm, Notice};
use crate::open_data::download::view_query;
use crate::search::api::bad_params;
use crate::state::AppState;
use crate::text::looks_like_email;
use crate::web::error::PageResult;
use crate::web::extract::{FormPost, SearchQuery};
use crate::web::redirect::{back_to_form, see_other};

/// The longest address accepted.
const MAX_EMAIL: usize = 254;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/subscribe", post(subscribe))
        .route("/subscribe/confirm/{token}", post(confirm))
        .route("/unsubscribe/{token}", post(unsubscribe))
        .route("/feed.atom", get(feed))
}

fn page_of(topic: &Topic) -> String {
    let q = service::query(topic);
    if q.is_empty() {
        "/subscribe".into()
    } else {
        format!("/subscribe?{q}")
    }
}

async fn subscribe(FormPost { state, auth, form }: FormPost) -> PageResult {
    let typed = form.get("email").trim().to_owned();
    let email = normalize_email(&typed);
    let asked = Topic::from_pairs(["okrug", "direction", "audience"].map(|k| (k, form.get(k))));
    let topic = service::resolve(&state, asked);
    let page = page_of(&topic);
    let mut issues = vec![];
    if email.is_empty() {
        issues.push(FieldIssue::new("email", "err-required"));
    } else if email.chars().count() > MAX_EMAIL {
        issues.push(FieldIssue::new("email", "err-email-long").arg("max", MAX_EMAIL.to_string()));
    } else if !looks_like_email(&email) {
        issues.push(FieldIssue::new("email", "err-email").arg("value", typed.clone()));
    }
    let (ip_key, email_key) = (
        format!("subscribe:{}", auth.client_ip),
        format!("subscribe:{email}"),
    );
    let keys = [ip_key.as_str(), email_key.as_str()];
    if issues.is_empty() {
        issues.extend(state.throttle.form_issue(&keys, &FORM_IP).await);
    }
    if !issues.is_empty() {
        let mut fields = vec![("email".to_owned(), typed.chars().take(MAX_EMAIL).collect())];
        fields.extend(
            topic
                .pairs()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned())),
        );
        let d = NewDraft::of(DraftForm::Subscribe, fields, issues);
        return back_to_form(&state, &auth, &page, d).await;
    }
    state.throttle.hit_all(&keys, &FORM_IP).await;
    service::subscribe(&state, &email, &topic, chrono::Utc::now()).await?;
    let sep = if page.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{page}{sep}sent=1")))
}

/// Unknown or used links count against the IP, so guessing them is slow.
async fn too_many_failures(state: &AppState, ip: &str) -> Option<AppError> {
    let key = format!("link-fail:{ip}");
    state
        .throttle
        .wait_needed(&key, &FAILURE_IP)
        .await
        .map(|_| AppError::TooManyRequests("err-too-many-tries".into()))
}

async fn failed(state: &AppState, ip: &str) {
    state
        .throttle
        .hit(&format!("link-fail:{ip}"), &FAILURE_IP)
        .await;
}

async fn confirm(Path(token): Path<String>, FormPost { state, auth, .. }: FormPost) -> PageResult {
    if let Some(e) = too_many_failures(&state, &auth.client_ip).await {
        return Err(e.into());
    }
    if service::confirm(&state, &token).await? {
        return Ok(see_other(&Notice::Subscribed.on("/subscribe")));
    }
    failed(&state, &auth.client_ip).await;
    Ok(see_other(&format!("/subscribe/confirm/{token}")))
}

async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    // Not throttled: mail providers send RFC 8058's one-click POSTs from shared addresses,
    // and a used link (an older digest's) must not make everyone else's wait. Guessing a
    // 128-bit link is hopeless anyway, and the worst a used one does is nothing.
    if service::unsubscribe(&state, &token).await? {
        return Ok(see_other(&Notice::Unsubscribed.on("/subscribe")));
    }
    Ok(see_other(&format!("/unsubscribe/{token}")))
}

/// The feed's title: the words searched and the topic, or the region.
fn title(state: &AppState, pairs: &[(String, String)], i18n: &crate::i18n::I18n) -> String {
    let topic = Topic::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let topic = service::resolve(state, topic);
    let words = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty());
    let about = match words {
        Some(q) if topic.pairs().is_empty() => format!("«{q}»"),
        Some(q) => format!("«{q}» · {}", service::describe(state, &topic, i18n)),
        None => service::describe(state, &topic, i18n),
    };
    i18n.t_with("feed-title", &[("topic", about.into())])
}

async fn feed(State(state): State<AppState>, query: SearchQuery) -> Response {
    let i18n = query.i18n;
    let params = match query.params() {
        Ok(p) => p,
        Err(errors) => return bad_params(&errors, &i18n),
    };
    let job_i18n = i18n;
    let members = match crate::blocking::off_the_workers(&state, move |s| {
        digest::members(s, &params, &job_i18n)
    })
    .await
    {
        Ok(Ok(m)) => m,
        Ok(Err(e)) => return crate::map::api::search_failure(e, &i18n),
        Err(busy) => return crate::error::json_error(busy),
    };
    let canonical = view_query(&query.pairs);
    let title = title(&state, &query.pairs, &i18n);
    match atom::feed(&state, &members, &canonical, &title, &i18n).await {
        Ok(xml) => {
            let mut r = xml.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            );
            r.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            r
        }
        Err(e) => crate::error::json_error(e),
    }
}
