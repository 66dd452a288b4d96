//! An organization's fellow travellers on its page: the public list of accepted ties, and
//! for its editors the invitations to answer, the ones waiting, and the form to invite.
//! The rules and SQL are `poputchiki_core::partners`.

#[cfg(feature = "ssr")]
pub mod handlers;
pub mod network_page;

pub use poputchiki_core::partners::*;

use leptos::prelude::*;

use crate::forms::{DraftForm, PostButton, SelectField, TextField};
use crate::i18n::use_i18n;

/// The «Попутчики» section: shown when there are ties, or to the page's editors.
#[component]
pub fn PartnersSection(
    partners: Vec<PartnerView>,
    can_edit: bool,
    staff: bool,
    path: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if partners.is_empty() && !can_edit {
        return ().into_any();
    }
    let (active, waiting): (Vec<_>, Vec<_>) = partners
        .into_iter()
        .partition(|p| p.status == PartnershipStatus::Active);
    let kinds: Vec<(String, String)> = PartnershipKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                i18n.t(&format!("partner-kind-{}", k.as_str().replace('_', "-"))),
            )
        })
        .collect();
    view! {
        <section class="org-section partners" id="partners" aria-labelledby="h-partners">
            <h2 id="h-partners">{i18n.t("org-partners")}</h2>
            {if active.is_empty() {
                view! { <p class="none">{i18n.t("partners-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="partner-list">
                        {active.into_iter().map(|p| view! {
                            <li>
                                <a href=p.url.clone()>{p.organization.clone()}</a> " — " {p.label.clone()}
                                {(!p.note.is_empty()).then(|| view! { <br/> <span class="card-meta">{p.note.clone()}</span> })}
                                {can_edit.then(|| view! {
                                    <PostButton action=format!("/partnerships/{}/end", p.id) label=i18n.t("partner-end") class="button secondary small"/>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(can_edit && !waiting.is_empty()).then(|| view! {
                <h3>{i18n.t("partners-waiting")}</h3>
                <ul class="partner-list">
                    {waiting.into_iter().map(|p| {
                        let id = p.id;
                        view! {
                            <li>
                                {if p.incoming { i18n.t("partner-invites-you") } else { i18n.t("partner-waits") }} " "
                                <a href=p.url.clone()>{p.organization.clone()}</a> " — " {p.label.clone()}
                                {(!p.note.is_empty()).then(|| view! { <br/> <span class="card-meta">{p.note.clone()}</span> })}
                                {if p.incoming {
                                    view! {
                                        <PostButton action=format!("/partnerships/{id}/accept") label=i18n.t("partner-accept") class="button small"/>
                                        <PostButton action=format!("/partnerships/{id}/decline") label=i18n.t("partner-decline") class="button secondary small"/>
                                    }.into_any()
                                } else {
                                    view! { <PostButton action=format!("/partnerships/{id}/end") label=i18n.t("partner-withdraw") class="button secondary small"/> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {can_edit.then(|| view! {
                <details class="partner-invite no-print">
                    <summary>{i18n.t(if staff { "partner-record-title" } else { "partner-invite-title" })}</summary>
                    <DraftForm data=crate::accounts::pages::form_resource("partner") action=format!("{path}/partners")>
                        <TextField name="partner".into() label=i18n.t("field-partner") required=true hint=i18n.t("field-partner-hint")/>
                        <SelectField name="kind".into() label=i18n.t("field-partner-kind") options=kinds.clone() required=true empty=i18n.t("choose")/>
                        <TextField name="note".into() label=i18n.t("field-partner-note") rows=2 maxlength=poputchiki_core::partners::MAX_NOTE/>
                        <button type="submit" class="button">{i18n.t(if staff { "partner-record" } else { "partner-invite" })}</button>
                    </DraftForm>
                </details>
            })}
        </section>
    }
    .into_any()
}
