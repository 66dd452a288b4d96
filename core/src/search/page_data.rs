//! Builds the search page's [`SearchView`] on the server: parse the URL leniently (bad
//! parameters are dropped with a friendly message, the rest still runs), search, and
//! localize cards, facets and suggestions.

use super::engine::SearchEngine;
use super::engine::SearchError;
use super::params::query_pairs;
use super::params::{Facet, ParamError, SearchParams, FACETS};
use super::table::flag;
use super::view::{FacetGroup, PlaceOption, SearchView, SuggestionLink};
use super::{SearchResponse, Suggestion};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::view::okrug_ref;
use crate::organizations::OrgCard;
use crate::region::OkrugRef;
use crate::taxonomy::{TermLabel, Vocabulary};

fn message(e: &ParamError, i18n: &I18n) -> String {
    i18n.t_with(&e.key, &[("value", e.value.as_str().into())])
}

/// Parses, dropping every pair a [`ParamError`] names, and returns the messages.
fn lenient(pairs: &[(String, String)], i18n: &I18n) -> (SearchParams, Vec<String>) {
    let mut kept = pairs.to_vec();
    let mut messages = vec![];
    for _ in 0..3 {
        match SearchParams::from_pairs(kept.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            Ok(p) => return (p, messages),
            Err(errors) => {
                messages.extend(errors.iter().map(|e| message(e, i18n)));
                // An error without a value (e.g. a radius without a point) drops every pair of that name.
                kept.retain(|(k, v)| {
                    !errors
                        .iter()
                        .any(|e| e.param == *k && (e.value.is_empty() || e.value == v.trim()))
                });
            }
        }
    }
    (
        SearchParams {
            page: 1,
            per_page: super::params::DEFAULT_PER_PAGE,
            ..Default::default()
        },
        messages,
    )
}

/// Runs the search, dropping unknown facet codes (with a message) rather than failing.
fn run(
    engine: &SearchEngine,
    mut params: SearchParams,
    i18n: &I18n,
    messages: &mut Vec<String>,
) -> Result<(SearchParams, SearchResponse), AppError> {
    for _ in 0..2 {
        match engine.search(&params, i18n) {
            Ok(resp) => return Ok((params, resp)),
            Err(SearchError::Params(errors)) => {
                messages.extend(errors.iter().map(|e| message(e, i18n)));
                for e in &errors {
                    if let Some(facet) = Facet::parse(&e.param) {
                        for (f, values) in params.filters.iter_mut() {
                            if *f == facet {
                                values.retain(|v| *v != e.value);
                            }
                        }
                    }
                }
                params.filters.retain(|(_, values)| !values.is_empty());
            }
            Err(SearchError::Internal(e)) => return Err(AppError::Internal(e)),
        }
    }
    Err(AppError::BadRequest("err-param-summary".into()))
}

/// The search page for a raw query string.
pub fn search_view(engine: &SearchEngine, raw: &str, i18n: &I18n) -> Result<SearchView, AppError> {
    let pairs = query_pairs(raw);
    let (params, mut errors) = lenient(&pairs, i18n);
    let (params, mut resp) = run(engine, params, i18n, &mut errors)?;
    let cards = cards(engine, &resp, i18n);
    let facets = FACETS
        .into_iter()
        .map(|f| FacetGroup {
            facet: f,
            title: i18n.t(&format!("facet-{}", f.as_str().replace('_', "-"))),
            values: resp.facets.remove(f.as_str()).unwrap_or_default(),
        })
        .collect();
    let suggestions = resp
        .suggestions
        .iter()
        .map(|s| suggestion_link(s, &params, i18n))
        .collect();
    let mut places: Vec<PlaceOption> = engine
        .catalog
        .okrugs
        .iter()
        .map(|o| PlaceOption {
            label: format!("{} ({})", o.center_address(), o.name.get(i18n.locale)),
            value: format!("{:.5},{:.5}", o.center.lat, o.center.lon),
        })
        .collect();
    // A village chosen on the "my village" page is offered first, so the picker shows it.
    if let Some(at) = params.near {
        let value = crate::gazetteer::near_value(at);
        let village = engine
            .catalog
            .settlements
            .iter()
            .find(|s| crate::gazetteer::near_value(s.at) == value);
        if let (Some(s), false) = (village, places.iter().any(|p| p.value == value)) {
            places.insert(0, place_option(&engine.catalog, s, i18n.locale));
        }
    }
    let pages = (resp.total.div_ceil(u64::from(params.per_page.max(1)))).max(1) as u32;
    Ok(SearchView {
        query: params.query_string().trim_start_matches('?').to_owned(),
        q: params.q.clone(),
        errors,
        total: resp.total,
        page: resp.page,
        pages,
        sort: params.effective_sort(),
        sort_chosen: params.sort.is_some(),
        near: params.near,
        near_value: params
            .near
            .map(|p| format!("{:.5},{:.5}", p.lat, p.lon))
            .unwrap_or_default(),
        radius_km: params.radius_km,
        bbox_value: params
            .bbox
            .map(|b| format!("{},{},{},{}", b.min_lon, b.min_lat, b.max_lon, b.max_lat))
            .unwrap_or_default(),
        cards,
        facets,
        suggestions,
        places,
    })
}

/// A settlement as an option of the near filter: «с. Кипель (Шумихинский)».
pub fn place_option(
    catalog: &crate::region::RegionCatalog,
    s: &crate::gazetteer::Settlement,
    locale: crate::i18n::Locale,
) -> PlaceOption {
    let okrug = catalog.okrug_by_id(s.okrug_id).map(|o| o.name.get(locale));
    PlaceOption {
        label: format!("{} ({})", s.label(), okrug.unwrap_or_default()),
        value: crate::gazetteer::near_value(s.at),
    }
}

fn cards(engine: &SearchEngine, resp: &SearchResponse, i18n: &I18n) -> Vec<OrgCard> {
    let Ok(table) = engine.table.read() else {
        return vec![];
    };
    let tax = &engine.catalog.taxonomy;
    let thresholds = engine.catalog.policy.thresholds(chrono::Utc::now());
    resp.items
        .iter()
        .filter_map(|hit| {
            let row = table.get(hit.id)?;
            let labels = |vocab: Vocabulary, codes: &[String]| -> Vec<TermLabel> {
                tax.labels(vocab, codes, i18n.locale)
            };
            let okrug = engine
                .catalog
                .okrug_by_slug(&hit.okrug)
                .map(|o| okrug_ref(&engine.catalog, o.id, i18n));
            Some(OrgCard {
                id: hit.id,
                url: hit.url.clone(),
                name: hit.name.clone(),
                kind_label: tax.label(Vocabulary::OrgKind, &hit.kind, i18n.locale),
                okrug: okrug.unwrap_or(OkrugRef {
                    slug: hit.okrug.clone(),
                    name: String::new(),
                }),
                settlement: row.settlement.clone(),
                directions: labels(Vocabulary::Direction, &hit.directions),
                audiences: labels(Vocabulary::Audience, &hit.audiences),
                summary: row.summary.clone(),
                snippet_html: Some(hit.snippet.clone()),
                distance_km: hit.distance_km,
                at: Some(row.at),
                verified: row.has(flag::VERIFIED),
                is_demo: row.has(flag::DEMO),
                freshness: thresholds.state(row.last_sign_of_life()),
            })
        })
        .collect()
}

/// A suggestion as a link to the same search with one change.
fn suggestion_link(s: &Suggestion, params: &SearchParams, i18n: &I18n) -> SuggestionLink {
    let mut changed = params.clone();
    changed.page = 1;
    let text = match s {
        Suggestion::DropFilter {
            facet,
            code,
            label,
            count,
        } => {
            changed
                .filters
                .iter_mut()
                .filter(|(f, _)| f.as_str() == facet)
                .for_each(|(_, v)| v.retain(|c| c != code));
            changed.filters.retain(|(_, v)| !v.is_empty());
            i18n.t_with(
                "suggest-drop-filter",
                &[
                    ("label", label.as_str().into()),
                    ("count", (*count as i64).into()),
                ],
            )
        }
        Suggestion::DropGeo { count } => {
            changed.near = None;
            changed.radius_km = None;
            changed.bbox = None;
            if changed.sort == Some(super::params::SortOrder::Distance) {
                changed.sort = None;
            }
            i18n.t_with("suggest-drop-geo", &[("count", (*count as i64).into())])
        }
        Suggestion::Spelling { query, count } => {
            changed.q = query.clone();
            i18n.t_with(
                "suggest-spelling",
                &[
                    ("query", query.as_str().into()),
                    ("count", (*count as i64).into()),
                ],
            )
        }
    };
    let qs = changed.query_string();
    SuggestionLink {
        text,
        href: if qs.is_empty() {
            "/".into()
        } else {
            format!("/{qs}")
        },
    }
}
