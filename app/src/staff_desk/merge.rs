//! The merge page, `/staff/merge/{a}/{b}`: two records of one organization side by side,
//! a choice of which keeps its address, and for every field whose value the survivor takes.
//! A plain form; the post is in `merge_post`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::accounts::pages::{found_page, query_param};
use crate::error::PublicError;
use crate::forms::{field_id, CsrfField, ErrorSummary, FormScope, FormState};
use crate::i18n::use_i18n;
use poputchiki_core::merge::{
    pick_field, MergeGroup, MergePage, MergeSide, KEEP_FIELD, VERSION_FIELDS,
};

/// The merge page: staff of the region only; both records must be published.
#[server(input = GetUrl, endpoint = "staff/merge")]
pub async fn load_merge_page(
    a: i64,
    b: i64,
    draft: Option<String>,
) -> Result<MergePage, PublicError> {
    use crate::editing::queries::label;
    let (state, i18n, auth) = crate::web::request::server_fn_context()?;
    crate::accounts::authz::require_staff(&auth, state.region.id)?;
    let posted = match draft {
        Some(id) => {
            let owner = crate::forms::draft::owner_key(&auth);
            crate::forms::draft::load(&state.db, &id, &owner)
                .await
                .map_err(crate::error::AppError::from)?
                .filter(|d| d.form == crate::kinds::DraftForm::Merge.as_str())
                .filter(|d| d.target_id == Some(a) && d.fields.contains(&other_field(b)))
                .map(|d| d.form_state())
        }
        None => None,
    };
    let labels = |f: &str, c: &str| label(&state.region, &i18n, f, c);
    let build = poputchiki_core::merge::page::page;
    Ok(build(&state, a, b, posted, &labels, &i18n).await?)
}

/// The draft's note of the second record (the first is its target).
pub fn other_field(b: i64) -> (String, String) {
    ("other".to_owned(), b.to_string())
}

#[component]
pub fn MergeRoute() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        let id = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok());
        id("a").zip(id("b"))
    };
    let draft = query_param("draft");
    let data = Resource::new(
        move || (ids(), draft.get()),
        |(ids, d)| async move {
            match ids {
                Some((a, b)) => load_merge_page(a, b, d).await.map(Some),
                None => Ok(None),
            }
        },
    );
    found_page(data, |page| view! { <MergeView page/> })
}

/// One radio button with its label; `text` may run over several lines.
#[component]
fn Choice(name: String, value: &'static str, who: String, text: String) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_context::<FormState>().unwrap_or_default();
    let id = format!("{}-{value}", field_id(&name));
    let checked = form.value(&name) == value;
    let text = if text.trim().is_empty() {
        i18n.t("merge-empty")
    } else {
        text
    };
    view! {
        <div class="field checkbox merge-choice">
            <input type="radio" id=id.clone() name=name value=value checked=checked/>
            <label for=id><strong>{who}</strong> <span class="merge-value">{text}</span></label>
        </div>
    }
}

/// A group's text in one record: its only field, or each field on a line with its label.
fn group_text(
    g: &MergeGroup,
    side: impl Fn(&poputchiki_core::merge::MergeRow) -> String,
) -> String {
    let i18n = use_i18n();
    if g.rows.len() == 1 {
        return g.rows.first().map(&side).unwrap_or_default();
    }
    g.rows
        .iter()
        .filter(|r| !side(r).trim().is_empty())
        .map(|r| {
            let label = i18n.t(&crate::editing::pages::field_label_key(&r.field));
            format!("{label}: {}", side(r))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
fn GroupChoice(g: MergeGroup, a: i64, b: i64) -> impl IntoView {
    let i18n = use_i18n();
    let name = pick_field(&g.key);
    let legend = i18n.t(&crate::editing::pages::field_label_key(&g.key));
    let text_a = group_text(&g, |r| r.a.clone());
    if g.same {
        return view! {
            <div class="field merge-same">
                <p><strong>{legend}</strong> " · " {i18n.t("merge-same")}</p>
                <p class="merge-value">{if text_a.trim().is_empty() { i18n.t("merge-empty") } else { text_a }}</p>
            </div>
        }
        .into_any();
    }
    let text_b = group_text(&g, |r| r.b.clone());
    let who = |id: i64| i18n.t_with("merge-record", &[("id", id.into())]);
    view! {
        <fieldset class="field merge-group">
            <legend>{legend}</legend>
            <Choice name=name.clone() value="a" who=who(a) text=text_a/>
            <Choice name=name.clone() value="b" who=who(b) text=text_b/>
            {g.list.then(|| view! {
                <Choice name=name.clone() value="both" who=i18n.t("merge-both") text=i18n.t("merge-both-hint")/>
            })}
        </fieldset>
    }
    .into_any()
}

#[component]
fn SideFacts(side: MergeSide) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="merge-side">
            <h2>{i18n.t_with("merge-record", &[("id", side.id.into())])}</h2>
            <p><a href=side.url.clone()>{side.name.clone()}</a></p>
            <ul>{side.facts.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
        </div>
    }
}

#[component]
fn MergeView(page: MergePage) -> impl IntoView {
    let i18n = use_i18n();
    let (a, b) = (page.a.id, page.b.id);
    let title = i18n.t("merge-title");
    let keep_name = KEEP_FIELD.to_owned();
    let keep = move |id: i64, name: &str| {
        i18n.t_with(
            "merge-keep-option",
            &[("id", id.into()), ("name", name.to_owned().into())],
        )
    };
    view! {
        <Title text=title.clone()/>
        <Meta name="robots" content="noindex"/>
        <section class="wrap merge-page">
            <nav class="breadcrumbs" aria-label=i18n.t("breadcrumbs")>
                <a href="/staff">{i18n.t("nav-staff")}</a> " › "
                <a href="/staff/queue/duplicates">{i18n.t("queue-duplicates")}</a>
            </nav>
            <h1>{title}</h1>
            <p class="lead">{i18n.t("merge-lead")}</p>
            <div class="merge-sides">
                <SideFacts side=page.a.clone()/>
                <SideFacts side=page.b.clone()/>
            </div>
            <FormScope form=page.form.clone()>
                <ErrorSummary/>
                <form method="post" action=format!("/staff/merge/{a}/{b}") class="form" novalidate>
                    <CsrfField/>
                    <input type="hidden" name=VERSION_FIELDS[0] value=page.a.version/>
                    <input type="hidden" name=VERSION_FIELDS[1] value=page.b.version/>
                    <fieldset class="field merge-group">
                        <legend>{i18n.t("merge-keep")}</legend>
                        <p class="hint">{i18n.t("merge-keep-hint")}</p>
                        <Choice name=keep_name.clone() value="a" who=keep(a, &page.a.name) text=page.a.url.clone()/>
                        <Choice name=keep_name.clone() value="b" who=keep(b, &page.b.name) text=page.b.url.clone()/>
                    </fieldset>
                    <h2>{i18n.t("merge-fields")}</h2>
                    {page.groups.into_iter().map(|g| view! { <GroupChoice g a b/> }).collect_view()}
                    <p>{i18n.t("merge-moves")}</p>
                    <div class="form-actions">
                        <button type="submit" class="button">{i18n.t("merge-submit")}</button>
                        " "
                        <a href="/staff/queue/duplicates">{i18n.t("merge-cancel")}</a>
                    </div>
                </form>
            </FormScope>
        </section>
    }
}
