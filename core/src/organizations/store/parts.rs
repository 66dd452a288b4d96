//! An organization's parts (taxonomy terms, contacts, services with their audiences, events,
//! needs, offers, verification), written for one organization or for a batch of new ones:
//! each part table takes a few multi-row inserts, not one statement per organization.

use std::collections::HashMap;

use super::write_path::event_uid;
use crate::db::{Backend, Conn, OptF64, Values, ValuesRow};
use crate::organizations::validate::ValidOrganization;

/// When each still-listed need was first posted: organization id, kind, title.
type Posted = HashMap<(i64, String, String), String>;

/// Inserts rows in as few statements as [`Backend::params_per_statement`] allows: each
/// statement costs a round trip (to SQLite's worker thread ~80 µs, to PostgreSQL more), so
/// one multi-row insert beats one insert per row by far.
async fn insert_rows<'q, T>(
    tx: &mut Conn,
    head: &str,
    rows: impl IntoIterator<Item = T>,
    mut bind: impl FnMut(ValuesRow<'_, 'q>, T),
) -> sqlx::Result<()> {
    let most = Backend::of_conn(tx).params_per_statement();
    let mut values = Values::new(head);
    for row in rows {
        values.row(|b| bind(b, row));
        if values.params() >= most {
            std::mem::replace(&mut values, Values::new(head))
                .execute(tx)
                .await?;
        }
    }
    if values.params() > 0 {
        values.execute(tx).await?;
    }
    Ok(())
}

/// Replaces the parts of the stored organization `id` (`existed`) or writes those of a new one.
pub(super) async fn replace_parts(
    tx: &mut Conn,
    id: i64,
    o: &ValidOrganization,
    ts: &str,
    existed: bool,
) -> sqlx::Result<()> {
    // A need that is still there keeps when it was first posted (rows are written anew):
    // "new needs" in the digest and the feeds are new, not merely saved again.
    let mut posted = Posted::new();
    if existed {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "select kind, title, min(created_at) from need where organization_id = $1 group by kind, title",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        posted.extend(rows.into_iter().map(|(k, t, at)| ((id, k, t), at)));
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
    insert_parts(tx, &[(id, o)], ts, &posted, existed).await
}

/// Writes the parts of `orgs` (id and record), which have none stored unless `existed`.
pub(super) async fn insert_parts(
    tx: &mut Conn,
    orgs: &[(i64, &ValidOrganization)],
    ts: &str,
    posted: &Posted,
    existed: bool,
) -> sqlx::Result<()> {
    // Collected, not chained: a chain of closures held across an await makes the future's
    // `Send` proof fail for some lifetimes (rustc's higher-ranked lifetime limitation).
    let mut terms: Vec<(i64, i64)> = vec![];
    let mut contacts = vec![];
    let mut events = vec![];
    let mut needs = vec![];
    let mut offers = vec![];
    for (id, o) in orgs {
        terms.extend(o.term_ids.iter().map(|t| (*id, *t)));
        contacts.extend(o.contacts.iter().enumerate().map(|c| (*id, c)));
        events.extend(o.events.iter().enumerate().map(|e| (*id, &o.slug, e)));
        needs.extend(o.needs.iter().enumerate().map(|n| (*id, n)));
        offers.extend(o.offers.iter().enumerate().map(|f| (*id, f)));
    }
    insert_rows(
        tx,
        "insert into organization_term (organization_id, term_id) ",
        terms,
        |mut b, (id, t)| {
            b.push_bind(id).push_bind(t);
        },
    )
    .await?;
    insert_rows(
        tx,
        "insert into contact (organization_id, kind, value, position, created_at, updated_at) ",
        contacts,
        |mut b, (id, (pos, (kind, value)))| {
            b.push_bind(id)
                .push_bind(kind.as_str())
                .push_bind(value.clone())
                .push_bind(pos as i64);
            b.push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_services(tx, orgs, ts).await?;
    insert_rows(
        tx,
        "insert into event (organization_id, title, description, starts_at, ends_at, place, format_term_id, \
         uid, registration_url, registration_phone, online, report, point_lat, point_lon, created_at, updated_at) ",
        events,
        |mut b, (id, slug, (i, e))| {
            b.push_bind(id).push_bind(e.title.clone()).push_bind(e.description.clone());
            b.push_bind(e.starts_at.clone()).push_bind(e.ends_at.clone()).push_bind(e.place.clone());
            b.push_bind(e.format_term_id);
            b.push_bind(event_uid(slug, i, e));
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
        needs,
        |mut b, (id, (pos, n))| {
            b.push_bind(id).push_bind(n.kind.clone()).push_bind(n.title.clone()).push_bind(n.description.clone());
            b.push_bind(i64::from(!n.met)).push_bind(n.until.clone());
            let first = posted.get(&(id, n.kind.clone(), n.title.clone())).map_or(ts, String::as_str);
            b.push_bind(pos as i64).push_bind(first.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_rows(
        tx,
        "insert into offer (organization_id, kind, title, description, position, created_at, updated_at) ",
        offers,
        |mut b, (id, (pos, f))| {
            b.push_bind(id).push_bind(f.kind.clone()).push_bind(f.title.clone()).push_bind(f.description.clone());
            b.push_bind(pos as i64).push_bind(ts.to_owned()).push_bind(ts.to_owned());
        },
    )
    .await?;
    insert_verifications(tx, orgs, ts, existed).await
}

/// A verification is added to an organization's history, never replaced; a stored one
/// already holding the same method and date is not added twice.
async fn insert_verifications(
    tx: &mut Conn,
    orgs: &[(i64, &ValidOrganization)],
    ts: &str,
    existed: bool,
) -> sqlx::Result<()> {
    let verified: Vec<_> = orgs
        .iter()
        .filter_map(|(id, o)| o.verification.as_ref().map(|v| (*id, v)))
        .collect();
    if !existed {
        return insert_rows(
            tx,
            "insert into verification (organization_id, method, verified_by, note, verified_at, created_at, updated_at) ",
            verified,
            |mut b, (id, v)| {
                b.push_bind(id).push_bind(v.method.as_str()).push_bind(v.verified_by.clone());
                b.push_bind(v.note.clone()).push_bind(v.verified_at.clone());
                b.push_bind(ts.to_owned()).push_bind(ts.to_owned());
            },
        )
        .await;
    }
    for (id, v) in verified {
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

/// Services need their new ids for their audience links: the services of all `orgs` in
/// multi-row inserts that return the ids, then the links.
async fn insert_services(
    tx: &mut Conn,
    orgs: &[(i64, &ValidOrganization)],
    ts: &str,
) -> sqlx::Result<()> {
    let head = "insert into service (organization_id, name, description, cost, how_to_apply, schedule, position, created_at, updated_at) ";
    let mut ids: HashMap<(i64, i64), i64> = HashMap::new();
    let most = Backend::of_conn(tx).params_per_statement();
    let mut values = Values::new(head);
    let mut all = vec![];
    for (id, o) in orgs {
        all.extend(o.services.iter().enumerate().map(|s| (*id, s)));
    }
    let mut next = 0;
    while next < all.len() {
        for &(id, (pos, s)) in &all[next..] {
            next += 1;
            values.row(|mut b| {
                b.push_bind(id)
                    .push_bind(s.name.clone())
                    .push_bind(s.description.clone());
                b.push_bind(s.cost.as_str())
                    .push_bind(s.how_to_apply.clone())
                    .push_bind(s.schedule.clone());
                b.push_bind(pos as i64)
                    .push_bind(ts.to_owned())
                    .push_bind(ts.to_owned());
            });
            if values.params() >= most {
                break;
            }
        }
        let rows: Vec<(i64, i64, i64)> = std::mem::replace(&mut values, Values::new(head))
            .fetch_all(tx, "id, organization_id, position")
            .await?;
        ids.extend(rows.into_iter().map(|(s, o, p)| ((o, p), s)));
    }
    let mut links = vec![];
    for (id, (pos, s)) in all {
        let service = *ids.get(&(id, pos as i64)).ok_or(sqlx::Error::RowNotFound)?;
        links.extend(s.audience_term_ids.iter().map(|t| (service, *t)));
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
