//! The in-memory table of published organizations that search filters, counts and sorts.
//! Facet values are bitmasks over the region's vocabularies (bit i = the i-th term), so a
//! filter check is a few AND instructions and 100,000 rows scan in about a millisecond.

use std::collections::HashMap;

use crate::region::{LatLon, RegionCatalog};
use crate::taxonomy::Vocabulary;

/// Yes/no properties of a row.
pub mod flag {
    pub const VERIFIED: u8 = 1;
    pub const HAS_NEEDS: u8 = 2;
    pub const ACCEPTS_VOLUNTEERS: u8 = 4;
    pub const APPROXIMATE: u8 = 8;
    pub const DEMO: u8 = 16;
}

/// The values of the «Попутчики» facet, in bit order: asks for partners (an open need of the
/// kind `partners`), has partners (an active tie), has a mentor (the mentee of an active
/// mentoring tie), is a mentor (the mentor of one).
pub const TIE_VALUES: [&str; 4] = ["seeking", "has_partners", "has_mentor", "mentor"];

/// The most terms one vocabulary (or okrugs one region) may have: the width of a mask.
pub const MAX_CODES: usize = 128;

/// One published organization, as search needs it.
#[derive(Clone, Debug)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub settlement: String,
    /// Index into the catalog's organization kinds.
    pub kind: u8,
    /// Index into the catalog's okrugs.
    pub okrug: u8,
    pub directions: u128,
    pub audiences: u128,
    pub event_formats: u128,
    /// The kinds of help it offers others (bit i = the i-th need kind).
    pub offers: u128,
    /// Its ties as fellow travellers (bit i = [`TIE_VALUES`]`[i]`).
    pub ties: u8,
    pub flags: u8,
    pub at: LatLon,
    /// Web Mercator position scaled to 0..1 (x east, y south), for map clustering.
    pub merc: (f64, f64),
    /// Position in Russian alphabetical order (filled by [`OrgTable::reindex`]): the row's
    /// index in the table, which is kept in that order.
    pub name_rank: u32,
    pub(crate) sort_name: String,
    /// Unix seconds.
    pub updated_at: i64,
    /// Unix seconds of the latest verification, 0 if never verified.
    pub verified_at: i64,
    /// Unix seconds of the organization's own latest confirmation, 0 if never.
    pub confirmed_at: i64,
}

impl OrgRow {
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// The latest of its edit, confirmation and verification (Unix seconds).
    pub fn last_sign_of_life(&self) -> i64 {
        crate::freshness::last_sign_of_life(self.updated_at, self.confirmed_at, self.verified_at)
    }

    /// A row with only a name and a place, for tests of the search pass.
    #[cfg(test)]
    pub(crate) fn for_test(id: i64, name: &str, at: LatLon) -> Self {
        Self {
            id,
            slug: format!("{id}"),
            name: name.into(),
            summary: String::new(),
            settlement: String::new(),
            kind: 0,
            okrug: 0,
            directions: 0,
            audiences: 0,
            event_formats: 0,
            offers: 0,
            ties: 0,
            flags: 0,
            at,
            merc: mercator(at),
            name_rank: 0,
            sort_name: name.to_lowercase(),
            updated_at: 0,
            verified_at: 0,
            confirmed_at: 0,
        }
    }
}

/// Every published organization of the region, with lookups by id.
#[derive(Clone, Debug, Default)]
pub struct OrgTable {
    rows: Vec<OrgRow>,
    /// Row index by organization id (`u32::MAX` = none). Ids are dense integers, so an
    /// array beats a hash map: every text match is looked up here (profiled at 9% of search).
    by_id: Vec<u32>,
    /// The rows of each facet value, built when a search first counts by columns and
    /// dropped whenever the rows change.
    value_sets: std::sync::OnceLock<crate::search::engine::ValueSets>,
    /// Which rows these are: a number no other table's rows had (a clone keeps it, as it
    /// keeps the rows). Caches of row indices compare it to know they still apply.
    version: u64,
}

pub(crate) use crate::freshness::unix;

/// Web Mercator (EPSG:3857) of a point, scaled so the world is the unit square: multiply
/// by `256 * 2^zoom` for the pixel position of a map at that zoom.
pub fn mercator(p: LatLon) -> (f64, f64) {
    let lat = p.lat.clamp(-85.051_13, 85.051_13).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The place at a Mercator position (the inverse of [`mercator`]).
pub fn unmercator((x, y): (f64, f64)) -> LatLon {
    LatLon {
        lat: (std::f64::consts::PI * (1.0 - 2.0 * y))
            .sinh()
            .atan()
            .to_degrees(),
        lon: x * 360.0 - 180.0,
    }
}

/// A Web Mercator position in fixed point: the world is 2³² × 2³² units, so a unit is
/// about 1/16 of a screen pixel at the map's deepest zoom (1 cm on the ground).
pub type Fixed = [u32; 2];

pub const FIXED_SCALE: f64 = 4_294_967_296.0;

/// The fixed-point position of a Mercator one (the world's far edges clamped in).
pub fn fixed((x, y): (f64, f64)) -> Fixed {
    let f = |v: f64| (v * FIXED_SCALE).clamp(0.0, f64::from(u32::MAX)) as u32;
    [f(x), f(y)]
}

/// The table's order: Russian alphabetical by name, then by id (no two rows tie).
fn name_order(a: &OrgRow, b: &OrgRow) -> std::cmp::Ordering {
    a.sort_name.cmp(&b.sort_name).then(a.id.cmp(&b.id))
}

/// Bit position of each term id, per vocabulary, and of each okrug id.
pub struct Positions {
    terms: HashMap<i64, (Vocabulary, u32)>,
    pub(crate) okrugs: HashMap<i64, u8>,
    pub(crate) kinds: HashMap<String, u8>,
    /// Need-kind code → bit (offers).
    pub(crate) need_kinds: HashMap<String, u32>,
}

impl Positions {
    pub fn new(catalog: &RegionCatalog) -> Self {
        let mut terms = HashMap::new();
        for vocab in [
            Vocabulary::Direction,
            Vocabulary::Audience,
            Vocabulary::EventFormat,
        ] {
            for (i, t) in catalog
                .taxonomy
                .terms(vocab)
                .iter()
                .enumerate()
                .take(MAX_CODES)
            {
                terms.insert(t.id, (vocab, i as u32));
            }
        }
        let okrugs = catalog
            .okrugs
            .iter()
            .enumerate()
            .take(MAX_CODES)
            .map(|(i, o)| (o.id, i as u8))
            .collect();
        let kinds = catalog
            .taxonomy
            .org_kind
            .iter()
            .enumerate()
            .take(MAX_CODES)
            .map(|(i, t)| (t.code.clone(), i as u8))
            .collect();
        let need_kinds = catalog
            .taxonomy
            .terms(Vocabulary::NeedKind)
            .iter()
            .enumerate()
            .take(MAX_CODES)
            .map(|(i, t)| (t.code.clone(), i as u32))
            .collect();
        Self {
            terms,
            okrugs,
            kinds,
            need_kinds,
        }
    }

    pub(crate) fn set_term(&self, row: &mut OrgRow, term_id: i64) {
        let Some((vocab, bit)) = self.terms.get(&term_id) else {
            return;
        };
        let mask = 1u128 << bit;
        match vocab {
            Vocabulary::Direction => row.directions |= mask,
            Vocabulary::Audience => row.audiences |= mask,
            _ => row.event_formats |= mask,
        }
    }
}

impl OrgTable {
    pub fn rows(&self) -> &[OrgRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row index of an organization id.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        let i = *usize::try_from(id).ok().and_then(|id| self.by_id.get(id))?;
        (i != u32::MAX).then_some(i as usize)
    }

    pub fn get(&self, id: i64) -> Option<&OrgRow> {
        self.index_of(id).map(|i| &self.rows[i])
    }

    /// Builds a table from loaded rows.
    pub fn from_rows(rows: Vec<OrgRow>) -> Self {
        let mut t = OrgTable {
            rows,
            ..Default::default()
        };
        t.rerank();
        t
    }

    /// Replaces the rows of `ids` with `fresh` (ids missing from `fresh` were unpublished or
    /// deleted and are removed). Ids are database ids: positive and one row each.
    /// The table stays in name order throughout: the kept rows are, and the fresh ones are
    /// sorted and merged in (one pass instead of sorting a million names again after each
    /// edit: 370 ms at a million, with every search waiting on the lock).
    pub fn apply(&mut self, ids: &[i64], mut fresh: Vec<OrgRow>) {
        let mut gone = vec![false; self.rows.len()];
        for &id in ids {
            if let Some(i) = self.index_of(id) {
                gone[i] = true;
            }
        }
        let mut at = 0;
        self.rows.retain(|_| {
            at += 1;
            !gone[at - 1]
        });
        fresh.sort_by(name_order);
        let kept = std::mem::take(&mut self.rows);
        let mut merged = Vec::with_capacity(kept.len() + fresh.len());
        let mut fresh = fresh.into_iter().peekable();
        for row in kept {
            while let Some(f) = fresh.next_if(|f| name_order(f, &row).is_lt()) {
                merged.push(f);
            }
            merged.push(row);
        }
        merged.extend(fresh);
        self.rows = merged;
        self.reindex();
    }

    /// The facet values' row sets, built by `build` on first use since the rows changed.
    pub(crate) fn value_sets(
        &self,
        build: impl FnOnce() -> crate::search::engine::ValueSets,
    ) -> &crate::search::engine::ValueSets {
        self.value_sets.get_or_init(build)
    }

    /// See the field: changes whenever the rows do.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Sorts the rows into name order, then [`OrgTable::reindex`] (~20 ms at 100k).
    fn rerank(&mut self) {
        self.rows.sort_by(name_order);
        self.reindex();
    }

    /// Recomputes name ranks and the id index of rows in name order, and marks the rows
    /// as changed.
    fn reindex(&mut self) {
        static VERSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.version = VERSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.value_sets = Default::default();
        for (i, r) in self.rows.iter_mut().enumerate() {
            r.name_rank = i as u32;
        }
        let max_id = self.rows.iter().map(|r| r.id).max().unwrap_or(0).max(0) as usize;
        self.by_id = vec![u32::MAX; max_id + 1];
        for (i, r) in self.rows.iter().enumerate() {
            if let Ok(id) = usize::try_from(r.id) {
                self.by_id[id] = i as u32;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(id: i64, name: &str) -> OrgRow {
        OrgRow::for_test(
            id,
            name,
            LatLon {
                lat: 55.0,
                lon: 65.0,
            },
        )
    }

    /// What a table shows: each row's id in order, its rank, and the lookups by id.
    fn shown(t: &OrgTable) -> Vec<(i64, u32, Option<usize>)> {
        t.rows()
            .iter()
            .map(|r| (r.id, r.name_rank, t.index_of(r.id)))
            .collect()
    }

    proptest! {
        #[test]
        fn an_edit_leaves_the_table_a_full_rebuild_would_make(
            names in prop::collection::vec(0u8..6, 0..80),
            changed in prop::collection::vec((1i64..100, prop::option::of(0u8..6)), 0..12),
        ) {
            // Few distinct names, so ties are broken by id.
            let name = |n: u8| format!("Клуб {}", ["а", "б", "в", "ё", "е", "я"][usize::from(n)]);
            let before: Vec<OrgRow> =
                names.iter().enumerate().map(|(i, n)| row(i as i64 + 1, &name(*n))).collect();
            let mut t = OrgTable::from_rows(before.clone());
            let ids: Vec<i64> = changed.iter().map(|(id, _)| *id).collect();
            // A changed id with a name is edited (or newly published), without one removed.
            let mut fresh = vec![];
            for (id, n) in &changed {
                if let Some(n) = n {
                    if !fresh.iter().any(|r: &OrgRow| r.id == *id) {
                        fresh.push(row(*id, &name(*n)));
                    }
                }
            }
            let mut after: Vec<OrgRow> =
                before.into_iter().filter(|r| !ids.contains(&r.id)).collect();
            after.extend(fresh.iter().cloned());
            let old_version = t.version();
            t.apply(&ids, fresh);
            prop_assert_eq!(shown(&t), shown(&OrgTable::from_rows(after)));
            prop_assert_ne!(t.version(), old_version);
        }
    }
}
