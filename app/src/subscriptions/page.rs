//! The subscription pages: `/subscribe` (the form and the topic's Atom feed),
//! `/subscribe/confirm/{token}` and `/unsubscribe/{token}`. Opening a mailed link changes
//! nothing: its page has one button. All plain forms, working without JavaScript.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use super::{load_subscribe_form, load_subscribe_page, load_subscription_link, Topic};
use crate::accounts::pages::{query_param, NarrowPage, SentNotice};
use crate::forms::{DraftForm, PostButton, SelectField, TextField};
use crate::i18n::use_i18n;

fn options<T>(items: Vec<T>, pair: impl Fn(T) -> (String, String)) -> Vec<(String, String)> {
    items.into_iter().map(pair).collect()
}

#[component]
pub fn SubscribeRoute() -> impl IntoView {
    let i18n = use_i18n();
    let (okrug, direction, audience, draft) = (
        query_param("okrug"),
        query_param("direction"),
        query_param("audience"),
        query_param("draft"),
    );
    let topic = move || Topic {
        okrug: okrug.get(),
        direction: direction.get(),
        audience: audience.get(),
    };
    let page = Resource::new(topic, load_subscribe_page);
    let data = Resource::new(
        move || (topic(), draft.get()),
        |(t, d)| async move { load_subscribe_form(t, d).await.unwrap_or_default() },
    );
    view! {
        <NarrowPage title=i18n.t("subscribe-title")>
            <SentNotice key="subscribe-sent"/>
            <p>{i18n.t("subscribe-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let Ok(p) = page.await else { return ().into_any() };
                    let feed = if p.query.is_empty() {
                        "/feed.atom".to_owned()
                    } else {
                        format!("/feed.atom?{}", p.query)
                    };
                    let okrugs = options(p.okrugs, |o| (o.slug, o.name));
                    let directions = options(p.directions, |t| (t.code, t.label));
                    let audiences = options(p.audiences, |t| (t.code, t.label));
                    view! {
                        <DraftForm data action="/subscribe">
                            <TextField name="email".into() label=i18n.t("field-email") kind="email" autocomplete="email" required=true/>
                            <fieldset>
                                <legend>{i18n.t("subscribe-topic")}</legend>
                                <SelectField name="okrug".into() label=i18n.t("facet-okrug") options=okrugs.clone() empty=i18n.t("subscribe-any-okrug")/>
                                <SelectField name="direction".into() label=i18n.t("facet-direction") options=directions.clone() empty=i18n.t("subscribe-any-direction")/>
                                <SelectField name="audience".into() label=i18n.t("facet-audience") options=audiences.clone() empty=i18n.t("subscribe-any-audience")/>
                            </fieldset>
                            <button type="submit" class="button">{i18n.t("subscribe-button")}</button>
                        </DraftForm>
                        <h2>{i18n.t("subscribe-feed")}</h2>
                        <p>
                            <a href=feed.clone() type="application/atom+xml">{p.description.clone()}</a>
                        </p>
                        <p class="hint">{i18n.t("subscribe-feed-hint")}</p>
                    }.into_any()
                })}
            </Suspense>
        </NarrowPage>
    }
}

/// A mailed link's page: confirm (`unsubscribe` false) or unsubscribe.
#[component]
fn LinkRoute(unsubscribe: bool) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, move |t| load_subscription_link(t, unsubscribe));
    let (title, text, button, path) = if unsubscribe {
        (
            "unsubscribe-title",
            "unsubscribe-text",
            "unsubscribe-button",
            "/unsubscribe",
        )
    } else {
        (
            "subscribe-confirm-title",
            "subscribe-confirm-text",
            "subscribe-confirm-button",
            "/subscribe/confirm",
        )
    };
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(link) = data.await.ok().flatten() else {
                    // A gone unsubscribe link has done its work: no mail comes either way.
                    let (title, text) = if unsubscribe {
                        ("unsubscribe-title", "unsubscribe-gone-text")
                    } else {
                        crate::ui::parts::set_status(410);
                        ("subscribe-gone-title", "subscribe-gone-text")
                    };
                    return view! {
                        <NarrowPage title=i18n.t(title)>
                            <p class="notice">{i18n.t(text)}</p>
                            <p><a class="button" href="/subscribe">{i18n.t("subscribe-title")}</a></p>
                        </NarrowPage>
                    }.into_any();
                };
                let args = [("topic", link.description.clone().into())];
                view! {
                    <NarrowPage title=i18n.t(title)>
                        <p>{i18n.t_with(text, &args)}</p>
                        <PostButton action=format!("{path}/{}", token()) label=i18n.t(button)/>
                    </NarrowPage>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SubscribeConfirmRoute() -> impl IntoView {
    view! { <LinkRoute unsubscribe=false/> }
}

#[component]
pub fn UnsubscribeRoute() -> impl IntoView {
    view! { <LinkRoute unsubscribe=true/> }
}
