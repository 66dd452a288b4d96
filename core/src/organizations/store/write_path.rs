//! The one write path of an organization: the row (one column list, bound once) and its
//! parts, for import, edits, proposals and reverts (`write`); `find_existing` is how an
//! import finds the organization a row describes.

use std::collections::HashMap;

use super::parts::{insert_parts, replace_parts};
use crate::db::{now, Backend, Conn, Values};
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

/// The organization columns every write sets, in the order [`bind_written!`] binds them.
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

/// Binds the [`WRITTEN`] columns of `$o` with `$bind` (`bind` on a query, `push_bind` on a
/// row of a multi-row insert), in their order.
macro_rules! bind_written {
    ($q:expr, $bind:ident, $o:expr) => {
        $q.$bind($o.okrug_id)
            .$bind(&$o.slug)
            .$bind(&$o.name)
            .$bind(collation_key(&$o.name))
            .$bind(&$o.kind)
            .$bind(&$o.legal_form)
            .$bind(&$o.inn)
            .$bind(&$o.ogrn)
            .$bind(&$o.summary)
            .$bind(&$o.description)
            .$bind(&$o.address)
            .$bind(&$o.settlement)
            .$bind($o.location.lat)
            .$bind($o.location.lon)
            .$bind(i64::from($o.approximate))
    };
}

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
    match how {
        Write::Insert {
            region_id,
            status,
            is_demo,
            proposed_by,
        } => {
            let new = New {
                region_id,
                status,
                proposed_by,
            };
            let ids = insert_many(tx, &new, &[(o, is_demo)]).await?;
            Ok(ids.first().map(|id| (*id, 1)))
        }
        Write::Update {
            id,
            base_version,
            status,
            is_demo,
        } => {
            let ts = now();
            let q = bind_written!(sqlx::query_scalar(UPDATE_SQL.as_str()), bind, o)
                .bind(status)
                .bind(is_demo.map(i64::from))
                .bind(&ts)
                .bind(id)
                .bind(base_version)
                .bind(base_version);
            let Some(version) = q.fetch_optional(&mut *tx).await? else {
                return Ok(None);
            };
            replace_parts(tx, id, o, &ts, true).await?;
            Ok(Some((id, version)))
        }
    }
}

/// What the organizations [`insert_many`] adds have in common.
#[derive(Clone, Copy, Debug)]
pub struct New {
    pub region_id: i64,
    pub status: OrgStatus,
    pub proposed_by: Option<i64>,
}

/// Adds organizations (each with whether it is demo data) at version 1, with their parts, in
/// a few multi-row statements: [`write`]'s insert for one, the import's for a batch. Returns
/// their ids in the order given. No two may share an okrug and a name.
pub async fn insert_many(
    tx: &mut Conn,
    new: &New,
    orgs: &[(&ValidOrganization, bool)],
) -> sqlx::Result<Vec<i64>> {
    let ts = now();
    let head = format!(
        "insert into organization (region_id, {}, status, is_demo, version, proposed_by, created_at, updated_at) ",
        WRITTEN.join(", ")
    );
    // Rows come back in no promised order: each is known by its okrug and name.
    let mut ids: HashMap<(i64, String), i64> = HashMap::new();
    // Each row binds the region, the written columns and six more.
    let per_statement = (Backend::of_conn(tx).params_per_statement() / (WRITTEN.len() + 7)).max(1);
    for batch in orgs.chunks(per_statement) {
        let mut values = Values::new(&head);
        for (o, is_demo) in batch {
            values.row(|mut b| {
                let b = bind_written!(b.push_bind(new.region_id), push_bind, o);
                b.push_bind(new.status)
                    .push_bind(i64::from(*is_demo))
                    .push_bind(1_i64);
                b.push_bind(new.proposed_by)
                    .push_bind(ts.clone())
                    .push_bind(ts.clone());
            });
        }
        let rows: Vec<(i64, i64, String)> = values.fetch_all(tx, "id, okrug_id, name").await?;
        ids.extend(
            rows.into_iter()
                .map(|(id, okrug, name)| ((okrug, name), id)),
        );
    }
    if ids.len() != orgs.len() {
        // Two of them shared an okrug and a name: their ids cannot be told apart.
        return Err(sqlx::Error::Protocol(
            "insert_many: two organizations share an okrug and a name".into(),
        ));
    }
    let mut written = Vec::with_capacity(orgs.len());
    for (o, _) in orgs {
        let id = ids.get(&(o.okrug_id, o.name.clone()));
        written.push((*id.ok_or(sqlx::Error::RowNotFound)?, *o));
    }
    insert_parts(tx, &written, &ts, &Default::default(), false).await?;
    Ok(written.into_iter().map(|(id, _)| id).collect())
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
