//! The pages of an account's protections: confirming an address from a mailed link, the
//! code step of a login, the security page (password, address, sessions, second factor),
//! setting up an authenticator app. Plain forms that work without JavaScript, like every
//! other page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::pages::{form_resource, loaded_page, NarrowPage, Notice};
use super::security_fns::{
    email_link_usable, load_second_factor_setup, load_security_page, login_challenge_alive,
    SecondFactorSetup, SecurityPage,
};
use crate::forms::{
    CsrfField, CurrentPasswordField, DraftForm, NewPasswordFields, PostButton, TextField,
};
use crate::i18n::use_i18n;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, |t| async move {
        email_link_usable(t).await.unwrap_or(false)
    });
    view! {
        <NarrowPage title=i18n.t("verify-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    if !usable.await {
                        crate::ui::parts::set_status(410);
                        return view! {
                            <p class="notice error">{i18n.t("verify-gone")}</p>
                            <p><a class="button" href="/account">{i18n.t("nav-account")}</a></p>
                        }.into_any();
                    }
                    view! {
                        <p>{i18n.t("verify-text")}</p>
                        <form method="post" action=format!("/verify-email/{}", token()) class="form">
                            <CsrfField/>
                            <button type="submit" class="button">{i18n.t("verify-button")}</button>
                        </form>
                    }.into_any()
                })}
            </Suspense>
        </NarrowPage>
    }
}

#[component]
pub fn LoginCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let alive = Resource::new(
        || (),
        |_| async move { login_challenge_alive().await.unwrap_or(false) },
    );
    let data = form_resource("login-code");
    view! {
        <NarrowPage title=i18n.t("login-code-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    if !alive.await {
                        return view! {
                            <p class="notice error">{i18n.t("login-code-expired")}</p>
                            <p><a class="button" href="/login">{i18n.t("login-button")}</a></p>
                        }.into_any();
                    }
                    view! {
                        <DraftForm data action="/login/code">
                            <TextField name="totp_code".into() label=i18n.t("field-totp-code") autocomplete="one-time-code" inputmode="numeric" required=true hint=i18n.t("field-totp-code-hint")/>
                            <details>
                                <summary>{i18n.t("login-code-lost")}</summary>
                                <TextField name="recovery_code".into() label=i18n.t("field-recovery-code") autocomplete="off"/>
                            </details>
                            <button type="submit" class="button">{i18n.t("login-button")}</button>
                        </DraftForm>
                    }.into_any()
                })}
            </Suspense>
        </NarrowPage>
    }
}

#[component]
pub fn SecurityRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_security_page());
    loaded_page(data, |page| view! { <SecurityView page/> })
}

#[component]
fn SecurityView(page: SecurityPage) -> impl IntoView {
    let i18n = use_i18n();
    let password_form = form_resource("password-change");
    let email_form = form_resource("email-change");
    let off_form = form_resource("second-factor-off");
    let totp = page.viewer.totp_enabled;
    view! {
        <Title text=i18n.t("security-title")/>
        <section class="wrap narrow form-page">
            <h1>{i18n.t("security-title")}</h1>
            <Notice/>
            <p><a href="/account">{i18n.t("nav-account")}</a></p>
            <h2>{i18n.t("security-sessions")}</h2>
            <ul class="sessions">
                {page.sessions.into_iter().map(|s| view! {
                    <li>
                        <strong>{s.browser}</strong>
                        {s.current.then(|| view! { " " <span class="badge">{i18n.t("security-this-session")}</span> })}
                        <br/>
                        {i18n.t_with("security-session-line", &[("ip", s.ip.into()), ("started", s.started.into()), ("seen", s.last_seen.into())])}
                    </li>
                }).collect_view()}
            </ul>
            <PostButton action="/account/sessions/end-others" label=i18n.t("security-end-others") class="button secondary"/>
            <h2>{i18n.t("security-second-factor")}</h2>
            {if totp {
                view! {
                    <p>{i18n.t_with("security-2fa-on", &[("left", page.recovery_codes_left.into())])}</p>
                    <p><a class="button secondary" href="/account/second-factor">{i18n.t("security-2fa-renew")}</a></p>
                    <DraftForm data=off_form action="/account/second-factor/disable">
                        <CurrentPasswordField/>
                        <button type="submit" class="button secondary">{i18n.t("security-2fa-off")}</button>
                    </DraftForm>
                }.into_any()
            } else {
                view! {
                    <p>{i18n.t("security-2fa-none")}</p>
                    <p><a class="button" href="/account/second-factor">{i18n.t("security-2fa-setup")}</a></p>
                }.into_any()
            }}
            <h2>{i18n.t("security-password")}</h2>
            <DraftForm data=password_form action="/account/password">
                <CurrentPasswordField/>
                <NewPasswordFields/>
                <button type="submit" class="button">{i18n.t("security-password-button")}</button>
            </DraftForm>
            <h2>{i18n.t("security-email")}</h2>
            <p>{i18n.t_with("security-email-now", &[("email", page.viewer.email.clone().into())])}</p>
            <DraftForm data=email_form action="/account/email">
                <TextField name="new_email".into() label=i18n.t("field-new-email") kind="email" autocomplete="email" required=true/>
                <CurrentPasswordField/>
                <button type="submit" class="button">{i18n.t("security-email-button")}</button>
            </DraftForm>
        </section>
    }
}

#[component]
pub fn SecondFactorRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_second_factor_setup());
    loaded_page(data, |setup| view! { <SecondFactorView setup/> })
}

#[component]
fn SecondFactorView(setup: SecondFactorSetup) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("second-factor-title")/>
        <section class="wrap narrow form-page">
            <h1>{i18n.t("second-factor-title")}</h1>
            {setup.already_enabled.then(|| view! { <p class="notice">{i18n.t("second-factor-renew-note")}</p> })}
            <ol class="steps">
                <li>{i18n.t("second-factor-step-app")}</li>
                <li>
                    {i18n.t("second-factor-step-scan")}
                    <div class="qr" role="img" aria-label=i18n.t("second-factor-qr") inner_html=setup.qr_svg.clone()></div>
                    <p>{i18n.t("second-factor-step-type")} " " <code class="secret">{setup.secret.clone()}</code></p>
                </li>
                <li>{i18n.t("second-factor-step-code")}</li>
            </ol>
            <DraftForm data=form_resource("second-factor") action="/account/second-factor">
                <input type="hidden" name="totp_secret" value=setup.secret.clone()/>
                <TextField name="totp_code".into() label=i18n.t("field-totp-code") autocomplete="one-time-code" inputmode="numeric" required=true/>
                {setup.already_enabled.then(|| view! { <CurrentPasswordField/> })}
                <button type="submit" class="button">{i18n.t("second-factor-button")}</button>
            </DraftForm>
        </section>
    }
}
