//! Finding the suspected pairs among many records without comparing every two: blocking
//! by name keys within an okrug and by identifiers, phones, emails and points across it;
//! and the same for a list's rows against the map.

use std::collections::HashMap;

use super::{judge_named, normalize_name, Reason, Record};

/// Blocking keys of a normalized name within an okrug: each word's first four letters and
/// the name's last four (a typo early in a one-word name still meets its twin).
fn name_keys(name: &str) -> Vec<String> {
    let mut keys: Vec<String> = name
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("w:{}", w.chars().take(4).collect::<String>()))
        .collect();
    let chars: Vec<char> = name.chars().collect();
    if chars.len() >= 4 {
        keys.push(format!(
            "e:{}",
            chars[chars.len() - 4..].iter().collect::<String>()
        ));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// How many of a record's rarest name keys it is compared through.
const RAREST_KEYS: usize = 2;

/// Every suspected pair among `records` (ids ascending within a pair), strongest reason
/// first. See [`pairs_from`].
pub fn pairs(records: &[Record]) -> Vec<(i64, i64, Reason)> {
    pairs_from(records, &|_| true)
}

/// The suspected pairs that involve at least one record `from` accepts. Within an okrug a
/// record is compared with those sharing its exact name or one of its [`RAREST_KEYS`]
/// rarest name keys (near-linear: common words such as «совет» or «клуб» are not compared
/// through); across the region, with those sharing an identifier, a phone, an email or a
/// point. Names that share only common words can be missed: BENCHMARKS.md measures this
/// against comparing every pair.
pub fn pairs_from(records: &[Record], from: &dyn Fn(&Record) -> bool) -> Vec<(i64, i64, Reason)> {
    let names: HashMap<i64, String> = records
        .iter()
        .map(|r| (r.id, normalize_name(&r.name)))
        .collect();
    let name = |id: i64| names.get(&id).map_or("", String::as_str);
    let mut found: HashMap<(i64, i64), Reason> = HashMap::new();
    let mut note = |a: &Record, b: &Record| {
        if a.id == b.id || !(from(a) || from(b)) {
            return;
        }
        let key = (a.id.min(b.id), a.id.max(b.id));
        if found.contains_key(&key) {
            return;
        }
        if let Some(r) = judge_named(a, name(a.id), b, name(b.id)) {
            found.insert(key, r);
        }
    };
    let mut by_okrug: HashMap<i64, Vec<&Record>> = HashMap::new();
    for r in records {
        by_okrug.entry(r.okrug_id).or_default().push(r);
    }
    for group in by_okrug.values() {
        let keys: Vec<Vec<String>> = group.iter().map(|r| name_keys(name(r.id))).collect();
        let mut blocks: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, ks) in keys.iter().enumerate() {
            for k in ks {
                blocks.entry(k.as_str()).or_default().push(i);
            }
        }
        let mut same_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in group.iter().enumerate() {
            same_name.entry(name(r.id)).or_default().push(i);
        }
        for (i, a) in group.iter().enumerate().filter(|(_, a)| from(a)) {
            let mut rare: Vec<&str> = keys[i].iter().map(String::as_str).collect();
            rare.sort_by_key(|k| blocks.get(k).map_or(0, Vec::len));
            let through = rare
                .into_iter()
                .take(RAREST_KEYS)
                .filter_map(|k| blocks.get(k))
                .chain(same_name.get(name(a.id)));
            for block in through {
                for &j in block {
                    note(a, group[j]);
                }
            }
        }
    }
    // Anywhere in the region: records sharing an identifier, a phone or an email; across
    // okrugs also a point (within an okrug, points close by are compared through names:
    // many groups of a village share its one point).
    let mut keys: HashMap<String, Vec<&Record>> = HashMap::new();
    for r in records {
        let ks = r
            .inn
            .iter()
            .map(|k| format!("inn:{k}"))
            .chain(r.ogrn.iter().map(|k| format!("ogrn:{k}")))
            .chain(r.phones.iter().map(|k| format!("tel:{k}")))
            .chain(r.emails.iter().map(|k| format!("mail:{k}")))
            .chain(std::iter::once(format!("at:{:.3},{:.3}", r.lat, r.lon)));
        for k in ks {
            keys.entry(k).or_default().push(r);
        }
    }
    for (k, group) in keys.iter().filter(|(_, g)| g.len() > 1) {
        let point = k.starts_with("at:");
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                if !point || a.okrug_id != b.okrug_id {
                    note(a, b);
                }
            }
        }
    }
    let mut out: Vec<(i64, i64, Reason)> = found.into_iter().map(|((a, b), r)| (a, b, r)).collect();
    out.sort_by_key(|(a, b, r)| (*r, *a, *b));
    out
}

/// Every suspected pair by comparing every two records of an okrug (and the cross-okrug
/// keys): what [`pairs`] approximates, for measuring what its blocking misses.
pub fn pairs_exhaustive(records: &[Record]) -> Vec<(i64, i64, Reason)> {
    let names: Vec<String> = records.iter().map(|r| normalize_name(&r.name)).collect();
    let mut out = vec![];
    for (i, a) in records.iter().enumerate() {
        for (j, b) in records.iter().enumerate().skip(i + 1) {
            let cross_key = a.okrug_id != b.okrug_id;
            if cross_key {
                let shares = (a.inn.is_some() && a.inn == b.inn)
                    || (a.ogrn.is_some() && a.ogrn == b.ogrn)
                    || a.phones.iter().any(|p| b.phones.contains(p))
                    || a.emails.iter().any(|e| b.emails.contains(e))
                    || format!("{:.3},{:.3}", a.lat, a.lon) == format!("{:.3},{:.3}", b.lat, b.lon);
                if !shares {
                    continue;
                }
            }
            if let Some(r) = judge_named(a, &names[i], b, &names[j]) {
                out.push((a.id.min(b.id), a.id.max(b.id), r));
            }
        }
    }
    out.sort_by_key(|(a, b, r)| (*r, *a, *b));
    out
}

/// For each candidate (keyed by, say, its row in a list), the `existing` records it looks
/// like, strongest reason first. Near-linear like [`pairs`]: candidates get ids of their own
/// (negative), and only candidate–existing pairs count.
pub fn look_alikes<K: Copy + Eq + std::hash::Hash>(
    candidates: &[(K, Record)],
    existing: &[Record],
) -> HashMap<K, Vec<(i64, Reason)>> {
    let mut all: Vec<Record> = existing.iter().filter(|r| r.id > 0).cloned().collect();
    all.extend(candidates.iter().enumerate().map(|(i, (_, r))| Record {
        id: -(i as i64) - 1,
        ..r.clone()
    }));
    let mut out: HashMap<K, Vec<(i64, Reason)>> = HashMap::new();
    for (a, b, why) in pairs_from(&all, &|r| r.id < 0) {
        // Within a pair the lower id comes first: a candidate, if only one is.
        if a < 0 && b > 0 {
            let key = candidates[(-a - 1) as usize].0;
            out.entry(key).or_default().push((b, why));
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|(id, why)| (*why, *id));
    }
    out
}
