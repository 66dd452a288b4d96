//! Data access for organizations and their parts. All SQL about organizations lives here;
//! queries are portable and take bound parameters only.

use sqlx::{Sqlite, Transaction};

use super::validate::ValidOrganization;
use crate::db::{now, Db};
use crate::kinds::OrgStatus;
use crate::text::collation_key;

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
           (select max(v.verified_at) from verification v where v.organization_id = o.id) as verified_at
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
/// (`editing::store::load_editable`), revisions and the search API alike.
#[tracing::instrument(skip(db), err)]
pub async fn read(
    db: &Db,
    id: i64,
    published_only: bool,
    events: Events<'_>,
) -> sqlx::Result<Option<OrganizationRecord>> {
    let Some(org) = sqlx::query_as::<_, OrganizationRow>(
        "select * from organization where id = ? and (status = 'published' or not ?)",
    )
    .bind(id)
    .bind(published_only)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let term_ids = sqlx::query_scalar(
        "select term_id from organization_term where organization_id = ? order by term_id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let contacts = sqlx::query_as(
        "select kind, value from contact where organization_id = ? order by position, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut services = vec![];
    for s in sqlx::query_as::<_, ServiceRow>(
        "select id, name, description, cost, how_to_apply, schedule from service where organization_id = ? order by position, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    {
        let audiences = sqlx::query_scalar(
            "select term_id from service_term where service_id = ? order by term_id",
        )
        .bind(s.id)
        .fetch_all(db)
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
    .fetch_all(db)
    .await?;
    let needs = sqlx::query_as(
        "select kind, title, description from need where organization_id = ? and active = 1 order by position, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let verification = sqlx::query_as(
        "select method, verified_by, note, verified_at from verification where organization_id = ?
         order by verified_at desc, id desc limit 1",
    )
    .bind(id)
    .fetch_optional(db)
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

/// Finds the stored organization a record describes: the same ИНН or ОГРН, else the same
/// name in the same okrug. This is what makes re-importing a file update, not duplicate.
async fn find_existing(
    tx: &mut Transaction<'_, Sqlite>,
    region_id: i64,
    o: &ValidOrganization,
) -> sqlx::Result<Option<i64>> {
    // One indexed lookup per key: an OR across keys would scan the whole table per row,
    // which made a 100,000-row import quadratic. Only published rows match: a pending or
    // rejected proposal that borrowed a real organization's ИНН or name must never be
    // overwritten with the official data (and keep its proposer as editor); the unique
    // index then refuses the row and the import reports the clash.
    let by_key = [
        (
            "select id from organization where region_id = ? and inn = ? and status = 'published'",
            o.inn.as_deref(),
        ),
        (
            "select id from organization where region_id = ? and ogrn = ? and status = 'published'",
            o.ogrn.as_deref(),
        ),
    ];
    for (sql, value) in by_key {
        let Some(value) = value else { continue };
        let found = sqlx::query_scalar(sql)
            .bind(region_id)
            .bind(value)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_some() {
            return Ok(found);
        }
    }
    sqlx::query_scalar(
        "select id from organization where region_id = ? and okrug_id = ? and name = ? and status = 'published' limit 1",
    )
    .bind(region_id)
    .bind(o.okrug_id)
    .bind(&o.name)
    .fetch_optional(&mut **tx)
    .await
}

/// The id of an unpublished (pending or rejected) organization holding the ИНН or ОГРН.
pub async fn unpublished_holder(
    tx: &mut Transaction<'_, Sqlite>,
    region_id: i64,
    o: &ValidOrganization,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "select id from organization where region_id = ? and status <> 'published'
         and ((inn is not null and inn = ?) or (ogrn is not null and ogrn = ?)) limit 1",
    )
    .bind(region_id)
    .bind(o.inn.as_deref())
    .bind(o.ogrn.as_deref())
    .fetch_optional(&mut **tx)
    .await
}

/// Inserts a new organization or updates the matching one (bumping its version), replacing
/// its parts. Returns the id and whether it was created. Never touches verification
/// history: a record's own verification is added only if it is new.
pub async fn upsert(
    tx: &mut Transaction<'_, Sqlite>,
    region_id: i64,
    o: &ValidOrganization,
) -> sqlx::Result<(i64, bool)> {
    let existing = find_existing(tx, region_id, o).await?;
    let how = match existing {
        Some(id) => Write::Update {
            id,
            base_version: None,
            status: None,
            is_demo: Some(o.is_demo),
        },
        None => Write::Insert {
            region_id,
            status: OrgStatus::Published,
            is_demo: o.is_demo,
            proposed_by: None,
        },
    };
    let written = write(tx, o, how).await?;
    // Without a base version an update always writes.
    let (id, _) = written.ok_or(sqlx::Error::RowNotFound)?;
    Ok((id, existing.is_none()))
}

/// How [`write`] stores an organization.
#[derive(Clone, Copy, Debug)]
pub enum Write {
    /// A new row, at version 1.
    Insert {
        region_id: i64,
        status: OrgStatus,
        is_demo: bool,
        proposed_by: Option<i64>,
    },
    /// An existing row, version + 1. With `base_version`, only if the stored version is still
    /// that one; `None` in `status` or `is_demo` keeps the stored value.
    Update {
        id: i64,
        base_version: Option<i64>,
        status: Option<OrgStatus>,
        is_demo: Option<bool>,
    },
}

/// The organization columns every write sets, in the order [`bind_columns`] binds them.
const WRITTEN: [&str; 15] = [
    "okrug_id",
    "slug",
    "name",
    "sort_name",
    "kind",
    "legal_form",
    "inn",
    "ogrn",
    "summary",
    "description",
    "address",
    "settlement",
    "lat",
    "lon",
    "location_approximate",
];

type Scalar<'q> = sqlx::query::QueryScalar<'q, Sqlite, i64, sqlx::sqlite::SqliteArguments<'q>>;

fn bind_columns<'q>(q: Scalar<'q>, o: &'q ValidOrganization) -> Scalar<'q> {
    q.bind(o.okrug_id)
        .bind(&o.slug)
        .bind(&o.name)
        .bind(collation_key(&o.name))
        .bind(&o.kind)
        .bind(&o.legal_form)
        .bind(&o.inn)
        .bind(&o.ogrn)
        .bind(&o.summary)
        .bind(&o.description)
        .bind(&o.address)
        .bind(&o.settlement)
        .bind(o.location.lat)
        .bind(o.location.lon)
        .bind(o.approximate)
}

static INSERT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "insert into organization (region_id, {}, status, is_demo, version, proposed_by, created_at, updated_at)
         values (?, {}, ?, ?, 1, ?, ?, ?) returning id",
        WRITTEN.join(", "),
        vec!["?"; WRITTEN.len()].join(", ")
    )
});

static UPDATE_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let sets: Vec<String> = WRITTEN.iter().map(|c| format!("{c} = ?")).collect();
    format!(
        "update organization set {}, status = coalesce(?, status), is_demo = coalesce(?, is_demo),
           version = version + 1, updated_at = ?
         where id = ? and (? is null or version = ?) returning version",
        sets.join(", ")
    )
});

/// The one write path of an organization: import, edit, proposal and revert all store the
/// row here and replace its parts. Returns the id and the new version, or `None` when an
/// update's `base_version` is stale (then nothing is written).
pub async fn write(
    tx: &mut Transaction<'_, Sqlite>,
    o: &ValidOrganization,
    how: Write,
) -> sqlx::Result<Option<(i64, i64)>> {
    let ts = now();
    let (id, version, existed) = match how {
        Write::Insert {
            region_id,
            status,
            is_demo,
            proposed_by,
        } => {
            let q = sqlx::query_scalar(INSERT_SQL.as_str()).bind(region_id);
            let id = bind_columns(q, o)
                .bind(status)
                .bind(is_demo)
                .bind(proposed_by)
                .bind(&ts)
                .bind(&ts)
                .fetch_one(&mut **tx)
                .await?;
            (id, 1, false)
        }
        Write::Update {
            id,
            base_version,
            status,
            is_demo,
        } => {
            let q = bind_columns(sqlx::query_scalar(UPDATE_SQL.as_str()), o)
                .bind(status)
                .bind(is_demo)
                .bind(&ts)
                .bind(id)
                .bind(base_version)
                .bind(base_version);
            let Some(version) = q.fetch_optional(&mut **tx).await? else {
                return Ok(None);
            };
            (id, version, true)
        }
    };
    replace_parts(tx, id, o, &ts, existed).await?;
    Ok(Some((id, version)))
}

/// Inserts many rows in one statement: each statement costs a round trip to SQLite's
/// worker thread (~80 µs), so one multi-row insert beats one insert per row by far.
async fn insert_rows<T>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &str,
    rows: impl IntoIterator<Item = T>,
    bind: impl FnMut(sqlx::query_builder::Separated<'_, '_, Sqlite, &'static str>, T),
) -> sqlx::Result<()> {
    let mut rows = rows.into_iter().peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    let mut qb = sqlx::QueryBuilder::<Sqlite>::new(head);
    qb.push_values(rows, bind);
    qb.build().execute(&mut **tx).await.map(|_| ())
}

pub(crate) async fn replace_parts(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    o: &ValidOrganization,
    ts: &str,
    existed: bool,
) -> sqlx::Result<()> {
    if existed {
        for table in ["organization_term", "contact", "service", "event", "need"] {
            // Table names come from the fixed list above, never from input.
            sqlx::query(&format!("delete from {table} where organization_id = ?"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    insert_rows(
        tx,
        "insert into organization_term (organization_id, term_id) ",
        &o.term_ids,
        |mut b, t| {
            b.push_bind(id).push_bind(*t);
        },
    )
    .await?;
    let contacts = o.contacts.iter().enumerate();
    insert_rows(
        tx,
        "insert into contact (organization_id, kind, value, position, created_at, updated_at) ",
        contacts,
        |mut b, (pos, (kind, value))| {
            b.push_bind(id)
                .push_bind(kind.as_str())
                .push_bind(value.clone())
                .push_bind(pos as i64);
            b.push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_services(tx, id, o, ts).await?;
    insert_rows(
        tx,
        "insert into event (organization_id, title, description, starts_at, ends_at, place, format_term_id, created_at, updated_at) ",
        &o.events,
        |mut b, e| {
            b.push_bind(id).push_bind(e.title.clone()).push_bind(e.description.clone());
            b.push_bind(e.starts_at.clone()).push_bind(e.ends_at.clone()).push_bind(e.place.clone());
            b.push_bind(e.format_term_id).push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_rows(
        tx,
        "insert into need (organization_id, kind, title, description, position, created_at, updated_at) ",
        o.needs.iter().enumerate(),
        |mut b, (pos, n)| {
            b.push_bind(id).push_bind(n.kind.clone()).push_bind(n.title.clone()).push_bind(n.description.clone());
            b.push_bind(pos as i64).push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    if let Some(v) = &o.verification {
        sqlx::query(
            "insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at)
             select ?, ?, ?, ?, ?, ?, ? where not exists
               (select 1 from verification where organization_id = ? and method = ? and verified_at = ?)",
        )
        .bind(id)
        .bind(v.method.as_str())
        .bind(&v.verified_by)
        .bind(&v.note)
        .bind(&v.verified_at)
        .bind(ts)
        .bind(ts)
        .bind(id)
        .bind(v.method.as_str())
        .bind(&v.verified_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Services need their new ids for their audience links: one insert each, then one insert
/// for all the links.
async fn insert_services(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    o: &ValidOrganization,
    ts: &str,
) -> sqlx::Result<()> {
    let mut links = vec![];
    for (position, s) in o.services.iter().enumerate() {
        let service_id: i64 = sqlx::query_scalar(
            "insert into service (organization_id, name, description, cost, how_to_apply, schedule, position, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
        )
        .bind(id)
        .bind(&s.name)
        .bind(&s.description)
        .bind(s.cost.as_str())
        .bind(&s.how_to_apply)
        .bind(&s.schedule)
        .bind(position as i64)
        .bind(ts)
        .bind(ts)
        .fetch_one(&mut **tx)
        .await?;
        links.extend(s.audience_term_ids.iter().map(|t| (service_id, *t)));
    }
    insert_rows(
        tx,
        "insert into service_term (service_id, term_id) ",
        links,
        |mut b, (s, t)| {
            b.push_bind(s).push_bind(t);
        },
    )
    .await
}
