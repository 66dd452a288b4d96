//! Building the posters: an organization's through the page's own read (the same
//! authorization, then published and working organizations only), an okrug's from its
//! published organizations through the one read path; the QR codes as inline SVG.

use std::collections::BTreeMap;

use super::{
    first_sentence, OkrugPoster, OrgPoster, PosterEntry, PosterGroup, MAX_ON_OKRUG_POSTER,
    MAX_SERVICES,
};
use crate::accounts::Viewer;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::kinds::OrgStatus;
use crate::organizations::store::{self, Events};
use crate::organizations::{ContactKind, OrganizationPage};
use crate::qr::qr_svg;
use crate::state::Core;

/// The poster of a published, working organization; `NotFound` for any other, as a
/// villager scanning its QR code would find nothing there.
pub async fn org_poster(
    core: &Core,
    id: i64,
    viewer: Option<&Viewer>,
    i18n: &I18n,
) -> Result<OrgPoster, AppError> {
    let page = crate::queries::page_for(core, id, viewer, i18n).await?;
    if page.status != OrgStatus::Published || page.archived.is_some() {
        return Err(AppError::NotFound);
    }
    let url = format!("{}{}", core.config.public_url, page.url);
    let about = if page.summary.trim().is_empty() {
        &page.description
    } else {
        &page.summary
    };
    Ok(OrgPoster {
        sentence: first_sentence(about),
        audiences: page.audiences.iter().map(|t| t.label.clone()).collect(),
        services: page
            .services
            .iter()
            .take(MAX_SERVICES)
            .map(|s| s.name.clone())
            .collect(),
        phones: phones(&page),
        place: place(&page),
        qr_svg: qr_svg(&url),
        url,
        name: page.name,
        kind_label: page.kind_label,
        is_demo: page.is_demo,
    })
}

fn phones(page: &OrganizationPage) -> Vec<String> {
    page.contacts
        .iter()
        .filter(|c| c.kind == ContactKind::Phone)
        .map(|c| c.value.clone())
        .collect()
}

/// Settlement and address, without saying the settlement twice.
fn place(page: &OrganizationPage) -> String {
    let (settlement, address) = (page.settlement.trim(), page.address.trim());
    if settlement.is_empty() || address.contains(settlement) {
        address.to_owned()
    } else if address.is_empty() {
        settlement.to_owned()
    } else {
        format!("{settlement}, {address}")
    }
}

/// "Who helps in your okrug": its published organizations (the first
/// [`MAX_ON_OKRUG_POSTER`] by name), each under its first direction, directions in the
/// region's order; `NotFound` for an unknown okrug.
pub async fn okrug_poster(core: &Core, slug: &str, i18n: &I18n) -> Result<OkrugPoster, AppError> {
    let okrug = core.region.okrug_by_slug(slug).ok_or(AppError::NotFound)?;
    let ids = store::published_in_okrug(&core.db, okrug.id).await?;
    let shown = &ids[..ids.len().min(MAX_ON_OKRUG_POSTER)];
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let records = store::read_many(&core.db, shown, Events::UpcomingFrom(&today)).await?;
    // Each organization under its first direction in the region's order; the record is
    // enough (a page view model per organization would draw a minimap for each).
    let directions = &core.region.taxonomy.direction;
    let mut groups: BTreeMap<(usize, String), Vec<PosterEntry>> = BTreeMap::new();
    for rec in records {
        let first = rec
            .term_ids
            .iter()
            .filter_map(|id| directions.iter().position(|t| t.id == *id))
            .min();
        let key = match first {
            Some(i) => (i, directions[i].label.get(i18n.locale).to_owned()),
            None => (usize::MAX, i18n.t("poster-other")),
        };
        let phone = rec
            .contacts
            .iter()
            .find(|c| ContactKind::parse(&c.kind) == Some(ContactKind::Phone))
            .map(|c| c.value.clone())
            .unwrap_or_default();
        groups.entry(key).or_default().push(PosterEntry {
            phone,
            settlement: rec.org.settlement,
            name: rec.org.name,
        });
    }
    let url = format!("{}/okrug/{}", core.config.public_url, okrug.slug);
    Ok(OkrugPoster {
        name: okrug.name.get(i18n.locale).to_owned(),
        qr_svg: qr_svg(&url),
        url,
        groups: groups
            .into_iter()
            .map(|((_, direction), entries)| PosterGroup { direction, entries })
            .collect(),
        total: ids.len(),
        shown: shown.len(),
    })
}
