//! The organization form's fields: every input of the edit and proposal forms, the location
//! picker, and the repeatable rows of services, events and needs.

use leptos::prelude::*;

use super::form::row_count;
use super::FormOptions;
use crate::forms::{Checkbox, CheckboxGroup, FormState, SelectField, TextField};
use crate::i18n::{use_i18n, I18n};
use crate::organizations::input::{MAX_NAME, MAX_TEXT};

/// Every field of an organization, in sections. `logo`: `None` leaves the logo out (new
/// organizations add one later); `Some(current)` shows the upload with the current logo.
#[component]
pub(super) fn OrgFields(options: FormOptions, logo: Option<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    let o = options;
    let t = move |k: &str| i18n.t(k);
    view! {
        <fieldset class="section">
            <legend>{t("edit-section-main")}</legend>
            <TextField name="name".into() label=t("field-name") required=true maxlength=MAX_NAME/>
            <SelectField name="kind".into() label=t("field-kind") options=o.kinds.clone() required=true empty=t("choose")/>
            <SelectField name="legal_form".into() label=t("field-legal-form") options=o.legal_forms.clone() empty=t("field-legal-form-none")/>
            <TextField name="summary".into() label=t("field-summary") hint=t("field-summary-hint") maxlength=500/>
            <TextField name="description".into() label=t("field-description") rows=8 maxlength=MAX_TEXT hint=t("field-description-hint")/>
        </fieldset>
        {logo.map(|current| view! {
            <fieldset class="section">
                <legend>{t("field-logo")}</legend>
                {current.map(|url| view! {
                    <p><img src=url class="logo-preview" alt=t("field-logo-current") width="128"/></p>
                    <Checkbox name="logo_remove".into() label=t("field-logo-remove")/>
                })}
                <div class="field">
                    <label for="f-logo">{t("field-logo-upload")}</label>
                    <p class="hint" id="f-logo-hint">{t("field-logo-hint")}</p>
                    <LogoError/>
                    <input type="file" id="f-logo" name="logo" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby="f-logo-hint"/>
                </div>
            </fieldset>
        })}
        <fieldset class="section">
            <legend>{t("edit-section-place")}</legend>
            <p class="hint">{t("edit-place-hint")}</p>
            <TextField name="settlement".into() label=t("field-settlement") list="settlements" hint=t("field-settlement-hint")/>
            // Suggestions from the gazetteer, native to the browser: no script needed.
            <datalist id="settlements">
                {o.settlements.iter().map(|(name, okrug)| view! { <option value=name.clone() label=okrug.clone()></option> }).collect_view()}
            </datalist>
            <TextField name="address".into() label=t("field-address")/>
            <div class="coords">
                <TextField name="lat".into() label=t("field-lat") inputmode="decimal" hint=t("field-lat-hint")/>
                <TextField name="lon".into() label=t("field-lon") inputmode="decimal"/>
            </div>
            <LocationPicker center=o.center/>
            <SelectField name="okrug".into() label=t("field-okrug") options=o.okrugs.clone() empty=t("choose") hint=t("field-okrug-hint")/>
        </fieldset>
        <fieldset class="section">
            <legend>{t("edit-section-contacts")}</legend>
            <TextField name="phone".into() label=t("field-phone") kind="tel" hint=t("field-phone-hint")/>
            <TextField name="email".into() label=t("field-email") kind="email"/>
            <TextField name="website".into() label=t("field-website") kind="url" inputmode="url"/>
            <TextField name="vk".into() label=t("field-vk")/>
            <TextField name="ok".into() label=t("field-ok")/>
            <TextField name="telegram".into() label=t("field-telegram")/>
        </fieldset>
        <fieldset class="section">
            <legend>{t("edit-section-ids")}</legend>
            <TextField name="inn".into() label=t("field-inn") inputmode="numeric" hint=t("field-inn-hint")/>
            <TextField name="ogrn".into() label=t("field-ogrn") inputmode="numeric"/>
        </fieldset>
        <CheckboxGroup name="directions".into() legend=t("field-directions") options=o.directions.clone()/>
        <CheckboxGroup name="audiences".into() legend=t("field-audiences") options=o.audiences.clone()/>
        <CheckboxGroup name="event_formats".into() legend=t("field-event-formats") options=o.event_formats.clone()/>
        <ServiceRows count=row_count(&form.fields, "services") options=o.clone()/>
        <EventRows count=row_count(&form.fields, "events") options=o.clone()/>
        <NeedRows count=row_count(&form.fields, "needs") options=o.clone()/>
        <OfferRows count=row_count(&form.fields, "offers") options=o.clone()/>
    }
}

/// A map to pick the place on, brought to life by `public/picker.js` (Leaflet, loaded only
/// when asked for). Without JavaScript it stays hidden: the coordinate fields are the way.
#[component]
fn LocationPicker(center: (f64, f64)) -> impl IntoView {
    let i18n = use_i18n();
    let (tiles, attribution) = crate::search::page::tile_config();
    view! {
        <button type="button" id="picker-toggle" class="button secondary" hidden aria-controls="location-picker">{i18n.t("picker-show")}</button>
        <div id="location-picker-box" hidden>
            <p class="hint">{i18n.t("picker-hint")}</p>
            <div id="location-picker" class="location-picker" data-lat=center.0 data-lon=center.1
                data-tiles=tiles data-tiles-attribution=attribution></div>
        </div>
        <script src=crate::web::request::asset_url("picker.js") defer
            data-leaflet-js=crate::web::request::asset_url("vendor/leaflet/leaflet.js")
            data-leaflet-css=crate::web::request::asset_url("vendor/leaflet/leaflet.css")></script>
    }
}

/// The logo's error, if the last upload was refused.
#[component]
fn LogoError() -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    form.issues_of("logo")
        .into_iter()
        .map(|i| view! { <p class="field-error" role="alert">{i.message(&i18n)}</p> })
        .collect_view()
}

fn row_legend(
    i18n: &I18n,
    form: &FormState,
    name_field: &str,
    filled_key: &str,
    new_key: &str,
    n: usize,
) -> String {
    if form.value(name_field).trim().is_empty() {
        i18n.t(new_key)
    } else {
        format!("{} {n}", i18n.t(filled_key))
    }
}

#[component]
fn ServiceRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="services-title">
            <h2 id="services-title">{i18n.t("field-services")}</h2>
            <p class="hint">{i18n.t("rows-hint")}</p>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("services[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("name"), "row-service", "row-service-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <TextField name=f("name") label=i18n.t("field-service-name") maxlength=MAX_NAME/>
                        <TextField name=f("description") label=i18n.t("field-service-description") rows=3/>
                        <SelectField name=f("cost") label=i18n.t("field-cost") options=options.costs.clone()/>
                        <TextField name=f("how_to_apply") label=i18n.t("field-how-to-apply") rows=2/>
                        <TextField name=f("schedule") label=i18n.t("field-schedule")/>
                        <CheckboxGroup name=f("audiences") legend=i18n.t("field-service-audiences") options=options.audiences.clone()/>
                        <div class="row-tools">
                            <TextField name=f("position") label=i18n.t("field-position") kind="number" inputmode="numeric"/>
                            <Checkbox name=f("remove") label=i18n.t("field-remove-service")/>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn EventRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="events-title">
            <h2 id="events-title">{i18n.t("field-events")}</h2>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("events[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("title"), "row-event", "row-event-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <TextField name=f("title") label=i18n.t("field-event-title") maxlength=MAX_NAME/>
                        <TextField name=f("starts_at") label=i18n.t("field-event-starts") hint=i18n.t("field-event-date-hint")/>
                        <TextField name=f("ends_at") label=i18n.t("field-event-ends")/>
                        <TextField name=f("place") label=i18n.t("field-event-place")/>
                        <TextField name=f("point") label=i18n.t("field-event-point") hint=i18n.t("field-event-point-hint") inputmode="decimal"/>
                        <SelectField name=f("format") label=i18n.t("field-event-format") options=options.event_formats.clone() empty=i18n.t("choose")/>
                        <Checkbox name=f("online") label=i18n.t("field-event-online")/>
                        <TextField name=f("description") label=i18n.t("field-event-description") rows=3/>
                        <TextField name=f("registration_url") label=i18n.t("field-event-registration-url") kind="url" hint=i18n.t("field-event-registration-url-hint")/>
                        <Checkbox name=f("registration_phone") label=i18n.t("field-event-registration-phone")/>
                        <TextField name=f("report") label=i18n.t("field-event-report") rows=3 hint=i18n.t("field-event-report-hint")/>
                        <input type="hidden" name=f("uid") value=form.value(&f("uid"))/>
                        <Checkbox name=f("remove") label=i18n.t("field-remove-event")/>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn OfferRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="offers-title">
            <h2 id="offers-title">{i18n.t("field-offers")}</h2>
            <p class="hint">{i18n.t("field-offers-hint")}</p>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("offers[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("title"), "row-offer", "row-offer-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <SelectField name=f("kind") label=i18n.t("field-offer-kind") options=options.need_kinds.clone() empty=i18n.t("choose")/>
                        <TextField name=f("title") label=i18n.t("field-offer-title") hint=i18n.t("field-offer-title-hint")/>
                        <TextField name=f("description") label=i18n.t("field-offer-description") rows=2/>
                        <Checkbox name=f("remove") label=i18n.t("field-remove-offer")/>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn NeedRows(count: usize, options: FormOptions) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    view! {
        <section class="section rows" aria-labelledby="needs-title">
            <h2 id="needs-title">{i18n.t("field-needs")}</h2>
            {(1..=count).map(|n| {
                let f = |x: &str| format!("needs[{n}].{x}");
                let legend = row_legend(&i18n, &form, &f("title"), "row-need", "row-need-new", n);
                view! {
                    <fieldset class="row" data-row=n>
                        <legend>{legend}</legend>
                        <SelectField name=f("kind") label=i18n.t("field-need-kind") options=options.need_kinds.clone() empty=i18n.t("choose")/>
                        <TextField name=f("title") label=i18n.t("field-need-title")/>
                        <TextField name=f("description") label=i18n.t("field-need-description") rows=2/>
                        <TextField name=f("until") label=i18n.t("field-need-until") kind="date" hint=i18n.t("field-need-until-hint")/>
                        <Checkbox name=f("met") label=i18n.t("field-need-met")/>
                        <Checkbox name=f("remove") label=i18n.t("field-remove-need")/>
                    </fieldset>
                }
            }).collect_view()}
        </section>
    }
}
