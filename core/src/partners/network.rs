//! The region's network of fellow travellers for `/network` (all its SQL here): the active
//! ties by okrug, how many of each kind, the organizations with no partner yet, and the
//! okrugs with no tie across their border.

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
pub use read::page;

/// One organization, linked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgLink {
    pub name: String,
    pub url: String,
}

/// A tie as the network lists it, from the okrug's side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieLine {
    pub org: OrgLink,
    pub partner: OrgLink,
    /// What the partner is to the organization.
    pub label: String,
    /// The partner is in another okrug (named).
    pub elsewhere: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OkrugNetwork {
    pub name: String,
    pub slug: String,
    pub ties: Vec<TieLine>,
    /// Published organizations with no active tie: how many, and the first few by name.
    pub alone: usize,
    pub alone_sample: Vec<OrgLink>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkPage {
    pub ties: usize,
    /// (kind label, count) in the kinds' order.
    pub by_kind: Vec<(String, usize)>,
    pub alone: usize,
    /// Okrugs whose organizations have no tie with another okrug's.
    pub no_cross_okrug: Vec<String>,
    pub okrugs: Vec<OkrugNetwork>,
}

#[cfg(feature = "server")]
mod read {
    use std::collections::{BTreeMap, HashMap, HashSet};

    use super::{NetworkPage, OkrugNetwork, OrgLink, TieLine};
    use crate::db::Db;
    use crate::i18n::I18n;
    use crate::kinds::PartnershipKind;
    use crate::organizations::org_url;
    use crate::partners::label_key;
    use crate::region::RegionCatalog;

    /// Organizations without partners named per okrug.
    const SAMPLE: i64 = 10;
    /// Ties read at most (a region's network, not a country's).
    const MAX_TIES: i64 = 10_000;

    #[derive(sqlx::FromRow)]
    struct Tie {
        kind: PartnershipKind,
        a_id: i64,
        a_slug: String,
        a_name: String,
        a_okrug: i64,
        b_id: i64,
        b_slug: String,
        b_name: String,
        b_okrug: i64,
    }

    #[derive(sqlx::FromRow)]
    struct Alone {
        okrug_id: i64,
        total: i64,
        id: i64,
        slug: String,
        name: String,
    }

    pub async fn page(db: &Db, region: &RegionCatalog, i18n: &I18n) -> sqlx::Result<NetworkPage> {
        let ties: Vec<Tie> = sqlx::query_as(
            "select p.kind, a.id as a_id, a.slug as a_slug, a.name as a_name, a.okrug_id as a_okrug,
                    b.id as b_id, b.slug as b_slug, b.name as b_name, b.okrug_id as b_okrug
             from partnership p join organization a on a.id = p.from_org join organization b on b.id = p.to_org
             where p.status = 'active' and a.status = 'published' and b.status = 'published' and a.region_id = $1
             order by a.sort_name, b.sort_name, p.id limit $2",
        )
        .bind(region.id)
        .bind(MAX_TIES)
        .fetch_all(db)
        .await?;
        let alone: Vec<Alone> = sqlx::query_as(
            "select okrug_id, total, id, slug, name from (
               select o.okrug_id, o.id, o.slug, o.name,
                      count(*) over (partition by o.okrug_id) as total,
                      row_number() over (partition by o.okrug_id order by o.sort_name, o.id) as n
               from organization o
               where o.region_id = $1 and o.status = 'published'
                 and not exists (select 1 from partnership p where p.status = 'active'
                                 and (p.from_org = o.id or p.to_org = o.id))) a
             where n <= $2 order by okrug_id, n",
        )
        .bind(region.id)
        .bind(SAMPLE)
        .fetch_all(db)
        .await?;
        let name_of = |okrug: i64| {
            region
                .okrug_by_id(okrug)
                .map(|o| o.name.get(i18n.locale).to_owned())
                .unwrap_or_default()
        };
        let link = |id: i64, slug: &str, name: &str| OrgLink {
            name: name.to_owned(),
            url: org_url(id, slug),
        };
        let mut lines: HashMap<i64, Vec<TieLine>> = HashMap::new();
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut crossing: HashSet<i64> = HashSet::new();
        for t in &ties {
            let k = PartnershipKind::ALL
                .iter()
                .position(|k| *k == t.kind)
                .unwrap_or(0);
            *counts.entry(k).or_default() += 1;
            let cross = t.a_okrug != t.b_okrug;
            if cross {
                crossing.extend([t.a_okrug, t.b_okrug]);
            }
            let (a, b) = (
                link(t.a_id, &t.a_slug, &t.a_name),
                link(t.b_id, &t.b_slug, &t.b_name),
            );
            lines.entry(t.a_okrug).or_default().push(TieLine {
                org: a.clone(),
                partner: b.clone(),
                label: i18n.t(&label_key(t.kind, false)),
                elsewhere: cross.then(|| name_of(t.b_okrug)),
            });
            if cross || t.a_id != t.b_id {
                lines.entry(t.b_okrug).or_default().push(TieLine {
                    org: b,
                    partner: a,
                    label: i18n.t(&label_key(t.kind, true)),
                    elsewhere: cross.then(|| name_of(t.a_okrug)),
                });
            }
        }
        let mut alone_by: HashMap<i64, (usize, Vec<OrgLink>)> = HashMap::new();
        for a in &alone {
            let e = alone_by.entry(a.okrug_id).or_default();
            e.0 = a.total as usize;
            e.1.push(link(a.id, &a.slug, &a.name));
        }
        let okrugs = region
            .okrugs
            .iter()
            .map(|o| {
                let (alone, alone_sample) = alone_by.remove(&o.id).unwrap_or_default();
                let mut ties = lines.remove(&o.id).unwrap_or_default();
                ties.sort_by(|x, y| x.org.name.cmp(&y.org.name));
                OkrugNetwork {
                    name: o.name.get(i18n.locale).to_owned(),
                    slug: o.slug.clone(),
                    ties,
                    alone,
                    alone_sample,
                }
            })
            .collect::<Vec<_>>();
        Ok(NetworkPage {
            ties: ties.len(),
            by_kind: PartnershipKind::ALL
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    let key = format!("partner-kind-{}", k.as_str().replace('_', "-"));
                    (i18n.t(&key), counts.get(&i).copied().unwrap_or(0))
                })
                .collect(),
            alone: okrugs.iter().map(|o| o.alone).sum(),
            no_cross_okrug: region
                .okrugs
                .iter()
                .filter(|o| !crossing.contains(&o.id))
                .map(|o| o.name.get(i18n.locale).to_owned())
                .collect(),
            okrugs,
        })
    }
}
