//! Past events on an organization's page with their photos, and for its editors the form
//! that adds one (a multipart post, the CSRF token first) and a delete button under each.
//! The rules and SQL are `poputchiki_core::events::photos`.

use leptos::prelude::*;

use super::item::EventBody;
use crate::forms::{CsrfField, ErrorSummary, FormScope, FormState, PostButton, TextField};
use crate::i18n::use_i18n;
use crate::organizations::EventView;

/// The «Прошедшие события» list. `form` is the photo form that came back with a problem
/// (it names its event's uid), `path` the organization's page.
#[component]
pub fn PastEvents(
    events: Vec<EventView>,
    can_edit: bool,
    path: String,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    // A form for an event no longer listed still says what went wrong, above the list.
    let listed = events
        .iter()
        .any(|e| !e.uid.is_empty() && form.value("uid") == e.uid);
    let stray = (!listed && !form.issues.is_empty()).then(|| {
        let form = form.clone();
        view! { <FormScope form><ErrorSummary/></FormScope> }
    });
    view! {
        {stray}
        <ul class="events">
            {events.into_iter().map(|e| {
                let title = e.title.clone();
                let photos = e.photos.clone();
                let uid = e.uid.clone();
                let mine = !uid.is_empty() && form.value("uid") == uid;
                let form = if mine { form.clone() } else { FormState::default() };
                let gallery = (!photos.is_empty()).then(|| view! {
                    <ul class="photos">
                        {photos.into_iter().map(|p| {
                            let alt = if p.caption.is_empty() {
                                i18n.t_with("photos-alt", &[("event", title.clone().into())])
                            } else {
                                p.caption.clone()
                            };
                            view! {
                                <li>
                                    <a href=p.large.clone()>
                                        <img src=p.small.clone() alt=alt loading="lazy" decoding="async" width="360" height="270"/>
                                    </a>
                                    {(!p.caption.is_empty()).then(|| view! { <p class="photo-caption">{p.caption.clone()}</p> })}
                                    {can_edit.then(|| view! {
                                        <PostButton action=format!("{path}/photos/{}/delete", p.id) label=i18n.t("photos-remove") class="button small secondary"/>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                });
                let upload = (can_edit && !uid.is_empty()).then(|| view! {
                    <PhotoForm uid=uid.clone() path=path.clone() form/>
                });
                view! { <li class="event"><EventBody e/>{gallery}{upload}</li> }
            }).collect_view()}
        </ul>
    }
}

/// «Добавить фото» under a past event.
#[component]
fn PhotoForm(uid: String, path: String, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let open = !form.issues.is_empty();
    // A page has a form per event: ids carry the uid, so they stay unique.
    let file_id = format!("photo-{uid}");
    view! {
        <details class="photo-add no-print" open=open>
            <summary>{i18n.t("photos-add")}</summary>
            <FormScope form>
                <form method="post" enctype="multipart/form-data" action=format!("{path}/events/{uid}/photos") class="form">
                    <ErrorSummary/>
                    <CsrfField/>
                    <input type="hidden" name="uid" value=uid.clone()/>
                    <div class="field">
                        <label for=file_id.clone()>{i18n.t("field-photo")}</label>
                        <p class="hint" id=format!("{file_id}-hint")>{i18n.t("field-photo-hint")}</p>
                        <input type="file" id=file_id.clone() name="photo" accept="image/jpeg,image/png,image/webp,image/gif" required aria-describedby=format!("{file_id}-hint")/>
                    </div>
                    <TextField name=format!("caption-{uid}") label=i18n.t("field-photo-caption") maxlength=200/>
                    <button type="submit" class="button">{i18n.t("photos-upload")}</button>
                </form>
            </FormScope>
        </details>
    }
}
