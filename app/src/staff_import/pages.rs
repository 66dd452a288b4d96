//! The staff import pages: the upload form with recent lists, and one list's preview (its
//! mapping, counts and rows with their reasons and fix forms), progress while it imports,
//! and its result with links and bulk invitations.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use poputchiki_core::import_view::{
    ColumnView, ImportHome, ImportPreview, InvitedLine, ResultLine, ResultView, RowView,
};

use super::server_fns::{load_import_home, load_import_preview, PreviewPage};
use crate::accounts::pages::{loaded_page, query_param};
use crate::forms::{CsrfField, PostButton};
use crate::i18n::use_i18n;

#[component]
pub fn ImportHomeRoute() -> impl IntoView {
    let failed = query_param("draft");
    let data = Resource::new(move || failed.get(), load_import_home);
    loaded_page(data, |page| view! { <HomeView page/> })
}

#[component]
fn HomeView(page: ImportHome) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t("import-title");
    view! {
        <Title text=title.clone()/>
        <section class="wrap import-page">
            <h1>{title}</h1>
            <p>{i18n.t_with("import-intro", &[("region", page.region.clone().into())])}</p>
            {page.error.map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <form method="post" action="/staff/import" enctype="multipart/form-data" class="form">
                <CsrfField/>
                <div class="field">
                    <label for="import-file">{i18n.t("import-file")}</label>
                    <input type="file" id="import-file" name="file" accept=".xlsx,.xls,.ods,.csv,.txt" required aria-describedby="import-file-hint"/>
                    <p class="hint" id="import-file-hint">{i18n.t("import-file-hint")}</p>
                </div>
                <div class="form-actions"><button type="submit" class="button">{i18n.t("import-upload")}</button></div>
            </form>
            <h2>{i18n.t("import-recent")}</h2>
            {page.batches.is_empty().then(|| view! { <p>{i18n.t("import-no-recent")}</p> })}
            <ul class="queue">
                {page.batches.into_iter().map(|b| view! {
                    <li><a href=b.url>{b.file_name}</a> " · " {b.status} " · " {b.created}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn ImportPreviewRoute() -> impl IntoView {
    let params = use_params_map();
    let show = query_param("show");
    let page = query_param("page");
    let draft = query_param("draft");
    let data = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0);
            (
                id,
                show.get(),
                page.get().and_then(|p| p.parse::<usize>().ok()),
                draft.get(),
            )
        },
        |(id, show, page, draft)| load_import_preview(id, show, page, draft),
    );
    loaded_page(data, |page| view! { <PreviewView page/> })
}

#[component]
fn PreviewView(page: PreviewPage) -> impl IntoView {
    let i18n = use_i18n();
    let PreviewPage {
        preview: p,
        invited,
    } = page;
    let title = i18n.t_with(
        "import-preview-title",
        &[("file", p.file_name.clone().into())],
    );
    let body = if let Some(error) = p.error.clone() {
        view! { <p class="notice error" role="alert">{error}</p> }.into_any()
    } else if p.status == "running" {
        view! { <Running p=p.clone()/> }.into_any()
    } else if let Some(outcome) = p.outcome.clone() {
        view! { <Outcome id=p.id outcome invited/> }.into_any()
    } else {
        view! { <Draft p=p.clone()/> }.into_any()
    };
    view! {
        <Title text=title.clone()/>
        <section class="wrap import-page">
            <p><a href="/staff/import">{i18n.t("import-back")}</a></p>
            <h1>{title}</h1>
            {body}
        </section>
    }
}

#[component]
fn Running(p: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let (done, total) = p.progress.unwrap_or((0, 0));
    view! {
        <Meta http_equiv="refresh" content="2"/>
        <p role="status">{i18n.t("import-running")}</p>
        <label for="import-progress">{i18n.t_with("import-progress", &[("done", done.into()), ("total", total.into())])}</label>
        <progress id="import-progress" max=total.max(1) value=done></progress>
        <p><a href=p.url class="button secondary">{i18n.t("import-refresh")}</a></p>
    }
}

#[component]
fn Draft(p: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let c = p.counts.clone();
    let run_label = i18n.t_with(
        "import-run",
        &[("new", c.new.into()), ("update", c.update.into())],
    );
    let url = p.url.clone();
    let current_show = p.show.clone();
    let tab = move |show: &'static str| {
        let current = current_show == show;
        view! {
            <a href=format!("{url}?show={show}") class="tab" aria-current=current.then_some("page")>{use_i18n().t(&format!("import-show-{show}"))}</a>
        }
    };
    let columns = p.columns.clone();
    view! {
        <dl class="import-counts">
            {[
                ("import-count-rows", c.rows),
                ("import-status-new", c.new),
                ("import-status-update", c.update),
                ("import-status-unchanged", c.unchanged),
                ("import-status-duplicate", c.duplicate),
                ("import-status-refused", c.refused),
                ("import-status-skipped", c.skipped),
                ("import-count-warnings", c.with_warnings),
                ("import-count-approximate", c.approximate),
            ]
            .into_iter()
            .map(|(key, n)| view! { <div><dt>{i18n.t(key)}</dt><dd>{n}</dd></div> })
            .collect_view()}
        </dl>
        {(c.new + c.update == 0 && c.unchanged > 0).then(|| view! { <p class="notice" role="status">{i18n.t("import-nothing-new")}</p> })}
        <PostButton action=format!("{}/run", p.url) label=run_label/>
        <Mapping url=p.url.clone() header_row=p.header_row columns=p.columns.clone() options=p.field_options.clone() ignored=p.ignored_columns.clone()/>
        <h2 id="rows">{i18n.t("import-rows")}</h2>
        <nav class="tabs" aria-label=i18n.t("import-rows")>{tab("problems")} " " {tab("all")}</nav>
        {p.rows.is_empty().then(|| view! { <p>{i18n.t("import-no-problems")}</p> })}
        {p.rows.into_iter().map(|r| view! { <RowCard url=p.url.clone() show=p.show.clone() page=p.page columns=columns.clone() row=r/> }).collect_view()}
        <Pager url=p.url.clone() show=p.show.clone() page=p.page pages=p.pages/>
    }
}

#[component]
fn Mapping(
    url: String,
    header_row: usize,
    columns: Vec<ColumnView>,
    options: Vec<(String, String)>,
    ignored: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="import-mapping" open=!ignored.is_empty()>
            <summary>{i18n.t_with("import-mapping", &[("row", header_row.into())])}</summary>
            {(!ignored.is_empty()).then(|| view! { <p>{i18n.t_with("import-ignored", &[("columns", ignored.join(", ").into())])}</p> })}
            <form method="post" action=format!("{url}/mapping") class="form">
                <CsrfField/>
                <table class="table">
                    <thead><tr><th scope="col">{i18n.t("import-column")}</th><th scope="col">{i18n.t("import-field")}</th></tr></thead>
                    <tbody>
                        {columns.into_iter().map(|c| {
                            let id = format!("col-{}", c.index);
                            let header = if c.header.trim().is_empty() { i18n.t_with("import-column-n", &[("n", (c.index + 1).into())]) } else { c.header.clone() };
                            view! {
                                <tr>
                                    <td><label for=id.clone()>{header}</label></td>
                                    <td><select id=id.clone() name=id>
                                        {options.iter().map(|(value, label)| view! {
                                            <option value=value.clone() selected=*value == c.value>{label.clone()}</option>
                                        }).collect_view()}
                                    </select></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="form-actions"><button type="submit" class="button secondary">{i18n.t("import-apply-mapping")}</button></div>
            </form>
        </details>
    }
}

#[component]
fn RowCard(
    url: String,
    show: String,
    page: usize,
    columns: Vec<ColumnView>,
    row: RowView,
) -> impl IntoView {
    let i18n = use_i18n();
    let line = row.line;
    let problem = row.status == "refused"
        || row.status == "duplicate"
        || !row.notes.is_empty()
        || row.cells.iter().any(|c| c.message.is_some());
    let skipped = row.status == "skipped";
    let back = format!("{url}?show={show}&page={page}");
    view! {
        <article class=format!("import-row status-{}", row.status) id=format!("row-{line}")>
            <h3>{i18n.t_with("import-row", &[("row", line.into())])} " · " <span class="import-status">{row.status_label.clone()}</span>
                {row.org_url.clone().map(|u| view! { " · " <a href=u>{i18n.t("import-open-org")}</a> })}</h3>
            {row.notes.iter().map(|n| view! { <p class="field-error">{n.clone()}</p> }).collect_view()}
            {row.approximate.then(|| view! { <p class="hint">{i18n.t("import-approximate")}</p> })}
            <details open=problem>
                <summary>{i18n.t("import-fix-row")}</summary>
                <form method="post" action=format!("{url}/rows/{line}") class="form import-fix">
                    <CsrfField/>
                    <input type="hidden" name="back" value=back/>
                    <div class="import-cells">
                        {row.cells.iter().map(|c| {
                            let id = format!("r{line}-c{}", c.column);
                            let msg_id = format!("{id}-msg");
                            let header = columns.get(c.column).map(|h| h.header.trim().to_owned()).filter(|h| !h.is_empty())
                                .unwrap_or_else(|| i18n.t_with("import-column-n", &[("n", (c.column + 1).into())]));
                            view! {
                                <div class=format!("field cell-{}", if c.severity.is_empty() { "ok" } else { c.severity.as_str() })>
                                    <label for=id.clone()>{header}{c.fixed.then(|| format!(" ({})", i18n.t("import-fixed")))}</label>
                                    <input type="text" id=id name=format!("cell-{}", c.column) value=c.value.clone() aria-describedby=c.message.is_some().then(|| msg_id.clone())/>
                                    {c.message.clone().map(|m| view! { <p class="cell-message" id=msg_id>{m}</p> })}
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <div class="form-actions">
                        <button type="submit" name="action" value="save" class="button secondary small">{i18n.t("import-save-fix")}</button>
                        " "
                        {if skipped {
                            view! { <button type="submit" name="action" value="unskip" class="button secondary small">{i18n.t("import-unskip")}</button> }.into_any()
                        } else {
                            view! { <button type="submit" name="action" value="skip" class="button secondary small">{i18n.t("import-skip")}</button> }.into_any()
                        }}
                    </div>
                </form>
            </details>
        </article>
    }
}

#[component]
fn Pager(url: String, show: String, page: usize, pages: usize) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| view! {
        <nav class="pager" aria-label=i18n.t("pager-label")>
            {(page > 1).then(|| view! { <a href=format!("{url}?show={show}&page={}", page - 1)>{i18n.t("pager-prev")}</a> })}
            " " {i18n.t_with("pager-position", &[("page", page.into()), ("pages", pages.into())])} " "
            {(page < pages).then(|| view! { <a href=format!("{url}?show={show}&page={}", page + 1)>{i18n.t("pager-next")}</a> })}
        </nav>
    })
}

#[component]
fn Outcome(id: i64, outcome: ResultView, invited: Vec<InvitedLine>) -> impl IntoView {
    let i18n = use_i18n();
    let o = outcome;
    let summary = i18n.t_with(
        "import-done",
        &[
            ("created", o.created.into()),
            ("updated", o.updated.into()),
            ("unchanged", o.unchanged.into()),
            ("skipped", (o.refused + o.duplicates).into()),
            ("seconds", o.seconds.clone().into()),
        ],
    );
    view! {
        <p class="notice" role="status">{summary}</p>
        {(o.created + o.updated == 0).then(|| view! { <p>{i18n.t("import-nothing-new")}</p> })}
        {(!invited.is_empty()).then(|| view! { <Invited lines=invited/> })}
        <ResultList title=i18n.t("import-added") lines=o.added/>
        <ResultList title=i18n.t("import-changed") lines=o.changed/>
        <ResultList title=i18n.t("import-skipped") lines=o.skipped/>
        {(!o.without_editor.is_empty()).then(|| view! {
            <h2 id="invite">{i18n.t("import-without-editor")}</h2>
            <p>{i18n.t("import-invite-help")}</p>
            <form method="post" action=format!("/staff/import/{id}/invite") class="form">
                <CsrfField/>
                <table class="table">
                    <thead><tr><th scope="col">{i18n.t("import-invite-choose")}</th><th scope="col">{i18n.t("field-email")}</th></tr></thead>
                    <tbody>
                        {o.without_editor.into_iter().map(|org| {
                            let check = format!("invite-{}", org.id);
                            let mail = format!("email-{}", org.id);
                            view! {
                                <tr>
                                    <td><input type="checkbox" id=check.clone() name="org" value=org.id checked=true/>
                                        " " <label for=check>{org.name.clone()}</label> " " <a href=org.url>{i18n.t("import-open-org")}</a></td>
                                    <td><label class="sr-only" for=mail.clone()>{i18n.t_with("import-invite-email-for", &[("org", org.name.into())])}</label>
                                        <input type="email" id=mail.clone() name=mail value=org.email/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="form-actions"><button type="submit" class="button">{i18n.t("import-invite")}</button></div>
            </form>
        })}
    }
}

#[component]
fn ResultList(title: String, lines: Vec<ResultLine>) -> impl IntoView {
    (!lines.is_empty()).then(|| view! {
        <h2>{title} " (" {lines.len()} ")"</h2>
        <ul class="queue">
            {lines.into_iter().map(|l| view! {
                <li>
                    {format!("{} · ", l.line)}
                    {match l.url { Some(u) => view! { <a href=u>{l.name.clone()}</a> }.into_any(), None => view! { <span>{l.name.clone()}</span> }.into_any() }}
                    {(!l.reason.is_empty()).then(|| format!(" — {}", l.reason))}
                </li>
            }).collect_view()}
        </ul>
    })
}

#[component]
fn Invited(lines: Vec<InvitedLine>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{i18n.t("import-invited")}</h2>
        <p>{i18n.t("import-invited-help")}</p>
        <table class="table">
            <thead><tr><th scope="col">{i18n.t("field-name")}</th><th scope="col">{i18n.t("field-email")}</th><th scope="col">{i18n.t("import-invite-link")}</th></tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr><td>{l.name}</td><td>{if l.mailed { format!("{} ✓", l.email) } else { "—".to_owned() }}</td><td><code>{l.link}</code></td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
