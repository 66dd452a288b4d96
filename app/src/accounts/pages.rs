//! The account pages: log in, register, forgotten password, new password, the account page,
//! accepting an invitation. Each renders fully on the server and
//! posts a plain form; after an error the form comes back from its draft.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    current_viewer, load_account_page, load_form_state, load_invitation, reset_link_usable,
    AccountPage, InvitationPage,
};
use crate::forms::{
    draft_next, CsrfField, DraftForm, ErrorSummary, FormScope, FormState, NewPasswordFields,
    NextField, PostButton, TextField,
};
use crate::i18n::use_i18n;
use crate::ui::parts::LoadError;

/// A query parameter of the current URL.
pub fn query_param(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name))
}

/// A short success notice chosen by `?notice=` (only known keys are shown).
#[component]
pub fn Notice() -> impl IntoView {
    let i18n = use_i18n();
    let notice = query_param("notice");
    move || {
        notice.get().and_then(|n| {
            let key = crate::kinds::Notice::parse(&n)?.message_key();
            Some(view! { <p class="notice" role="status">{i18n.t(&key)}</p> })
        })
    }
}

/// A page's frame: title, heading and a narrow column.
#[component]
pub fn NarrowPage(title: String, children: Children) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=use_i18n().t("site-tagline")/>
        <section class="wrap narrow form-page">
            <h1>{title}</h1>
            <Notice/>
            {children()}
        </section>
    }
}

/// The notice that a mail went out, on a page reached with `?sent=`.
#[component]
pub fn SentNotice(key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let sent = query_param("sent");
    move || {
        sent.get()
            .map(|_| view! { <p class="notice" role="status">{i18n.t(key)}</p> })
    }
}

/// Loads the draft of `form` named in `?draft=` (or nothing) for a form page.
pub fn form_resource(form: &'static str) -> Resource<FormState> {
    let draft = query_param("draft");
    Resource::new(
        move || draft.get(),
        move |d| async move {
            load_form_state(form.to_owned(), d)
                .await
                .unwrap_or_default()
        },
    )
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = form_resource("login");
    view! {
        <NarrowPage title=i18n.t("login-title")>
            {current_viewer().map(|v| view! { <p class="notice">{i18n.t_with("login-already", &[("name", v.name().to_owned().into())])}</p> })}
            <DraftForm data action="/login" after=|| view! { <LoginLinks/> }>
                <NextField/>
                <TextField name="email".into() label=i18n.t("field-email") kind="email" autocomplete="username" required=true/>
                <TextField name="password".into() label=i18n.t("field-password") kind="password" autocomplete="current-password" required=true/>
                <button type="submit" class="button">{i18n.t("login-button")}</button>
            </DraftForm>
        </NarrowPage>
    }
}

/// Below the login form: a forgotten password, and registering instead (keeping `next`).
#[component]
fn LoginLinks() -> impl IntoView {
    let i18n = use_i18n();
    let next = draft_next();
    let register = if next.is_empty() {
        "/register".to_owned()
    } else {
        format!("/register?next={}", crate::organizations::url_encode(&next))
    };
    view! {
        <p><a href="/password/forgot">{i18n.t("login-forgot")}</a></p>
        <p>{i18n.t("login-no-account")} " " <a href=register>{i18n.t("register-link")}</a></p>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = form_resource("register");
    view! {
        <NarrowPage title=i18n.t("register-title")>
            <SentNotice key="register-sent"/>
            <p>{i18n.t("register-intro")}</p>
            <DraftForm data action="/register" after=move || view! {
                <p>{i18n.t("register-have-account")} " " <a href="/login">{i18n.t("login-button")}</a></p>
            }>
                <NextField/>
                <TextField name="email".into() label=i18n.t("field-email") kind="email" autocomplete="email" required=true/>
                <TextField name="display_name".into() label=i18n.t("field-display-name") autocomplete="name" hint=i18n.t("field-display-name-hint")/>
                <NewPasswordFields/>
                <button type="submit" class="button">{i18n.t("register-button")}</button>
            </DraftForm>
        </NarrowPage>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = form_resource("forgot");
    view! {
        <NarrowPage title=i18n.t("forgot-title")>
            <SentNotice key="forgot-sent"/>
            <p>{i18n.t("forgot-intro")}</p>
            <DraftForm data action="/password/forgot">
                <TextField name="email".into() label=i18n.t("field-email") kind="email" autocomplete="email" required=true/>
                <button type="submit" class="button">{i18n.t("forgot-button")}</button>
            </DraftForm>
        </NarrowPage>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, |t| async move {
        reset_link_usable(t).await.unwrap_or(false)
    });
    let data = form_resource("reset");
    view! {
        <NarrowPage title=i18n.t("reset-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let form = data.await;
                    if !usable.await && !form.has_issues() {
                        crate::ui::parts::set_status(410);
                        return view! {
                            <p class="notice error">{i18n.t("err-reset-link")}</p>
                            <p><a class="button" href="/password/forgot">{i18n.t("forgot-title")}</a></p>
                        }.into_any();
                    }
                    view! {
                        <FormScope form>
                            <form method="post" action=format!("/password/reset/{}", token()) class="form" novalidate>
                                <ErrorSummary/>
                                <CsrfField/>
                                <NewPasswordFields/>
                                <button type="submit" class="button">{i18n.t("reset-button")}</button>
                            </form>
                        </FormScope>
                    }.into_any()
                })}
            </Suspense>
        </NarrowPage>
    }
}

/// A page for logged-in people; visitors get a polite "log in first" with a way back.
#[component]
pub fn LoginPrompt() -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::parts::set_status(401);
    let here = leptos_router::hooks::use_location();
    let next = format!(
        "{}{}",
        here.pathname.get_untracked(),
        here.search.get_untracked()
    );
    let next = crate::organizations::url_encode(&next);
    view! {
        <section class="wrap narrow">
            <Title text=i18n.t("login-required-title")/>
            <h1>{i18n.t("login-required-title")}</h1>
            <p>{i18n.t("login-required-text")}</p>
            <p class="actions">
                <a class="button" href=format!("/login?next={next}")>{i18n.t("login-button")}</a>
                " "
                <a class="button secondary" href=format!("/register?next={next}")>{i18n.t("register-link")}</a>
            </p>
        </section>
    }
}

/// Renders a page's data, or the right page for its error (log in, 403, 404, 500).
pub fn page_or_error<T, V: IntoView + 'static>(
    result: Result<T, crate::error::PublicError>,
    render: impl FnOnce(T) -> V,
) -> AnyView {
    match result {
        Ok(data) => render(data).into_any(),
        Err(crate::error::PublicError::Unauthorized) => view! { <LoginPrompt/> }.into_any(),
        Err(crate::error::PublicError::Forbidden) => view! { <Forbidden/> }.into_any(),
        Err(error) => view! { <LoadError error/> }.into_any(),
    }
}

/// A page whose data comes from one server fn: drawn by `render` once loaded, or as
/// [`page_or_error`] draws its refusal. Every data page's route is this and its view.
pub fn loaded_page<T, V>(
    data: Resource<Result<T, crate::error::PublicError>>,
    render: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { page_or_error(data.await, render) })}
        </Suspense>
    }
}

/// [`loaded_page`] for an address that may name nothing: `None` draws the 404 page.
pub fn found_page<T, V>(
    data: Resource<Result<Option<T>, crate::error::PublicError>>,
    render: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    loaded_page(data, move |page| match page {
        Some(page) => render(page).into_any(),
        None => view! { <crate::ui::parts::NotFound/> }.into_any(),
    })
}

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::parts::set_status(403);
    let viewer = current_viewer();
    let needs_2fa = viewer.as_ref().is_some_and(|v| v.needs_second_factor);
    let unverified = viewer.as_ref().is_some_and(|v| !v.email_verified);
    view! {
        <section class="wrap narrow">
            <Title text=i18n.t("forbidden-title")/>
            <h1>{i18n.t("forbidden-title")}</h1>
            <p>{i18n.t("err-forbidden")}</p>
            {needs_2fa.then(|| view! {
                <p>{i18n.t("account-needs-2fa")}</p>
                <p><a class="button" href="/account/second-factor">{i18n.t("security-2fa-setup")}</a></p>
            })}
            {unverified.then(|| view! { <p>{i18n.t("err-email-unverified")}</p> })}
            <p><a class="button" href="/account">{i18n.t("nav-account")}</a></p>
        </section>
    }
}

#[component]
pub fn AccountRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_account_page());
    loaded_page(data, |page| view! { <AccountView page/> })
}

#[component]
fn AccountView(page: AccountPage) -> impl IntoView {
    let i18n = use_i18n();
    let staff = page.viewer.is_staff_anywhere();
    view! {
        <Title text=i18n.t("account-title")/>
        <section class="wrap account-page">
            <h1>{i18n.t("account-title")}</h1>
            <Notice/>
            <p>{i18n.t_with("account-who", &[("name", page.viewer.name().to_owned().into()), ("email", page.viewer.email.clone().into())])}</p>
            {(!page.viewer.email_verified).then(|| view! {
                <div class="notice warning" role="status">
                    <p>{i18n.t_with("account-unverified", &[("email", page.viewer.email.clone().into())])}</p>
                    <PostButton action="/account/verify-email" label=i18n.t("account-verify-resend") class="button secondary"/>
                </div>
            })}
            {page.viewer.needs_second_factor.then(|| view! {
                <div class="notice warning" role="status">
                    <p>{i18n.t("account-needs-2fa")}</p>
                    <p><a class="button" href="/account/second-factor">{i18n.t("security-2fa-setup")}</a></p>
                </div>
            })}
            <p><a href="/account/security">{i18n.t("security-title")}</a></p>
            {staff.then(|| view! { <p><a class="button" href="/staff">{i18n.t("nav-staff")}</a></p> })}
            {page.viewer.is_admin.then(|| view! {
                <p>
                    <a class="button secondary" href="/admin">{i18n.t("nav-admin")}</a>
                    " "
                    <a class="button secondary" href="/admin/accounts">{i18n.t("admin-accounts-title")}</a>
                </p>
            })}
            <h2>{i18n.t("account-orgs")}</h2>
            {if page.organizations.is_empty() {
                view! { <p>{i18n.t("account-no-orgs")}</p> }.into_any()
            } else {
                view! {
                    <ul class="my-orgs">
                        {page.organizations.into_iter().map(|o| view! {
                            <li class="my-org">
                                <a href=o.url.clone() class="my-org-name">{o.name.clone()}</a>
                                " "
                                <span class=format!("badge status-{}", o.status)>{i18n.t(o.status.message_key())}</span>
                                {(!o.moderation_note.is_empty()).then(|| view! {
                                    <p class="moderation-note">{i18n.t("moderation-reason")} " " {o.moderation_note.clone()}</p>
                                })}
                                <p class="actions">
                                    <a class="button" href=format!("/org/{}/edit", o.id)>{i18n.t("edit-button")}</a>
                                    " "
                                    <a class="button secondary" href=format!("/org/{}/history", o.id)>{i18n.t("history-link")}</a>
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a class="button" href="/org/new">{i18n.t("propose-link")}</a></p>
            {(!page.drafts.is_empty()).then(|| view! {
                <h2>{i18n.t("account-drafts")}</h2>
                <ul>
                    {page.drafts.into_iter().map(|d| view! {
                        <li><a href=d.url>{i18n.t("account-draft-from")} " " {d.created_at.replace('T', " ").trim_end_matches('Z').to_owned()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <PostButton action="/logout" label=i18n.t("logout-button") class="button secondary"/>
        </section>
    }
}

#[component]
pub fn InviteRoute() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, load_invitation);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page_or_error(data.await, |page| view! { <InviteView page token=token()/> })
            })}
        </Suspense>
    }
}

#[component]
fn InviteView(page: InvitationPage, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let next = crate::organizations::url_encode(&format!("/invite/{token}"));
    let body = if page.already_editor {
        view! {
            <p>{i18n.t("invite-already")}</p>
            <p><a class="button" href=page.organization_url.clone()>{page.organization.clone()}</a></p>
        }
        .into_any()
    } else if !page.usable {
        view! { <p class="notice error">{i18n.t("invite-unusable")}</p> }.into_any()
    } else if page.for_other_email {
        view! { <p class="notice error">{i18n.t("invite-other-email")}</p> }.into_any()
    } else if page.logged_in && !page.email_verified {
        view! {
            <p class="notice warning">{i18n.t("err-email-unverified")}</p>
            <PostButton action="/account/verify-email" label=i18n.t("account-verify-resend") class="button secondary"/>
        }
        .into_any()
    } else if !page.logged_in {
        view! {
            <p>{i18n.t("invite-login-first")}</p>
            <p class="actions">
                <a class="button" href=format!("/login?next={next}")>{i18n.t("login-button")}</a>
                " "
                <a class="button secondary" href=format!("/register?next={next}")>{i18n.t("register-link")}</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("/invite/{token}") class="form">
                <CsrfField/>
                <button type="submit" class="button">{i18n.t("invite-accept")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <NarrowPage title=i18n.t("invite-title")>
            <p>{i18n.t_with("invite-text", &[("org", page.organization.clone().into())])}</p>
            {body}
        </NarrowPage>
    }
}
