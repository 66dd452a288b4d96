//! The one read path of an organization: its row and every part, for one organization
//! (pages, the edit form, revisions, import) or for a batch of them (downloads), with the
//! same query either way: the batch as one JSON value, an object per organization.

use std::collections::HashMap;

use super::{
    ContactRow, EventRow, NeedRow, OfferRow, OrganizationRecord, OrganizationRow, ServiceRow,
    TieRow, VerificationRow,
};
use crate::db::{Backend, Db};

/// Which events a read includes.
#[derive(Clone, Copy, Debug)]
pub enum Events<'a> {
    /// The upcoming ones (ending on or after this local `YYYY-MM-DD`), at most 20 each: what
    /// a public page shows.
    UpcomingFrom(&'a str),
    /// Every one: what the edit form, revisions and exports need.
    All,
}

/// Which parts a read includes besides the organization's own row.
#[derive(Clone, Copy, Debug)]
pub enum Parts<'a> {
    /// Every part: terms, contacts, services, the chosen events, needs, the latest staff
    /// check. Pages, the edit form, revisions, import and exports that carry everything.
    Whole(Events<'a>),
    /// What a list of organizations shows (the search table, the CSV, Excel and GeoJSON
    /// downloads): terms, contacts, needs (a card says "нужна помощь") and the latest staff
    /// check; services and events come back empty and are not read at all.
    Listing,
}

/// At most this many organizations are read at once; [`read_many`] takes longer lists in
/// batches of it.
pub const BATCH: usize = 500;

/// Loads one published organization with all its parts. `today` (local `YYYY-MM-DD`) decides
/// which events are upcoming.
pub async fn get_record(db: &Db, id: i64, today: &str) -> sqlx::Result<Option<OrganizationRecord>> {
    read(db, id, true, Events::UpcomingFrom(today)).await
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
    db: &mut crate::db::Conn,
    id: i64,
    published_only: bool,
    events: Events<'_>,
) -> sqlx::Result<Option<OrganizationRecord>> {
    Ok(read_batch(db, &[id], published_only, Parts::Whole(events))
        .await?
        .pop())
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
        out.extend(read_batch(&mut conn, chunk, true, Parts::Whole(events)).await?);
    }
    Ok(out)
}

/// [`read_many`] on a task of its own that stays one batch ahead of the caller: while the
/// caller writes one batch, the next is being read, so a download keeps both cores busy
/// and holds at most three batches. A failure is the last item.
pub fn read_ahead(
    db: Db,
    ids: Vec<i64>,
    parts: Parts<'static>,
) -> tokio::sync::mpsc::Receiver<sqlx::Result<Vec<OrganizationRecord>>> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let Ok(mut conn) = db.acquire().await else {
            return;
        };
        for chunk in ids.chunks(BATCH) {
            let batch = read_batch(&mut conn, chunk, true, parts).await;
            let failed = batch.is_err();
            if tx.send(batch).await.is_err() || failed {
                break;
            }
        }
    });
    rx
}

type ServiceJson = (i64, String, String, String, String, String, Vec<i64>);
type NeedJson = (String, String, String, i64, Option<String>);
type VerificationJson = (String, String, String, String);

/// One organization of a batch, as the query writes it.
#[derive(serde::Deserialize)]
struct RecordJson {
    org: OrganizationRow,
    terms: Vec<i64>,
    contacts: Vec<(String, String)>,
    services: Vec<ServiceJson>,
    events: Vec<EventRow>,
    needs: Vec<NeedJson>,
    offers: Vec<(String, String, String)>,
    #[serde(default)]
    ties: Vec<(String, i64)>,
    verification: Option<VerificationJson>,
}

/// The field names serde's derive gives a struct, read by asking it to deserialize from a
/// deserializer that only notes them.
pub(super) fn field_names<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    struct Names<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Names<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Error::custom("only a struct's field names are read"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            self.deserialize_any(visitor)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(Names(&mut names));
    names
}

/// SQLite keeps booleans as 0 and 1, and JSON carries them so.
pub(super) fn bool_from_int<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(<i64 as serde::Deserialize>::deserialize(d)? != 0)
}

fn record(r: RecordJson) -> OrganizationRecord {
    OrganizationRecord {
        term_ids: r.terms,
        contacts: r
            .contacts
            .into_iter()
            .map(|(kind, value)| ContactRow { kind, value })
            .collect(),
        services: r
            .services
            .into_iter()
            .map(
                |(id, name, description, cost, how_to_apply, schedule, audiences)| {
                    (
                        ServiceRow {
                            id,
                            name,
                            description,
                            cost,
                            how_to_apply,
                            schedule,
                        },
                        audiences,
                    )
                },
            )
            .collect(),
        events: r.events,
        needs: r
            .needs
            .into_iter()
            .map(|(kind, title, description, active, until)| NeedRow {
                kind,
                title,
                description,
                active: active != 0,
                until,
            })
            .collect(),
        ties: r
            .ties
            .into_iter()
            .map(|(kind, inviter)| TieRow {
                kind,
                inviter: inviter != 0,
            })
            .collect(),
        offers: r
            .offers
            .into_iter()
            .map(|(kind, title, description)| OfferRow {
                kind,
                title,
                description,
            })
            .collect(),
        verification: r
            .verification
            .map(|(method, verified_by, note, verified_at)| VerificationRow {
                method,
                verified_by,
                note,
                verified_at,
            }),
        org: r.org,
    }
}

async fn read_batch(
    db: &mut crate::db::Conn,
    ids: &[i64],
    published_only: bool,
    parts: Parts<'_>,
) -> sqlx::Result<Vec<OrganizationRecord>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    // The first 20 upcoming events of each organization for a page; every one otherwise.
    let (whole, from, most) = match parts {
        Parts::Whole(Events::UpcomingFrom(today)) => (true, today, 20),
        Parts::Whole(Events::All) => (true, "", -1),
        Parts::Listing => (false, "", -1),
    };
    let sql = match Backend::of_conn(db) {
        Backend::Sqlite => &*super::batch_sql::SQLITE,
        Backend::Postgres => &*super::batch_sql::POSTGRES,
    };
    let batch: String = sqlx::query_scalar(sql)
        .bind(&list)
        .bind(published_only)
        .bind(from)
        .bind(most)
        .bind(whole)
        .fetch_one(&mut *db)
        .await?;
    // A malformed batch is a database error, never a panic.
    let records: Vec<RecordJson> =
        serde_json::from_str(&batch).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let mut found: HashMap<i64, OrganizationRecord> =
        records.into_iter().map(|r| (r.org.id, record(r))).collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// An event's own columns (alias `e`), in `EventRow`'s order, for reads that join events
/// with more (the calendar).
pub const EVENT_COLUMNS: &str = "e.title, e.description, e.starts_at, e.ends_at, e.place, \
    e.format_term_id, e.uid, e.registration_url, e.registration_phone, e.online, e.report, \
    e.point_lat, e.point_lon";

/// An organization's past events, latest first: its history on its page.
pub async fn past_events(
    db: impl crate::db::AnyExecutor<'_>,
    org_id: i64,
    today: &str,
    limit: usize,
) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(&format!(
        "select {EVENT_COLUMNS} from event e
         where e.organization_id = $1 and coalesce(e.ends_at, e.starts_at) < $2
         order by e.starts_at desc, e.id desc limit $3"
    ))
    .bind(org_id)
    .bind(today)
    .bind(limit as i64)
    .fetch_all(db)
    .await
}
