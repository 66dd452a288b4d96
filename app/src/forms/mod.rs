//! HTML forms that work without JavaScript and never lose what people typed.
//!
//! Every form posts to a plain axum handler (the CSRF gate has already checked the token and
//! parsed the body). On success the handler redirects (303) to the result. On any error it
//! stores what was typed as a **draft** (`form_draft`), with the field-by-field issues, and
//! redirects back to the form page with `?draft=ID`; the page renders the form from the draft.
//! So the form comes back filled after an error, survives a reload, and can be reopened later.
//!
//! The components here render labelled fields from a [`FormState`] in context, with the
//! errors next to each field and a summary at the top.

use leptos::prelude::*;

use crate::error::FieldIssue;
use crate::i18n::{use_i18n, I18n};

pub use poputchiki_core::forms::*;

fn current_form() -> FormState {
    use_context::<FormState>().unwrap_or_default()
}

/// The hidden CSRF token every form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=crate::web::request::current_csrf_token()/> }
}

/// Messages of a field's issues, each in its own paragraph.
#[component]
fn IssueMessages(id: String, issues: Vec<FieldIssue>, i18n: I18n) -> impl IntoView {
    (!issues.is_empty()).then(|| {
        view! {
            <div class="field-error" id=id>
                {issues.into_iter().map(|i| view! { <p>{i.message(&i18n)}</p> }).collect_view()}
            </div>
        }
    })
}

/// `aria-describedby` for a field with an optional hint and optional errors.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut parts = vec![];
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What a field shows of the form in context: its id, its issues, and the ARIA attributes
/// that tie them (and the hint) to the control.
struct FieldState {
    id: String,
    issues: Vec<FieldIssue>,
    described: Option<String>,
    invalid: Option<&'static str>,
}

impl FieldState {
    fn of(form: &FormState, name: &str, hint: bool) -> Self {
        let id = field_id(name);
        let issues = form.issues_of(name);
        let described = described_by(&id, hint, !issues.is_empty());
        let invalid = (!issues.is_empty()).then_some("true");
        FieldState {
            id,
            issues,
            described,
            invalid,
        }
    }
}

/// A field's frame: the label (with the required mark), the hint, the error messages, and
/// then the control given as children.
#[component]
fn FieldFrame(
    id: String,
    label: String,
    required: bool,
    hint: Option<String>,
    issues: Vec<FieldIssue>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = if issues.is_empty() {
        "field"
    } else {
        "field has-error"
    };
    view! {
        <div class=class>
            <label for=id.clone()>{label}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <IssueMessages id=format!("{id}-error") issues i18n/>
            {children()}
        </div>
    }
}

/// A labelled one-line input (or a textarea when `rows` is given), filled from the form.
#[component]
pub fn TextField(
    name: String,
    label: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let form = current_form();
    let field = FieldState::of(&form, &name, hint.is_some());
    let (id, issues, described, invalid) = (field.id, field.issues, field.described, field.invalid);
    let value = form.value(&name);
    // Leptos 0.8 writes a textarea's text child into the page unescaped, and a
    // "</textarea>" in it would end the element early: escape it ourselves, as inner HTML.
    let control = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() name=name.clone() rows=rows required=required
                aria-invalid=invalid aria-describedby=described.clone() maxlength=maxlength inner_html=format!("\n{}", crate::text::escape_html(&value))></textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() name=name.clone() type=kind.unwrap_or("text") value=value required=required
                autocomplete=autocomplete inputmode=inputmode aria-invalid=invalid aria-describedby=described.clone()
                maxlength=maxlength list=list/>
        }
        .into_any(),
    };
    view! { <FieldFrame id label required hint issues>{control}</FieldFrame> }
}

/// A labelled drop-down list, filled from the form. `empty` adds a first "nothing chosen"
/// option with that label.
#[component]
pub fn SelectField(
    name: String,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] empty: Option<String>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let form = current_form();
    let field = FieldState::of(&form, &name, hint.is_some());
    let (id, issues, described, invalid) = (field.id, field.issues, field.described, field.invalid);
    let chosen = form.value(&name);
    view! {
        <FieldFrame id=id.clone() label required hint issues>
            <select id=id.clone() name=name required=required aria-invalid=invalid aria-describedby=described>
                {empty.map(|e| view! { <option value="">{e}</option> })}
                {options.into_iter().map(|(code, text)| {
                    let selected = code == chosen;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// A group of checkboxes with one name, in a fieldset with a legend.
#[component]
pub fn CheckboxGroup(
    name: String,
    legend: String,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = current_form();
    let id = field_id(&name);
    let issues = form.issues_of(&name);
    let class = if issues.is_empty() {
        "field checkbox-group"
    } else {
        "field checkbox-group has-error"
    };
    let described = described_by(&id, hint.is_some(), !issues.is_empty());
    view! {
        <fieldset class=class aria-describedby=described>
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <IssueMessages id=format!("{id}-error") issues i18n/>
            <ul class="checkboxes">
                {options.into_iter().map(|(code, text)| {
                    let box_id = format!("{id}-{}", field_id(&code).trim_start_matches("f-"));
                    let checked = form.has(&name, &code);
                    view! {
                        <li>
                            <input type="checkbox" id=box_id.clone() name=name.clone() value=code checked=checked/>
                            <label for=box_id>{text}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

/// One checkbox with its own label.
#[component]
pub fn Checkbox(
    name: String,
    label: String,
    #[prop(optional)] value: Option<String>,
) -> impl IntoView {
    let form = current_form();
    let id = field_id(&name);
    let value = value.unwrap_or_else(|| "1".to_owned());
    let checked = form.has(&name, &value);
    view! {
        <div class="field checkbox">
            <input type="checkbox" id=id.clone() name=name value=value checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// The list of everything wrong, at the top of a form that came back with errors. Each line
/// links to its field.
#[component]
pub fn ErrorSummary(#[prop(optional)] title_key: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let form = current_form();
    (!form.issues.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{i18n.t(title_key.unwrap_or("err-validation"))}</h2>
                <ul>
                    {form.issues.iter().map(|issue| {
                        // "ИНН: …" when the field has a label of its own.
                        let label_key = format!("field-{}", issue.field.replace('_', "-"));
                        let label = i18n.t(&label_key);
                        let msg = if issue.field.is_empty() || label == label_key {
                            issue.message(&i18n)
                        } else {
                            format!("{label}: {}", issue.message(&i18n))
                        };
                        if issue.field.is_empty() {
                            view! { <li>{msg}</li> }.into_any()
                        } else {
                            view! { <li><a href=format!("#{}", field_id(&issue.field))>{msg}</a></li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A form that posts to `action` and comes back filled from its draft: once `data` (the
/// draft named in `?draft=`) loads, the error summary, the CSRF token and then the fields
/// given as children, which read the draft from context; `after` goes below the form, in the
/// same context.
#[component]
pub fn DraftForm(
    data: Resource<FormState>,
    #[prop(into)] action: Signal<String>,
    #[prop(optional, into)] after: Option<ViewFn>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (children, after) = (children.clone(), after.clone());
                Suspend::new(async move {
                    let form = data.await;
                    view! {
                        <FormScope form>
                            <form method="post" action=action.get_untracked() class="form" novalidate>
                                <ErrorSummary/>
                                <CsrfField/>
                                {children()}
                            </form>
                            {after.map(|after| after.run())}
                        </FormScope>
                    }
                })
            }}
        </Suspense>
    }
}

/// A form of one button that posts to `action`: the CSRF token, any hidden fields given as
/// children, and the button.
#[component]
pub fn PostButton(
    #[prop(into)] action: String,
    #[prop(into)] label: String,
    #[prop(default = "button")] class: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField/>
            {children.map(|c| c())}
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

/// The hidden `next` (where to go after the form): the draft's, else the page's `?next=`.
#[component]
pub fn NextField() -> impl IntoView {
    view! { <input type="hidden" name="next" value=draft_next()/> }
}

/// Where the form in context sends people next: the draft's `next`, else the page's `?next=`.
pub fn draft_next() -> String {
    let form = current_form();
    let query = leptos_router::hooks::use_query_map();
    Some(form.value("next"))
        .filter(|n| !n.is_empty())
        .or_else(|| query.read_untracked().get("next"))
        .unwrap_or_default()
}

/// A new password and the same again, with the rules as the hint.
#[component]
pub fn NewPasswordFields() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField name="password".into() label=i18n.t("field-new-password") kind="password" autocomplete="new-password" required=true hint=i18n.t("password-rules")/>
        <TextField name="password_again".into() label=i18n.t("field-password-again") kind="password" autocomplete="new-password" required=true/>
    }
}

/// The account's current password, asked before a change that needs it.
#[component]
pub fn CurrentPasswordField() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField name="current_password".into() label=i18n.t("field-current-password") kind="password" autocomplete="current-password" required=true/>
    }
}

/// Makes a [`FormState`] available to the fields inside it.
#[component]
pub fn FormScope(form: FormState, children: Children) -> impl IntoView {
    provide_context(form);
    children()
}
