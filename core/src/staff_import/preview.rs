//! The preview of an uploaded list: the file with the staff's mapping, fixed cells and
//! skipped rows applied, every row classified exactly as the import would treat it (new,
//! updates an organization, unchanged, repeat of another row, refused), with each reason
//! next to the cell it is about. Reads only; the import runs the same rules.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::i18n::I18n;
use crate::import::batch::Batch;
use crate::import::prepared::prepare;
use crate::import::row_errors;
use crate::import::{
    check_rows, plan_one, ColumnUse, ImportReport, Layout, ParsedRow, Plan, RowError, RowOutcome,
    FIELDS,
};
use crate::import_view::{CellView, ColumnView, ImportPreview, PreviewCounts, RowView};
use crate::organizations::org_url;
use crate::state::Core;

/// Rows on one page of the preview.
pub const PAGE_ROWS: usize = 100;

/// What one row would become, with the stored organization it touches.
struct Verdict {
    status: &'static str,
    org: Option<(i64, String)>,
    /// The earlier row this one repeats.
    of_row: Option<usize>,
    /// Placed at its okrug's centre (no coordinates): shown as «примерно».
    approximate: bool,
}

/// A new row that looks like an organization already on the map: which, and why.
struct LookAlike {
    id: i64,
    name: String,
    slug: String,
    why: crate::duplicates::Reason,
}

/// Classifies every row as the import would, reading only.
async fn classify(
    core: &Core,
    rows: Vec<ParsedRow>,
    report: &mut ImportReport,
) -> anyhow::Result<(HashMap<usize, Verdict>, HashMap<usize, LookAlike>)> {
    let checked = check_rows(rows, &core.region, report);
    let mut verdicts = HashMap::new();
    for r in &report.results {
        let (status, of_row) = match r.outcome {
            RowOutcome::Duplicate { of_row } => ("duplicate", Some(of_row)),
            _ => ("refused", None),
        };
        let verdict = Verdict {
            status,
            org: None,
            of_row,
            approximate: false,
        };
        verdicts.insert(r.row, verdict);
    }
    let mut conn = core.db.acquire().await?;
    let i18n = I18n::default();
    let mut new_rows = vec![];
    for c in &checked {
        let (status, org) = match plan_one(&mut conn, &core.region, c).await? {
            Plan::Insert => {
                new_rows.push((c.row, crate::duplicates::record_of(0, &c.valid)));
                ("new", None)
            }
            Plan::Update { id, .. } => ("update", Some((id, c.valid.slug.clone()))),
            Plan::Unchanged { id } => ("unchanged", Some((id, c.valid.slug.clone()))),
            Plan::Refuse(issues) => {
                report.errors.extend(row_errors(c.row, &issues, &i18n));
                ("refused", None)
            }
        };
        verdicts.insert(
            c.row,
            Verdict {
                status,
                org,
                of_row: None,
                approximate: c.valid.approximate && status != "refused",
            },
        );
    }
    drop(conn);
    Ok((verdicts, look_alikes(core, &new_rows).await?))
}

/// The organizations on the map that new rows look like (the duplicate detector's rules),
/// the strongest match for each row.
async fn look_alikes(
    core: &Core,
    new_rows: &[(usize, crate::duplicates::Record)],
) -> anyhow::Result<HashMap<usize, LookAlike>> {
    if new_rows.is_empty() {
        return Ok(HashMap::new());
    }
    let existing = crate::duplicates::store::records(&core.db, core.region.id).await?;
    let mut out = HashMap::new();
    for (row, found) in crate::duplicates::look_alikes(new_rows, &existing) {
        let Some(&(id, why)) = found.first() else {
            continue;
        };
        if let Some(o) = crate::organizations::store::access(&core.db, id).await? {
            let (name, slug) = (o.name, o.slug);
            out.insert(
                row,
                LookAlike {
                    id,
                    name,
                    slug,
                    why,
                },
            );
        }
    }
    Ok(out)
}

/// The column a message about an input field belongs to.
fn column_of(layout: &Layout, field: &str) -> Option<usize> {
    layout.column_of(field).or_else(|| match field {
        "website" | "vk" | "ok" | "telegram" => layout.column_of("links"),
        "lat" | "lon" => layout.column_of("coordinates"),
        _ => None,
    })
}

/// The value a mapping select shows for a column.
fn select_value(u: &ColumnUse) -> String {
    match u {
        ColumnUse::Field(f) => f.clone(),
        ColumnUse::Number => "number".into(),
        ColumnUse::Ignored => "ignored".into(),
    }
}

/// The mapping selects' options, labelled.
pub fn field_options(i18n: &I18n) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = FIELDS
        .iter()
        .map(|f| ((*f).to_owned(), i18n.t(&field_label_key(f))))
        .collect();
    out.push(("number".into(), i18n.t("import-column-number")));
    out.push(("ignored".into(), i18n.t("import-column-ignored")));
    out
}

fn field_label_key(field: &str) -> String {
    match field {
        "coordinates" => "field-lat-lon".into(),
        "links" => "field-links".into(),
        f => format!("field-{}", f.replace('_', "-")),
    }
}

/// Per-row messages: refusals and warnings, keyed by row.
fn messages_by_row(report: &ImportReport) -> HashMap<usize, Vec<(&RowError, &'static str)>> {
    let mut by_row: HashMap<usize, Vec<(&RowError, &'static str)>> = HashMap::new();
    for e in &report.errors {
        by_row.entry(e.row).or_default().push((e, "error"));
    }
    for w in &report.warnings {
        by_row.entry(w.row).or_default().push((w, "warning"));
    }
    by_row
}

/// Builds the preview page of a batch: `show` is "problems" or "all", `page` counts from 1.
pub async fn preview(
    core: &Core,
    batch: &Batch,
    i18n: &I18n,
    show: &str,
    page: usize,
) -> anyhow::Result<ImportPreview> {
    let mut out = ImportPreview {
        id: batch.id,
        url: format!("/staff/import/{}", batch.id),
        file_name: batch.file_name.clone(),
        status: batch.status.clone(),
        progress: progress_of(batch.id),
        show: if show == "all" { "all" } else { "problems" }.to_owned(),
        field_options: field_options(i18n),
        ..Default::default()
    };
    // A running or finished list shows its progress or result, not a new classification.
    if batch.status != "draft" {
        return Ok(out);
    }
    let copy = batch.clone();
    let prepared = match tokio::task::spawn_blocking(move || prepare(&copy)).await? {
        Ok(p) => p,
        Err(e) => {
            out.error = Some(e.to_string());
            return Ok(out);
        }
    };
    let mut report = ImportReport::default();
    let (verdicts, alikes) = classify(core, prepared.rows, &mut report).await?;
    let layout = &prepared.layout;
    out.sheet = prepared.sheet.name.clone();
    out.header_row = prepared
        .sheet
        .rows
        .get(layout.header_row)
        .map_or(1, |r| r.line);
    out.ignored_columns = layout.ignored();
    out.columns = layout
        .headers
        .iter()
        .zip(&layout.uses)
        .enumerate()
        .map(|(index, (h, u))| ColumnView {
            index,
            header: h.clone(),
            value: select_value(u),
        })
        .collect();
    let fixes = batch.fixes();
    let messages = messages_by_row(&report);
    let mut rows = vec![];
    for r in prepared.sheet.rows.iter().skip(layout.header_row + 1) {
        if r.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let skipped = prepared.skipped.contains(&r.line);
        let verdict = verdicts.get(&r.line);
        let status = if skipped {
            "skipped"
        } else {
            verdict.map_or("refused", |v| v.status)
        };
        let row_messages = messages.get(&r.line).cloned().unwrap_or_default();
        let mut notes = vec![];
        let mut cells: Vec<CellView> = (0..layout.headers.len().max(r.cells.len()))
            .map(|column| CellView {
                column,
                value: r.cells.get(column).cloned().unwrap_or_default(),
                message: None,
                severity: String::new(),
                fixed: fixes.get(&r.line).is_some_and(|f| f.contains_key(&column)),
            })
            .collect();
        for (m, severity) in &row_messages {
            match column_of(layout, &m.field).and_then(|c| cells.get_mut(c)) {
                Some(cell) if cell.message.is_none() || *severity == "error" => {
                    cell.message = Some(m.message.clone());
                    cell.severity = (*severity).to_owned();
                }
                _ => notes.push(m.message.clone()),
            }
        }
        if let Some(of) = verdict.and_then(|v| v.of_row) {
            notes.push(i18n.t_with("import-duplicate-of", &[("row", of.into())]));
        }
        let alike = alikes.get(&r.line).filter(|_| status == "new");
        if let Some(a) = alike {
            notes.push(i18n.t_with(
                "import-looks-like",
                &[
                    ("name", a.name.clone().into()),
                    ("id", a.id.into()),
                    ("why", i18n.t(a.why.message_key()).into()),
                ],
            ));
        }
        let approximate = verdict.is_some_and(|v| v.approximate) && !skipped;
        if approximate {
            out.counts.approximate += 1;
        }
        tally(
            &mut out.counts,
            status,
            (!row_messages.is_empty() || alike.is_some()) && status != "refused",
        );
        rows.push(RowView {
            line: r.line,
            status: status.to_owned(),
            status_label: i18n.t(&format!("import-status-{status}")),
            org_url: verdict
                .and_then(|v| v.org.as_ref())
                .map(|(id, slug)| org_url(*id, slug))
                .or_else(|| alike.map(|a| org_url(a.id, &a.slug))),
            cells,
            notes,
            approximate,
        });
    }
    let shown: Vec<RowView> = rows
        .into_iter()
        .filter(|r| out.show == "all" || is_problem(r))
        .collect();
    out.pages = shown.len().div_ceil(PAGE_ROWS).max(1);
    out.page = page.clamp(1, out.pages);
    out.rows = shown
        .into_iter()
        .skip((out.page - 1) * PAGE_ROWS)
        .take(PAGE_ROWS)
        .collect();
    Ok(out)
}

fn is_problem(r: &RowView) -> bool {
    matches!(r.status.as_str(), "refused" | "duplicate" | "skipped")
        || !r.notes.is_empty()
        || r.cells.iter().any(|c| c.message.is_some())
}

fn tally(c: &mut PreviewCounts, status: &str, warned: bool) {
    c.rows += 1;
    match status {
        "new" => c.new += 1,
        "update" => c.update += 1,
        "unchanged" => c.unchanged += 1,
        "duplicate" => c.duplicate += 1,
        "skipped" => c.skipped += 1,
        _ => c.refused += 1,
    }
    if warned {
        c.with_warnings += 1;
    }
}

/// Progress of running imports in this process: batch id → (stored, of).
fn registry() -> &'static Mutex<HashMap<i64, (usize, usize)>> {
    static PROGRESS: OnceLock<Mutex<HashMap<i64, (usize, usize)>>> = OnceLock::new();
    PROGRESS.get_or_init(Default::default)
}

/// Records a running import's progress (shown by the preview page while it runs).
pub fn set_progress(id: i64, done: usize, total: usize) {
    if let Ok(mut m) = registry().lock() {
        m.insert(id, (done, total));
    }
}

/// Forgets a finished import's progress.
pub fn clear_progress(id: i64) {
    if let Ok(mut m) = registry().lock() {
        m.remove(&id);
    }
}

/// A running import's progress, if this instance runs it.
pub fn progress_of(id: i64) -> Option<(usize, usize)> {
    registry().lock().ok().and_then(|m| m.get(&id).copied())
}
