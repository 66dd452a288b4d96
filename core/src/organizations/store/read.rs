//! The one read path of an organization: its row and every part, for one organization
//! (pages, the edit form, revisions, import) or for a batch of them (downloads), with the
//! same queries either way: one per part for the whole batch.

use std::collections::HashMap;

use super::{
    ContactRow, EventRow, NeedRow, OrganizationRecord, OrganizationRow, ServiceRow, VerificationRow,
};
use crate::db::Db;

/// Which events a read includes.
#[derive(Clone, Copy, Debug)]
pub enum Events<'a> {
    /// The upcoming ones (ending on or after this local `YYYY-MM-DD`), at most 20 each: what
    /// a public page shows.
    UpcomingFrom(&'a str),
    /// Every one: what the edit form, revisions and exports need.
    All,
}

/// At most this many organizations are read at once; [`read_many`] takes longer lists in
/// batches of it.
pub const BATCH: usize = 500;

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

/// One organization with every part, for pages, the edit form
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
    Ok(read_batch(db, &[id], published_only, events).await?.pop())
}

/// The published organizations among `ids` with every part, in the order of `ids` (missing
/// and unpublished ones left out), read [`BATCH`] at a time.
pub async fn read_many(
    db: &Db,
    ids: &[i64],
    events: Events<'_>,
) -> sqlx::Result<Vec<OrganizationRecord>> {
    let mut conn = db.acquire().await?;
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(BATCH) {
        out.extend(read_batch(&mut conn, chunk, true, events).await?);
    }
    Ok(out)
}

/// Parts keyed by their organization, in the order the query gave them.
fn by_org<T>(rows: Vec<(i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (org, row) in rows {
        out.entry(org).or_default().push(row);
    }
    out
}

type ServiceTuple = (i64, i64, String, String, String, String, String);
type EventTuple = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<i64>,
);
type NeedTuple = (i64, String, String, String, bool, Option<String>);

async fn read_batch(
    db: &mut sqlx::SqliteConnection,
    ids: &[i64],
    published_only: bool,
    events: Events<'_>,
) -> sqlx::Result<Vec<OrganizationRecord>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let orgs = sqlx::query_as::<_, OrganizationRow>(
        "select * from organization where id in (select value from json_each(?))
         and (status = 'published' or not ?)",
    )
    .bind(&list)
    .bind(published_only)
    .fetch_all(&mut *db)
    .await?;
    if orgs.is_empty() {
        return Ok(vec![]);
    }
    let mut terms = by_org(
        sqlx::query_as::<_, (i64, i64)>(
            "select organization_id, term_id from organization_term
             where organization_id in (select value from json_each(?)) order by organization_id, term_id",
        )
        .bind(&list)
        .fetch_all(&mut *db)
        .await?,
    );
    let mut contacts = by_org(
        sqlx::query_as::<_, (i64, String, String)>(
            "select organization_id, kind, value from contact
             where organization_id in (select value from json_each(?)) order by organization_id, position, id",
        )
        .bind(&list)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|(org, kind, value)| (org, ContactRow { kind, value }))
        .collect(),
    );
    let service_rows = sqlx::query_as::<_, ServiceTuple>(
        "select organization_id, id, name, description, cost, how_to_apply, schedule from service
         where organization_id in (select value from json_each(?)) order by organization_id, position, id",
    )
    .bind(&list)
    .fetch_all(&mut *db)
    .await?;
    let mut service_terms = by_org(
        sqlx::query_as::<_, (i64, i64)>(
            "select st.service_id, st.term_id from service_term st join service s on s.id = st.service_id
             where s.organization_id in (select value from json_each(?)) order by st.service_id, st.term_id",
        )
        .bind(&list)
        .fetch_all(&mut *db)
        .await?,
    );
    let mut services = by_org(
        service_rows
            .into_iter()
            .map(
                |(org, id, name, description, cost, how_to_apply, schedule)| {
                    let audiences = service_terms.remove(&id).unwrap_or_default();
                    let row = ServiceRow {
                        id,
                        name,
                        description,
                        cost,
                        how_to_apply,
                        schedule,
                    };
                    (org, (row, audiences))
                },
            )
            .collect(),
    );
    let event_rows = match events {
        // The first 20 upcoming events of each organization.
        Events::UpcomingFrom(today) => sqlx::query_as::<_, EventTuple>(
            "select organization_id, title, description, starts_at, ends_at, place, format_term_id from (
               select e.*, row_number() over (partition by organization_id order by starts_at, id) as n
               from event e where organization_id in (select value from json_each(?))
                 and coalesce(ends_at, starts_at) >= ?)
             where n <= 20 order by organization_id, starts_at, id",
        )
        .bind(&list)
        .bind(today),
        Events::All => sqlx::query_as::<_, EventTuple>(
            "select organization_id, title, description, starts_at, ends_at, place, format_term_id from event
             where organization_id in (select value from json_each(?)) order by organization_id, starts_at, id",
        )
        .bind(&list),
    }
    .fetch_all(&mut *db)
    .await?;
    let mut events = by_org(
        event_rows
            .into_iter()
            .map(
                |(org, title, description, starts_at, ends_at, place, format_term_id)| {
                    let row = EventRow {
                        title,
                        description,
                        starts_at,
                        ends_at,
                        place,
                        format_term_id,
                    };
                    (org, row)
                },
            )
            .collect(),
    );
    let mut needs = by_org(
        sqlx::query_as::<_, NeedTuple>(
            "select organization_id, kind, title, description, active, until from need
             where organization_id in (select value from json_each(?)) order by organization_id, position, id",
        )
        .bind(&list)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|(org, kind, title, description, active, until)| {
            let row = NeedRow {
                kind,
                title,
                description,
                active,
                until,
            };
            (org, row)
        })
        .collect(),
    );
    // The latest verification of each: the first row of each organization in this order.
    let mut verifications = by_org(
        sqlx::query_as::<_, (i64, String, String, String, String)>(
            "select organization_id, method, verified_by, note, verified_at from verification
             where organization_id in (select value from json_each(?))
             order by organization_id, verified_at desc, id desc",
        )
        .bind(&list)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|(org, method, verified_by, note, verified_at)| {
            let row = VerificationRow {
                method,
                verified_by,
                note,
                verified_at,
            };
            (org, row)
        })
        .collect(),
    );
    let mut rows: HashMap<i64, OrganizationRow> = orgs.into_iter().map(|o| (o.id, o)).collect();
    Ok(ids
        .iter()
        .filter_map(|id| {
            let org = rows.remove(id)?;
            Some(OrganizationRecord {
                term_ids: terms.remove(id).unwrap_or_default(),
                contacts: contacts.remove(id).unwrap_or_default(),
                services: services.remove(id).unwrap_or_default(),
                events: events.remove(id).unwrap_or_default(),
                needs: needs.remove(id).unwrap_or_default(),
                verification: verifications.remove(id).and_then(|v| v.into_iter().next()),
                org,
            })
        })
        .collect())
}
