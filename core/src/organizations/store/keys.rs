//! The identifying keys (ИНН, ОГРН, okrug and name) that stored organizations hold, read
//! for a batch of records at once: a record that touches none of them is new and clashes
//! with nothing, so an import can add it without looking it up row by row.

use std::collections::{BTreeMap, HashSet};

use crate::db::Conn;
use crate::organizations::validate::ValidOrganization;
use crate::text::fold;

/// Keys held in the database, plus those the caller added since it read them.
#[derive(Debug, Default)]
pub struct KnownKeys {
    inns: HashSet<String>,
    ogrns: HashSet<String>,
    /// Okrug and folded name: folding makes the test broader than the exact name the lookups
    /// compare, never narrower.
    names: HashSet<(i64, String)>,
}

impl KnownKeys {
    /// Whether `o` shares a key with a known organization.
    pub fn touches(&self, o: &ValidOrganization) -> bool {
        o.inn.as_ref().is_some_and(|i| self.inns.contains(i))
            || o.ogrn.as_ref().is_some_and(|i| self.ogrns.contains(i))
            || self.names.contains(&(o.okrug_id, fold(&o.name)))
    }

    /// Counts `o`'s keys as known (it has just been written).
    pub fn add(&mut self, o: &ValidOrganization) {
        self.add_row(o.inn.clone(), o.ogrn.clone(), o.okrug_id, &o.name);
    }

    fn add_row(&mut self, inn: Option<String>, ogrn: Option<String>, okrug: i64, name: &str) {
        self.inns.extend(inn);
        self.ogrns.extend(ogrn);
        self.names.insert((okrug, fold(name)));
    }
}

/// Every key of each organization of the region (whatever its status) that shares an ИНН, an
/// ОГРН or an okrug and exact name with one of `orgs`: indexed lookups in one statement.
pub async fn known_keys(
    tx: &mut Conn,
    region_id: i64,
    orgs: &[&ValidOrganization],
) -> sqlx::Result<KnownKeys> {
    let inns: Vec<&str> = orgs.iter().filter_map(|o| o.inn.as_deref()).collect();
    let ogrns: Vec<&str> = orgs.iter().filter_map(|o| o.ogrn.as_deref()).collect();
    // Names are asked for okrug by okrug: one condition on okrugs and one on names let
    // PostgreSQL (statistics from a small table, or a large list of pairs) read the whole
    // table instead, once per chunk (a 100,000-row import into a database with 300
    // organizations took 121 s instead of 78 s).
    let mut by_okrug: BTreeMap<i64, HashSet<&str>> = BTreeMap::new();
    for o in orgs {
        by_okrug
            .entry(o.okrug_id)
            .or_default()
            .insert(o.name.as_str());
    }
    let mut n = 0;
    let mut list = |len: usize| {
        let params = crate::db::params(n + 1, len);
        n += len;
        format!("({params})")
    };
    let columns = "select inn, ogrn, okrug_id, name from organization where region_id = ";
    let mut parts = vec![];
    // `in ()` is not SQL PostgreSQL reads: a key no record has is left out.
    if !inns.is_empty() {
        parts.push(format!(
            "{columns}{} and inn in {}",
            list(1),
            list(inns.len())
        ));
    }
    if !ogrns.is_empty() {
        parts.push(format!(
            "{columns}{} and ogrn in {}",
            list(1),
            list(ogrns.len())
        ));
    }
    for names in by_okrug.values() {
        let region = list(1);
        let okrug = list(1);
        let name_list = list(names.len());
        parts.push(format!(
            "{columns}{region} and okrug_id = {okrug} and name in {name_list}"
        ));
    }
    let mut known = KnownKeys::default();
    if parts.is_empty() {
        return Ok(known);
    }
    let sql = parts.join(" union all ");
    let mut q = sqlx::query_as::<_, (Option<String>, Option<String>, i64, String)>(&sql);
    if !inns.is_empty() {
        q = inns.iter().fold(q.bind(region_id), |q, v| q.bind(*v));
    }
    if !ogrns.is_empty() {
        q = ogrns.iter().fold(q.bind(region_id), |q, v| q.bind(*v));
    }
    for (okrug, names) in &by_okrug {
        q = names
            .iter()
            .fold(q.bind(region_id).bind(*okrug), |q, v| q.bind(*v));
    }
    for (inn, ogrn, okrug, name) in q.fetch_all(&mut *tx).await? {
        known.add_row(inn, ogrn, okrug, &name);
    }
    Ok(known)
}
