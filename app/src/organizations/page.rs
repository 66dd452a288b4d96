//! The organization page, at /org/{id}-{slug}: everything about one organization,
//! server-rendered, readable without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;
use poputchiki_core::kinds::OrgStatus;
use poputchiki_core::organizations::jsonld;

use crate::events::item::EventList;
use crate::forms::{CsrfField, ErrorSummary, FormScope, FormState, TextField};
use crate::freshness::Freshness;
use crate::i18n::use_i18n;
use crate::organizations::parse_id;
use crate::organizations::{
    load_organization_page, ContactKind, ContactView, OrganizationPage, ServiceView,
};
use crate::ui::meta::{JsonLd, ShareMeta};
use crate::ui::parts::{Chips, LoadError, MiniMapSvg, NotFound};

#[component]
pub fn OrganizationRoute() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id_slug").as_deref().and_then(parse_id);
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => load_organization_page(id).await.map(Some),
            None => Ok(None),
        }
    });
    // Either form may come back from its draft: an error report, or «Могу помочь».
    let report = crate::accounts::pages::form_resource("report");
    let help = crate::accounts::pages::form_resource("help");
    let photo = crate::accounts::pages::form_resource("event-photo");
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (report, help, photo) = (report.await, help.await, photo.await);
                match data.await {
                    Ok(Some(page)) => view! { <OrganizationView page report help photo/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganizationView(
    page: OrganizationPage,
    report: FormState,
    help: FormState,
    photo: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = page;
    let place = [p.settlement.as_str(), p.address.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let kind_line = match &p.legal_form_label {
        Some(form) => format!("{} · {form}", p.kind_label),
        None => p.kind_label.clone(),
    };
    let org_path = p.url.clone();
    // Machines read only listings that are on the map.
    let linked_data = (p.status == OrgStatus::Published).then(|| {
        let site = crate::web::request::absolute_url("");
        let region = crate::web::request::region_name(i18n.locale);
        jsonld::script_text(&jsonld::organization(&p, &site, &region))
    });
    view! {
        <Title text=p.name.clone()/>
        <Meta name="description" content=p.summary.clone()/>
        // "/org/42-anything" also resolves; search engines are told the one true address.
        <ShareMeta title=p.name.clone() description=p.summary.clone() path=p.url.clone()
            image=p.logo_url.clone() kind="profile"/>
        <Link rel="alternate" type_="application/json" href=format!("/api/v1/organizations/{}", p.id)/>
        {linked_data.map(|text| view! { <JsonLd text/> })}
        <article class="wrap org-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href="/">{i18n.t("nav-organizations")}</a> " › "
                <a href=format!("/okrug/{}", p.okrug.slug)>{p.okrug.name.clone()}</a>
            </nav>
            <crate::accounts::pages::Notice/>
            <crate::editing::pages::StatusBanner status=p.status note=p.moderation_note.clone()/>
            <super::archived::ArchivedBanner page=p.clone()/>
            <header class="org-header">
                {p.logo_url.clone().map(|url| view! { <img class="org-logo" src=url alt="" width="96" height="96"/> })}
                <h1>{p.name.clone()}</h1>
                <p class="org-kind">{kind_line}</p>
                <p class="org-badges">
                    {p.verification.is_some().then(|| view! { <span class="badge verified">{i18n.t("badge-verified")}</span> })}
                    {p.is_demo.then(|| view! { <span class="badge demo">{i18n.t("badge-demo")}</span> " " {i18n.t("demo-explained")} })}
                </p>
                {(!p.summary.is_empty()).then(|| view! { <p class="lead">{p.summary.clone()}</p> })}
                {p.can_edit.then(|| view! {
                    <p class="org-tools">
                        <a class="button" href=format!("/org/{}/edit", p.id)>{i18n.t("edit-button")}</a> " "
                        <a class="button secondary" href=format!("/org/{}/history", p.id)>{i18n.t("history-link")}</a>
                        {p.can_manage.then(|| view! { " " <a class="button secondary" href=format!("/org/{}/manage", p.id)>{i18n.t("manage-link")}</a> })}
                    </p>
                })}
            </header>

            <div class="org-grid">
                <div class="org-main">
                    <Section id="about" title=i18n.t("org-about")>
                        <Paragraphs text=p.description.clone() empty=i18n.t("org-no-description")/>
                    </Section>
                    <Section id="directions" title=i18n.t("org-directions")>
                        <TermsOrNone items=p.directions.clone()/>
                    </Section>
                    <Section id="audiences" title=i18n.t("org-audiences")>
                        <TermsOrNone items=p.audiences.clone()/>
                    </Section>
                    <Section id="formats" title=i18n.t("org-event-formats")>
                        <TermsOrNone items=p.event_formats.clone()/>
                    </Section>
                    <Section id="services" title=i18n.t("org-services")>
                        <Services services=p.services.clone()/>
                    </Section>
                    <Section id="events" title=i18n.t("org-events")>
                        <EventList events=p.upcoming_events.clone() empty=i18n.t("org-no-events")/>
                        <crate::events::page::FeedLinks path=format!("/org/{}/events.ics", p.id)/>
                    </Section>
                    {(!p.past_events.is_empty()).then(|| {
                        let path = p.url.clone();
                        view! {
                        <Section id="past-events" title=i18n.t("org-past-events")>
                            <crate::events::photos::PastEvents events=p.past_events.clone() can_edit=p.can_edit path form=photo.clone()/>
                        </Section>
                    }})}
                    <Section id="needs" title=i18n.t("org-needs")>
                        <crate::offers::NeedList needs=p.needs.clone() path=org_path helper_orgs=p.helper_orgs.clone() help/>
                    </Section>
                    <crate::partners::PartnersSection partners=p.partners.clone() can_edit=p.can_edit staff=p.can_manage path=p.url.clone()/>
                    {(!p.offers.is_empty()).then(|| view! {
                        <Section id="offers" title=i18n.t("org-offers")>
                            <crate::offers::OfferList offers=p.offers.clone()/>
                        </Section>
                    })}
                </div>
                <aside class="org-side">
                    <Section id="contacts" title=i18n.t("org-contacts")>
                        <Contacts contacts=p.contacts.clone()/>
                        {(p.status == OrgStatus::Published && p.archived.is_none()).then(|| view! {
                            <p class="no-print"><a href=format!("{}/poster", p.url)>{i18n.t("poster-link")}</a></p>
                        })}
                    </Section>
                    <Section id="location" title=i18n.t("org-location")>
                        {(!place.is_empty()).then(|| view! { <p class="address">{place.clone()}</p> })}
                        <p><a href=format!("/okrug/{}", p.okrug.slug)>{p.okrug.name.clone()}</a></p>
                        <MiniMapSvg map=p.minimap.clone() label=i18n.t_with("minimap-label", &[("okrug", p.okrug.name.clone().into())])/>
                        <p class="coords">
                            {i18n.t("org-coordinates")} ": "
                            <span class="mono">{format!("{:.5}, {:.5}", p.lat, p.lon)}</span>
                        </p>
                        {p.approximate.then(|| view! { <p class="note">{i18n.t("org-approximate")}</p> })}
                        <p><a class="button secondary" href=format!("/?near={:.5},{:.5}&radius_km=10&map=1", p.lat, p.lon)>{i18n.t("org-show-on-map")}</a></p>
                    </Section>
                    <Section id="registry" title=i18n.t("org-registry")>
                        <Registry inn=p.inn.clone() ogrn=p.ogrn.clone()/>
                    </Section>
                    <Section id="freshness" title=i18n.t("org-freshness")>
                        {(p.freshness.state == Freshness::Stale).then(|| view! { <p class="notice warning">{i18n.t("freshness-stale-note")}</p> })}
                        <dl class="facts">
                            <dt>{i18n.t("org-updated")}</dt>
                            <dd>{format!("{} ({})", p.freshness.updated_ago, p.updated)}</dd>
                            <dt>{i18n.t("org-confirmed")}</dt>
                            <dd>{p.freshness.confirmed.clone().unwrap_or_else(|| i18n.t("org-not-confirmed"))}</dd>
                            <dt>{i18n.t("org-verified")}</dt>
                            <dd>{match (p.verification.clone(), p.freshness.verified_ago.clone()) {
                                (Some(v), Some(ago)) => format!("{ago} ({}, {})", v.date, v.method_label),
                                (Some(v), None) => format!("{} ({})", v.date, v.method_label),
                                _ => i18n.t("org-not-verified"),
                            }}</dd>
                        </dl>
                        {(!p.can_edit).then(|| view! { <p class="note">{i18n.t("org-is-yours")} " " <a href="/account">{i18n.t("org-is-yours-link")}</a></p> })}
                    </Section>
                    {(p.status == crate::kinds::OrgStatus::Published).then(|| view! { <ReportForm id=p.id form=report.clone()/> })}
                </aside>
            </div>
        </article>
    }
}

/// "Report an error": a short form any visitor can send; staff see it on their desk.
#[component]
fn ReportForm(id: i64, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    // Open when it came back with a problem, or when a link asks for it (`?report=1`: the
    // "Обновить" reminder link of an organization with no editor).
    let asked = crate::accounts::pages::query_param("report")
        .get_untracked()
        .is_some();
    let open = form.has_issues() || asked;
    view! {
        <section class="org-section report" id="report" aria-labelledby="h-report">
            <details open=open>
                <summary><h2 id="h-report">{i18n.t("report-title")}</h2></summary>
                <FormScope form>
                    <form method="post" action=format!("/org/{id}/report") class="form" novalidate>
                        <ErrorSummary/>
                        <CsrfField/>
                        <TextField name="message".into() label=i18n.t("report-message") rows=4 required=true maxlength=crate::organizations::input::MAX_REPORT/>
                        <TextField name="contact".into() label=i18n.t("report-contact") hint=i18n.t("report-contact-hint")/>
                        <div class="hp" aria-hidden="true">
                            <label for="f-homepage">"Homepage"</label>
                            <input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off"/>
                        </div>
                        <button type="submit" class="button secondary">{i18n.t("report-button")}</button>
                    </form>
                </FormScope>
            </details>
        </section>
    }
}

#[component]
fn Section(id: &'static str, title: String, children: Children) -> impl IntoView {
    let heading = format!("h-{id}");
    view! {
        <section class="org-section" id=id aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{title}</h2>
            {children()}
        </section>
    }
}

/// Plain text split into paragraphs at blank lines. User text is always escaped.
#[component]
fn Paragraphs(text: String, empty: String) -> impl IntoView {
    if text.trim().is_empty() {
        return view! { <p class="none">{empty}</p> }.into_any();
    }
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p}</p> })
        .collect_view()
        .into_any()
}

#[component]
fn TermsOrNone(items: Vec<crate::taxonomy::TermLabel>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        view! { <p class="none">{i18n.t("org-not-specified")}</p> }.into_any()
    } else {
        view! { <Chips items/> }.into_any()
    }
}

#[component]
fn Contacts(contacts: Vec<ContactView>) -> impl IntoView {
    let i18n = use_i18n();
    if contacts.is_empty() {
        return view! { <p class="none">{i18n.t("org-no-contacts")}</p> }.into_any();
    }
    view! {
        <ul class="contacts">
            {contacts.into_iter().map(|c| {
                let external = !matches!(c.kind, ContactKind::Phone | ContactKind::Email);
                view! {
                    <li>
                        <span class="contact-kind">{i18n.t(&format!("contact-{}", c.kind.as_str()))}</span>
                        <a href=c.href rel=external.then_some("nofollow noopener")>{c.value}</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Services(services: Vec<ServiceView>) -> impl IntoView {
    let i18n = use_i18n();
    if services.is_empty() {
        return view! { <p class="none">{i18n.t("org-no-services")}</p> }.into_any();
    }
    view! {
        <ul class="services">
            {services.into_iter().map(|s| view! {
                <li class="service">
                    <h3>{s.name} " " <span class=format!("badge cost-{}", s.cost.as_str())>{i18n.t(s.cost.label_key())}</span></h3>
                    {(!s.description.is_empty()).then(|| view! { <p>{s.description.clone()}</p> })}
                    <dl class="facts">
                        {(!s.audiences.is_empty()).then(|| view! {
                            <dt>{i18n.t("service-audience")}</dt>
                            <dd>{s.audiences.iter().map(|a| a.label.clone()).collect::<Vec<_>>().join(", ")}</dd>
                        })}
                        {(!s.how_to_apply.is_empty()).then(|| view! {
                            <dt>{i18n.t("service-how-to-apply")}</dt><dd>{s.how_to_apply.clone()}</dd>
                        })}
                        {(!s.schedule.is_empty()).then(|| view! {
                            <dt>{i18n.t("service-schedule")}</dt><dd>{s.schedule.clone()}</dd>
                        })}
                    </dl>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Registry(inn: Option<String>, ogrn: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    if inn.is_none() && ogrn.is_none() {
        return view! { <p class="none">{i18n.t("org-unregistered")}</p> }.into_any();
    }
    view! {
        <dl class="facts">
            {inn.map(|v| view! { <dt>{i18n.t("org-inn")}</dt><dd class="mono">{v}</dd> })}
            {ogrn.map(|v| view! { <dt>{i18n.t("org-ogrn")}</dt><dd class="mono">{v}</dd> })}
        </dl>
    }
    .into_any()
}
