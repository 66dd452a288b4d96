//! The reads behind the organization and okrug pages: plain async fns over the core state,
//! called by the app's server fns and directly by tests.

use crate::offers::matching;
use std::collections::HashMap;

use crate::accounts::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::store::{self, ListQuery};
use crate::organizations::{view, OkrugCount, OkrugPage, OrgListPage, OrganizationPage, PAGE_SIZE};
use crate::region::RegionCatalog;

/// What these reads need: the database and the region (`&Core` converts into it).
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub db: &'a Db,
    pub region: &'a RegionCatalog,
}

impl<'a> From<&'a crate::state::Core> for Source<'a> {
    fn from(core: &'a crate::state::Core) -> Self {
        Self {
            db: &core.db,
            region: &core.region,
        }
    }
}

async fn run_list(
    state: Source<'_>,
    q: &ListQuery,
    page: u32,
    i18n: &I18n,
) -> Result<OrgListPage, AppError> {
    let (total, rows) = store::list_cards(state.db, state.region.id, q).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut terms: HashMap<i64, Vec<i64>> = HashMap::new();
    for (org, term) in store::terms_of(state.db, &ids).await? {
        terms.entry(org).or_default().push(term);
    }
    let cards = rows
        .into_iter()
        .map(|r| {
            let t = terms.remove(&r.id).unwrap_or_default();
            view::card(state.region, r, &t, i18n)
        })
        .collect();
    Ok(OrgListPage {
        total,
        page,
        per_page: PAGE_SIZE,
        cards,
    })
}

/// The organization page as an anonymous visitor sees it.
pub async fn page<'a>(
    state: impl Into<Source<'a>>,
    id: i64,
    i18n: &I18n,
) -> Result<OrganizationPage, AppError> {
    let state: Source<'a> = state.into();
    page_for(state, id, None, i18n).await
}

/// How many past events an organization's page lists as its history.
const PAST_EVENTS: usize = 10;

/// The organization page as `viewer` sees it: an unpublished one only for its editors and
/// staff, the moderation note only for editors, the verification note only for staff.
#[tracing::instrument(skip(state, viewer, i18n))]
pub async fn page_for<'a>(
    state: impl Into<Source<'a>>,
    id: i64,
    viewer: Option<&Viewer>,
    i18n: &I18n,
) -> Result<OrganizationPage, AppError> {
    let state: Source<'a> = state.into();
    use crate::accounts::authz;
    // Every read of the page on one connection (see `db::AnyExecutor`), none on the pool
    // while it is held: with every connection held, that would wait forever.
    let mut conn = state.db.acquire().await?;
    let today = state.region.timezone.today();
    let rec = store::read_in(&mut conn, id, false, store::Events::UpcomingFrom(&today))
        .await?
        .ok_or(AppError::NotFound)?;
    // A public page needs no access facts for an anonymous visitor (most requests): that
    // read is skipped. Everyone else is checked, and the facts decide what they may do.
    let access = match viewer {
        None if authz::is_public(rec.org.status) => None,
        None => return Err(AppError::NotFound),
        Some(_) => {
            let access = authz::org_access(&mut *conn, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if !authz::can_see(&mut *conn, viewer, &access).await? {
                return Err(AppError::NotFound);
            }
            Some(access)
        }
    };
    let logo_url = rec.org.logo.as_deref().map(crate::organizations::logo_url);
    let moderation_note = rec.org.moderation_note.clone();
    let at = crate::region::LatLon {
        lat: rec.org.lat,
        lon: rec.org.lon,
    };
    let mut page = view::page(state.region, rec, i18n);
    // Who could help with each need, and whom each offer could help: nearest first. One
    // read per kind: several needs (or offers) of one kind share it.
    let mut helpers: HashMap<String, Vec<crate::offers::Match>> = HashMap::new();
    for n in &mut page.needs {
        let kind = n.kind.code.clone();
        if !helpers.contains_key(&kind) {
            let found = matching::offering(&mut *conn, state.region, &kind, at, id, i18n).await?;
            helpers.insert(kind.clone(), found);
        }
        n.helpers = helpers.get(&kind).cloned().unwrap_or_default();
    }
    let mut answers: HashMap<String, Vec<crate::offers::Match>> = HashMap::new();
    for f in &mut page.offers {
        let kind = f.kind.code.clone();
        if !answers.contains_key(&kind) {
            let found =
                matching::needing(&mut *conn, state.region, &kind, at, id, &today, i18n).await?;
            answers.insert(kind.clone(), found);
        }
        f.answers = answers.get(&kind).cloned().unwrap_or_default();
    }
    let past = store::past_events(&mut *conn, id, &today, PAST_EVENTS).await?;
    // Photos belong to past events: most pages have none, and then read none.
    let mut photos = if past.is_empty() {
        Default::default()
    } else {
        crate::events::photos::of_organization(&mut *conn, id).await?
    };
    page.past_events = past
        .into_iter()
        .map(|e| {
            let mut v = view::event_view(&state.region.taxonomy, i18n, e);
            v.photos = photos.remove(&v.uid).unwrap_or_default();
            v
        })
        .collect();
    page.logo_url = logo_url;
    page.moderation_note = moderation_note;
    if let (Some(v), Some(access)) = (viewer, &access) {
        page.can_edit = authz::can_edit(&mut *conn, v, access).await?;
        page.can_manage = v.is_staff_of(access.region_id);
        page.helper_orgs = crate::accounts::store::organizations_of(&mut *conn, v.account_id)
            .await?
            .into_iter()
            .filter(|o| o.id != id && o.status == crate::kinds::OrgStatus::Published)
            .map(|o| (o.id, o.name))
            .collect();
    }
    page.partners = crate::partners::service::views(&mut *conn, id, page.can_edit, i18n).await?;
    // The verification note is staff's working note, and the moderation note is for the
    // organization's own people: neither is public.
    if !page.can_manage {
        if let Some(v) = page.verification.as_mut() {
            v.note.clear();
        }
    }
    if !page.can_edit {
        page.moderation_note.clear();
    }
    Ok(page)
}

#[tracing::instrument(skip(state, i18n))]
pub async fn okrug<'a>(
    state: impl Into<Source<'a>>,
    slug: &str,
    page: u32,
    i18n: &I18n,
) -> Result<OkrugPage, AppError> {
    let state: Source<'a> = state.into();
    let okrug = state.region.okrug_by_slug(slug).ok_or(AppError::NotFound)?;
    let page = page.max(1);
    let q = ListQuery {
        okrug_id: Some(okrug.id),
        limit: i64::from(PAGE_SIZE),
        offset: i64::from(page - 1) * i64::from(PAGE_SIZE),
        ..Default::default()
    };
    let list = run_list(state, &q, page, i18n).await?;
    Ok(OkrugPage {
        slug: okrug.slug.clone(),
        name: okrug.name.get(i18n.locale).to_owned(),
        full_name: okrug.full_name.get(i18n.locale).to_owned(),
        admin_center: okrug.admin_center.get(i18n.locale).to_owned(),
        area_km2: okrug.area_km2,
        minimap: crate::organizations::minimap::draw(okrug, None),
        list,
    })
}

#[tracing::instrument(skip(state, i18n))]
pub async fn okrug_index<'a>(
    state: impl Into<Source<'a>>,
    i18n: &I18n,
) -> Result<Vec<OkrugCount>, AppError> {
    let state: Source<'a> = state.into();
    let counts: HashMap<i64, i64> = store::okrug_counts(state.db, state.region.id)
        .await?
        .into_iter()
        .collect();
    Ok(state
        .region
        .okrugs
        .iter()
        .map(|o| OkrugCount {
            okrug: view::okrug_ref(state.region, o.id, i18n),
            full_name: o.full_name.get(i18n.locale).to_owned(),
            count: counts.get(&o.id).copied().unwrap_or(0),
        })
        .collect())
}

/// The most a visitor's village search returns, and the longest text it reads.
pub const PLACE_MATCHES: usize = 10;
pub const PLACE_QUERY_CHARS: usize = 60;

/// "My village" as a visitor types it: matching settlements as options of the near filter.
/// Fewer than two letters find nothing (every village would match).
pub fn find_places(
    catalog: &crate::region::RegionCatalog,
    typed: &str,
    locale: crate::i18n::Locale,
) -> Vec<crate::search::view::PlaceOption> {
    let typed: String = typed.trim().chars().take(PLACE_QUERY_CHARS).collect();
    if typed.chars().count() < 2 {
        return vec![];
    }
    crate::gazetteer::matching(&catalog.settlements, &typed, PLACE_MATCHES)
        .into_iter()
        .map(|s| crate::search::page_data::place_option(catalog, s, locale))
        .collect()
}

/// Builds the "my village" page for a region; `okrug` is the chosen okrug's slug.
pub fn places_page(
    catalog: &crate::region::RegionCatalog,
    okrug: Option<&str>,
) -> crate::gazetteer::PlacesPage {
    let okrugs = catalog
        .okrugs
        .iter()
        .map(|o| {
            let n = catalog
                .settlements
                .iter()
                .filter(|s| s.okrug_id == o.id)
                .count();
            (o.slug.clone(), o.name.get(Default::default()).to_owned(), n)
        })
        .collect();
    let chosen = okrug.and_then(|slug| catalog.okrug_by_slug(slug)).map(|o| {
        let places = catalog
            .settlements
            .iter()
            .filter(|s| s.okrug_id == o.id)
            .map(|s| crate::gazetteer::PlaceLink {
                label: s.label(),
                href: crate::gazetteer::search_href(s),
            })
            .collect();
        (o.name.get(Default::default()).to_owned(), places)
    });
    crate::gazetteer::PlacesPage { okrugs, chosen }
}
