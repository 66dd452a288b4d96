//! The page a reminder link opens: what the button will do, for which organization, and
//! the button (a form post). A used or expired link says so, with status 410.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use super::{Action, LinkPage};
use crate::accounts::pages::NarrowPage;
use crate::error::PublicError;
use crate::forms::CsrfField;
use crate::i18n::use_i18n;

/// The link's page; None when the link cannot be used (any more).
#[server(input = GetUrl, endpoint = "reconfirm/link")]
pub async fn load_reminder_link(token: String) -> Result<Option<LinkPage>, PublicError> {
    let (state, _) = crate::state::request_context()?;
    Ok(poputchiki_core::reconfirm::answer::link_page(&state, &token).await?)
}

fn keys(action: Action) -> (&'static str, &'static str, &'static str) {
    match action {
        Action::Confirm => (
            "reconfirm-confirm-title",
            "reconfirm-confirm-text",
            "reconfirm-confirm-button",
        ),
        Action::Update => (
            "reconfirm-update-title",
            "reconfirm-update-text",
            "reconfirm-update-button",
        ),
        Action::Closed => (
            "reconfirm-closed-title",
            "reconfirm-closed-text",
            "reconfirm-closed-button",
        ),
    }
}

#[component]
pub fn ReminderLinkRoute() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, load_reminder_link);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let link = data.await.ok().flatten().filter(|l| l.usable);
                let Some(link) = link else {
                    crate::ui::parts::set_status(410);
                    return view! {
                        <NarrowPage title=i18n.t("reconfirm-gone-title")>
                            <p class="notice error">{i18n.t("reconfirm-gone-text")}</p>
                            <p><a class="button" href="/">{i18n.t("nav-organizations")}</a></p>
                        </NarrowPage>
                    }.into_any();
                };
                let (title, text, button) = keys(link.action);
                let danger = if link.action == Action::Closed { "button danger" } else { "button" };
                view! {
                    <Meta name="robots" content="noindex"/>
                    <NarrowPage title=i18n.t(title)>
                        <p>
                            {i18n.t("reconfirm-about")} " "
                            <a href=link.url.clone()>{link.organization.clone()}</a>
                        </p>
                        <p>{i18n.t(text)}</p>
                        <form method="post" action=format!("/confirm/{}", token()) class="form">
                            <CsrfField/>
                            <button type="submit" class=danger>{i18n.t(button)}</button>
                        </form>
                    </NarrowPage>
                }.into_any()
            })}
        </Suspense>
    }
}
