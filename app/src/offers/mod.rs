//! Offers of help on an organization's page: what it offers others (with the open needs each
//! offer could answer) and, under each of its needs, who offers that help nearby. The reads
//! are `poputchiki_core::offers`.

#[cfg(feature = "ssr")]
pub mod handlers;

use leptos::prelude::*;

use crate::forms::{CsrfField, ErrorSummary, FormScope, FormState, SelectField, TextField};
use crate::i18n::use_i18n;
use crate::organizations::NeedView;

pub use poputchiki_core::offers::*;

/// Other organizations on the far side of a match, nearest first, with the distance.
#[component]
pub fn Matches(matches: Vec<Match>, heading: String) -> impl IntoView {
    let i18n = use_i18n();
    (!matches.is_empty()).then(|| {
        view! {
            <div class="matches">
                <p class="matches-heading">{heading}</p>
                <ul>
                    {matches.into_iter().map(|m| view! {
                        <li>
                            <a href=m.url>{m.organization}</a> " — " {m.title} " · "
                            <span class="card-meta">{m.okrug} ", " {i18n.t_with("match-km", &[("km", i64::from(m.km).into())])}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The organization's offers, each with the needs it could answer.
#[component]
pub fn OfferList(offers: Vec<OfferView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="needs offers">
            {offers.into_iter().map(|f| view! {
                <li class="need offer" data-kind=f.kind.code.clone()>
                    <span class="need-kind">{f.kind.label.clone()}</span>
                    <strong>{f.title.clone()}</strong>
                    {(!f.description.is_empty()).then(|| view! { <p>{f.description.clone()}</p> })}
                    <Matches matches=f.answers heading=i18n.t("offer-answers")/>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// An organization's open needs, each with who could help nearby and «Могу помочь».
/// `helper_orgs` are the viewer's own organizations (empty for visitors); `help` is the
/// «Могу помочь» form that came back with a problem, if any.
#[component]
pub fn NeedList(
    needs: Vec<NeedView>,
    path: String,
    helper_orgs: Vec<(i64, String)>,
    help: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    if needs.is_empty() {
        return view! { <p class="none">{i18n.t("org-no-needs")}</p> }.into_any();
    }
    view! {
        <ul class="needs">
            {needs.into_iter().map(|n| {
                // The form that came back belongs to the need its numbered fields name.
                let mine = !help.value(&format!("from_org-{}", n.number)).is_empty();
                let form = if mine { help.clone() } else { FormState::default() };
                let (anchor, code) = (format!("need-{}", n.number), n.kind.code.clone());
                view! {
                    <li class="need" data-kind=code id=anchor>
                        <span class="need-kind">{n.kind.label.clone()}</span>
                        <strong>{n.title.clone()}</strong>
                        {n.until.clone().map(|d| view! { " " <span class="need-until">{i18n.t_with("need-until", &[("date", d.into())])}</span> })}
                        {(!n.description.is_empty()).then(|| view! { <p>{n.description.clone()}</p> })}
                        <Matches matches=n.helpers.clone() heading=i18n.t("need-helpers")/>
                        <HelpOffer need=n path=path.clone() helper_orgs=helper_orgs.clone() form/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// «Могу помочь» under a need: for visitors a way to log in; for people who edit another
/// organization a small form (which organization offers, an optional note).
#[component]
fn HelpOffer(
    need: NeedView,
    path: String,
    helper_orgs: Vec<(i64, String)>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = need.number;
    if crate::accounts::current_viewer().is_none() {
        let next = crate::organizations::url_encode(&format!("{path}#need-{n}"));
        return view! {
            <p class="no-print"><a href=format!("/login?next={next}")>{i18n.t("help-login")}</a></p>
        }
        .into_any();
    }
    if helper_orgs.is_empty() {
        return ().into_any();
    }
    let open = !form.issues.is_empty();
    let options: Vec<(String, String)> = helper_orgs
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <details class="help-offer no-print" open=open>
            <summary>{i18n.t("help-button")}</summary>
            <FormScope form>
                <form method="post" action=format!("{path}/needs/{n}/help") class="form" novalidate>
                    <ErrorSummary/>
                    <CsrfField/>
                    <input type="hidden" name="need" value=need.title.clone()/>
                    // Numbered names: a page has a form per need, and ids must stay unique.
                    <SelectField name=format!("from_org-{n}") label=i18n.t("field-help-from") options required=true/>
                    <TextField name=format!("message-{n}") label=i18n.t("field-help-message") rows=3 hint=i18n.t("field-help-message-hint")/>
                    <button type="submit" class="button">{i18n.t("help-send")}</button>
                </form>
            </FormScope>
        </details>
    }
    .into_any()
}
