//! The staff import workflow over a stored batch: upload (refused at once when the file
//! cannot be read), the staff's fixes, the import run in the background with its progress,
//! the result with links, and bulk invitations for organizations nobody edits yet.

use std::time::Instant;

use super::preview::{clear_progress, set_progress};
use crate::i18n::I18n;
use crate::import::batch::{self, Batch, Outcome};
use crate::import::prepared::{layout_of, prepare};
use crate::import::{import_rows_with, ColumnUse, FileError, FIELDS};
use crate::import_view::{InvitedLine, NoEditor, ResultLine, ResultView};
use crate::organizations::org_url;
use crate::state::Core;

/// Stores an uploaded list once it is readable; the reason in Russian when it is not.
pub async fn upload(
    core: &Core,
    account_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> anyhow::Result<Result<i64, FileError>> {
    let (name, data) = (file_name.to_owned(), bytes.to_vec());
    let checked = tokio::task::spawn_blocking(move || layout_of(&name, &data)).await?;
    if let Err(e) = checked {
        return Ok(Err(e));
    }
    let id = batch::create(&core.db, core.region.id, account_id, file_name, bytes).await?;
    Ok(Ok(id))
}

/// A column use from a mapping select's value; `None` for a value that is not one.
pub fn column_use(value: &str) -> Option<ColumnUse> {
    match value {
        "number" => Some(ColumnUse::Number),
        "ignored" => Some(ColumnUse::Ignored),
        f if FIELDS.contains(&f) => Some(ColumnUse::Field(f.to_owned())),
        _ => None,
    }
}

/// Starts the import of a draft batch in the background; `false` when it already runs or
/// ran. Everything goes in one transaction, so a failure writes nothing and leaves a draft.
pub async fn start(core: &Core, batch: Batch) -> anyhow::Result<bool> {
    if !batch::start(&core.db, batch.id).await? {
        return Ok(false);
    }
    set_progress(batch.id, 0, 0);
    let core = core.clone();
    tokio::spawn(async move {
        let id = batch.id;
        let outcome = run(&core, batch).await;
        clear_progress(id);
        let saved = match outcome {
            Ok(o) => batch::finish(&core.db, id, Some(&o)).await,
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), batch = id, "import failed; nothing written");
                batch::finish(&core.db, id, None).await
            }
        };
        if let Err(e) = saved {
            tracing::error!(error = %format!("{e:#}"), batch = id, "import result not saved");
        }
    });
    Ok(true)
}

async fn run(core: &Core, batch: Batch) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let id = batch.id;
    let prepared = tokio::task::spawn_blocking(move || prepare(&batch)).await??;
    let progress = move |done: usize, total: usize| set_progress(id, done, total);
    let report = import_rows_with(&core.db, &core.region, prepared.rows, false, &progress).await?;
    for changed in &report.changed_ids {
        crate::editing::service::refresh_search(core, *changed).await;
    }
    Ok(Outcome::of(&report, started.elapsed().as_secs_f64()))
}

/// The result page of a finished batch.
pub async fn result_view(
    core: &Core,
    outcome: &Outcome,
    i18n: &I18n,
) -> anyhow::Result<ResultView> {
    let line =
        |(row, name, _, id): &(usize, String, String, Option<i64>), reason: String| ResultLine {
            line: *row,
            name: name.clone(),
            url: id.map(|id| org_url(id, "")),
            reason,
        };
    let of = |key: &'static str| outcome.rows.iter().filter(move |r| r.2 == key);
    let reason_of = |row: usize| {
        outcome
            .errors
            .iter()
            .filter(|e| e.0 == row)
            .map(|e| e.2.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut skipped: Vec<ResultLine> = of("refused").map(|r| line(r, reason_of(r.0))).collect();
    skipped.extend(of("duplicate").map(|r| line(r, i18n.t("import-status-duplicate"))));
    skipped.sort_by_key(|l| l.line);
    let ids: Vec<i64> = outcome
        .rows
        .iter()
        .filter(|r| r.2 != "refused" && r.2 != "duplicate")
        .filter_map(|r| r.3)
        .collect();
    let without_editor = batch::without_editor(&core.db, &ids)
        .await?
        .into_iter()
        .map(|o| NoEditor {
            url: org_url(o.id, &o.slug),
            id: o.id,
            name: o.name,
            email: o.email.unwrap_or_default(),
        })
        .collect();
    Ok(ResultView {
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        duplicates: outcome.duplicates,
        refused: outcome.refused,
        seconds: format!("{:.1}", outcome.seconds),
        added: of("created").map(|r| line(r, String::new())).collect(),
        changed: of("updated").map(|r| line(r, String::new())).collect(),
        skipped,
        without_editor,
    })
}

/// Makes an invitation for each chosen organization that still has no editor; mails it
/// when an address is given (queued), and returns the links to show once.
/// Only organizations this batch added or updated can be chosen, so a form cannot invite
/// into any other organization (another region's included).
pub async fn invite_many(
    core: &Core,
    created_by: i64,
    batch: &Batch,
    chosen: &[(i64, String)],
    i18n: &I18n,
) -> anyhow::Result<Vec<InvitedLine>> {
    let imported: Vec<i64> = batch
        .outcome()
        .map(|o| {
            o.rows
                .iter()
                .filter(|r| r.2 == "created" || r.2 == "updated" || r.2 == "unchanged")
                .filter_map(|r| r.3)
                .collect()
        })
        .unwrap_or_default();
    let ids: Vec<i64> = chosen
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| imported.contains(id))
        .collect();
    let open = batch::without_editor(&core.db, &ids).await?;
    let mut out = vec![];
    for org in open {
        let email = chosen
            .iter()
            .find(|(id, _)| *id == org.id)
            .map(|(_, e)| e.clone())
            .unwrap_or_default();
        let token =
            crate::accounts::store::create_invitation(&core.db, org.id, &email, created_by).await?;
        let link = format!("{}/invite/{token}", core.config.public_url);
        if !email.is_empty() {
            let body = i18n.t_with(
                "mail-invite-body",
                &[
                    ("org", org.name.clone().into()),
                    ("link", link.clone().into()),
                    (
                        "days",
                        crate::accounts::store::INVITATION_DAYS.to_string().into(),
                    ),
                ],
            );
            core.queue_mail(&email, &i18n.t("mail-invite-subject"), &body)
                .await?;
        }
        out.push(InvitedLine {
            name: org.name,
            mailed: !email.is_empty(),
            email,
            link,
        });
    }
    Ok(out)
}
