//! Reads the open needs (all SQL here) and builds the `/needs` page and the staff summary.

use std::collections::HashMap;

use super::{KindCount, NeedItem, NeedsPage, PER_PAGE};
use crate::coverage::{Coverage, CoverageColumn, CoverageRow};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::org_url;
use crate::organizations::view::date_text;
use crate::staff_desk::OkrugOption;
use crate::state::Core;
use crate::taxonomy::{TermLabel, Vocabulary};

/// An open need as stored, with its organization.
#[derive(Debug, sqlx::FromRow)]
pub struct OpenNeed {
    pub organization_id: i64,
    pub slug: String,
    pub name: String,
    pub okrug_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub until: Option<String>,
}

/// Every open need of the region's published organizations on `today`, newest first.
pub async fn open_needs(db: &Db, region_id: i64, today: &str) -> sqlx::Result<Vec<OpenNeed>> {
    sqlx::query_as(
        "select o.id as organization_id, o.slug, o.name, o.okrug_id, n.kind, n.title, n.description, n.until
         from need n join organization o on o.id = n.organization_id
         where o.region_id = $1 and o.status = 'published' and n.active = $2
           and (n.until is null or n.until >= $3)
         order by n.updated_at desc, n.id desc",
    )
    .bind(region_id)
    .bind(1_i64)
    .bind(today)
    .fetch_all(db)
    .await
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// The `/needs` page for a need kind and an okrug (unknown values: no filter).
pub async fn page(
    state: &Core,
    kind: Option<&str>,
    okrug: Option<&str>,
    page: usize,
    i18n: &I18n,
) -> Result<NeedsPage, AppError> {
    let region = &state.region;
    let tax = &region.taxonomy;
    let okrug = okrug.and_then(|s| region.okrug_by_slug(s));
    let kind = kind.filter(|k| {
        tax.options(Vocabulary::NeedKind, i18n.locale)
            .iter()
            .any(|t| t.code == *k)
    });
    let all = open_needs(&state.db, region.id, &today()).await?;
    let in_okrug: Vec<&OpenNeed> = all
        .iter()
        .filter(|n| okrug.is_none_or(|o| n.okrug_id == o.id))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in &in_okrug {
        *counts.entry(n.kind.as_str()).or_default() += 1;
    }
    let kinds = tax
        .options(Vocabulary::NeedKind, i18n.locale)
        .into_iter()
        .map(|t| KindCount {
            count: counts.get(t.code.as_str()).copied().unwrap_or(0),
            code: t.code,
            label: t.label,
        })
        .collect();
    let matching: Vec<&&OpenNeed> = in_okrug
        .iter()
        .filter(|n| kind.is_none_or(|k| n.kind == k))
        .collect();
    let page = page.max(1);
    let items = matching
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|n| NeedItem {
            organization: n.name.clone(),
            url: org_url(n.organization_id, &n.slug),
            okrug: crate::organizations::view::okrug_ref(region, n.okrug_id, i18n).name,
            kind: TermLabel {
                label: tax.label(Vocabulary::NeedKind, &n.kind, i18n.locale),
                code: n.kind.clone(),
            },
            title: n.title.clone(),
            description: n.description.clone(),
            until: n.until.as_deref().map(|d| date_text(i18n, d)),
        })
        .collect();
    Ok(NeedsPage {
        kind: kind.map(str::to_owned),
        okrug: okrug.map(|o| o.slug.clone()),
        kinds,
        okrugs: region
            .okrugs
            .iter()
            .map(|o| OkrugOption {
                slug: o.slug.clone(),
                name: o.name.get(i18n.locale).to_owned(),
            })
            .collect(),
        total: matching.len(),
        page,
        per_page: PER_PAGE,
        items,
    })
}

/// The staff summary, in organizations: per okrug (rows) and need kind (columns) those with
/// an open need of that kind; an okrug's total counts its organizations with any open need
/// once, as does the region's.
pub async fn summary(state: &Core, i18n: &I18n) -> Result<Coverage, AppError> {
    let region = &state.region;
    let kinds = region.taxonomy.options(Vocabulary::NeedKind, i18n.locale);
    let all = open_needs(&state.db, region.id, &today()).await?;
    let column = |code: &str| kinds.iter().position(|k| k.code == code);
    let mut rows: Vec<CoverageRow> = region
        .okrugs
        .iter()
        .map(|o| CoverageRow {
            slug: o.slug.clone(),
            name: o.name.get(i18n.locale).to_owned(),
            total: 0,
            cells: vec![0; kinds.len()],
        })
        .collect();
    let mut columns: Vec<CoverageColumn> = kinds
        .iter()
        .map(|k| CoverageColumn {
            code: k.code.clone(),
            label: k.label.clone(),
            total: 0,
        })
        .collect();
    let mut orgs = std::collections::HashSet::new();
    let mut cells = std::collections::HashSet::new();
    for n in &all {
        let (Some(r), Some(c)) = (
            region.okrugs.iter().position(|o| o.id == n.okrug_id),
            column(&n.kind),
        ) else {
            continue;
        };
        if cells.insert((c, n.organization_id)) {
            rows[r].cells[c] += 1;
            columns[c].total += 1;
        }
        if orgs.insert(n.organization_id) {
            rows[r].total += 1;
        }
    }
    Ok(Coverage {
        options: Default::default(),
        columns,
        rows,
        total: orgs.len() as u64,
        white_spots: 0,
    })
}

/// Organizations of the region with an open need whose «до» date is in `[from, to)`
/// (YYYY-MM-DD): their search flags are out of date since that day began.
pub async fn expired_between(
    db: &crate::db::Db,
    region_id: i64,
    from: &str,
    to: &str,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select distinct n.organization_id from need n join organization o on o.id = n.organization_id
         where o.region_id = $1 and o.status = 'published' and n.active = 1 and n.until >= $2 and n.until < $3",
    )
    .bind(region_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}
