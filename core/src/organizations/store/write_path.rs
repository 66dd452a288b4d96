//! The one write path of an organization: the row (one column list, bound once) and its
//! parts, for import, edits, proposals and reverts (`write`); `find_existing` is how an
//! import finds the organization a row describes.

use crate::db::{Conn, OptF64, Values, ValuesRow};

use crate::db::now;
use crate::kinds::OrgStatus;
use crate::organizations::validate::ValidOrganization;
use crate::text::collation_key;

/// Finds the stored organization a record describes: the same ИНН or ОГРН, else the same
/// name in the same okrug. This is what makes re-importing a file update, not duplicate.
pub async fn find_existing(
    tx: &mut Conn,
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
            "select id from organization where region_id = $1 and inn = $2 and status = 'published'",
            o.inn.as_deref(),
        ),
        (
            "select id from organization where region_id = $1 and ogrn = $2 and status = 'published'",
            o.ogrn.as_deref(),
        ),
    ];
    for (sql, value) in by_key {
        let Some(value) = value else { continue };
        let found = sqlx::query_scalar(sql)
            .bind(region_id)
            .bind(value)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_some() {
            return Ok(found);
        }
    }
    sqlx::query_scalar(
        "select id from organization where region_id = $1 and okrug_id = $2 and name = $3 and status = 'published' limit 1",
    )
    .bind(region_id)
    .bind(o.okrug_id)
    .bind(&o.name)
    .fetch_optional(&mut *tx)
    .await
}

/// The id of an unpublished (pending or rejected) organization holding the ИНН or ОГРН.
pub async fn unpublished_holder(
    tx: &mut Conn,
    region_id: i64,
    o: &ValidOrganization,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        // Two lookups on the unique ИНН and ОГРН indexes: one condition with `or` made
        // SQLite read every organization of the region instead.
        "select id from organization where region_id = $1 and inn = $2 and status <> 'published'
         union all
         select id from organization where region_id = $3 and ogrn = $4 and status <> 'published'
         limit 1",
    )
    .bind(region_id)
    .bind(o.inn.as_deref())
    .bind(region_id)
    .bind(o.ogrn.as_deref())
    .fetch_optional(&mut *tx)
    .await
}

/// Why `o` could not be stored under its ИНН or ОГРН: another organization of the region
/// than `own` holds one of them (an unpublished one is named, so staff can find it).
pub async fn identifier_clash(
    tx: &mut Conn,
    region_id: i64,
    o: &ValidOrganization,
    own: Option<i64>,
) -> sqlx::Result<Option<crate::error::FieldIssue>> {
    if o.inn.is_none() && o.ogrn.is_none() {
        return Ok(None);
    }
    let holder: Option<(i64, String)> = sqlx::query_as(
        "select id, status from organization where region_id = $1 and inn = $2 and id <> $3
         union all
         select id, status from organization where region_id = $4 and ogrn = $5 and id <> $6
         limit 1",
    )
    .bind(region_id)
    .bind(o.inn.as_deref())
    .bind(own.unwrap_or(0))
    .bind(region_id)
    .bind(o.ogrn.as_deref())
    .bind(own.unwrap_or(0))
    .fetch_optional(&mut *tx)
    .await?;
    Ok(holder.map(|(id, status)| {
        if status == "published" {
            crate::error::FieldIssue::new("inn", "err-identifier-taken")
        } else {
            crate::error::FieldIssue::new("inn", "err-identifier-unpublished")
                .arg("id", id.to_string())
        }
    }))
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

type Scalar<'q> = sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments<'q>>;

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
        .bind(i64::from(o.approximate))
}

static INSERT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "insert into organization (region_id, {}, status, is_demo, version, proposed_by, created_at, updated_at)
         values ($1, {}, ${s}, ${d}, 1, ${p}, ${c}, ${u}) returning id",
        WRITTEN.join(", "),
        crate::db::params(2, WRITTEN.len()),
        s = WRITTEN.len() + 2,
        d = WRITTEN.len() + 3,
        p = WRITTEN.len() + 4,
        c = WRITTEN.len() + 5,
        u = WRITTEN.len() + 6,
    )
});

static UPDATE_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let sets: Vec<String> = WRITTEN
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = WRITTEN.len();
    format!(
        "update organization set {}, status = coalesce(${}, status), is_demo = coalesce(${}, is_demo),
           version = version + 1, updated_at = ${}
         where id = ${} and (${} is null or version = ${}) returning version",
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4,
        n + 5,
        n + 6,
    )
});

/// The one write path of an organization: import, edit, proposal and revert all store the
/// row here and replace its parts. Returns the id and the new version, or `None` when an
/// update's `base_version` is stale (then nothing is written).
pub async fn write(
    tx: &mut Conn,
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
                .bind(i64::from(is_demo))
                .bind(proposed_by)
                .bind(&ts)
                .bind(&ts)
                .fetch_one(&mut *tx)
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
                .bind(is_demo.map(i64::from))
                .bind(&ts)
                .bind(id)
                .bind(base_version)
                .bind(base_version);
            let Some(version) = q.fetch_optional(&mut *tx).await? else {
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
async fn insert_rows<'q, T>(
    tx: &mut Conn,
    head: &str,
    rows: impl IntoIterator<Item = T>,
    mut bind: impl FnMut(ValuesRow<'_, 'q>, T),
) -> sqlx::Result<()> {
    let mut rows = rows.into_iter().peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    let mut values = Values::new(head);
    for row in rows {
        values.row(|b| bind(b, row));
    }
    values.execute(tx).await
}

async fn replace_parts(
    tx: &mut Conn,
    id: i64,
    o: &ValidOrganization,
    ts: &str,
    existed: bool,
) -> sqlx::Result<()> {
    // A need that is still there keeps when it was first posted (rows are written anew):
    // "new needs" in the digest and the feeds are new, not merely saved again.
    let posted: std::collections::HashMap<(String, String), String> = if existed {
        sqlx::query_as("select kind, title, min(created_at) from need where organization_id = $1 group by kind, title")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(kind, title, at): (String, String, String)| ((kind, title), at))
            .collect()
    } else {
        Default::default()
    };
    if existed {
        for table in [
            "organization_term",
            "contact",
            "service",
            "event",
            "need",
            "offer",
        ] {
            // Table names come from the fixed list above, never from input.
            sqlx::query(&format!("delete from {table} where organization_id = $1"))
                .bind(id)
                .execute(&mut *tx)
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
        "insert into event (organization_id, title, description, starts_at, ends_at, place, format_term_id, \
         uid, registration_url, registration_phone, online, report, point_lat, point_lon, created_at, updated_at) ",
        o.events.iter().enumerate(),
        |mut b, (i, e)| {
            b.push_bind(id).push_bind(e.title.clone()).push_bind(e.description.clone());
            b.push_bind(e.starts_at.clone()).push_bind(e.ends_at.clone()).push_bind(e.place.clone());
            b.push_bind(e.format_term_id);
            b.push_bind(event_uid(&o.slug, i, e));
            b.push_bind(e.registration_url.clone()).push_bind(i64::from(e.registration_phone));
            b.push_bind(i64::from(e.online)).push_bind(e.report.clone());
            b.push_bind(OptF64(e.point.map(|p| p.0)))
                .push_bind(OptF64(e.point.map(|p| p.1)));
            b.push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_rows(
        tx,
        "insert into need (organization_id, kind, title, description, active, until, position, created_at, updated_at) ",
        o.needs.iter().enumerate(),
        |mut b, (pos, n)| {
            b.push_bind(id).push_bind(n.kind.clone()).push_bind(n.title.clone()).push_bind(n.description.clone());
            b.push_bind(i64::from(!n.met)).push_bind(n.until.clone());
            let first = posted.get(&(n.kind.clone(), n.title.clone())).map_or(ts, String::as_str);
            b.push_bind(pos as i64).push_bind(first.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_rows(
        tx,
        "insert into offer (organization_id, kind, title, description, position, created_at, updated_at) ",
        o.offers.iter().enumerate(),
        |mut b, (pos, f)| {
            b.push_bind(id).push_bind(f.kind.clone()).push_bind(f.title.clone()).push_bind(f.description.clone());
            b.push_bind(pos as i64).push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    if let Some(v) = &o.verification {
        sqlx::query(
            "insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at)
             select $1, $2, $3, $4, $5, $6, $7 where not exists
               (select 1 from verification where organization_id = $8 and method = $9 and verified_at = $10)",
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
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Services need their new ids for their audience links: one insert each, then one insert
/// for all the links.
async fn insert_services(
    tx: &mut Conn,
    id: i64,
    o: &ValidOrganization,
    ts: &str,
) -> sqlx::Result<()> {
    let mut links = vec![];
    for (position, s) in o.services.iter().enumerate() {
        let service_id: i64 = sqlx::query_scalar(
            "insert into service (organization_id, name, description, cost, how_to_apply, schedule, position, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
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
        .fetch_one(&mut *tx)
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

/// An event's lasting identity: its own once it has one (the edit form carries it through
/// every save), else made from the organization's slug, the event's place in the list, its
/// start and title. Made, not drawn at random, so that the revision recorded before the write
/// and the write agree, and re-importing the same file keeps the same identities.
pub fn event_uid(
    slug: &str,
    index: usize,
    e: &crate::organizations::validate::ValidEvent,
) -> String {
    use sha2::{Digest, Sha256};
    if let Some(uid) = &e.uid {
        return uid.clone();
    }
    let seed = format!("{slug}\u{1f}{index}\u{1f}{}\u{1f}{}", e.starts_at, e.title);
    hex::encode(&Sha256::digest(seed.as_bytes())[..16])
}
