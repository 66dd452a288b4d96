//! Data access for organizations and their parts. All SQL about organizations lives here;
//! queries are portable and take bound parameters only.

use sqlx::Sqlite;

pub mod archive;
pub mod freshness;
mod write_path;
pub use write_path::{find_existing, unpublished_holder, write, Write};

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
    pub is_demo: bool,
    pub verified_at: Option<String>,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
}

/// Every column of the organization row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub region_id: i64,
    pub okrug_id: i64,
    pub slug: String,
    pub name: String,
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
    pub location_approximate: bool,
    pub status: OrgStatus,
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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub format_term_id: Option<i64>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedRow {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// Still needed (false: the help came).
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
    pub verification: Option<VerificationRow>,
}

/// The `where` clause of a list: only the conditions the query uses, so SQLite can pick the
/// okrug index (a generic "? is null or okrug_id = ?" made it walk every organization of
/// the region: 350 ms an okrug page at 100,000). Its parameters, in order, are bound by
/// [`bind_filter`].
fn filter(q: &ListQuery) -> String {
    let mut sql = String::from("o.region_id = ? and o.status = 'published'");
    if q.okrug_id.is_some() {
        sql.push_str(" and o.okrug_id = ?");
    }
    let term = " and exists (select 1 from organization_term ot where ot.organization_id = o.id and ot.term_id = ?)";
    if q.direction_term.is_some() {
        sql.push_str(term);
    }
    if q.audience_term.is_some() {
        sql.push_str(term);
    }
    sql
}

/// One page of published organizations matching the query, in Russian name order, and the
/// total number that match.
#[tracing::instrument(skip(db), err)]
pub async fn list_cards(
    db: &Db,
    region_id: i64,
    q: &ListQuery,
) -> sqlx::Result<(i64, Vec<CardRow>)> {
    let filter = filter(q);
    let count_sql = format!("select count(*) from organization o where {filter}");
    let total: i64 = bind_filter(sqlx::query_scalar(&count_sql), region_id, q)
        .fetch_one(db)
        .await?;
    let list_sql = format!(
        "select o.id, o.slug, o.name, o.kind, o.okrug_id, o.settlement, o.summary, o.is_demo,
           (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at,
           o.updated_at, o.confirmed_at
         from organization o where {filter}
         order by o.sort_name, o.id limit ? offset ?"
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

/// Lets [`bind_filter`] serve `query_scalar` and `query_as` alike.
trait BindFilter<'q>: Sized {
    fn bind_i64(self, v: Option<i64>) -> Self;
}

impl<'q, O> BindFilter<'q>
    for sqlx::query::QueryScalar<'q, Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>
{
    fn bind_i64(self, v: Option<i64>) -> Self {
        self.bind(v)
    }
}

impl<'q, O> BindFilter<'q>
    for sqlx::query::QueryAs<'q, Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>
{
    fn bind_i64(self, v: Option<i64>) -> Self {
        self.bind(v)
    }
}

/// The taxonomy term ids of each listed organization, as (organization id, term id).
pub async fn terms_of(db: &Db, org_ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    let ids = serde_json::to_string(org_ids).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(
        "select organization_id, term_id from organization_term
         where organization_id in (select value from json_each(?))",
    )
    .bind(ids)
    .fetch_all(db)
    .await
}

/// How many published organizations each okrug has, as (okrug id, count).
pub async fn okrug_counts(db: &Db, region_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "select okrug_id, count(*) from organization where region_id = ? and status = 'published' group by okrug_id",
    )
    .bind(region_id)
    .fetch_all(db)
    .await
}

/// Number of organizations in a region, whatever their status.
pub async fn count_all(db: &Db, region_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from organization where region_id = ?")
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
pub async fn access(db: &Db, id: i64) -> sqlx::Result<Option<OrgAccess>> {
    sqlx::query_as(
        "select id, region_id, slug, name, status, proposed_by, version from organization where id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Which events a read includes.
#[derive(Clone, Copy, Debug)]
pub enum Events<'a> {
    /// The upcoming ones (ending on or after this local `YYYY-MM-DD`), at most 20: what a
    /// public page shows.
    UpcomingFrom(&'a str),
    /// Every one: what the edit form, revisions and exports need.
    All,
}

/// Loads one published organization with all its parts. `today` (local `YYYY-MM-DD`) decides
/// which events are upcoming.
pub async fn get_record(db: &Db, id: i64, today: &str) -> sqlx::Result<Option<OrganizationRecord>> {
    read(db, id, true, Events::UpcomingFrom(today)).await
}

/// Like [`get_record`], but `published_only: false` also finds organizations awaiting
/// moderation or rejected (for their editors and staff; the caller checks).
pub async fn get_record_with(
    db: &Db,
    id: i64,
    today: &str,
    published_only: bool,
) -> sqlx::Result<Option<OrganizationRecord>> {
    read(db, id, published_only, Events::UpcomingFrom(today)).await
}

/// The one read path of an organization: the row and every part, for pages, the edit form
/// (`editing::store::load_editable`), revisions, import and the search API alike.
#[tracing::instrument(skip(db), err)]
pub async fn read(
    db: &Db,
    id: i64,
    published_only: bool,
    events: Events<'_>,
) -> sqlx::Result<Option<OrganizationRecord>> {
    let mut conn = db.acquire().await?;
    read_in(&mut conn, id, published_only, events).await
}

/// [`read`] on one connection, so an import sees its own transaction's writes.
pub async fn read_in(
    db: &mut sqlx::SqliteConnection,
    id: i64,
    published_only: bool,
    events: Events<'_>,
) -> sqlx::Result<Option<OrganizationRecord>> {
    let Some(org) = sqlx::query_as::<_, OrganizationRow>(
        "select * from organization where id = ? and (status = 'published' or not ?)",
    )
    .bind(id)
    .bind(published_only)
    .fetch_optional(&mut *db)
    .await?
    else {
        return Ok(None);
    };
    let term_ids = sqlx::query_scalar(
        "select term_id from organization_term where organization_id = ? order by term_id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let contacts = sqlx::query_as(
        "select kind, value from contact where organization_id = ? order by position, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let mut services = vec![];
    for s in sqlx::query_as::<_, ServiceRow>(
        "select id, name, description, cost, how_to_apply, schedule from service where organization_id = ? order by position, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?
    {
        let audiences = sqlx::query_scalar(
            "select term_id from service_term where service_id = ? order by term_id",
        )
        .bind(s.id)
        .fetch_all(&mut *db)
        .await?;
        services.push((s, audiences));
    }
    let events = match events {
        Events::UpcomingFrom(today) => sqlx::query_as(
            "select title, description, starts_at, ends_at, place, format_term_id from event
             where organization_id = ? and coalesce(ends_at, starts_at) >= ? order by starts_at limit 20",
        )
        .bind(id)
        .bind(today),
        Events::All => sqlx::query_as(
            "select title, description, starts_at, ends_at, place, format_term_id from event
             where organization_id = ? order by starts_at, id",
        )
        .bind(id),
    }
    .fetch_all(&mut *db)
    .await?;
    let needs = sqlx::query_as(
        "select kind, title, description, active, until from need where organization_id = ? order by position, id",
    )
    .bind(id)
    .fetch_all(&mut *db)
    .await?;
    let verification = sqlx::query_as(
        "select method, verified_by, note, verified_at from verification where organization_id = ?
         order by verified_at desc, id desc limit 1",
    )
    .bind(id)
    .fetch_optional(&mut *db)
    .await?;
    Ok(Some(OrganizationRecord {
        org,
        term_ids,
        contacts,
        services,
        events,
        needs,
        verification,
    }))
}
