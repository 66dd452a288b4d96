//! The statement that reads a batch of organizations with all their parts as one JSON
//! value, written once for each backend's JSON functions (SQLite's `json_group_array`,
//! PostgreSQL's `json_agg`) from the same list of parts.
//!
//! A batch is one row with one value: a JSON array with an object per organization, its
//! own columns under `org` and each part as an array. Every row and every value that crosses
//! from the database to the caller costs a hand-over and a copy, which was most of a
//! download's time with a row (and some thirty values) per organization.
//! `$1` the ids (JSON), `$2` published only, `$3` the first day of the events wanted ("" for
//! all), `$4` at most this many events each (-1: all), `$5` whether services and events are
//! read (a `case` evaluates only the branch it takes, so a listing never touches those
//! tables).

use std::sync::LazyLock;

use super::read::field_names;
use super::{EventRow, OrganizationRow};
use crate::db::Backend;

pub(super) static SQLITE: LazyLock<String> = LazyLock::new(|| build(Backend::Sqlite));
pub(super) static POSTGRES: LazyLock<String> = LazyLock::new(|| build(Backend::Postgres));

/// `select …` as a JSON array part (an empty array when it finds no rows); `value` may end
/// in an `order by`.
fn array(b: Backend, value: &str, from: &str) -> String {
    match b {
        // `json(…)` keeps a part an array rather than a string inside the object.
        Backend::Sqlite => format!("json((select json_group_array({value}) {from}))"),
        Backend::Postgres => format!("(select coalesce(json_agg({value}), '[]'::json) {from})"),
    }
}

fn object(b: Backend, fields: &str) -> String {
    match b {
        Backend::Sqlite => format!("json_object({fields})"),
        Backend::Postgres => format!("json_build_object({fields})"),
    }
}

fn tuple(b: Backend, values: &str) -> String {
    match b {
        Backend::Sqlite => format!("json_array({values})"),
        Backend::Postgres => format!("json_build_array({values})"),
    }
}

fn build(b: Backend) -> String {
    // Every column of the organization row, named as `OrganizationRow` names its fields, so
    // a field added to the struct (and the table) is read with no list to keep in step.
    let columns: Vec<String> = field_names::<OrganizationRow>()
        .iter()
        .map(|c| format!("'{c}', o.{c}"))
        .collect();
    let event_columns: Vec<String> = field_names::<EventRow>()
        .iter()
        .map(|c| format!("'{c}', e.{c}"))
        .collect();
    let (empty, ids, events_limit) = match b {
        Backend::Sqlite => ("json('[]')", "select value from json_each($1)", "$4"),
        Backend::Postgres => (
            "'[]'::json",
            "select value::bigint from json_array_elements_text($1::json)",
            // PostgreSQL refuses a negative limit; null is none.
            "nullif($4, -1)",
        ),
    };
    let terms = array(
        b,
        "t.term_id order by t.term_id",
        "from organization_term t where t.organization_id = o.id",
    );
    let contacts = array(
        b,
        &format!("{} order by c.position, c.id", tuple(b, "c.kind, c.value")),
        "from contact c where c.organization_id = o.id",
    );
    let service_terms = array(
        b,
        "st.term_id order by st.term_id",
        "from service_term st where st.service_id = s.id",
    );
    let services = array(
        b,
        &format!(
            "{} order by s.position, s.id",
            tuple(
                b,
                &format!(
                    "s.id, s.name, s.description, s.cost, s.how_to_apply, s.schedule, {service_terms}"
                )
            )
        ),
        "from service s where s.organization_id = o.id",
    );
    let events = array(
        b,
        &object(b, &event_columns.join(", ")),
        &format!(
            "from (select * from event e where e.organization_id = o.id
                     and coalesce(e.ends_at, e.starts_at) >= $3
                   order by e.starts_at, e.id limit {events_limit}) e"
        ),
    );
    let offers = array(
        b,
        &format!(
            "{} order by f.position, f.id",
            tuple(b, "f.kind, f.title, f.description")
        ),
        "from offer f where f.organization_id = o.id",
    );
    let ties = array(
        b,
        &tuple(b, "p.kind, case when p.from_org = o.id then 1 else 0 end"),
        "from partnership p where p.status = 'active' and (p.from_org = o.id or p.to_org = o.id)",
    );
    let needs = array(
        b,
        &format!(
            "{} order by n.position, n.id",
            tuple(b, "n.kind, n.title, n.description, n.active, n.until")
        ),
        "from need n where n.organization_id = o.id",
    );
    let verification = format!(
        "(select {} from verification v where v.organization_id = o.id
          order by v.verified_at desc, v.id desc limit 1)",
        tuple(b, "v.method, v.verified_by, v.note, v.verified_at")
    );
    let verification = match b {
        Backend::Sqlite => format!("json({verification})"),
        Backend::Postgres => verification,
    };
    let record = object(
        b,
        &format!(
            "'org', {org}, 'terms', {terms}, 'contacts', {contacts},
             'services', case when $5 then {services} else {empty} end,
             'events', case when $5 then {events} else {empty} end,
             'offers', {offers}, 'ties', {ties}, 'needs', {needs},
             'verification', {verification}",
            org = object(b, &columns.join(", ")),
        ),
    );
    let all = match b {
        Backend::Sqlite => format!("json_group_array({record})"),
        Backend::Postgres => format!("coalesce(json_agg({record}), '[]'::json)::text"),
    };
    format!(
        "select {all} from organization o
         where o.id in ({ids}) and (o.status = 'published' or not $2)"
    )
}
