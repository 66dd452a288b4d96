//! Data access for organizations and their parts. All SQL about organizations lives here;
//! queries are portable and take bound parameters only.

use sqlx::Any;

pub mod archive;
mod batch_sql;
pub mod freshness;
mod keys;
pub use keys::{known_keys, KnownKeys};
mod parts;
mod read;
pub use read::{
    get_record, past_events, read, read_ahead, read_in, read_many, Events, Parts, BATCH,
    EVENT_COLUMNS,
};
mod write_path;
pub use write_path::{
    event_uid, find_existing, identifier_clash, insert_many, unpublished_holder, write, New, Write,
};

use crate::db::Db;
use crate::kinds::OrgStatus;

/// A filtered, paged list query, with taxonomy codes already resolved to term ids.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub okrug_id: Option<i64>,
    pub direction_term: Option<i64>,
    pub audience_term: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

/// The columns a list card needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CardRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub okrug_id: i64,
    pub settlement: String,
    pub summary: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub is_demo: bool,
    pub verified_at: Option<String>,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
}

/// Every column of the organization row. The one read path reads exactly the columns named
/// by these fields (see `read.rs`), so a new column needs only its field here.
#[derive(Clone, Debug, sqlx::FromRow, serde::Deserialize)]
pub struct OrganizationRow {
    pub id: i64,
    pub region_id: i64,
    pub okrug_id: i64,
    pub slug: String,
    pub name: String,
    /// The name's collation key (Russian alphabetical order, "ё" with "е").
    pub sort_name: String,
    pub kind: String,
    pub legal_form: Option<String>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub summary: String,
    pub description: String,
    pub address: String,
    pub settlement: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(deserialize_with = "read::bool_from_int")]
    #[sqlx(try_from = "crate::db::Flag")]
    pub location_approximate: bool,
    pub status: OrgStatus,
    #[serde(deserialize_with = "read::bool_from_int")]
    #[sqlx(try_from = "crate::db::Flag")]
    pub is_demo: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The logo's file name under the uploads folder, if any.
    pub logo: Option<String>,
    /// Staff's note to the organization's own people (not public).
    pub moderation_note: String,
    /// When the organization itself last confirmed its listing (not an edit).
    pub confirmed_at: Option<String>,
    /// When it was archived ("больше не работает"), and why (public).
    pub archived_at: Option<String>,
    pub archive_note: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContactRow {
    pub kind: String,
    pub value: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub cost: String,
    pub how_to_apply: String,
    pub schedule: String,
}

/// An event as stored; the one read path reads the columns these fields name.
#[derive(Clone, Debug, sqlx::FromRow, serde::Deserialize)]
pub struct EventRow {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub format_term_id: Option<i64>,
    pub uid: String,
    pub registration_url: String,
    #[serde(deserialize_with = "read::bool_from_int")]
    #[sqlx(try_from = "crate::db::Flag")]
    pub registration_phone: bool,
    #[serde(deserialize_with = "read::bool_from_int")]
    #[sqlx(try_from = "crate::db::Flag")]
    pub online: bool,
    pub report: String,
    /// Its own point on the map, when it has one (named apart from the organization's
    /// `lat`/`lon`, which reads join beside it).
    pub point_lat: Option<f64>,
    pub point_lon: Option<f64>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedRow {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// Still needed (false: the help came).
    #[sqlx(try_from = "crate::db::Flag")]
    pub active: bool,
    pub until: Option<String>,
}

impl NeedRow {
    /// Open on `today` (YYYY-MM-DD): still needed and not past its "до" date.
    pub fn open_on(&self, today: &str) -> bool {
        self.active && self.until.as_deref().is_none_or(|u| u >= today)
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VerificationRow {
    pub method: String,
    pub verified_by: String,
    pub note: String,
    pub verified_at: String,
}

/// An organization with all its parts, as stored.
#[derive(Clone, Debug)]
pub struct OrganizationRecord {
    pub org: OrganizationRow,
    pub term_ids: Vec<i64>,
    pub contacts: Vec<ContactRow>,
    /// Each service with its audience term ids.
    pub services: Vec<(ServiceRow, Vec<i64>)>,
    pub events: Vec<EventRow>,
    pub needs: Vec<NeedRow>,
    pub offers: Vec<OfferRow>,
    /// Its active partnerships (accepted, or recorded by staff).
    pub ties: Vec<TieRow>,
    pub verification: Option<VerificationRow>,
}

/// An active partnership as a listing sees it: the kind's code and whether this
/// organization invited (in mentoring the inviting side mentors).
#[derive(Clone, Debug, PartialEq)]
pub struct TieRow {
    pub kind: String,
    pub inviter: bool,
}

/// Help an organization offers others (a need-kind code, its own title and text).
#[derive(Clone, Debug, PartialEq)]
pub struct OfferRow {
    pub kind: String,
    pub title: String,
    pub description: String,
}

/// The `where` clause of a list: only the conditions the query uses, so SQLite can pick the
/// okrug index (a generic "$2 is null or okrug_id = $2" made it walk every organization of
/// the region: 350 ms an okrug page at 100,000). Its parameters, in order, are bound by
/// [`bind_filter`].
fn filter(q: &ListQuery) -> (String, usize) {
    let mut sql = String::from("o.region_id = $1 and o.status = 'published'");
    let mut n = 1;
    let mut next = |sql: &mut String, part: &str| {
        n += 1;
        sql.push_str(&part.replace("$n", &format!("${n}")));
    };
    if q.okrug_id.is_some() {
        next(&mut sql, " and o.okrug_id = $n");
    }
    let term = " and exists (select 1 from organization_term ot where ot.organization_id = o.id and ot.term_id = $n)";
    if q.direction_term.is_some() {
        next(&mut sql, term);
    }
    if q.audience_term.is_some() {
        next(&mut sql, term);
    }
    (sql, n)
}

/// One page of published organizations matching the query, in Russian name order, and the
/// total number that match.
#[tracing::instrument(skip(db), err)]
pub async fn list_cards(
    db: &Db,
    region_id: i64,
    q: &ListQuery,
) -> sqlx::Result<(i64, Vec<CardRow>)> {
    let (filter, used) = filter(q);
    let count_sql = format!("select count(*) from organization o where {filter}");
    let total: i64 = bind_filter(sqlx::query_scalar(&count_sql), region_id, q)
        .fetch_one(db)
        .await?;
    let list_sql = format!(
        "select o.id, o.slug, o.name, o.kind, o.okrug_id, o.settlement, o.summary, o.is_demo,
           (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at,
           o.updated_at, o.confirmed_at
         from organization o where {filter}
         order by o.sort_name, o.id limit ${} offset ${}",
        used + 1,
        used + 2
    );
    let rows = bind_filter(sqlx::query_as::<_, CardRow>(&list_sql), region_id, q)
        .bind(q.limit)
        .bind(q.offset)
        .fetch_all(db)
        .await?;
    Ok((total, rows))
}

/// Binds the parameters of [`filter`] to any kind of sqlx query.
fn bind_filter<'q, Q: BindFilter<'q>>(query: Q, region_id: i64, q: &ListQuery) -> Q {
    [q.okrug_id, q.direction_term, q.audience_term]
        .into_iter()
        .flatten()
        .fold(query.bind_i64(Some(region_id)), |query, v| {
            query.bind_i64(Some(v))
        })
}

/// Lets [`bind_filter`] (and other filters' binders) serve `query_scalar` and `query_as` alike.
pub(crate) trait BindFilter<'q>: Sized {
    fn bind_i64(self, v: Option<i64>) -> Self;
    fn bind_text(self, v: Option<String>) -> Self;
}

impl<'q, O> BindFilter<'q> for sqlx::query::QueryScalar<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_i64(self, v: Option<i64>) -> Self {
        self.bind(v)
    }
    fn bind_text(self, v: Option<String>) -> Self {
        self.bind(v)
    }
}

impl<'q, O> BindFilter<'q> for sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_i64(self, v: Option<i64>) -> Self {
        self.bind(v)
    }
    fn bind_text(self, v: Option<String>) -> Self {
        self.bind(v)
    }
}

/// The taxonomy term ids of each listed organization, as (organization id, term id).
pub async fn terms_of(db: &Db, org_ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    let ids = serde_json::to_string(org_ids).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(&format!(
        "select organization_id, term_id from organization_term
         where organization_id in ({})",
        crate::db::json_ids(crate::db::Backend::of(db), "$1")
    ))
    .bind(ids)
    .fetch_all(db)
    .await
}

/// How many published organizations each okrug has, as (okrug id, count).
pub async fn okrug_counts(db: &Db, region_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select okrug_id, count(*) from organization where region_id = $1 and status = 'published' group by okrug_id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// Number of organizations in a region, whatever their status.
pub async fn count_all(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from organization where region_id = $1")
        .bind(region_id)
        .fetch_one(db)
        .await
}

/// The facts about an organization that decide who may touch it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgAccess {
    pub id: i64,
    pub region_id: i64,
    pub slug: String,
    pub name: String,
    pub status: OrgStatus,
    pub proposed_by: Option<i64>,
    pub version: i64,
}

/// The facts about an organization that decide who may touch it.
pub async fn access(
    db: impl crate::db::AnyExecutor<'_>,
    id: i64,
) -> sqlx::Result<Option<OrgAccess>> {
    sqlx::query_as(
        "select id, region_id, slug, name, status, proposed_by, version from organization where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The published organizations of an okrug, by name (their posters and lists).
pub async fn published_in_okrug(db: &Db, okrug_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "select id from organization where okrug_id = $1 and status = 'published'
         order by sort_name, id",
    )
    .bind(okrug_id)
    .fetch_all(db)
    .await
}
