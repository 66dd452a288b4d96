//! The pages of an account's protections: confirming an address from a mailed link, the
//! code step of a login, the security page (password, address, sessions, second factor),
//! setting up an authenticator app. Plain forms that work without JavaScript, like every
//! other page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::pages::{form_resource, loaded_page, page_or_error, NarrowPage, Notice};
use super::security_fns::{
    email_link_usable, load_second_factor_setup, load_security_page, login_challenge_alive,
    SecondFactorSetup, SecurityPage,
};
use crate::forms::{CsrfField, ErrorSummary, FormScope, TextField};
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
                    let form = data.await;
                    if !alive.await {
                        return view! {
                            <p class="notice error">{i18n.t("login-code-expired")}</p>
                            <p><a class="button" href="/login">{i18n.t("login-button")}</a></p>
                        }.into_any();
                    }
                    view! {
                        <FormScope form>
                            <form method="post" action="/login/code" class="form" novalidate>
                                <ErrorSummary/>
                                <CsrfField/>
                                <TextField name="totp_code".into() label=i18n.t("field-totp-code") autocomplete="one-time-code" inputmode="numeric" required=true hint=i18n.t("field-totp-code-hint")/>
                                <details>
                                    <summary>{i18n.t("login-code-lost")}</summary>
                                    <TextField name="recovery_code".into() label=i18n.t("field-recovery-code") autocomplete="off"/>
                                </details>
                                <button type="submit" class="button">{i18n.t("login-button")}</button>
                            </form>
                        </FormScope>
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
            <form method="post" action="/account/sessions/end-others" class="inline-form">
                <CsrfField/>
                <button type="submit" class="button secondary">{i18n.t("security-end-others")}</button>
            </form>
            <h2>{i18n.t("security-second-factor")}</h2>
            {if totp {
                view! {
                    <p>{i18n.t_with("security-2fa-on", &[("left", page.recovery_codes_left.into())])}</p>
                    <p><a class="button secondary" href="/account/second-factor">{i18n.t("security-2fa-renew")}</a></p>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let form = off_form.await;
                            view! {
                                <FormScope form>
                                    <form method="post" action="/account/second-factor/disable" class="form" novalidate>
                                        <ErrorSummary/>
                                        <CsrfField/>
                                        <TextField name="current_password".into() label=i18n.t("field-current-password") kind="password" autocomplete="current-password" required=true/>
                                        <button type="submit" class="button secondary">{i18n.t("security-2fa-off")}</button>
                                    </form>
                                </FormScope>
                            }
                        })}
                    </Suspense>
                }.into_any()
            } else {
                view! {
                    <p>{i18n.t("security-2fa-none")}</p>
                    <p><a class="button" href="/account/second-factor">{i18n.t("security-2fa-setup")}</a></p>
                }.into_any()
            }}
            <h2>{i18n.t("security-password")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let form = password_form.await;
                    view! {
                        <FormScope form>
                            <form method="post" action="/account/password" class="form" novalidate>
                                <ErrorSummary/>
                                <CsrfField/>
                                <TextField name="current_password".into() label=i18n.t("field-current-password") kind="password" autocomplete="current-password" required=true/>
                                <TextField name="password".into() label=i18n.t("field-new-password") kind="password" autocomplete="new-password" required=true hint=i18n.t("password-rules")/>
                                <TextField name="password_again".into() label=i18n.t("field-password-again") kind="password" autocomplete="new-password" required=true/>
                                <button type="submit" class="button">{i18n.t("security-password-button")}</button>
                            </form>
                        </FormScope>
                    }
                })}
            </Suspense>
            <h2>{i18n.t("security-email")}</h2>
            <p>{i18n.t_with("security-email-now", &[("email", page.viewer.email.clone().into())])}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let form = email_form.await;
                    view! {
                        <FormScope form>
                            <form method="post" action="/account/email" class="form" novalidate>
                                <ErrorSummary/>
                                <CsrfField/>
                                <TextField name="new_email".into() label=i18n.t("field-new-email") kind="email" autocomplete="email" required=true/>
                                <TextField name="current_password".into() label=i18n.t("field-current-password") kind="password" autocomplete="current-password" required=true/>
                                <button type="submit" class="button">{i18n.t("security-email-button")}</button>
                            </form>
                        </FormScope>
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn SecondFactorRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_second_factor_setup());
    let form = form_resource("second-factor");
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let form = form.await;
                page_or_error(data.await, move |setup| view! { <SecondFactorView setup form/> })
            })}
        </Suspense>
    }
}

#[component]
fn SecondFactorView(setup: SecondFactorSetup, form: crate::forms::FormState) -> impl IntoView {
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
            <FormScope form>
                <form method="post" action="/account/second-factor" class="form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <input type="hidden" name="totp_secret" value=setup.secret.clone()/>
                    <TextField name="totp_code".into() label=i18n.t("field-totp-code") autocomplete="one-time-code" inputmode="numeric" required=true/>
                    {setup.already_enabled.then(|| view! {
                        <TextField name="current_password".into() label=i18n.t("field-current-password") kind="password" autocomplete="current-password" required=true/>
                    })}
                    <button type="submit" class="button">{i18n.t("second-factor-button")}</button>
                </form>
            </FormScope>
        </section>
    }
}
