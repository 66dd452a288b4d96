//! The HSDS API's queries: its parameters (`search`, `page`, `per_page`, `taxonomy_term_id`,
//! `taxonomy_id`, `organization_id`, `modified_after`, `format`, `full`, `minimal`,
//! `full_service`), the published organizations they select, and the spec's `Page` of
//! organizations, services or service-at-locations.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::ids::Kind;
use super::map::{rows, Context, Rows};
use super::{objects, store};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::organizations::store::{self as org_store, Events};
use crate::search::params::{ParamError, SearchParams};
use crate::state::Core;
use crate::taxonomy::Vocabulary;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 100_000;

/// The parameters of a list request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HsdsQuery {
    pub search: String,
    pub page: u32,
    pub per_page: u32,
    pub taxonomy_term_id: Option<String>,
    pub taxonomy_id: Option<String>,
    pub organization_id: Option<String>,
    /// Normalized to the database's RFC 3339 form.
    pub modified_after: Option<String>,
    /// `format=ndjson`: every result, one object a line, no pages.
    pub ndjson: bool,
    pub full: bool,
    pub minimal: bool,
    pub full_service: bool,
}

fn flag(key: &str, v: &str, errors: &mut Vec<ParamError>) -> bool {
    match v {
        "true" | "1" => true,
        "false" | "0" | "" => false,
        _ => {
            errors.push(ParamError::new(key, "err-param-flag", v));
            false
        }
    }
}

/// UUID syntax: 8-4-4-4-12 hexadecimal digits.
fn is_uuid(v: &str) -> bool {
    v.len() == 36
        && v.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// `2026-01-02` or an RFC 3339 moment, as stored (UTC, seconds).
pub fn parse_moment(v: &str) -> Option<String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return Some(crate::db::stamp(t.with_timezone(&chrono::Utc)));
    }
    let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    Some(crate::db::stamp(
        d.and_time(chrono::NaiveTime::MIN).and_utc(),
    ))
}

impl HsdsQuery {
    /// Parses URL query pairs; unknown parameters are ignored, bad values reported.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<ParamError>> {
        let mut q = HsdsQuery {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Default::default()
        };
        let mut errors = vec![];
        for (key, raw) in pairs {
            let v = raw.trim();
            let uuid = |errors: &mut Vec<ParamError>| {
                if is_uuid(v) {
                    Some(v.to_ascii_lowercase())
                } else {
                    errors.push(ParamError::new(key, "err-param-uuid", v));
                    None
                }
            };
            match key {
                "search" => q.search = crate::search::params::clip_query(raw),
                "page" => match v.parse::<u32>() {
                    Ok(n) if (1..=MAX_PAGE).contains(&n) => q.page = n,
                    _ => errors.push(ParamError::new(key, "err-param-page", v)),
                },
                "per_page" => match v.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => q.per_page = n,
                    _ => errors.push(ParamError::new(key, "err-param-per-page", v)),
                },
                "taxonomy_term_id" if !v.is_empty() => q.taxonomy_term_id = uuid(&mut errors),
                "taxonomy_id" if !v.is_empty() => q.taxonomy_id = uuid(&mut errors),
                "organization_id" if !v.is_empty() => q.organization_id = uuid(&mut errors),
                "modified_after" if !v.is_empty() => match parse_moment(v) {
                    Some(m) => q.modified_after = Some(m),
                    None => errors.push(ParamError::new(key, "err-param-since", v)),
                },
                "format" => match v {
                    "" | "json" => q.ndjson = false,
                    "ndjson" => q.ndjson = true,
                    _ => errors.push(ParamError::new(key, "err-param-format", v)),
                },
                "full" => q.full = flag(key, v, &mut errors),
                "minimal" => q.minimal = flag(key, v, &mut errors),
                "full_service" => q.full_service = flag(key, v, &mut errors),
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(q)
        } else {
            Err(errors)
        }
    }
}

/// The search facet of a vocabulary, if search filters by it.
fn facet(vocab: Vocabulary) -> Option<&'static str> {
    match vocab {
        Vocabulary::OrgKind => Some("kind"),
        Vocabulary::Direction => Some("direction"),
        Vocabulary::Audience => Some("audience"),
        Vocabulary::EventFormat => Some("event_format"),
        Vocabulary::LegalForm | Vocabulary::NeedKind => None,
    }
}

/// Keeps in `keep` only the organizations also in `ids` (all of `ids` when nothing is kept
/// yet).
fn narrow(ids: Vec<i64>, keep: &mut Option<HashSet<i64>>) {
    let set: HashSet<i64> = ids.into_iter().collect();
    *keep = Some(match keep.take() {
        Some(k) => k.intersection(&set).copied().collect(),
        None => set,
    });
}

/// The published organizations `q` selects: by relevance with `search`, else in id order.
pub async fn select(core: &Core, q: &HsdsQuery) -> Result<Vec<i64>, AppError> {
    let cx = Context::new(&core.region, &core.config.public_url);
    let region = core.region.id;
    let mut pairs: Vec<(String, String)> = vec![("q".into(), q.search.clone())];
    let mut keep: Option<HashSet<i64>> = None;
    if let Some(term) = &q.taxonomy_term_id {
        match cx.term_of(term) {
            Some((vocab, code)) => match facet(vocab) {
                Some(f) => pairs.push((f.into(), code)),
                None if vocab == Vocabulary::LegalForm => narrow(
                    store::with_legal_form(&core.db, region, &code).await?,
                    &mut keep,
                ),
                None => return Ok(vec![]),
            },
            None => return Ok(vec![]),
        }
    }
    if let Some(tax) = &q.taxonomy_id {
        match Vocabulary::ALL
            .into_iter()
            .find(|v| cx.taxonomy_id(*v) == *tax)
        {
            Some(vocab) => match facet(vocab) {
                Some(f) => {
                    let codes: Vec<String> = core
                        .region
                        .taxonomy
                        .terms(vocab)
                        .iter()
                        .map(|t| t.code.clone())
                        .collect();
                    pairs.push((f.into(), codes.join(",")));
                }
                None if vocab == Vocabulary::LegalForm => narrow(
                    store::with_any_legal_form(&core.db, region).await?,
                    &mut keep,
                ),
                None => return Ok(vec![]),
            },
            None => return Ok(vec![]),
        }
    }
    if let Some(org) = &q.organization_id {
        match cx.ids.organization_of(org) {
            Some(id) => narrow(vec![id], &mut keep),
            None => return Ok(vec![]),
        }
    }
    if let Some(since) = &q.modified_after {
        narrow(
            store::changed_since(&core.db, region, since).await?,
            &mut keep,
        );
    }
    let params = SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("HSDS search parameters: {e:?}")))?;
    let by_relevance = !q.search.trim().is_empty();
    let job = move |c: &Core| c.search.ordered_ids(&params, &I18n::default());
    let mut ids = crate::blocking::off_the_workers(core, job)
        .await?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("HSDS search: {e:?}")))?;
    if let Some(k) = keep {
        ids.retain(|id| k.contains(id));
    }
    if !by_relevance {
        ids.sort_unstable();
    }
    Ok(ids)
}

/// The spec's `Page` around `contents`.
pub fn page(total: usize, q: &HsdsQuery, contents: Vec<Value>) -> Value {
    let per = q.per_page.max(1) as usize;
    let pages = total.div_ceil(per);
    json!({
        "total_items": total,
        "total_pages": pages,
        "page_number": q.page,
        "size": contents.len(),
        "first_page": q.page <= 1,
        "last_page": q.page as usize >= pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// Reads `ids` (published only) and maps each to its rows.
pub async fn rows_of(core: &Core, ids: &[i64]) -> Result<Vec<Rows>, AppError> {
    let cx = Context::new(&core.region, &core.config.public_url);
    let today = crate::db::now().get(..10).unwrap_or_default().to_owned();
    let recs = org_store::read_many(&core.db, ids, Events::All).await?;
    Ok(recs.iter().map(|r| rows(&cx, r, &today)).collect())
}

/// An organization in a list: its own fields, or nested in full (`full`, and with every
/// service in full for `full_service`).
pub fn organization_item(cx: &Context, r: &Rows, q: &HsdsQuery) -> Value {
    if q.full || q.full_service {
        objects::organization(cx, r)
    } else {
        r.organization.clone()
    }
}

/// A page of organizations.
pub async fn organizations(core: &Core, q: &HsdsQuery) -> Result<Value, AppError> {
    let ids = select(core, q).await?;
    let cx = Context::new(&core.region, &core.config.public_url);
    let per = q.per_page as usize;
    let from = ((q.page - 1) as usize * per).min(ids.len());
    let chunk = &ids[from..(from + per).min(ids.len())];
    let contents = rows_of(core, chunk)
        .await?
        .iter()
        .map(|r| organization_item(&cx, r, q))
        .collect();
    Ok(page(ids.len(), q, contents))
}

/// Where service number `n` (0-based, over the selected organizations in order) is.
fn locate(counts: &[(i64, i64)], from: usize, len: usize) -> Vec<(i64, Vec<u32>)> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    for (id, n) in counts {
        let slots: Vec<u32> = if *n == 0 {
            vec![0]
        } else {
            (1..=*n as u32).collect()
        };
        let here = slots.len();
        if seen + here > from && seen < from + len {
            let skip = from.saturating_sub(seen);
            let take = (from + len - seen.max(from)).min(here - skip);
            out.push((*id, slots[skip..skip + take].to_vec()));
        }
        seen += here;
        if seen >= from + len {
            break;
        }
    }
    out
}

/// A page of services (or of service-at-locations: one each, so the same paging).
pub async fn services(core: &Core, q: &HsdsQuery, kind: Kind) -> Result<Value, AppError> {
    let ids = select(core, q).await?;
    let counts = store::service_counts(&core.db, &ids).await?;
    let total: usize = counts.iter().map(|(_, n)| (*n).max(1) as usize).sum();
    let per = q.per_page as usize;
    let wanted = locate(&counts, (q.page - 1) as usize * per, per);
    let org_ids: Vec<i64> = wanted.iter().map(|(id, _)| *id).collect();
    let cx = Context::new(&core.region, &core.config.public_url);
    let all = rows_of(core, &org_ids).await?;
    let mut contents = Vec::new();
    for (id, slots) in wanted {
        let Some(r) = all
            .iter()
            .find(|r| r.organization["id"] == cx.ids.organization(id))
        else {
            continue;
        };
        for slot in slots {
            contents.extend(service_item(&cx, r, id, slot, q, kind));
        }
    }
    Ok(page(total, q, contents))
}

/// One service (or service-at-location) of a list.
pub fn service_item(
    cx: &Context,
    r: &Rows,
    id: i64,
    slot: u32,
    q: &HsdsQuery,
    kind: Kind,
) -> Option<Value> {
    let sid = cx.ids.service(id, slot);
    let s = r.services.iter().find(|s| s["id"] == *sid)?;
    service_view(cx, r, s, q, kind)
}

/// Service `s` of `r` as a list or stream shows it: the service, or its place.
pub fn service_view(cx: &Context, r: &Rows, s: &Value, q: &HsdsQuery, kind: Kind) -> Option<Value> {
    Some(match kind {
        Kind::ServiceAtLocation => {
            let sal = r
                .service_at_locations
                .iter()
                .find(|x| x["service_id"] == s["id"])?;
            if q.full {
                objects::service_at_location(cx, r, sal)
            } else {
                sal.clone()
            }
        }
        _ if q.full => objects::service(cx, r, s),
        _ => objects::service_summary(r, s, q.minimal),
    })
}

/// One object by its UUID, fully nested: an organization (always with its services, so
/// `full_service` changes nothing), a service or a service-at-location.
pub async fn one(core: &Core, kind: Kind, uuid: &str) -> Result<Option<Value>, AppError> {
    let cx = Context::new(&core.region, &core.config.public_url);
    let (id, slot) = match kind {
        Kind::Organization => match cx.ids.organization_of(uuid) {
            Some(id) => (id, 0),
            None => return Ok(None),
        },
        _ => match cx.ids.service_of(uuid, kind) {
            Some(found) => found,
            None => return Ok(None),
        },
    };
    let Some(r) = rows_of(core, &[id]).await?.pop() else {
        return Ok(None);
    };
    let q = HsdsQuery {
        full: true,
        ..Default::default()
    };
    Ok(match kind {
        Kind::Organization => Some(objects::organization(&cx, &r)),
        _ => service_item(&cx, &r, id, slot, &q, kind),
    })
}
