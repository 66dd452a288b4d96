//! The map's matches: which rows a query's words match, kept as bit sets over the table.
//! Panning and zooming ask the same words over box after box, and at a million
//! organizations a common word's text match costs tens of milliseconds, while the facets
//! and the box then cost a few over the columns ([`Compiled::match_bits`]). A kept set is
//! valid for one table (its version) and one index version (the searcher's generation).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, RwLockReadGuard};

use super::columns::{columns, count, count_and, count_inside, ones, Bits};
use super::query::{all_of, AllHits, QueryWords};
use super::{Compiled, SearchEngine, SearchError, FEW};
use crate::i18n::I18n;
use crate::search::params::{Facet, SearchParams};
use crate::search::table::{OrgTable, MAX_CODES};

/// How many word sets are kept (a million rows: 125 KB each).
const KEEP: usize = 32;

struct Kept {
    words: String,
    searcher: u64,
    table: u64,
    rows: Arc<Bits>,
}

/// The most recently used word sets, newest first.
#[derive(Default)]
pub(super) struct MatchSets {
    kept: Mutex<VecDeque<Kept>>,
}

impl MatchSets {
    fn get(&self, words: &str, searcher: u64, table: u64) -> Option<Arc<Bits>> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let at = kept
            .iter()
            .position(|k| k.words == words && k.searcher == searcher && k.table == table)?;
        let hit = kept.remove(at)?;
        let rows = hit.rows.clone();
        kept.push_front(hit);
        Some(rows)
    }

    fn put(&self, words: String, searcher: u64, table: u64, rows: Arc<Bits>) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        // Sets of another table or index version never apply again.
        kept.retain(|k| k.searcher == searcher && k.table == table && k.words != words);
        kept.push_front(Kept {
            words,
            searcher,
            table,
            rows,
        });
        kept.truncate(KEEP);
    }
}

impl SearchEngine {
    /// The rows matching the query and every filter, as a bit set over the table (with the
    /// table's read guard); `each_row` lists them.
    pub fn matching_bits(
        &self,
        p: &SearchParams,
        i18n: &I18n,
    ) -> Result<(RwLockReadGuard<'_, OrgTable>, Bits), SearchError> {
        let (compiled, words, table) = self.prepare(p, i18n)?;
        let start = if words.plain.is_empty() {
            None
        } else {
            Some(self.text_rows(&compiled, &words, &table)?)
        };
        let bits = compiled.match_bits(&table, start.as_deref());
        Ok((table, bits))
    }

    /// The table rows matching the query and every filter (facets, radius, bbox), in table
    /// order and without duplicates: the map's input. The read guard comes with them, so the
    /// row indices stay valid while the caller uses them.
    pub fn matching(
        &self,
        p: &SearchParams,
        i18n: &I18n,
    ) -> Result<(RwLockReadGuard<'_, OrgTable>, Vec<usize>), SearchError> {
        let (table, bits) = self.matching_bits(p, i18n)?;
        Ok((table, ones(&bits)))
    }

    /// How many matching organizations each okrug has (the map's choropleth): popcounts
    /// over the okrug columns, without a visit to each match.
    pub fn okrug_counts(&self, p: &SearchParams, i18n: &I18n) -> Result<Vec<u64>, SearchError> {
        let (table, bits) = self.matching_bits(p, i18n)?;
        let okrugs = self.catalog.okrugs.len();
        if okrugs > MAX_CODES {
            // Past a mask's width the okrugs have no columns: count row by row.
            let mut counts = vec![0u64; okrugs];
            for r in ones(&bits) {
                if let Some(c) = counts.get_mut(usize::from(table.rows()[r].okrug)) {
                    *c += 1;
                }
            }
            return Ok(counts);
        }
        let kept = columns(&table);
        Ok((0..okrugs)
            .map(|o| {
                kept.rows_with(Facet::Okrug, o)
                    .map_or(0, |rows| count_and(&bits, rows))
            })
            .collect())
    }

    /// The rows the words match, within the search's area: the kept set of all the words,
    /// or, when fewer than [`FEW`] of those lie in the area, the text search's own answer
    /// there (which then admits matches missing one word, as the list does).
    fn text_rows(
        &self,
        compiled: &Compiled,
        words: &QueryWords,
        table: &OrgTable,
    ) -> Result<Arc<Bits>, SearchError> {
        let searcher = self.index.reader.searcher();
        let generation = searcher.generation().generation_id();
        let key = format!("{}\u{1}{}", words.plain.join(" "), words.last_is_prefix);
        let all = match self.match_sets.get(&key, generation, table.version()) {
            Some(rows) => rows,
            None => {
                let hits = if self.dense_pays(&searcher, words, None) {
                    self.dense_hits(&searcher, words, false, None, false)?
                } else {
                    let q = all_of(&self.per_word(words));
                    searcher.search(&q, &AllHits { scoring: false })?
                };
                let rows = Arc::new(to_bits(table, hits.into_iter().map(|h| h.0)));
                self.match_sets
                    .put(key, generation, table.version(), rows.clone());
                rows
            }
        };
        if words.plain.len() < 2 {
            return Ok(all);
        }
        let kept = columns(table);
        let inside = match compiled.area() {
            Some(area) => count_inside(&all, &kept.at, area),
            None => count(&all) as usize,
        };
        if inside >= FEW {
            return Ok(all);
        }
        let hits = self.text_hits(&searcher, words, false, compiled.area())?;
        Ok(Arc::new(to_bits(table, hits.into_iter().map(|h| h.0))))
    }
}

/// The rows of organization ids, as a bit set (ids not in the table are left out).
fn to_bits(table: &OrgTable, ids: impl Iterator<Item = i64>) -> Bits {
    let mut bits = vec![0u64; table.len().div_ceil(64)];
    for id in ids {
        if let Some(r) = table.index_of(id) {
            bits[r / 64] |= 1 << (r % 64);
        }
    }
    bits
}
