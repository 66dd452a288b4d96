//! Subscriptions on the web: `/subscribe` (the form: an address and an okrug, direction or
//! audience), the confirmation link's page, the unsubscribe link's page, and `/feed.atom`
//! (any search filter as an Atom feed). The rules, SQL, digest and feed are
//! `poputchiki_core::subscriptions`.

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod page;

pub use poputchiki_core::subscriptions::*;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::PublicError;
use crate::forms::FormState;

/// The subscribe page for a topic (unknown values dropped).
#[server(input = GetUrl, endpoint = "subscriptions/page")]
pub async fn load_subscribe_page(topic: Topic) -> Result<SubscribePage, PublicError> {
    let (state, i18n) = crate::state::request_context()?;
    Ok(poputchiki_core::subscriptions::service::page(
        &state, topic, &i18n,
    ))
}

/// The form's values: the draft named in `?draft=`, or else the topic of the address.
#[server(input = GetUrl, endpoint = "subscriptions/form")]
pub async fn load_subscribe_form(
    topic: Topic,
    draft: Option<String>,
) -> Result<FormState, PublicError> {
    if draft.is_some() {
        return crate::accounts::load_form_state("subscribe".into(), draft).await;
    }
    let fields = topic
        .pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Ok(FormState::from_fields(fields))
}

/// What a mailed link's page shows; None when the link cannot be used. `unsubscribe`
/// picks the kind of link.
#[server(input = GetUrl, endpoint = "subscriptions/link")]
pub async fn load_subscription_link(
    token: String,
    unsubscribe: bool,
) -> Result<Option<LinkPage>, PublicError> {
    use poputchiki_core::subscriptions::store::{CONFIRM, UNSUBSCRIBE};
    let (state, i18n) = crate::state::request_context()?;
    let purpose = if unsubscribe { UNSUBSCRIBE } else { CONFIRM };
    Ok(service::link_page(&state, &token, purpose, &i18n).await?)
}
