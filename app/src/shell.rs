//! The HTML shell, the router and the frame around every page (header, footer, language).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::accounts::admin_pages::{AdminAccountsRoute, AdminRoute};
use crate::accounts::pages::{
    AccountRoute, ForgotPasswordPage, InviteRoute, LoginPage, RegisterPage, ResetPasswordPage,
};
use crate::accounts::security_pages::{
    LoginCodePage, SecondFactorRoute, SecurityRoute, VerifyEmailPage,
};
use crate::coverage::page::CoverageRoute;
use crate::editing::history_pages::{AuditRoute, HistoryRoute, ManageRoute};
use crate::editing::pages::{EditRoute, NewOrgRoute};
use crate::events::page::EventsRoute;
use crate::i18n::{use_i18n, I18n, Locale};
use crate::needs::page::NeedsRoute;
use crate::open_data::api_page::ApiDocsPage;
use crate::open_data::page::OpenDataPage;
use crate::organizations::okrug_page::{OkrugIndexPage, OkrugRoute};
use crate::organizations::page::OrganizationRoute;
use crate::partners::network_page::NetworkRoute;
use crate::places::PlacesRoute;
use crate::posters::{OkrugPosterRoute, OrgPosterRoute};
use crate::reconfirm::page::ReminderLinkRoute;
use crate::search::page::SearchPage;
use crate::staff_desk::home::StaffRoute;
use crate::staff_desk::merge::MergeRoute;
use crate::staff_desk::page::QueueRoute;
use crate::staff_import::pages::{ImportHomeRoute, ImportPreviewRoute};
use crate::subscriptions::page::{SubscribeConfirmRoute, SubscribeRoute, UnsubscribeRoute};
use crate::ui::parts::NotFound;
#[cfg(feature = "ssr")]
use crate::web::request::asset_root;
use crate::web::request::asset_url;

/// The whole HTML document. Rendered per request on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let i18n = current_i18n();
    provide_context(i18n);
    #[cfg(feature = "ssr")]
    set_page_policy();
    // Islands mode: only islands hydrate, so the rest renders without hydration markers.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let css = asset_url("pkg/poputchiki.css");
    view! {
        <!DOCTYPE html>
        <html lang=i18n.locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5d3b"/>
                <link rel="stylesheet" id="leptos" href=css/>
                <link rel="icon" href=asset_url("favicon.svg") type="image/svg+xml"/>
                // The words public/sw.js puts above a saved page shown without a connection.
                <meta name="offline-note" content=i18n.t("offline-note")/>
                <script src=asset_url("offline.js") defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // After the content: the WASM never competes with the page it wakes up, and
                // pages without an island never load it.
                {page_has_islands().then(|| view! { <DeferredHydration options/> })}
            </body>
        </html>
    }
}

/// Leptos's island bootstrap, kept inert and without its preload hints; `public/boot.js`
/// starts it after the load event, so the WASM never races the page on a slow line.
#[component]
fn DeferredHydration(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let code = {
        let html =
            view! { <HydrationScripts options islands=true root=asset_root("pkg/poputchiki.js")/> }
                .to_html();
        inline_module_body(&html).to_owned()
    };
    #[cfg(not(feature = "ssr"))]
    let code = {
        let _ = options;
        String::new()
    };
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script type="text/plain" id="island-boot" nonce=nonce inner_html=code></script>
        <script src=asset_url("boot.js") defer></script>
    }
}

/// The text of the first `<script type="module">` in `html` (the island bootstrap).
#[cfg(feature = "ssr")]
fn inline_module_body(html: &str) -> &str {
    html.find("<script type=\"module\"")
        .and_then(|start| {
            let open = start + html[start..].find('>')? + 1;
            let close = open + html[open..].find("</script>")?;
            Some(&html[open..close])
        })
        .unwrap_or("")
}

/// Whether the page being rendered has an island (the search form, the edit form's
/// helper), so needs the WASM. `tests/http_pages.rs` checks this against the pages.
fn page_has_islands() -> bool {
    #[cfg(feature = "ssr")]
    {
        let path = use_context::<http::request::Parts>()
            .map(|p| p.uri.path().to_owned())
            .unwrap_or_default();
        islands_at(&path)
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

/// The paths whose pages carry an island.
pub fn islands_at(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path.is_empty() || path == "/org/new" || (path.starts_with("/org/") && path.ends_with("/edit"))
}

/// Puts the Content-Security-Policy with this render's nonce on the response: the nonce is
/// on Leptos's inline bootstrap script, and nothing else inline may run.
#[cfg(feature = "ssr")]
fn set_page_policy() {
    let state = use_context::<crate::state::AppState>();
    let response = use_context::<leptos_axum::ResponseOptions>();
    if let (Some(state), Some(response)) = (state, response) {
        let nonce = leptos::nonce::use_nonce();
        let policy = crate::security_headers::page_policy(&state, nonce.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The translator for this render: from the request on the server, the default otherwise.
fn current_i18n() -> I18n {
    #[cfg(feature = "ssr")]
    {
        crate::state::request_i18n()
    }
    #[cfg(not(feature = "ssr"))]
    {
        use_i18n()
    }
}

/// The routes. Every route renders fully on the server before anything is sent
/// (`SsrMode::Async`), so pages are complete without JavaScript and 404s get a real status.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = use_i18n();
    view! {
        // leptos_meta 0.8 writes the title into <title> without escaping it, and titles hold
        // names people type: escape here, or "</title><script>" in a name would run.
        <Title formatter=move |t: String| crate::text::escape_html(&if t.is_empty() { i18n.t("site-name") } else { format!("{t} — {}", i18n.t("site-name")) })/>
        <Router>
            <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=SearchPage ssr=SsrMode::Async/>
                    // Before "/org/{id_slug}": routes match in the order they are listed.
                    <Route path=(StaticSegment("org"), StaticSegment("new")) view=NewOrgRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("org"), ParamSegment("id_slug")) view=OrganizationRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("okrug") view=OkrugIndexPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("coverage") view=CoverageRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("needs") view=NeedsRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("events") view=EventsRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("network") view=NetworkRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("places") view=PlacesRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("open-data") view=OpenDataPage/>
                    <Route path=StaticSegment("api") view=ApiDocsPage/>
                    <Route path=(StaticSegment("okrug"), ParamSegment("slug")) view=OkrugRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("forgot")) view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("reset"), ParamSegment("token")) view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view=AccountRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("security")) view=SecurityRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("second-factor")) view=SecondFactorRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("login"), StaticSegment("code")) view=LoginCodePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("verify-email"), ParamSegment("token")) view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("accounts")) view=AdminAccountsRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("invite"), ParamSegment("token")) view=InviteRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("confirm"), ParamSegment("token")) view=ReminderLinkRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("subscribe") view=SubscribeRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("subscribe"), StaticSegment("confirm"), ParamSegment("token")) view=SubscribeConfirmRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("unsubscribe"), ParamSegment("token")) view=UnsubscribeRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view=AdminRoute ssr=SsrMode::Async/>
                    <Route path=StaticSegment("staff") view=StaffRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("audit")) view=AuditRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("queue"), ParamSegment("queue")) view=QueueRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("merge"), ParamSegment("a"), ParamSegment("b")) view=MergeRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("import")) view=ImportHomeRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("staff"), StaticSegment("import"), ParamSegment("id")) view=ImportPreviewRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("org"), ParamSegment("id_slug"), StaticSegment("edit")) view=EditRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("org"), ParamSegment("id_slug"), StaticSegment("history")) view=HistoryRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("org"), ParamSegment("id_slug"), StaticSegment("manage")) view=ManageRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("org"), ParamSegment("id_slug"), StaticSegment("poster")) view=OrgPosterRoute ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("okrug"), ParamSegment("slug"), StaticSegment("poster")) view=OkrugPosterRoute ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" width="32" height="32">
                        <circle cx="16" cy="16" r="15" fill="#ffffff"/>
                        <path d="M7 22 L13 12 L17 18 L20 14 L25 22 Z" fill="#0b5d3b"/>
                    </svg>
                    <span class="brand-name">{i18n.t("site-name")}</span>
                </a>
                <nav aria-label=i18n.t("nav-label")>
                    <ul class="nav">
                        <li><a href="/">{i18n.t("nav-organizations")}</a></li>
                        <li><a href="/okrug">{i18n.t("nav-okrugs")}</a></li>
                        <li><a href="/events">{i18n.t("nav-events")}</a></li>
                        <UserMenu/>
                        <li><LanguageSwitch/></li>
                    </ul>
                </nav>
            </div>
            <p class="wrap tagline">{i18n.t("site-tagline")}</p>
        </header>
    }
}

/// "Log in", or the logged-in person's links: their account and, for staff, the desk.
#[component]
fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    match crate::accounts::current_viewer() {
        None => view! { <li><a href="/login">{i18n.t("nav-login")}</a></li> }.into_any(),
        Some(v) => view! {
            {v.is_staff_anywhere().then(|| view! { <li><a href="/staff">{i18n.t("nav-staff")}</a></li> })}
            <li><a href="/account" class="nav-account">{i18n.t("nav-account")}</a></li>
        }
        .into_any(),
    }
}

/// Links to every other locale. They work without JavaScript: `/lang/{code}` sets the
/// `lang` cookie and sends the visitor back to the page they were on.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    Locale::all()
        .filter(|l| *l != i18n.locale)
        .map(|l| {
            view! {
                <a href=format!("/lang/{}", l.code()) hreflang=l.code() lang=l.code() class="lang-link">
                    {l.native_name()}
                </a>
            }
        })
        .collect_view()
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p><a href="/needs">{i18n.t("nav-needs")}</a> " · " <a href="/network">{i18n.t("nav-network")}</a> " · " <a href="/coverage">{i18n.t("nav-coverage")}</a>
                    " · " <a href="/open-data">{i18n.t("nav-open-data")}</a> " · " <a href="/subscribe">{i18n.t("subscribe-link")}</a></p>
                <p>{i18n.t("footer-data-licence")}</p>
                <p>
                    {i18n.t("footer-boundaries")} " "
                    <a href="https://www.openstreetmap.org/copyright">"© OpenStreetMap contributors"</a>
                    " (ODbL 1.0). " {i18n.t("footer-centres")}
                </p>
                <p class="demo-note">{i18n.t("footer-demo")}</p>
            </div>
        </footer>
    }
}
