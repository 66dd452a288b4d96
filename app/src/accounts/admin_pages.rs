//! The administrator's pages: regional staff (grant and revoke) and the list of accounts
//! (find, disable, enable). Plain forms that work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use super::pages::{form_resource, loaded_page, page_or_error, query_param, Notice};
use super::security_fns::{load_admin_accounts, AccountLine};
use super::{load_admin_page, AdminPage};
use crate::forms::{DraftForm, PostButton, SelectField, TextField};
use crate::i18n::use_i18n;

#[component]
pub fn AdminRoute() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_admin_page());
    loaded_page(data, |page| view! { <AdminView page/> })
}

#[component]
fn AdminView(page: AdminPage) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("admin-title")/>
        <section class="wrap admin-page">
            <h1>{i18n.t("admin-title")}</h1>
            <Notice/>
            <h2>{i18n.t("admin-staff")}</h2>
            <table class="table">
                <thead><tr><th>{i18n.t("field-email")}</th><th>{i18n.t("admin-region")}</th><th>{i18n.t("admin-since")}</th><th></th></tr></thead>
                <tbody>
                    {page.staff.into_iter().map(|s| view! {
                        <tr>
                            <td>{s.email.clone()} {(!s.name.is_empty()).then(|| format!(" ({})", s.name))}</td>
                            <td>{s.region.clone()}</td>
                            <td>{s.since.clone()}</td>
                            <td>
                                <PostButton action="/admin/staff/revoke" label=i18n.t("admin-revoke") class="button secondary small">
                                    <input type="hidden" name="account_id" value=s.account_id/>
                                    <input type="hidden" name="region_id" value=s.region_id/>
                                </PostButton>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{i18n.t("admin-grant")}</h2>
            <DraftForm data=form_resource("staff") action="/admin/staff">
                <TextField name="email".into() label=i18n.t("admin-grant-email") kind="email" required=true hint=i18n.t("admin-grant-hint")/>
                <SelectField name="region".into() label=i18n.t("admin-region") options=page.regions.clone() required=true/>
                <button type="submit" class="button">{i18n.t("admin-grant-button")}</button>
            </DraftForm>
            <p><a href="/staff/audit">{i18n.t("audit-title")}</a></p>
        </section>
    }
}

#[component]
pub fn AdminAccountsRoute() -> impl IntoView {
    let q = query_param("q");
    let data = Resource::new(move || q.get().unwrap_or_default(), load_admin_accounts);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let q = q.get_untracked().unwrap_or_default();
                page_or_error(data.await, move |accounts| view! { <AdminAccountsView accounts q/> })
            })}
        </Suspense>
    }
}

#[component]
fn AdminAccountsView(accounts: Vec<AccountLine>, q: String) -> impl IntoView {
    let i18n = use_i18n();
    let yes_no = move |b: bool| i18n.t(if b { "yes" } else { "no" });
    view! {
        <Title text=i18n.t("admin-accounts-title")/>
        <section class="wrap admin-page">
            <h1>{i18n.t("admin-accounts-title")}</h1>
            <Notice/>
            <form method="get" action="/admin/accounts" class="inline-form" role="search">
                <label for="accounts-q">{i18n.t("admin-accounts-search")}</label>
                " "
                <input id="accounts-q" type="search" name="q" value=q/>
                " "
                <button type="submit" class="button secondary small">{i18n.t("search-button")}</button>
            </form>
            <table class="table">
                <thead><tr>
                    <th>{i18n.t("field-email")}</th><th>{i18n.t("admin-accounts-verified")}</th>
                    <th>{i18n.t("admin-accounts-2fa")}</th><th>{i18n.t("admin-accounts-last-login")}</th><th></th>
                </tr></thead>
                <tbody>
                    {accounts.into_iter().map(|a| {
                        let action = if a.disabled { "enable" } else { "disable" };
                        view! {
                            <tr class:disabled=a.disabled>
                                <td>{a.email.clone()} {(!a.name.is_empty()).then(|| format!(" ({})", a.name))} {a.is_admin.then(|| view! { " " <span class="badge">{i18n.t("admin-accounts-admin")}</span> })}</td>
                                <td>{yes_no(a.verified)}</td>
                                <td>{yes_no(a.totp)}</td>
                                <td>{a.last_login.clone()}</td>
                                <td>
                                    <PostButton action=format!("/admin/accounts/{}/{action}", a.id) label=i18n.t(if a.disabled { "admin-accounts-enable" } else { "admin-accounts-disable" }) class="button secondary small"/>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
