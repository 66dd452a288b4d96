//! The merge page's content: the two records side by side, field group by field group,
//! with the choices proposed (or the ones posted, when the merge came back).

use super::{
    default_picks, pick_field, store, MergeGroup, MergePage, MergeRow, MergeSide, Pick, GROUPS,
    KEEP_FIELD,
};
use crate::editing::diff::flatten;
use crate::editing::store::Editable;
use crate::error::AppError;
use crate::forms::FormState;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::organizations::view::date_text;
use crate::state::Core;

async fn side(state: &Core, e: &Editable, i18n: &I18n) -> Result<MergeSide, AppError> {
    let (editors, revisions, checks) = store::parts(&state.db, e.row.id).await?;
    Ok(MergeSide {
        id: e.row.id,
        version: e.row.version,
        name: e.row.name.clone(),
        url: org_url(e.row.id, &e.row.slug),
        facts: vec![
            i18n.t_with(
                "merge-fact-updated",
                &[("date", date_text(i18n, &e.row.updated_at).into())],
            ),
            i18n.t_with("merge-fact-editors", &[("n", editors.into())]),
            i18n.t_with("merge-fact-revisions", &[("n", revisions.into())]),
            i18n.t_with("merge-fact-checks", &[("n", checks.into())]),
        ],
    })
}

/// The page for records `a` and `b` (both published, of this region). `posted` is the
/// form as it came back from a failed merge; without it the survivor is the older record
/// (its address has been shared longest) and each field proposes [`default_picks`].
pub async fn page(
    state: &Core,
    a: i64,
    b: i64,
    posted: Option<FormState>,
    labels: &(dyn Fn(&str, &str) -> String + Sync),
    i18n: &I18n,
) -> Result<MergePage, AppError> {
    if a == b {
        return Err(AppError::BadRequest("err-merge-same".into()));
    }
    let ea = super::run::mergeable(state, a).await?;
    let eb = super::run::mergeable(state, b).await?;
    let fa = flatten(&ea.input, labels);
    let fb = flatten(&eb.input, labels);
    let text = |f: &[(&str, String)], field: &str| {
        f.iter()
            .find(|(k, _)| *k == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let groups = GROUPS
        .iter()
        .map(|g| {
            let rows: Vec<MergeRow> = g
                .fields
                .iter()
                .map(|field| MergeRow {
                    field: (*field).to_owned(),
                    a: text(&fa, field),
                    b: text(&fb, field),
                })
                .collect();
            MergeGroup {
                key: g.key.to_owned(),
                list: g.list,
                same: rows.iter().all(|r| r.a.trim() == r.b.trim()),
                rows,
            }
        })
        .collect();
    let form = posted.unwrap_or_else(|| {
        let keep = if a < b { Pick::A } else { Pick::B };
        let mut fields = vec![(KEEP_FIELD.to_owned(), keep.as_str().to_owned())];
        fields.extend(
            default_picks(&ea.input, &eb.input, keep)
                .into_iter()
                .map(|(g, p)| (pick_field(&g), p.as_str().to_owned())),
        );
        FormState::from_fields(fields)
    });
    Ok(MergePage {
        a: side(state, &ea, i18n).await?,
        b: side(state, &eb, i18n).await?,
        groups,
        form,
    })
}
